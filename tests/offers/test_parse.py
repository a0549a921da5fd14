"""Pasted offers, the way people write them: each case is what a careful person would read."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import OfferError
from bot.offers import MAX_CHARS
from bot.offers.parse import parse_offers

# (paste, expected offer fields; keys not listed are not checked)
CASES: list[tuple[str, dict[str, Any]]] = [
    # one-liners
    (
        "Segment came back with 205k base, 240k RSUs vesting over 4 yrs, 10% target bonus and a 30k sign-on",
        {
            "base": 205_000,
            "stock_total": 240_000,
            "stock_years": 4,
            "stock_per_year": 60_000,
            "bonus_pct": 10,
            "signing": 30_000,
        },
    ),
    (
        "170k + 10% + 120k/4, no signing",
        {"base": 170_000, "bonus_pct": 10, "stock_total": 120_000, "stock_years": 4, "signing": 0},
    ),
    ("TC 290k (base 198)", {"base": 198_000, "total_comp_stated": 290_000, "stock_total": None}),
    ("base 210, 15% bonus", {"base": 210_000, "bonus_pct": 15}),
    (
        "$232K base, $282K RSUs over 4 years, 13% bonus, $65K signing",
        {
            "base": 232_000,
            "stock_total": 282_000,
            "bonus_pct": 13,
            "signing": 65_000,
            "currency": "USD",
        },
    ),
    # recruiter emails and lists, labels in any order
    (
        "Hi Sam,\n\nWe're thrilled to offer you the role.\n\nBase salary: $185,000\nEquity: 60k/yr\nAnnual bonus: 15% target\nSign-on bonus: $25,000\n\nBest, Recruiting",
        {
            "base": 185_000,
            "stock_per_year": 60_000,
            "stock_total": None,  # a yearly value with no grant length: the total is unknown
            "bonus_pct": 15,
            "signing": 25_000,
            "currency": "USD",
        },
    ),
    (
        "- Signing: $20,000\n- RSUs: $160,000 (4 years)\n- Base: $175,000",
        {"base": 175_000, "stock_total": 160_000, "signing": 20_000},
    ),
    (
        "• Base pay — $190,000\n• Target bonus — 12%\n• Equity grant — $300,000 over four years",
        {"base": 190_000, "bonus_pct": 12, "stock_total": 300_000, "stock_years": 4},
    ),
    ("Bonus: $20k\nBase: $180k", {"base": 180_000, "bonus_amount": 20_000, "bonus_pct": None}),
    # amount styles
    ("base $185,000", {"base": 185_000}),
    ("base 185K", {"base": 185_000}),
    ("base 185k", {"base": 185_000}),
    ("TC 1.2M, base 400k", {"total_comp_stated": 1_200_000, "base": 400_000}),
    (
        "£95,000 base, £80k RSUs over 4 years, 10% bonus",
        {"currency": "GBP", "base": 95_000, "stock_total": 80_000},
    ),
    (
        "Base: €85.000, RSU: €40.000 vesting 5/15/40/40",
        {
            "currency": "EUR",
            "base": 85_000,
            "stock_total": 40_000,
            "vesting": [5, 15, 40, 40],
            "stock_years": 4,
        },
    ),
    ("₹45L fixed, 10% variable", {"currency": "INR", "base": 4_500_000, "bonus_pct": 10}),
    ("45 LPA base", {"currency": "INR", "base": 4_500_000}),
    (
        "CTC fixed 1.2 Cr, joining bonus 10L",
        {"currency": "INR", "base": 12_000_000, "signing": 1_000_000},
    ),
    (
        "CHF 180,000 base, CHF 40,000 RSUs per year",
        {"currency": "CHF", "base": 180_000, "stock_per_year": 40_000},
    ),
    ("base 150000 GBP", {"currency": "GBP", "base": 150_000}),
    ("base USD 200k", {"currency": "USD", "base": 200_000}),
    # stock forms, vesting, kinds
    ("base 200k, 240k/4 RSUs", {"stock_total": 240_000, "stock_years": 4}),
    ("base 200k, RSUs 60k/yr", {"stock_per_year": 60_000, "stock_total": None}),
    ("base 200k, RSUs 60k/yr over 4 years", {"stock_per_year": 60_000, "stock_total": 240_000}),
    (
        "base 200k, 200k RSUs, 25/25/25/25 vesting, 1-year cliff",
        {"vesting": [25, 25, 25, 25], "cliff_months": 12, "stock_years": 4},
    ),
    ("base 200k, 300k RSUs vesting 33/33/22/12", {"vesting": [33, 33, 22, 12]}),
    ("base 200k, 90k RSUs over 3 years", {"stock_years": 3, "stock_per_year": 30_000}),
    ("base 150k, 100k options over 4 years", {"stock_kind": "options", "stock_total": 100_000}),
    ("base 150k, 0.5% equity", {"equity_pct": 0.5, "stock_total": None}),
    ("base 150k, 80k RSUs", {"stock_kind": "rsu", "stock_years": None, "vesting": None}),
    # bonus, signing, relocation
    ("base 200k, bonus 15%", {"bonus_pct": 15}),
    ("base 200k, bonus $30,000", {"bonus_amount": 30_000}),
    ("base 200k, $50k signing split over two years", {"signing": 50_000, "signing_years": 2}),
    ("sign-on of 25k in year 1 and 15k in year 2, base 200k", {"signing": 40_000}),
    ("base 190k, relocation 10k", {"relocation": 10_000, "signing": None}),
    ("base 190k, no sign-on", {"signing": 0}),
    ("base 190k, no bonus", {"bonus_pct": 0}),
    ("base 190k\nsigning: none", {"signing": 0}),
    ("base 190k\nsigning: N/A", {"signing": None}),
    ("base 190k\nsigning bonus: TBD", {"signing": None}),
    # hourly and monthly
    ("$85/hr, 40 hrs/week", {"base": 85 * 40 * 52}),
    ("$15k/month base", {"base": 180_000}),
    ("₹3.5L per month fixed", {"base": 4_200_000, "currency": "INR"}),
    # ranges
    ("base 180-200k, 10% bonus", {"base": None, "bonus_pct": 10}),
    ("base $180K–$200K, RSUs $100K–$120K, 20k sign-on", {"base": None, "stock_total": None}),
    ("base somewhere between 175 and 195k, 15k sign-on", {"base": None, "signing": 15_000}),
    # unicode oddities
    ("Ｂａｓｅ　２００ｋ, ＲＳＵｓ　１２０ｋ", {"base": 200_000, "stock_total": 120_000}),
    ("base\u00a0200k,\u00a0bonus\u00a010%", {"base": 200_000, "bonus_pct": 10}),
    ("🎉 base 200k 🚀 RSUs 100k 💸", {"base": 200_000, "stock_total": 100_000}),
    (
        "base 200k – bonus 10% — RSUs 100k",
        {"base": 200_000, "bonus_pct": 10, "stock_total": 100_000},
    ),
    # recruiter phrasing: share counts, a formula with one unlabelled figure, changes, shorthand
    (
        "an annual base salary of USD 210,000 and a new hire grant of 2,400 RSUs valued at approximately $240,000, vesting quarterly over four years",
        {"base": 210_000, "stock_total": 240_000, "stock_years": 4},
    ),
    (
        "£110k + 10% bonus + £60k RSUs (3 yr vest)",
        {"base": 110_000, "bonus_pct": 10, "stock_total": 60_000, "stock_years": 3},
    ),
    (
        "they bumped base from 190 to 205, rsus from 200 to 240",
        {"base": 205_000, "stock_total": 240_000},
    ),
    (
        "TC breakdown: $200k/$300k/15%",
        {"base": 200_000, "stock_total": 300_000, "bonus_pct": 15, "currency": "USD"},
    ),
    (
        "Initial offer was 180k/150k/10%, revised is 195k/200k/12%",
        {"base": 195_000, "stock_total": 200_000, "bonus_pct": 12, "label": "revised"},
    ),
    (
        "original 180/150/10%. now 190/200/12%",
        {"base": 190_000, "bonus_pct": 12, "label": "revised"},
    ),
    # a chat with the offer inside it
    (
        "hey! so I finally heard back from them\nthey said the team loved me lol\n"
        "anyway: base is 195k, there's a 12% bonus and 180k in RSUs over 4 years\n"
        "no signing though :( what do you think?",
        {"base": 195_000, "bonus_pct": 12, "stock_total": 180_000, "signing": 0},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_parse(text: str, expected: dict[str, Any]) -> None:
    offer = parse_offers(text).offer.as_dict()
    for key, value in expected.items():
        got = offer.get(key)
        if isinstance(value, list):
            assert got == [float(v) for v in value], (key, offer)
        elif value is None:
            assert got is None, (key, offer)
        elif isinstance(value, str):
            assert got == value, (key, offer)
        else:
            assert got == pytest.approx(value), (key, offer)


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("text", "assumption"),
    [
        ("base 210", "read 210 as 210,000"),
        ("$85/hr, 40 hrs/week", "annualised $85/hr x 2080 hours (full time) = $176,800"),
        ("$15k/month base", "annualised $15k/month x 12 monthly payments = $180,000"),
        ("4.200 € brutto im Monat, 14 Gehälter", "x 14 monthly payments = €58,800"),
        ("sign-on 25k now + 15k after a year, base 200k", "added the signing amounts"),
    ],
)
def test_every_assumption_is_written_down(text: str, assumption: str) -> None:
    assert any(assumption in a for a in parse_offers(text).offer.assumptions)


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("base 180-200k, 10% bonus", "given as a range"),
        ("base 200k, bonus up to 20%", "a ceiling ('up to')"),
        ("base 200k, 30k sign-on, and 50k", "couldn't tell what 50k is"),
    ],
)
def test_what_is_left_out_is_said(text: str, warning: str) -> None:
    assert any(warning in w for w in parse_offers(text).offer.warnings)


def test_no_grant_length_is_guessed() -> None:
    offer = parse_offers("base 150k, 80k RSUs").offer
    assert (offer.stock_years, offer.stock_per_year) == (None, None)
    assert not any("assumed" in a for a in offer.assumptions)


def test_figures_keep_their_spans() -> None:
    paste = parse_offers("Base salary: $185,000 and a 30k sign-on")
    for source in paste.offer.sources:
        assert paste.text[source.start : source.end] == source.text
    assert {s.text for s in paste.offer.sources} == {"$185,000", "30k"}


def test_stock_in_another_currency_than_pay() -> None:
    offer = parse_offers("₹45 LPA fixed, $40k USD RSUs/yr").offer
    assert offer.currency == "INR"
    assert offer.as_dict()["stock_currency"] == "USD"
    assert offer.stock_per_year == 40_000


def test_hourly_without_hours_is_not_guessed() -> None:
    offer = parse_offers("$85/hr contract").offer
    assert (offer.base, offer.rate, offer.rate_per) == (None, 85, "hour")
    assert any("tell me the hours per week" in w for w in offer.warnings)


def test_original_and_revised_offer_scores_the_revised() -> None:
    paste = parse_offers(
        "Original offer: 180k base, 10% bonus. Revised: 195k base, 12% bonus, 20k signing"
    )
    assert paste.offer.label == "revised"
    assert (paste.offer.base, paste.offer.bonus_pct, paste.offer.signing) == (195_000, 12, 20_000)
    (other,) = paste.others
    assert (other.base, other.bonus_pct, other.label) == (180_000, 10, "original")


def test_two_offers_in_one_paste_keep_the_first() -> None:
    paste = parse_offers(
        "Stripe: 200k base, 150k RSUs/4. Segment: 210k base, 240k RSUs over 4 years"
    )
    assert (paste.offer.base, paste.offer.stock_total) == (200_000, 150_000)
    assert [(o.base, o.stock_total) for o in paste.others] == [(210_000, 240_000)]
    assert "Segment" in paste.others[0].text


def test_a_share_count_alone_is_not_money() -> None:
    offer = parse_offers("base 200k and 2,400 RSUs").offer
    assert (offer.stock_total, offer.stock_per_year, offer.shares) == (None, None, 2_400)
    assert offer.as_dict()["shares"] == 2_400


def test_unlabelled_figure_is_reported_not_guessed() -> None:
    offer = parse_offers("base 200k, and 50k").offer
    assert offer.base == 200_000
    assert any("couldn't tell what 50k is" in w for w in offer.warnings)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Paste the offer"),
        ("   \n\t ", "Paste the offer"),
        ("hello there, how are you", "couldn't find pay figures"),
        ("a $5 base", "doesn't look like a year's pay"),
        ("-200k base", "ignored a negative amount"),
        ("x" * (MAX_CHARS + 1), "I read offers up to 16 KB"),
        ("asdf qwer 1234 zxcv", "couldn't find pay figures"),
    ],
)
def test_bad_input_gets_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(OfferError) as info:
        parse_offers(text)
    assert message in str(info.value)


def test_a_fifty_kilobyte_paste_is_refused_politely() -> None:
    with pytest.raises(OfferError, match="That paste is 50 KB"):
        parse_offers("base 200k " * 5_000)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2_000))
def test_parser_never_raises_anything_but_offer_error(text: str) -> None:
    try:
        paste = parse_offers(text)
    except OfferError:
        return
    assert paste.offer.has_figures


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789kKmM$£€₹%.,/-+ \nbasebonusRSUsigningyrLPA")),
        max_size=300,
    )
)
def test_parser_survives_figure_soup(text: str) -> None:
    try:
        paste = parse_offers(text)
    except OfferError as exc:
        assert str(exc), "every refusal says why"
        return
    for offer in (paste.offer, *paste.others):
        assert offer.has_figures
        for source in offer.sources:
            assert paste.text[source.start : source.end] == source.text
        assert (
            offer.base is None or offer.base == 0 or offer.base >= 10_000
        )  # 0 only when "no base"


OFFER_FORMATS = [
    "base {base}, {stock} RSUs over {years} years, {bonus}% bonus, {signing} signing",
    "Base salary: {base}\nRSUs: {stock} vesting over {years} years\nTarget bonus: {bonus}%\nSign-on bonus: {signing}",
    "{base} base + {bonus}% bonus + {stock}/{years} RSUs, {signing} sign-on",
]


@settings(max_examples=200)
@given(
    base=st.integers(40, 900).map(lambda k: k * 1000),
    stock=st.integers(10, 2000).map(lambda k: k * 1000),
    years=st.integers(1, 5),
    bonus=st.integers(0, 50),
    signing=st.integers(1, 200).map(lambda k: k * 1000),
    currency=st.sampled_from([("$", "USD"), ("£", "GBP"), ("€", "EUR")]),
    style=st.sampled_from(["k", "full"]),
    layout=st.sampled_from(OFFER_FORMATS),
)
def test_generated_offers_round_trip(
    base: int,
    stock: int,
    years: int,
    bonus: int,
    signing: int,
    currency: tuple[str, str],
    style: str,
    layout: str,
) -> None:
    symbol, code = currency

    def show(amount: int) -> str:
        return f"{symbol}{amount // 1000}k" if style == "k" else f"{symbol}{amount:,}"

    text = layout.format(
        base=show(base), stock=show(stock), years=years, bonus=bonus, signing=show(signing)
    )
    offer = parse_offers(text).offer
    assert offer.currency == code
    assert offer.base == base
    assert offer.stock_total == stock
    assert offer.stock_years == years
    assert offer.bonus_pct == bonus
    assert offer.signing == signing

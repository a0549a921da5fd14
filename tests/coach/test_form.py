"""The offer form behind the Edit modal: prefilled from what was read, read back strictly."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.coach import Coach
from bot.coach.form import FIELDS, prefill, read_form
from bot.coach.replies import OfferReply
from bot.guides import Library
from bot.index import GuideIndex
from bot.offers.parse import parse_offers

KEYS = {f.key for f in FIELDS}


@pytest.fixture(scope="module")
def index(library: Library) -> GuideIndex:
    return GuideIndex(library.guides)


def form(**values: str) -> dict[str, str]:
    return {"guide": "segment ai cdp", "region": "London", **values}


def test_prefill_shows_what_was_read(index: GuideIndex) -> None:
    offer = parse_offers("205k base, 240k RSUs vesting 25/25/25/25, 10% bonus").offer
    guide = index.get("segment/ai-cdp-platform-engineer")
    values = prefill(offer, guide, "London")
    assert set(values) == KEYS
    assert values == {
        "guide": "Segment AI CDP Platform Engineer",
        "region": "London",
        "base": "205000",
        "stock_total": "240000",
        "stock_years": "25/25/25/25",
        "bonus_pct": "10",
        "signing": "",
    }


def test_a_bonus_read_as_money_is_prefilled_as_money(index: GuideIndex) -> None:
    offer = parse_offers("150k base, 20k bonus").offer
    assert offer.bonus_amount == 20_000 and offer.bonus_pct is None
    values = prefill(offer, None, None)
    assert values["bonus_pct"] == "20000"
    result = read_form(form(**{**values, "guide": "segment ai cdp", "region": "London"}), index)
    assert result.offer is not None and result.offer.bonus_amount == 20_000


def test_an_empty_form_opens_empty() -> None:
    assert prefill(None, None, None) == dict.fromkeys(KEYS, "")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (form(base="150k"), {"base": 150_000, "currency": "GBP", "stock_total": None}),
        (form(base="£150,000", signing="0"), {"base": 150_000, "signing": 0}),
        (form(base="150"), {"base": 150_000}),  # a bare number in a salary field is thousands
        (
            form(base="150k", stock_total="120k", stock_years="5/15/40/40"),
            {"stock_total": 120_000, "stock_years": 4, "vesting": (5, 15, 40, 40)},
        ),
        (
            form(base="150k", stock_total="120k"),
            {"stock_years": 4, "stock_per_year": 30_000},
        ),
        (form(base="150k", bonus_pct="12.5%"), {"bonus_pct": 12.5}),
        (form(base="150k", bonus_pct="12,5"), {"bonus_pct": 12.5}),
        (form(base="150k", bonus_pct="£20k"), {"bonus_amount": 20_000, "bonus_pct": None}),
        (form(base="150k", bonus_pct="20000"), {"bonus_amount": 20_000}),
    ],
)
def test_valid_forms_read_as_offers(
    index: GuideIndex, values: dict[str, str], expected: dict[str, Any]
) -> None:
    result = read_form(values, index)
    assert not result.errors
    assert result.offer is not None and result.guide is not None
    assert result.region == "London"
    for key, value in expected.items():
        assert getattr(result.offer, key) == value, key


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (form(guide="", base="150k"), "guide"),
        (form(guide="nimbus robotics", base="150k"), "guide"),
        (form(region="Paris", base="150k"), "region"),
        (form(region="", base="150k"), "region"),  # the guide has three regions
        (form(base="a lot"), "base"),
        (form(base="-150k"), "base"),
        (form(base="150k", stock_total="9e12"), "stock_total"),
        (form(base="150k", stock_years="40"), "stock_years"),
        (form(base="150k", stock_years="50/50/50"), "stock_years"),
        (form(base="150k", stock_years="²"), "stock_years"),  # a digit to isdigit(), not to int()
        (form(base="150k", bonus_pct="nan"), "bonus_pct"),
        (form(base="150k", bonus_pct="900"), "bonus_pct"),  # a percent, or 900 of money?
        (form(base="150k", bonus_pct="250%"), "bonus_pct"),
        (form(), "base"),  # no figure at all
    ],
)
def test_each_invalid_field_is_named_with_a_reason(
    index: GuideIndex, values: dict[str, str], field: str
) -> None:
    result = read_form(values, index)
    assert result.offer is None
    assert result.errors.get(field)


@given(st.dictionaries(st.sampled_from([*sorted(KEYS), "other"]), st.text(max_size=200)))
def test_any_submission_reads_as_an_offer_or_as_errors_on_known_fields(
    library: Library, values: dict[str, str]
) -> None:
    result = read_form(values, GuideIndex(library.guides[:2]))
    assert (result.offer is None) == bool(result.errors)
    assert set(result.errors) <= KEYS


def test_a_corrected_form_is_rescored(library: Library, index: GuideIndex) -> None:
    result = read_form(form(base="150k", stock_total="150k", bonus_pct="10"), index)
    assert result.offer is not None and result.guide is not None
    answer = Coach(index).rescore(result.offer, result.guide, result.region)
    assert isinstance(answer.reply, OfferReply)
    assert answer.reply.assessment.band.region == "London"
    assert answer.reply.assessment.currency == "GBP"

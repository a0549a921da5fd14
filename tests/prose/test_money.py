"""Amounts as people write them, and compact formatting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.prose.money import (
    CURRENCIES,
    find_amounts,
    format_money,
    parse_amount,
    parse_range,
    retirement_plan_at,
)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$192K", 192_000, "USD"),
        ("$185,000", 185_000, "USD"),
        ("185k", 185_000, None),
        ("1.2M", 1_200_000, None),
        ("£138K", 138_000, "GBP"),
        ("€85.000", 85_000, "EUR"),
        ("€95,500", 95_500, "EUR"),
        ("₹45L", 4_500_000, "INR"),
        ("45L", 4_500_000, "INR"),
        ("45 LPA", 4_500_000, "INR"),
        ("1.2 Cr", 12_000_000, "INR"),
        ("Rs.45,00,000", 4_500_000, "INR"),
        ("CHF 180,000", 180_000, "CHF"),
        ("CHF180K", 180_000, "CHF"),
        ("185,000 USD", 185_000, "USD"),
        ("US$185k", 185_000, "USD"),
        ("C$150K", 150_000, "CAD"),
        ("150 thousand", 150_000, None),
        ("2 million", 2_000_000, None),
    ],
)
def test_single_amounts(text: str, value: float, currency: str | None) -> None:
    amount = parse_amount(text)
    assert amount is not None, text
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency


@pytest.mark.parametrize("text", ["L5", "E5", "v1.2", "abc123", "ICT4"])
def test_digits_inside_words_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_negative_and_plus_are_marked() -> None:
    neg, plus = find_amounts("-200k base, offers at $430K+")
    assert neg.negative and neg.value == 200_000
    assert plus.plus and plus.value == 430_000 and plus.currency == "USD"


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("401k match 4%", True),
        ("401(k) with 6% match", True),
        ("a 401 k plan", True),
        ("$401k base", False),
        ("$ 401k grant", False),
        ("usd 401k", False),
        ("401k eur", False),
        ("401k rsus over 4 years", False),
        ("4010 shares", False),
    ],
)
def test_a_401k_is_the_plan_unless_money_words_say_amount(text: str, plan: bool) -> None:
    at = text.index("401")
    assert (retirement_plan_at(text, at) is not None) is plan


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("$192K–$235K", 192_000, 235_000),
        ("£138K - £170K", 138_000, 170_000),
        ("10–15%", 10, 15),
        ("$192K–235K", 192_000, 235_000),
        ("CHF 170K–CHF 210K", 170_000, 210_000),
        ("₹45L–₹60L", 4_500_000, 6_000_000),
        ("10%", 10, 10),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    pair = parse_range(text)
    assert pair is not None
    assert (pair[0].value, pair[1].value) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text", ["n/a", "", "$192K and then some", "TBD–TBD"])
def test_not_ranges(text: str) -> None:
    assert parse_range(text) is None


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (232_000, "USD", "$232K"),
        (138_000, "GBP", "£138K"),
        (4_500_000, "INR", "₹45L"),
        (12_000_000, "INR", "₹1.2Cr"),
        (180_000, "CHF", "CHF 180K"),
        (1_200_000, "USD", "$1.2M"),
        (249_950, "USD", "$250K"),
        (850, "EUR", "€850"),
        (-17_000, "USD", "-$17K"),
    ],
)
def test_format_money(amount: float, currency: str, expected: str) -> None:
    assert format_money(amount, currency) == expected


@given(
    st.integers(min_value=1, max_value=999_999_999),
    st.sampled_from(["USD", "GBP", "EUR", "INR", "CHF"]),
)
def test_exact_format_round_trips(value: int, currency: str) -> None:
    text = format_money(value, currency, exact=True)
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == value
    assert amount.currency == currency


@given(st.text(max_size=200))
def test_find_amounts_never_raises_and_spans_are_real(text: str) -> None:
    for amount in find_amounts(text):
        assert text[amount.start : amount.end] == amount.text
        assert amount.value >= 0


def test_every_currency_has_a_symbol() -> None:
    assert {"USD", "GBP", "EUR", "INR", "CHF"} <= CURRENCIES

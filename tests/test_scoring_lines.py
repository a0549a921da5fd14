"""The guide's lines and targets against an offer: which way each comparison goes, a yearly
stock line against the offer's stock per year, and a sign-on in instalments as one ask."""

from __future__ import annotations

import pytest

from bot.guides import Guide, parse_guide
from bot.offers.parse import parse_offers
from bot.scoring import assess

GUIDE = """---
company: acme
role: engineer
compensation:
  - region: New York
    currency: USD
    base: "$160K-$200K"
    stock: "$200K-$320K"
    bonus_pct: 10
---
> **Negotiate Up:** "I'd like a $195K base and a $30K sign-on in year one and $10K in year two."

{lines}
"""


def guide(lines: str) -> Guide:
    return parse_guide(GUIDE.format(lines=lines)).guide


def check(lines: str, offer: str) -> tuple[bool | None, float | None, float | None]:
    g = guide(lines)
    assert len(g.thresholds) == 1
    found = assess(parse_offers(offer).offer, g, g.bands[0]).threshold
    assert found is not None
    return found.cleared, found.value, found.line


@pytest.mark.parametrize(
    ("line", "offer", "cleared"),
    [
        # walk-away lines: "below X" is cleared at X, "at most X" is not
        ("Walk away below $170K base.", "$170K base", True),
        ("Walk away below $170K base.", "$169K base", False),
        ("Walk away if the base is at most $170K.", "$170K base", False),
        ("Walk away if the base is at most $170K.", "$171K base", True),
        # accept lines: "above X" needs more than X (within a unit), "X or more" X itself
        ("Accept if base is above $190K.", "$190.5K base", True),
        ("Accept if base is above $190K.", "$189K base", False),
        ("Accept if base is $190K or more.", "$190K base", True),
        ("Accept if base is $190K or more.", "$189K base", False),
        # a walk-away line worded as the floor it keeps: cleared at or over it
        ("Walk away unless the base is at least $170K.", "$175K base", True),
        ("Walk away unless the base is at least $170K.", "$165K base", False),
        # a percent gets no allowance for rounding
        ("Accept if the bonus is above 15%.", "$200K base, 14.1% bonus", False),
        ("Accept if the bonus is above 15%.", "$200K base, 15.5% bonus", True),
    ],
)
def test_each_comparison_goes_the_right_way(line: str, offer: str, cleared: bool) -> None:
    assert check(line, offer)[0] is cleared


@pytest.mark.parametrize(
    ("offer", "cleared", "value"),
    [
        ("$190K base, $280K RSUs over 4 years", True, 70_000),
        ("$190K base, $240K RSUs over 4 years", False, 60_000),
        # a smaller grant over fewer years is more a year: the line is about the year
        ("$190K base, $210K RSUs over 3 years", True, 70_000),
    ],
)
def test_a_yearly_stock_line_is_checked_against_the_offers_stock_per_year(
    offer: str, cleared: bool, value: float
) -> None:
    found = check("Accept if you get $70K/yr in RSUs or more.", offer)
    assert found == (cleared, pytest.approx(value), pytest.approx(70_000))


def test_a_grant_stock_line_is_checked_against_the_grant() -> None:
    found = check("Accept if above $265K RSUs.", "$190K base, $280K RSUs over 4 years")
    assert found == (True, pytest.approx(280_000), pytest.approx(265_000))


def test_a_sign_on_in_instalments_is_one_ask_of_their_sum() -> None:
    g = guide("")
    assert [t.amount for t in g.targets if t.component.value == "signing"] == [30_000, 10_000]
    a = assess(
        parse_offers("$180K base, $250K RSUs over 4 years, 10% bonus, $20K sign-on").offer,
        g,
        g.bands[0],
    )
    (gap,) = [t for t in a.targets if t.component.value == "signing"]
    assert (gap.target, gap.value) == (40_000, 20_000)
    (ask,) = [c for c in a.counter if c.component.value == "signing"]
    assert ask.amount == 40_000
    assert a.script is not None and "$30K sign-on in year one and $10K in year two" in a.script


def test_the_counter_clears_a_yearly_stock_line_in_grant_terms() -> None:
    g = guide("Accept if you get $90K/yr in RSUs or more.")
    a = assess(parse_offers("$190K base, $200K RSUs over 4 years, 10% bonus").offer, g, g.bands[0])
    (ask,) = [c for c in a.counter if c.component.value == "stock"]
    assert ask.amount >= 90_000 * 4  # the grant that clears $90K a year, not $90K

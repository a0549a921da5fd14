"""Scoring offers against the real seed: the verdicts a coach would give."""

from __future__ import annotations

import pytest

from bot.errors import LeverageError, ScoringError
from bot.guides import Guide, load_library
from bot.offers.parse import parse_offers
from bot.prose.components import Component
from bot.scoring import Assessment, Place, Position, Verdict, assess
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def seed() -> Guide:
    (guide,) = load_library(ROOT / "seeds").guides
    return guide


def score(seed: Guide, text: str, region: str) -> Assessment:
    band = seed.band(region)
    assert band is not None
    return assess(parse_offers(text).offer, seed, band)


def position(a: Assessment, component: Component) -> Position | None:
    return next((p for p in a.positions if p.component is component), None)


def test_the_seeds_own_ask_meets_the_threshold_and_is_accept(seed: Guide) -> None:
    a = score(seed, "$232K base, $282K RSUs over 4 years, 13% bonus, $65K signing", "San Francisco")
    assert a.verdict is Verdict.ACCEPT
    assert a.meets_threshold is True
    assert a.threshold is not None and a.threshold.gap == 17_000
    assert a.score >= 80
    assert all(ask.current is not None and ask.current >= ask.amount for ask in a.counter)


def test_a_low_offer_is_negotiate_with_a_counter_at_or_above_the_targets(seed: Guide) -> None:
    a = score(seed, "$200K base, $200K RSUs over 4 years, 10% bonus", "San Francisco")
    assert a.verdict is Verdict.NEGOTIATE
    assert a.meets_threshold is False
    assert a.threshold is not None and a.threshold.gap == -65_000
    counter = {ask.component: ask.amount for ask in a.counter}
    assert counter[Component.BASE] >= 232_000
    assert counter[Component.STOCK] >= 282_000
    assert counter[Component.BONUS] >= 13
    assert counter[Component.SIGNING] >= 65_000
    assert all(ask.levers for ask in a.counter), "every ask names the levers behind it"
    assert a.script is not None and a.script.startswith(
        "I'd like $282K in Twilio RSUs over 4 years"
    )


def test_positions_and_totals_are_computed_one_way(seed: Guide) -> None:
    a = score(seed, "$200K base, $200K RSUs over 4 years, 10% bonus, $40K signing", "San Francisco")
    base = position(a, Component.BASE)
    stock = position(a, Component.STOCK)
    assert base is not None and base.percent == pytest.approx((200 - 192) / (235 - 192) * 100)
    assert base.place is Place.LOW
    assert stock is not None and stock.percent == pytest.approx((200 - 155) / (290 - 155) * 100)
    # 200K + 20K bonus + 50K stock a year; signing apart.
    assert a.year_one == pytest.approx(270_000)
    assert a.average == pytest.approx(270_000)
    assert a.signing == 40_000
    total = position(a, Component.TOTAL)
    assert total is not None and total.place is Place.BELOW


def test_back_loaded_vesting_lowers_year_one_not_the_average(seed: Guide) -> None:
    a = score(seed, "$200K base, $200K RSUs vesting 5/15/40/40, 10% bonus", "San Francisco")
    assert a.year_one == pytest.approx(200_000 + 20_000 + 10_000)
    assert a.average == pytest.approx(270_000)


def test_a_london_offer_is_scored_against_the_london_band_in_gbp(seed: Guide) -> None:
    a = score(seed, "£150K base, £150K RSUs over 4 years, 10% bonus", "London")
    assert a.band.region == "London" and a.currency == "GBP"
    base = position(a, Component.BASE)
    assert base is not None and base.band.low == 138_000
    check = a.threshold
    assert check is not None
    # The $265K line is carried over by its place in the band, and said so.
    assert check.line is not None and check.line != 265_000
    assert check.note is not None and "$265K" in check.note and "London" in check.note
    assert a.script is not None and "£" in a.script


def test_a_gbp_offer_against_a_usd_band_is_refused_not_converted(seed: Guide) -> None:
    band = seed.band("San Francisco")
    assert band is not None
    with pytest.raises(ScoringError, match="I don't convert currencies") as raised:
        assess(parse_offers("£150K base").offer, seed, band)
    assert isinstance(raised.value, LeverageError)  # the edges catch one tree


def test_far_below_the_band_is_walk_away(seed: Guide) -> None:
    a = score(seed, "$120K base, $40K RSUs, 5% bonus", "San Francisco")
    assert a.verdict is Verdict.WALK_AWAY
    assert a.score < 20


def test_missing_components_do_not_break_scoring(seed: Guide) -> None:
    a = score(seed, "$300K RSUs over 4 years", "New York")
    assert a.year_one is None and a.average is None
    assert a.meets_threshold is True
    assert position(a, Component.BASE) is None


def test_walk_away_line_of_another_guide() -> None:
    from tests.conftest import GUIDES

    amazon = next(g for g in load_library(GUIDES).guides if g.id == "amazon/sde-ii")
    band = amazon.band("Seattle")
    assert band is not None
    a = assess(parse_offers("$150K base, $120K RSUs").offer, amazon, band)
    assert a.verdict is Verdict.WALK_AWAY
    assert a.threshold is not None and a.threshold.cleared is False and a.threshold.gap == -10_000
    assert a.score <= 25


def test_the_verdict_waits_for_base_stock_and_bonus_not_for_a_signing_bonus(seed: Guide) -> None:
    full = score(seed, "$232K base, $282K RSUs over 4 years, 13% bonus", "San Francisco")
    assert full.settled and full.missing == ()
    assert full.offer.missing == (Component.SIGNING,)
    partial = score(seed, "$232K base, 13% bonus", "San Francisco")
    assert not partial.settled and partial.missing == (Component.STOCK,)
    # never a walk-away on what was not stated
    low = score(seed, "$90K base", "San Francisco")
    assert not low.settled and set(low.missing) == {Component.STOCK, Component.BONUS}
    assert low.verdict is not Verdict.ACCEPT

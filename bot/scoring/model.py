"""The typed values of an assessment: where each component sits, the line checked, the gaps
to the guide's targets, the counter, and the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.guides.coaching import Lever, Threshold
from bot.guides.model import Band, Guide, Span
from bot.offers.model import Offer
from bot.prose.components import Component

HORIZON_YEARS = 4
COUNTER_POSITION = 75.0  # ask for at least the 75th percentile of a band
WALK_AWAY_FRACTION = 0.85  # total comp this far under the band's low end is not worth chasing


class Verdict(StrEnum):
    WALK_AWAY = "walk_away"
    NEGOTIATE = "negotiate"
    ACCEPT = "accept"


class Place(StrEnum):
    BELOW = "below"
    LOW = "low"
    MID = "mid"
    HIGH = "high"
    ABOVE = "above"


@dataclass(frozen=True)
class Position:
    """Where one component of the offer sits in its band."""

    component: Component
    value: float  # in the band's terms: base, stock over the band's vesting years, bonus %
    band: Span
    percent: float  # 0 at the band's low end, 100 at its high end
    is_pct: bool = False

    @property
    def place(self) -> Place:
        if self.percent < 0:
            return Place.BELOW
        if self.percent > 100:
            return Place.ABOVE
        return (
            Place.LOW
            if self.percent < 100 / 3
            else Place.MID
            if self.percent <= 200 / 3
            else Place.HIGH
        )


@dataclass(frozen=True)
class ThresholdCheck:
    threshold: Threshold
    cleared: bool | None  # None: could not be compared
    value: float | None = None  # the offer's figure, in the line's terms
    line: float | None = None  # the line in the offer's currency
    gap: float | None = None  # value - line: negative is short
    note: str | None = None  # how a line in another currency was carried over, or why not


@dataclass(frozen=True)
class TargetGap:
    component: Component
    target: float  # in the offer's currency (or percent)
    value: float | None
    is_pct: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Ask:
    """One line of the counter-offer."""

    component: Component
    amount: float
    current: float | None
    is_pct: bool = False
    levers: tuple[Lever, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class Assessment:
    guide: Guide
    band: Band
    offer: Offer
    currency: str
    positions: tuple[Position, ...]
    year_one: float | None
    average: float | None  # yearly, over the first four years, without signing
    signing: float | None
    verdict: Verdict
    score: int
    threshold: ThresholdCheck | None
    targets: tuple[TargetGap, ...]
    counter: tuple[Ask, ...]
    script: str | None
    assumptions: tuple[str, ...]
    warnings: tuple[str, ...]
    # Of base, stock and bonus, those the paste did not give (unknown, not zero): while any is
    # missing the verdict is not settled: it never says walk away on what was not stated, and
    # renderers ask for these instead of giving it (JSON: verdict null). ``offer.missing`` also
    # counts a signing bonus not given.
    missing: tuple[Component, ...] = ()
    settled: bool = True

    @property
    def settled_score(self) -> int | None:
        """The score while the verdict stands, else None: a score on the base alone would be
        read as a verdict nobody can give yet."""
        return self.score if self.settled else None

    @property
    def meets_threshold(self) -> bool | None:
        return self.threshold.cleared if self.threshold else None

"""What a guide advises, as values: levers, the negotiate-up targets, the accept and walk-away
lines. Light on purpose (no readers, no patterns): every layer that uses a guide imports these,
and only a guide read for the first time needs bot.guides.coaching to find them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.prose.components import Component


class Comparison(StrEnum):
    ABOVE = "above"
    AT_LEAST = "at_least"
    BELOW = "below"
    AT_MOST = "at_most"


class ThresholdKind(StrEnum):
    ACCEPT = "accept"  # "Accept if above $265K RSUs"
    WALK_AWAY = "walk_away"  # "Walk away below $160K base"


@dataclass(frozen=True)
class Threshold:
    kind: ThresholdKind
    component: Component
    comparison: Comparison
    amount: float  # as the guide states it: per year when ``per_year``, else per grant
    currency: str | None
    sentence: str
    is_pct: bool = False
    per_year: bool = False  # "$220K/yr in RSUs": a yearly stock figure, not the whole grant

    def line(self, stock_years: int) -> float:
        """The amount in the band's terms: a yearly stock line as the whole grant."""
        if self.per_year and self.component is Component.STOCK:
            return self.amount * stock_years
        return self.amount


@dataclass(frozen=True)
class Lever:
    title: str
    script: str


@dataclass(frozen=True)
class Target:
    """One figure of the negotiate-up ask, with where it sits in the script (to fill in later).
    Stock is the whole grant over ``years``; a signing bonus paid in instalments is one target
    per instalment (their sum is the ask). ``end`` 0 means the figure cannot be filled in place
    (it was converted); instalments shared out of one figure keep that figure's place."""

    component: Component
    amount: float
    currency: str | None  # None for percents
    is_pct: bool = False
    years: int | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Coaching:
    """The coaching half of a guide body: levers, the negotiate-up script and its figures,
    the thresholds and the evidence, and what could not be read (by body line)."""

    levers: tuple[Lever, ...] = ()
    script: str | None = None
    targets: tuple[Target, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    evidence: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

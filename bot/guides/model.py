"""Typed values for a negotiation guide. Frozen, so they can be shared and cached freely."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

from bot.guides.advice import Coaching, Lever, Target, Threshold, ThresholdKind
from bot.prose.components import Component
from bot.prose.places import region_key


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong with a guide file, for lint and for the loader's report."""

    file: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "level": self.severity.value, "message": self.message}


@dataclass(frozen=True)
class Span:
    """A low-high range in one unit (money in the band's currency, or percent)."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def position(self, value: float) -> float:
        """Where ``value`` sits in the range: 0 at low, 100 at high, beyond either end allowed."""
        if self.high == self.low:
            return 50.0 if value == self.low else (150.0 if value > self.high else -50.0)
        return (value - self.low) / (self.high - self.low) * 100

    def at(self, position: float) -> float:
        """The value at ``position`` percent of the range (inverse of :meth:`position`)."""
        return self.low + (self.high - self.low) * position / 100


@dataclass(frozen=True)
class Band:
    """One region's compensation. Stock is the whole grant, vesting over ``stock_years``."""

    region: str
    currency: str
    base: Span | None = None
    stock: Span | None = None
    stock_years: int = 4
    bonus_pct: Span | None = None
    total_comp: Span | None = None

    def span(self, component: Component, *, is_pct: bool = False) -> Span | None:
        """The band's range for ``component``: the bonus only in percent, signing and
        relocation never (guides give no band for them)."""
        if is_pct or component is Component.BONUS:
            return self.bonus_pct if is_pct else None
        return {
            Component.BASE: self.base,
            Component.STOCK: self.stock,
            Component.TOTAL: self.total_comp,
        }.get(component)


@dataclass(frozen=True)
class LevelEquivalent:
    company: str
    level: str


@dataclass(frozen=True)
class LevelMapping:
    internal: str | None = None
    equivalents: tuple[LevelEquivalent, ...] = ()
    raw: str | None = None


@dataclass(frozen=True)
class Guide:
    company: str
    role: str
    company_display: str
    role_display: str
    role_type: str | None = None
    last_updated: date | None = None
    next_review_due: date | None = None
    data_quality: str | None = None
    salary_data_quarter: str | None = None
    bands: tuple[Band, ...] = ()
    level_mapping: LevelMapping = field(default_factory=LevelMapping)
    data_sources: tuple[str, ...] = ()
    summary: str | None = None
    aliases: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    vesting: tuple[float, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    source: str = "<string>"
    body: str = field(default="", repr=False, compare=False)  # repaired markdown body
    threshold_text: str | None = field(default=None, repr=False)  # frontmatter 'threshold:'
    body_line: int = field(default=1, repr=False, compare=False)  # the body's first line

    @cached_property
    def coaching(self) -> Coaching:
        from bot.guides.body import read_coaching  # the reader loads only when needed

        first = self.bands[0] if self.bands else None
        return read_coaching(
            self.body,
            self.threshold_text,
            first.currency if first else None,
            stock_years=first.stock_years if first else (len(self.vesting) or 4),
            has_total=not self.bands or any(b.total_comp for b in self.bands),
            first_line=self.body_line,
        )

    @property
    def levers(self) -> tuple[Lever, ...]:
        return self.coaching.levers

    @property
    def script(self) -> str | None:
        return self.coaching.script

    @property
    def targets(self) -> tuple[Target, ...]:
        return self.coaching.targets

    @property
    def thresholds(self) -> tuple[Threshold, ...]:
        return self.coaching.thresholds

    @property
    def evidence(self) -> tuple[str, ...]:
        return self.coaching.evidence

    @property
    def id(self) -> str:
        return f"{self.company}/{self.role}"

    @property
    def title(self) -> str:
        return f"{self.role_display} at {self.company_display}"

    def is_stale(self, today: date) -> bool:
        return self.next_review_due is not None and self.next_review_due < today

    def band(self, region: str) -> Band | None:
        """The band for ``region`` as the guide spells it, or as any other spelling of the
        same place ("Bengaluru" finds a guide's "Bangalore")."""
        wanted = region.casefold()
        exact = next((b for b in self.bands if b.region.casefold() == wanted), None)
        if exact is not None:
            return exact
        key = region_key(region)
        return next((b for b in self.bands if region_key(b.region) == key), None)

    @property
    def threshold(self) -> Threshold | None:
        """The accept line if the guide has one, else its first threshold."""
        accept = [t for t in self.thresholds if t.kind is ThresholdKind.ACCEPT]
        candidates = accept or list(self.thresholds)
        return candidates[0] if candidates else None


@dataclass(frozen=True)
class ParsedGuide:
    """A guide and the warnings found while reading it."""

    guide: Guide
    problems: tuple[Problem, ...] = ()

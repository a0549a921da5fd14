"""Offers beside each other: two offers of one paste side by side, and a revised offer against
the previous one of the same conversation. Pure.

Amounts are compared only in one currency; an offer in another is shown, never ranked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.offers.model import Offer
from bot.prose.components import Component
from bot.scoring import Assessment, totals


@dataclass(frozen=True)
class OtherOffer:
    """Another offer of the same paste (a competing or current one), scored against its own
    guide where one was found."""

    offer: Offer
    assessment: Assessment | None = None


# The components compared, in the order people read an offer.
COMPARED = (Component.BASE, Component.STOCK, Component.BONUS, Component.SIGNING)


@dataclass(frozen=True)
class Column:
    """One offer in a side-by-side: its figures a year, and its score where it has a guide."""

    title: str
    offer: Offer
    currency: str | None
    year_one: float | None
    average: float | None  # yearly, over four years, without signing
    assessment: Assessment | None = None

    def value(self, component: Component) -> float | None:
        """The yearly money of ``component``: stock per year, the bonus in money."""
        offer = self.offer
        if component is Component.BASE:
            return offer.base
        if component is Component.STOCK:
            return offer.stock_per_year if not offer.stock_currency else None
        if component is Component.BONUS:
            return offer.bonus_value
        if component is Component.SIGNING:
            return offer.signing
        return None


@dataclass(frozen=True)
class Edge:
    """Where one offer beats another: a figure to bring up in the other negotiation."""

    component: Component
    stronger: int  # column index
    weaker: int
    amount: float  # the stronger offer's figure (yearly; signing once)
    gap: float


@dataclass(frozen=True)
class SideBySide:
    columns: tuple[Column, ...]
    stronger: int | None  # the column with the higher four-year average, when comparable
    edges: tuple[Edge, ...]

    @property
    def comparable(self) -> bool:
        return len({c.currency for c in self.columns}) == 1


# Offers that are not being negotiated: they give levers, they take none.
_SETTLED = frozenset({"current", "original"})


def side_by_side(main: Assessment, others: Sequence[OtherOffer]) -> SideBySide | None:
    """The scored offer beside the others of its paste (competing offers, or current pay
    against a new offer), or None when it stands alone."""
    if not others:
        return None
    columns = [_column(main.offer, main.currency, main), *(_column_of(o, main) for o in others)]
    comparable = len({c.currency for c in columns}) == 1
    edges: list[Edge] = []
    stronger = None
    if comparable:
        averages = [c.average for c in columns]
        if all(a is not None for a in averages):
            stronger = max(range(len(columns)), key=lambda i: averages[i] or 0.0)
        for i, a in enumerate(columns):
            for j, b in enumerate(columns):
                if i != j and b.offer.label not in _SETTLED:
                    edges.extend(_edges(a, b, i, j))
    return SideBySide(tuple(columns), stronger, tuple(edges))


def _column_of(other: OtherOffer, main: Assessment) -> Column:
    if other.assessment is not None:
        return _column(other.offer, other.assessment.currency, other.assessment)
    return _column(other.offer, other.offer.currency or main.currency, None)


def _column(offer: Offer, currency: str | None, assessment: Assessment | None) -> Column:
    """A column titled by the company, else by the offer's label ("Current")."""
    if assessment is not None:
        year_one, average = assessment.year_one, assessment.average
    else:
        stock = offer.stock_total if not offer.stock_currency else None
        year_one, average = totals(offer, stock)
    company = assessment.guide.company_display if assessment is not None else None
    label = offer.label.capitalize() if offer.label else None
    title = " · ".join(t for t in (label, company) if t) or "Other offer"
    return Column(title, offer, currency, year_one, average, assessment)


def _edges(a: Column, b: Column, i: int, j: int) -> list[Edge]:
    found = []
    for component in COMPARED:
        mine, theirs = a.value(component), b.value(component)
        if mine is not None and mine > (theirs or 0.0) and mine > 0:
            found.append(Edge(component, i, j, mine, mine - (theirs or 0.0)))
    return found


# -- a revised offer in the same conversation -----------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """What is kept of a scored offer between two pastes of one conversation: the figures,
    the guide and band, and the score. Kept 24 hours, for that conversation and person."""

    guide_id: str
    region: str
    currency: str
    base: float | None = None
    stock_total: float | None = None
    stock_years: int | None = None
    bonus_pct: float | None = None
    bonus_amount: float | None = None
    signing: float | None = None
    score: int | None = None

    @classmethod
    def of(cls, assessment: Assessment) -> Snapshot:
        offer = assessment.offer
        return cls(
            guide_id=assessment.guide.id,
            region=assessment.band.region,
            currency=assessment.currency,
            base=offer.base,
            stock_total=offer.stock_total,
            stock_years=offer.stock_years,
            bonus_pct=offer.bonus_pct,
            bonus_amount=offer.bonus_amount,
            signing=offer.signing,
            score=assessment.settled_score,
        )

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Snapshot | None:
        """The snapshot ``data`` holds, or None when it is not one (a stored document is
        read back as untrusted: an older version of Leverage may have written it)."""
        guide_id, region, currency = (data.get(k) for k in ("guide_id", "region", "currency"))
        if not all(isinstance(v, str) and v for v in (guide_id, region, currency)):
            return None
        try:
            years, score = _number(data.get("stock_years")), _number(data.get("score"))
            return cls(
                guide_id=str(guide_id),
                region=str(region),
                currency=str(currency),
                base=_number(data.get("base")),
                stock_total=_number(data.get("stock_total")),
                stock_years=int(years) if years is not None else None,
                bonus_pct=_number(data.get("bonus_pct")),
                bonus_amount=_number(data.get("bonus_amount")),
                signing=_number(data.get("signing")),
                score=int(score) if score is not None else None,
            )
        except ValueError:
            return None


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(value)
    return float(value)


@dataclass(frozen=True)
class Change:
    component: Component
    before: float | None
    after: float | None
    is_pct: bool = False


@dataclass(frozen=True)
class Revision:
    """How an offer differs from an earlier one of the same negotiation: the original in the
    same paste, or the previous paste of the same conversation."""

    previous: Snapshot
    changes: tuple[Change, ...]
    score_before: int | None
    score_after: int | None
    since: str = "your last offer in this conversation"


def revision(previous: Snapshot, current: Assessment, since: str | None = None) -> Revision | None:
    """The change from ``previous``, or None when the two offers are not comparable (another
    guide, region or currency: a different offer, not a revision of this one)."""
    if (previous.guide_id, previous.region, previous.currency) != (
        current.guide.id,
        current.band.region,
        current.currency,
    ):
        return None
    now = Snapshot.of(current)
    pairs = [
        (Component.BASE, previous.base, now.base, False),
        (Component.STOCK, previous.stock_total, now.stock_total, False),
        (Component.BONUS, previous.bonus_pct, now.bonus_pct, True),
        (Component.BONUS, previous.bonus_amount, now.bonus_amount, False),
        (Component.SIGNING, previous.signing, now.signing, False),
    ]
    changes = tuple(
        Change(component, before, after, is_pct)
        for component, before, after, is_pct in pairs
        if before != after and after is not None
    )
    revised = Revision(previous, changes, previous.score, current.settled_score)
    return replace(revised, since=since) if since else revised


def within_paste(main: Assessment, others: Sequence[OtherOffer]) -> Revision | None:
    """A revised offer against the original in the same paste, scored on the same band."""
    originals = [o.assessment for o in others if o.offer.label == "original" and o.assessment]
    if main.offer.label != "revised" or len(originals) != 1:
        return None
    return revision(Snapshot.of(originals[0]), main, since="the original offer")

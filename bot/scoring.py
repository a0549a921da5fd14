"""Offer × guide × region -> Assessment. Pure.

Every comparison is made in one currency: the offer's, against the band of that currency. A
line or target the guide states in another currency is carried over by its place in the band
(the $265K RSU line sits at 81% of the USD stock band, so for London it is 81% of the GBP one),
and the assessment says so. Total comp is computed one way throughout: base + bonus + the
stock that vests in the year (year one honours the vesting schedule; the four-year average
spreads what vests in four years), with a signing bonus shown apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.errors import ScoringError
from bot.guides.coaching import Comparison, Lever, Target, Threshold, ThresholdKind
from bot.guides.model import Band, Guide, Span
from bot.offers.model import Offer
from bot.prose.components import COMPONENTS, Component
from bot.prose.money import format_money, format_pct

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
    # Components the paste did not give (unknown, not zero). When any of base, stock or bonus
    # is missing the verdict is not settled: it never says walk away on what was not stated,
    # and renderers should ask for what is missing instead of giving it (JSON: verdict null).
    missing: tuple[Component, ...] = ()
    settled: bool = True

    @property
    def meets_threshold(self) -> bool | None:
        return self.threshold.cleared if self.threshold else None


def assess(offer: Offer, guide: Guide, band: Band) -> Assessment:
    """Score ``offer`` against ``band`` of ``guide``. The offer is read in the band's currency
    when it names none; an offer in another currency raises ScoringError."""
    assumptions = list(offer.assumptions)
    warnings = list(offer.warnings)
    currency = offer.currency or band.currency
    if offer.currency is None:
        assumptions.append(
            f"no currency written: read the figures as {band.currency} ({band.region})"
        )
    if currency != band.currency:
        raise ScoringError(
            f"the offer is in {currency} but {guide.company_display}'s {band.region} band is in "
            f"{band.currency}; I don't convert currencies. Name a region that pays in {currency} "
            f"({', '.join(b.region for b in guide.bands if b.currency == currency) or 'the guide has none'})."
        )
    stock_total = _stock_in_band_currency(offer, band, warnings)
    missing = _missing(offer)
    if missing:
        names = ", ".join(c.spoken for c in missing)
        warnings.append(
            f"the paste does not give the {names}: judged on what it states; add "
            f"{'them' if len(missing) > 1 else 'it'} for a full verdict"
        )
    positions = _positions(offer, band, stock_total)
    year_one, average = totals(offer, stock_total)
    if average is not None and band.total_comp is not None:
        positions.append(
            Position(Component.TOTAL, average, band.total_comp, band.total_comp.position(average))
        )
    check = _threshold(guide, band, offer, stock_total, average)
    targets = _targets(guide, band, offer, stock_total)
    verdict = _verdict(check, positions, band, average, guide)
    settled = not any(c in missing for c in (Component.BASE, Component.STOCK, Component.BONUS))
    if not settled and verdict is not Verdict.NEGOTIATE:
        # an unknown part may be what carries the offer, or what sinks it
        failed_on_stated = (
            check is not None
            and check.threshold.kind is ThresholdKind.WALK_AWAY
            and check.cleared is False
            and check.value is not None
        )
        if verdict is Verdict.ACCEPT or (verdict is Verdict.WALK_AWAY and not failed_on_stated):
            verdict = Verdict.NEGOTIATE
    score = _score(positions, check)
    counter = _counter(guide, band, offer, stock_total, check, targets)
    return Assessment(
        guide=guide,
        band=band,
        offer=offer,
        currency=currency,
        positions=tuple(positions),
        year_one=year_one,
        average=average,
        signing=offer.signing,
        verdict=verdict,
        score=score,
        threshold=check,
        targets=tuple(targets),
        counter=tuple(counter),
        script=_script(guide, band, counter),
        assumptions=tuple(dict.fromkeys(assumptions)),
        warnings=tuple(dict.fromkeys(warnings)),
        missing=missing,
        settled=settled,
    )


def _missing(offer: Offer) -> tuple[Component, ...]:
    """Base, stock, bonus and signing the paste did not give (a stated none is 0, given)."""
    names = {
        "base": Component.BASE,
        "stock": Component.STOCK,
        "bonus": Component.BONUS,
        "signing": Component.SIGNING,
    }
    return tuple(names[n] for n in offer.missing)


def _stock_in_band_currency(offer: Offer, band: Band, warnings: list[str]) -> float | None:
    """The whole grant in the band's currency; a yearly figure with no length counts over
    the band's own vesting years (said so)."""
    if offer.stock_total is None and offer.stock_per_year is None:
        return None
    if offer.stock_currency and offer.stock_currency != band.currency:
        warnings.append(
            f"the stock is granted in {offer.stock_currency}, the band is in {band.currency}: "
            "stock left out of the comparison (no exchange rates here)"
        )
        return None
    if offer.stock_total is None and offer.stock_per_year is not None:
        warnings.append(
            f"stock given per year with no grant length: compared over {band.stock_years} years"
        )
        return offer.stock_per_year * band.stock_years
    return offer.stock_total


def _stock_per_year(offer: Offer, stock_total: float | None) -> float | None:
    if stock_total is None:
        return None
    if offer.stock_total is None and offer.stock_per_year is not None and not offer.stock_currency:
        return offer.stock_per_year
    return stock_total / (offer.stock_years or HORIZON_YEARS)


def _positions(offer: Offer, band: Band, stock_total: float | None) -> list[Position]:
    positions = []
    if offer.base is not None and band.base is not None:
        positions.append(
            Position(Component.BASE, offer.base, band.base, band.base.position(offer.base))
        )
    per_year = _stock_per_year(offer, stock_total)
    if per_year is not None and band.stock is not None:
        # Compared as a grant over the band's own vesting years.
        value = per_year * band.stock_years
        positions.append(Position(Component.STOCK, value, band.stock, band.stock.position(value)))
    bonus_pct = offer.bonus_pct
    if bonus_pct is None and offer.bonus_amount is not None and offer.base:
        bonus_pct = offer.bonus_amount / offer.base * 100
    if bonus_pct is not None and band.bonus_pct is not None:
        positions.append(
            Position(
                Component.BONUS, bonus_pct, band.bonus_pct, band.bonus_pct.position(bonus_pct), True
            )
        )
    return positions


def _vested(offer: Offer, stock_total: float, year: int) -> float:
    """Stock vesting in ``year`` (1-based), honouring the schedule (5/15/40/40 vests 5%)."""
    if offer.vesting:
        return stock_total * offer.vesting[year - 1] / 100 if year <= len(offer.vesting) else 0.0
    if offer.stock_total is None and offer.stock_per_year is not None:
        return offer.stock_per_year
    years = offer.stock_years or HORIZON_YEARS
    return stock_total / years if year <= years else 0.0


def totals(offer: Offer, stock_total: float | None) -> tuple[float | None, float | None]:
    """(year one, four-year yearly average) without signing; None when a part is unknown
    (an unmentioned bonus or grant is not zero)."""
    if offer.base is None or (offer.bonus_pct is None and offer.bonus_amount is None):
        return None, None
    bonus = offer.bonus_value or 0.0
    if stock_total is None:
        if offer.stock_total == 0 or offer.stock_per_year == 0:
            return offer.base + bonus, offer.base + bonus
        return None, None
    year_one = offer.base + bonus + _vested(offer, stock_total, 1)
    four_years = sum(_vested(offer, stock_total, y) for y in range(1, HORIZON_YEARS + 1))
    return year_one, offer.base + bonus + four_years / HORIZON_YEARS


def _carry_over(
    guide: Guide,
    band: Band,
    component: Component,
    amount: float,
    currency: str | None,
    is_pct: bool,
) -> tuple[float | None, str | None]:
    """``amount`` (stated in ``currency``) in ``band``'s currency, by its place in the band of
    the guide's first region in that currency. Percents need no carrying."""
    if is_pct or currency is None or currency == band.currency:
        return amount, None
    source = next((b for b in guide.bands if b.currency == currency), None)
    source_span = source.span(component, is_pct=is_pct) if source else None
    target_span = band.span(component, is_pct=is_pct)
    if source is None or source_span is None or target_span is None:
        return None, f"stated in {currency}, and there is no {currency} band to carry it over from"
    place = source_span.position(amount)
    carried = round(target_span.at(place), -3)
    note = (
        f"the guide states {format_money(amount, currency)} for {currency} regions; at the same place "
        f"in the {band.region} band ({place:.0f}% of the {source.region} {component.value.replace('_', ' ')} band) "
        f"that is {format_money(carried, band.currency)}"
    )
    return carried, note


def _offer_value(
    offer: Offer,
    component: Component,
    band: Band,
    stock_total: float | None,
    average: float | None,
    is_pct: bool,
) -> float | None:
    if is_pct:
        return offer.bonus_pct
    if component is Component.BASE:
        return offer.base
    if component is Component.STOCK:
        per_year = _stock_per_year(offer, stock_total)
        return per_year * band.stock_years if per_year is not None else None
    if component is Component.TOTAL:
        return average
    if component is Component.SIGNING:
        return offer.signing
    return None


def _threshold(
    guide: Guide, band: Band, offer: Offer, stock_total: float | None, average: float | None
) -> ThresholdCheck | None:
    walk = [t for t in guide.thresholds if t.kind is ThresholdKind.WALK_AWAY]
    checks = [_check(t, guide, band, offer, stock_total, average) for t in guide.thresholds]
    failed_walk = [c for c in checks if c.threshold in walk and c.cleared is False]
    if failed_walk:
        return failed_walk[0]
    accept = [c for c in checks if c.threshold.kind is ThresholdKind.ACCEPT]
    candidates = accept or checks
    return candidates[0] if candidates else None


def _check(
    threshold: Threshold,
    guide: Guide,
    band: Band,
    offer: Offer,
    stock_total: float | None,
    average: float | None,
) -> ThresholdCheck:
    line, note = _carry_over(
        guide, band, threshold.component, threshold.amount, threshold.currency, threshold.is_pct
    )
    value = _offer_value(offer, threshold.component, band, stock_total, average, threshold.is_pct)
    if line is None or value is None:
        missing = (
            note
            or f"the offer has no {threshold.component.value.replace('_', ' ')} figure to check"
        )
        return ThresholdCheck(threshold, None, value, line, None, missing)
    if threshold.comparison is Comparison.ABOVE and threshold.kind is ThresholdKind.ACCEPT:
        cleared = value > line or abs(value - line) < 1
    else:
        cleared = value >= line
    return ThresholdCheck(threshold, cleared, value, line, value - line, note)


def _targets(guide: Guide, band: Band, offer: Offer, stock_total: float | None) -> list[TargetGap]:
    gaps = []
    for target in guide.targets:
        amount, note = _target_amount(guide, band, target)
        if amount is None:
            continue
        value = _offer_value(offer, target.component, band, stock_total, None, target.is_pct)
        gaps.append(TargetGap(target.component, amount, value, target.is_pct, note))
    return gaps


def _target_amount(guide: Guide, band: Band, target: Target) -> tuple[float | None, str | None]:
    amount = target.amount
    if target.component is Component.STOCK and target.years and target.years != band.stock_years:
        amount = amount / target.years * band.stock_years
    if target.component is Component.SIGNING:
        if target.currency in (None, band.currency):
            return amount, None
        base_band = next((b for b in guide.bands if b.currency == target.currency), None)
        if base_band and base_band.base and band.base:
            scale = band.base.mid / base_band.base.mid
            carried = round(amount * scale, -3)
            return carried, (
                f"signing target {format_money(amount, target.currency)} scaled by the base bands "
                f"to {format_money(carried, band.currency)}"
            )
        return None, None
    return _carry_over(guide, band, target.component, amount, target.currency, target.is_pct)


def _verdict(
    check: ThresholdCheck | None,
    positions: list[Position],
    band: Band,
    average: float | None,
    guide: Guide,
) -> Verdict:
    if check and check.threshold.kind is ThresholdKind.WALK_AWAY and check.cleared is False:
        return Verdict.WALK_AWAY
    if (
        average is not None
        and band.total_comp
        and average < band.total_comp.low * WALK_AWAY_FRACTION
    ):
        return Verdict.WALK_AWAY
    below = any(p.place is Place.BELOW for p in positions if p.component is not Component.TOTAL)
    has_accept = any(t.kind is ThresholdKind.ACCEPT for t in guide.thresholds)
    if has_accept and check is not None and check.threshold.kind is ThresholdKind.ACCEPT:
        return Verdict.ACCEPT if check.cleared and not below else Verdict.NEGOTIATE
    total = next((p for p in positions if p.component is Component.TOTAL), None)
    if total is not None and total.percent >= 50 and not below:
        return Verdict.ACCEPT
    return Verdict.NEGOTIATE


_WEIGHTS = {Component.TOTAL: 0.4, Component.STOCK: 0.25, Component.BASE: 0.25, Component.BONUS: 0.1}


def _score(positions: list[Position], check: ThresholdCheck | None) -> int:
    """0-100: the band positions (clipped to the band), weighted; clearing the guide's line
    adds 10, failing a walk-away line caps the score at 25."""
    weights = [(_WEIGHTS[p.component], min(max(p.percent, 0.0), 100.0)) for p in positions]
    total_weight = sum(w for w, _ in weights)
    score = sum(w * v for w, v in weights) / total_weight if total_weight else 50.0
    if check is not None and check.cleared:
        score += 10
    if (
        check is not None
        and check.threshold.kind is ThresholdKind.WALK_AWAY
        and check.cleared is False
    ):
        score = min(score, 25)
    return round(min(max(score, 0.0), 100.0))


_GENERAL_WORDS = ("offer", "competing", "counter", "market", "scarcity", "rare", "package", "comp")


def _levers_for(guide: Guide, component: Component) -> tuple[Lever, ...]:
    words = COMPONENTS[component].lever_words
    chosen = [
        lv for lv in guide.levers if any(w in f"{lv.title} {lv.script}".lower() for w in words)
    ]
    if not chosen:
        chosen = [
            lv
            for lv in guide.levers
            if any(w in f"{lv.title} {lv.script}".lower() for w in _GENERAL_WORDS)
        ]
    return tuple(chosen[:2])


def _counter(
    guide: Guide,
    band: Band,
    offer: Offer,
    stock_total: float | None,
    check: ThresholdCheck | None,
    targets: list[TargetGap],
) -> list[Ask]:
    """A number for each component: at least the guide's target, the 75th percentile of the
    band, and what clears the guide's line; never less than the offer already gives."""
    target = {(t.component, t.is_pct): t.target for t in targets}
    asks: list[Ask] = []
    per_year = _stock_per_year(offer, stock_total)
    current_stock = per_year * band.stock_years if per_year is not None else None
    plans: list[tuple[Component, bool, Span | None, float | None]] = [
        (Component.BASE, False, band.base, offer.base),
        (Component.STOCK, False, band.stock, current_stock),
        (Component.BONUS, True, band.bonus_pct, offer.bonus_pct),
        (Component.SIGNING, False, None, offer.signing),
    ]
    for component, is_pct, span, current in plans:
        candidates: list[tuple[float, str]] = []
        if (component, is_pct) in target:
            candidates.append((target[(component, is_pct)], "the guide's negotiate-up target"))
        if span is not None:
            candidates.append(
                (
                    span.at(COUNTER_POSITION) if not is_pct else span.high,
                    "the top quarter of the band",
                )
            )
        if (
            check
            and check.line is not None
            and check.threshold.component is component
            and not check.threshold.is_pct
        ):
            candidates.append((check.line * 1.03, "clears the guide's line with room to spare"))
        if not candidates:
            continue
        amount, why = max(candidates)
        amount = round(amount, 1) if is_pct else round(amount, -3)
        if current is not None and current >= amount:
            amount, why = current, "already where it should be: hold it"
        asks.append(Ask(component, amount, current, is_pct, _levers_for(guide, component), why))
    return asks


def _script(guide: Guide, band: Band, counter: list[Ask]) -> str | None:
    """The guide's negotiate-up script with the counter's numbers in place of its own."""
    if not guide.script:
        return None
    by_component = {(a.component, a.is_pct): a for a in counter}
    script = guide.script
    for target in sorted(guide.targets, key=lambda t: t.start, reverse=True):
        ask = by_component.get((target.component, target.is_pct))
        if ask is None or not target.end:
            continue
        amount = ask.amount
        if (
            target.component is Component.STOCK
            and target.years
            and target.years != band.stock_years
        ):
            amount = amount / band.stock_years * target.years
        shown = format_pct(amount) if target.is_pct else format_money(amount, band.currency)
        script = script[: target.start] + shown + script[target.end :]
    return script

"""The guide's line ("Accept if above $265K RSUs") and targets checked against an offer, in the
offer's currency: a line stated in another currency is carried over by its place in the band,
and the check says so."""

from __future__ import annotations

from dataclasses import replace

from bot.guides.coaching import Comparison, Target, Threshold, ThresholdKind
from bot.guides.model import Band, Guide
from bot.offers.model import Offer
from bot.prose.components import Component
from bot.prose.money import format_money
from bot.scoring.model import TargetGap, ThresholdCheck
from bot.scoring.positions import stock_per_year


def carry_over(
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


def offer_value(
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
        per_year = stock_per_year(offer, stock_total)
        return per_year * band.stock_years if per_year is not None else None
    if component is Component.TOTAL:
        return average
    if component is Component.SIGNING:
        return offer.signing
    return None


def threshold_check(
    guide: Guide, band: Band, offer: Offer, stock_total: float | None, average: float | None
) -> ThresholdCheck | None:
    walk = [t for t in guide.thresholds if t.kind is ThresholdKind.WALK_AWAY]
    checks = [check_line(t, guide, band, offer, stock_total, average) for t in guide.thresholds]
    failed_walk = [c for c in checks if c.threshold in walk and c.cleared is False]
    if failed_walk:
        return failed_walk[0]
    accept = [c for c in checks if c.threshold.kind is ThresholdKind.ACCEPT]
    candidates = accept or checks
    return candidates[0] if candidates else None


def check_line(
    threshold: Threshold,
    guide: Guide,
    band: Band,
    offer: Offer,
    stock_total: float | None,
    average: float | None,
) -> ThresholdCheck:
    """One line against the offer. A yearly stock line ("$220K/yr in RSUs") is carried over as
    the grant it stands for, then compared per year with the offer's stock per year."""
    years = band.stock_years
    line, note = carry_over(
        guide,
        band,
        threshold.component,
        threshold.line(years),
        threshold.currency,
        threshold.is_pct,
    )
    value = offer_value(offer, threshold.component, band, stock_total, average, threshold.is_pct)
    if threshold.per_year and threshold.component is Component.STOCK:
        line = line / years if line is not None else None
        value = value / years if value is not None else None
    if line is None or value is None:
        missing = (
            note
            or f"the offer has no {threshold.component.value.replace('_', ' ')} figure to check"
        )
        return ThresholdCheck(threshold, None, value, line, None, missing)
    return ThresholdCheck(
        threshold, cleared(threshold, value, line), value, line, value - line, note
    )


def cleared(threshold: Threshold, value: float, line: float) -> bool:
    """Whether ``value`` clears the line. A comparison says what the line asks for ("accept
    if above $265K", a floor of "at least $160K"), except a walk-away line's "below" or "at
    most", which says when to walk ("walk away below $160K": $160K clears; "walk away at $150K
    or less": $150K does not). Within a dollar of an 'above' line counts as on it (figures
    carried over are rounded); a percent gets no such allowance."""
    on_it = abs(value - line) < (1e-9 if threshold.is_pct else 1)
    meets = {
        Comparison.ABOVE: value > line or on_it,
        Comparison.AT_LEAST: value >= line or on_it,
        Comparison.BELOW: value < line and not on_it,
        Comparison.AT_MOST: value <= line or on_it,
    }[threshold.comparison]
    walk_when = threshold.kind is ThresholdKind.WALK_AWAY and threshold.comparison in {
        Comparison.BELOW,
        Comparison.AT_MOST,
    }
    return not meets if walk_when else meets


def target_gaps(
    guide: Guide, band: Band, offer: Offer, stock_total: float | None
) -> list[TargetGap]:
    """The offer beside each target; a sign-on's instalments are one gap, their sum, since an
    offer states its sign-on whole."""
    gaps: dict[tuple[Component, bool], TargetGap] = {}
    for target in guide.targets:
        amount, note = target_amount(guide, band, target)
        if amount is None:
            continue
        key = (target.component, target.is_pct)
        if key in gaps and target.component is Component.SIGNING:
            gaps[key] = replace(gaps[key], target=gaps[key].target + amount)
            continue
        value = offer_value(offer, target.component, band, stock_total, None, target.is_pct)
        gaps.setdefault(key, TargetGap(target.component, amount, value, target.is_pct, note))
    return list(gaps.values())


def target_amount(guide: Guide, band: Band, target: Target) -> tuple[float | None, str | None]:
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
    return carry_over(guide, band, target.component, amount, target.currency, target.is_pct)

"""Offer × guide × region -> Assessment: the positions, totals, line and targets, then the
verdict and score, judged on what the paste states."""

from __future__ import annotations

from bot.errors import ScoringError
from bot.guides.coaching import ThresholdKind
from bot.guides.model import Band, Guide
from bot.offers.model import Offer
from bot.prose.components import Component
from bot.prose.words import and_list
from bot.scoring.counter import counter_of, script_of
from bot.scoring.lines import target_gaps, threshold_check
from bot.scoring.model import (
    WALK_AWAY_FRACTION,
    Assessment,
    Place,
    Position,
    ThresholdCheck,
    Verdict,
)
from bot.scoring.positions import positions_of, stock_in_band_currency, totals


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
    stock_total = stock_in_band_currency(offer, band, warnings)
    # what the verdict waits for: base, stock or bonus not given (a signing bonus is extra)
    missing = tuple(c for c in offer.missing if c in _NEEDED)
    settled = not missing
    if not settled:
        names = and_list(c.spoken for c in missing)
        warnings.append(
            f"the paste does not give the {names}: judged on what it states; add "
            f"{'them' if len(missing) > 1 else 'it'} for a full verdict"
        )
    positions = positions_of(offer, band, stock_total)
    year_one, average = totals(offer, stock_total)
    if average is not None and band.total_comp is not None:
        positions.append(
            Position(Component.TOTAL, average, band.total_comp, band.total_comp.position(average))
        )
    check = threshold_check(guide, band, offer, stock_total, average)
    targets = target_gaps(guide, band, offer, stock_total)
    verdict = _verdict(check, positions, band, average, guide)
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
    counter = counter_of(guide, band, offer, stock_total, check, targets)
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
        script=script_of(guide, band, counter),
        assumptions=tuple(dict.fromkeys(assumptions)),
        warnings=tuple(dict.fromkeys(warnings)),
        missing=missing,
        settled=settled,
    )


# Without these the verdict rests on what the paste did not state; a signing bonus is extra.
_NEEDED = (Component.BASE, Component.STOCK, Component.BONUS)


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

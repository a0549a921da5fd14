"""Where an offer's components sit in their bands, and total comp computed one way: base +
bonus + the stock that vests in the year (year one honours the vesting schedule; the
four-year average spreads what vests in four years), with a signing bonus shown apart. A part
the paste did not give leaves the totals unknown rather than zero."""

from __future__ import annotations

from bot.guides.model import Band
from bot.offers.model import Offer
from bot.prose.components import Component
from bot.scoring.model import HORIZON_YEARS, Position


def stock_in_band_currency(offer: Offer, band: Band, warnings: list[str]) -> float | None:
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


def stock_per_year(offer: Offer, stock_total: float | None) -> float | None:
    if stock_total is None:
        return None
    if offer.stock_total is None and offer.stock_per_year is not None and not offer.stock_currency:
        return offer.stock_per_year
    return stock_total / (offer.stock_years or HORIZON_YEARS)


def positions_of(offer: Offer, band: Band, stock_total: float | None) -> list[Position]:
    positions = []
    if offer.base is not None and band.base is not None:
        positions.append(
            Position(Component.BASE, offer.base, band.base, band.base.position(offer.base))
        )
    per_year = stock_per_year(offer, stock_total)
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


def vested(offer: Offer, stock_total: float, year: int) -> float:
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
    year_one = offer.base + bonus + vested(offer, stock_total, 1)
    four_years = sum(vested(offer, stock_total, y) for y in range(1, HORIZON_YEARS + 1))
    return year_one, offer.base + bonus + four_years / HORIZON_YEARS

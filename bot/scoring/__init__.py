"""Offer × guide × region -> Assessment. Pure.

Every comparison is made in one currency: the offer's, against the band of that currency. A
line or target the guide states in another currency is carried over by its place in the band
(the $265K RSU line sits at 81% of the USD stock band, so for London it is 81% of the GBP one),
and the assessment says so. Total comp is computed one way throughout: base + bonus + the
stock that vests in the year (year one honours the vesting schedule; the four-year average
spreads what vests in four years), with a signing bonus shown apart.
"""

from __future__ import annotations

from bot.scoring.assess import assess
from bot.scoring.model import (
    Ask,
    Assessment,
    Place,
    Position,
    TargetGap,
    ThresholdCheck,
    Verdict,
)
from bot.scoring.positions import totals

__all__ = [
    "Ask",
    "Assessment",
    "Place",
    "Position",
    "TargetGap",
    "ThresholdCheck",
    "Verdict",
    "assess",
    "totals",
]

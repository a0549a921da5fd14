"""How the guide's line reads against an offer: over, under, exactly on it, and per year."""

from __future__ import annotations

import pytest

from bot.guides.advice import Comparison, Threshold, ThresholdKind
from bot.prose.components import Component
from bot.render.phrases import threshold_text
from bot.scoring.lines import cleared
from bot.scoring.model import ThresholdCheck

A, W = ThresholdKind.ACCEPT, ThresholdKind.WALK_AWAY
BASE, STOCK = Component.BASE, Component.STOCK


@pytest.mark.parametrize(
    ("kind", "component", "comparison", "per_year", "line", "value", "expected"),
    [
        (W, BASE, Comparison.BELOW, False, 160e3, 195e3, "clears it: $35K over the $160K base"),
        (A, BASE, Comparison.ABOVE, False, 265e3, 200e3, "does not clear it: $65K under the $265K"),
        (
            W,
            BASE,
            Comparison.AT_MOST,
            False,
            170e3,
            170e3,
            "does not clear it: exactly on the $170K",
        ),
        (A, BASE, Comparison.AT_LEAST, False, 170e3, 170e3, "clears it: exactly on the $170K base"),
        (A, STOCK, Comparison.ABOVE, True, 90e3, 100e3, "$10K over the $90K a year stock line"),
    ],
)
def test_a_line_reads_over_under_or_exactly_on_it(
    kind: ThresholdKind,
    component: Component,
    comparison: Comparison,
    per_year: bool,
    line: float,
    value: float,
    expected: str,
) -> None:
    threshold = Threshold(kind, component, comparison, line, "USD", "the line", per_year=per_year)
    check = ThresholdCheck(threshold, cleared(threshold, value, line), value, line, value - line)
    assert expected in threshold_text(check, "USD")

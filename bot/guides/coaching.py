"""The coaching half of a guide: its values (bot.guides.advice) and the one entry point that
reads them from a guide body. The reader itself (bot.guides.body, with its patterns) is
imported on the first call, so a process that only serves cached guides never pays for it."""

from __future__ import annotations

from bot.guides.advice import Coaching, Comparison, Lever, Target, Threshold, ThresholdKind

__all__ = [
    "Coaching",
    "Comparison",
    "Lever",
    "Target",
    "Threshold",
    "ThresholdKind",
    "parse_coaching",
]


def parse_coaching(
    text: str,
    threshold_text: str | None,
    currency: str | None,
    *,
    stock_years: int = 4,
    has_total: bool = True,
    first_line: int = 1,
) -> Coaching:
    """Levers, script, targets, thresholds and evidence of a guide body (bot.guides.body)."""
    from bot.guides.body import read_coaching

    return read_coaching(
        text,
        threshold_text,
        currency,
        stock_years=stock_years,
        has_total=has_total,
        first_line=first_line,
    )

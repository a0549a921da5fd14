"""Consistency checks on parsed guides: the figures a careful editor would query."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.guides.advice import Threshold, ThresholdKind
from bot.guides.load import Library, read_frontmatter
from bot.guides.model import Band, Guide, Problem, Severity, Span
from bot.guides.schema import schema_problems
from bot.prose.money import format_money

TOTAL_TOLERANCE = 0.05


def lint_library(library: Library, today: date, *, schema: bool = True) -> list[Problem]:
    """Everything found while loading, plus the checks below and (reading each file's
    frontmatter again) the JSON Schema's, ordered by file."""
    problems = list(library.problems)
    for guide in library.guides:
        problems.extend(lint_guide(guide, today))
        if schema:
            problems.extend(lint_schema(Path(guide.source)))
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(problems, key=lambda p: (p.file, order[p.severity]))


def lint_schema(path: Path) -> list[Problem]:
    """Where a guide file's frontmatter strays from guide.schema.json."""
    meta = read_frontmatter(path)
    return schema_problems(meta, str(path)) if meta is not None else []


def lint_guide(guide: Guide, today: date) -> list[Problem]:
    found: list[str] = []
    if guide.is_stale(today) and guide.next_review_due is not None:
        found.append(f"stale: review was due {guide.next_review_due:%d %b %Y}")
    for band in guide.bands:
        found.extend(_total_comp(band))
    if not guide.levers:
        found.append(
            "no levers found (a 'Levers' heading followed by numbered or bulleted items, "
            "or one sub-heading per lever)"
        )
    found.extend(guide.coaching.problems)
    found.extend(_thresholds(guide))
    found.extend(_foreign_currencies(guide))
    return [Problem(guide.source, Severity.WARNING, message) for message in found]


def component_total(band: Band, end: str) -> float | None:
    """base + stock/years + bonus at one end ("low" or "high") of the band."""
    if band.base is None or band.stock is None:
        return None
    base = getattr(band.base, end)
    bonus_pct = getattr(band.bonus_pct, end) if band.bonus_pct else 0.0
    return float(base + getattr(band.stock, end) / band.stock_years + base * bonus_pct / 100)


def _total_comp(band: Band) -> list[str]:
    if band.total_comp is None:
        return []
    messages = []
    for end in ("low", "high"):
        computed = component_total(band, end)
        stated = getattr(band.total_comp, end)
        if computed is None or computed == 0:
            continue
        gap = abs(stated - computed) / computed
        if gap > TOTAL_TOLERANCE:
            messages.append(
                f"{band.region} total comp {end} is {format_money(stated, band.currency, exact=True)} "
                f"but base + stock/{band.stock_years} + bonus comes to "
                f"{format_money(computed, band.currency, exact=True)} ({gap:.0%} apart)"
            )
    return messages


def _foreign_currencies(guide: Guide) -> list[str]:
    """A line or target in a currency none of the guide's regions pays in."""
    paid = {band.currency for band in guide.bands}
    if not paid:
        return []
    found = [
        f"threshold '{t.sentence}' is in {t.currency}, but no region of this guide pays in {t.currency}"
        for t in guide.thresholds
        if t.currency and t.currency not in paid
    ]
    found += [
        f"negotiate-up {t.component.value} target is in {t.currency}, but no region of this guide pays in {t.currency}"
        for t in guide.targets
        if t.currency and t.currency not in paid
    ]
    return found


def _plausible(threshold: Threshold, band: Band, span: Span) -> bool:
    """A line where a line can sit: a walk-away line at or under the band's top, an accept line
    anywhere near it, and neither off by a factor of two (a slip of the units or a digit).
    A walk-away line just under the band's low end is the usual case, not a slip."""
    line = threshold.line(band.stock_years)
    if threshold.kind is ThresholdKind.WALK_AWAY and line > span.high:
        return False
    return span.low / 2 <= line <= span.high * 2


def _thresholds(guide: Guide) -> list[str]:
    messages = []
    for threshold in guide.thresholds:
        spans: list[tuple[Band, Span]] = []
        for band in guide.bands:
            if not threshold.is_pct and band.currency != threshold.currency:
                continue
            span = band.span(threshold.component, is_pct=threshold.is_pct)
            if span is not None:
                spans.append((band, span))
        if spans and not any(_plausible(threshold, band, span) for band, span in spans):
            regions = ", ".join(b.region for b, _ in spans)
            messages.append(
                f"threshold '{threshold.sentence}' is outside the {threshold.component.value} band "
                f"of every region it could apply to ({regions})"
            )
    return messages

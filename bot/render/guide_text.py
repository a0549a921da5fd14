"""One guide as Leverage reads it, for the people who write guides (`python -m bot guide`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.guides.model import Guide, Problem, Span
from bot.prose.money import format_money, format_pct


def render_guide(guide: Guide, problems: Sequence[Problem], today: date) -> str:
    lines = [f"{guide.title}  ({guide.id})", f"  {'file':<15} {guide.source}"]
    for label, value in (
        ("role type", guide.role_type),
        ("last updated", guide.last_updated and guide.last_updated.isoformat()),
        ("review due", guide.next_review_due and guide.next_review_due.isoformat()),
        ("data quality", guide.data_quality),
        ("internal level", guide.level_mapping.internal),
    ):
        lines.append(f"  {label:<15} {value or '—'}")
    if guide.is_stale(today):
        lines.append("  (stale: the review date has passed)")
    if guide.level_mapping.equivalents:
        levels = ", ".join(f"{e.company} {e.level}" for e in guide.level_mapping.equivalents)
        lines.append(f"  {'equivalents':<15} {levels}")
    lines.append("")
    lines.append("Bands")
    for band in guide.bands:
        c = band.currency
        lines.append(f"  {band.region} ({c})")
        lines.append(f"    base        {_money(band.base, c)}")
        lines.append(
            f"    stock       {_money(band.stock, c)} (grant over {band.stock_years} years)"
        )
        lines.append(f"    bonus       {_pct(band.bonus_pct)}")
        lines.append(f"    total comp  {_money(band.total_comp, c)}")
    if not guide.bands:
        lines.append("  none")
    lines += ["", f"Levers ({len(guide.levers)})"]
    for i, lever in enumerate(guide.levers, 1):
        lines.append(f"  {i}. {lever.title}")
        if lever.script:
            lines.append(f"     “{lever.script}”")
    lines += ["", "Negotiate up", f"  “{guide.script}”" if guide.script else "  none"]
    for t in guide.targets:
        amount = format_pct(t.amount) if t.is_pct else format_money(t.amount, t.currency)
        over = f" over {t.years} years" if t.years else ""
        lines.append(f"  target {t.component.spoken}: {amount}{over}")
    lines += ["", "Lines"]
    for line in guide.thresholds:
        amount = (
            format_pct(line.amount) if line.is_pct else format_money(line.amount, line.currency)
        )
        per = " a year" if line.per_year else ""
        what = f"{line.kind.value}: {line.component.spoken} {line.comparison.value}"
        lines.append(f"  {what.replace('_', ' ')} {amount}{per}  (“{line.sentence}”)")
    if not guide.thresholds:
        lines.append("  none")
    lines += ["", f"Problems ({len(problems)})"]
    lines += [f"  {p.severity.value}: {p.message}" for p in problems] or ["  none"]
    return "\n".join(lines) + "\n"


def _money(span: Span | None, currency: str) -> str:
    if span is None:
        return "—"
    low, high = format_money(span.low, currency), format_money(span.high, currency)
    return low if low == high else f"{low}–{high}"


def _pct(span: Span | None) -> str:
    if span is None:
        return "—"
    low, high = format_pct(span.low), format_pct(span.high)
    return low if low == high else f"{low}–{high}"

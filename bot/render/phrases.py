"""Phrases and pictures shared by the renderers: ranges, band bars, verdicts, threshold gaps.

Pure formatting of core values; no Slack and no terminal specifics.
"""

from __future__ import annotations

from bot.coach.commands import COMMANDS
from bot.coach.compare import COMPARED, OtherOffer, Revision, SideBySide
from bot.guides.model import Guide, Span
from bot.offers.model import Offer
from bot.prose.components import Component
from bot.prose.money import format_money, format_pct
from bot.prose.words import and_list
from bot.scoring import Ask, Assessment, Place, Position, ThresholdCheck, Verdict, totals

VERDICTS = {
    Verdict.ACCEPT: "Accept",
    Verdict.NEGOTIATE: "Negotiate",
    Verdict.WALK_AWAY: "Walk away",
}
VERDICT_ICONS = {Verdict.ACCEPT: "✅", Verdict.NEGOTIATE: "🤝", Verdict.WALK_AWAY: "🛑"}


def levels_text(guide: Guide) -> str | None:
    """ "L5 · Google L5 ML · Meta ML E5": the guide's level and its equivalents elsewhere."""
    mapping = guide.level_mapping
    parts = [f"{e.company} {e.level}" for e in mapping.equivalents]
    if mapping.internal:
        parts.insert(0, mapping.internal)
    return " · ".join(parts) if parts else None


# The commands, as help shows them, by topic: (usage, what it does).
TOPICS = {c.topic: (c.usage, c.summary) for c in COMMANDS}


def money_range(span: Span | None, currency: str) -> str:
    if span is None:
        return "—"
    low, high = format_money(span.low, currency), format_money(span.high, currency)
    return low if low == high else f"{low}–{high}"


def pct_range(span: Span | None) -> str:
    if span is None:
        return "—"
    return (
        format_pct(span.low)
        if span.low == span.high
        else f"{format_pct(span.low)}–{format_pct(span.high)}"
    )


def bar(percent: float, width: int = 10) -> str:
    """Where a figure sits in its band: ▕───●──────▏, with ● outside the ends when it is."""
    # Every bar is the same width, ends in the same columns, so rows line up.
    if percent < 0:
        return "●▕" + "─" * width + "▏ "
    if percent > 100:
        return " ▕" + "─" * width + "▏●"
    slot = min(width - 1, int(percent / 100 * width))
    return " ▕" + "─" * slot + "●" + "─" * (width - slot - 1) + "▏ "


def place_words(position: Position) -> str:
    if position.place is Place.BELOW:
        return "below the band"
    if position.place is Place.ABOVE:
        return "above the band"
    return f"{position.place.value} ({position.percent:.0f}%)"


def position_value(position: Position, currency: str, stock_years: int) -> str:
    if position.is_pct:
        return format_pct(position.value)
    if position.component is Component.STOCK:
        return f"{format_money(position.value, currency)}/{stock_years}y"
    if position.component is Component.TOTAL:
        return f"{format_money(position.value, currency)}/yr"
    return format_money(position.value, currency)


def band_bar(position: Position, currency: str) -> str:
    """The band's ends around the bar: "$192K ▕─●────────▏ $235K"."""
    band = position.band
    if position.is_pct:
        low, high = format_pct(band.low), format_pct(band.high)
    else:
        low, high = format_money(band.low, currency), format_money(band.high, currency)
    return f"{low:>6} {bar(position.percent)} {high:<6}"


def threshold_text(check: ThresholdCheck, currency: str) -> str:
    """ "$17K over the $265K RSU line" / "$65K under it" / why it could not be checked."""
    sentence = check.threshold.sentence.rstrip(".")
    if check.cleared is None or check.gap is None or check.line is None:
        return f"Guide's line: “{sentence}” — not checked: {check.note or 'no figure to compare'}."
    what = check.threshold.component.spoken
    if check.threshold.component is Component.STOCK and "rsu" in sentence.lower():
        what = "RSU"
    line = format_pct(check.line) if check.threshold.is_pct else format_money(check.line, currency)
    if check.threshold.per_year and check.threshold.component is Component.STOCK:
        line += " a year"  # compared with the offer's stock per year, not the grant
    gap = (
        format_pct(abs(check.gap))
        if check.threshold.is_pct
        else format_money(abs(check.gap), currency)
    )
    if abs(check.gap) < (0.05 if check.threshold.is_pct else 1):
        where = f"exactly on the {line} {what} line"  # "at most $170K" fails there; say why
    else:
        where = f"{gap} {'over' if check.gap > 0 else 'under'} the {line} {what} line"
    status = "clears it" if check.cleared else "does not clear it"
    text = f"Guide's line: “{sentence}”. Your offer {status}: {where}."
    return f"{text} ({check.note})" if check.note else text


def ask_text(ask: Ask, currency: str, stock_years: int) -> str:
    if ask.is_pct:
        amount = format_pct(ask.amount)
    elif ask.component is Component.STOCK:
        amount = f"{format_money(ask.amount, currency)} over {stock_years} years"
    else:
        amount = format_money(ask.amount, currency)
    if ask.current is not None and ask.current >= ask.amount:
        return f"{ask.component.display}: hold at {amount}"
    return f"{ask.component.display}: ask for {amount} ({ask.why})"


def vesting_text(guide: Guide, years: int) -> str:
    """ "over 4 years", or "over 4 years (5/15/40/40)" when the guide gives a schedule."""
    schedule = "/".join(f"{p:g}" for p in guide.vesting)
    return f"over {years} years" + (f" ({schedule})" if schedule else "")


def targets_text(assessment: Assessment) -> str | None:
    """The offer beside the guide's negotiate-up targets, component by component."""
    parts = []
    for gap in assessment.targets:
        if gap.value is None:
            continue
        if gap.is_pct:
            shown, target = format_pct(gap.value), format_pct(gap.target)
        else:
            shown = format_money(gap.value, assessment.currency)
            target = format_money(gap.target, assessment.currency)
        parts.append(f"{gap.component.display.lower()} {shown} vs {target}")
    return "Against the guide's targets: " + ", ".join(parts) if parts else None


def other_summary(other: OtherOffer, currency: str) -> str:
    """An offer listed beside the scored one, with its own verdict where it has a guide."""
    summary = offer_summary(other.offer, currency)
    a = other.assessment
    if a is None:
        return summary
    return f"{summary} — {short_verdict(a)} against {a.guide.title} ({a.band.region})"


def short_verdict(a: Assessment) -> str:
    """ "Negotiate, score 42/100" for a list or a table cell; while a part the verdict needs is
    missing, what is missing instead (a score on the base alone is no verdict)."""
    if a.settled:
        return f"{VERDICTS[a.verdict]}, score {a.score}/100"
    return f"no verdict yet (no {and_list([c.spoken for c in a.missing])} given)"


def offer_summary(offer: Offer, currency: str) -> str:
    """ "revised: base $195K, stock $180K over 4 years, bonus 12%" for offers listed, not scored."""
    pay = offer.currency or currency
    parts = [
        f"base {format_money(offer.base, pay)}" if offer.base is not None else None,
        f"stock {format_money(offer.stock_total, offer.stock_currency or pay)} over {offer.stock_years} years"
        if offer.stock_total is not None
        else None,
        f"bonus {format_pct(offer.bonus_pct)}" if offer.bonus_pct is not None else None,
        f"signing {format_money(offer.signing, pay)}" if offer.signing else None,
    ]
    label = f"{offer.label}: " if offer.label else ""
    same_currency_stock = offer.stock_total if not offer.stock_currency else None
    _, average = totals(offer, same_currency_stock)
    if average is not None:
        parts.append(f"≈{format_money(average, pay)}/yr over 4 years")
    return label + (", ".join(p for p in parts if p) or offer.text[:60])


def totals_text(assessment: Assessment) -> str:
    currency = assessment.currency
    parts = []
    if assessment.year_one is not None:
        parts.append(f"year one {format_money(assessment.year_one, currency)}")
    if assessment.average is not None:
        parts.append(f"4-year average {format_money(assessment.average, currency)}/yr")
    signing = assessment.signing
    if signing:
        parts.append(
            f"signing {format_money(signing, currency)} on top (≈{format_money(signing / 4, currency)}/yr over 4 years)"
        )
    elif signing == 0:
        parts.append("no signing bonus")
    if not parts:
        return "Not enough figures for a total."
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


# -- what was read -------------------------------------------------------------------------


def read_lines(offer: Offer, currency: str | None = None) -> list[str]:
    """ "Base: $205,000", "Stock: $240,000 over 4 years ($60,000 a year)"...: every figure
    read from a paste, exactly, with what was not given, so a misread shows at once.
    ``currency`` is the one the figures were scored in, when the paste wrote none."""
    pay = offer.currency or currency
    stock_currency = offer.stock_currency or pay

    def money(value: float | None, currency: str | None = pay) -> str:
        if value is None:
            return "not given"
        return "none" if value == 0 else format_money(value, currency, exact=True)

    stock = money(offer.stock_total, stock_currency)
    if offer.stock_total:
        stock += f" over {offer.stock_years} years"
        if offer.stock_per_year:
            stock += f" ({format_money(offer.stock_per_year, stock_currency, exact=True)} a year)"
        if offer.vesting:
            stock += ", vesting " + "/".join(f"{p:g}" for p in offer.vesting)
    if offer.bonus_pct is not None:
        bonus = "none" if offer.bonus_pct == 0 else f"{format_pct(offer.bonus_pct)} of base"
    else:
        bonus = money(offer.bonus_amount)
    lines = [
        f"Base: {money(offer.base)}",
        f"Stock: {stock}",
        f"Bonus: {bonus}",
        f"Signing: {money(offer.signing)}",
        f"Currency: {offer.currency or 'not written'}"
        + (f" (read as {currency})" if currency and not offer.currency else ""),
    ]
    if offer.label:
        lines.insert(0, f"Offer: {offer.label}")
    return lines


# -- offers side by side, and a revised offer ------------------------------------------------


def comparison_rows(comparison: SideBySide) -> list[tuple[str, list[str]]]:
    """(row title, one cell per offer) for the side-by-side table."""
    columns = comparison.columns

    def cells(values: list[float | None], suffix: str = "") -> list[str]:
        return [
            "—" if v is None else format_money(v, c.currency) + suffix
            for v, c in zip(values, columns, strict=True)
        ]

    rows = [("", [c.title for c in columns])]
    for component in COMPARED:
        title = f"{component.display} a year" if component is not Component.SIGNING else "Signing"
        rows.append((title, cells([c.value(component) for c in columns])))
    rows.append(("Year one", cells([c.year_one for c in columns])))
    rows.append(("4-year average", cells([c.average for c in columns], "/yr")))
    rows.append(
        (
            "Score",
            [short_verdict(c.assessment) if c.assessment else "—" for c in columns],
        )
    )
    return rows


def comparison_lines(comparison: SideBySide) -> list[str]:
    """Which offer is stronger, and what each gives you in the other negotiation."""
    columns = comparison.columns
    if not comparison.comparable:
        currencies = ", ".join(sorted({c.currency or "?" for c in columns}))
        return [f"The offers are in different currencies ({currencies}); I don't rank them."]
    lines = []
    if comparison.stronger is not None:
        best = columns[comparison.stronger]
        rest = [c.average for i, c in enumerate(columns) if i != comparison.stronger]
        lead = (best.average or 0.0) - max(v or 0.0 for v in rest)
        if lead > 0:
            lines.append(
                f"Stronger over four years: {best.title}, by {format_money(lead, best.currency)} a year."
            )
    for weaker, column in enumerate(columns):
        edges = [e for e in comparison.edges if e.weaker == weaker]
        if not edges:
            continue
        gives = "; ".join(
            f"{columns[e.stronger].title}'s {e.component.spoken} "
            f"{format_money(e.amount, columns[e.stronger].currency)} "
            f"({format_money(e.gap, columns[e.stronger].currency)} more)"
            for e in edges
        )
        lines.append(f"Negotiating {column.title}, bring up: {gives}.")
    return lines


def revision_text(revision: Revision, currency: str) -> str:
    """ "Since your last offer: base +$10K, signing +$20K; score 58 -> 74"."""
    parts = []
    for change in revision.changes:
        name, after = change.component.spoken, change.after or 0.0
        if change.is_pct:  # percentage points read badly as "+2%": show both ends
            before = "none" if change.before is None else format_pct(change.before)
            parts.append(f"{name} {before} -> {format_pct(after)}")
        elif change.before is None:
            parts.append(f"{name} now {format_money(after, currency)}")
        else:
            delta = after - change.before
            sign = "+" if delta >= 0 else "-"
            parts.append(f"{name} {sign}{format_money(abs(delta), currency)}")
    changed = ", ".join(parts) or "no figure changed"
    score = ""
    if revision.score_before is not None and revision.score_after is not None:
        score = f"; score {revision.score_before} -> {revision.score_after}"
    return f"Since {revision.since}: {changed}{score}."


def table_lines(rows: list[tuple[str, list[str]]]) -> list[str]:
    """Rows padded into columns (the first row holds the column titles), for a monospace
    table: the terminal's side-by-side and Slack's code block."""
    title_width = max(len(title) for title, _ in rows)
    widths = [max(len(cells[i]) for _, cells in rows) for i in range(len(rows[0][1]))]
    return [
        (
            title.ljust(title_width)
            + "  "
            + "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True))
        ).rstrip()
        for title, cells in rows
    ]


def verdict_line(a: Assessment) -> str:
    """ "Negotiate · score 42/100", or, while the paste leaves out a part the verdict needs,
    what to add instead of a verdict built on figures nobody stated."""
    if a.settled:
        return f"{VERDICTS[a.verdict]} · score {a.score}/100"
    names = and_list([c.spoken for c in a.missing]) or "rest of the offer"
    question = "are they" if len(a.missing) > 1 else "is it"
    return (
        f"No verdict yet: the paste does not give the {names}. What {question}? "
        "Here is where what you gave sits."
    )

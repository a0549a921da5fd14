"""Phrases and pictures shared by the renderers: ranges, band bars, verdicts, threshold gaps.

Pure formatting of core values; no Slack and no terminal specifics.
"""

from __future__ import annotations

from bot.coach.commands import COMMANDS
from bot.guides.model import Guide, Span
from bot.offers.model import Offer
from bot.prose.components import Component
from bot.prose.money import format_money, format_pct
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
    gap = (
        format_pct(abs(check.gap))
        if check.threshold.is_pct
        else format_money(abs(check.gap), currency)
    )
    side = "over" if check.gap >= 0 else "under"
    status = "clears it" if check.cleared else "does not clear it"
    text = f"Guide's line: “{sentence}”. Your offer {status}: {gap} {side} the {line} {what} line."
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

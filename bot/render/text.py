"""Reply -> terminal text, for `python -m bot ask/offer` and the local chat."""

from __future__ import annotations

from collections.abc import Sequence
from functools import singledispatch

from bot.coach.replies import (
    BandsReply,
    ChooseReply,
    HelpReply,
    LeversReply,
    NotFoundReply,
    OfferReply,
    ProblemReply,
    RegionReply,
    Reply,
)
from bot.offers.model import Offer, ParsedPaste
from bot.render.phrases import (
    TOPICS,
    ask_text,
    band_bar,
    comparison_lines,
    comparison_rows,
    levels_text,
    money_range,
    other_summary,
    pct_range,
    place_words,
    position_value,
    read_lines,
    revision_text,
    table_lines,
    targets_text,
    threshold_text,
    totals_text,
    verdict_line,
    vesting_text,
)


def render_text(reply: Reply) -> str:
    return "\n".join(_render(reply)).rstrip() + "\n"


@singledispatch
def _render(reply: Reply) -> list[str]:  # pragma: no cover - every Reply type is registered
    raise TypeError(f"no text renderer for {type(reply).__name__}")


def _stale_line(reply: BandsReply | LeversReply | OfferReply) -> list[str]:
    if reply.stale_since is None:
        return []
    return [
        f"⚠ Data due for review since {reply.stale_since:%-d %B %Y}: treat figures as a floor.",
        "",
    ]


@_render.register
def _(reply: BandsReply) -> list[str]:
    guide = reply.guide
    lines = [f"{guide.title}"]
    if levels := levels_text(guide):
        lines.append(f"Level: {levels}")
    lines.append("")
    lines += _stale_line(reply)
    if reply.region_missing:
        lines += [f"No {reply.region_asked} figures in this guide; here is every region.", ""]
    if not reply.bands:
        lines.append("This guide has no compensation bands.")
    for band in reply.bands:
        lines.append(f"{band.region} ({band.currency})")
        lines.append(f"  Base        {money_range(band.base, band.currency)}")
        lines.append(
            f"  Stock       {money_range(band.stock, band.currency)} {vesting_text(guide, band.stock_years)}"
        )
        lines.append(f"  Bonus       {pct_range(band.bonus_pct)}")
        lines.append(f"  Total comp  {money_range(band.total_comp, band.currency)}")
        lines.append("")
    meta = [
        f"Data quality: {guide.data_quality}" if guide.data_quality else None,
        f"Salary data: {guide.salary_data_quarter}" if guide.salary_data_quarter else None,
        f"Sources: {', '.join(guide.data_sources)}" if guide.data_sources else None,
    ]
    lines.append(" · ".join(m for m in meta if m) or f"Guide: {guide.id}")
    return lines


@_render.register
def _(reply: LeversReply) -> list[str]:
    guide = reply.guide
    lines = [f"Negotiating {guide.title}", ""]
    lines += _stale_line(reply)
    if guide.summary:
        lines += [guide.summary, ""]
    if guide.levers:
        lines.append("Levers")
        for i, lever in enumerate(guide.levers, 1):
            lines.append(f"  {i}. {lever.title}")
            if lever.script:
                lines.append(f"     “{lever.script}”")
        lines.append("")
    else:
        lines += ["This guide lists no levers.", ""]
    if guide.script:
        lines += ["Negotiate up", f"  “{guide.script}”", ""]
    for threshold in guide.thresholds:
        lines.append(f"Threshold: {threshold.sentence}.")
    return lines


@_render.register
def _(reply: OfferReply) -> list[str]:
    a = reply.assessment
    guide, band, currency = a.guide, a.band, a.currency
    lines = [
        f"Your offer for {guide.title} — {band.region} ({currency})",
        f"Verdict: {verdict_line(a)}" if a.settled else verdict_line(a),
        "",
    ]
    lines += _stale_line(reply)
    lines += [*_read(a.offer, a.assumptions, currency), ""]
    for position in a.positions:
        value = position_value(position, currency, band.stock_years)
        lines.append(
            f"  {position.component.display:<11} {value:<10} "
            f"{band_bar(position, currency)} {place_words(position)}"
        )
    lines += ["", totals_text(a)]
    if a.threshold is not None:
        lines.append(threshold_text(a.threshold, currency))
    if targets := targets_text(a):
        lines.append(targets)
    if a.counter:
        lines += ["", "Counter with"]
        for ask in a.counter:
            lines.append(f"  • {ask_text(ask, currency, band.stock_years)}")
            if ask.levers:
                lines.append(f"    levers: {', '.join(lv.title for lv in ask.levers)}")
    if a.script:
        lines += ["", "Say it like this", f"  “{a.script}”"]
    for title, items in (
        ("Watch out", a.warnings),
        ("Notes", reply.notes),
    ):
        if items:
            lines += ["", title, *(f"  - {item}" for item in items)]
    if reply.others:
        lines += ["", "Other offers in the paste"]
        lines += [f"  - {other_summary(other, currency)}" for other in reply.others]
    if reply.revision is not None:
        lines += ["", revision_text(reply.revision, currency)]
    if reply.comparison is not None:
        lines += [
            "",
            "Side by side",
            *(f"  {line}" for line in table_lines(comparison_rows(reply.comparison))),
        ]
        lines += comparison_lines(reply.comparison)
    return lines


def _read(offer: Offer, assumptions: Sequence[str], currency: str | None = None) -> list[str]:
    """ "Here is what I read": the figures, then every assumption made reading them."""
    lines = ["Here is what I read", *(f"  {line}" for line in read_lines(offer, currency))]
    return lines + [f"  - {item}" for item in assumptions]


def _read_first(paste: ParsedPaste | None) -> list[str]:
    """For an offer that cannot be scored yet: what was read, before the question."""
    if paste is None:
        return []
    return [*_read(paste.offer, paste.offer.assumptions), ""]


@_render.register
def _(reply: ChooseReply) -> list[str]:
    lines = [*_read_first(reply.read), "Several guides fit; which one did you mean?"]
    for c in reply.candidates:
        lines.append(f"  - {c.guide.title}  ({c.guide.id})")
    lines.append("Add a word of the role to pick one.")
    return lines


@_render.register
def _(reply: NotFoundReply) -> list[str]:
    if reply.unknown:
        lines = [f"I have no guide for {', '.join(reply.unknown)}."]
    else:
        lines = ["I couldn't tell which company and role you mean."]
    if reply.suggestions:
        lines.append("Nearest guides I have:")
        lines += [f"  - {c.guide.title}  ({c.guide.id})" for c in reply.suggestions]
    return lines


_TOPICS = {topic: f"{usage} — {what}" for topic, (usage, what) in TOPICS.items()}


@_render.register
def _(reply: HelpReply) -> list[str]:
    if reply.topic in _TOPICS:
        lines = [_TOPICS[reply.topic]]
    else:
        lines = [
            "Leverage coaches you through job-offer negotiation, from "
            f"{reply.guide_count} negotiation guide{'s' if reply.guide_count != 1 else ''}.",
            *_TOPICS.values(),
            "Or just ask in a sentence, or paste an offer.",
        ]
    if reply.examples:
        lines += ["", "Try:", *(f"  {e}" for e in reply.examples)]
    return lines


@_render.register
def _(reply: RegionReply) -> list[str]:
    return [*_read_first(reply.read), reply.question]


@_render.register
def _(reply: ProblemReply) -> list[str]:
    lines = [*_read_first(reply.read), reply.message]
    if reply.examples:
        lines += ["", "Try:", *(f"  {e}" for e in reply.examples)]
    return lines

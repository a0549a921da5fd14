"""Reply -> Slack message ``{"text", "blocks"}``. The only module that knows Block Kit.

Every piece of text that came from a user or a guide file is escaped (``&``, ``<``, ``>``), so
nothing typed or written in a guide can ping @here, @channel or anyone. Messages stay inside
Slack's limits (50 blocks, 3000 characters a section, 150 a header), trimming with a pointer.
"""

from __future__ import annotations

import json
from functools import singledispatch
from typing import Any

from bot.coach.intent import Intent
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
from bot.render.phrases import (
    TOPICS,
    VERDICT_ICONS,
    VERDICTS,
    ask_text,
    band_bar,
    levels_text,
    money_range,
    other_summary,
    pct_range,
    place_words,
    position_value,
    targets_text,
    threshold_text,
    totals_text,
    vesting_text,
)

Block = dict[str, Any]
Message = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_FALLBACK = 300
MAX_BUTTON_VALUE = 2000
SHARE_ACTION = "share_in_channel"
PICK_ACTION = "pick_guide"


def esc(text: str) -> str:
    """Slack's three escapes, in Slack's order; what remains cannot be a mention or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _trim(text: str, limit: int = MAX_SECTION) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 40].rstrip() + "… _(trimmed; ask for less)_"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _trim(text)}}


def header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": _trim(text, MAX_HEADER), "emoji": True},
    }


def context(*parts: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": _trim(p, 2000)} for p in parts[:10]],
    }


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text[:75], "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def render_blocks(reply: Reply, *, share: str | None = None) -> Message:
    """The message for ``reply``. ``share`` (the command that produced it, ≤2000 chars) adds a
    button that posts the same answer to the channel: the user's explicit choice."""
    blocks, fallback = _render(reply)
    shareable = isinstance(reply, BandsReply | LeversReply | OfferReply)
    if share is not None and shareable and len(share) <= MAX_BUTTON_VALUE:
        label = (
            "Share in channel (shows your figures)"
            if isinstance(reply, OfferReply)
            else "Share in channel"
        )
        blocks.append({"type": "actions", "elements": [button(label, SHARE_ACTION, share)]})
    if len(blocks) > MAX_BLOCKS:
        blocks = [
            *blocks[: MAX_BLOCKS - 1],
            context("_More than fits in one message; ask for one region or one role._"),
        ]
    return {"text": esc(_trim(fallback, MAX_FALLBACK)), "blocks": blocks}


@singledispatch
def _render(
    reply: Reply,
) -> tuple[list[Block], str]:  # pragma: no cover - every Reply is registered
    raise TypeError(f"no Block Kit renderer for {type(reply).__name__}")


def _stale(reply: BandsReply | LeversReply | OfferReply) -> list[Block]:
    if reply.stale_since is None:
        return []
    return [
        section(
            f":warning: *Data due for review since {reply.stale_since:%-d %B %Y}.* Treat the figures as a floor."
        )
    ]


@_render.register
def _(reply: BandsReply) -> tuple[list[Block], str]:
    guide = reply.guide
    blocks = [header(guide.title)]
    if levels := levels_text(guide):
        blocks.append(context(f"Level: {esc(levels)}"))
    blocks += _stale(reply)
    if reply.region_missing and reply.region_asked:
        blocks.append(
            section(f"No {esc(reply.region_asked)} figures in this guide; here is every region.")
        )
    for band in reply.bands:
        c = band.currency
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{esc(band.region)}* ({c})"},
                "fields": [
                    {"type": "mrkdwn", "text": f"*Base*\n{money_range(band.base, c)}"},
                    {
                        "type": "mrkdwn",
                        "text": f"*Stock*\n{money_range(band.stock, c)} {vesting_text(guide, band.stock_years)}",
                    },
                    {"type": "mrkdwn", "text": f"*Bonus*\n{pct_range(band.bonus_pct)}"},
                    {"type": "mrkdwn", "text": f"*Total comp*\n{money_range(band.total_comp, c)}"},
                ],
            }
        )
    if not reply.bands:
        blocks.append(section("This guide has no compensation bands."))
    meta = [
        f"Data quality: {esc(guide.data_quality)}" if guide.data_quality else None,
        f"Salary data: {esc(guide.salary_data_quarter)}" if guide.salary_data_quarter else None,
        f"Sources: {esc(', '.join(guide.data_sources))}" if guide.data_sources else None,
    ]
    blocks.append(context(" · ".join(m for m in meta if m) or f"Guide {esc(guide.id)}"))
    first = reply.bands[0] if reply.bands else None
    summary = f"{guide.title}: " + (
        f"{first.region} base {money_range(first.base, first.currency)}" if first else "no bands"
    )
    return blocks, summary


@_render.register
def _(reply: LeversReply) -> tuple[list[Block], str]:
    guide = reply.guide
    blocks = [header(f"Negotiating {guide.title}")]
    blocks += _stale(reply)
    if guide.summary:
        blocks.append(context(esc(guide.summary)))
    for i, lever in enumerate(guide.levers[:20], 1):
        script = f"\n>{esc(lever.script)}" if lever.script else ""
        blocks.append(section(f"*{i}. {esc(lever.title)}*{script}"))
    if not guide.levers:
        blocks.append(section("This guide lists no levers."))
    if guide.script:
        blocks += [divider(), section(f"*Negotiate up*\n>{esc(guide.script)}")]
    if guide.thresholds:
        blocks.append(
            section("\n".join(f"*Threshold:* {esc(t.sentence)}." for t in guide.thresholds))
        )
    return blocks, f"Levers for {guide.title}: {len(guide.levers)}"


@_render.register
def _(reply: OfferReply) -> tuple[list[Block], str]:
    a = reply.assessment
    guide, band, currency = a.guide, a.band, a.currency
    blocks = [header(f"Your offer: {guide.title} — {band.region}")]
    blocks.append(
        section(
            f"{VERDICT_ICONS[a.verdict]} *{VERDICTS[a.verdict]}* · score *{a.score}/100* · {currency}"
        )
    )
    blocks += _stale(reply)
    if a.positions:
        rows = [
            f"{p.component.display:<10} {position_value(p, currency, band.stock_years):<9} "
            f"{band_bar(p, currency)} {place_words(p)}"
            for p in a.positions
        ]
        blocks.append(section("```" + "\n".join(rows) + "```"))
    lines = [totals_text(a)]
    if a.threshold is not None:
        lines.append(esc(threshold_text(a.threshold, currency)))
    if targets := targets_text(a):
        lines.append(targets)
    blocks.append(section("\n".join(lines)))
    if a.counter:
        asks = []
        for ask in a.counter:
            levers = f" _({esc(', '.join(lv.title for lv in ask.levers))})_" if ask.levers else ""
            asks.append(f"• {esc(ask_text(ask, currency, band.stock_years))}{levers}")
        blocks.append(section("*Counter with*\n" + "\n".join(asks)))
    if a.script:
        blocks.append(section(f"*Say it like this*\n>{esc(a.script)}"))
    notes = [*a.assumptions, *reply.notes]
    if notes:
        blocks.append(context("*How I read it:* " + esc("; ".join(notes))))
    if a.warnings:
        blocks.append(context("*Watch out:* " + esc("; ".join(a.warnings))))
    if reply.others:
        others = "; ".join(other_summary(other, currency) for other in reply.others)
        blocks.append(context("*Also in the paste:* " + esc(others)))
    fallback = f"Your offer for {guide.title}: {VERDICTS[a.verdict]}, score {a.score}/100"
    return blocks, fallback


@_render.register
def _(reply: ChooseReply) -> tuple[list[Block], str]:
    blocks = [section("Several guides fit. Which one did you mean?")]
    buttons: list[Block] = []
    for c in reply.candidates[:5]:
        value: dict[str, Any] = {
            "intent": reply.intent.value,
            "guide": c.guide.id,
            "region": reply.region,
        }
        if reply.intent is Intent.OFFER:
            value["text"] = reply.query
        encoded = json.dumps(value, ensure_ascii=False)
        if len(encoded) <= MAX_BUTTON_VALUE:
            buttons.append(button(c.guide.title, PICK_ACTION + f"_{len(buttons)}", encoded))
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    else:
        blocks.append(section("\n".join(f"• {esc(c.guide.title)}" for c in reply.candidates)))
    blocks.append(context("Or add a word of the role to your question."))
    return blocks, "Several guides fit: " + "; ".join(c.guide.title for c in reply.candidates[:5])


@_render.register
def _(reply: NotFoundReply) -> tuple[list[Block], str]:
    if reply.unknown:
        first = f"I have no guide for *{esc(', '.join(reply.unknown))}*."
    else:
        first = "I couldn't tell which company and role you mean."
    blocks = [section(first)]
    if reply.suggestions:
        blocks.append(
            section(
                "Nearest guides I have:\n"
                + "\n".join(
                    f"• {esc(c.guide.title)} (`{esc(c.guide.id)}`)" for c in reply.suggestions
                )
            )
        )
    return blocks, first.replace("*", "")


_TOPICS = {topic: f"`{esc(usage)}` — {what}" for topic, (usage, what) in TOPICS.items()}


@_render.register
def _(reply: HelpReply) -> tuple[list[Block], str]:
    if reply.topic in _TOPICS:
        blocks = [section(_TOPICS[reply.topic])]
    else:
        count = reply.guide_count
        blocks = [
            section(
                f"*Leverage* coaches you through job-offer negotiation from {count} "
                f"negotiation guide{'s' if count != 1 else ''}.\n" + "\n".join(_TOPICS.values())
            ),
            context("In a DM, just ask in a sentence or paste an offer. In a channel, mention me."),
        ]
    if reply.examples:
        blocks.append(section("*Try:*\n" + "\n".join(f"`{esc(e)}`" for e in reply.examples)))
    return blocks, "How to use Leverage"


@_render.register
def _(reply: RegionReply) -> tuple[list[Block], str]:
    blocks = [section(esc(reply.question))]
    buttons: list[Block] = []
    for region in reply.regions[:10]:
        value = json.dumps(
            {
                "intent": Intent.OFFER.value,
                "guide": reply.guide.id,
                "region": region,
                "text": reply.text,
            },
            ensure_ascii=False,
        )
        if len(value) <= MAX_BUTTON_VALUE:
            buttons.append(button(region, f"{PICK_ACTION}_{len(buttons)}", value))
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return blocks, reply.question


@_render.register
def _(reply: ProblemReply) -> tuple[list[Block], str]:
    blocks = [section(esc(reply.message))]
    if reply.examples:
        blocks.append(section("*Try:*\n" + "\n".join(f"`{esc(e)}`" for e in reply.examples)))
    return blocks, reply.message


def home_view(reply: HelpReply) -> dict[str, Any]:
    """The App Home tab: how to use Leverage, with examples from the loaded guides."""
    blocks, _ = _render(reply)
    return {"type": "home", "blocks": [header("Leverage"), *blocks][:100]}

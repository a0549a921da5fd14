"""Reply -> Slack message ``{"text", "blocks"}``. The only module that knows Block Kit.

Every piece of text that came from a user or a guide file is escaped (``&``, ``<``, ``>``), once,
so nothing typed or written in a guide can ping @here, @channel or anyone. Messages stay inside
Slack's limits (50 blocks, 3000 characters a section, 150 a header), trimming with a pointer.

The top-level ``text`` carries the whole answer in plain words: screen readers and
notifications read only that field. It is the terminal rendering (text.py), with the band bars
said in words, so there is one wording of each answer, not a third renderer.

At about 450 lines this is longer than the modules beside it, on purpose: it is the one home of
Block Kit (a renderer per reply type, the Slack edge's short messages), and a split would give
Block Kit two homes.
"""

from __future__ import annotations

import re
from functools import singledispatch
from typing import Any, TypeGuard

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
from bot.render.actions import SHARE_ACTION, ButtonValue, encode, fits, pick_action_id
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
from bot.render.text import render_text

Block = dict[str, Any]
Message = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
# Slack cuts `text` at 40,000 characters and asks for 4,000 at most; the longest reply
# (a guide's levers and scripts) is about 1,500.
MAX_TEXT = 4000
_TRIMMED = "… _(trimmed; ask for less)_"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")
# A band bar with its ends ("$200K   $192K ▕─●────────▏ $235K  low"), said in words:
# "$200K, band $192K to $235K: low".
_BAR = re.compile(r" *(\S{1,24}) *●?▕[─●]*▏●? *(\S{1,24}) *")


def esc(text: str) -> str:
    """Slack's three escapes, in Slack's order; what remains cannot be a mention or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_user_id(value: object) -> TypeGuard[str]:
    """A Slack user id, safe to write as a mention (``<@U…>``) or to post a DM to."""
    return isinstance(value, str) and bool(_USER_ID.match(value))


def _trim(text: str, limit: int = MAX_SECTION) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - len(_TRIMMED)].rstrip() + _TRIMMED


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _trim(text)}}


def header(text: str) -> Block:
    """A header is plain text: trimmed with an ellipsis, never with mrkdwn."""
    if len(text) > MAX_HEADER:
        text = text[: MAX_HEADER - 1].rstrip() + "…"
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


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
        "text": {"type": "plain_text", "text": text[:MAX_BUTTON_TEXT], "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def render_blocks(
    reply: Reply,
    *,
    share: bool = False,
    ref: str | None = None,
    shared_by: str | None = None,
    notice: str | None = None,
) -> Message:
    """The message for ``reply``.

    ``share`` adds a button that posts the same answer to the channel (the user's explicit
    choice); ``ref`` is the short reference to the paste behind an offer, for the buttons
    that score it again; ``shared_by`` (a user id) ends a shared answer with who shared it;
    ``notice`` opens the message with a line saying why it came this way."""
    blocks = _render(reply, ref)
    if notice:
        blocks.insert(0, context(notice))
    tail: list[Block] = []
    value = _share_value(reply, ref) if share else None
    if value is not None and fits(value):
        label = (
            "Share in channel (shows your figures)"
            if isinstance(reply, OfferReply)
            else "Share in channel"
        )
        tail.append({"type": "actions", "elements": [button(label, SHARE_ACTION, encode(value))]})
    if shared_by is not None and is_user_id(shared_by):
        tail.append(context(f"Shared by <@{shared_by}>"))
    room = MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        blocks = [
            *blocks[: room - 1],
            context("_More than fits in one message; ask for one region or one role._"),
        ]
    return {"text": plain_text(reply), "blocks": blocks + tail}


def plain_text(reply: Reply) -> str:
    """The whole answer in plain words, escaped once, within Slack's limit for ``text``."""
    lines = [
        " ".join((_BAR.sub(r", band \1 to \2: ", line) if "▕" in line else line).split())
        for line in render_text(reply).splitlines()
    ]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    escaped = esc(text)
    while len(escaped) > MAX_TEXT:
        text = text[: len(text) - (len(escaped) - MAX_TEXT) - 40].rstrip()
        escaped = esc(text) + "… (trimmed; ask for less)"
    return escaped


def _share_value(reply: Reply, ref: str | None) -> ButtonValue | None:
    if isinstance(reply, BandsReply):
        return ButtonValue(Intent.BAND, reply.guide.id, reply.region_asked)
    if isinstance(reply, LeversReply):
        return ButtonValue(Intent.LEVERS, reply.guide.id)
    if isinstance(reply, OfferReply) and ref is not None:
        return ButtonValue(
            Intent.OFFER, reply.assessment.guide.id, reply.assessment.band.region, ref
        )
    return None


def _pick_buttons(labelled: list[tuple[str, ButtonValue]]) -> list[Block]:
    buttons: list[Block] = []
    for label, value in labelled:
        if fits(value):
            buttons.append(button(label, pick_action_id(len(buttons)), encode(value)))
    return buttons


@singledispatch
def _render(reply: Reply, ref: str | None) -> list[Block]:  # pragma: no cover - all registered
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
def _(reply: BandsReply, ref: str | None) -> list[Block]:
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
    return blocks


@_render.register
def _(reply: LeversReply, ref: str | None) -> list[Block]:
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
    return blocks


@_render.register
def _(reply: OfferReply, ref: str | None) -> list[Block]:
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
    return blocks


@_render.register
def _(reply: ChooseReply, ref: str | None) -> list[Block]:
    blocks = [section("Several guides fit. Which one did you mean?")]
    offer = reply.intent is Intent.OFFER
    buttons = (
        []
        if offer and ref is None  # nothing to score again with: the list below instead
        else _pick_buttons(
            [
                (
                    c.guide.title,
                    ButtonValue(reply.intent, c.guide.id, reply.region, ref if offer else None),
                )
                for c in reply.candidates[:5]
            ]
        )
    )
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    else:
        blocks.append(section("\n".join(f"• {esc(c.guide.title)}" for c in reply.candidates)))
    blocks.append(context("Or add a word of the role to your question."))
    return blocks


@_render.register
def _(reply: NotFoundReply, ref: str | None) -> list[Block]:
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
    return blocks


_TOPICS = {topic: f"`{esc(usage)}` — {what}" for topic, (usage, what) in TOPICS.items()}


@_render.register
def _(reply: HelpReply, ref: str | None) -> list[Block]:
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
    return blocks


@_render.register
def _(reply: RegionReply, ref: str | None) -> list[Block]:
    blocks = [section(esc(reply.question))]
    if ref is not None:
        buttons = _pick_buttons(
            [
                (region, ButtonValue(Intent.OFFER, reply.guide.id, region, ref))
                for region in reply.regions[:10]
            ]
        )
        if buttons:
            blocks.append({"type": "actions", "elements": buttons})
    return blocks


@_render.register
def _(reply: ProblemReply, ref: str | None) -> list[Block]:
    blocks = [section(esc(reply.message))]
    if reply.examples:
        blocks.append(section("*Try:*\n" + "\n".join(f"`{esc(e)}`" for e in reply.examples)))
    return blocks


def home_view(reply: HelpReply) -> dict[str, Any]:
    """The App Home tab: how to use Leverage, with examples from the loaded guides."""
    return {"type": "home", "blocks": [header("Leverage"), *_render(reply, None)][:100]}


# -- the Slack edge's own messages: where an answer went, or why it could not ----------------


def _note(text: str) -> Message:
    return {"text": text, "blocks": [section(text)]}


def dm_sent_note(user: str) -> Message:
    """In the thread, for everyone: where the private answer went. No figures."""
    return _note(f"<@{user}>, offers stay private: I've sent you the score in a direct message.")


def open_dm_note(user: str) -> Message:
    """In the thread, for everyone, when neither a DM nor an ephemeral reply reached the user."""
    return _note(
        f"<@{user}>, offers stay private, and I couldn't send you a direct message. "
        "Open a DM with me (Leverage, under Apps) and paste the offer there."
    )


PRIVATE_FALLBACK = "I couldn't send you a direct message, so here it is where only you can see it."
THREAD_FALLBACK = "I couldn't post in this thread, so here is my answer, visible only to you."


def stale_button() -> Message:
    return _note("This button is from an older version of Leverage; ask again.")


def expired_paste() -> Message:
    return _note(
        "I no longer have that offer (I keep a paste for 30 minutes, for you only). Paste it again."
    )


def went_wrong() -> Message:
    return _note(
        "Something went wrong on my side and I couldn't answer that. Try again in a moment."
    )


def file_without_text() -> Message:
    return _note(
        "I read text, not files or screenshots: paste the offer's figures as a message, "
        "or ask me about a company and role."
    )


def share_failed(error: str) -> Message:
    """To the user only, when their answer could not be posted to the channel."""
    return _note(
        f"I couldn't post that to the channel (Slack said `{esc(error)}`). "
        "Invite me with `/invite @Leverage`, or ask again in a channel I'm in."
    )

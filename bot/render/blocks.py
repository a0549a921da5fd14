"""Reply -> Slack message ``{"text", "blocks"}``: a Block Kit renderer per reply type, and the
Slack edge's own short messages. Block Kit lives in bot/render only: its pieces in kit.py, the
buttons under messages in buttons.py, the views (the offer form, the App Home) in views.py.

Every piece of text that came from a user or a guide file is escaped (``&``, ``<``, ``>``), once,
so nothing typed or written in a guide can ping @here, @channel or anyone. Messages stay inside
Slack's limits (50 blocks, 3000 characters a section, 150 a header), trimming with a pointer.

The top-level ``text`` carries the whole answer in plain words: screen readers and
notifications read only that field. It is the terminal rendering (text.py), with the band bars
said in words, so there is one wording of each answer, not a third renderer.

At about 500 lines this is longer than the modules beside it, on purpose: a renderer per reply
type keeps each answer's Block Kit in one place, and the offer card is most of it.
"""

from __future__ import annotations

import re
from functools import singledispatch

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
from bot.offers.model import Offer, ParsedPaste
from bot.render.actions import ButtonValue
from bot.render.buttons import Kept, edit_button, pick_buttons, pick_label, share_buttons
from bot.render.kit import (
    MAX_BLOCKS,
    Block,
    Message,
    actions,
    context,
    divider,
    esc,
    header,
    is_user_id,
    section,
)
from bot.render.phrases import (
    TOPICS,
    VERDICT_ICONS,
    VERDICTS,
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
from bot.render.text import render_text

__all__ = ["Block", "Message", "esc", "is_user_id", "render_blocks"]

# Slack cuts `text` at 40,000 characters and asks for 4,000 at most; the longest reply
# (a guide's levers and scripts) is about 1,500.
MAX_TEXT = 4000
# A band bar with its ends ("$200K   $192K ▕─●────────▏ $235K  low"), said in words:
# "$200K, band $192K to $235K: low".
_BAR = re.compile(r" *(\S{1,24}) *●?▕[─●]*▏●? *(\S{1,24}) *")


def render_blocks(
    reply: Reply,
    *,
    share: bool = False,
    ref: str | None = None,
    form: bool = False,
    shared_by: str | None = None,
    notice: str | None = None,
) -> Message:
    """The message for ``reply``.

    ``ref`` is the short reference to what an offer was read from (a paste, or with
    ``form`` the figures entered in the offer form), for the buttons that act on it again:
    Edit, a region or guide to score it for, sharing the full score. ``share`` adds the
    buttons that post the answer to the channel (the user's explicit choice, confirmed
    first); ``shared_by`` (a user id) heads a shared answer with who shared it, and drops
    every button; ``notice`` opens the message with a line saying why it came this way."""
    shared = shared_by is not None and is_user_id(shared_by)
    blocks = _render(reply, None if shared else Kept(ref, form) if ref else None)
    if notice:
        blocks.insert(0, context(notice))
    if shared:
        blocks = [b for b in blocks if b["type"] != "actions"]
        blocks.insert(0, context(f"Shared by <@{shared_by}>"))
    tail: list[Block] = []
    buttons = share_buttons(reply, ref, form) if share and not shared else []
    if buttons:
        tail.append(actions(*buttons))
    room = MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        blocks = [
            *blocks[: room - 1],
            context("_More than fits in one message; ask for one region or one role._"),
        ]
    return {"text": plain_text(reply), "blocks": blocks + tail}


def keeps_paste(reply: Reply) -> bool:
    """True when the message for ``reply`` has buttons that act on the offer again (Edit, a
    region or guide to score it for, Share my full score): the edge keeps the paste for them."""
    if isinstance(reply, OfferReply | RegionReply):
        return True
    if isinstance(reply, ChooseReply):
        return reply.intent is Intent.OFFER
    if isinstance(reply, ProblemReply):
        return reply.read is not None
    return False


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


# -- the buttons: share, pick, edit ---------------------------------------------------------
@singledispatch
def _render(reply: Reply, kept: Kept | None) -> list[Block]:  # pragma: no cover - all registered
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
def _(reply: BandsReply, kept: Kept | None) -> list[Block]:
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
def _(reply: LeversReply, kept: Kept | None) -> list[Block]:
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


def read_section(offer: Offer, assumptions: tuple[str, ...], currency: str | None) -> Block:
    """ "Here is what I read": every figure as read, then each assumption made reading it,
    first in the answer so a misread figure shows before anything built on it."""
    lines = [f"• {esc(line)}" for line in read_lines(offer, currency)]
    if assumptions:
        lines.append("_Assumed:_ " + esc("; ".join(assumptions)))
    return section("*Here is what I read*\n" + "\n".join(lines))


@_render.register
def _(reply: OfferReply, kept: Kept | None) -> list[Block]:
    a = reply.assessment
    guide, band, currency = a.guide, a.band, a.currency
    blocks = [header(f"Your offer: {guide.title} — {band.region}")]
    blocks.append(read_section(a.offer, a.assumptions, currency))
    if edit := edit_button(guide, band.region, kept):
        blocks.append(actions(*edit))
    if a.settled:
        blocks.append(
            section(
                f"{VERDICT_ICONS[a.verdict]} *{VERDICTS[a.verdict]}* · score *{a.score}/100* · {currency}"
            )
        )
    else:  # what to add, and Edit (above) to add it
        blocks.append(section(f":mag: {esc(verdict_line(a))}"))
    blocks += _stale(reply)
    if reply.revision is not None:
        blocks.append(section(f"*What changed* · {esc(revision_text(reply.revision, currency))}"))
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
    if reply.notes:
        blocks.append(context("*How I chose the guide:* " + esc("; ".join(reply.notes))))
    if a.warnings:
        blocks.append(context("*Watch out:* " + esc("; ".join(a.warnings))))
    if reply.comparison is not None:
        table = "\n".join(table_lines(comparison_rows(reply.comparison)))
        blocks.append(section("*Side by side*\n```" + esc(table) + "```"))
        if said := comparison_lines(reply.comparison):
            blocks.append(section("\n".join(esc(line) for line in said)))
    elif reply.others:
        others = "; ".join(other_summary(other, currency) for other in reply.others)
        blocks.append(context("*Also in the paste:* " + esc(others)))
    return blocks


def _read_first(read: ParsedPaste | None) -> list[Block]:
    """For an offer that cannot be scored yet: what was read, before the question."""
    if read is None:
        return []
    return [read_section(read.offer, read.offer.assumptions, read.offer.currency)]


@_render.register
def _(reply: ChooseReply, kept: Kept | None) -> list[Block]:
    blocks = [*_read_first(reply.read), section("Several guides fit. Which one did you mean?")]
    offer = reply.intent is Intent.OFFER
    buttons = (
        []
        if offer and kept is None  # nothing to score again with: the list below instead
        else pick_buttons(
            [
                (
                    pick_label(c.guide, reply.region),
                    ButtonValue(
                        reply.intent,
                        c.guide.id,
                        reply.region,
                        kept.ref if offer and kept else None,
                        bool(offer and kept and kept.form),
                    ),
                )
                for c in reply.candidates[:5]
            ]
        )
    )
    edit = edit_button(None, reply.region, kept) if offer else []
    if buttons or edit:
        blocks.append(actions(*buttons, *edit))
    if not buttons:
        blocks.append(section("\n".join(f"• {esc(c.guide.title)}" for c in reply.candidates)))
    blocks.append(context("Or add a word of the role to your question."))
    return blocks


@_render.register
def _(reply: NotFoundReply, kept: Kept | None) -> list[Block]:
    if reply.unknown:
        first = f"I have no guide for *{esc(', '.join(reply.unknown))}*."
    else:
        first = "I couldn't tell which company and role you mean."
    blocks = [section(first)]
    if not reply.suggestions:
        return blocks
    offer = reply.intent is Intent.OFFER
    buttons = (
        []
        if offer and kept is None
        else pick_buttons(
            [
                (
                    pick_label(c.guide, None),
                    ButtonValue(
                        reply.intent, c.guide.id, None, kept.ref if offer and kept else None
                    ),
                )
                for c in reply.suggestions[:5]
            ]
        )
    )
    if buttons:
        blocks += [section("Did you mean one of these?"), actions(*buttons)]
    else:
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
def _(reply: HelpReply, kept: Kept | None) -> list[Block]:
    return help_blocks(reply)


def help_blocks(reply: HelpReply) -> list[Block]:
    """What Leverage does and its commands, with examples from the loaded guides."""
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
def _(reply: RegionReply, kept: Kept | None) -> list[Block]:
    blocks = [*_read_first(reply.read), section(esc(reply.question))]
    buttons = pick_buttons(
        [
            (region, ButtonValue(Intent.OFFER, reply.guide.id, region, kept.ref, kept.form))
            for region in reply.regions[:10]
        ]
        if kept is not None
        else []
    )
    if buttons := [*buttons, *edit_button(reply.guide, None, kept)]:
        blocks.append(actions(*buttons))
    return blocks


@_render.register
def _(reply: ProblemReply, kept: Kept | None) -> list[Block]:
    blocks = [*_read_first(reply.read), section(esc(reply.message))]
    if reply.examples:
        blocks.append(section("*Try:*\n" + "\n".join(f"`{esc(e)}`" for e in reply.examples)))
    if reply.read is not None and (edit := edit_button(None, None, kept)):
        blocks.append(actions(*edit))
    return blocks


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


def form_failed() -> Message:
    return _note(
        "I couldn't open the form (Slack allows 3 seconds for it). Press the button again, "
        "or paste the offer with the figures corrected."
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

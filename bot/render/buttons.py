"""The buttons under Leverage's messages: Share (confirmed first), pick a guide or region, Edit.

Their values follow the protocol of actions.py: a guide id, a region and a short reference to
what an offer was read from, never the text or the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coach.intent import Intent
from bot.coach.replies import BandsReply, LeversReply, OfferReply, Reply
from bot.guides.model import Guide
from bot.render.actions import (
    EDIT_ACTION,
    ButtonValue,
    encode,
    fits,
    pick_action_id,
    share_action_id,
)
from bot.render.kit import MAX_BUTTON_TEXT, Block, button, confirm_dialog, esc, short

SHARE_BANDS = "Share the guide's bands (none of your figures)"
SHARE_SCORE = "Share my full score (shows my figures)"


def share_buttons(reply: Reply, ref: str | None, form: bool) -> list[Block]:
    """Share in channel, each asking for confirmation first. For an offer, two plainly named
    choices: the guide's bands (none of the user's figures) or the full score (theirs)."""
    choices: list[tuple[str, ButtonValue, Block]] = []
    if isinstance(reply, BandsReply):
        value = ButtonValue(Intent.BAND, reply.guide.id, reply.region_asked)
        choices.append(
            (
                "Share in channel",
                value,
                _confirm_share(f"the pay bands for {esc(reply.guide.title)}"),
            )
        )
    elif isinstance(reply, LeversReply):
        value = ButtonValue(Intent.LEVERS, reply.guide.id)
        choices.append(
            (
                "Share in channel",
                value,
                _confirm_share(f"the levers for {esc(reply.guide.title)}"),
            )
        )
    elif isinstance(reply, OfferReply):
        a = reply.assessment
        # The reference rides along so the offer card can be put back after sharing.
        bands = ButtonValue(Intent.BAND, a.guide.id, a.band.region, ref, form)
        choices.append(
            (
                SHARE_BANDS,
                bands,
                _confirm_share(
                    f"the guide's {esc(a.band.region)} pay bands for {esc(a.guide.title)}",
                    "None of your figures are shown.",
                ),
            )
        )
        if ref is not None:
            full = ButtonValue(Intent.OFFER, a.guide.id, a.band.region, ref, form)
            choices.append(
                (
                    SHARE_SCORE,
                    full,
                    _confirm_share("your offer's full score", "*Your figures will be shown.*"),
                )
            )
    return [
        button(label, share_action_id(i), encode(value), confirm=dialog)
        for i, (label, value, dialog) in enumerate(c for c in choices if fits(c[1]))
    ]


def _confirm_share(what: str, more: str = "") -> Block:
    text = f"Everyone in this channel will see {what}, with your name on it. {more}".strip()
    return confirm_dialog("Share in the channel?", text, "Share")


def pick_buttons(labelled: list[tuple[str, ButtonValue]]) -> list[Block]:
    buttons: list[Block] = []
    for label, value in labelled:
        if fits(value):
            buttons.append(button(label, pick_action_id(len(buttons)), encode(value)))
    return buttons


def pick_label(guide: Guide, region: str | None) -> str:
    """ "Segment · AI CDP Platform Engineer · London": company, role and the region the
    answer will be for (the one asked, else the guide's own), within a button's 75 characters."""
    band = guide.band(region) if region else None
    if band is not None:
        where = band.region
    elif len(guide.bands) == 1:
        where = guide.bands[0].region
    else:
        where = ", ".join(b.region for b in guide.bands)
    label = f"{guide.company_display} · {guide.role_display}"
    if where and len(label) + len(where) + 3 > MAX_BUTTON_TEXT and len(guide.bands) > 1:
        where = f"{len(guide.bands)} regions"
    return short(f"{label} · {where}" if where else label, MAX_BUTTON_TEXT)


@dataclass(frozen=True)
class Kept:
    """What the offer behind a message was read from, for its buttons (see render_blocks)."""

    ref: str
    form: bool = False


def edit_button(guide: Guide | None, region: str | None, kept: Kept | None) -> list[Block]:
    """The Edit button (none without a kept offer to open the form on)."""
    if kept is None:
        return []
    value = ButtonValue(Intent.OFFER, guide.id if guide else None, region, kept.ref, kept.form)
    return [button("Edit the figures", EDIT_ACTION, encode(value))] if fits(value) else []

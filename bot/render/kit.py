"""Block Kit's pieces, within Slack's limits, for the messages (blocks.py), the buttons under
them (buttons.py) and the views (views.py).

Text is escaped by the callers, once, where it comes from a user or a guide file: ``esc`` turns
``&``, ``<``, ``>`` into entities, so nothing typed can ping @here, @channel or anyone. Every
piece trims what would break Slack's limits (3000 characters a section, 150 a header, 75 a
button) with a pointer rather than let Slack refuse the message.
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

Block = dict[str, Any]
Message = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
_TRIMMED = "… _(trimmed; ask for less)_"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")


def esc(text: str) -> str:
    """Slack's three escapes, in Slack's order; what remains cannot be a mention or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_user_id(value: object) -> TypeGuard[str]:
    """A Slack user id, safe to write as a mention (``<@U…>``) or to post a DM to."""
    return isinstance(value, str) and bool(_USER_ID.match(value))


def trim(text: str, limit: int = MAX_SECTION) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - len(_TRIMMED)].rstrip() + _TRIMMED


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": trim(text)}}


def header(text: str) -> Block:
    """A header is plain text: trimmed with an ellipsis, never with mrkdwn."""
    if len(text) > MAX_HEADER:
        text = text[: MAX_HEADER - 1].rstrip() + "…"
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def context(*parts: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": trim(p, 2000)} for p in parts[:10]],
    }


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str, action_id: str, value: str, style: str | None = None, confirm: Block | None = None
) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": short(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def confirm_dialog(title: str, text: str, yes: str, no: str = "Cancel") -> Block:
    """Block Kit's confirmation dialog, asked before a button does something others see."""
    return {
        "title": {"type": "plain_text", "text": short(title, 100)},
        "text": {"type": "mrkdwn", "text": short(text, 300)},
        "confirm": {"type": "plain_text", "text": short(yes, 30)},
        "deny": {"type": "plain_text", "text": short(no, 30)},
    }


def actions(*elements: Block) -> Block:
    return {"type": "actions", "elements": list(elements[:25])}


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

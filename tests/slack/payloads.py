"""Interactive payloads as Slack sends them for the coaching flows: a button pressed on a
message (with the message's ts and thread), a modal submitted with what the user typed, the
App Home opened. Bodies are signed by the callers (bot/testing/requests.py)."""

from __future__ import annotations

import itertools
from typing import Any

from bot.testing import requests as rq

_triggers = itertools.count(1)


def trigger() -> str:
    """A fresh trigger_id: the fake, like Slack, accepts each one once."""
    return f"{next(_triggers)}.{next(_triggers)}.t"


def press(
    button: dict[str, Any],
    *,
    response_url: str,
    user: str = rq.USER,
    channel: str = rq.CHANNEL,
    ephemeral: bool = True,
    message_ts: str = "1700000100.000100",
    thread_ts: str | None = None,
    trigger_id: str | None = None,
) -> dict[str, Any]:
    """A press of ``button`` on the message ``message_ts`` (ephemeral: no ``message``)."""
    payload = rq.action_payload(
        button, response_url=response_url, user=user, channel=channel, ephemeral=ephemeral
    )
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": channel,
        "is_ephemeral": ephemeral,
    }
    if thread_ts:
        container["thread_ts"] = thread_ts
    payload["container"] = container
    payload["trigger_id"] = trigger_id or trigger()
    if not ephemeral:
        message: dict[str, Any] = {"type": "message", "ts": message_ts}
        if thread_ts:
            message["thread_ts"] = thread_ts
        payload["message"] = message
    return payload


def values_of(view: dict[str, Any]) -> dict[str, str]:
    """What the form shows when it opens: each field's initial value ("" when none)."""
    return {
        block["block_id"]: block["element"].get("initial_value", "")
        for block in view["blocks"]
        if block["type"] == "input"
    }


def submission(view: dict[str, Any], user: str = rq.USER, **typed: str) -> dict[str, Any]:
    """``view`` (as the bot opened it) submitted after the user typed ``typed`` over it."""
    values = {**values_of(view), **typed}
    state = {
        key: {"value": {"type": "plain_text_input", "value": value or None}}
        for key, value in values.items()
    }
    return {
        "type": "view_submission",
        "team": {"id": rq.TEAM, "domain": "acme"},
        "user": {"id": user, "team_id": rq.TEAM},
        "api_app_id": "A0001",
        "trigger_id": trigger(),
        "view": {
            "id": "V0MODAL",
            "team_id": rq.TEAM,
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view.get("private_metadata", ""),
            "blocks": view["blocks"],
            "state": {"values": state},
        },
    }


def home_opened(user: str = rq.USER) -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home"}


def body(payload: dict[str, Any]) -> bytes:
    return rq.interactive_body(payload)

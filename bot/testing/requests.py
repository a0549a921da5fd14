"""Requests as Slack sends them: bodies for slash commands, events and button presses, and
their v0 signatures (HMAC-SHA256 of ``v0:{timestamp}:{body}`` with the signing secret).

The signature is computed here from Slack's published scheme, not with slack_sdk, so a test
that passes checks the bot against the scheme rather than the SDK against itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

SECRET = "test-signing-secret"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TEAM = "T0001"
USER = "U0SAM"
CHANNEL = "C0HIRING"
DM_CHANNEL = "D0SAM"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    body: bytes, content_type: str, *, secret: str = SECRET, timestamp: int | str | None = None
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(secret, ts, body),
    }


def command_body(
    name: str,
    text: str,
    *,
    response_url: str = "",
    user: str = USER,
    channel: str = CHANNEL,
) -> bytes:
    return urlencode(
        {
            "token": "legacy",
            "team_id": TEAM,
            "team_domain": "acme",
            "channel_id": channel,
            "channel_name": "hiring",
            "user_id": user,
            "user_name": "sam",
            "command": name,
            "text": text,
            "api_app_id": "A0001",
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    ).encode()


def event_payload(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
        "event": event,
    }


def event_body(event: dict[str, Any], event_id: str) -> bytes:
    return json.dumps(event_payload(event, event_id)).encode()


def dm(text: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": DM_CHANNEL,
        "user": USER,
        "text": text,
        "ts": "1700000000.000100",
        **extra,
    }


def mention(text: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "channel": CHANNEL,
        "user": USER,
        "text": f"<@UBOT> {text}",
        "ts": "1700000001.000200",
        **extra,
    }


def interactive_body(payload: dict[str, Any]) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


def action_payload(
    button: dict[str, Any],
    *,
    response_url: str,
    user: str = USER,
    channel: str = CHANNEL,
    ephemeral: bool = True,
) -> dict[str, Any]:
    """A press of ``button`` (a Block Kit button element the bot sent)."""
    return {
        "type": "block_actions",
        "user": {"id": user},
        "team": {"id": TEAM},
        "api_app_id": "A0001",
        "container": {"type": "message", "is_ephemeral": ephemeral},
        "channel": {"id": channel},
        "response_url": response_url,
        "trigger_id": "1.2.3",
        "actions": [
            {"action_id": button["action_id"], "value": button.get("value"), "type": "button"}
        ],
    }


def shortcut_payload(callback_id: str, *, user: str = USER) -> dict[str, Any]:
    """A global shortcut: no channel and no response_url."""
    return {
        "type": "shortcut",
        "callback_id": callback_id,
        "user": {"id": user},
        "team": {"id": TEAM},
        "api_app_id": "A0001",
        "trigger_id": "1.2.3",
    }


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The buttons of a message the bot sent."""
    return [
        element
        for block in message.get("blocks", [])
        if block.get("type") == "actions"
        for element in block["elements"]
    ]


def shown(message: dict[str, Any]) -> str:
    """All the text a message shows (its blocks and its fallback), for assertions."""
    return json.dumps(message.get("blocks", []), ensure_ascii=False) + str(message.get("text", ""))

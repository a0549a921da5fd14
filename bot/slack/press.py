"""What an interaction says: who pressed, in which workspace, channel and thread, on which
message, and how to answer in place. Read defensively: any part may be missing or junk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.render.blocks import is_user_id
from bot.slack.conversation import Conversation


@dataclass(frozen=True)
class Press:
    """The interaction: who, in which workspace, channel and thread, on which message, and how
    to answer in place."""

    user: str | None
    team: str | None
    channel: str | None
    response_url: str | None
    ephemeral: bool = False
    thread_ts: str | None = None
    message_ts: str | None = None
    trigger_id: str | None = None

    @classmethod
    def of(cls, body: dict[str, Any]) -> Press:
        container = as_dict(body.get("container"))
        message = as_dict(body.get("message"))
        return cls(
            user=user_id(as_dict(body.get("user")).get("id")),
            team=slack_id(as_dict(body.get("team")).get("id")) or slack_id(body.get("team_id")),
            channel=slack_id(as_dict(body.get("channel")).get("id"))
            or slack_id(container.get("channel_id")),
            response_url=url(body.get("response_url")),
            ephemeral=bool(container.get("is_ephemeral")),
            thread_ts=slack_id(container.get("thread_ts")) or slack_id(message.get("thread_ts")),
            message_ts=slack_id(container.get("message_ts")) or slack_id(message.get("ts")),
            trigger_id=slack_id(body.get("trigger_id")),
        )

    @property
    def conversation(self) -> Conversation | None:
        """A DM or a thread remembers its previous offer; an ephemeral card in a channel not."""
        if self.channel is None or not (self.channel.startswith("D") or self.thread_ts):
            return None
        return Conversation.of(self.team, self.channel, self.thread_ts, self.user)

    @property
    def in_channel(self) -> bool:
        """An answer here may be shared with the channel (a DM has no one to share with)."""
        return self.channel is not None and not self.channel.startswith("D")


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def slack_id(value: object) -> str | None:
    """A channel, team or trigger id, or a message ts: short text, or None."""
    return value if isinstance(value, str) and 0 < len(value) <= 64 else None


def user_id(value: object) -> str | None:
    return value if is_user_id(value) else None


def url(value: object) -> str | None:
    return value if isinstance(value, str) and value.startswith(("https://", "http://")) else None


def action_value(body: dict[str, Any]) -> object:
    """The value of the button pressed (the first action of a block_actions payload)."""
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        return actions[0].get("value")
    return None

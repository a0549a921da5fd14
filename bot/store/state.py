"""Short-lived state of one person in one conversation, in the database, never in memory.

A process behind a load balancer cannot assume the next message of a conversation comes back
to it, so what a conversation must remember (the previous offer of a DM or thread, issue 13;
a short reference behind a button) is a row keyed by team, conversation, person and name.
Only that key reads it back, and it expires: ``MAX_TTL`` is the longest anything is kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from bot.store.database import Database, upsert
from bot.store.tables import ID
from bot.store.tables import conversation_state as state

MAX_TTL = timedelta(hours=24)
# A small document: figures and ids, or the paste behind an offer's buttons (the offer
# reader takes 16,000 characters, at most 4 bytes each in UTF-8: 64,000 bytes and a key).
MAX_VALUE_BYTES = 65_536
_PUT = upsert(
    state,
    ["team_id", "conversation_id", "user_id", "name"],
    update={c: f"excluded.{c}" for c in ("value", "updated_at", "expires_at")},
)


def conversation_id(channel: str, thread_ts: str | None = None) -> str:
    """A DM or channel is its channel id; a thread is the channel and the thread's ts."""
    return f"{channel}/{thread_ts}" if thread_ts else channel


@dataclass(frozen=True)
class StateKey:
    team_id: str
    conversation_id: str  # see conversation_id()
    user_id: str
    name: str  # what is kept, e.g. "previous_offer"

    def __post_init__(self) -> None:
        for field_name, value in vars(self).items():
            limit = 2 * ID if field_name == "conversation_id" else ID
            if not value or len(value) > limit:
                raise ValueError(f"{field_name} must be 1 to {limit} characters")


class ConversationState:
    """put / get / delete small JSON documents that expire."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def put(self, key: StateKey, value: Mapping[str, Any], ttl: timedelta) -> None:
        """Keep ``value`` for ``ttl`` (at most MAX_TTL), replacing what the key held."""
        if not timedelta(0) < ttl <= MAX_TTL:
            raise ValueError(f"ttl must be positive and at most {MAX_TTL}")
        document = dict(value)
        encoded = json.dumps(document, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
        size = len(encoded.encode())
        if size > MAX_VALUE_BYTES:
            raise ValueError(f"state value is {size:,} bytes; the limit is {MAX_VALUE_BYTES:,}")
        now = self._db.clock()
        row = {**_columns(key), "value": document, "updated_at": now, "expires_at": now + ttl}
        with self._db.engine.begin() as conn:
            conn.execute(_PUT, row)

    def get(self, key: StateKey) -> dict[str, Any] | None:
        """The value, or None when there is none or it has expired (pruned or not)."""
        with self._db.engine.begin() as conn:
            value = conn.execute(
                sa.select(state.c.value).where(*_match(key), state.c.expires_at > self._db.clock())
            ).scalar()
        return dict(value) if value is not None else None

    def delete(self, key: StateKey) -> bool:
        with self._db.engine.begin() as conn:
            return conn.execute(sa.delete(state).where(*_match(key))).rowcount == 1

    def purge(self) -> int:
        """Delete every expired row; returns how many."""
        with self._db.engine.begin() as conn:
            result = conn.execute(sa.delete(state).where(state.c.expires_at <= self._db.clock()))
        return result.rowcount


def _columns(key: StateKey) -> dict[str, str]:
    return {
        "team_id": key.team_id,
        "conversation_id": key.conversation_id,
        "user_id": key.user_id,
        "name": key.name,
    }


def _match(key: StateKey) -> list[sa.ColumnElement[bool]]:
    return [state.c[name] == value for name, value in _columns(key).items()]

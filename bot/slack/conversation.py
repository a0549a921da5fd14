"""What a conversation remembers between two pastes: the previous offer of one person in one DM
or thread, so a revised offer is shown with what changed ("base +$10K; score 58 -> 74").

The state sits behind a small interface, ``ConversationState``: ``bot.store``'s
ConversationState (rows in the database, shared by every process, expiring) has exactly these
three methods and is what ``serve`` passes in; ``MemoryState`` is the same in one process, for
tests and the local app. What is kept is a compare.Snapshot (figures, guide, band, score) for
24 hours, under the key (team, conversation, person, "previous_offer"): never the paste, and
never read for anyone else. Expired rows are the store's to delete.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from bot.coach import Coach
from bot.coach.compare import Snapshot
from bot.coach.replies import Answer, OfferReply
from bot.store import StateKey, conversation_id

log = logging.getLogger("leverage.slack")

PREVIOUS_OFFER = "previous_offer"
KEEP = timedelta(hours=24)


class ConversationState(Protocol):
    def put(self, key: StateKey, value: Mapping[str, Any], ttl: timedelta) -> None:
        """Keep ``value`` under ``key`` for ``ttl``, replacing what it held."""

    def get(self, key: StateKey) -> dict[str, Any] | None:
        """The value, or None when there is none or it has expired."""

    def delete(self, key: StateKey) -> bool:
        """Forget ``key``; True when it held something."""


class MemoryState:
    """ConversationState in this process only: bounded, oldest out first, safe across threads."""

    def __init__(self, *, size: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self._values: OrderedDict[StateKey, tuple[dict[str, Any], float]] = OrderedDict()
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()

    def put(self, key: StateKey, value: Mapping[str, Any], ttl: timedelta) -> None:
        with self._lock:
            self._values[key] = (dict(value), self._clock() + ttl.total_seconds())
            self._values.move_to_end(key)
            while len(self._values) > self._size:
                self._values.popitem(last=False)

    def get(self, key: StateKey) -> dict[str, Any] | None:
        with self._lock:
            held = self._values.get(key)
        if held is None or held[1] <= self._clock():
            return None
        return dict(held[0])

    def delete(self, key: StateKey) -> bool:
        with self._lock:
            return self._values.pop(key, None) is not None


@dataclass(frozen=True)
class Conversation:
    """One person in one DM or thread of one workspace."""

    team: str
    channel: str
    thread_ts: str | None
    user: str

    @classmethod
    def of(
        cls, team: object, channel: object, thread_ts: object, user: object
    ) -> Conversation | None:
        """The conversation, or None when a part is missing (nothing is kept then)."""
        if not all(isinstance(v, str) and v for v in (team, channel, user)):
            return None
        thread = thread_ts if isinstance(thread_ts, str) and thread_ts else None
        return cls(str(team), str(channel), thread, str(user))

    def key(self, name: str = PREVIOUS_OFFER) -> StateKey:
        return StateKey(self.team, conversation_id(self.channel, self.thread_ts), self.user, name)


class Revisions:
    """A scored offer against the previous one of its conversation; then it becomes the
    previous one. When the state cannot be read or written, the answer goes out without the
    comparison (said in the log, without figures): it is an extra, never a reason to fail."""

    def __init__(self, state: ConversationState) -> None:
        self.state = state

    def revise(self, coach: Coach, answer: Answer, where: Conversation | None) -> Answer:
        reply = answer.reply
        if where is None or not isinstance(reply, OfferReply):
            return answer
        try:
            key = where.key()
            held = self.state.get(key)
            previous = Snapshot.from_dict(held) if held is not None else None
            self.state.put(key, Snapshot.of(reply.assessment).as_dict(), KEEP)
        except (SQLAlchemyError, ValueError, OSError) as error:
            log.warning("conversation state unavailable: %s", type(error).__name__)
            return answer
        return coach.revise(answer, previous)

"""The little state the Slack edge keeps between requests, each behind a small interface.

- ``EventClaims``: which events are being or have been answered, so Slack's retries of one
  event (same ``event_id``) are answered once. ``serve`` passes ``bot.store``'s EventClaims
  (an insert on a primary key, so that several processes agree); ``MemoryClaims`` is the
  one-process version the in-process tests use.
- ``PasteStore``: a pasted offer, kept for 30 minutes for the person who pasted it, so the
  buttons under its answer (the region to score it for, "Share") carry a short reference
  instead of the text. ``DatabasePastes`` keeps it in the store's conversation state, so a
  button drawn by one process works on any other; ``MemoryPastes`` is the one-process
  version. Keyed by workspace and person: a reference is useless to anyone else. Never
  logged, never shown to anyone else.
- ``MissLog``: what no guide answered, counted for guide authors (``bot.store.Misses``);
  ``miss_in`` says which answers count.

All are safe across threads; the memory ones are bounded in size, oldest out first.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from bot.coach.intent import Intent
from bot.coach.replies import Answer
from bot.store import ConversationState, MissKey, StateKey, miss_of

Clock = Callable[[], float]
# A slash command's response_url lasts 30 minutes: a button older than that cannot replace
# its message anyway.
PASTE_LIFETIME = timedelta(minutes=30)
# A paste's buttons may be pressed in the thread it was posted in or in the DM its score went
# to: it belongs to the person, not to one conversation.
ANY_CONVERSATION = "*"
_PASTE = "paste:"


class EventClaims(Protocol):
    def claim(self, event_id: str, team_id: str) -> bool:
        """True for the first delivery of an event, and for a retry of one whose claim expired
        unanswered; False while another delivery is answering it or has answered it."""

    def complete(self, event_id: str) -> None:
        """The event has been answered (or deliberately left unanswered)."""

    def release(self, event_id: str) -> None:
        """Answering failed before anything reached the user: let a retry try again."""


class PasteStore(Protocol):
    def keep(self, team: str, user: str, text: str) -> str | None:
        """Keep ``text`` for ``user`` of ``team``; the short reference a button carries, or
        None when it cannot be kept (the button then asks for the paste again)."""

    def get(self, team: str, user: str, ref: str) -> str | None:
        """The text ``user`` of ``team`` pasted under ``ref``, or None when expired or not
        theirs."""


class MissLog(Protocol):
    def record(self, team_id: str, user_id: str, miss: MissKey) -> None:
        """Count one ask of ``miss`` (bot.store.Misses: the user only feeds a keyed hash)."""


def miss_in(answer: Answer, asked: str) -> MissKey | None:
    """The miss a bands or levers answer stands for, when its lookup found no guide or
    several (offers are not counted: their text is a paste, not a question)."""
    if answer.intent not in {Intent.BAND, Intent.LEVERS} or answer.lookup is None:
        return None
    return miss_of(asked, answer.lookup)


@dataclass
class _Claim:
    at: float
    done: bool = False


class MemoryClaims:
    def __init__(
        self, *, expiry: float = 120.0, size: int = 20_000, clock: Clock = time.monotonic
    ) -> None:
        self._claims: OrderedDict[str, _Claim] = OrderedDict()
        self._expiry = expiry
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()

    def claim(self, event_id: str, team_id: str = "") -> bool:
        now = self._clock()  # event ids are unique across workspaces: the team is not needed
        with self._lock:
            held = self._claims.get(event_id)
            if held is not None and (held.done or now - held.at < self._expiry):
                return False
            self._claims[event_id] = _Claim(now)
            self._claims.move_to_end(event_id)
            while len(self._claims) > self._size:
                self._claims.popitem(last=False)
            return True

    def complete(self, event_id: str) -> None:
        with self._lock:
            held = self._claims.get(event_id)
            if held is not None:
                held.done = True

    def release(self, event_id: str) -> None:
        with self._lock:
            self._claims.pop(event_id, None)


@dataclass(frozen=True)
class _Paste:
    who: tuple[str, str]
    text: str
    until: float


class DatabasePastes:
    """Pastes in the store's conversation state, for ``PASTE_LIFETIME``; any process reads
    them back. ``delete_team`` removes them with the rest of a workspace."""

    def __init__(self, state: ConversationState, lifetime: timedelta = PASTE_LIFETIME) -> None:
        self._state = state
        self._lifetime = lifetime

    def keep(self, team: str, user: str, text: str) -> str | None:
        ref = secrets.token_urlsafe(12)
        try:
            self._state.put(_paste_key(team, user, ref), {"text": text}, self._lifetime)
        except ValueError:  # an id that cannot be Slack's, or a paste over the size limit
            return None
        return ref

    def get(self, team: str, user: str, ref: str) -> str | None:
        try:
            key = _paste_key(team, user, ref)
        except ValueError:  # a reference no button of ours carries
            return None
        value = self._state.get(key)
        text = value.get("text") if value is not None else None
        return text if isinstance(text, str) else None


def _paste_key(team: str, user: str, ref: str) -> StateKey:
    return StateKey(team, ANY_CONVERSATION, user, _PASTE + ref)


class MemoryPastes:
    LIFETIME = PASTE_LIFETIME.total_seconds()

    def __init__(
        self, *, lifetime: float = LIFETIME, size: int = 10_000, clock: Clock = time.monotonic
    ) -> None:
        self._pastes: OrderedDict[str, _Paste] = OrderedDict()
        self._lifetime = lifetime
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()

    def keep(self, team: str, user: str, text: str) -> str:
        ref = secrets.token_urlsafe(12)
        now = self._clock()
        with self._lock:
            self._pastes[ref] = _Paste((team, user), text, now + self._lifetime)
            while self._pastes:
                oldest = next(iter(self._pastes.values()))
                if len(self._pastes) <= self._size and oldest.until > now:
                    break
                self._pastes.popitem(last=False)
        return ref

    def get(self, team: str, user: str, ref: str) -> str | None:
        with self._lock:
            paste = self._pastes.get(ref)
        if paste is None or paste.who != (team, user) or paste.until <= self._clock():
            return None
        return paste.text

"""The little state the Slack edge keeps between requests, each behind a small interface.

- ``EventClaims``: which events are being or have been answered, so Slack's retries of one
  event (same ``event_id``) are answered once. In memory here; ``bot.store``'s EventClaims
  (an insert on a primary key, so that several processes agree) has the same three methods
  and can be passed to ``create_app`` as it is.
- ``PasteStore``: a pasted offer, kept for 30 minutes for the person who pasted it, so the
  buttons under its answer (the region to score it for, "Share") carry a short reference
  instead of the text. In memory here, so a button works on the process that drew it; issue
  12 moves it to the database with the same expiry. Never logged, never shown to anyone else.

Both are safe across threads and bounded in size, oldest out first.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

Clock = Callable[[], float]


class EventClaims(Protocol):
    def claim(self, event_id: str, team_id: str) -> bool:
        """True for the first delivery of an event, and for a retry of one whose claim expired
        unanswered; False while another delivery is answering it or has answered it."""

    def complete(self, event_id: str) -> None:
        """The event has been answered (or deliberately left unanswered)."""

    def release(self, event_id: str) -> None:
        """Answering failed before anything reached the user: let a retry try again."""


class PasteStore(Protocol):
    def keep(self, user: str, text: str) -> str:
        """Keep ``text`` for ``user``; the short reference a button carries."""

    def get(self, user: str, ref: str) -> str | None:
        """The text ``user`` pasted under ``ref``, or None when expired or not theirs."""


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
    user: str
    text: str
    until: float


class MemoryPastes:
    # A slash command's response_url lasts 30 minutes: a button older than that cannot
    # replace its message anyway.
    LIFETIME = 30 * 60.0

    def __init__(
        self, *, lifetime: float = LIFETIME, size: int = 10_000, clock: Clock = time.monotonic
    ) -> None:
        self._pastes: OrderedDict[str, _Paste] = OrderedDict()
        self._lifetime = lifetime
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()

    def keep(self, user: str, text: str) -> str:
        ref = secrets.token_urlsafe(12)
        now = self._clock()
        with self._lock:
            self._pastes[ref] = _Paste(user, text, now + self._lifetime)
            while self._pastes:
                oldest = next(iter(self._pastes.values()))
                if len(self._pastes) <= self._size and oldest.until > now:
                    break
                self._pastes.popitem(last=False)
        return ref

    def get(self, user: str, ref: str) -> str | None:
        with self._lock:
            paste = self._pastes.get(ref)
        if paste is None or paste.user != user or paste.until <= self._clock():
            return None
        return paste.text

"""Event claims: each Slack event is answered once, by one process, even across retries.

Slack retries an event (same ``event_id``) when its first delivery was not acknowledged in
3 s, up to three times over about five minutes. Before a listener runs, the edge claims the
event id with an INSERT on the primary key: of two processes (or two deliveries) exactly one
inserts the row. The winner marks it done when the answer is out; done claims are kept for an
hour, which outlasts every retry, then pruned. A claim never completed (the process died
mid-answer) lapses after ``LEASE``, and the next retry takes it over and answers: a retry is
never dropped just for being a retry, because its first delivery may never have arrived.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa

from bot.store.database import Database, upsert
from bot.store.tables import event_claims as claims
from bot.store.tables import slack_id

# How long a claim holds while its answer is being made. Longer than any answer should take
# (Web API calls with a rate-limit wait included), shorter than Slack's second retry (1 min).
LEASE = timedelta(seconds=30)
# How long a done claim turns retries away: Slack's last retry comes about 5 minutes in.
KEEP = timedelta(hours=1)
PRUNE_EVERY_SECONDS = 60.0
# One statement decides a claim: a new event_id is inserted; an existing one is taken over
# only if it was never completed and has lapsed. The database evaluates that WHERE on the
# row it has locked, so of two processes seeing one lapsed claim only one gets it back from
# RETURNING (not rowcount, which psycopg reports as -1 here).
_CLAIM = upsert(
    claims,
    ["event_id"],
    update={c: f"excluded.{c}" for c in ("team_id", "claimed_at", "expires_at")},
    where=f"NOT {claims.name}.done AND {claims.name}.expires_at <= excluded.claimed_at",
    returning="event_id",
)


class EventClaims:
    """Claim, complete, release. Safe across threads and processes on one database."""

    def __init__(
        self,
        database: Database,
        *,
        lease: timedelta = LEASE,
        keep: timedelta = KEEP,
        maintenance: Callable[[], object] | None = None,
    ) -> None:
        self._db = database
        self.lease = lease
        self.keep = keep
        self._maintenance = maintenance or self.prune
        self._pruned_at = float("-inf")

    def claim(self, event_id: str, team_id: str) -> bool:
        """True when this caller is to answer ``event_id``; False when another has it or has
        answered it. A lapsed, uncompleted claim is taken over."""
        self._prune_now_and_then()
        now = self._db.clock()
        row = {
            "event_id": slack_id("event_id", event_id),
            "team_id": slack_id("team_id", team_id),
            "claimed_at": now,
            "expires_at": now + self.lease,
            "done": False,
        }
        with self._db.engine.begin() as conn:
            return conn.execute(_CLAIM, row).first() is not None

    def complete(self, event_id: str) -> None:
        """The answer is out: keep the claim long enough to turn every retry away."""
        with self._db.engine.begin() as conn:
            conn.execute(
                sa.update(claims)
                .where(claims.c.event_id == event_id)
                .values(done=True, expires_at=self._db.clock() + self.keep)
            )

    def release(self, event_id: str) -> None:
        """The answer failed before anything reached the user: let the next retry answer."""
        with self._db.engine.begin() as conn:
            conn.execute(
                sa.delete(claims).where(claims.c.event_id == event_id, claims.c.done.is_(False))
            )

    def prune(self) -> int:
        """Drop done claims past their keep, and lapsed claims no retry can come for."""
        now = self._db.clock()
        c = claims.c
        with self._db.engine.begin() as conn:
            result = conn.execute(
                sa.delete(claims).where(
                    sa.or_(
                        sa.and_(c.done.is_(True), c.expires_at <= now),
                        c.expires_at <= now - self.keep,
                    )
                )
            )
        return result.rowcount

    def _prune_now_and_then(self) -> None:
        """Every event is claimed, so pruning (of the whole store, via ``maintenance``) rides
        on claims, at most once a minute per process: no timer thread to start or stop."""
        if time.monotonic() - self._pruned_at >= PRUNE_EVERY_SECONDS:
            self._pruned_at = time.monotonic()
            self._maintenance()

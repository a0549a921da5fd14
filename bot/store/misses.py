"""What people ask that no guide answers, counted for guide authors without keeping who or what.

A miss is a lookup that answered "none" or "ambiguous", reduced to a normalised company and
role: the company is the name the index could not place (or the one company of an ambiguous
answer), the role only the words of a fixed vocabulary of job-title words and of the guides'
own titles. Nothing else of the text survives, so no figure, name or sentence can be stored.
Per miss, people are counted as keyed hashes (HMAC with a salt kept in the database and never
shown) of team, user, company and role; a miss is published once ``MIN_PEOPLE`` people asked.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from bot.index import Lookup, Status
from bot.index.vocabulary import ROLE_WORDS, expand
from bot.prose.words import normalize_name, words
from bot.store.database import Database, upsert
from bot.store.tables import NAME, slack_id
from bot.store.tables import miss_people as people
from bot.store.tables import misses as table

MIN_PEOPLE = 3  # below this a miss is never published: it could point at one person
KEEP = timedelta(days=180)  # after the last ask
MAX_COMPANY_WORDS = 3
MAX_ROLE_WORDS = 6
# Seniority first and levels last, so "software engineer senior" and "senior software
# engineer" count as one miss.
_FIRST = ("staff", "principal", "senior", "junior", "lead", "head", "director", "vp", "intern")
_LAST = ("ii", "iii", "iv")
_KEY = ["team_id", "company", "role"]
_ASK = upsert(table, _KEY, update={"asks": f"{table.name}.asks + 1", "last_at": "excluded.last_at"})
_PERSON = upsert(people, [*_KEY, "person"])


@dataclass(frozen=True)
class MissKey:
    company: str  # normalised ("stripe", "scale ai"); "" when the question named none
    role: str  # normalised role words ("senior backend engineer"); "" when none


@dataclass(frozen=True)
class MissCount:
    team_id: str
    company: str
    role: str
    asks: int
    people: int

    def as_dict(self) -> dict[str, str | int | None]:
        """The shape of ``misses --json``; an unnamed company or role is null."""
        return {
            "team_id": self.team_id,
            "company": self.company or None,
            "role": self.role or None,
            "asks": self.asks,
            "people": self.people,
        }


def miss_of(query: str, lookup: Lookup) -> MissKey | None:
    """The miss a lookup of ``query`` stands for, or None (a match, or nothing to count)."""
    if lookup.status is Status.MATCH:
        return None
    company = ""
    if lookup.status is Status.NONE and lookup.unknown:
        named = [w for w in lookup.unknown if w.isalpha()][:MAX_COMPANY_WORDS]
        company = normalize_name(" ".join(named))
    elif lookup.status is Status.AMBIGUOUS:
        companies = {normalize_name(c.guide.company_display) for c in lookup.candidates}
        company = companies.pop() if len(companies) == 1 else ""
    vocabulary = set(ROLE_WORDS)
    for candidate in lookup.candidates:
        vocabulary.update(expand(words(candidate.guide.role_display)))
    vocabulary -= set(company.split())
    role = _canonical_role(w for w in expand(words(query)) if w in vocabulary)
    company, role = company[:NAME].strip(), role[:NAME].strip()
    return MissKey(company, role) if company or role else None


def _canonical_role(found: Iterable[str]) -> str:
    seen = list(dict.fromkeys(found))
    first = [w for w in _FIRST if w in seen]
    last = [w for w in _LAST if w in seen]
    middle = [w for w in seen if w not in first and w not in last]
    return " ".join([*first, *middle, *last][:MAX_ROLE_WORDS])


class Misses:
    """record() on the request path (after the ack), top() for the operator command."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def record(self, team_id: str, user_id: str, miss: MissKey) -> None:
        """Count one ask. ``user_id`` only feeds the keyed hash; it is never stored."""
        now = self._db.clock()
        key = {"team_id": slack_id("team_id", team_id), "company": miss.company, "role": miss.role}
        message = "\x1f".join((team_id, user_id, miss.company, miss.role)).encode()
        person = hmac.new(self._db.salt, message, hashlib.sha256).hexdigest()[:32]
        with self._db.engine.begin() as conn:
            conn.execute(_ASK, {**key, "asks": 1, "first_at": now, "last_at": now})
            conn.execute(_PERSON, {**key, "person": person})

    def top(
        self, *, min_people: int = MIN_PEOPLE, team_id: str | None = None, limit: int | None = None
    ) -> list[MissCount]:
        """Misses asked by at least ``min_people`` people (never fewer than MIN_PEOPLE),
        most asked first."""
        if min_people < MIN_PEOPLE:
            raise ValueError(f"a miss is published only once {MIN_PEOPLE} people asked")
        count = sa.func.count(people.c.person).label("people")
        query = (
            sa.select(table.c.team_id, table.c.company, table.c.role, table.c.asks, count)
            .join(
                people,
                sa.and_(
                    people.c.team_id == table.c.team_id,
                    people.c.company == table.c.company,
                    people.c.role == table.c.role,
                ),
            )
            .group_by(table.c.team_id, table.c.company, table.c.role, table.c.asks)
            .having(count >= min_people)
            .order_by(
                table.c.asks.desc(),
                count.desc(),
                table.c.team_id,
                table.c.company,
                table.c.role,
            )
            .limit(limit)
        )
        if team_id is not None:
            query = query.where(table.c.team_id == team_id)
        with self._db.engine.connect() as conn:
            return [MissCount(*row) for row in conn.execute(query)]

    def prune(self) -> int:
        """Forget misses nobody has asked for in ``KEEP``; their people rows cascade."""
        old = self._db.clock() - KEEP
        with self._db.engine.begin() as conn:
            return conn.execute(sa.delete(table).where(table.c.last_at <= old)).rowcount

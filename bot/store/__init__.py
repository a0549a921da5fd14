"""What Leverage keeps in its database: event claims, conversation state, misses, and (in
slack_sdk's tables, on the same engine) the installations. SQLite by default, PostgreSQL in
production; below the Slack edge and free of Slack imports.

    store = Store.open(settings)        # tables created or migrated
    store.claims.claim(event_id, team_id)
    store.state.put(StateKey(...), {...}, ttl)
    store.misses.record(team_id, user_id, miss)
    store.delete_team(team_id)

A database that fails mid-request raises ``StoreError`` (SQLAlchemy's base error, named here
so the Slack edge can answer "try again" without importing SQLAlchemy).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError as StoreError

from bot.config import Settings
from bot.store.claims import EventClaims
from bot.store.database import Clock, Database, database_url, open_database, utc_now
from bot.store.misses import MIN_PEOPLE, MissCount, Misses, MissKey, miss_of
from bot.store.state import MAX_TTL, ConversationState, StateKey, conversation_id
from bot.store.tables import (
    SLACK_BOTS_TABLE,
    SLACK_INSTALLATIONS_TABLE,
    SLACK_OAUTH_STATES_TABLE,
)
from bot.store.teams import Deleted, Workspace, delete_team, prune_oauth_states, workspaces


class Store:
    """One database and everything Leverage keeps in it. Safe to share between threads."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.claims = EventClaims(database, maintenance=self.prune)
        self.state = ConversationState(database)
        self.misses = Misses(database)

    @classmethod
    def open(cls, settings: Settings, *, clock: Clock = utc_now) -> Store:
        return cls(open_database(settings, clock=clock))

    @property
    def engine(self) -> Engine:
        """For slack_sdk's SQLAlchemy stores (built in bot/slack/ on this engine)."""
        return self.database.engine

    def create_tables(self, *others: sa.MetaData) -> None:
        """Create the tables of slack_sdk's stores (their ``.metadata``) beside Leverage's,
        under the same start-up lock; use it instead of their ``create_tables()``."""
        self.database.create_tables(*others)

    def workspaces(self) -> list[Workspace]:
        return workspaces(self.database)

    def delete_team(self, team_id: str, enterprise_id: str | None = None) -> Deleted:
        return delete_team(self.database, team_id, enterprise_id)

    def prune(self) -> dict[str, int]:
        """Delete everything past its time. Runs by itself at most once a minute per process,
        riding on event claims; call it before reading (the misses command does)."""
        return {
            "event_claims": self.claims.prune(),
            "conversation_state": self.state.purge(),
            "misses": self.misses.prune(),
            SLACK_OAUTH_STATES_TABLE: prune_oauth_states(self.database),
        }

    def close(self) -> None:
        self.database.close()


__all__ = [
    "MAX_TTL",
    "MIN_PEOPLE",
    "SLACK_BOTS_TABLE",
    "SLACK_INSTALLATIONS_TABLE",
    "SLACK_OAUTH_STATES_TABLE",
    "ConversationState",
    "Database",
    "Deleted",
    "EventClaims",
    "MissCount",
    "MissKey",
    "Misses",
    "StateKey",
    "Store",
    "StoreError",
    "Workspace",
    "conversation_id",
    "database_url",
    "miss_of",
]

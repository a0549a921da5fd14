"""Leverage's tables, and the names of the Slack tables kept beside them.

Every row Leverage writes carries the team (workspace) it belongs to, so one statement per
table removes a workspace on uninstall. No table has a column for offer text, a user id or
an offer figure: misses count people through a salted hash, and the conversation state
(issue 13) holds a small JSON document that expires.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

# slack_sdk's SQLAlchemyInstallationStore and SQLAlchemyOAuthStateStore build their own
# tables; bot/slack/ passes these names to them so the operator commands (workspaces, the
# uninstall deletion) read and delete the same tables.
SLACK_BOTS_TABLE = "slack_bots"
SLACK_INSTALLATIONS_TABLE = "slack_installations"
SLACK_OAUTH_STATES_TABLE = "slack_oauth_states"
SLACK_TEAM_TABLES = (SLACK_BOTS_TABLE, SLACK_INSTALLATIONS_TABLE)

# Slack ids are short ("T0123ABCD", "Ev0123ABCD"); the caps only stop garbage from growing rows.
ID = 64
NAME = 120  # a normalised company or role


def slack_id(name: str, value: str) -> str:
    """``value`` if it can be a Slack id here; a ValueError (a bug at the edge) otherwise,
    rather than a DataError from PostgreSQL and a silent pass on SQLite."""
    if not value or len(value) > ID:
        raise ValueError(f"{name} must be 1 to {ID} characters, not {len(value)}")
    return value


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, stored naive in UTC.

    SQLite keeps no time zone and PostgreSQL's ``timestamp`` neither; storing naive UTC
    everywhere keeps comparisons in SQL right on both and across processes in any TZ.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


metadata = sa.MetaData()

# One row of settings Leverage keeps in the database itself: the schema version, and the
# salt for counting distinct people per miss (generated once, shared by every process).
meta = sa.Table(
    "leverage_meta",
    metadata,
    sa.Column("key", sa.String(ID), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

# One row per Slack event_id being or having been answered. The primary key is the claim:
# of two processes inserting the same event_id, exactly one succeeds.
event_claims = sa.Table(
    "leverage_event_claims",
    metadata,
    sa.Column("event_id", sa.String(ID), primary_key=True),
    sa.Column("team_id", sa.String(ID), nullable=False, index=True),
    sa.Column("claimed_at", UTCDateTime, nullable=False),
    # pending: until then the claim holds; done: kept until then to turn Slack's retries away
    sa.Column("expires_at", UTCDateTime, nullable=False, index=True),
    sa.Column("done", sa.Boolean, nullable=False, default=False),
)

# Short-lived state of one person in one conversation (a DM, or a thread), e.g. the previous
# offer for the comparison of issue 13. Only that person in that conversation reads it back.
conversation_state = sa.Table(
    "leverage_conversation_state",
    metadata,
    sa.Column("team_id", sa.String(ID), primary_key=True),
    sa.Column("conversation_id", sa.String(2 * ID), primary_key=True),
    sa.Column("user_id", sa.String(ID), primary_key=True),
    sa.Column("name", sa.String(ID), primary_key=True),
    sa.Column("value", sa.JSON, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False, index=True),
)

# What people asked that no guide answers, per workspace, normalised company and role.
misses = sa.Table(
    "leverage_misses",
    metadata,
    sa.Column("team_id", sa.String(ID), primary_key=True),
    sa.Column("company", sa.String(NAME), primary_key=True),  # "" when none was named
    sa.Column("role", sa.String(NAME), primary_key=True),  # "" when none was named
    sa.Column("asks", sa.Integer, nullable=False),
    sa.Column("first_at", UTCDateTime, nullable=False),
    sa.Column("last_at", UTCDateTime, nullable=False, index=True),
)

# The distinct people behind a miss, as keyed hashes of (team, user, company, role): a
# person's rows for two misses share nothing, so they cannot be joined to follow anyone.
miss_people = sa.Table(
    "leverage_miss_people",
    metadata,
    sa.Column("team_id", sa.String(ID), primary_key=True),
    sa.Column("company", sa.String(NAME), primary_key=True),
    sa.Column("role", sa.String(NAME), primary_key=True),
    sa.Column("person", sa.String(32), primary_key=True),
    sa.ForeignKeyConstraint(
        ["team_id", "company", "role"],
        ["leverage_misses.team_id", "leverage_misses.company", "leverage_misses.role"],
        ondelete="CASCADE",
    ),
)

# Tables holding rows of one team, in the order they are deleted (children first).
TEAM_TABLES = (event_claims, conversation_state, miss_people, misses)

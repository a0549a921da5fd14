"""Workspaces: which are installed (read from slack_sdk's tables), and forgetting one.

slack_sdk owns the installation tables; bot/slack/ builds its stores with the names in
bot.store.tables, on this engine. Here they are read and deleted by name and the few columns
needed, so the store never imports Slack's packages and works before the first install (no
tables yet: no workspaces).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.store.database import Database
from bot.store.tables import (
    SLACK_BOTS_TABLE,
    SLACK_OAUTH_STATES_TABLE,
    SLACK_TEAM_TABLES,
    TEAM_TABLES,
)

_COLUMNS = ("enterprise_id", "team_id", "team_name", "bot_user_id", "installed_at")
_TYPES = {"installed_at": sa.DateTime()}  # naive UTC, as slack_sdk writes it


@dataclass(frozen=True)
class Workspace:
    team_id: str | None  # None for an Enterprise Grid org-wide install
    team_name: str | None
    enterprise_id: str | None
    bot_user_id: str | None
    installed_at: datetime | None  # UTC

    def as_dict(self) -> dict[str, str | None]:
        """The shape of ``workspaces --json``."""
        return {
            "team_id": self.team_id,
            "team_name": self.team_name,
            "enterprise_id": self.enterprise_id,
            "bot_user_id": self.bot_user_id,
            "installed_at": self.installed_at.isoformat() if self.installed_at else None,
        }


def _slack_table(name: str) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, _TYPES.get(c, sa.String())) for c in _COLUMNS))


def workspaces(database: Database) -> list[Workspace]:
    """Installed workspaces, newest install of each, by team name. The bots table is the
    one a bot-only installation store reads, so it is the one that says who is installed."""
    with database.engine.connect() as conn:
        if not sa.inspect(conn).has_table(SLACK_BOTS_TABLE):
            return []
        bots = _slack_table(SLACK_BOTS_TABLE)
        rows = conn.execute(
            sa.select(*(bots.c[c] for c in _COLUMNS)).order_by(bots.c.installed_at.desc())
        ).all()
    latest: dict[tuple[str | None, str | None], Workspace] = {}
    for enterprise_id, team_id, team_name, bot_user_id, installed_at in rows:
        when = installed_at.replace(tzinfo=UTC) if installed_at is not None else None
        latest.setdefault(
            (enterprise_id, team_id),
            Workspace(team_id, team_name, enterprise_id, bot_user_id, when),
        )
    return sorted(latest.values(), key=lambda w: ((w.team_name or "").casefold(), w.team_id or ""))


@dataclass(frozen=True)
class Deleted:
    """Rows removed per table, for the log line of an uninstall."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def delete_team(database: Database, team_id: str, enterprise_id: str | None = None) -> Deleted:
    """Every row kept for ``team_id``, Slack's installation rows included, in one transaction:
    an uninstall either forgets the workspace entirely or not at all."""
    counts: dict[str, int] = {}
    with database.engine.begin() as conn:
        for table in TEAM_TABLES:
            result = conn.execute(sa.delete(table).where(table.c.team_id == team_id))
            counts[table.name] = result.rowcount
        for name in SLACK_TEAM_TABLES:
            counts[name] = _delete_slack_rows(conn, name, team_id, enterprise_id)
    return Deleted(counts)


def _delete_slack_rows(conn: Connection, name: str, team_id: str, enterprise_id: str | None) -> int:
    if not sa.inspect(conn).has_table(name):
        return 0
    rows = _slack_table(name)
    condition = rows.c.team_id == team_id
    if enterprise_id is not None:
        condition = sa.and_(condition, rows.c.enterprise_id == enterprise_id)
    return conn.execute(sa.delete(rows).where(condition)).rowcount


def prune_oauth_states(database: Database) -> int:
    """Delete OAuth states past their expiry. slack_sdk deletes a state only when an install
    completes with it, so every visit to /slack/install that goes no further would leave a
    row for ever."""
    with database.engine.begin() as conn:
        if not sa.inspect(conn).has_table(SLACK_OAUTH_STATES_TABLE):
            return 0
        states = sa.table(SLACK_OAUTH_STATES_TABLE, sa.column("expire_at", sa.DateTime()))
        now = (
            database.clock().astimezone(UTC).replace(tzinfo=None)
        )  # naive UTC, as slack_sdk writes
        return conn.execute(sa.delete(states).where(states.c.expire_at <= now)).rowcount

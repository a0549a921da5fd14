"""Workspaces from slack_sdk's own tables, and forgetting one in one transaction.

The installation rows are written by slack_sdk's real SQLAlchemyInstallationStore, built as
bot/slack/ will build it: on the store's engine, with the table names bot.store publishes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.store import (
    SLACK_BOTS_TABLE,
    SLACK_INSTALLATIONS_TABLE,
    SLACK_OAUTH_STATES_TABLE,
    MissKey,
    StateKey,
    Store,
)
from tests.store.conftest import FakeClock, rows_of


@pytest.fixture
def installations(store: Store) -> Iterator[SQLAlchemyInstallationStore]:
    slack = SQLAlchemyInstallationStore(
        client_id="111.222",
        engine=store.engine,
        bots_table_name=SLACK_BOTS_TABLE,
        installations_table_name=SLACK_INSTALLATIONS_TABLE,
    )
    states = SQLAlchemyOAuthStateStore(
        expiration_seconds=600, engine=store.engine, table_name=SLACK_OAUTH_STATES_TABLE
    )
    store.create_tables(slack.metadata, states.metadata)
    yield slack


def install(slack: SQLAlchemyInstallationStore, team: str, name: str, at: float) -> None:
    slack.save(
        Installation(
            app_id="A1",
            enterprise_id=None,
            team_id=team,
            team_name=name,
            bot_token=f"xoxb-{team}-{at}",
            bot_id=f"B{team}",
            bot_user_id=f"U{team}BOT",
            bot_scopes="commands,chat:write",
            user_id="UINSTALLER",
            installed_at=float(at),
        )
    )


def test_no_install_yet_means_no_workspaces(store: Store) -> None:
    assert store.workspaces() == []  # not even slack_sdk's tables exist


def test_workspaces_list_the_latest_install_of_each(
    store: Store, installations: SQLAlchemyInstallationStore
) -> None:
    install(installations, "T2", "Zeta Bootcamp", 1_700_000_000)
    install(installations, "T1", "Acme Careers", 1_700_000_100)
    install(installations, "T1", "Acme Careers (renamed)", 1_700_000_200)  # reinstalled
    assert [w.as_dict() for w in store.workspaces()] == [
        {
            "team_id": "T1",
            "team_name": "Acme Careers (renamed)",
            "enterprise_id": None,
            "bot_user_id": "UT1BOT",
            "installed_at": "2023-11-14T22:16:40+00:00",
        },
        {
            "team_id": "T2",
            "team_name": "Zeta Bootcamp",
            "enterprise_id": None,
            "bot_user_id": "UT2BOT",
            "installed_at": "2023-11-14T22:13:20+00:00",
        },
    ]


def _fill(store: Store, team: str) -> None:
    store.claims.claim(f"Ev-{team}", team)
    store.state.put(StateKey(team, "D1", "U1", "previous_offer"), {"base": 1}, timedelta(hours=1))
    for user in ("U1", "U2", "U3"):
        store.misses.record(team, user, MissKey("airbnb", "staff engineer"))


def test_deleting_a_team_removes_every_row_it_has_and_no_other(
    store: Store, installations: SQLAlchemyInstallationStore
) -> None:
    for team in ("T1", "T2"):
        install(installations, team, team, 1_700_000_000)
        _fill(store, team)
    deleted = store.delete_team("T1")
    assert deleted.rows == {
        "leverage_event_claims": 1,
        "leverage_conversation_state": 1,
        "leverage_miss_people": 3,
        "leverage_misses": 1,
        SLACK_BOTS_TABLE: 1,
        SLACK_INSTALLATIONS_TABLE: 1,
    }
    assert installations.find_bot(enterprise_id=None, team_id="T1") is None
    assert installations.find_bot(enterprise_id=None, team_id="T2") is not None
    left = rows_of(store)
    assert "T1" not in repr({k: v for k, v in left.items() if k != "leverage_meta"})
    assert [w.team_id for w in store.workspaces()] == ["T2"]
    assert [m.team_id for m in store.misses.top()] == ["T2"]


def test_a_deletion_that_fails_half_way_leaves_everything(
    store: Store, installations: SQLAlchemyInstallationStore
) -> None:
    """One transaction: when Slack's rows cannot go (a trigger stands in for any failure
    there), Leverage's rows, deleted first, come back too."""
    install(installations, "T1", "T1", 1_700_000_000)
    _fill(store, "T1")
    before = rows_of(store)
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(
                sa.text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                sa.text(
                    f"CREATE TRIGGER refuse BEFORE DELETE ON {SLACK_INSTALLATIONS_TABLE} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
        else:
            conn.execute(
                sa.text(
                    f"CREATE TRIGGER refuse BEFORE DELETE ON {SLACK_INSTALLATIONS_TABLE} "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
    with pytest.raises(sa.exc.DatabaseError, match="refused"):
        store.delete_team("T1")
    assert rows_of(store) == before


def test_expired_oauth_states_are_pruned_and_live_ones_kept(
    store: Store, installations: SQLAlchemyInstallationStore, clock: FakeClock
) -> None:
    """slack_sdk deletes a state only when an install completes with it: an abandoned visit
    to /slack/install would leave its row for ever without the store's pruning."""
    assert installations is not None
    states = SQLAlchemyOAuthStateStore(
        expiration_seconds=600, engine=store.engine, table_name=SLACK_OAUTH_STATES_TABLE
    )
    abandoned = states.issue()
    clock.now = datetime.now(UTC) + timedelta(minutes=11)  # past its 10 minutes
    fresh = SQLAlchemyOAuthStateStore(
        expiration_seconds=3600, engine=store.engine, table_name=SLACK_OAUTH_STATES_TABLE
    ).issue()
    assert store.prune()[SLACK_OAUTH_STATES_TABLE] == 1
    assert not states.consume(abandoned)
    assert states.consume(fresh), "a state still in its time is kept"

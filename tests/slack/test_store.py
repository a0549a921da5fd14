"""The Slack edge on the store, in process: the app built as ``serve`` builds it (with a
``Store``), on SQLite and PostgreSQL, driven by signed requests through ``app.dispatch``
against the fake Web API. What only a running server shows is in test_oauth.py and
test_processes.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from bot.coach import Coach
from bot.config import Settings
from bot.slack.app import create_app
from bot.slack.deliver import web_client
from bot.slack.state import PASTE_LIFETIME, DatabasePastes
from bot.slack.work import Work
from bot.slack.workspaces import BOT_SCOPES
from bot.store import Store
from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, FakeSlack
from tests.conftest import ROOT
from tests.databases import database_url, postgres_server, postgres_url, rows_of
from tests.slack.conftest import IDENTITY, NO_REGION, Bot
from tests.store.conftest import FakeClock

__all__ = ["database_url", "postgres_server", "postgres_url"]  # fixtures used here


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(database_url: str, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(Settings(database_url=database_url), clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def bot(fake: FakeSlack, coach: Coach, store: Store) -> Iterator[Bot]:
    fake.clear()
    work = Work(4)
    settings = Settings(bot_token=BOT_TOKEN, signing_secret=rq.SECRET, api_url=fake.api_url)
    app = create_app(
        settings,
        coach,
        client=web_client(None, fake.api_url),
        identity=IDENTITY,
        work=work,
        store=store,
    )
    made = Bot(app, work, fake, [0.0])
    yield made
    work.drain(5)


# -- pastes behind buttons ----------------------------------------------------------------


def test_a_paste_is_kept_for_its_poster_in_its_workspace_for_30_minutes(
    store: Store, clock: FakeClock
) -> None:
    pastes = DatabasePastes(store.state)
    ref = pastes.keep("T1", "U1", "205k base, nyc")
    assert ref is not None and "205" not in ref
    other_process = DatabasePastes(store.state)
    assert other_process.get("T1", "U1", ref) == "205k base, nyc"
    assert other_process.get("T1", "U2", ref) is None, "another person"
    assert other_process.get("T2", "U1", ref) is None, "the same user id in another workspace"
    assert other_process.get("T1", "U1", "x" * 500) is None, "a forged reference: no error"
    clock.advance(PASTE_LIFETIME - timedelta(seconds=1))
    assert other_process.get("T1", "U1", ref) == "205k base, nyc"
    clock.advance(timedelta(seconds=2))
    assert other_process.get("T1", "U1", ref) is None
    assert store.delete_team("T1").rows["leverage_conversation_state"] == 1


def test_a_paste_too_big_to_keep_gets_no_reference(store: Store) -> None:
    assert DatabasePastes(store.state).keep("T1", "U1", "\x00" * 16_000) is None


def test_region_buttons_carry_a_reference_the_database_reads_back(bot: Bot, store: Store) -> None:
    status, message = bot.command("/offer", NO_REGION, url="drawn")
    assert status == 200
    rows = rows_of(store.engine)["leverage_conversation_state"]
    assert len(rows) == 1, "the paste, once, for 30 minutes"
    button = next(b for b in rq.buttons(message) if "London" in json.dumps(b))
    assert bot.press(button, "pressed").status == 200
    bot.settle()
    (answer,) = bot.fake.responses("pressed")
    assert "£" in rq.shown(answer) and "Counter with" in rq.shown(answer)
    # someone else pressing the same button (a forwarded payload) gets nothing of it
    assert bot.press(button, "stranger", user="U0EVE").status == 200
    bot.settle()
    (refused,) = bot.fake.responses("stranger")
    assert "200,000" not in rq.shown(refused) and "paste" in rq.shown(refused).lower()


# -- misses -------------------------------------------------------------------------------


def test_lookups_no_guide_answers_are_counted_without_who_or_what(bot: Bot, store: Store) -> None:
    bot.command("/comp", "zyxwco senior backend engineer in 94107, I'm on 210k")
    bot.command("/levers", "zyxwco backend engineer senior")
    bot.command("/comp", "segment cdp london")  # answered: not a miss
    bot.command("/offer", "zyxwco: 200k base")  # offers are not counted
    assert bot.event(rq.dm("what does zyxwco pay senior backend engineers?"), "Ev-m").status == 200
    bot.settle()
    rows = rows_of(store.engine)
    assert [(r[0], r[1], r[2], r[3]) for r in rows["leverage_misses"]] == [
        ("T0001", "zyxwco", "senior backend engineer", 3)
    ]
    assert len(rows["leverage_miss_people"]) == 1, "one person, kept as a hash"
    # The misses hold no who or what (the paste behind the offer's Edit button is the
    # conversation state's, for its poster, 30 minutes).
    kept = json.dumps({k: v for k, v in rows.items() if "miss" in k}, default=str)
    for secret in ("94107", "210", "U0SAM", "I'm on", "pay"):
        assert secret not in kept


def test_a_database_that_fails_counting_a_miss_still_answers(bot: Bot, store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE leverage_miss_people"))
    status, message = bot.command("/comp", "zyxwco backend engineer")
    bot.settle()
    assert status == 200 and "zyxwco" in rq.shown(message).lower()


# -- claims on the database ------------------------------------------------------------------


def test_an_event_whose_claim_cannot_be_written_is_503_for_slack_to_retry(
    bot: Bot, store: Store
) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE leverage_event_claims"))
    response = bot.event(rq.dm("segment data engineer"), "Ev-no-db")
    bot.settle()
    assert response.status == 503
    assert bot.fake.sent("chat.postMessage") == [], "not answered without a claim"


def test_claims_are_completed_in_the_database(bot: Bot, store: Store) -> None:
    assert bot.event(rq.dm("segment data engineer"), "Ev-done").status == 200
    bot.settle()
    ((event_id, team, _, _, done),) = rows_of(store.engine)["leverage_event_claims"]
    assert (event_id, team, done) == ("Ev-done", "T0001", True)
    retry = bot.event(rq.dm("segment data engineer"), "Ev-done", **{"X-Slack-Retry-Num": "1"})
    bot.settle()
    assert retry.status == 200 and len(bot.fake.sent("chat.postMessage")) == 1


# -- uninstall ---------------------------------------------------------------------------------


def uninstall(bot: Bot, event_id: str, kind: str = "app_uninstalled", **event: Any) -> int:
    return bot.event({"type": kind, **event}, event_id).status


def test_uninstall_forgets_what_leverage_kept_for_the_workspace(bot: Bot, store: Store) -> None:
    bot.command("/offer", NO_REGION)
    bot.command("/comp", "zyxwco backend engineer")
    bot.event(rq.dm("segment data engineer"), "Ev-before")
    bot.settle()
    assert any(rows_of(store.engine)[t] for t in ("leverage_misses", "leverage_event_claims"))
    assert uninstall(bot, "Ev-bye") == 200
    rows = rows_of(store.engine)
    assert all(
        not rows[t.name] for t in store.database.metadata.sorted_tables if t.name != "leverage_meta"
    )


def test_a_failed_uninstall_deletes_nothing_and_is_503_for_slack_to_retry(
    bot: Bot, store: Store
) -> None:
    bot.command("/offer", NO_REGION)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE leverage_miss_people"))  # the delete fails midway
    assert uninstall(bot, "Ev-bye-1") == 503
    assert len(rows_of(store.engine)["leverage_conversation_state"]) == 1, "all or nothing"
    assert rows_of(store.engine)["leverage_event_claims"] == [], "released for the retry"


def test_tokens_revoked_for_user_tokens_only_keeps_the_workspace(bot: Bot, store: Store) -> None:
    bot.command("/offer", NO_REGION)
    assert uninstall(bot, "Ev-rev", "tokens_revoked", tokens={"oauth": ["U0SAM"]}) == 200
    assert len(rows_of(store.engine)["leverage_conversation_state"]) == 1


# -- OAuth without a store, and the manifest -----------------------------------------------------


def test_oauth_needs_the_store(fake: FakeSlack, coach: Coach) -> None:
    settings = Settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, signing_secret="s")
    with pytest.raises(ValueError, match="pass store="):
        create_app(settings, coach, client=web_client(None, fake.api_url), work=Work(1))


def test_the_manifest_asks_for_the_scopes_and_events_the_app_uses(tmp_path: Path) -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    assert tuple(manifest["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked", "app_mention", "message.im"} <= set(events)
    (redirect,) = manifest["oauth_config"]["redirect_urls"]
    assert redirect.endswith("/slack/oauth_redirect")
    assert manifest["settings"]["org_deploy_enabled"] is False, "org-wide installs are refused"
    assert manifest["settings"]["token_rotation_enabled"] is False

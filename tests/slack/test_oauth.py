"""Many workspaces, end to end: `python -m bot serve --http` with SLACK_CLIENT_ID and
SLACK_CLIENT_SECRET (no bot token) on SQLite and on PostgreSQL, installed through its own
/slack/install and /slack/oauth_redirect against the fake Web API (whose oauth.v2.access
trades the code an admin's approval produced for a new bot token), then answering each
workspace with that workspace's token, and forgetting a workspace on uninstall.

Slack's own authorize page (slack.com) is the one step not run: the test plays the browser
coming back from it, with the state the install page put in its link and cookie."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlparse

import pytest
import sqlalchemy as sa

from bot.slack.workspaces import BOT_SCOPES, NOT_INSTALLED
from bot.store.database import normalise_url
from bot.testing import requests as rq
from bot.testing.slack_fake import CLIENT_ID, CLIENT_SECRET, FakeSlack
from tests.databases import database_url, postgres_server, postgres_url
from tests.slack.servers import Server, environment, get, post, run_cli, start, stop

__all__ = ["database_url", "postgres_server", "postgres_url"]  # fixtures used here

COOKIE = "slack-app-oauth-state"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


OAUTH = {"SLACK_BOT_TOKEN": "", "SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET}


def oauth_env(fake: FakeSlack, home: Path, url: str) -> dict[str, str]:
    return environment(fake, home, DATABASE_URL=url, **OAUTH)


@pytest.fixture
def oauth_server(fake: FakeSlack, tmp_path: Path, database_url: str) -> Iterator[Server]:
    fake.clear()
    running = start(fake, tmp_path, DATABASE_URL=database_url, **OAUTH)
    yield running
    stop(running)


def begin_install(server: Server) -> str:
    """GET /slack/install: the "Add to Slack" page; the state of its link (and cookie)."""
    status, headers, page = get(server, "/slack/install")
    assert status == 200 and "Add to Slack" in page
    link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page)
    assert link, page
    query = parse_qs(urlparse(link.group(1).replace("&amp;", "&")).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"] == [",".join(BOT_SCOPES)]
    assert not query.get("user_scope", [""])[0], "no user scopes: bot-only"
    (state,) = query["state"]
    (cookie,) = headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={state};") and "HttpOnly" in cookie
    return state


def finish_install(server: Server, code: str, state: str) -> tuple[int, str]:
    """The browser back from Slack's authorize page: GET /slack/oauth_redirect."""
    status, _, page = get(
        server,
        f"/slack/oauth_redirect?{urlencode({'code': code, 'state': state})}",
        headers={"Cookie": f"{COOKIE}={state}"},
    )
    return status, page


def install(server: Server, fake: FakeSlack, team: str, name: str, **grid: Any) -> str:
    state = begin_install(server)
    status, page = finish_install(server, fake.grant(team, name, **grid), state)
    assert status == 200 and "Thank you!" in page, page
    token = fake.token_of(team)
    assert token is not None
    return token


def as_team(body: bytes, team: str) -> bytes:
    """A signed request's body as it comes from another workspace."""
    if body.startswith(b"{"):
        payload = json.loads(body)
        payload["team_id"] = team
        payload["authorizations"] = [{"team_id": team, "user_id": "UBOT", "is_bot": True}]
        return json.dumps(payload).encode()
    return urlencode({**dict(parse_qsl(body.decode())), "team_id": team}).encode()


def command(
    server: Server, fake: FakeSlack, team: str, text: str, name: str = "/comp"
) -> dict[str, Any]:
    body = as_team(rq.command_body(name, text, response_url=fake.response_url("c")), team)
    status, raw = post(server, body, rq.FORM)
    assert status == 200, raw
    return json.loads(raw) if raw.startswith(b"{") else {"text": raw.decode()}


def refused_as_not_installed(server: Server, fake: FakeSlack, team: str) -> bool:
    """A command from ``team`` gets Leverage's "not installed" (through its response_url,
    as Bolt answers when authorize finds no installation), and no answer."""
    fake.clear()
    answer = command(server, fake, team, "segment cdp london")
    said = fake.wait_for_response("c")
    return answer == {"text": ""} and len(said) == 1 and said[0]["text"] == NOT_INSTALLED


def send_event(server: Server, team: str, event: dict[str, Any], event_id: str) -> int:
    return post(server, as_team(rq.event_body(event, event_id), team), rq.JSON)[0]


def workspaces(env: dict[str, str]) -> list[dict[str, Any]]:
    result = run_cli("workspaces", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def team_rows(url: str, team: str) -> dict[str, int]:
    """How many rows each table holds for ``team``."""
    engine = sa.create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            counts = {}
            for name in sa.inspect(conn).get_table_names():
                table = sa.Table(name, sa.MetaData(), autoload_with=conn)
                if "team_id" in table.c:
                    query = sa.select(sa.func.count()).where(table.c.team_id == team)
                    counts[name] = conn.execute(query).scalar_one()
            return counts
    finally:
        engine.dispose()


def test_install_answer_with_each_workspaces_token_and_forget_on_uninstall(
    oauth_server: Server, fake: FakeSlack, tmp_path: Path, database_url: str
) -> None:
    env = oauth_env(fake, tmp_path, database_url)
    assert workspaces(env) == []
    new = install(oauth_server, fake, "T0NEW", "Newco")

    # oauth.v2.access was called with the app's credentials (Basic auth, no bearer token)
    (trade,) = [c for c in fake.calls if c.method == "oauth.v2.access"]
    assert trade.ok and trade.token is None and trade.body["code"].startswith("code-t0new-")
    assert fake.tokens_used("auth.test") == [new], "the new token, checked once by the flow"
    (listed,) = workspaces(env)
    assert listed["team_id"] == "T0NEW" and listed["team_name"] == "Newco"
    assert listed["bot_user_id"] == "U0NEWBOT" and listed["enterprise_id"] is None
    assert listed["installed_at"].endswith("+00:00")

    # a command from that workspace is authorized with its token, auth.test once per process
    assert "£138K–£170K" in rq.shown(command(oauth_server, fake, "T0NEW", "segment cdp london"))
    assert fake.tokens_used("auth.test") == [new, new]
    command(oauth_server, fake, "T0NEW", "segment cdp london")
    assert fake.tokens_used("auth.test") == [new, new], "cached: no auth.test per request"

    # a second workspace: each one's answers go out with its own token
    two = install(oauth_server, fake, "T0TWO", "Twoco")
    assert two != new
    assert send_event(oauth_server, "T0NEW", rq.dm("segment cdp london"), "Ev-new") == 200
    assert send_event(oauth_server, "T0TWO", rq.dm("segment data engineer"), "Ev-two") == 200
    posted = fake.wait_for("chat.postMessage", count=2)
    assert len(posted) == 2
    by_token = dict(zip(fake.tokens_used("chat.postMessage"), posted, strict=True))
    assert "£138K–£170K" in rq.shown(by_token[new])
    assert "€90K–€115K" in rq.shown(by_token[two])

    # a workspace that never installed hears so, and nothing is posted for it
    assert refused_as_not_installed(oauth_server, fake, "T0NONE")

    # what Leverage keeps for a workspace: a paste behind region buttons, a miss
    asked = command(oauth_server, fake, "T0NEW", "segment cdp: 200k base, 200k RSUs", "/offer")
    assert any(b.get("value") for b in rq.buttons(asked)), "region buttons, with a reference"
    command(oauth_server, fake, "T0NEW", "zyxwco backend engineer")
    kept = team_rows(database_url, "T0NEW")
    deadline = time.monotonic() + 5
    while not kept["leverage_misses"] and time.monotonic() < deadline:  # counted after the ack
        time.sleep(0.05)
        kept = team_rows(database_url, "T0NEW")
    assert kept["leverage_conversation_state"] == 1 and kept["leverage_misses"] == 1, kept
    assert kept["slack_bots"] == 1 and kept["slack_installations"] == 1
    assert kept["leverage_event_claims"] == 1

    # uninstall: every row of T0NEW goes, T0TWO keeps its own
    uninstalled = {"type": "app_uninstalled"}
    assert send_event(oauth_server, "T0NEW", uninstalled, "Ev-bye") == 200
    assert not any(team_rows(database_url, "T0NEW").values()), team_rows(database_url, "T0NEW")
    assert team_rows(database_url, "T0TWO")["slack_bots"] == 1
    assert [w["team_id"] for w in workspaces(env)] == ["T0TWO"]
    assert refused_as_not_installed(oauth_server, fake, "T0NEW")
    oauth_server.wait_for_log("app_uninstalled: workspace T0NEW forgotten")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_tokens_revoked_forgets_the_workspace_too(
    oauth_server: Server, fake: FakeSlack, database_url: str
) -> None:
    install(oauth_server, fake, "T0REV", "Revco")
    user_only = {"type": "tokens_revoked", "tokens": {"oauth": ["U0SAM"]}}
    assert send_event(oauth_server, "T0REV", user_only, "Ev-rev-1") == 200
    assert team_rows(database_url, "T0REV")["slack_bots"] == 1, "no bot token revoked: kept"
    bot = {"type": "tokens_revoked", "tokens": {"bot": ["U0REVBOT"]}}
    assert send_event(oauth_server, "T0REV", bot, "Ev-rev-2") == 200
    assert not any(team_rows(database_url, "T0REV").values())


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_org_wide_install_is_refused_and_its_token_revoked(
    oauth_server: Server, fake: FakeSlack, tmp_path: Path, database_url: str
) -> None:
    state = begin_install(oauth_server)
    code = fake.grant(None, None, enterprise_id="E0ORG", enterprise_name="Bigcorp", org_wide=True)
    status, page = finish_install(oauth_server, code, state)
    assert status == 403
    assert "Leverage installs one workspace at a time" in page and "Bigcorp" in page
    (revoked,) = [c for c in fake.calls if c.method == "auth.revoke"]
    assert revoked.ok and revoked.token is not None and revoked.token.startswith("xoxb-e0org-")
    assert workspaces(oauth_env(fake, tmp_path, database_url)) == []
    oauth_server.wait_for_log("org-wide install refused for enterprise E0ORG")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_workspace_of_an_enterprise_grid_installs_and_uninstalls(
    oauth_server: Server, fake: FakeSlack, tmp_path: Path, database_url: str
) -> None:
    token = install(
        oauth_server, fake, "T0GRID", "Grid team", enterprise_id="E0ORG", enterprise_name="Big"
    )
    (listed,) = workspaces(oauth_env(fake, tmp_path, database_url))
    assert (listed["team_id"], listed["enterprise_id"]) == ("T0GRID", "E0ORG")
    body = json.loads(as_team(rq.event_body(rq.dm("segment cdp london"), "Ev-grid"), "T0GRID"))
    body["enterprise_id"] = body["authorizations"][0]["enterprise_id"] = "E0ORG"
    assert post(oauth_server, json.dumps(body).encode(), rq.JSON)[0] == 200
    fake.wait_for("chat.postMessage")
    assert fake.tokens_used("chat.postMessage") == [token]
    body.update(event={"type": "app_uninstalled"}, event_id="Ev-grid-bye")
    assert post(oauth_server, json.dumps(body).encode(), rq.JSON)[0] == 200
    assert not any(team_rows(database_url, "T0GRID").values())


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_redirect_that_did_not_start_here_stores_nothing(
    oauth_server: Server, fake: FakeSlack, tmp_path: Path, database_url: str
) -> None:
    state = begin_install(oauth_server)
    code = fake.grant("T0BAD", "Badco")
    status, _, page = get(oauth_server, f"/slack/oauth_redirect?code={code}&state={state}")
    assert status == 400 and "invalid_browser" in page, "no cookie: not the browser that began"
    assert finish_install(oauth_server, code, "forged-state")[0] == 401
    assert finish_install(oauth_server, "code-never-issued", state)[0] == 401
    assert not any(c.method == "oauth.v2.access" and c.ok for c in fake.calls)
    assert workspaces(oauth_env(fake, tmp_path, database_url)) == []
    logs = oauth_server.wait_for_log("install not completed: invalid_code")
    assert "install not completed: invalid_state" in logs
    for secret in (code, state, "code-never-issued"):
        assert secret not in logs


def test_both_kinds_of_credentials_are_refused_naming_what_to_remove(
    fake: FakeSlack, tmp_path: Path
) -> None:
    env = environment(fake, tmp_path, SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET=CLIENT_SECRET)
    result = run_cli("serve", "--http", env=env)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN and SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are all set" in (
        result.stderr
    )
    assert "unset SLACK_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr

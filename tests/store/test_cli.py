"""`python -m bot workspaces` and `misses`, on the database the settings name."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from bot.cli import build_parser, main
from bot.config import Settings
from bot.store import MIN_PEOPLE, SLACK_BOTS_TABLE, SLACK_INSTALLATIONS_TABLE, MissKey, Store
from tests.conftest import ROOT


@pytest.fixture
def url(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_misses_json_lists_what_three_people_asked_most_asked_first(url: str) -> None:
    store = Store.open(Settings(database_url=url))
    for i in range(4):
        store.misses.record("T1", f"U{i}", MissKey("airbnb", "staff engineer"))
        store.misses.record("T1", f"U{i}", MissKey("airbnb", "staff engineer"))
    for i in range(3):
        store.misses.record("T9", f"U{i}", MissKey("", "data engineer"))
    store.misses.record("T1", "U1", MissKey("notion", ""))  # one person: never shown
    store.close()
    code, out = run("misses", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"team_id": "T1", "company": "airbnb", "role": "staff engineer", "asks": 8, "people": 4},
        {"team_id": "T9", "company": None, "role": "data engineer", "asks": 3, "people": 3},
    ]
    code, out = run("misses", "--json", "--min-users", "4")
    assert [m["team_id"] for m in json.loads(out)] == ["T1"]
    code, out = run("misses")
    assert code == 0 and "airbnb · staff engineer" in out and "(no company) · data engineer" in out
    assert "notion" not in out


def test_misses_refuses_fewer_than_three_people(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run("misses", "--min-users", str(MIN_PEOPLE - 1))
    assert code == 2
    assert f"at least {MIN_PEOPLE}" in capsys.readouterr().err


def test_misses_help_states_the_minimum(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["misses", "--help"])
    assert f"default and minimum {MIN_PEOPLE}" in " ".join(capsys.readouterr().out.split())


def test_no_misses_yet_says_so(url: str) -> None:
    assert run("misses") == (0, f"no misses yet that {MIN_PEOPLE} or more people asked for\n")
    assert run("misses", "--json") == (0, "[]\n")


def test_workspaces_json_has_the_documented_keys(url: str) -> None:
    store = Store.open(Settings(database_url=url))
    slack = SQLAlchemyInstallationStore(
        client_id="1.2",
        engine=store.engine,
        bots_table_name=SLACK_BOTS_TABLE,
        installations_table_name=SLACK_INSTALLATIONS_TABLE,
    )
    store.create_tables(slack.metadata)
    slack.save(
        Installation(
            app_id="A1",
            enterprise_id="E1",
            team_id="T1",
            team_name="Acme <Careers>",
            bot_token="xoxb-1",
            bot_id="B1",
            bot_user_id="UBOT",
            user_id="U1",
            installed_at=1_767_225_600.0,
        )
    )
    store.close()
    code, out = run("workspaces", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "team_id": "T1",
            "team_name": "Acme <Careers>",
            "enterprise_id": "E1",
            "bot_user_id": "UBOT",
            "installed_at": "2026-01-01T00:00:00+00:00",
        }
    ]
    code, out = run("workspaces")
    assert "T1  Acme <Careers>  installed 2026-01-01 00:00 UTC  enterprise E1" in out
    assert "1 workspace(s) in " in out
    assert "xoxb" not in out


def test_a_database_that_cannot_be_opened_is_one_line_not_a_traceback() -> None:
    env = {"DATABASE_URL": "postgres://u:pw@127.0.0.1:1/x", "PATH": "", "HOME": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "workspaces"],
        capture_output=True,
        check=False,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("leverage: cannot open the database at postgresql+psycopg")
    assert "Traceback" not in result.stderr and "pw" not in result.stderr
    assert result.stderr.count("\n") == 1

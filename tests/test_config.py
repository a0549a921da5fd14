"""Settings from the environment, and the clear messages when they are wrong."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import DEFAULT_GUIDES_DIR, load_settings
from bot.errors import ConfigError
from tests.conftest import ROOT


def test_defaults() -> None:
    settings = load_settings({})
    assert settings.guides_dir == DEFAULT_GUIDES_DIR == ROOT / "seeds"
    assert settings.port == 3000
    assert not settings.has_slack_tokens


def test_values_are_read() -> None:
    settings = load_settings(
        {
            "GUIDES_DIR": "/g",
            "PORT": "8080",
            "SLACK_BOT_TOKEN": "xoxb-1",
            "SLACK_APP_TOKEN": "xapp-1",
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
            "HOME": "/home/x",
        }
    )
    assert settings.guides_dir == Path("/g") and settings.port == 8080
    assert settings.socket_mode and settings.api_url == "http://127.0.0.1:9/api/"
    assert settings.cache_dir == Path("/home/x/.cache/leverage")
    assert load_settings({"LEVERAGE_CACHE_DIR": ""}).cache_dir is None


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "eighty"}, "PORT must be a whole number"),
        ({"PORT": "70000"}, "PORT must be between 1 and 65535"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


@pytest.mark.parametrize(
    ("env", "method", "message"),
    [
        ({}, "require_http", "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "require_http", "SLACK_SIGNING_SECRET"),
        (
            {"SLACK_BOT_TOKEN": "xoxp-1", "SLACK_SIGNING_SECRET": "s"},
            "require_http",
            "must be a bot token starting with xoxb-",
        ),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "require_socket", "SLACK_APP_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"},
            "require_socket",
            "starting with xapp-",
        ),
        (
            {
                "SLACK_BOT_TOKEN": "xoxb-1",
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_CLIENT_ID": "1",
                "SLACK_CLIENT_SECRET": "2",
            },
            "require_http",
            "SLACK_BOT_TOKEN and SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are all set: choose "
            "one mode. For one workspace keep SLACK_BOT_TOKEN and unset SLACK_CLIENT_ID and "
            "SLACK_CLIENT_SECRET; to install Leverage in many workspaces through /slack/install, "
            "unset SLACK_BOT_TOKEN",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1"},
            "require_http",
            "SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: choose one mode. For one "
            "workspace keep SLACK_BOT_TOKEN and unset SLACK_CLIENT_ID;",
        ),
        (
            {
                "SLACK_BOT_TOKEN": "xoxb-1",
                "SLACK_APP_TOKEN": "xapp-1",
                "SLACK_CLIENT_SECRET": "2",
            },
            "require_socket",
            "SLACK_BOT_TOKEN and SLACK_CLIENT_SECRET are both set",
        ),
        (
            {"SLACK_CLIENT_ID": "1", "SLACK_SIGNING_SECRET": "s"},
            "require_http",
            "SLACK_CLIENT_ID is set without SLACK_CLIENT_SECRET: OAuth install needs both",
        ),
        (
            {"SLACK_CLIENT_SECRET": "2", "SLACK_SIGNING_SECRET": "s"},
            "require_http",
            "SLACK_CLIENT_SECRET is set without SLACK_CLIENT_ID",
        ),
        (
            {"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2"},
            "require_http",
            "missing environment variable\\(s\\): SLACK_SIGNING_SECRET",
        ),
        (
            {"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2", "SLACK_APP_TOKEN": "xapp-1"},
            "require_socket",
            "install Leverage through its web pages \\(/slack/install\\), which need HTTP: "
            "run `python -m bot serve --http`",
        ),
    ],
)
def test_missing_or_wrong_slack_settings(env: dict[str, str], method: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        getattr(load_settings(env), method)()


def test_oauth_settings_are_read_and_need_no_bot_token() -> None:
    env = {
        "SLACK_CLIENT_ID": "1111.2222",
        "SLACK_CLIENT_SECRET": "secret",
        "SLACK_SIGNING_SECRET": "s",
        "SLACK_REDIRECT_URI": "https://leverage.example.com/slack/oauth_redirect",
    }
    settings = load_settings(env)
    settings.require_http()  # no SLACK_BOT_TOKEN needed, nothing refused
    assert settings.oauth and settings.has_slack_tokens and not settings.socket_mode
    assert (settings.client_id, settings.client_secret) == ("1111.2222", "secret")
    assert settings.redirect_uri == "https://leverage.example.com/slack/oauth_redirect"
    assert not load_settings({**env, "SLACK_CLIENT_SECRET": ""}).oauth


def test_serve_without_tokens_says_which_variables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert main(["serve", "--http"], io.StringIO()) == 2
    assert "missing environment variable(s): SLACK_SIGNING_SECRET" in capsys.readouterr().err


def test_plain_python_dash_m_bot_without_tokens_is_the_local_chat() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        input="what does segment pay ai cdp engineers in london?\nquit\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "LEVERAGE_CACHE_DIR": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "Leverage (local chat)" in result.stdout
    assert "£138K–£170K" in result.stdout


def test_serve_runs_in_utc_whatever_the_zone_it_was_started_in() -> None:
    """slack_sdk reads its stored naive UTC times as local time: serve makes local time UTC."""
    code = (
        "import time; from datetime import datetime; from bot.config import run_in_utc; "
        "before = time.strftime('%z'); run_in_utc(); "
        "print(before, time.strftime('%z'), datetime.fromtimestamp(0).hour)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "TZ": "Asia/Kolkata"},
    )
    assert result.stdout.split() == ["+0530", "+0000", "0"]

"""The project's own promises: README commands, the manifest, the Procfile, CI."""

from __future__ import annotations

import re
import shlex

import yaml

from bot.cli import build_parser
from bot.coach.commands import COMMANDS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, re.DOTALL)


def test_readme_has_the_two_setup_commands() -> None:
    blocks = shell_blocks()
    assert blocks[0].strip().endswith("pip install -e . && python -m bot")
    assert blocks[1].strip().endswith("pip install -e '.[dev]' && python -m pytest")


def test_ci_runs_the_readme_test_command_in_a_fresh_venv() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = shell_blocks()[1].strip().rsplit("&&", 1)[1].strip()
    assert test_command in ci
    assert "venv" in ci and "pip install" in ci
    assert "ruff check" in ci and "mypy" in ci


def test_manifest_matches_the_app() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert commands == {c.name for c in COMMANDS}
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands",
        "chat:write",
        "app_mentions:read",
        "im:history",
        "users:read",  # users.info: whether the App Home shows the admin part
    }
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
        "app_home_opened",
        "app_uninstalled",
        "tokens_revoked",
    }
    home = manifest["features"]["app_home"]
    assert home["messages_tab_enabled"] and not home["messages_tab_read_only_enabled"]
    assert manifest["settings"]["interactivity"]["is_enabled"]
    urls = [c["url"] for c in manifest["features"]["slash_commands"]]
    assert all(u.endswith("/slack/events") for u in urls)


def test_procfile_processes_are_real_commands() -> None:
    processes = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()
    )
    assert set(processes) == {"web", "worker"}
    parser = build_parser()
    for command in processes.values():
        argv = shlex.split(command.replace("$PORT", "5000"))
        assert argv[:3] == ["python", "-m", "bot"]
        args = parser.parse_args(argv[3:])
        assert args.command == "serve"
    assert "--http" in processes["web"] and "--http" not in processes["worker"]

"""`python -m bot lint` as users and scripts call it."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from tests.conftest import BROKEN, GUIDES, ROOT


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_lint_on_the_seed_reports_warnings_and_no_errors() -> None:
    code, out = run("lint", "--guides", str(ROOT / "seeds"))
    assert code == 0
    assert "1 guide(s) loaded, 0 error(s), 11 warning(s)" in out
    assert "stale: review was due 23 May 2026" in out


def test_lint_json_shape_and_exit_status_on_broken_guides() -> None:
    code, out = run("lint", "--guides", str(BROKEN), "--json")
    assert code == 1
    problems = json.loads(out)
    assert {tuple(sorted(p)) for p in problems} == {("file", "level", "message")}
    assert {p["level"] for p in problems} == {"error"}
    assert {Path(p["file"]).name for p in problems} == {p.name for p in BROKEN.iterdir()}


def test_lint_json_levels_are_error_or_warning() -> None:
    code, out = run("lint", "--guides", str(GUIDES), "--json")
    assert code == 0
    assert {p["level"] for p in json.loads(out)} == {"warning"}


def test_guides_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDES_DIR", str(BROKEN))
    code, _ = run("lint")
    assert code == 1


COMMANDS = ["lint", "ask", "offer", "chat", "serve", "generate"]


def test_every_command_is_listed_in_help() -> None:
    text = build_parser().format_help()
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", text, re.MULTILINE), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"], io.StringIO())
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m bot {name}")
    assert "--guides" in out or name == "generate"


def test_python_dash_m_bot_runs_as_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "lint", "--guides", str(GUIDES), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LEVERAGE_CACHE_DIR": ""},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)

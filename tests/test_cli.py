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


def test_lint_takes_file_paths_as_a_pre_commit_hook_passes_them() -> None:
    files = [str(GUIDES / "stripe-backend-engineer.md"), str(BROKEN / "yaml-syntax.md")]
    code, out = run("lint", *files, "--json")
    assert code == 1
    problems = json.loads(out)
    assert {Path(p["file"]).name for p in problems} <= {
        "stripe-backend-engineer.md",
        "yaml-syntax.md",
    }
    assert any(p["level"] == "error" and p["file"].endswith("yaml-syntax.md") for p in problems)
    code, out = run("lint", str(GUIDES / "stripe-backend-engineer.md"))
    assert code == 0 and "1 guide(s) loaded, 0 error(s)" in out


GUIDE_KEYS = {
    "id",
    "file",
    "company",
    "role",
    "role_type",
    "last_updated",
    "next_review_due",
    "stale",
    "data_quality",
    "regions",
    "levels",
    "internal_level",
    "levers",
    "script",
    "targets",
    "thresholds",
    "problems",
}
REGION_KEYS = {
    "region",
    "currency",
    "base_low",
    "base_high",
    "stock_low",
    "stock_high",
    "stock_years",
    "bonus_pct_low",
    "bonus_pct_high",
    "total_comp_low",
    "total_comp_high",
}


def test_guide_json_shape_for_a_file_and_for_an_id() -> None:
    code, out = run("guide", str(ROOT / "seeds" / "000_719ab6b3aebba9fd.txt"), "--json")
    assert code == 0
    by_file = json.loads(out)
    assert set(by_file) == GUIDE_KEYS
    assert all(set(r) == REGION_KEYS for r in by_file["regions"])
    assert by_file["levels"] == ["Google L5 ML", "Meta ML E5", "Salesforce Einstein Senior ML"]
    assert {tuple(sorted(t)) for t in by_file["targets"]} == {
        ("amount", "component", "currency", "years")
    }
    (line,) = by_file["thresholds"]
    assert set(line) == {
        "kind",
        "component",
        "comparison",
        "amount",
        "currency",
        "per_year",
        "sentence",
    }
    assert (line["kind"], line["component"], line["comparison"], line["amount"]) == (
        "accept",
        "stock",
        "above",
        265000,
    )
    assert {tuple(sorted(p)) for p in by_file["problems"]} == {("level", "message")}
    code, out = run(
        "guide", "segment/ai-cdp-platform-engineer", "--guides", str(ROOT / "seeds"), "--json"
    )
    assert code == 0
    by_id = json.loads(out)
    assert by_id["regions"] == by_file["regions"] and by_id["id"] == by_file["id"]


@pytest.mark.parametrize(
    "target",
    [str(BROKEN / "yaml-syntax.md"), str(ROOT / "nope.md"), "no/such-guide", str(BROKEN)],
)
def test_guide_json_error_shape(target: str) -> None:
    code, out = run("guide", target, "--guides", str(GUIDES), "--json")
    assert code == 1
    assert set(json.loads(out)) == {"file", "error"}


def test_guide_text_names_bands_levers_lines_and_problems() -> None:
    code, out = run(
        "guide", str(ROOT / "tests" / "fixtures" / "authors" / "northpeak-cloud-staff-sre.md")
    )
    assert code == 0
    for expected in (
        "Seattle (USD)",
        "grant over 3 years",
        "Competing offer",
        "walk away: base below $210K",
        "a year",
    ):
        assert expected in out


def test_a_fifo_named_like_a_guide_does_not_hang_loading(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "real.md").write_bytes((GUIDES / "stripe-backend-engineer.md").read_bytes())
    os.mkfifo(folder / "trap.md")
    code, out = run("lint", "--guides", str(folder), "--json")
    assert code == 1
    trap = [p for p in json.loads(out) if p["file"].endswith("trap.md")]
    assert trap and "not a regular file" in trap[0]["message"]
    code, out = run("guide", str(folder / "trap.md"), "--json")
    assert code == 1 and "not a regular file" in json.loads(out)["error"]


COMMANDS = ["lint", "ask", "offer", "guide", "chat", "serve", "generate"]


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

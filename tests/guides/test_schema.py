"""The frontmatter's JSON Schema: shipped in the package, valid, met by every guide we ship or
test with, and used by lint; the pre-commit hook runs lint on the files it is given."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from bot.guides.lint import lint_schema
from bot.guides.schema import guide_schema, schema_problems
from tests.conftest import BROKEN, GUIDES, ROOT

AUTHORS = ROOT / "tests" / "fixtures" / "authors"


def test_the_schema_ships_in_the_package_and_is_valid() -> None:
    text = files("bot.guides").joinpath("guide.schema.json").read_text(encoding="utf-8")
    Draft202012Validator.check_schema(json.loads(text))
    assert guide_schema()["required"] == ["company", "role"]
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"bot.guides" = ["guide.schema.json"]' in pyproject


@pytest.mark.parametrize(
    "path",
    [
        *sorted(AUTHORS.glob("*.md")),
        *sorted(p for p in GUIDES.iterdir() if p.name != "stripe-backend-engineer.md"),
        *sorted((ROOT / "seeds").iterdir()),
    ],
    ids=lambda p: p.name,
)
def test_every_good_guide_meets_the_schema(path: Path) -> None:
    assert lint_schema(path) == []


def test_a_date_that_is_no_date_strays_from_the_schema() -> None:
    (problem,) = lint_schema(GUIDES / "stripe-backend-engineer.md")
    assert problem.message.startswith("frontmatter next_review_due: 'not yet scheduled'")


@pytest.mark.parametrize(
    ("meta", "where"),
    [
        ({"company": "a", "role": "b", "stock_basis": "weekly"}, "frontmatter stock_basis"),
        ({"company": "a", "role": "b", "data_sources": {"x": 1}}, "frontmatter data_sources"),
        ({"company": "a", "role": "b", "vesting": "soon"}, "frontmatter vesting"),
        ({"company": "a"}, "frontmatter (top)"),
        (
            {"company": "a", "role": "b", "compensation": [{"region": "X", "base": {"lo": 1}}]},
            "frontmatter compensation.0",
        ),
        (
            {"company": "a", "role": "b", "thresholds": [{"kind": "maybe", "amount": 1}]},
            "frontmatter thresholds",
        ),
    ],
)
def test_what_strays_from_the_schema_is_named_by_path(meta: dict[str, object], where: str) -> None:
    messages = [p.message for p in schema_problems(meta, "x.md")]
    assert any(m.startswith(where) for m in messages), messages


def test_lint_reports_schema_warnings(tmp_path: Path) -> None:
    import io

    from bot.cli import main

    guide = tmp_path / "g.md"
    guide.write_text("---\ncompany: a\nrole: b\nstock_basis: weekly\n---\nbody\n")
    out = io.StringIO()
    assert main(["lint", str(guide), "--json"], out) == 0
    assert any(
        p["message"].startswith("frontmatter stock_basis") for p in json.loads(out.getvalue())
    )


HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_the_pre_commit_hook_runs_lint_on_guide_files() -> None:
    (hook,) = HOOKS
    assert hook["id"] == "leverage-lint" and hook["language"] == "python"
    assert hook["entry"] == "leverage lint"
    scripts = (ROOT / "pyproject.toml").read_text()
    assert 'leverage = "bot.cli:main"' in scripts
    files_re, exclude_re = re.compile(hook["files"]), re.compile(hook["exclude"])
    for name in ("guides/acme.md", "x.markdown", "seed.txt"):
        assert files_re.search(name) and not exclude_re.search(name), name
    for name in ("README.md", "docs/GUIDES.md", "LICENSE.txt"):
        assert exclude_re.search(name), name


def test_the_hook_command_fails_a_commit_only_on_errors() -> None:
    # The console script `leverage` is bot.cli:main; run it as pre-commit would, files appended.
    command = [
        sys.executable,
        "-c",
        "import sys; from bot.cli import main; sys.exit(main())",
        "lint",
    ]
    good = subprocess.run(
        [*command, str(AUTHORS / "thistle-games-gameplay-programmer.md")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "warning" in good.stdout
    bad = subprocess.run(
        [*command, str(GUIDES / "stripe-backend-engineer.md"), str(BROKEN / "yaml-syntax.md")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "yaml-syntax.md: error: YAML syntax error" in bad.stdout


def test_the_schema_names_every_region_key_the_reader_takes() -> None:
    from bot.guides.bands import FIELD_KEYS

    region = guide_schema()["$defs"]["region"]["properties"]
    assert sorted(FIELD_KEYS - set(region)) == []


def test_the_schema_names_every_regions_key_the_reader_takes() -> None:
    from bot.guides.parse import _BANDS_KEYS

    top = guide_schema()["properties"]
    assert [k for k in _BANDS_KEYS if top.get(k, {}).get("$ref") != "#/$defs/regions"] == []

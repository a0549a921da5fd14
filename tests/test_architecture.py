"""The shape of the code: the core never imports Slack, rendering or the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORE = [
    "bot/components.py",
    "bot/figures.py",
    "bot/money.py",
    "bot/errors.py",
    "bot/synthetic.py",
    "bot/query.py",
    "bot/regions.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "bot" / "guides").glob("*.py")),
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "bot").glob("index*.py")),
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "bot" / "offers").glob("*.py")),
    *[
        f"bot/{name}.py"
        for name in ("scoring", "coach", "replies", "intent")
        if (ROOT / "bot" / f"{name}.py").exists()
    ],
]
FORBIDDEN = (
    "slack_bolt",
    "slack_sdk",
    "bot.cli",
    "bot.blocks",
    "bot.text",
    "bot.slack",
    "os.environ",
)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) == ("os", "environ")
        ):
            found.add("os.environ")
    return found


RENDERERS = ["bot/present.py", "bot/blocks.py", "bot/text.py", "bot/jsonout.py"]


@pytest.mark.parametrize("module", RENDERERS)
def test_renderers_do_not_import_slack_or_the_cli(module: str) -> None:
    bad = {
        name
        for name in imports(ROOT / module)
        if name.startswith(("slack_bolt", "slack_sdk", "bot.cli", "bot.slack"))
    }
    assert not bad, f"{module} imports {bad}"


def test_only_slack_modules_import_slack() -> None:
    importers = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "bot").rglob("*.py")
        if any(n.startswith(("slack_bolt", "slack_sdk")) for n in imports(p))
    }
    assert importers == {"bot/slack_app.py", "bot/slack_serve.py"}


@pytest.mark.parametrize("module", CORE)
def test_core_module_stays_pure(module: str) -> None:
    bad = {name for name in imports(ROOT / module) if name.startswith(FORBIDDEN)}
    assert not bad, f"{module} imports {bad}"


def test_only_config_reads_the_environment() -> None:
    readers = {
        str(p.relative_to(ROOT)) for p in (ROOT / "bot").rglob("*.py") if "os.environ" in imports(p)
    }
    assert readers <= {"bot/config.py"}

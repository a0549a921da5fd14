"""Shared fixtures: real guides from disk, a golden-file helper, a clean environment."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.guides import Library, load_library

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_719ab6b3aebba9fd.txt"
FIXTURES = ROOT / "tests" / "fixtures"
GUIDES = FIXTURES / "guides"
BROKEN = FIXTURES / "broken"
GOLDEN = ROOT / "tests" / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output (review the diff before committing)",
    )


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bolt and Leverage read SLACK_* and GUIDES_DIR silently; tests start without them."""
    for name in list(os.environ):
        # LEVERAGE_TEST_* configure the test run itself (which PostgreSQL to use).
        if name.startswith("LEVERAGE_TEST_"):
            continue
        if name.startswith(("SLACK_", "LEVERAGE_")) or name in {
            "GUIDES_DIR",
            "PORT",
            "DATABASE_URL",
        }:
            monkeypatch.delenv(name)
    monkeypatch.setenv("LEVERAGE_CACHE_DIR", "")


@pytest.fixture(scope="session")
def library() -> Library:
    lib = load_library(GUIDES)
    assert not lib.errors, lib.errors
    return lib


class Golden:
    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, actual: Any) -> None:
        """Compare ``actual`` with tests/golden/NAME (JSON or text), or rewrite it."""
        path = GOLDEN / name
        text = (
            actual
            if isinstance(actual, str)
            else json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=True, default=str)
            + "\n"
        )
        if self.update or not path.exists():
            path.write_text(text, encoding="utf-8")
            if not self.update:
                pytest.fail(f"golden file {name} was missing and has been written; review it")
            return
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from its golden file; run pytest --update-golden and review the diff"
        )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Iterator[Golden]:
    yield Golden(bool(request.config.getoption("--update-golden")))

"""The store's tests run on real databases (tests/databases.py): every test a database of its
own, SQLite always and PostgreSQL when it answers (under CI=true, it must)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.store import Store
from tests import databases
from tests.databases import database_url, postgres_server, postgres_url

__all__ = ["database_url", "postgres_server", "postgres_url"]  # fixtures, made this folder's


@pytest.fixture(autouse=True)
def _no_real_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A developer's DATABASE_URL or data folder is never touched by a test."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("LEVERAGE_DATA_DIR", str(tmp_path / "data"))


@dataclass
class FakeClock:
    """A clock the test moves; every expiry in the store is measured on it."""

    now: datetime = field(default_factory=lambda: datetime(2026, 3, 1, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(database_url: str, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(Settings(database_url=database_url), clock=clock)
    yield opened
    opened.close()


def rows_of(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table in the store's database, Slack's included."""
    return databases.rows_of(store.engine)

"""Real databases for tests: SQLite always, PostgreSQL when it answers.

Every test gets a database of its own: a fresh SQLite file, or a fresh PostgreSQL schema
(dropped afterwards) on the server of LEVERAGE_TEST_POSTGRES_URL (default: this project's
127.0.0.1:5432, user postgres, database test). Without a server the PostgreSQL cases skip,
saying why; under CI=true they fail instead, so CI can never pass on SQLite alone.

tests/store/conftest.py makes these fixtures its own; a test module elsewhere imports them
(``from tests.databases import database_url, postgres_server, postgres_url``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.database import normalise_url, shown

POSTGRES_URL = os.environ.get(
    "LEVERAGE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The server's URL once it has answered; skip (or, under CI, fail) when it does not."""
    url = normalise_url(POSTGRES_URL)
    engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        message = f"PostgreSQL not reachable at {shown(url)}: {reason}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: PostgreSQL tests must run, not skip)")
        pytest.skip(f"{message}; set LEVERAGE_TEST_POSTGRES_URL or start PostgreSQL to run it")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose connections live in a schema of their own, dropped after the test."""
    schema = f"leverage_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(postgres_server)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in postgres_server else "?"
    try:
        yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("postgres_url"))


def rows_of(engine: sa.Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table in the database, Slack's included."""
    with engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        tables = {n: sa.Table(n, sa.MetaData(), autoload_with=conn) for n in names}
        return {n: [tuple(r) for r in conn.execute(sa.select(t))] for n, t in tables.items()}

"""Which database, and its tables at start: created, versioned, migrated, concurrently."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.store import Store, database_url
from bot.store import database as db
from bot.store.database import create_engine, normalise_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # Heroku's form, which SQLAlchemy 2 rejects
        ("postgres://u:p@host:5432/name", "postgresql+psycopg://u:p@host:5432/name"),
        ("postgresql://u@host/name", "postgresql+psycopg://u@host/name"),
        (
            "postgres://u:p@host/name?sslmode=require",
            "postgresql+psycopg://u:p@host/name?sslmode=require",
        ),
        # a driver named on purpose is kept
        ("postgresql+psycopg://u@host/name", "postgresql+psycopg://u@host/name"),
        ("postgresql+psycopg2://u@host/name", "postgresql+psycopg2://u@host/name"),
        ("sqlite:////var/lib/leverage.db", "sqlite:////var/lib/leverage.db"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_urls_are_normalised(given: str, expected: str) -> None:
    assert normalise_url(given) == expected


def test_sqlite_in_the_data_folder_unless_database_url_is_set(tmp_path: Path) -> None:
    settings = load_settings({"LEVERAGE_DATA_DIR": str(tmp_path / "d")})
    assert database_url(settings) == f"sqlite:///{tmp_path / 'd' / 'leverage.db'}"
    settings = load_settings({"LEVERAGE_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://h/x"})
    assert database_url(settings) == "postgresql+psycopg://h/x"


def test_data_folder_defaults_follow_the_platform() -> None:
    assert load_settings({"XDG_DATA_HOME": "/x"}).data_dir == Path("/x/leverage")
    assert load_settings({"LEVERAGE_DATA_DIR": "/d", "XDG_DATA_HOME": "/x"}).data_dir == Path("/d")
    assert load_settings({}).data_dir.name == "leverage"


def test_opening_creates_the_folder_and_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    store = Store.open(Settings(data_dir=folder))
    store.close()
    assert (folder / "leverage.db").is_file()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/x", "Leverage runs on PostgreSQL or SQLite"),
        ("not a url", "DATABASE_URL is not a database URL"),
    ],
)
def test_unusable_urls_are_refused_naming_the_variable(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        create_engine(url)


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    # port 1 on loopback: refused at once
    settings = Settings(database_url="postgres://leverage:s3cret@127.0.0.1:1/x")
    with pytest.raises(ConfigError, match="cannot open the database at") as caught:
        Store.open(settings)
    assert "s3cret" not in str(caught.value) and "***" in str(caught.value)


def test_an_unwritable_data_folder_names_the_setting(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="LEVERAGE_DATA_DIR"):
        Store.open(Settings(data_dir=blocker / "data"))


def test_tables_are_created_once_and_versioned(store: Store) -> None:
    store.create_tables()  # a second start changes nothing
    names = set(sa.inspect(store.engine).get_table_names())
    assert {t.name for t in store.database.metadata.sorted_tables} <= names
    assert store.database.schema_version() == db.SCHEMA_VERSION


def test_the_salt_is_made_once_and_kept(database_url: str) -> None:
    first = Store.open(Settings(database_url=database_url))
    second = Store.open(Settings(database_url=database_url))
    assert first.database.salt == second.database.salt and len(first.database.salt) == 32
    first.close()
    second.close()


def test_a_newer_schema_is_refused(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE leverage_meta SET value = :v WHERE key = 'schema_version'"),
            {"v": str(db.SCHEMA_VERSION + 1)},
        )
    with pytest.raises(ConfigError, match="newer than this Leverage"):
        store.create_tables()


def test_an_older_schema_is_migrated_step_by_step(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a release with schema version 2 will do: run the step, then stamp it."""
    ran: list[int] = []

    def step(conn: sa.Connection) -> None:
        ran.append(2)
        conn.execute(sa.text("ALTER TABLE leverage_misses ADD COLUMN note VARCHAR(10)"))

    monkeypatch.setattr(db, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(db.MIGRATIONS, 2, step)
    store.create_tables()
    assert ran == [2] and store.database.schema_version() == 2
    columns = {c["name"] for c in sa.inspect(store.engine).get_columns("leverage_misses")}
    assert "note" in columns
    store.create_tables()
    assert ran == [2]  # already at 2: not run again


# fork starts in milliseconds (the race is the point); spawn where there is no fork
FORK = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _open_and_report(url: str, queue: multiprocessing.Queue[str]) -> None:
    try:
        Store.open(Settings(database_url=url)).close()
        queue.put("ok")
    except Exception as exc:
        queue.put(f"{type(exc).__name__}: {exc}")


def test_processes_starting_together_take_turns(database_url: str) -> None:
    """Four processes open one fresh database at once: all start, none trips on another's
    CREATE TABLE (PostgreSQL's advisory lock; SQLite's BEGIN IMMEDIATE)."""
    context = multiprocessing.get_context(FORK)
    queue: multiprocessing.Queue[str] = context.Queue()
    processes = [
        context.Process(target=_open_and_report, args=(database_url, queue)) for _ in range(4)
    ]
    for p in processes:
        p.start()
    results = [queue.get(timeout=60) for _ in processes]
    for p in processes:
        p.join(timeout=30)
    assert results == ["ok"] * 4

"""Which database, opened how, with which tables: the one place that knows SQL dialects.

``DATABASE_URL`` when it is set (PostgreSQL in production), else an SQLite file in the data
folder, so a laptop needs no server. Tables are created, or migrated, at open: Leverage's
own from ``bot.store.tables`` and, passed in by the Slack edge, slack_sdk's. Several
processes may open one database at the same moment; a lock (PostgreSQL's advisory lock,
SQLite's write lock) makes them take turns, so the second sees the first's tables.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.config import Settings
from bot.errors import ConfigError
from bot.store.tables import meta, metadata

SCHEMA_VERSION = 1
# version -> the step from the version before it; run in order, under the lock, in one
# transaction with the rest of the start-up. Empty while there is only version 1.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}
SQLITE_FILE = "leverage.db"
_LOCK_ID = 0x1E7E2A6E  # pg_advisory_xact_lock key: "leverage" schema changes
_SUPPORTED = {"sqlite", "postgresql"}

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def database_url(settings: Settings) -> str:
    """The SQLAlchemy URL Leverage uses: DATABASE_URL, else SQLite in the data folder."""
    if settings.database_url:
        return normalise_url(settings.database_url)
    return f"sqlite:///{settings.data_dir / SQLITE_FILE}"


def normalise_url(url: str) -> str:
    """Heroku's ``postgres://`` (which SQLAlchemy 2 rejects) and a bare ``postgresql://``
    become ``postgresql+psycopg://``: psycopg 3 is the driver Leverage installs."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme in {"postgres", "postgresql"}:
        return f"postgresql+psycopg://{rest}"
    return url


def shown(url: str) -> str:
    """The URL for messages and logs: the password masked."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparseable URL)"


def create_engine(url: str) -> Engine:
    """An engine tuned for many threads and several processes on one database."""
    try:
        parsed = sa.make_url(url)
    except ArgumentError:
        raise ConfigError(
            f"DATABASE_URL is not a database URL ({shown(url)}); "
            "expected e.g. postgresql://user:password@host:5432/name"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in _SUPPORTED:
        raise ConfigError(
            f"DATABASE_URL names {backend}; Leverage runs on PostgreSQL or SQLite "
            "(leave DATABASE_URL unset for SQLite in LEVERAGE_DATA_DIR)"
        )
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    try:
        return sa.create_engine(
            parsed,
            pool_pre_ping=True,  # a server restart (or a Heroku maintenance) drops connections
            connect_args={"connect_timeout": 10},
        )
    except (ImportError, SQLAlchemyError) as exc:
        raise ConfigError(f"DATABASE_URL {shown(url)} cannot be used: {exc}") from None


def _sqlite_engine(url: sa.URL) -> Engine:
    if url.database and url.database != ":memory:":
        try:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the data folder for {url.database} ({exc.strerror or exc}); "
                "set LEVERAGE_DATA_DIR to a writable folder"
            ) from None
    # `timeout` is SQLite's busy wait: a writer waits up to 30 s for another process's lock
    # instead of failing with "database is locked".
    engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(connection: sqlite3.Connection, _record: object) -> None:
        # Leave transactions to the "begin" hook below (pysqlite's own BEGIN is deferred,
        # which lets two processes both read, then fail to write).
        connection.isolation_level = None
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Take the write lock at BEGIN: transactions queue on the busy wait rather than
        # deadlock when two of them read and then both try to write.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upsert(
    table: sa.Table,
    key: Sequence[str],
    *,
    update: Mapping[str, str] | None = None,
    where: str | None = None,
    returning: str | None = None,
) -> sa.TextClause:
    """``INSERT ... ON CONFLICT (key) DO NOTHING`` (or ``DO UPDATE SET`` column = SQL, only
    ``where`` it holds), with a bind parameter per column. Written as text because SQLite and PostgreSQL spell it
    alike, and because SQLAlchemy 2.0 does not cache its dialect ON CONFLICT constructs:
    compiling one on every call doubled the time of a claim."""
    columns = [c.name for c in table.columns]
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)}) ON CONFLICT ({', '.join(key)}) "
    )
    if update:
        sql += "DO UPDATE SET " + ", ".join(f"{c} = {expr}" for c, expr in update.items())
        if where:
            sql += f" WHERE {where}"
    else:
        sql += "DO NOTHING"
    if returning:
        sql += f" RETURNING {returning}"
    types = [sa.bindparam(c.name, type_=c.type) for c in table.columns]
    return sa.text(sql).bindparams(*types)


class Database:
    """An engine, Leverage's metadata and the clock every expiry is measured on."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.metadata = metadata
        self.clock = clock
        self._salt: str | None = None
        # A forked child (a gunicorn worker) must not use the parent's pooled connections:
        # two processes on one socket corrupt both. It drops its copies without closing them
        # (the parent still owns them) and opens its own (SQLAlchemy's advice for fork).
        ref = weakref.ref(engine)

        def after_fork() -> None:
            child = ref()
            if child is not None:
                child.dispose(close=False)

        os.register_at_fork(after_in_child=after_fork)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def create_tables(self, *others: sa.MetaData) -> None:
        """Create or migrate Leverage's tables, and create those of ``others`` (slack_sdk's
        stores pass theirs), all under one lock so concurrent starts take turns."""
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_LOCK_ID)))
                version = _schema_version(conn)
                if version is not None and version > SCHEMA_VERSION:
                    raise ConfigError(
                        f"the database at {self.url} has schema version {version}, newer than "
                        f"this Leverage ({SCHEMA_VERSION}): upgrade Leverage before serving"
                    )
                for step in range((version or SCHEMA_VERSION) + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[step](conn)
                self.metadata.create_all(conn)
                for other in others:
                    other.create_all(conn)
                _set_meta(conn, "schema_version", str(SCHEMA_VERSION), replace=True)
                _set_meta(conn, "miss_salt", secrets.token_hex(32), replace=False)
        except SQLAlchemyError as exc:
            raise ConfigError(_unreachable(self.url, exc)) from None

    def schema_version(self) -> int | None:
        with self.engine.connect() as conn:
            return _schema_version(conn)

    @property
    def salt(self) -> bytes:
        """The key for counting distinct people per miss; made at first start, never shown."""
        if self._salt is None:
            with self.engine.connect() as conn:
                value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "miss_salt"))
                self._salt = value.scalar_one()
        return bytes.fromhex(self._salt)

    def close(self) -> None:
        self.engine.dispose()


def open_database(settings: Settings, *, clock: Clock = utc_now) -> Database:
    """The database of these settings, its tables created or migrated."""
    database = Database(create_engine(database_url(settings)), clock=clock)
    database.create_tables()
    return database


def _schema_version(conn: Connection) -> int | None:
    if not sa.inspect(conn).has_table(meta.name):
        return None
    row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(row) if row is not None else None


_SET_META = upsert(meta, ["key"], update={"value": "excluded.value"})
_ADD_META = upsert(meta, ["key"])


def _set_meta(conn: Connection, key: str, value: str, *, replace: bool) -> None:
    conn.execute(_SET_META if replace else _ADD_META, {"key": key, "value": value})


def _unreachable(url: str, exc: SQLAlchemyError) -> str:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return f"cannot open the database at {url} (DATABASE_URL / LEVERAGE_DATA_DIR): {reason}"

"""The store on the request path: claiming an event, recording a miss, conversation state,
on SQLite and PostgreSQL, against a bare ``SELECT 1`` transaction on the same engine in the
same run (the floor any database call pays). Run: python -m benchmarks.bench_store

PostgreSQL is the server of LEVERAGE_TEST_POSTGRES_URL (default 127.0.0.1:5432, database
test), in a schema made for the run and dropped after; it is skipped when not reachable.
"""

from __future__ import annotations

import argparse
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from benchmarks.common import summary
from bot.config import Settings
from bot.store import MissKey, StateKey, Store
from bot.store.database import normalise_url

POSTGRES = normalise_url(
    os.environ.get("LEVERAGE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
)


def timed(n: int, call: Callable[[int], object]) -> list[float]:
    samples = []
    for i in range(n):
        t = time.perf_counter()
        call(i)
        samples.append(time.perf_counter() - t)
    return samples


@contextmanager
def databases(work: Path) -> Iterator[list[tuple[str, str]]]:
    found = [("sqlite", f"sqlite:///{work / 'bench.db'}")]
    admin = sa.create_engine(POSTGRES, connect_args={"connect_timeout": 3})
    schema = f"leverage_bench_{secrets.token_hex(4)}"
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        found.append(("postgresql", f"{POSTGRES}?options=-csearch_path%3D{schema}"))
    except sa.exc.OperationalError as exc:
        print(f"(PostgreSQL skipped: {str(exc.orig).strip().splitlines()[0]})")
        schema = ""
    try:
        yield found
    finally:
        if schema:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def one_backend(name: str, url: str, n: int, run: int) -> None:
    store = Store.open(Settings(database_url=url))
    engine = store.engine
    prefix = f"r{run}-"

    def select_one(_: int) -> None:
        with engine.begin() as conn:
            conn.execute(sa.text("SELECT 1"))

    for i in range(50):  # warm the pool and the statement caches
        select_one(i)
        store.claims.claim(f"{prefix}warm{i}", "T1")
    key = StateKey("T1", "D1", "U1", "previous_offer")
    rows = {
        "SELECT 1 transaction (baseline)": timed(n, select_one),
        "claim, new event": timed(n, lambda i: store.claims.claim(f"{prefix}e{i}", "T1")),
        "claim, a retry (refused)": timed(n, lambda i: store.claims.claim(f"{prefix}e{i}", "T1")),
        "complete": timed(n, lambda i: store.claims.complete(f"{prefix}e{i}")),
        "misses.record": timed(
            n, lambda i: store.misses.record("T1", f"U{i % 7}", MissKey("airbnb", "staff engineer"))
        ),
        "state.put (24 h)": timed(
            n, lambda i: store.state.put(key, {"base": i}, timedelta(hours=24))
        ),
        "state.get": timed(n, lambda i: store.state.get(key)),
    }
    base = sorted(rows["SELECT 1 transaction (baseline)"])[n // 2]
    print(f"\n{name}, one thread")
    for label, samples in rows.items():
        p50 = sorted(samples)[n // 2]
        print(f"  {label:32s} {summary(samples)}  x{p50 / base:4.1f} of baseline p50")

    # Four threads claiming the same events, as four request threads receiving retries.
    events = [f"{prefix}t{i}" for i in range(n)]
    won = [0] * 4
    barrier = threading.Barrier(4)

    def contend(slot: int) -> None:
        barrier.wait()
        won[slot] = sum(store.claims.claim(e, "T1") for e in events)

    threads = [threading.Thread(target=contend, args=(s,)) for s in range(4)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t
    print(
        f"  4 threads x {n} same events: {4 * n / elapsed:,.0f} claims/s, "
        f"{sum(won)} won (each event once: {sum(won) == n})"
    )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="calls per measurement")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, databases(Path(tmp)) as found:
        for run in range(args.repeat):
            print(f"\n=== run {run + 1} of {args.repeat}")
            for name, url in found:
                one_backend(name, url, args.n, run)


if __name__ == "__main__":
    main()

"""Event claims: one answer per event, across threads, processes and Slack's retries."""

from __future__ import annotations

import multiprocessing
import random
import threading
from datetime import timedelta
from typing import Any

import pytest

from bot.config import Settings
from bot.store import MissKey, StateKey, Store
from bot.store.claims import KEEP, LEASE
from tests.store.conftest import FakeClock, rows_of
from tests.store.test_database import FORK


def test_the_first_claim_wins_and_a_retry_is_turned_away(store: Store) -> None:
    assert store.claims.claim("Ev1", "T1")
    assert not store.claims.claim("Ev1", "T1")  # the retry, or another process
    assert store.claims.claim("Ev2", "T1")  # another event is another claim


def test_a_completed_claim_outlasts_every_retry(store: Store, clock: FakeClock) -> None:
    store.claims.claim("Ev1", "T1")
    store.claims.complete("Ev1")
    clock.advance(LEASE * 3)  # well past the lease: done claims do not lapse
    assert not store.claims.claim("Ev1", "T1")
    clock.advance(timedelta(minutes=10))  # Slack's last retry is about 5 minutes in
    assert not store.claims.claim("Ev1", "T1")


def test_a_claim_never_completed_lapses_and_the_retry_answers(
    store: Store, clock: FakeClock
) -> None:
    """The first process died mid-answer: its claim holds for the lease, then a retry gets it,
    and only one retry does."""
    assert store.claims.claim("Ev1", "T1")
    clock.advance(LEASE - timedelta(seconds=1))
    assert not store.claims.claim("Ev1", "T1")  # still being answered, perhaps
    clock.advance(timedelta(seconds=2))
    assert store.claims.claim("Ev1", "T1")  # lapsed: taken over
    assert not store.claims.claim("Ev1", "T1")  # and held again by the new owner


def test_a_released_claim_is_answered_by_the_next_retry_at_once(store: Store) -> None:
    store.claims.claim("Ev1", "T1")
    store.claims.release("Ev1")
    assert store.claims.claim("Ev1", "T1")


def test_release_never_frees_an_answered_event(store: Store) -> None:
    store.claims.claim("Ev1", "T1")
    store.claims.complete("Ev1")
    store.claims.release("Ev1")
    assert not store.claims.claim("Ev1", "T1")


def test_prune_drops_only_what_no_retry_can_need(store: Store, clock: FakeClock) -> None:
    store.claims.claim("done-old", "T1")
    store.claims.complete("done-old")
    store.claims.claim("lapsed-old", "T1")
    clock.advance(KEEP + LEASE + timedelta(seconds=1))
    store.claims.claim("done-new", "T1")
    store.claims.complete("done-new")
    store.claims.claim("pending", "T1")
    assert store.claims.prune() == 2
    kept = {row[0] for row in rows_of(store)["leverage_event_claims"]}
    assert kept == {"done-new", "pending"}


def test_threads_racing_on_the_same_events_answer_each_once(store: Store) -> None:
    events = [f"Ev{i}" for i in range(60)]
    won: list[list[str]] = [[] for _ in range(6)]
    barrier = threading.Barrier(len(won))

    def contend(mine: list[str]) -> None:
        order = events[:]
        random.Random(len(mine) + id(mine)).shuffle(order)
        barrier.wait()
        mine.extend(e for e in order if store.claims.claim(e, "T1"))

    threads = [threading.Thread(target=contend, args=(w,)) for w in won]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    claimed = [e for w in won for e in w]
    assert sorted(claimed) == sorted(events)  # every event once, none twice


def _claim_all(url: str, events: list[str], seed: int, start: Any, out: Any) -> None:
    store = Store.open(Settings(database_url=url))
    order = events[:]
    random.Random(seed).shuffle(order)
    start.wait(30)
    won = [e for e in order if store.claims.claim(e, "T1")]
    store.close()
    out.put(won)


def test_processes_on_one_database_answer_each_event_once(database_url: str) -> None:
    """Three processes behind a load balancer receive the same 150 events (deliveries and
    retries, in different orders): each event is answered by exactly one of them."""
    Store.open(Settings(database_url=database_url)).close()
    events = [f"Ev{i:04d}" for i in range(150)]
    context = multiprocessing.get_context(FORK)
    start = context.Event()
    out = context.Queue()
    processes = [
        context.Process(target=_claim_all, args=(database_url, events, seed, start, out))
        for seed in range(3)
    ]
    for p in processes:
        p.start()
    start.set()
    results = [out.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(timeout=30)
    claimed = [e for won in results for e in won]
    assert sorted(claimed) == events


def test_claims_keep_the_whole_store_pruned(database_url: str, clock: FakeClock) -> None:
    """Every event is claimed, so the first claim of a process (then one a minute) deletes
    whatever is past its time in every table: expired state, forgotten misses."""
    writer = Store.open(Settings(database_url=database_url), clock=clock)
    writer.state.put(StateKey("T1", "D1", "U1", "previous_offer"), {"base": 1}, timedelta(hours=1))
    writer.misses.record("T1", "U1", MissKey("airbnb", ""))
    writer.close()
    clock.advance(timedelta(days=181))
    store = Store.open(Settings(database_url=database_url), clock=clock)
    store.claims.claim("Ev1", "T1")
    rows = rows_of(store)
    assert rows["leverage_conversation_state"] == [] and rows["leverage_misses"] == []
    assert [r[0] for r in rows["leverage_event_claims"]] == ["Ev1"]
    store.close()


@pytest.mark.parametrize(("event_id", "team_id"), [("", "T1"), ("E" * 65, "T1"), ("Ev1", "")])
def test_ids_that_cannot_be_slack_ids_are_a_clear_error(
    store: Store, event_id: str, team_id: str
) -> None:
    with pytest.raises(ValueError, match="must be 1 to 64 characters"):
        store.claims.claim(event_id, team_id)


def _claim_in_child(store: Store, out: Any) -> None:
    out.put([store.claims.claim(f"child{i}", "T1") for i in range(20)])


@pytest.mark.skipif(FORK != "fork", reason="no fork here")
def test_a_forked_worker_uses_connections_of_its_own(store: Store) -> None:
    """gunicorn forks after the app (and its store) is built: parent and child both claim
    at once, each on its own connections, and neither sees an error."""
    assert store.claims.claim("parent-warm", "T1")  # the pool holds a connection now
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    child = context.Process(target=_claim_in_child, args=(store, out))
    child.start()
    parent = [store.claims.claim(f"parent{i}", "T1") for i in range(20)]
    assert out.get(timeout=60) == [True] * 20
    child.join(timeout=30)
    assert child.exitcode == 0 and parent == [True] * 20
    assert not store.claims.claim("child3", "T1")  # the child's claims are in the database

"""Two `python -m bot serve --http` processes on one database, as behind a load balancer:
on PostgreSQL (the production choice) and on SQLite (one machine). Slack delivers an event
to one of them, and its retries perhaps to the other: every event is answered exactly once,
and a button drawn by one process works on the other."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.testing import requests as rq
from bot.testing.slack_fake import FakeSlack
from tests.databases import database_url, postgres_server, postgres_url
from tests.slack.servers import Server, event, healthz, post, start, stop

__all__ = ["database_url", "postgres_server", "postgres_url"]  # fixtures used here

EVENTS = 12
NO_REGION = "segment cdp: 200k base, 200k RSUs over 4 years"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def pair(fake: FakeSlack, tmp_path: Path, database_url: str) -> Iterator[tuple[Server, Server]]:
    fake.clear()
    first = start(fake, tmp_path, DATABASE_URL=database_url)
    second = start(fake, tmp_path, DATABASE_URL=database_url)
    yield first, second
    stop(first)
    stop(second)


def test_the_same_event_sent_to_both_processes_is_answered_once(
    pair: tuple[Server, Server], fake: FakeSlack
) -> None:
    first, second = pair
    assert healthz(first)["ready"] and healthz(second)["ready"]
    statuses: list[int] = []
    lock = threading.Lock()

    def deliver(server: Server, event_id: str, barrier: threading.Barrier) -> None:
        barrier.wait()
        status = event(server, rq.dm("segment data engineer dublin"), event_id)
        with lock:
            statuses.append(status)

    for i in range(EVENTS):  # each event reaches both processes at the same moment
        barrier = threading.Barrier(2)
        both = [
            threading.Thread(target=deliver, args=(server, f"Ev-twice-{i}", barrier))
            for server in pair
        ]
        for thread in both:
            thread.start()
        for thread in both:
            thread.join(timeout=10)
    assert statuses == [200] * (2 * EVENTS), "both acknowledge; only one answers"
    posted = fake.wait_for("chat.postMessage", count=EVENTS, timeout=10)
    # a little longer: a second answer to any event would arrive now
    extra = fake.wait_for("chat.postMessage", count=EVENTS + 1, timeout=1.5)
    assert len(posted) == len(extra) == EVENTS
    assert all("€90K–€115K" in rq.shown(m) for m in posted)
    answered_by = [s for s in pair if "already claimed" in s.logs()]
    assert answered_by, "the losing process said why it did not answer"

    # Slack's retry of an answered event, to the other process: not answered again
    fake.clear()
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    status, _ = post(
        second, rq.event_body(rq.dm("segment cdp"), "Ev-twice-0"), rq.JSON, headers=retry
    )
    assert status == 200
    assert fake.wait_for("chat.postMessage", timeout=1.0) == []


def test_a_button_drawn_by_one_process_is_answered_by_the_other(
    pair: tuple[Server, Server], fake: FakeSlack
) -> None:
    first, second = pair
    body = rq.command_body("/offer", NO_REGION, response_url=fake.response_url("drawn"))
    status, raw = post(first, body, rq.FORM)
    assert status == 200
    message = json.loads(raw)
    buttons = [b for b in rq.buttons(message) if "New York" in json.dumps(b)]
    assert buttons, rq.shown(message)
    payload = rq.action_payload(buttons[0], response_url=fake.response_url("pressed"))
    assert post(second, rq.interactive_body(payload), rq.FORM)[0] == 200
    (answer,) = fake.wait_for_response("pressed")
    assert "Counter with" in rq.shown(answer), "the paste was read back from the database"
    for server in pair:
        assert "200k" not in server.logs() and "200,000" not in server.logs()

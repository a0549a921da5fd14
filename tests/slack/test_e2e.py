"""End to end: `python -m bot serve --http` as a subprocess (uvicorn), real signed requests over
HTTP, the fake Web API of bot/testing. What only a real server shows: signatures and limits
over HTTP, slow and huge clients, /healthz, the start-up checks, SIGTERM, and the process log.
Listener logic (every fallback path) is tested in process, in test_listeners.py."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.testing import requests as rq
from bot.testing.slack_fake import FakeSlack
from tests.conftest import BROKEN, GUIDES
from tests.slack.servers import (
    Server,
    command,
    event,
    healthz,
    post,
    run_cli,
    start,
    stop,
    timed_event,
)

OFFER = "Segment came back with 205k base, 240k RSUs over 4 years, 10% bonus and a 30k sign-on for the cdp role in NYC"
FIGURES_RE = re.compile(r"\$?\d[\d,.]*\s?[kK]\b|\$\d")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server(fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(fake, tmp_path_factory.mktemp("server"))
    yield running
    stop(running)


@pytest.fixture(autouse=True)
def _fresh_calls(fake: FakeSlack) -> None:
    fake.clear()


# -- security and limits over HTTP -----------------------------------------------------


def test_url_verification(server: Server) -> None:
    body = json.dumps({"token": "x", "challenge": "c-123", "type": "url_verification"}).encode()
    status, raw = post(server, body, rq.JSON)
    assert status == 200 and json.loads(raw) == {"challenge": "c-123"}


@pytest.mark.parametrize(
    "sign",
    [{"secret": "wrong-secret"}, {"timestamp": "junk"}, {"timestamp": int(time.time()) - 600}],
    ids=["bad signature", "malformed timestamp", "stale timestamp"],
)
def test_unsigned_is_401_and_the_body_is_not_logged(
    server: Server, fake: FakeSlack, sign: dict[str, Any]
) -> None:
    status, _ = command(server, fake, "/offer", "secret 987k base", **sign)
    assert status == 401
    time.sleep(0.2)
    assert "987k" not in server.logs() and "Traceback" not in server.logs()
    assert fake.calls == []


def test_a_request_without_a_signature_is_401(server: Server) -> None:
    request = urllib.request.Request(
        f"{server.url}/slack/events", data=b"command=%2Fcomp", method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=5)
    assert info.value.code == 401


@pytest.mark.parametrize(
    "body", [b'{"type": "event_callback", "event": ', b"\xff\xfe{}", b"[1, 2]"]
)
def test_signed_but_unreadable_bodies_are_400_without_a_traceback(
    server: Server, body: bytes
) -> None:
    status, _ = post(server, body, rq.JSON)
    assert status == 400
    assert "Traceback" not in server.wait_for_log("signed request refused (400)")
    unsigned, _ = post(server, body, rq.JSON, secret="wrong")
    assert unsigned == 401


def test_a_body_over_the_limit_is_refused_before_it_is_read(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        conn.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 104857600\r\n\r\n"
        )
        answer = conn.recv(4096)  # no byte of the 100 MB body was sent
    assert answer.startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize("declared", [b"\xb2", b"12abc", b"-5", b"9" * 5000])
def test_a_content_length_that_is_no_number_is_refused(server: Server, declared: bytes) -> None:
    """'²' is a digit to str.isdigit() and an error to int(): refused, never a 500."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        conn.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + declared + b"\r\n\r\n"
        )
        answer = conn.recv(4096)
    assert answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 413")), answer[:40]


def test_a_chunked_body_over_the_limit_is_cut_off(server: Server) -> None:
    """Without a Content-Length the body is read only up to the limit."""
    chunk = b"10000\r\n" + b"x" * 65536 + b"\r\n"
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        conn.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        try:
            for _ in range(160):  # 10 MB, if the server kept reading
                conn.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server answered 413 and closed
    assert sent < 160 * len(chunk), "the server stopped reading and closed"
    server.wait_for_log("request refused (413): body over 1000000 bytes")


def test_slow_clients_hold_no_thread(server: Server, fake: FakeSlack) -> None:
    """Sixteen clients trickling their headers a byte at a time, while others are served."""
    stop_trickle = threading.Event()
    slow = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(16)]

    def trickle() -> None:
        request = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n"
        for byte in request:
            if stop_trickle.wait(0.5):
                return
            for conn in slow:
                with contextlib.suppress(OSError):
                    conn.send(bytes([byte]))

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        time.sleep(0.5)
        started = time.perf_counter()
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
            assert response.status == 200
        status, message = command(server, fake, "/comp", "segment cdp london")
        assert status == 200 and "£138K–£170K" in rq.shown(message)
        assert time.perf_counter() - started < 1.0
    finally:
        stop_trickle.set()
        for conn in slow:
            conn.close()


def test_a_client_that_never_finishes_its_headers_is_cut_off(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as conn:
        conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        assert conn.recv(100) == b"", "closed by the server"
        assert 4 < time.monotonic() - started < 10


# -- /healthz and start-up ---------------------------------------------------------------


def test_healthz_says_how_many_guides_are_loaded(server: Server) -> None:
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
        assert response.status == 200
        body = json.loads(response.read())
    assert body["ready"] is True and body["guides"] == 8


def test_healthz_is_not_ready_without_guides(fake: FakeSlack, tmp_path: Path) -> None:
    empty = tmp_path / "guides"
    empty.mkdir()
    running = start(fake, tmp_path, guides=empty)
    try:
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(f"{running.url}/healthz", timeout=2)
        assert info.value.code == 503
        assert json.loads(info.value.read()) == {"ready": False, "guides": 0, "pending_jobs": 0}
        assert "no guides loaded from" in running.logs()
    finally:
        stop(running)


def test_a_clean_start_logs_no_warning_from_bolt(server: Server) -> None:
    logs = server.logs()
    assert "8 guides loaded" in logs and "SLACK_BOT_TOKEN checked: bot UBOT in team T0001" in logs
    assert "will be unused" not in logs and "slack_bolt" not in logs
    assert "Leverage listening on http://127.0.0.1:" in logs


def test_a_refused_bot_token_stops_serve_with_a_message(fake: FakeSlack, tmp_path: Path) -> None:
    running = start(fake, tmp_path, wait=False, SLACK_BOT_TOKEN="xoxb-revoked")
    assert running.process.wait(timeout=60) == 2
    logs = running.logs()
    assert "leverage: SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in logs
    assert "Traceback" not in logs


def test_sigterm_finishes_what_was_acknowledged(fake: FakeSlack, tmp_path: Path) -> None:
    running = start(fake, tmp_path)
    fake.slow("chat.postMessage", 1.5)
    status, took = timed_event(running, rq.dm("segment data engineer dublin"), "Ev-term")
    assert status == 200 and took < 0.5
    running.process.send_signal(signal.SIGTERM)
    # uvicorn re-raises the signal once it has shut down, as a process stopped by it would end
    assert running.process.wait(timeout=30) in {0, -signal.SIGTERM}
    (sent,) = fake.sent("chat.postMessage", ok=True)
    assert "€90K–€115K" in rq.shown(sent)
    logs = running.logs()
    assert "draining 1 job(s) already acknowledged" in logs and "Leverage stopped" in logs


# -- the happy paths, and failures as the log tells them -----------------------------------


def test_comp_answers_in_the_http_response_and_only_to_the_asker(
    server: Server, fake: FakeSlack
) -> None:
    status, message = command(server, fake, "/comp", "segmnt ai cdp london")
    assert status == 200
    assert message.get("response_type", "ephemeral") == "ephemeral"
    text = rq.shown(message)
    assert "£138K–£170K" in text and "$192K" not in text
    assert "Data due for review since 23 May 2026" in message["text"]
    assert fake.calls == [], "nothing is posted to the channel"


@pytest.mark.parametrize(
    ("name", "text"),
    [("/comp", ""), ("/levers", ""), ("/comp", "help"), ("/levers", "help"), ("/offer", "help")],
)  # `/offer` with no text opens the offer form (test_coaching_e2e.py)
def test_empty_and_help_explain_usage_with_real_examples(
    server: Server, fake: FakeSlack, name: str, text: str
) -> None:
    status, message = command(server, fake, name, text)
    assert status == 200
    assert name in rq.shown(message) and "amazon" in rq.shown(message).lower()


def test_nothing_a_user_types_can_ping(server: Server, fake: FakeSlack) -> None:
    _, message = command(server, fake, "/comp", "<!channel> <!here> <@U0BOSS> zzqx &lt;")
    raw = json.dumps(message)
    for ping in ("<!channel>", "<!here>", "<@U0BOSS>", "<!everyone>"):
        assert ping not in raw


def test_garbage_and_huge_input_get_answers(server: Server, fake: FakeSlack) -> None:
    for text in ("🙃" * 50, "\u0000\u202e", "x" * 20_000):
        status, message = command(server, fake, "/offer", text)
        assert status == 200 and message["text"]


def test_share_button_posts_to_the_channel_only_when_clicked(
    server: Server, fake: FakeSlack
) -> None:
    _, message = command(server, fake, "/comp", "segment cdp london")
    (button,) = rq.buttons(message)
    assert fake.responses("share") == []
    payload = rq.action_payload(button, response_url=fake.response_url("share"))
    assert post(server, rq.interactive_body(payload), rq.FORM)[0] == 200
    shared = fake.wait_for_response("share")[0]  # then the card is replaced (test_coaching_e2e)
    assert shared["response_type"] == "in_channel"
    assert "£138K–£170K" in rq.shown(shared) and "Shared by <@U0SAM>" in rq.shown(shared)


def test_an_offer_in_a_channel_goes_to_the_poster_only(server: Server, fake: FakeSlack) -> None:
    event(server, rq.mention(OFFER), "Ev5")
    sent = fake.wait_for("chat.postMessage", count=2)
    private = [m for m in sent if m["channel"] == rq.USER]
    public = [m for m in sent if m["channel"] == rq.CHANNEL]
    assert len(private) == 1 and len(public) == 1
    assert "Counter with" in rq.shown(private[0])
    assert not FIGURES_RE.search(rq.shown(public[0]))


def test_events_are_acked_at_once_when_the_web_api_is_slow(server: Server, fake: FakeSlack) -> None:
    fake.slow("chat.postMessage", 2.0)
    took = [
        timed_event(server, rq.dm("segment data engineer"), f"Ev-slow-{i}")[1] for i in range(5)
    ]
    assert max(took) < 0.1, took
    assert len(fake.wait_for("chat.postMessage", count=5, timeout=10)) == 5


def test_rate_limits_are_waited_out_after_the_ack(server: Server, fake: FakeSlack) -> None:
    fake.rate_limit("chat.postMessage", retry_after=1, times=2)
    status, took = timed_event(server, rq.dm("segment data engineer dublin"), "Ev-429")
    assert status == 200 and took < 0.1
    (sent,) = fake.wait_for("chat.postMessage", timeout=10)
    assert "€90K–€115K" in rq.shown(sent)


def test_a_failed_dm_reply_is_seen_ephemerally_and_logged_by_method_and_code(
    server: Server, fake: FakeSlack
) -> None:
    fake.fail("chat.postMessage", "restricted_action")
    assert event(server, rq.dm("segment cdp 123460 base, 98768 RSUs, nyc"), "Ev-fail") == 200
    (sent,) = fake.wait_for("chat.postEphemeral")
    assert sent["user"] == rq.USER and "Your offer" in rq.shown(sent)
    logs = server.wait_for_log("Slack chat.postMessage failed: restricted_action (dm.reply)")
    assert "123460" not in logs and "98768" not in logs


def test_a_failed_response_url_is_answered_through_the_web_api(
    server: Server, fake: FakeSlack
) -> None:
    _, message = command(server, fake, "/comp", "segment")
    button = rq.buttons(message)[0]
    fake.fail_response("expired_url", 404)
    payload = rq.action_payload(button, response_url=fake.response_url("late"))
    post(server, rq.interactive_body(payload), rq.FORM)
    (shown,) = fake.wait_for("chat.postEphemeral")
    assert "AI CDP Platform Engineer at Segment" in rq.shown(shown)
    server.wait_for_log("Slack response_url failed: expired_url (pick.replace)")


def test_no_offer_text_or_figures_in_the_logs(server: Server, fake: FakeSlack) -> None:
    fake.fail("*", "channel_not_found")
    command(server, fake, "/offer", "Segment cdp: 123457 base, 98765 RSUs, nyc")
    event(server, rq.dm("segment cdp 123458 base, 98766 RSUs, nyc"), "Ev-log")
    event(server, rq.mention("segment cdp 123459 base, 98767 RSUs, nyc"), "Ev-log2")
    logs = server.wait_for_log("no answer reached the user (mention)")
    for secret in ("12345", "9876", "RSUs"):
        assert secret not in logs


# -- guides change under a running serve ---------------------------------------------------


def test_a_guide_edit_is_served_without_a_restart(fake: FakeSlack, tmp_path: Path) -> None:
    guides = tmp_path / "guides"
    shutil.copytree(GUIDES, guides)
    running = start(fake, tmp_path, guides=guides, LEVERAGE_RELOAD_SECONDS="0.2")
    try:
        assert healthz(running)["guides"] == 8
        stripe = guides / "stripe-backend-engineer.md"
        text = stripe.read_text(encoding="utf-8")
        assert "base_low: 185000" in text
        stripe.write_text(text.replace("base_low: 185000", "base_low: 187000"), encoding="utf-8")
        (guides / "stripey-backend-engineer.md").write_text(
            text.replace("company: Stripe", "company: Stripey"), encoding="utf-8"
        )
        deadline = time.monotonic() + 10
        while healthz(running)["guides"] != 9 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert healthz(running)["guides"] == 9, "the added guide, counted by /healthz"
        _, message = command(running, fake, "/comp", "stripe backend engineer san francisco")
        assert "$187K" in rq.shown(message) and "$185K" not in rq.shown(message)
        _, added = command(running, fake, "/comp", "stripey backend engineer")
        assert "Stripey" in rq.shown(added)
        assert running.process.poll() is None, "the same process, never restarted"

        # a broken edit: the last good version is served, the log and lint say why
        shutil.copy(BROKEN / "yaml-syntax.md", stripe)
        logs = running.wait_for_log("serving the last good version of stripe/backend-engineer")
        assert f"{stripe}:" in logs
        _, still = command(running, fake, "/comp", "stripe backend engineer san francisco")
        assert "$187K" in rq.shown(still)
        lint = run_cli("lint", "--guides", str(guides), env={"PATH": os.environ["PATH"]})
        assert lint.returncode == 1 and f"{stripe}: error:" in lint.stdout
    finally:
        stop(running)

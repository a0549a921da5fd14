"""The parts of the Slack edge on their own: signatures and shapes, event claims and pastes,
the work pool, the start-up token checks, the reconnect back-off and the settings they read."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import load_settings, withdraw_slack_environment
from bot.errors import ConfigError
from bot.slack.auth import BotIdentity, check_app_token, check_bot_token, single_workspace
from bot.slack.deliver import web_client
from bot.slack.guard import shape_problem, signed
from bot.slack.socket import MAX_BACKOFF, backoff
from bot.slack.state import MemoryClaims, MemoryPastes
from bot.slack.work import Work
from bot.testing import requests as rq
from bot.testing.slack_fake import APP_TOKEN, BOT_TOKEN, FakeSlack

# -- signatures ------------------------------------------------------------------------


def test_a_signature_made_by_slacks_scheme_is_accepted() -> None:
    body = rq.command_body("/comp", "segment")
    headers = rq.signed_headers(body, rq.FORM)
    ts, signature = headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    assert signed(rq.SECRET, body, ts, signature)
    assert signed(rq.SECRET, body.decode(), ts, signature)


@pytest.mark.parametrize(
    ("secret", "timestamp", "signature", "why"),
    [
        ("other", None, None, "another secret"),
        (rq.SECRET, "12x", None, "a timestamp that is not a number"),
        (rq.SECRET, "", None, "no timestamp"),
        (rq.SECRET, "-1", None, "a negative timestamp"),
        (rq.SECRET, "1" * 30, None, "a timestamp far too long"),
        (rq.SECRET, "now-301", None, "older than five minutes"),
        (rq.SECRET, "now+301", None, "five minutes in the future"),
        (rq.SECRET, None, "v0=", "an empty digest"),
        (rq.SECRET, None, "", "no signature"),
        ("", None, None, "no secret configured"),
    ],
)
def test_anything_else_is_refused(
    secret: str, timestamp: str | None, signature: str | None, why: str
) -> None:
    body = b"command=%2Fcomp"
    now = int(time.time())
    if timestamp is None:
        ts = str(now)
    elif timestamp.startswith("now"):  # relative to when the test runs, not when it was listed
        ts = str(now + int(timestamp[3:]))
    else:
        ts = timestamp
    good = rq.signature(rq.SECRET, ts, body)
    assert not signed(secret, body, ts, signature if signature is not None else good), why


@given(st.binary(max_size=200), st.text(max_size=20), st.text(max_size=80))
def test_checking_a_signature_never_raises(body: bytes, timestamp: str, signature: str) -> None:
    assert signed(rq.SECRET, body, timestamp, signature) in {True, False}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"command": "/comp", "text": "x"}, None),
        ({"type": "url_verification", "challenge": "c"}, None),
        ({"type": "event_callback", "event": {"type": "message"}}, None),
        ({"type": "block_actions", "user": {"id": "U1"}, "actions": [{"action_id": "a"}]}, None),
        ({"type": "view_submission", "user": {"id": "U1"}, "view": {"type": "modal"}}, None),
        ({"type": "app_rate_limited"}, None),
        ([], "not an object"),
        ({"command": "comp"}, "bad command"),
        ({"type": "event_callback", "event": []}, "event without a type"),
        ({"type": "block_actions", "user": {"id": "U1"}, "actions": []}, "unreadable actions"),
        (
            {"type": "block_actions", "user": {}, "actions": [{"action_id": 1}]},
            "unreadable actions",
        ),
        ({"type": "shortcut", "user": ["U1"], "callback_id": "x"}, "user is not an object"),
        ({"type": "message_action", "user": {}}, "shortcut without a callback_id"),
        ({"type": "view_closed", "user": {}, "view": "v"}, "view without a type"),
    ],
)
def test_shapes(body: Any, problem: str | None) -> None:
    assert shape_problem(body) == problem


# -- claims and pastes ---------------------------------------------------------------


def test_an_event_is_claimed_once_and_again_only_when_its_claim_expired_unanswered() -> None:
    now = [0.0]
    claims = MemoryClaims(expiry=60, clock=lambda: now[0])
    assert claims.claim("E1") and not claims.claim("E1")
    now[0] = 61
    assert claims.claim("E1"), "the first delivery never finished: a retry may answer"
    claims.complete("E1")
    now[0] = 1000
    assert not claims.claim("E1"), "answered events stay answered"
    claims.release("E1")
    assert claims.claim("E1")


def test_claims_are_bounded() -> None:
    claims = MemoryClaims(size=3)
    for event in "ABCD":
        claims.claim(event)
    assert claims.claim("A"), "the oldest claim was let go"
    assert not claims.claim("D")


def test_a_paste_is_for_its_poster_and_for_a_while() -> None:
    now = [0.0]
    pastes = MemoryPastes(lifetime=60, clock=lambda: now[0])
    ref = pastes.keep("T1", "U1", "205k base")
    assert len(ref) <= 20 and "205" not in ref
    assert pastes.get("T1", "U1", ref) == "205k base"
    assert pastes.get("T1", "U2", ref) is None
    assert pastes.get("T2", "U1", ref) is None, "the same user id in another workspace"
    assert pastes.get("T1", "U1", "guess") is None
    now[0] = 61
    assert pastes.get("T1", "U1", ref) is None


def test_pastes_are_bounded_and_expired_ones_go_first() -> None:
    now = [0.0]
    pastes = MemoryPastes(lifetime=10, size=2, clock=lambda: now[0])
    first = pastes.keep("T1", "U1", "a")
    now[0] = 11
    second, third = pastes.keep("T1", "U1", "b"), pastes.keep("T1", "U1", "c")
    assert pastes.get("T1", "U1", first) is None
    assert pastes.get("T1", "U1", second) == "b" and pastes.get("T1", "U1", third) == "c"
    pastes.keep("T1", "U1", "d")
    assert pastes.get("T1", "U1", second) is None, "past the size, the oldest goes"


# -- the work pool ----------------------------------------------------------------------


def test_draining_finishes_what_was_accepted_and_refuses_the_rest() -> None:
    work = Work(threads=2)
    done: list[int] = []
    gate = threading.Event()

    def job(i: int) -> None:
        gate.wait(5)
        done.append(i)

    for i in range(4):
        assert work.submit("job", lambda i=i: job(i))
    assert work.pending == 4
    threading.Timer(0.2, gate.set).start()
    assert work.drain(timeout=5)
    assert sorted(done) == [0, 1, 2, 3]
    assert not work.submit("late", lambda: None)
    assert not work.has_room()


def test_a_job_that_raises_tells_the_user(caplog: pytest.LogCaptureFixture) -> None:
    work = Work(threads=1)
    told: list[str] = []

    def broken() -> None:
        raise ValueError("offer 987k")

    work.submit("dm", broken, lambda: told.append("went wrong"))
    assert work.wait_idle(5)
    assert told == ["went wrong"]
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith("dm failed: ValueError at test_parts.py:") and "987" not in line
    work.drain(1)


def test_a_prompt_job_starts_while_the_pool_is_busy() -> None:
    """views.open has 3 s from the click: a pool full of jobs waiting on Slack cannot hold it."""
    work = Work(threads=2)
    gate, opened = threading.Event(), threading.Event()
    for _ in range(6):
        work.submit("dm", lambda: gate.wait(5) and None)
    work.submit("edit", opened.set, prompt=True)
    assert opened.wait(2), "the prompt lane waited behind the busy pool"
    assert not gate.is_set() and work.pending == 6
    gate.set()
    assert work.drain(5)


def test_room_is_bounded() -> None:
    work = Work(threads=1, max_pending=2)
    gate = threading.Event()

    def wait() -> None:
        gate.wait(5)

    work.submit("a", wait)
    assert work.has_room()
    work.submit("b", lambda: None)
    assert not work.has_room()
    gate.set()
    assert work.wait_idle(5) and work.has_room()
    work.drain(1)


# -- start-up checks ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    server.socket_url = "ws://127.0.0.1:1/link"
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh(fake: FakeSlack) -> None:
    fake.clear()


def test_a_good_bot_token_gives_the_bot_identity(fake: FakeSlack) -> None:
    identity = check_bot_token(web_client(None, fake.api_url), BOT_TOKEN)
    assert identity == BotIdentity("T0001", "UBOT", "BBOT")
    result = single_workspace(BOT_TOKEN, identity)()
    assert (result.bot_token, result.team_id, result.bot_user_id) == (BOT_TOKEN, "T0001", "UBOT")


@pytest.mark.parametrize(
    ("token", "failure", "message"),
    [
        ("xoxb-revoked", None, "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)"),
        (BOT_TOKEN, "token_revoked", "SLACK_BOT_TOKEN was refused by Slack (token_revoked)"),
        (
            BOT_TOKEN,
            "fatal_error",
            "could not check SLACK_BOT_TOKEN: auth.test failed (fatal_error)",
        ),
    ],
)
def test_a_refused_bot_token_is_named(
    fake: FakeSlack, token: str, failure: str | None, message: str
) -> None:
    if failure:
        fake.fail("auth.test", failure)
    with pytest.raises(ConfigError) as info:
        check_bot_token(web_client(None, fake.api_url), token)
    assert str(info.value).startswith(message)


def test_an_unreachable_slack_is_said_plainly() -> None:
    with pytest.raises(ConfigError, match=r"could not reach Slack to check SLACK_BOT_TOKEN"):
        check_bot_token(web_client(None, "http://127.0.0.1:9/api/"), BOT_TOKEN)


def test_the_app_token_check_hands_out_the_first_url(fake: FakeSlack) -> None:
    assert check_app_token(web_client(None, fake.api_url), APP_TOKEN) == fake.socket_url
    with pytest.raises(ConfigError, match=r"SLACK_APP_TOKEN was refused by Slack \(invalid_auth\)"):
        check_app_token(web_client(None, fake.api_url), "xapp-unknown")
    with pytest.raises(ConfigError, match=r"not_allowed_token_type"):
        check_app_token(web_client(None, fake.api_url), BOT_TOKEN)


# -- back-off and settings ---------------------------------------------------------------


def test_reconnects_back_off_to_a_ceiling() -> None:
    waits = [backoff(attempt) for attempt in range(1, 12)]
    assert 0.8 <= waits[0] <= 1.2 and 1.6 <= waits[1] <= 2.4
    assert all(w <= MAX_BACKOFF * 1.2 for w in waits) and waits[-1] >= MAX_BACKOFF * 0.8


def test_work_threads_are_read_and_checked() -> None:
    assert load_settings({}).work_threads == 32
    assert load_settings({"LEVERAGE_WORK_THREADS": "8"}).work_threads == 8
    for bad in ("0", "lots", "100000"):
        with pytest.raises(ConfigError, match="LEVERAGE_WORK_THREADS"):
            load_settings({"LEVERAGE_WORK_THREADS": bad})


def test_slack_variables_are_withdrawn_once_read() -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_CLIENT_ID": "c", "PORT": "3000"}
    settings = load_settings(env)
    withdraw_slack_environment(env)
    assert env == {"PORT": "3000"}
    assert settings.bot_token == "xoxb-1"

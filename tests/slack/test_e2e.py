"""End to end: the real server on 127.0.0.1, real signed requests, a fake Slack Web API.

`python -m bot serve --http` runs as a subprocess (gunicorn, Bolt's WSGI adapter) with
SLACK_API_URL pointing at tests/slack/slack_fake.py, which records every call the bot makes.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from tests.conftest import GUIDES, ROOT
from tests.slack.slack_fake import FakeSlack

SECRET = "test-signing-secret"
OFFER = "Segment came back with 205k base, 240k RSUs over 4 years, 10% bonus and a 30k sign-on for the cdp role in NYC"
FIGURES_RE = re.compile(r"\$?\d[\d,.]*\s?[kK]\b|\$\d")


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def logs(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server(fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(log.parent),
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "LEVERAGE_CACHE_DIR": "",
    }
    command = [
        sys.executable,
        "-m",
        "bot",
        "serve",
        "--http",
        "--port",
        str(port),
        "--guides",
        str(GUIDES),
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start:\n{log.read_text()}") from None
            time.sleep(0.1)
    yield Server(url, process, log)
    process.terminate()
    process.wait(timeout=15)


@pytest.fixture(autouse=True)
def _fresh_calls(fake: FakeSlack) -> None:
    fake.clear()


def post(
    server: Server,
    body: bytes,
    content_type: str,
    *,
    secret: str = SECRET,
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    request = urllib.request.Request(
        f"{server.url}/slack/events",
        data=body,
        method="POST",
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def command(
    server: Server, fake: FakeSlack, name: str, text: str, **kwargs: Any
) -> tuple[int, dict[str, Any]]:
    form = {
        "token": "legacy",
        "team_id": "T0001",
        "team_domain": "acme",
        "channel_id": "C0HIRING",
        "channel_name": "hiring",
        "user_id": "U0SAM",
        "user_name": "sam",
        "command": name,
        "text": text,
        "api_app_id": "A0001",
        "response_url": f"{fake.url}/response/1",
        "trigger_id": "1.2.3",
    }
    status, raw = post(
        server, urlencode(form).encode(), "application/x-www-form-urlencoded", **kwargs
    )
    return status, (json.loads(raw) if raw.strip().startswith(b"{") else {"raw": raw.decode()})


def event(server: Server, payload: dict[str, Any], event_id: str, **kwargs: Any) -> int:
    body = {
        "token": "legacy",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}],
        "event": payload,
    }
    status, _ = post(server, json.dumps(body).encode(), "application/json", **kwargs)
    return status


def dm(text: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D0SAM",
        "user": "U0SAM",
        "text": text,
        "ts": "1700000000.000100",
        **extra,
    }


def mention(text: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "channel": "C0HIRING",
        "user": "U0SAM",
        "text": f"<@UBOT> {text}",
        "ts": "1700000001.000200",
        **extra,
    }


def message_text(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks", []), ensure_ascii=False) + message.get("text", "")


def click(server: Server, fake: FakeSlack, button: dict[str, Any], response: str) -> int:
    """Press a button the bot sent, as Slack would: a signed block_actions payload."""
    payload = {
        "type": "block_actions",
        "user": {"id": "U0SAM"},
        "team": {"id": "T0001"},
        "api_app_id": "A0001",
        "channel": {"id": "C0HIRING"},
        "response_url": f"{fake.url}/response/{response}",
        "trigger_id": "1.2.3",
        "actions": [{"action_id": button["action_id"], "value": button["value"], "type": "button"}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    status, _ = post(server, body, "application/x-www-form-urlencoded")
    return status


# -- security ---------------------------------------------------------------------------


def test_url_verification(server: Server) -> None:
    body = json.dumps({"token": "x", "challenge": "c-123", "type": "url_verification"}).encode()
    status, raw = post(server, body, "application/json")
    assert status == 200
    assert json.loads(raw) == {"challenge": "c-123"}


def test_bad_signature_is_401_and_the_body_is_not_logged(server: Server, fake: FakeSlack) -> None:
    status, _ = command(server, fake, "/offer", "secret 987k base", secret="wrong-secret")
    assert status == 401
    time.sleep(0.2)
    assert "987k" not in server.logs()
    assert fake.calls == []


def test_stale_timestamp_is_401(server: Server, fake: FakeSlack) -> None:
    status, _ = command(server, fake, "/comp", "segment cdp", timestamp=int(time.time()) - 600)
    assert status == 401


def test_unsigned_request_is_401(server: Server) -> None:
    request = urllib.request.Request(
        f"{server.url}/slack/events", data=b"command=%2Fcomp", method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=5)
    assert info.value.code == 401


# -- slash commands ----------------------------------------------------------------------


def test_comp_answers_in_the_http_response_and_only_to_the_asker(
    server: Server, fake: FakeSlack
) -> None:
    status, message = command(server, fake, "/comp", "segmnt ai cdp london")
    assert status == 200
    assert message.get("response_type", "ephemeral") == "ephemeral"
    text = message_text(message)
    assert "£138K–£170K" in text and "$192K" not in text
    assert "Data due for review since 23 May 2026" in text
    assert message["text"], "every message has a text fallback"
    assert fake.sent("chat.postMessage") == [], "nothing is posted to the channel"


def test_levers(server: Server, fake: FakeSlack) -> None:
    _, message = command(server, fake, "/levers", "segment cdp")
    text = message_text(message)
    assert "Intersection Scarcity Premium" in text
    assert "Accept if above $265K RSUs" in text


@pytest.mark.parametrize("name", ["/comp", "/levers", "/offer"])
@pytest.mark.parametrize("text", ["", "help"])
def test_empty_and_help_explain_usage_with_real_examples(
    server: Server, fake: FakeSlack, name: str, text: str
) -> None:
    status, message = command(server, fake, name, text)
    assert status == 200
    body = message_text(message)
    assert name in body
    assert "amazon" in body.lower(), "examples come from the loaded guides"


def test_offer_is_scored_privately(server: Server, fake: FakeSlack) -> None:
    _, message = command(server, fake, "/offer", OFFER)
    assert message.get("response_type", "ephemeral") == "ephemeral"
    text = message_text(message)
    assert "Negotiate" in text and "score" in text
    assert "New York" in text
    assert fake.sent("chat.postMessage") == []


def test_ambiguous_and_unknown(server: Server, fake: FakeSlack) -> None:
    _, ambiguous = command(server, fake, "/comp", "segment")
    assert "Several guides fit" in message_text(ambiguous)
    buttons = [e for b in ambiguous["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {json.loads(b["value"])["guide"] for b in buttons} == {
        "segment/ai-cdp-platform-engineer",
        "segment/data-engineer",
    }
    _, unknown = command(server, fake, "/comp", "airbnb staff engineer")
    assert "I have no guide for *airbnb*" in message_text(unknown)


def test_nothing_a_user_types_can_ping(server: Server, fake: FakeSlack) -> None:
    _, message = command(server, fake, "/comp", "<!channel> <!here> <@U0BOSS> zzqx &lt;")
    raw = json.dumps(message)
    for ping in ("<!channel>", "<!here>", "<@U0BOSS>", "<!everyone>"):
        assert ping not in raw


def test_garbage_and_huge_input_get_answers(server: Server, fake: FakeSlack) -> None:
    for text in ("🙃" * 50, "\u0000\u202e", "x" * 20_000):
        status, message = command(server, fake, "/offer", text)
        assert status == 200
        assert message["text"]


def test_share_button_posts_to_the_channel_only_when_clicked(
    server: Server, fake: FakeSlack
) -> None:
    _, message = command(server, fake, "/comp", "segment cdp london")
    (button,) = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert fake.sent("response") == []
    status = click(server, fake, button, "2")
    assert status == 200
    (shared,) = fake.wait_for("2")
    assert shared["response_type"] == "in_channel"
    assert "£138K–£170K" in message_text(shared)
    assert "Shared by <@U0SAM>" in message_text(shared)


def test_picking_a_guide_from_the_choice(server: Server, fake: FakeSlack) -> None:
    _, message = command(server, fake, "/comp", "segment")
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    data = next(b for b in buttons if "data-engineer" in b["value"])
    click(server, fake, data, "3")
    (answer,) = fake.wait_for("3")
    assert answer["replace_original"] is True
    assert "Data Engineer at Segment" in message_text(answer)


# -- direct messages and mentions --------------------------------------------------------


def test_dm_sentence_is_answered_in_the_dm(server: Server, fake: FakeSlack) -> None:
    assert event(server, dm("what does Segment pay AI CDP engineers in New York?"), "Ev1") == 200
    (sent,) = fake.wait_for("chat.postMessage")
    assert sent["channel"] == "D0SAM"
    assert "thread_ts" not in sent
    assert "$188K–$228K" in message_text(sent)


def test_dm_offer_is_scored_in_the_dm(server: Server, fake: FakeSlack) -> None:
    event(server, dm(OFFER), "Ev2")
    (sent,) = fake.wait_for("chat.postMessage")
    assert sent["channel"] == "D0SAM"
    assert "Counter with" in message_text(sent)


def test_mention_answers_in_the_thread(server: Server, fake: FakeSlack) -> None:
    event(server, mention("what's the band for segment cdp in london?"), "Ev3")
    (sent,) = fake.wait_for("chat.postMessage")
    assert sent["channel"] == "C0HIRING"
    assert sent["thread_ts"] == "1700000001.000200"
    assert "£138K–£170K" in message_text(sent)


def test_mention_inside_a_thread_stays_in_that_thread(server: Server, fake: FakeSlack) -> None:
    event(server, mention("segment cdp levers", thread_ts="1699999999.000001"), "Ev4")
    (sent,) = fake.wait_for("chat.postMessage")
    assert sent["thread_ts"] == "1699999999.000001"


def test_offer_in_a_channel_goes_to_the_poster_only(server: Server, fake: FakeSlack) -> None:
    event(server, mention(OFFER), "Ev5")
    sent = fake.wait_for("chat.postMessage", count=2)
    private = [m for m in sent if m["channel"] == "U0SAM"]
    public = [m for m in sent if m["channel"] == "C0HIRING"]
    assert len(private) == 1 and len(public) == 1
    assert "Counter with" in message_text(private[0])
    note = message_text(public[0])
    assert public[0]["thread_ts"] == "1700000001.000200"
    assert "direct message" in note
    assert not FIGURES_RE.search(note), f"figures leaked into the channel: {note}"


@pytest.mark.parametrize(
    "payload",
    [
        dm("segment cdp", bot_id="B0OTHER"),
        dm("segment cdp", subtype="message_changed"),
        dm("segment cdp", subtype="bot_message", bot_id="BBOT"),
        {
            "type": "message",
            "channel_type": "channel",
            "channel": "C1",
            "user": "U0SAM",
            "text": "segment cdp",
            "ts": "1.2",
        },
        {"type": "reaction_added", "user": "U0SAM", "reaction": "tada", "item": {}},
    ],
)
def test_what_must_be_ignored_gets_200_and_no_reply(
    server: Server, fake: FakeSlack, payload: dict[str, Any]
) -> None:
    assert (
        event(
            server,
            payload,
            f"Ev-ignore-{payload.get('subtype')}-{payload.get('bot_id')}-{payload['type']}",
        )
        == 200
    )
    time.sleep(0.1)
    assert fake.sent("chat.postMessage") == []


def test_retried_events_are_answered_once(server: Server, fake: FakeSlack) -> None:
    event(server, dm("segment data engineer"), "Ev-retry")
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert event(server, dm("segment data engineer"), "Ev-retry", headers=retry) == 200
    time.sleep(0.1)
    assert len(fake.sent("chat.postMessage")) == 1


def test_app_home_publishes_help(server: Server, fake: FakeSlack) -> None:
    event(
        server,
        {"type": "app_home_opened", "user": "U0SAM", "channel": "D0SAM", "tab": "home"},
        "Ev-home",
    )
    (published,) = fake.wait_for("views.publish")
    assert published["user_id"] == "U0SAM"
    assert published["view"]["type"] == "home"


def test_no_offer_text_or_figures_in_the_logs(server: Server, fake: FakeSlack) -> None:
    command(server, fake, "/offer", "Segment cdp: 123457 base, 98765 RSUs, nyc")
    event(server, dm("segment cdp 123458 base, 98766 RSUs, nyc"), "Ev-log")
    event(server, mention("segment cdp 123459 base, 98767 RSUs, nyc"), "Ev-log2")
    time.sleep(0.2)
    logs = server.logs()
    for secret in ("12345", "9876", "RSUs"):
        assert secret not in logs


def test_a_failing_slack_call_is_logged_without_the_message(
    server: Server, fake: FakeSlack
) -> None:
    fake.failing.add("chat.postMessage")
    assert event(server, dm("segment cdp 123460 base, 98768 RSUs, nyc"), "Ev-fail") == 200
    time.sleep(0.2)
    logs = server.logs()
    assert "listener failed: SlackApiError at" in logs
    assert "123460" not in logs and "98768" not in logs


def test_an_offer_without_a_region_asks_with_buttons_and_scores_on_click(
    server: Server, fake: FakeSlack
) -> None:
    event(server, dm("segment cdp: 200k base, 200k RSUs over 4 years"), "Ev-region")
    (question,) = fake.wait_for("chat.postMessage")
    assert "Which region" in message_text(question)
    buttons = {
        e["text"]["text"]: e
        for b in question["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    assert set(buttons) == {"San Francisco", "New York", "London"}
    london = buttons["London"]
    click(server, fake, london, "4")
    (scored,) = fake.wait_for("4")
    assert scored["replace_original"] is True
    assert "Your offer: AI CDP Platform Engineer at Segment — London" in message_text(scored)

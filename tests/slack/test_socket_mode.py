"""Socket Mode end to end: `python -m bot serve` with SLACK_APP_TOKEN connects to a real
WebSocket server on 127.0.0.1 (handed out by the fake Web API's apps.connections.open)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.conftest import GUIDES, ROOT
from tests.slack.slack_fake import FakeSlack
from tests.slack.socket_fake import FakeSocketMode


@pytest.fixture(scope="module")
def sockets() -> Iterator[tuple[FakeSlack, FakeSocketMode]]:
    web = FakeSlack().start()
    socket_mode = FakeSocketMode().start()
    web.socket_url = socket_mode.url
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/tmp",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_APP_TOKEN": "xapp-test-token",
        "SLACK_API_URL": web.api_url,
        "LEVERAGE_CACHE_DIR": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--guides", str(GUIDES)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        if not socket_mode.connected.wait(60):
            process.terminate()
            raise RuntimeError(process.communicate(timeout=10)[0].decode())
        yield web, socket_mode
    finally:
        process.terminate()
        process.wait(timeout=15)
        socket_mode.stop()
        web.stop()


def test_slash_command_over_socket_mode(sockets: tuple[FakeSlack, FakeSocketMode]) -> None:
    web, socket_mode = sockets
    socket_mode.send(
        {
            "envelope_id": "env-comp",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": {
                "command": "/comp",
                "text": "segment cdp london",
                "team_id": "T0001",
                "user_id": "U0SAM",
                "channel_id": "C0HIRING",
                "api_app_id": "A0001",
                "response_url": f"{web.url}/response/1",
                "trigger_id": "1.2.3",
            },
        }
    )
    ack = socket_mode.wait_for_ack("env-comp")
    body = json.dumps(ack["payload"], ensure_ascii=False)
    assert "£138K–£170K" in body
    assert ack["payload"].get("response_type", "ephemeral") == "ephemeral"


def test_dm_over_socket_mode(sockets: tuple[FakeSlack, FakeSocketMode]) -> None:
    web, socket_mode = sockets
    socket_mode.send(
        {
            "envelope_id": "env-dm",
            "type": "events_api",
            "accepts_response_payload": False,
            "payload": {
                "type": "event_callback",
                "team_id": "T0001",
                "api_app_id": "A0001",
                "event_id": "Ev-socket-1",
                "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}],
                "event": {
                    "type": "message",
                    "channel_type": "im",
                    "channel": "D0SAM",
                    "user": "U0SAM",
                    "text": "what does segment pay data engineers in dublin?",
                    "ts": "1700000000.000100",
                },
            },
        }
    )
    socket_mode.wait_for_ack("env-dm")
    deadline = time.monotonic() + 10
    while not web.sent("chat.postMessage") and time.monotonic() < deadline:
        time.sleep(0.02)
    (sent,) = web.sent("chat.postMessage")
    assert sent["channel"] == "D0SAM"
    assert "€90K–€115K" in json.dumps(sent["blocks"], ensure_ascii=False)

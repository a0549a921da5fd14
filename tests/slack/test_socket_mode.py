"""Socket Mode end to end: `python -m bot serve` with SLACK_APP_TOKEN connects to a real
WebSocket server on 127.0.0.1 (handed out by the fake Web API's apps.connections.open), which
acks, redelivers, asks to reconnect and drops connections the way Slack does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.testing import requests as rq
from bot.testing.slack_fake import APP_TOKEN, BOT_TOKEN, FakeSlack
from bot.testing.socket_fake import FakeSocketMode, events_envelope
from tests.conftest import GUIDES, ROOT


@dataclass
class Running:
    web: FakeSlack
    socket_mode: FakeSocketMode
    process: subprocess.Popen[bytes]
    log: Path

    def logs(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_log(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in (logs := self.logs()):
                return logs
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not in the log:\n{self.logs()}")


def launch(web: FakeSlack, log: Path, app_token: str = APP_TOKEN) -> subprocess.Popen[bytes]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(log.parent),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": app_token,
        "SLACK_API_URL": web.api_url,
        "LEVERAGE_CACHE_DIR": "",
    }
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--guides", str(GUIDES)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=sink,
        )


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    web = FakeSlack().start()
    socket_mode = FakeSocketMode().start()
    web.socket_url = socket_mode.url
    log = tmp_path_factory.mktemp("socket") / "server.log"
    process = launch(web, log)
    try:
        if not socket_mode.wait_for_connections(1, timeout=60):
            process.terminate()
            raise RuntimeError(log.read_text())
        yield Running(web, socket_mode, process, log)
    finally:
        process.terminate()
        process.wait(timeout=30)
        socket_mode.stop()
        web.stop()


@pytest.fixture(autouse=True)
def _fresh(running: Running) -> None:
    running.web.clear()


def dm_envelope(envelope_id: str, event_id: str, retry_attempt: int = 0) -> dict[str, object]:
    payload = rq.event_payload(rq.dm("what does segment pay data engineers in dublin?"), event_id)
    reason = "timeout" if retry_attempt else ""
    return events_envelope(envelope_id, payload, retry_attempt=retry_attempt, retry_reason=reason)


def test_slash_command_over_socket_mode(running: Running) -> None:
    running.socket_mode.send(
        {
            "envelope_id": "env-comp",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": {
                "command": "/comp",
                "text": "segment cdp london",
                "team_id": rq.TEAM,
                "user_id": rq.USER,
                "channel_id": rq.CHANNEL,
                "api_app_id": "A0001",
                "response_url": running.web.response_url("1"),
                "trigger_id": "1.2.3",
            },
        }
    )
    ack = running.socket_mode.wait_for_ack("env-comp")
    assert "£138K–£170K" in json.dumps(ack["payload"], ensure_ascii=False)
    assert ack["payload"].get("response_type", "ephemeral") == "ephemeral"


def test_dm_over_socket_mode(running: Running) -> None:
    running.socket_mode.send(dm_envelope("env-dm", "Ev-socket-1"))
    ack = running.socket_mode.wait_for_ack("env-dm")
    assert "payload" not in ack
    (sent,) = running.web.wait_for("chat.postMessage", timeout=10)
    assert sent["channel"] == rq.DM_CHANNEL
    assert "€90K–€115K" in rq.shown(sent)


def test_a_redelivered_envelope_is_acked_and_answered_once(running: Running) -> None:
    running.socket_mode.send(dm_envelope("env-first", "Ev-socket-2"))
    running.socket_mode.wait_for_ack("env-first")
    running.socket_mode.send(dm_envelope("env-again", "Ev-socket-2", retry_attempt=1))
    running.socket_mode.wait_for_ack("env-again")
    time.sleep(0.3)
    assert len(running.web.wait_for("chat.postMessage", timeout=10)) == 1
    running.wait_for_log("event Ev-socket-2 already claimed (retry 1)")


def test_slack_asking_to_reconnect_is_obeyed_at_once(running: Running) -> None:
    before = running.socket_mode.connections
    running.socket_mode.disconnect("refresh_requested")
    assert running.socket_mode.wait_for_connections(before + 1, timeout=10)
    running.wait_for_log(
        "Socket Mode connection ended (Slack asked: refresh_requested); reconnecting in 0.0 s"
    )
    running.socket_mode.send(dm_envelope("env-after-refresh", "Ev-socket-3"))
    running.socket_mode.wait_for_ack("env-after-refresh")


def test_a_dropped_connection_comes_back_within_seconds(running: Running) -> None:
    before = running.socket_mode.connections
    dropped = time.monotonic()
    running.socket_mode.drop()
    assert running.socket_mode.wait_for_connections(before + 1, timeout=15)
    assert time.monotonic() - dropped < 5
    logs = running.wait_for_log("Socket Mode connection ended (ConnectionClosedError)")
    assert "Traceback" not in logs
    running.socket_mode.send(dm_envelope("env-after-drop", "Ev-socket-4"))
    running.socket_mode.wait_for_ack("env-after-drop")


def test_reconnects_back_off_while_slack_is_unreachable(running: Running) -> None:
    before = running.socket_mode.connections
    # each attempt is tried twice against a 5xx (the client's retry), so 2 attempts fail
    running.web.server_error("apps.connections.open", 503, times=4)
    running.socket_mode.drop()
    assert running.socket_mode.wait_for_connections(before + 1, timeout=30)
    failed = [
        line
        for line in running.logs().splitlines()
        if "apps.connections.open failed: http_503" in line
    ]
    assert [line.rsplit("(attempt ", 1)[1] for line in failed] == ["2)", "3)"]
    waits = [float(line.split("reconnecting in ")[1].split(" s")[0]) for line in failed]
    assert 1.5 <= waits[0] < waits[1] <= 5, waits


def test_a_revoked_app_token_stops_serve_with_a_message(tmp_path: Path) -> None:
    web = FakeSlack().start()
    try:
        web.fail("apps.connections.open", "invalid_auth")
        process = launch(web, tmp_path / "server.log", app_token="xapp-revoked")
        assert process.wait(timeout=60) == 2
        logs = (tmp_path / "server.log").read_text()
        assert "leverage: SLACK_APP_TOKEN was refused by Slack (invalid_auth)" in logs
        assert "Traceback" not in logs
    finally:
        web.stop()


def test_a_token_revoked_while_running_stops_serve_with_a_message(tmp_path: Path) -> None:
    web = FakeSlack().start()
    socket_mode = FakeSocketMode().start()
    web.socket_url = socket_mode.url
    try:
        process = launch(web, tmp_path / "server.log")
        assert socket_mode.wait_for_connections(1, timeout=60)
        web.fail("apps.connections.open", "token_revoked")
        socket_mode.drop()
        assert process.wait(timeout=30) == 2
        logs = (tmp_path / "server.log").read_text()
        assert "SLACK_APP_TOKEN was refused by Slack (token_revoked)" in logs
        assert "Traceback" not in logs
    finally:
        socket_mode.stop()
        web.stop()

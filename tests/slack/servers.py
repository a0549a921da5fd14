"""`python -m bot serve --http` as a subprocess, and signed requests to it over HTTP: shared
by the end-to-end suites (test_e2e.py, test_oauth.py, test_processes.py)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN, FakeSlack
from tests.conftest import GUIDES, ROOT


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def logs(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_log(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in (logs := self.logs()):
                return logs
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not in the log:\n{self.logs()}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(fake: FakeSlack, home: Path, **extra: str) -> dict[str, str]:
    """One workspace's bot token by default; ``SLACK_BOT_TOKEN=""`` removes it (OAuth)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": rq.SECRET,
        "SLACK_API_URL": fake.api_url,
        "LEVERAGE_CACHE_DIR": "",
        **extra,
    }
    return {name: value for name, value in env.items() if value}


def start(
    fake: FakeSlack, folder: Path, *, guides: Path = GUIDES, wait: bool = True, **env: str
) -> Server:
    port = free_port()
    log = folder / f"server-{port}.log"
    command = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--guides", str(guides)]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment(fake, folder, **env), stdout=sink, stderr=sink
        )
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    deadline = time.monotonic() + 60
    while wait:
        try:
            urllib.request.urlopen(f"{server.url}/healthz", timeout=1).close()
            break
        except urllib.error.HTTPError:
            break  # answering, if not ready
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start:\n{log.read_text()}") from None
            time.sleep(0.1)
    return server


def stop(server: Server) -> int:
    server.process.terminate()
    return server.process.wait(timeout=30)


def post(
    server: Server,
    body: bytes,
    content_type: str,
    *,
    headers: dict[str, str] | None = None,
    **sign: Any,
) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"{server.url}/slack/events",
        data=body,
        method="POST",
        headers={**rq.signed_headers(body, content_type, **sign), **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def command(server: Server, fake: FakeSlack, name: str, text: str, **sign: Any) -> tuple[int, Any]:
    body = rq.command_body(name, text, response_url=fake.response_url("cmd"))
    status, raw = post(server, body, rq.FORM, **sign)
    return status, (json.loads(raw) if raw.strip().startswith(b"{") else {"raw": raw.decode()})


def event(server: Server, payload: dict[str, Any], event_id: str, **kwargs: Any) -> int:
    return post(server, rq.event_body(payload, event_id), rq.JSON, **kwargs)[0]


def timed_event(server: Server, payload: dict[str, Any], event_id: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = event(server, payload, event_id)
    return status, time.perf_counter() - started


def get(
    server: Server, path: str, *, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, list[str]], str]:
    """A GET (the install pages), without following redirects: status, headers, body."""
    request = urllib.request.Request(f"{server.url}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            found = response
            body = response.read().decode()
    except urllib.error.HTTPError as error:
        found = error
        body = error.read().decode()
    grouped: dict[str, list[str]] = {}
    for name, value in found.headers.items():
        grouped.setdefault(name.lower(), []).append(value)
    return found.status, grouped, body


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` with ``env``, as an operator runs it beside ``serve``."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def healthz(server: Server) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
            return dict(json.loads(response.read()))
    except urllib.error.HTTPError as error:
        return dict(json.loads(error.read()))

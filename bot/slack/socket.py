"""Socket Mode: one WebSocket to Slack, reconnected with back-off, each reconnect logged.

Why not slack_sdk's built-in client (Bolt's default): when a connection drops without a
closing handshake it reads empty data in a loop until its staleness check fires (a dropped
connection took 12 s to come back at full CPU here, 60 s with Bolt's defaults) and it
reconnects with no back-off. ``websockets`` notices a dead connection by its pings and ends
the read; this loop asks ``apps.connections.open`` for a new URL and connects again, at once
when Slack asked (a ``disconnect`` message), else after 1, 2, 4 … 30 s. A token Slack refuses
stops the loop with a message naming SLACK_APP_TOKEN.

Envelopes are dispatched to Bolt on a small pool and acknowledged with the listener's answer
(a slash command's message rides on its ack); the work after the ack runs on the work pool.
"""

from __future__ import annotations

import gc
import json
import logging
import random
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from websockets.exceptions import WebSocketException
from websockets.sync.client import ClientConnection, connect

from bot.slack.auth import TOKEN_ERRORS, error_code, refused
from bot.slack.work import Work, code_path

log = logging.getLogger("leverage.socket")

MAX_BACKOFF = 30.0
PING_INTERVAL = 10.0  # a connection silent for two intervals is dead
DISPATCH_THREADS = 8
DRAIN_TIMEOUT = 25.0


def backoff(attempt: int) -> float:
    """Seconds before reconnect attempt ``attempt`` (1, 2, …): 1, 2, 4 … 30, ±20%."""
    return min(MAX_BACKOFF, 2.0 ** (attempt - 1)) * random.uniform(0.8, 1.2)


class SocketMode:
    def __init__(
        self,
        app: App,
        app_token: str,
        client: WebClient,
        work: Work,
        *,
        ping_interval: float = PING_INTERVAL,
    ) -> None:
        self.app = app
        self.app_token = app_token
        self.client = client
        self.work = work
        self.ping_interval = ping_interval
        self.refused: str | None = None  # Slack's error code when it refused the token
        self.connected = threading.Event()
        self._stopping = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=DISPATCH_THREADS, thread_name_prefix="socket")
        self._socket: ClientConnection | None = None
        self._send_lock = threading.Lock()

    # -- the connection loop -------------------------------------------------------------

    def run(self, first_url: str | None = None) -> None:
        """Connect, read, reconnect, until ``stop()`` or a refused token. Blocks.
        ``first_url`` is the one the start-up check obtained (auth.check_app_token)."""
        failures = 0
        url = first_url
        while not self._stopping.is_set():
            greeted = asked = False
            try:
                url = url or self._new_url()
                with connect(
                    url,
                    open_timeout=10,
                    ping_interval=self.ping_interval,
                    ping_timeout=self.ping_interval,
                    close_timeout=2,
                    max_size=2**22,
                    proxy=None,
                ) as socket:
                    self._socket = socket
                    reason, asked = self._read(socket)
            except _Refused as refused:
                self.refused = refused.code
                log.error(
                    "SLACK_APP_TOKEN was refused by Slack (%s): Socket Mode stops", refused.code
                )
                self._stopping.set()
                break
            except _Unreachable as error:
                reason = str(error)
            except (WebSocketException, OSError, TimeoutError, SlackClientError) as error:
                reason = type(error).__name__
            finally:
                url = None  # each URL is good for one connection
                self._socket = None
                greeted = self.connected.is_set()
                self.connected.clear()
            if self._stopping.is_set():
                break
            failures = 0 if asked or greeted else failures
            delay = 0.0 if asked else backoff(failures + 1)
            failures += 0 if asked else 1
            log.warning(
                "Socket Mode connection ended (%s); reconnecting in %.1f s (attempt %d)",
                reason,
                delay,
                max(failures, 1),
            )
            self._stopping.wait(delay)

    def _new_url(self) -> str:
        try:
            response = self.client.apps_connections_open(app_token=self.app_token)
        except SlackApiError as error:
            code = error_code(error)
            if code in TOKEN_ERRORS:
                raise _Refused(code) from None
            raise _Unreachable(f"apps.connections.open failed: {code}") from None
        return str(response["url"])

    def _read(self, socket: ClientConnection) -> tuple[str, bool]:
        """Read until the connection ends: (why, whether Slack asked us to reconnect)."""
        for raw in socket:
            try:
                message: dict[str, Any] = json.loads(raw)
            except ValueError:
                log.warning("Socket Mode: a message that is not JSON was ignored")
                continue
            kind = message.get("type")
            if kind == "hello":
                self.connected.set()
                log.info("Socket Mode connected")
            elif kind == "disconnect":
                return f"Slack asked: {message.get('reason', '?')}", True
            elif isinstance(message.get("envelope_id"), str) and not self._stopping.is_set():
                self._pool.submit(self._handle, socket, message)
        code = socket.close_code
        return (f"closed by Slack ({code})" if code else "connection closed"), False

    # -- one envelope ------------------------------------------------------------------

    def _handle(self, socket: ClientConnection, envelope: dict[str, Any]) -> None:
        envelope_id = envelope["envelope_id"]
        try:
            headers: dict[str, str | Sequence[str]] = {}
            if envelope.get("retry_attempt"):
                headers["x-slack-retry-num"] = str(envelope["retry_attempt"])
                headers["x-slack-retry-reason"] = str(envelope.get("retry_reason") or "")
            request = BoltRequest(
                mode="socket_mode", body=envelope.get("payload") or {}, headers=headers
            )
            response = self.app.dispatch(request)
        except Exception as error:
            log.error(
                "Socket Mode dispatch failed: %s at %s", type(error).__name__, code_path(error)
            )
            return  # no ack: Slack delivers the envelope again
        if response.status != 200:
            log.info("envelope left unacknowledged (status %d): Slack retries it", response.status)
            return
        ack: dict[str, Any] = {"envelope_id": envelope_id}
        if response.body:
            content_type = (response.headers.get("content-type") or [""])[0]
            ack["payload"] = (
                json.loads(response.body)
                if content_type.startswith("application/json")
                else {"text": response.body}
            )
        try:
            with self._send_lock:
                socket.send(json.dumps(ack))
        except (WebSocketException, OSError) as error:
            log.warning("Socket Mode ack not sent (%s): Slack retries it", type(error).__name__)

    # -- stopping ------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop taking envelopes, acknowledge those in hand, close, drain the work pool."""
        self._stopping.set()
        self._pool.shutdown(wait=True)
        socket = self._socket
        if socket is not None:
            socket.close()
        self.work.drain(DRAIN_TIMEOUT)


class _Unreachable(Exception):
    pass


class _Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def serve_socket_mode(
    app: App, app_token: str, client: WebClient, work: Work, first_url: str | None = None
) -> None:
    """Run Socket Mode until SIGTERM or SIGINT (then drain) or until Slack refuses the token."""
    gc.freeze()  # the guides live as long as the process: keep them out of every GC pass
    logging.getLogger("websockets").setLevel(logging.WARNING)
    runner = SocketMode(app, app_token, client, work)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())

    def connection() -> None:
        runner.run(first_url)
        stop.set()

    thread = threading.Thread(target=connection, name="socket-mode")
    log.info("Leverage connecting to Slack in Socket Mode")
    thread.start()
    stop.wait()
    runner.stop()
    thread.join(timeout=5)
    log.info("Leverage stopped")
    if runner.refused:
        raise refused("SLACK_APP_TOKEN", runner.refused)

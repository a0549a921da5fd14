"""Slack's Socket Mode endpoint, faked: a real WebSocket server on 127.0.0.1.

It greets each connection with "hello", sends the envelopes a test gives it, and collects what
the client sends back (acks, with the response payload for slash commands). Like Slack it can
ask the client to reconnect (a ``disconnect`` message), redeliver an envelope with
``retry_attempt`` and ``retry_reason``, and drop a connection without a closing handshake.

``websockets`` is a development dependency: it is imported when a fake is made, never by the
bot itself.
"""

from __future__ import annotations

import json
import queue
import socket
import threading
import time
from typing import Any


class FakeSocketMode:
    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.received: list[dict[str, Any]] = []
        self.connections = 0  # how many connections said hello, reconnects included
        self._changed = threading.Condition()
        self._outbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self._drop = threading.Event()
        self.server = serve(self._handle, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket=test"

    def start(self) -> FakeSocketMode:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    # -- what a test does -------------------------------------------------------------------

    def send(self, envelope: dict[str, Any]) -> None:
        self._outbox.put(envelope)

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Slack's request to reconnect (it sends one before it rotates a connection)."""
        self.send({"type": "disconnect", "reason": reason, "debug_info": {"host": "fake"}})

    def drop(self) -> None:
        """End the current connection abruptly: no close frame, as a network failure would."""
        self._drop.set()

    def wait_for_connections(self, count: int, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.connections < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
        return True

    def wait_for_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.acks(envelope_id)
            if found:
                return found[0]
            time.sleep(0.02)
        raise AssertionError(f"no ack for {envelope_id}; received {self.received}")

    def acks(self, envelope_id: str) -> list[dict[str, Any]]:
        with self._changed:
            return [m for m in self.received if m.get("envelope_id") == envelope_id]

    # -- the server side ----------------------------------------------------------------------

    def _handle(self, connection: Any) -> None:
        connection.send(
            json.dumps(
                {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}}
            )
        )
        with self._changed:
            self.connections += 1
            self._changed.notify_all()
        while True:
            if self._drop.is_set():
                self._drop.clear()
                connection.socket.shutdown(socket.SHUT_RDWR)
                connection.socket.close()
                return
            try:
                envelope = self._outbox.get_nowait()
                connection.send(json.dumps(envelope))
            except queue.Empty:
                pass
            try:
                message = connection.recv(timeout=0.02)
            except TimeoutError:
                continue
            except Exception:  # the client went away
                return
            with self._changed:
                self.received.append(json.loads(message))
                self._changed.notify_all()


def events_envelope(
    envelope_id: str, payload: dict[str, Any], *, retry_attempt: int = 0, retry_reason: str = ""
) -> dict[str, Any]:
    """An Events API envelope as Slack sends it over Socket Mode."""
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry_attempt,
        "retry_reason": retry_reason,
        "payload": payload,
    }

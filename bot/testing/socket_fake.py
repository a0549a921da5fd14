"""Slack's Socket Mode endpoint, faked: a real WebSocket server on 127.0.0.1.

It greets the client with "hello", sends the envelopes a test gives it, and collects what the
client sends back (acks, with the response payload for slash commands).
"""

from __future__ import annotations

import json
import queue
import threading
import time
from typing import Any

from websockets.sync.server import ServerConnection, serve


class FakeSocketMode:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.connected = threading.Event()
        self._outbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
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

    def _handle(self, connection: ServerConnection) -> None:
        connection.send(
            json.dumps(
                {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}}
            )
        )
        self.connected.set()
        while True:
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
            with self._lock:
                self.received.append(json.loads(message))

    def send(self, envelope: dict[str, Any]) -> None:
        self._outbox.put(envelope)

    def wait_for_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for message in self.received:
                    if message.get("envelope_id") == envelope_id:
                        return message
            time.sleep(0.02)
        raise AssertionError(f"no ack for {envelope_id}; received {self.received}")

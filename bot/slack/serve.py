"""Serving the Slack app over HTTP: uvicorn, an ASGI front on POST /slack/events, GET /healthz,
and in OAuth mode Bolt's GET /slack/install and GET /slack/oauth_redirect.

Why uvicorn and not gunicorn's threads: a thread per connection lets eight clients that send a
byte a second hold every thread (issue 11 froze the bot, /healthz included). uvicorn reads
requests on one event loop, where a slow client costs a few kilobytes and no thread, and this
front gives each request a deadline for its headers (``HEADER_TIMEOUT``) and its body
(``BODY_TIMEOUT``). Only a whole, small request reaches a thread: a body over ``MAX_BODY`` is
refused from its Content-Length before it is read. Bolt then runs on a small pool of request
threads (it is synchronous, and a command costs a millisecond or two of CPU), while the Web API
work runs on the work pool after the ack (work.py).

The two OAuth pages are answered by Bolt's flow (``app.oauth_flow``), on the request threads
(each reads or writes the database). They carry no body; their query string is never logged.

SIGTERM: uvicorn stops accepting, finishes the requests in flight, then the lifespan shutdown
drains the work pool, so every acknowledged event is still answered.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import h11
import uvicorn
from slack_bolt import App, BoltRequest
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot.slack.guard import signed
from bot.slack.work import Work, code_path

log = logging.getLogger("leverage.serve")

EVENTS_PATH = "/slack/events"
MAX_BODY = 1_000_000  # bytes. Slack's payloads are far under: a 40,000-character message is ~0.2 MB
HEADER_TIMEOUT = 5.0  # seconds for a request's headers, from its connection or the last answer
BODY_TIMEOUT = 10.0  # seconds for its body to arrive once the headers have
REQUEST_THREADS = 8  # Bolt's dispatch: CPU-bound and short; more threads only share one GIL
DRAIN_TIMEOUT = 25.0  # Heroku sends SIGKILL 30 s after SIGTERM

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Headers = list[tuple[str, str]]  # a list: Set-Cookie may not be folded into one line
Response = tuple[int, Headers, bytes]


class _TooBig(Exception):
    pass


class SlackFront:
    """The ASGI application: limits first, then Bolt on a thread."""

    def __init__(
        self,
        app: App,
        *,
        signing_secret: str,
        guides: Callable[[], int],
        work: Work,
        threads: int = REQUEST_THREADS,
    ) -> None:
        self.app = app
        self.secret = signing_secret
        self.guides = guides
        self.work = work
        self.requests = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="request")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        if path == "/healthz" and method in {"GET", "HEAD"}:
            await _send(send, *self.health())
        elif path in self._oauth_paths and method in {"GET", "HEAD"}:
            loop = asyncio.get_running_loop()
            await _send(send, *await loop.run_in_executor(self.requests, self._oauth, scope))
        elif path != EVENTS_PATH:
            await _send(send, *_plain(404, "not found"))
        elif method != "POST":
            await _send(send, *_plain(405, "POST only"))
        else:
            await _send(send, *await self._events(scope, receive))

    def health(self) -> Response:
        """Ready once at least one guide is loaded; says how many are."""
        count = self.guides()
        body = {"ready": count > 0, "guides": count, "pending_jobs": self.work.pending}
        data = json.dumps(body).encode()
        return (200 if count else 503), [("content-type", "application/json")], data

    @property
    def _oauth_paths(self) -> frozenset[str]:
        flow = self.app.oauth_flow
        return frozenset({flow.install_path, flow.redirect_uri_path}) if flow else frozenset()

    def _oauth(self, scope: Scope) -> Response:
        """The "Add to Slack" page or the redirect back from Slack, answered by Bolt's flow."""
        flow = self.app.oauth_flow
        assert flow is not None
        headers: dict[str, str | Sequence[str]] = dict(_headers(scope["headers"]))
        query = scope.get("query_string", b"").decode("latin-1")
        try:
            request = BoltRequest(body="", query=query, headers=headers)
            if scope["path"] == flow.install_path:
                response = flow.handle_installation(request)
            else:
                response = flow.handle_callback(request)
        except Exception as error:  # the database, or Slack, failed mid-install
            log.error("install page failed: %s at %s", type(error).__name__, code_path(error))
            return _plain(503, "Leverage could not finish this step; please try again shortly")
        return _from_bolt(response.status, response.headers, response.body)

    async def _events(self, scope: Scope, receive: Receive) -> Response:
        headers = _headers(scope["headers"])
        declared = headers.get("content-length")
        if declared is not None and (
            not (declared.isascii() and declared.isdecimal())
            or len(declared) > len(str(MAX_BODY))  # int() refuses 4,300 digits and more
            or int(declared) > MAX_BODY
        ):
            log.warning("request refused (413): Content-Length %s over %d", declared[:20], MAX_BODY)
            return _plain(413, "body too large", close=True)
        try:
            body = await asyncio.wait_for(_read_body(receive), BODY_TIMEOUT)
        except _TooBig:
            log.warning("request refused (413): body over %d bytes", MAX_BODY)
            return _plain(413, "body too large", close=True)
        except TimeoutError:
            log.warning("request refused (408): body not sent within %.0f s", BODY_TIMEOUT)
            return _plain(408, "request timeout", close=True)
        query = scope.get("query_string", b"").decode("latin-1")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.requests, self._dispatch, body, query, headers)

    def _dispatch(self, raw: bytes, query: str, headers: dict[str, str]) -> Response:
        try:
            return self._bolt(raw, query, headers)
        except Exception as error:  # Bolt handles listener errors; this is a last resort
            log.error("dispatch failed: %s at %s", type(error).__name__, code_path(error))
            return _plain(500, "internal error")

    def _bolt(self, raw: bytes, query: str, headers: dict[str, str]) -> Response:
        try:
            bolt_headers: dict[str, str | Sequence[str]] = dict(headers)
            request = BoltRequest(body=raw.decode("utf-8"), query=query, headers=bolt_headers)
        except (ValueError, AttributeError, TypeError, KeyError):
            # Unreadable before any check could run: unsigned is 401, signed but garbled 400.
            ok = signed(
                self.secret,
                raw,
                headers.get("x-slack-request-timestamp"),
                headers.get("x-slack-signature"),
            )
            if not ok:
                return _plain(401, "invalid request")
            log.warning("signed request refused (400): the body could not be parsed")
            return _plain(400, "malformed request")
        response = self.app.dispatch(request)
        return _from_bolt(response.status, response.headers, response.body)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await asyncio.to_thread(self.work.drain, DRAIN_TIMEOUT)
                self.requests.shutdown(wait=False)
                log.info("Leverage stopped")
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _read_body(receive: Receive) -> bytes:
    chunks = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            return bytes(chunks)
        chunks += message.get("body", b"")
        if len(chunks) > MAX_BODY:
            raise _TooBig
        if not message.get("more_body", False):
            return bytes(chunks)


def _headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers


def _from_bolt(status: int, headers: dict[str, Sequence[str]], body: str | None) -> Response:
    out = [(k, v) for k, values in headers.items() if k != "content-length" for v in values]
    return status, out, (body or "").encode("utf-8")


def _plain(status: int, text: str, *, close: bool = False) -> Response:
    headers = [("content-type", "text/plain; charset=utf-8")]
    if close:
        headers.append(("connection", "close"))
    return status, headers, text.encode()


async def _send(send: Send, status: int, headers: Headers, body: bytes) -> None:
    raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class GuardedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline for each request's headers. uvicorn times
    out only idle keep-alive connections; a client trickling its headers would be kept open
    for ever (it holds no thread here, but it holds a socket)."""

    header_timeout = HEADER_TIMEOUT
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request on this keep-alive connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            log.info("connection closed: headers not sent within %.0f s", self.header_timeout)
            self.transport.close()


def serve_http(
    app: App,
    *,
    signing_secret: str,
    guides: Callable[[], int],
    work: Work,
    port: int,
    host: str = "0.0.0.0",
) -> None:
    """Serve until SIGTERM or SIGINT, then drain. Blocks."""
    gc.freeze()  # the guides live as long as the process: keep them out of every GC pass
    front = SlackFront(app, signing_secret=signing_secret, guides=guides, work=work)
    config = uvicorn.Config(
        front,
        host=host,
        port=port,
        http=GuardedH11Protocol,
        lifespan="on",
        log_config=None,
        log_level="warning",
        access_log=False,  # an access line carries no payload, but nor does it help here
        timeout_keep_alive=5,
        timeout_graceful_shutdown=int(DRAIN_TIMEOUT),
        h11_max_incomplete_event_size=16 * 1024,  # headers; Slack's are about 1 KB
        server_header=False,
        backlog=2048,
    )
    log.info("Leverage listening on http://%s:%d%s", host, port, EVENTS_PATH)
    uvicorn.Server(config).run()

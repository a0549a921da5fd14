"""A fake of Slack's Web API on 127.0.0.1 that records what the bot sends and, when told to,
fails the way Slack does.

It answers the methods Leverage calls (auth.test, apps.connections.open, chat.postMessage,
chat.postEphemeral, views.publish, views.open, views.update, users.info, and for installs
oauth.v2.access and auth.revoke) and the
``response_url`` posts under /response/, like Slack:

- a token is required (``not_authed``, ``invalid_auth`` for one not handed out), and every
  call records the token it carried, so a test can tell which workspace's token was used;
- ``grant()`` stands for an admin approving an install in Slack: the code it returns is what
  Slack puts on the redirect, and ``oauth.v2.access`` trades it (once, with the app's client
  id and secret in HTTP Basic auth) for a new bot token of that workspace, which
  ``auth.test`` then describes;
- a DM posted to a user id comes back with the ``D…`` id of the conversation Slack opened;
- limits are checked as Slack checks them (``msg_too_long``, ``invalid_blocks``, ``no_text``);
- a view is checked as Slack checks it (100 blocks, a modal's 24-character title, submit and
  close, 3,000 characters of ``private_metadata``, unique block ids), and a ``trigger_id``
  works once (``expired_trigger_id`` after, as a late one does);
- users.info answers ``is_admin`` and ``is_owner`` from ``admins`` and ``owners``;
- a ``response_url`` answers ``ok`` as plain text, and a failure as plain text with a non-200
  status (``expired_url`` 404, ``invalid_blocks`` 400), not as JSON;
- rules make a method (or one channel) fail: ``ok: false`` with a real error code, HTTP 429
  with ``Retry-After``, a 5xx page, or a slow answer, for a number of calls or for good.

Tests and benchmarks both use it (benchmarks do not reach into tests/). It is longer than
its neighbours on purpose: one server's rules, records, tokens and grants share one lock and
one state, and read best in one place.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "test-client-secret"
APP_ID = "A0001"
RESPONSE = "response_url"  # the method name rules and records use for response_url posts
_ERROR_PAGE = b"<html><body><h1>503 Service Unavailable</h1></body></html>"


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    status: int = 200
    error: str | None = None  # the error code the fake answered with, if any
    at: float = field(default_factory=time.monotonic)
    token: str | None = None  # the bearer token the call carried

    @property
    def method(self) -> str:
        return RESPONSE if self.path.startswith("/response/") else self.path.rsplit("/", 1)[-1]

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None


@dataclass(frozen=True)
class Workspace:
    """Who a bot token belongs to, as auth.test and oauth.v2.access describe it."""

    team_id: str | None
    team_name: str | None
    bot_user_id: str
    bot_id: str
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    org_wide: bool = False  # an Enterprise Grid org-wide install: no team of its own


@dataclass
class Rule:
    """How calls to ``method`` are answered (``"*"``: any Web API method; ``RESPONSE``:
    response_url posts), for calls naming ``channel`` if given, for ``times`` calls (None:
    until cleared)."""

    method: str
    channel: str | None = None
    error: str | None = None
    status: int = 200
    retry_after: int | None = None
    delay: float = 0.0
    times: int | None = None

    def matches(self, method: str, body: dict[str, Any]) -> bool:
        if self.times is not None and self.times <= 0:
            return False
        if self.method != method and not (self.method == "*" and method != RESPONSE):
            return False
        return self.channel is None or body.get("channel") == self.channel


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.rules: list[Rule] = []
        self.socket_url: str | None = None  # what apps.connections.open hands out
        self.tokens = {BOT_TOKEN, APP_TOKEN}
        self.workspaces: dict[str, Workspace] = {
            BOT_TOKEN: Workspace("T0001", "Acme", "UBOT", "BBOT")
        }
        self.client_id, self.client_secret = CLIENT_ID, CLIENT_SECRET
        self._grants: dict[str, str] = {}  # install code -> the bot token it is traded for
        self.admins: set[str] = set()  # users.info says is_admin for these
        self.owners: set[str] = set()  # and is_owner for these
        self.used_triggers: set[str] = set()
        self._lock = threading.Lock()
        self._ts = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length).decode("utf-8", "replace")
                body = _parse(raw, self.headers.get("Content-Type", ""))
                authorization = self.headers.get("Authorization", "")
                basic = _basic(authorization)
                token = None if basic else authorization.removeprefix("Bearer ").strip()
                status, headers, data = fake.handle(
                    self.path, body, token or body.get("token"), basic
                )
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout, a process stopped)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- set up -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}/response/{name}"

    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
            self.rules.clear()
            self.used_triggers.clear()

    def add(self, rule: Rule) -> Rule:
        with self._lock:
            self.rules.append(rule)
        return rule

    def fail(
        self, method: str, error: str, *, channel: str | None = None, times: int | None = None
    ) -> Rule:
        """``{"ok": false, "error": error}`` with HTTP 200, as the Web API answers."""
        return self.add(Rule(method, channel, error=error, times=times))

    def rate_limit(
        self,
        method: str,
        retry_after: int = 1,
        *,
        channel: str | None = None,
        times: int | None = None,
    ) -> Rule:
        return self.add(
            Rule(
                method,
                channel,
                error="ratelimited",
                status=429,
                retry_after=retry_after,
                times=times,
            )
        )

    def server_error(
        self,
        method: str,
        status: int = 503,
        *,
        channel: str | None = None,
        times: int | None = None,
    ) -> Rule:
        return self.add(Rule(method, channel, status=status, times=times))

    def slow(
        self, method: str, seconds: float, *, channel: str | None = None, times: int | None = None
    ) -> Rule:
        return self.add(Rule(method, channel, delay=seconds, times=times))

    def fail_response(
        self, error: str = "expired_url", status: int = 404, *, times: int | None = None
    ) -> Rule:
        """response_url posts answered as Slack does when they fail: plain text, non-200."""
        return self.add(Rule(RESPONSE, error=error, status=status, times=times))

    def grant(
        self,
        team_id: str | None,
        team_name: str | None,
        *,
        enterprise_id: str | None = None,
        enterprise_name: str | None = None,
        org_wide: bool = False,
    ) -> str:
        """An admin approved an install of the app: the code Slack sends to the redirect URL.
        Its bot token exists from now on (Slack issues it when the code is traded)."""
        tag = (team_id or enterprise_id or "X").lower()
        token = f"xoxb-{tag}-{secrets.token_hex(4)}"
        code = f"code-{tag}-{secrets.token_hex(4)}"
        suffix = (team_id or enterprise_id or "X")[1:]
        with self._lock:
            self.workspaces[token] = Workspace(
                team_id,
                team_name,
                f"U{suffix}BOT",
                f"B{suffix}",
                enterprise_id,
                enterprise_name,
                org_wide,
            )
            self._grants[code] = token
        return code

    def token_of(self, team_id: str) -> str | None:
        """The newest bot token issued for ``team_id`` (oauth.v2.access hands it out)."""
        with self._lock:
            found = [t for t, w in self.workspaces.items() if w.team_id == team_id]
        return found[-1] if found else None

    # -- what was sent --------------------------------------------------------------------

    def tokens_used(self, method: str) -> list[str | None]:
        """The token each call to ``method`` carried, in order."""
        with self._lock:
            return [c.token for c in self.calls if c.method == method]

    def sent(self, method: str, *, ok: bool | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [c.body for c in self.calls if c.method == method and (ok is None or c.ok == ok)]

    def responses(self, name: str) -> list[dict[str, Any]]:
        """What was posted to ``response_url(name)`` and accepted."""
        with self._lock:
            return [c.body for c in self.calls if c.path == f"/response/{name}" and c.ok]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 5.0, *, ok: bool | None = True
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.sent(method, ok=ok)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        return self.sent(method, ok=ok)

    def wait_for_response(self, name: str, timeout: float = 5.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.responses(name):
            time.sleep(0.01)
        return self.responses(name)

    # -- answering -------------------------------------------------------------------------

    def handle(
        self,
        path: str,
        body: dict[str, Any],
        token: str | None,
        basic: tuple[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        call = Call(path, body, token=token)
        rule = self._rule(call.method, body)
        if rule is not None and rule.delay:
            time.sleep(rule.delay)
        if call.method == RESPONSE:
            status, headers, data, call.error = self._response_url(body, rule)
        else:
            if call.method == "oauth.v2.access" and rule is None:  # no bearer token: Basic
                status, headers = 200, {"Content-Type": "application/json; charset=utf-8"}
                payload: dict[str, Any] | bytes = self._oauth_access(body, basic)
            else:
                status, headers, payload = self._web_api(call.method, body, token, rule)
            if isinstance(payload, bytes):
                data, call.error = payload, f"http_{status}"
            else:
                data = json.dumps(payload).encode()
                call.error = None if payload.get("ok") else str(payload.get("error") or status)
        call.status = status
        with self._lock:
            self.calls.append(call)
        return status, headers, data

    def _rule(self, method: str, body: dict[str, Any]) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.matches(method, body):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule
        return None

    def _response_url(
        self, body: dict[str, Any], rule: Rule | None
    ) -> tuple[int, dict[str, str], bytes, str | None]:
        text = {"Content-Type": "text/plain; charset=utf-8"}
        if rule is not None and (rule.error or rule.status != 200):
            error = rule.error or "internal_error"
            return (rule.status if rule.status != 200 else 404), text, error.encode(), error
        problem = _blocks_problem(body) or _text_problem(body)
        if problem:
            return 400, text, problem.encode(), problem
        return 200, text, b"ok", None

    def _web_api(
        self, method: str, body: dict[str, Any], token: str | None, rule: Rule | None
    ) -> tuple[int, dict[str, str], dict[str, Any] | bytes]:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if rule is not None and rule.status == 429:
            headers["Retry-After"] = str(rule.retry_after or 1)
            return 429, headers, {"ok": False, "error": "ratelimited"}
        if rule is not None and rule.status >= 500:  # an HTML error page, not the Web API's JSON
            return rule.status, {"Content-Type": "text/html"}, _ERROR_PAGE
        if rule is not None and rule.error:
            return 200, headers, {"ok": False, "error": rule.error}
        if not token:
            return 200, headers, {"ok": False, "error": "not_authed"}
        if token not in self.tokens:
            return 200, headers, {"ok": False, "error": "invalid_auth"}
        return 200, headers, self._answer(method, body, token)

    def _answer(self, method: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        if method == "apps.connections.open":
            if not token.startswith("xapp-"):
                return {"ok": False, "error": "not_allowed_token_type"}
            if not self.socket_url:
                return {"ok": False, "error": "internal_error"}
            return {"ok": True, "url": self.socket_url}
        if not token.startswith("xoxb-"):
            return {"ok": False, "error": "not_allowed_token_type"}
        if method == "auth.test":
            return self._auth_test(token)
        if method == "auth.revoke":
            with self._lock:
                self.tokens.discard(token)
            return {"ok": True, "revoked": True}
        if method in {"chat.postMessage", "chat.postEphemeral"}:
            channel = str(body.get("channel") or "")
            if not channel:
                return {"ok": False, "error": "channel_not_found"}
            problem = _blocks_problem(body) or _text_problem(body)
            if problem:
                return {"ok": False, "error": problem}
            if method == "chat.postEphemeral":
                if not body.get("user"):
                    return {"ok": False, "error": "user_not_in_channel"}
                return {"ok": True, "message_ts": self._next_ts()}
            if channel[0] in "UW":  # Slack opens the DM and answers with its D… id
                channel = "D" + channel[1:]
            ts = self._next_ts()
            return {"ok": True, "channel": channel, "ts": ts, "message": {"ts": ts}}
        if method == "views.publish":
            view = body.get("view")
            if not isinstance(view, dict) or len(view.get("blocks", [])) > 100:
                return {"ok": False, "error": "invalid_arguments"}
            return {"ok": True, "view": {"id": "V0001", **view}}
        if method in {"views.open", "views.update"}:
            return self._view(method, body)
        if method == "users.info":
            user = str(body.get("user") or "")
            if not user:
                return {"ok": False, "error": "user_not_found"}
            return {
                "ok": True,
                "user": {
                    "id": user,
                    "team_id": "T0001",
                    "is_admin": user in self.admins or user in self.owners,
                    "is_owner": user in self.owners,
                    "is_bot": False,
                },
            }
        return {"ok": False, "error": "unknown_method"}

    def _auth_test(self, token: str) -> dict[str, Any]:
        with self._lock:
            who = self.workspaces.get(token) or Workspace("T0001", "Acme", "UBOT", "BBOT")
        slug = (who.team_name or who.enterprise_name or "acme").lower().replace(" ", "")
        answer: dict[str, Any] = {
            "ok": True,
            "url": f"https://{slug}.slack.com/",
            "team": who.team_name,
            "user": "leverage",
            "team_id": who.team_id,
            "user_id": who.bot_user_id,
            "bot_id": who.bot_id,
            "is_enterprise_install": who.org_wide,
        }
        if who.enterprise_id:
            answer["enterprise_id"] = who.enterprise_id
        return answer

    def _oauth_access(self, body: dict[str, Any], basic: tuple[str, str] | None) -> dict[str, Any]:
        """oauth.v2.access as Slack answers it for a bot-only install."""
        client_id, secret = basic or (body.get("client_id"), body.get("client_secret"))
        if client_id != self.client_id:
            return {"ok": False, "error": "invalid_client_id"}
        if secret != self.client_secret:
            return {"ok": False, "error": "bad_client_secret"}
        with self._lock:
            token = self._grants.pop(str(body.get("code") or ""), None)
            who = self.workspaces.get(token) if token else None
            if token is not None:
                self.tokens.add(token)
        if token is None or who is None:
            return {"ok": False, "error": "invalid_code"}
        enterprise = (
            {"id": who.enterprise_id, "name": who.enterprise_name} if who.enterprise_id else None
        )
        return {
            "ok": True,
            "app_id": APP_ID,
            "authed_user": {"id": "U0ADMIN"},
            "scope": "commands,chat:write,app_mentions:read,im:history,users:read",
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": who.bot_user_id,
            "team": None if who.org_wide else {"id": who.team_id, "name": who.team_name},
            "enterprise": enterprise,
            "is_enterprise_install": who.org_wide,
        }

    def _view(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        view = body.get("view")
        if method == "views.open":
            trigger = str(body.get("trigger_id") or "")
            with self._lock:
                used = trigger in self.used_triggers
                self.used_triggers.add(trigger)
            if not trigger or used:
                return {"ok": False, "error": "expired_trigger_id"}
        elif not body.get("view_id") and not body.get("external_id"):
            return {"ok": False, "error": "not_found"}
        if not isinstance(view, dict):
            return {"ok": False, "error": "invalid_arguments"}
        problem = _view_problem(view)
        if problem:
            return {
                "ok": False,
                "error": "invalid_arguments",
                "response_metadata": {"messages": [problem]},
            }
        return {"ok": True, "view": {"id": body.get("view_id") or "V0MODAL", **view}}

    def _next_ts(self) -> str:
        with self._lock:
            self._ts += 1
            return f"{int(time.time())}.{self._ts:06d}"


def _basic(authorization: str) -> tuple[str, str] | None:
    """(client id, secret) from ``Authorization: Basic …``, as oauth.v2.access is called."""
    if not authorization.startswith("Basic "):
        return None
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def _parse(raw: str, content_type: str) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        data = json.loads(raw or "{}")
        return data if isinstance(data, dict) else {}
    body: dict[str, Any] = {k: v[0] for k, v in parse_qs(raw).items()}
    for key in ("blocks", "view"):
        if isinstance(body.get(key), str):
            body[key] = json.loads(body[key])
    return body


def _view_problem(view: dict[str, Any]) -> str | None:
    """What Slack would refuse in a modal: the limits of its fields and of its blocks."""
    blocks = view.get("blocks")
    if view.get("type") != "modal" or not isinstance(blocks, list) or len(blocks) > 100:
        return "[ERROR] must be a modal with at most 100 blocks"
    for key in ("title", "submit", "close"):
        text = view.get(key, {}).get("text", "") if isinstance(view.get(key), dict) else ""
        if len(text) > 24 or (key == "title" and not text):
            return f"[ERROR] {key} must be 1 to 24 characters"
    if len(str(view.get("private_metadata", ""))) > 3000:
        return "[ERROR] private_metadata must be at most 3000 characters"
    ids = [b.get("block_id") for b in blocks if isinstance(b, dict) and b.get("block_id")]
    if len(ids) != len(set(ids)):
        return "[ERROR] block_id must be unique"
    for block in blocks:
        element = block.get("element") if isinstance(block, dict) else None
        if isinstance(element, dict) and element.get("type") == "plain_text_input":
            initial = element.get("initial_value")
            if initial is not None and len(initial) > element.get("max_length", 3000):
                return "[ERROR] initial_value must be within max_length"
    return None


def _blocks_problem(body: dict[str, Any]) -> str | None:
    blocks = body.get("blocks")
    if blocks is None:
        return None
    if not isinstance(blocks, list) or len(blocks) > 50:
        return "invalid_blocks"
    for block in blocks:
        text = block.get("text") if isinstance(block, dict) else None
        if isinstance(text, dict) and len(str(text.get("text", ""))) > 3000:
            return "invalid_blocks"
    return None


def _text_problem(body: dict[str, Any]) -> str | None:
    text = body.get("text")
    if text is None and not body.get("blocks"):
        return "no_text"
    if isinstance(text, str) and len(text) > 40_000:
        return "msg_too_long"
    return None


def main(argv: list[str] | None = None) -> None:
    """``python -m bot.testing.slack_fake [--slow SECONDS]``: serve in a process of its own
    (load benchmarks keep the fake off the client's CPU); prints its URL, runs until stdin
    closes."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--slow", type=float, default=0.0, help="seconds per Web API call")
    args = parser.parse_args(argv)
    fake = FakeSlack().start()
    if args.slow:
        fake.slow("*", args.slow)
    print(fake.url, flush=True)
    sys.stdin.read()
    fake.stop()


if __name__ == "__main__":
    main()

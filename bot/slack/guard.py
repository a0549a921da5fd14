"""What every request passes before a listener sees it.

``RequestGuard`` replaces Bolt's signature check (``before_authorize``, so nothing reads an
installation store for an unsigned request): a missing, wrong or malformed signature or
timestamp is a 401 (Bolt raised on a junk timestamp and answered 200), and the body is never
logged (Bolt logs it whole at INFO). A signed body whose shape Leverage cannot read is a 400;
a payload type Leverage has no use for is a deliberate, logged 200.

``EventGate`` runs after authorization: it claims each event so Slack's retries are answered
once (state.py), and answers 503 when the work pool is full, so Slack delivers the event again
later instead of it waiting without end.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.slack.state import EventClaims
from bot.slack.work import Work

log = logging.getLogger("leverage.slack")

_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")
MAX_AGE = 300  # seconds: Slack's limit for a request's timestamp
_NAME = re.compile(r"^[a-z_]{1,40}$")
_EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
# Payload types Leverage answers; shape checks below make sure each can be read.
_INTERACTIVE = {"block_actions", "shortcut", "message_action", "view_submission", "view_closed"}
_KNOWN = {"event_callback", "url_verification", "block_suggestion", *_INTERACTIVE}


def signed(secret: str, body: str | bytes, timestamp: str | None, signature: str | None) -> bool:
    """Slack's v0 signature (HMAC-SHA256 of ``v0:{timestamp}:{raw body}``), within five
    minutes; False for anything else. Written out because slack_sdk's verifier raises on a
    body that is not UTF-8 and on a timestamp that is not a number."""
    if not secret or not timestamp or not signature or not _TIMESTAMP.match(timestamp):
        return False
    if abs(time.time() - int(timestamp)) > MAX_AGE:
        return False
    raw = body.encode("utf-8") if isinstance(body, str) else body
    base = b"v0:" + timestamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def shape_problem(body: object) -> str | None:
    """Why Leverage cannot read a signed body, or None. Checks only what listeners and Bolt's
    matchers index into, so that nothing later fails on a field of the wrong type."""
    if not isinstance(body, dict):
        return "not an object"
    if "command" in body:
        command = body.get("command")
        return None if isinstance(command, str) and command.startswith("/") else "bad command"
    kind = body.get("type")
    if kind == "event_callback":
        event = body.get("event")
        ok = isinstance(event, dict) and isinstance(event.get("type"), str)
        return None if ok else "event without a type"
    if kind in _INTERACTIVE and not isinstance(body.get("user") or {}, dict):
        return "user is not an object"
    if kind == "block_actions":
        actions = body.get("actions")
        readable = isinstance(actions, list) and all(
            isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in actions
        )
        return None if readable and actions else "unreadable actions"
    if kind in {"shortcut", "message_action"} and not isinstance(body.get("callback_id"), str):
        return "shortcut without a callback_id"
    if kind in {"view_submission", "view_closed"}:
        view = body.get("view")
        if not isinstance(view, dict) or not isinstance(view.get("type"), str):
            return "view without a type"
    return None


class RequestGuard(Middleware):
    def __init__(self, signing_secret: str) -> None:
        self.secret = signing_secret

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        if req.mode != "socket_mode" and not signed(
            self.secret,
            req.raw_body,
            _header(req, "x-slack-request-timestamp"),
            _header(req, "x-slack-signature"),
        ):
            log.info("request refused: missing or invalid signature")
            return BoltResponse(status=401, body={"error": "invalid request"})
        problem = shape_problem(req.body)
        if problem:
            log.warning("signed request refused (400): %s", problem)
            return BoltResponse(status=400, body={"error": "malformed request"})
        kind = req.body.get("type")
        if "command" not in req.body and kind not in _KNOWN:
            shown = kind if isinstance(kind, str) and _NAME.match(kind) else "?"
            log.info("payload type %s left unanswered on purpose", shown)
            return BoltResponse(status=200, body="")
        return next()


class EventGate(Middleware):
    def __init__(self, claims: EventClaims, work: Work) -> None:
        self.claims = claims
        self.work = work

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        body: dict[str, Any] = req.body
        if body.get("type") != "event_callback":
            return next()
        if not self.work.has_room():
            log.warning(
                "busy: event refused with 503 (%d jobs waiting); Slack delivers it again",
                self.work.pending,
            )
            return BoltResponse(status=503, body="")
        event_id = body.get("event_id")
        team_id = body.get("team_id")
        team = team_id if isinstance(team_id, str) else ""
        if isinstance(event_id, str) and not self.claims.claim(event_id, team):
            retry = _header(req, "x-slack-retry-num") or "-"
            shown = event_id if _EVENT_ID.match(event_id) else "?"
            log.info("event %s already claimed (retry %s): not answered twice", shown, retry[:3])
            return BoltResponse(status=200, body="")
        return next()


def _header(req: BoltRequest, name: str) -> str | None:
    values = req.headers.get(name)
    return values[0] if values else None

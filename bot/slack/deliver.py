"""Getting an answer to the person, by another path when the first one fails.

Every call to Slack goes through ``Outbox``, which turns a failure into a value and logs it
once: the Slack method, Slack's error code and Leverage's code path (``mention.dm``), never
the message. The routes below chain the paths so that a failure is never a silence:

- a DM reply: the DM, else (blocks Slack refused) the plain text, else an ephemeral message;
- a thread reply: the thread, else an ephemeral message in the thread for the asker;
- a private score asked for in a channel: a DM and a note in the thread (no figures), else the
  score as an ephemeral message in the thread, else a thread note asking for a DM;
- a button's answer: through its ``response_url`` (Slack's webhook client does not raise, so
  the status is checked), else through the Web API.

They run after the ack (work.py), so waiting out a rate limit delays no acknowledgement.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import (
    ConnectionErrorRetryHandler,
    HttpRequest,
    HttpResponse,
    RetryHandler,
    RetryState,
)
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.render.blocks import Message, dm_sent_note, open_dm_note, share_failed
from bot.slack.auth import code_or_status, error_code
from bot.slack.press import Press

log = logging.getLogger("leverage.slack")

TIMEOUT = 10  # seconds for one call to Slack; a job makes at most a few
MAX_RATE_LIMIT_WAIT = 10  # a Retry-After longer than this is not waited out: the next path is tried
_PLAIN_TEXT_RETRY = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_too_long"})


class CappedRateLimitRetry(RetryHandler):
    """Waits out a 429 as Slack's ``Retry-After`` says, unless that is longer than a job
    should hold a thread; then the call fails as ``ratelimited`` and a fallback is tried."""

    def __init__(self, max_retry_count: int = 2, max_wait: float = MAX_RATE_LIMIT_WAIT) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return (
            response is not None
            and response.status_code == 429
            and _retry_after(response) <= self.max_wait
        )

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        time.sleep((_retry_after(response) if response else 1) + random.random() / 4)
        state.increment_current_attempt()


def _retry_after(response: HttpResponse) -> float:
    for name, values in response.headers.items():
        if name.lower() == "retry-after" and values:
            try:
                return float(values[0])
            except ValueError:
                break
    return 1.0


def web_client(token: str | None, base_url: str | None) -> WebClient:
    """The Web API client of the app: short timeouts, and retries for dropped connections,
    5xx answers and rate limits. Only jobs after the ack call it."""
    return WebClient(
        token=token,
        base_url=base_url or WebClient.BASE_URL,
        timeout=TIMEOUT,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            ServerErrorRetryHandler(max_retry_count=1),
            CappedRateLimitRetry(),
        ],
    )


@dataclass(frozen=True)
class Sent:
    ok: bool
    error: str | None = None
    channel: str | None = None  # the channel Slack posted in (a DM's D… id)


class Outbox:
    """The calls one job makes, under one code path name."""

    def __init__(self, client: WebClient, path: str) -> None:
        self.client = client
        self.path = path

    def post(self, step: str, channel: str, message: Message, thread_ts: str | None = None) -> Sent:
        """chat.postMessage; when Slack refuses the blocks, once more as plain text."""
        args: dict[str, Any] = {"channel": channel, **message}
        if thread_ts:
            args["thread_ts"] = thread_ts
        sent = self._call("chat.postMessage", step, self.client.chat_postMessage, args)
        if not sent.ok and sent.error in _PLAIN_TEXT_RETRY and "blocks" in message:
            args.pop("blocks")
            sent = self._call(
                "chat.postMessage", f"{step}.text", self.client.chat_postMessage, args
            )
        return sent

    def ephemeral(
        self, step: str, channel: str, user: str, message: Message, thread_ts: str | None = None
    ) -> Sent:
        args: dict[str, Any] = {"channel": channel, "user": user, **message}
        if thread_ts:
            args["thread_ts"] = thread_ts
        return self._call("chat.postEphemeral", step, self.client.chat_postEphemeral, args)

    def publish(self, step: str, user: str, view: dict[str, Any]) -> Sent:
        return self._call(
            "views.publish", step, self.client.views_publish, {"user_id": user, "view": view}
        )

    def open_view(self, step: str, trigger_id: str | None, view: dict[str, Any]) -> Sent:
        """views.open; a trigger_id lasts 3 s, so this is the first call of its job."""
        if not trigger_id:
            return Sent(False, "no_trigger_id")
        args = {"trigger_id": trigger_id, "view": view}
        return self._call("views.open", step, self.client.views_open, args)

    def user_info(self, step: str, user: str) -> dict[str, Any] | None:
        """users.info's ``user`` object, or None when the call failed (logged)."""
        try:
            response = self.client.users_info(user=user)
        except SlackApiError as error:
            self._failed("users.info", step, error_code(error))
            return None
        except (SlackClientError, OSError) as error:
            self._failed("users.info", step, type(error).__name__)
            return None
        found = response.get("user")
        return found if isinstance(found, dict) else None

    def respond(self, step: str, response_url: str | None, payload: dict[str, Any]) -> Sent:
        """A post to a ``response_url``. Slack answers "ok", or plain text such as
        ``expired_url`` with a non-200 status; WebhookClient does not raise, so look."""
        if not response_url:
            return Sent(False, "no_response_url")
        try:
            response = WebhookClient(response_url, timeout=TIMEOUT).send_dict(payload)
        except (SlackClientError, OSError) as error:
            return self._failed("response_url", step, type(error).__name__)
        if response.status_code == 200:
            return Sent(True)
        return self._failed(
            "response_url", step, code_or_status(response.body, response.status_code)
        )

    def _call(self, method: str, step: str, call: Any, args: dict[str, Any]) -> Sent:
        try:
            response = call(**args)
        except SlackApiError as error:
            return self._failed(method, step, error_code(error))
        except (SlackClientError, OSError) as error:
            return self._failed(method, step, type(error).__name__)
        channel = response.get("channel")
        return Sent(True, channel=channel if isinstance(channel, str) else None)

    def _failed(self, method: str, step: str, code: str) -> Sent:
        log.warning("Slack %s failed: %s (%s.%s)", method, code, self.path, step)
        return Sent(False, code)

    def lost(self) -> None:
        """Every path failed: the one case the user hears nothing, so it is an ERROR."""
        log.error("no answer reached the user (%s)", self.path)


# -- routes --------------------------------------------------------------------------------


def to_dm(
    out: Outbox, channel: str, user: str | None, message: Message, thread_ts: str | None
) -> bool:
    if out.post("reply", channel, message, thread_ts).ok:
        return True
    if user and out.ephemeral("ephemeral", channel, user, message, thread_ts).ok:
        return True
    out.lost()
    return False


def to_thread(
    out: Outbox, channel: str, user: str | None, thread_ts: str, message: Message, fallback: Message
) -> bool:
    """``fallback`` is the same answer headed for an ephemeral reply (THREAD_FALLBACK)."""
    if out.post("thread", channel, message, thread_ts).ok:
        return True
    if user and out.ephemeral("ephemeral", channel, user, fallback, thread_ts).ok:
        return True
    out.lost()
    return False


def private_score(
    out: Outbox, channel: str, user: str, thread_ts: str, message: Message, fallback: Message
) -> bool:
    """A score asked for in a channel: DM it, and say so in the thread without figures.
    ``fallback`` is the same score headed for an ephemeral reply (PRIVATE_FALLBACK)."""
    if out.post("dm", user, message).ok:
        out.post("note", channel, dm_sent_note(user), thread_ts)  # the DM got there either way
        return True
    if out.ephemeral("ephemeral", channel, user, fallback, thread_ts).ok:
        return True
    if out.post("open_dm", channel, open_dm_note(user), thread_ts).ok:
        return True
    out.lost()
    return False


def replace_card(out: Outbox, press: Press, message: Message) -> bool:
    """A button's answer in place of the message it was on; else beside it, in its thread, for
    the user."""
    channel, user, thread = press.channel, press.user, press.thread_ts
    if out.respond("replace", press.response_url, {"replace_original": True, **message}).ok:
        return True
    if channel and user and _is_dm(channel) and out.post("dm", channel, message, thread).ok:
        return True
    if channel and user and out.ephemeral("ephemeral", channel, user, message, thread).ok:
        return True
    out.lost()
    return False


def share_card(out: Outbox, press: Press, message: Message) -> bool:
    """The user chose to post an answer to the channel."""
    channel, user, thread = press.channel, press.user, press.thread_ts
    payload = {"response_type": "in_channel", "replace_original": False, **message}
    if out.respond("respond", press.response_url, payload).ok:
        return True
    if channel is None:
        out.lost()
        return False
    posted = out.post("post", channel, message, thread)
    if posted.ok:
        return True
    failed = share_failed(posted.error or "")
    if user and out.ephemeral("ephemeral", channel, user, failed, thread).ok:
        return True
    out.lost()
    return False


def tell(out: Outbox, press: Press, message: Message) -> bool:
    """A short word for one user (a stale button, an expired paste, an error of ours)."""
    channel, user = press.channel, press.user
    payload = {"response_type": "ephemeral", "replace_original": False, **message}
    if out.respond("respond", press.response_url, payload).ok:
        return True
    if channel and user and out.ephemeral("ephemeral", channel, user, message, press.thread_ts).ok:
        return True
    if user and not channel and out.post("dm", user, message).ok:
        return True
    out.lost()
    return False


def _is_dm(channel: str) -> bool:
    return channel.startswith("D")

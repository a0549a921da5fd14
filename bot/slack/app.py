"""The Slack app: create_app(settings, coach) and its listeners. The only slack_bolt importer
besides the serving adapter (slack_serve.py).

Listeners are thin: read the payload, make one coach call, render with blocks.py, reply. The
app is built with ``process_before_response=True``: slash commands are answered in the body
of the HTTP response itself (ack with the message), which skips Bolt's default runner and its
10 ms polling floor, and a lookup at 10k guides takes well under the 3 s Slack allows. Nothing
is sent to Slack while building the app; the bot identity is fetched on the first request.

Privacy: command answers are ephemeral; an offer pasted in a channel mention is scored in a DM
to the person who posted it, and the thread only hears where the answer went. No message
text or figure is ever logged.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import traceback
from collections import OrderedDict
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App, BoltResponse, Respond
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.coach import Coach
from bot.coach.commands import COMMANDS, run_command
from bot.coach.intent import Intent
from bot.coach.replies import HelpReply
from bot.config import Settings
from bot.render.blocks import PICK_ACTION, SHARE_ACTION, home_view, render_blocks

log = logging.getLogger("leverage.slack")

_USER_ID_RE = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_MENTION_RE = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
MAX_TEXT = 40_000  # Slack's own ceiling for a message; the coach caps far lower per use


def quiet_slack_loggers() -> logging.Logger:
    """Bolt logs whole request bodies (offers!) at INFO on signature failures and slack_sdk
    logs message text at DEBUG: keep both at WARNING whatever the root level is.

    Bolt copies the *root* level onto each of its loggers when it makes them, unless it is
    given a base logger; the returned logger is that base, at WARNING."""
    for name in ("slack_bolt", "slack_sdk"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in list(logging.root.manager.loggerDict):
        if name.startswith(("slack_bolt", "slack_sdk")):
            logging.getLogger(name).setLevel(logging.WARNING)
    base = logging.getLogger("slack_bolt.App")
    base.setLevel(logging.WARNING)
    return base


class _SeenEvents:
    """Event ids already answered, so Slack's retries (X-Slack-Retry-Num) are not answered twice."""

    def __init__(self, size: int = 4096) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def first_time(self, event_id: str | None) -> bool:
        if not event_id:
            return True
        with self._lock:
            if event_id in self._ids:
                return False
            self._ids[event_id] = None
            if len(self._ids) > self._size:
                self._ids.popitem(last=False)
            return True


class LeverageListeners:
    """The listeners, as bound methods over one coach."""

    def __init__(self, coach: Coach) -> None:
        self.coach = coach
        self.seen = _SeenEvents()

    # -- slash commands ------------------------------------------------------------------

    def command(self, ack: Ack, command: dict[str, Any]) -> None:
        name = str(command.get("command", ""))
        text = _text(command.get("text"))
        answer = run_command(self.coach, name, text) or self.coach.help()
        ack(**render_blocks(answer.reply, share=f"{name} {text}"))

    # -- interactivity ---------------------------------------------------------------------

    def share(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """The user chose to post the answer to the channel."""
        ack()
        action = (body.get("actions") or [{}])[0]
        name, _, text = str(action.get("value", "")).partition(" ")
        answer = run_command(self.coach, name, text)
        if answer is None:
            return
        user = _user_id(body.get("user", {}).get("id"))
        message = render_blocks(answer.reply)
        if user:
            message["blocks"].append(
                {
                    "type": "context",
                    "elements": [{"type": "mrkdwn", "text": f"Shared by <@{user}>"}],
                }
            )
        respond(response_type="in_channel", replace_original=False, **message)

    def pick(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """A guide picked from a "several guides fit" message."""
        ack()
        action = (body.get("actions") or [{}])[0]
        try:
            choice = json.loads(str(action.get("value", "")))
        except json.JSONDecodeError:
            return
        if not isinstance(choice, dict):
            return
        guide_id, region = str(choice.get("guide", "")), choice.get("region")
        guide = self.coach.index.get(guide_id)
        if guide is None:
            return
        intent = str(choice.get("intent", "band"))
        query = f"{guide.company_display} {guide.role_display} {region or ''}".strip()
        if intent == Intent.OFFER.value:
            answer = self.coach.offer(_text(choice.get("text")), guide_id=guide_id, region=region)
        elif intent == Intent.LEVERS.value:
            answer = self.coach.levers(query)
        else:
            answer = self.coach.comp(query)
        respond(replace_original=True, **render_blocks(answer.reply))

    # -- events ------------------------------------------------------------------------------

    def message(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """Direct messages. Other bots, our own messages, edits and deletions are ignored."""
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        if not self.seen.first_time(body.get("event_id")):
            return
        answer = self.coach.ask(_text(event.get("text")))
        reply = render_blocks(answer.reply)
        kwargs: dict[str, Any] = {"channel": event["channel"], **reply}
        if event.get("thread_ts"):
            kwargs["thread_ts"] = event["thread_ts"]
        client.chat_postMessage(**kwargs)

    def mention(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """@Leverage in a channel: answered in the thread; an offer goes privately to its poster."""
        if event.get("bot_id") or not self.seen.first_time(body.get("event_id")):
            return
        channel = str(event.get("channel", ""))
        thread_ts = event.get("thread_ts") or event.get("ts")
        text = _MENTION_RE.sub(" ", _text(event.get("text")))
        answer = self.coach.ask(text)
        user = _user_id(event.get("user"))
        if answer.private:
            if user is None:
                return
            client.chat_postMessage(channel=user, **render_blocks(answer.reply))
            client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                text=f"<@{user}>, offers stay private: I've sent you the score in a direct message.",
            )
            return
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, **render_blocks(answer.reply))

    def home(self, event: dict[str, Any], client: WebClient) -> None:
        user = _user_id(event.get("user"))
        if event.get("tab") != "home" or user is None:
            return
        reply = self.coach.help().reply
        assert isinstance(reply, HelpReply)
        client.views_publish(user_id=user, view=home_view(reply))

    def ignore(self) -> None:
        """Events we do not act on still get a 200, so Slack does not retry them."""


def _text(value: object) -> str:
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def _user_id(value: object) -> str | None:
    return value if isinstance(value, str) and _USER_ID_RE.match(value) else None


def create_app(settings: Settings, coach: Coach, *, client: WebClient | None = None) -> App:
    """The Bolt app. Builds nothing that talks to Slack until a request arrives."""
    bolt_logger = quiet_slack_loggers()
    if client is None:
        client = WebClient(
            token=settings.bot_token, base_url=settings.api_url or WebClient.BASE_URL
        )
        # chat.postMessage allows about one message a second per channel: wait out a 429.
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    app = App(
        signing_secret=settings.signing_secret or "",
        client=client,
        process_before_response=True,
        token_verification_enabled=False,
        logger=bolt_logger,
    )
    listeners = LeverageListeners(coach)
    for command in COMMANDS:
        app.command(command.name)(listeners.command)
    app.action(SHARE_ACTION)(listeners.share)
    app.action(re.compile(f"^{PICK_ACTION}"))(listeners.pick)
    app.event("message")(listeners.message)
    app.event("app_mention")(listeners.mention)
    app.event("app_home_opened")(listeners.home)
    app.event(re.compile(".*"))(listeners.ignore)

    @app.error
    def on_error(error: Exception) -> BoltResponse:
        # The type and the code path only: an exception's message may quote a payload.
        frames = traceback.extract_tb(error.__traceback__)
        where = " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames[-4:]))
        log.error("listener failed: %s at %s", type(error).__name__, where or "?")
        return BoltResponse(status=200, body="")

    return app

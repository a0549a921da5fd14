"""The Slack app: ``create_app(settings, coach)``. bot/slack is the only package that imports
slack_bolt; the other modules here are the listeners, the work after the ack, the paths to the
user, the request guard, the small state, the token checks and the two ways of serving.

The app is built with ``process_before_response=True``: a slash command is answered in the body
of its HTTP response (no 10 ms polling floor of Bolt's default runner), and every listener that
calls the Web API acknowledges first and hands its work to the pool (work.py), so events are
acknowledged in milliseconds whatever the Web API does. Nothing is sent to Slack while
building the app: ``serve`` checks the tokens once at start (auth.py) and passes the identity
in, so no request waits on ``auth.test``.

Registration order matters: Bolt runs the first listener that matches, so the catch-alls
(unknown buttons and shortcuts, events we leave alone) come last, and ``/offer`` with no text
(the offer form) comes before the other commands. The interactive listeners (buttons, the
form, the App Home) are in coaching.py.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltResponse
from slack_sdk import WebClient

from bot.coach import Coach
from bot.config import Settings
from bot.render.actions import EDIT_ACTION, OFFER_FORM, PICK_PATTERN, SHARE_PATTERN
from bot.render.blocks import went_wrong
from bot.slack.auth import BotIdentity, single_workspace
from bot.slack.coaching import Coaching, Misses, Problems
from bot.slack.conversation import ConversationState, MemoryState, Revisions
from bot.slack.deliver import web_client
from bot.slack.guard import EventGate, RequestGuard
from bot.slack.listeners import CoachSource, Listeners
from bot.slack.state import EventClaims, MemoryClaims, MemoryPastes, PasteStore
from bot.slack.work import Work, code_path

log = logging.getLogger("leverage.slack")
_ANY = re.compile(".*")


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


def create_app(
    settings: Settings,
    coach: Coach | CoachSource,
    *,
    client: WebClient | None = None,
    identity: BotIdentity | None = None,
    work: Work | None = None,
    claims: EventClaims | None = None,
    pastes: PasteStore | None = None,
    state: ConversationState | None = None,
    problems: Problems | None = None,
    misses: Misses | None = None,
) -> App:
    """The Bolt app. Builds nothing that talks to Slack until a request arrives.

    ``coach`` may be a function returning the coach of the moment (a guide reload swaps it);
    ``client`` is the Web API client without a token (the token comes from ``authorize``);
    ``state`` keeps each conversation's previous offer (``bot.store``'s ``state`` in
    production; in memory by default); ``problems`` (the guides' lint problems) and ``misses``
    (a team's top misses) are shown to workspace admins in the App Home."""
    bolt_logger = quiet_slack_loggers()
    work = work or Work(settings.work_threads)
    claims = claims or MemoryClaims()
    app = App(
        signing_secret=settings.signing_secret or "",
        client=client or web_client(None, settings.api_url),
        authorize=single_workspace(settings.bot_token, identity),
        process_before_response=True,
        request_verification_enabled=False,  # RequestGuard checks, without logging bodies
        before_authorize=RequestGuard(settings.signing_secret or ""),
        listener_executor=work.executor,
        logger=bolt_logger,
        name="slack_bolt.leverage",  # Bolt names a logger after the app and sets it to WARNING
    )
    app.use(EventGate(claims, work))
    source: CoachSource = (lambda: coach) if isinstance(coach, Coach) else coach
    revisions = Revisions(state or MemoryState())
    listeners = Listeners(source, work, claims, pastes or MemoryPastes(), revisions)
    coaching = Coaching(listeners, revisions, problems=problems, misses=misses)
    # Events first: Bolt tries the listeners in order, and an event's ack is the one in a hurry.
    app.event("message")(listeners.message)
    app.event("app_mention")(listeners.mention)
    app.event("app_home_opened")(coaching.home)
    app.command("/offer", matchers=[_no_text])(coaching.empty_offer)
    app.command(re.compile(r"^/"))(listeners.command)
    app.action(SHARE_PATTERN)(coaching.share)
    app.action(PICK_PATTERN)(coaching.pick)
    app.action(EDIT_ACTION)(coaching.edit)
    app.view(OFFER_FORM)(coaching.submit)
    _fallbacks(app, listeners, coaching)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
        # The type and the code path only: an exception's message may quote a payload.
        log.error("listener failed: %s at %s", type(error).__name__, code_path(error))
        if isinstance(body, dict) and isinstance(body.get("command"), str):
            return BoltResponse(
                status=200,
                body=json.dumps(went_wrong()),
                headers={"content-type": "application/json;charset=utf-8"},
            )
        return BoltResponse(status=200, body="")

    return app


def _no_text(command: dict[str, Any]) -> bool:
    text = command.get("text")
    return not (isinstance(text, str) and text.strip())


def _fallbacks(app: App, listeners: Listeners, coaching: Coaching) -> None:
    """Whatever no listener above matched: answered or left alone on purpose, never a 404."""
    app.event(_ANY)(listeners.ignore)
    app.action(_ANY)(coaching.stale)
    app.shortcut(_ANY)(coaching.stale)

    def close(ack: Ack) -> None:
        ack()

    def no_options(ack: Ack) -> None:
        ack(options=[])

    app.view(_ANY)(close)
    app.view_closed(_ANY)(close)
    app.options(_ANY)(no_options)

"""The Slack app: ``create_app(settings, coach)``. bot/slack is the only package that imports
slack_bolt; the other modules here are the listeners, the work after the ack, the paths to the
user, the request guard, the small state, the token checks, the workspaces' install and
uninstall, and the two ways of serving.

With a ``store`` (``serve`` always passes one), event claims, the pastes behind buttons and
the misses live in the database, so several processes can serve one workspace; in OAuth mode
(``settings.oauth``) requests are authorized from the installations in the same database.

The app is built with ``process_before_response=True``: a slash command is answered in the body
of its HTTP response (no 10 ms polling floor of Bolt's default runner), and every listener that
calls the Web API acknowledges first and hands its work to the pool (work.py), so events are
acknowledged in milliseconds whatever the Web API does. Nothing is sent to Slack while
building the app: ``serve`` checks the tokens once at start (auth.py) and passes the identity
in, so no request waits on ``auth.test``; in OAuth mode ``auth.test`` runs once per
workspace token and process (workspaces.py).

Registration order matters: Bolt runs the first listener that matches, so the catch-alls
(unknown buttons and shortcuts, events we leave alone) come last, and ``/offer`` with no text
(the offer form) comes before the other commands. The interactive listeners (buttons, the
form, the App Home) are in coaching.py.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any, cast

from slack_bolt import Ack, App, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient

from bot.coach import Coach
from bot.config import Settings
from bot.render.actions import EDIT_ACTION, OFFER_FORM, PICK_PATTERN, SHARE_PATTERN
from bot.render.blocks import went_wrong
from bot.slack.auth import BotIdentity, single_workspace
from bot.slack.coaching import Coaching, Misses, Problems, top_misses
from bot.slack.conversation import ConversationState, MemoryState, Revisions
from bot.slack.deliver import web_client
from bot.slack.guard import EventGate, RequestGuard
from bot.slack.listeners import CoachSource, Listeners
from bot.slack.state import (
    DatabasePastes,
    EventClaims,
    MemoryClaims,
    MemoryPastes,
    PasteStore,
)
from bot.slack.work import Work, code_path
from bot.slack.workspaces import NOT_INSTALLED, Uninstall, oauth_installs
from bot.store import Store, StoreError

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
    store: Store | None = None,
    claims: EventClaims | None = None,
    pastes: PasteStore | None = None,
    state: ConversationState | None = None,
    problems: Problems | None = None,
    misses: Misses | None = None,
) -> App:
    """The Bolt app. Builds nothing that talks to Slack until a request arrives.

    ``coach`` may be a function returning the coach of the moment (a guide reload swaps it);
    ``client`` is the Web API client without a token (the token comes from ``authorize``).
    Claims and pastes come from ``store`` unless given; without either, from memory (one
    process, for tests). OAuth mode needs the store: the installations live there.
    ``state`` keeps each conversation's previous offer and ``misses`` gives a team's top
    misses (both from ``store`` unless given); ``problems`` (the guides' lint problems) and
    the misses are shown to workspace admins in the App Home."""
    bolt_logger = quiet_slack_loggers()
    work = work or Work(settings.work_threads)
    client = client or web_client(None, settings.api_url)
    claims = claims or (store.claims if store is not None else MemoryClaims())
    pastes = pastes or (DatabasePastes(store.state) if store is not None else MemoryPastes())
    if settings.oauth and store is None:
        raise ValueError("OAuth mode keeps its installations in the store: pass store=")
    installs = oauth_installs(settings, store, client) if store and settings.oauth else None
    # Bolt takes its Authorize objects here too (its annotation names only plain functions).
    authorize = (
        cast(Callable[..., AuthorizeResult], installs.authorize)
        if installs
        else single_workspace(settings.bot_token, identity)
    )
    app = App(
        signing_secret=settings.signing_secret or "",
        client=client,
        authorize=authorize,
        oauth_flow=installs.flow if installs else None,
        user_facing_authorize_error_message=NOT_INSTALLED,
        process_before_response=True,
        request_verification_enabled=False,  # RequestGuard checks, without logging bodies
        before_authorize=RequestGuard(settings.signing_secret or ""),
        listener_executor=work.executor,
        logger=bolt_logger,
        name="slack_bolt.leverage",  # Bolt names a logger after the app and sets it to WARNING
    )
    app.use(EventGate(claims, work))
    source: CoachSource = (lambda: coach) if isinstance(coach, Coach) else coach
    state = state or (store.state if store is not None else MemoryState())
    misses = misses or (top_misses(store) if store is not None else None)
    revisions = Revisions(state)
    miss_log = store.misses if store is not None else None
    listeners = Listeners(source, work, claims, pastes, miss_log, revisions)
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
    uninstall = Uninstall(store, claims)
    app.event("app_uninstalled")(uninstall.uninstalled)
    app.event("tokens_revoked")(uninstall.revoked)
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
        if isinstance(error, StoreError):
            # The database failed before the work was handed on (an event's claim): 503, so
            # Slack delivers it again rather than it being lost behind a 200.
            return BoltResponse(status=503, body="")
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

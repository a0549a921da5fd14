"""The listeners for commands and events: read the payload, acknowledge, hand the work to the
pool. The interactive ones (buttons, the offer form, the App Home) are in coaching.py.

A slash command is answered in the body of its HTTP response (a lookup takes a millisecond or
two, far inside Slack's 3 s). Everything that calls the Web API (events, buttons) acks first and
does its work on the pool (work.py), so an event is acknowledged in milliseconds whatever the
Web API does. Each listener makes one coach call and renders it with render/blocks.py; the
routes in deliver.py get the message to the person, by another path when one fails.

Privacy: command answers are ephemeral; an offer pasted in a channel mention is scored in a
DM to the person who posted it, and the thread only hears where the answer went. No message
text or figure is ever logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.coach import Coach
from bot.coach.commands import run_command
from bot.coach.intent import Intent
from bot.coach.replies import Answer
from bot.render.blocks import (
    PRIVATE_FALLBACK,
    THREAD_FALLBACK,
    Message,
    file_without_text,
    is_user_id,
    keeps_paste,
    render_blocks,
    went_wrong,
)
from bot.slack.conversation import Conversation, MemoryState, Revisions
from bot.slack.deliver import Outbox, private_score, to_dm, to_thread
from bot.slack.state import EventClaims, MissLog, PasteStore, miss_in
from bot.slack.work import Work
from bot.store import StoreError

log = logging.getLogger("leverage.slack")

CoachSource = Callable[[], Coach]
MAX_TEXT = 40_000  # Slack's own ceiling for a message; the coach caps far lower per use
_MENTION_RE = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
# DM subtypes that carry something the person typed: a caption under a file (an offer typed
# under its screenshot), a thread reply also sent to the conversation. Every other subtype
# (edits, deletions, joins, bot messages) is left unanswered on purpose.
ANSWERED_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})


class Listeners:
    """The listeners, as bound methods over the coach of the moment."""

    def __init__(
        self,
        coach: CoachSource,
        work: Work,
        claims: EventClaims,
        pastes: PasteStore,
        misses: MissLog | None = None,
        revisions: Revisions | None = None,
    ) -> None:
        self.coach = coach  # called once per request: a guide reload swaps what it returns
        self.work = work
        self.claims = claims
        self.pastes = pastes
        self.misses = misses
        # A revised offer in a DM or thread is compared with the previous one (conversation.py).
        self.revisions = revisions or Revisions(MemoryState())

    # -- slash commands: answered in the response body ------------------------------------

    def command(self, ack: Ack, command: dict[str, Any]) -> None:
        coach = self.coach()
        text = _text(command.get("text"))
        team, user = _team(command.get("team_id")), _user(command.get("user_id"))
        answer = run_command(coach, str(command.get("command", "")), text) or coach.help()
        ack(**self._render(answer, team, user, text, share=True))
        self._count_miss(team, user, text, answer)

    # -- events: acknowledged at once, answered on the pool ---------------------------------

    def message(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """Direct messages. Other bots, edits, deletions and other channels: no answer."""
        channel, user = event.get("channel"), _user(event.get("user"))
        if (
            event.get("channel_type") != "im"
            or event.get("bot_id")
            or event.get("subtype") not in ANSWERED_SUBTYPES
            or user is None
            or not isinstance(channel, str)
        ):
            self._leave(body)
            return
        text, files = _text(event.get("text")), bool(event.get("files"))
        thread_ts = _ts(event.get("thread_ts"))
        team = _team(body.get("team_id"))
        out = Outbox(client, "dm")
        where = Conversation.of(team, channel, thread_ts, user)

        def answer() -> None:
            if files and not text.strip():
                message = file_without_text()
            else:
                coach = self.coach()
                found = self.revisions.revise(coach, coach.ask(text), where)
                message = self._render(found, team, user, text)
                self._count_miss(team, user, text, found)
            to_dm(out, channel, user, message, thread_ts)

        def crashed() -> None:
            to_dm(out, channel, user, went_wrong(), thread_ts)

        self._later(body, out, answer, crashed)

    def mention(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """@Leverage in a channel: answered in the thread; an offer goes privately to its poster."""
        channel, user = event.get("channel"), _user(event.get("user"))
        thread_ts = _ts(event.get("thread_ts")) or _ts(event.get("ts"))
        if event.get("bot_id") or not isinstance(channel, str) or thread_ts is None:
            self._leave(body)
            return
        text = _MENTION_RE.sub(" ", _text(event.get("text")))
        team = _team(body.get("team_id"))
        out = Outbox(client, "mention")
        where = Conversation.of(team, channel, thread_ts, user)

        def answer() -> None:
            coach = self.coach()
            found = self.revisions.revise(coach, coach.ask(text), where)
            self._count_miss(team, user, text, found)
            ref = self._ref(found, team, user, text)
            message = render_blocks(found.reply, ref=ref)
            if not found.private:
                notice = render_blocks(found.reply, ref=ref, notice=THREAD_FALLBACK)
                to_thread(out, channel, user, thread_ts, message, notice)
            elif user is None:  # an offer from no one we could reach privately: not in public
                log.info("private answer with no user to send it to (mention)")
            else:
                notice = render_blocks(found.reply, ref=ref, notice=PRIVATE_FALLBACK)
                private_score(out, channel, user, thread_ts, message, notice)

        def crashed() -> None:
            to_thread(out, channel, user, thread_ts, went_wrong(), went_wrong())

        self._later(body, out, answer, crashed)

    def ignore(self, body: dict[str, Any]) -> None:
        """Events we do not act on still get a 200, so Slack does not retry them."""
        self._leave(body)

    # -- helpers -------------------------------------------------------------------------

    def _render(
        self,
        answer: Answer,
        team: str | None,
        user: str | None,
        asked: str,
        *,
        share: bool = False,
    ) -> Message:
        ref = self._ref(answer, team, user, asked)
        return render_blocks(answer.reply, share=share, ref=ref)

    def _ref(self, answer: Answer, team: str | None, user: str | None, asked: str) -> str | None:
        """Keep the paste when a button under its answer will need it again."""
        if team is None or user is None or answer.intent is not Intent.OFFER:
            return None
        return self.pastes.keep(team, user, asked) if keeps_paste(answer.reply) else None

    def _count_miss(self, team: str | None, user: str | None, asked: str, answer: Answer) -> None:
        """A lookup no guide answered is counted for guide authors, on the pool: after the
        ack, and apart from the answer, so a database hiccup never reaches the user."""
        misses = self.misses
        if misses is None or team is None or user is None:
            return
        miss = miss_in(answer, asked)
        if miss is not None:
            self.work.submit("miss", lambda: misses.record(team, user, miss))

    def _later(
        self,
        body: dict[str, Any],
        out: Outbox,
        job: Callable[[], None],
        crashed: Callable[[], None] | None,
    ) -> None:
        event_id = body.get("event_id")

        def run() -> None:
            try:
                job()
            finally:
                if isinstance(event_id, str):
                    self._settle(event_id, done=True)

        if not self.work.submit(out.path, run, crashed) and isinstance(event_id, str):
            self._settle(event_id, done=False)

    def _leave(self, body: dict[str, Any]) -> None:
        event_id = body.get("event_id")
        if isinstance(event_id, str):
            self._settle(event_id, done=True)

    def _settle(self, event_id: str, *, done: bool) -> None:
        """Complete (or release) a claim. When the database fails here the answer has still
        gone out (or not): the claim lapses by itself, so this is logged, never raised."""
        try:
            if done:
                self.claims.complete(event_id)
            else:
                self.claims.release(event_id)
        except StoreError as error:
            log.error(
                "event claim not %s: %s", "completed" if done else "released", type(error).__name__
            )


def _text(value: object) -> str:
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def _user(value: object) -> str | None:
    return value if is_user_id(value) else None


def _team(value: object) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 64 else None


def _ts(value: object) -> str | None:
    return value if isinstance(value, str) and value else None

"""The interactive listeners: the buttons under an answer (Edit, Share, a guide or region to
pick), the offer form they open, ``/offer`` with no text, and the App Home.

Each acknowledges first and works on the pool (work.py), except the form's submission: its
errors must be the first acknowledgement (``response_action: "errors"``), so the form is read
before the ack, by coach/form.read_form, which is pure and takes a millisecond. ``views.open``
is the first call of its job: a ``trigger_id`` lasts 3 s.

Answers go back in place: a button's ``response_url`` replaces the card it was pressed on
(ephemeral or not), and the form carries the card's ``response_url`` in its
``private_metadata`` (with the channel and thread, never a figure). Sharing asks first (a
confirm dialog on the button), posts once (a claim on the card, then the card is replaced
without its Share buttons) and is headed "Shared by @person".

What an offer button acts on again is kept apart (state.PasteStore: the paste, or the figures
entered in the form), for its poster only; the values carry a short reference.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.coach import Coach
from bot.coach.form import prefill, read_form
from bot.coach.intent import Intent
from bot.coach.replies import (
    Answer,
    ChooseReply,
    Miss,
    OfferReply,
    ProblemReply,
    RegionReply,
    Reply,
)
from bot.guides.model import Guide, Problem
from bot.offers.model import Offer
from bot.render.actions import (
    ButtonValue,
    FormContext,
    context_fits,
    decode,
    decode_context,
    submitted_values,
)
from bot.render.blocks import (
    Message,
    expired_paste,
    form_failed,
    render_blocks,
    stale_button,
    went_wrong,
)
from bot.render.views import home_view, offer_form
from bot.slack.conversation import Revisions
from bot.slack.deliver import Outbox, replace_card, share_card, tell
from bot.slack.listeners import Listeners
from bot.slack.press import Press, action_value, as_dict, slack_id, url, user_id
from bot.store import Store, StoreError

log = logging.getLogger("leverage.slack")

Problems = Callable[[], Sequence[Problem]]
Misses = Callable[[str], Sequence[Miss]]  # a team id -> its top misses
ADMIN_TTL = 300.0  # seconds an answer of users.info is trusted: a demoted admin loses the view soon
SHARED = "✅ Shared in the channel. Only you see this copy."


class Admins:
    """Whether a user is an admin or owner of their workspace (users.info), remembered
    briefly. When users.info fails the answer is no: the member view, never the admin one."""

    def __init__(
        self,
        ttl: float = ADMIN_TTL,
        size: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._known: OrderedDict[tuple[str, str], tuple[bool, float]] = OrderedDict()
        self._ttl = ttl
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()

    def is_admin(self, out: Outbox, team: str | None, user: str) -> bool:
        key = (team or "", user)
        now = self._clock()
        with self._lock:
            known = self._known.get(key)
        if known is not None and known[1] > now:
            return known[0]
        info = out.user_info("admin", user)
        if info is None:
            return False
        admin = bool(info.get("is_admin") or info.get("is_owner"))
        with self._lock:
            self._known[key] = (admin, now + self._ttl)
            self._known.move_to_end(key)
            while len(self._known) > self._size:
                self._known.popitem(last=False)
        return admin


class Coaching:
    """The interactive listeners, as bound methods, over the same coach, pool and kept pastes
    as the message listeners (``listeners``)."""

    def __init__(
        self,
        listeners: Listeners,
        revisions: Revisions,
        *,
        problems: Problems | None = None,
        misses: Misses | None = None,
        admins: Admins | None = None,
    ) -> None:
        self.listeners = listeners
        self.revisions = revisions
        self.problems = problems or (lambda: ())
        self.misses = misses or (lambda team: ())
        self.admins = admins or Admins()

    @property
    def coach(self) -> Coach:
        return self.listeners.coach()

    # -- Edit: the form on the figures read -------------------------------------------------

    def edit(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        press, value = Press.of(body), decode(action_value(body))
        out = Outbox(client, "edit")

        def run() -> None:
            if value is None or value.intent is not Intent.OFFER or press.user is None:
                tell(out, press, stale_button())
                return
            values = self._prefill(value, press)
            if values is None:
                tell(out, press, expired_paste())
                return
            where = _fitting(
                FormContext(press.channel, press.thread_ts, press.response_url, replace=True)
            )
            view = offer_form(values, where, read=True)
            if not out.open_view("open", press.trigger_id, view).ok:
                tell(out, press, form_failed())

        self.listeners.work.submit("edit", run, self._told(out, press, went_wrong()), prompt=True)

    def empty_offer(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """``/offer`` with no text: the same form, empty. Its answer is a new private message
        (a slash command's response_url cannot replace its first reply)."""
        ack()
        press = Press(
            user=user_id(body.get("user_id")),
            team=slack_id(body.get("team_id")),
            channel=slack_id(body.get("channel_id")),
            response_url=url(body.get("response_url")),
            trigger_id=slack_id(body.get("trigger_id")),
        )
        out = Outbox(client, "offer_form")

        def run() -> None:
            where = _fitting(FormContext(press.channel, None, press.response_url))
            view = offer_form(prefill(None, None, None), where, read=False)
            if not out.open_view("open", press.trigger_id, view).ok:
                tell(out, press, form_failed())

        told = self._told(out, press, went_wrong())
        self.listeners.work.submit("offer_form", run, told, prompt=True)

    def submit(
        self, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        """The form, read before the first ack: errors go back next to their fields."""
        coach = self.coach
        values = submitted_values(view)
        result = read_form(values, coach.index)
        if result.errors or result.offer is None or result.guide is None:
            errors = dict(result.errors) or {"guide": "Name the company and role."}
            ack(response_action="errors", errors=errors)
            return
        ack()
        where = decode_context(view.get("private_metadata")) or FormContext(None)
        user = user_id(as_dict(body.get("user")).get("id"))
        team = slack_id(as_dict(body.get("team")).get("id")) or slack_id(
            as_dict(view).get("team_id")
        )
        press = Press(user, team, where.channel, where.response_url, thread_ts=where.thread_ts)
        offer, guide, region = result.offer, result.guide, result.region
        out = Outbox(client, "form")

        def run() -> None:
            answer = self.revisions.revise(
                coach, coach.rescore(offer, guide, region), press.conversation
            )
            ref = self._keep(press, json.dumps(values))
            message = render_blocks(answer.reply, share=press.in_channel, ref=ref, form=True)
            if where.replace:
                replace_card(out, press, message)
            else:
                tell(out, press, message)

        self.listeners.work.submit("form", run, self._told(out, press, went_wrong()))

    def _prefill(self, value: ButtonValue, press: Press) -> dict[str, str] | None:
        """The form's values for the offer behind ``value``: the figures entered before, or
        the paste read again; None when it is no longer kept."""
        kept = self._kept(press, value.ref)
        if kept is None:
            return None
        if value.form:
            return _form_values(kept)
        coach = self.coach
        guide = coach.index.get(value.guide_id) if value.guide_id else None
        reply = coach.offer(kept, guide_id=guide.id if guide else None, region=value.region).reply
        offer, read_guide, region = _read(reply)
        return prefill(offer, read_guide or guide, region or value.region)

    # -- Share: asked first, posted once -----------------------------------------------------

    def share(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        press, value = Press.of(body), decode(action_value(body))
        out = Outbox(client, "share")
        claims = self.listeners.claims
        claim = _share_claim(press, action_value(body))

        def run() -> None:
            again = self._again(value, press)
            if not isinstance(again, Answer):
                tell(out, press, again)
                return
            if claim is not None and not claims.claim(claim, press.team or "T0"):
                return  # a second click on the same card: it was (or is being) shared
            message = render_blocks(again.reply, shared_by=press.user)
            if not share_card(out, press, message):
                if claim is not None:
                    claims.release(claim)
                return
            if claim is not None:
                claims.complete(claim)
            card = self._card(value, press) if value is not None else None
            if card is not None:  # the card again, without its Share buttons
                replaced = {"replace_original": True, **card}
                out.respond("replace", press.response_url, replaced)

        self.listeners.work.submit("share", run, self._told(out, press, went_wrong()))

    def _card(self, value: ButtonValue, press: Press) -> Message | None:
        """The card a Share button was on, to put back without the button: the bands or
        levers shared, or the offer the bands or the score were shared from."""
        if value.ref is None:
            again = self._again(value, press)
            ref, form = None, False
        else:
            offer = ButtonValue(Intent.OFFER, value.guide_id, value.region, value.ref, value.form)
            again = self._again(offer, press)
            ref, form = value.ref, value.form
        if not isinstance(again, Answer):
            return None
        return render_blocks(again.reply, ref=ref, form=form, notice=SHARED)

    # -- Pick: a guide or a region, answered in place ----------------------------------------

    def pick(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """A guide or a region picked from the buttons of an earlier answer."""
        ack()
        press, value = Press.of(body), decode(action_value(body))
        out = Outbox(client, "pick")

        def run() -> None:
            again = self._again(value, press)
            if not isinstance(again, Answer):
                tell(out, press, again)
                return
            again = self.revisions.revise(self.coach, again, press.conversation)
            ref = value.ref if value is not None else None
            form = value.form if value is not None else False
            share = press.ephemeral and press.in_channel
            message = render_blocks(again.reply, share=share, ref=ref, form=form)
            replace_card(out, press, message)

        self.listeners.work.submit("pick", run, self._told(out, press, went_wrong()))

    def stale(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """A button or shortcut no listener knows (from an older deploy): say so, briefly."""
        ack()
        press = Press.of(body)
        self.listeners.work.submit(
            "stale", self._told(Outbox(client, "stale"), press, stale_button())
        )

    # -- App Home ---------------------------------------------------------------------------

    def home(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        listeners = self.listeners
        user = user_id(event.get("user"))
        if event.get("tab") != "home" or user is None:
            listeners._leave(body)  # the claims path stays the message listeners' own
            return
        team = slack_id(body.get("team_id"))
        out = Outbox(client, "home")

        def publish() -> None:
            admin = self.admins.is_admin(out, team, user)
            misses: Sequence[Miss] = ()
            if admin and team:
                try:
                    misses = self.misses(team)
                except StoreError as error:  # the Home still opens, without the misses
                    log.warning("misses unavailable for the App Home: %s", type(error).__name__)
            reply = self.coach.home(
                admin=admin, problems=self.problems() if admin else (), misses=misses
            )
            out.publish("publish", user, home_view(reply))

        listeners._later(body, out, publish, None)

    # -- helpers -------------------------------------------------------------------------

    def _again(self, value: ButtonValue | None, press: Press) -> Answer | Message:
        """The answer a button asks for again, or what to tell the user instead."""
        coach = self.coach
        guide = coach.index.get(value.guide_id) if value is not None and value.guide_id else None
        if value is None or guide is None:
            return stale_button()
        if value.intent is not Intent.OFFER:
            return coach.guide_answer(value.intent, guide.id, value.region) or stale_button()
        kept = self._kept(press, value.ref)
        if kept is None:
            return expired_paste()
        if not value.form:
            return coach.offer(kept, guide_id=guide.id, region=value.region)
        result = read_form(_form_values(kept) or {}, coach.index)
        if result.offer is None or result.guide is None:
            return expired_paste()
        return coach.rescore(result.offer, result.guide, result.region)

    def _keep(self, press: Press, text: str) -> str | None:
        """Keep what an offer's buttons act on again, for the person who pressed."""
        if press.team is None or press.user is None:
            return None
        return self.listeners.pastes.keep(press.team, press.user, text)

    def _kept(self, press: Press, ref: str | None) -> str | None:
        """What ``ref`` names, if it is still kept and it is the presser's own."""
        if press.team is None or press.user is None or ref is None:
            return None
        return self.listeners.pastes.get(press.team, press.user, ref)

    def _told(self, out: Outbox, press: Press, message: Message) -> Callable[[], None]:
        def run() -> None:
            tell(out, press, message)

        return run


def _read(reply: Reply) -> tuple[Offer | None, Guide | None, str | None]:
    """The offer, guide and region an answer read, for the form."""
    if isinstance(reply, OfferReply):
        a = reply.assessment
        return a.offer, a.guide, a.band.region
    if isinstance(reply, RegionReply):
        return (reply.read.offer if reply.read else None), reply.guide, None
    if isinstance(reply, ChooseReply) and reply.read is not None:
        return reply.read.offer, None, reply.region
    if isinstance(reply, ProblemReply) and reply.read is not None:
        return reply.read.offer, None, None
    return None, None, None


def top_misses(store: Store, limit: int = 10) -> Misses:
    """A team's most asked misses (asked by enough people to be shown), as the Home lists them."""

    def top(team: str) -> list[Miss]:
        found = store.misses.top(team_id=team, limit=limit)
        return [Miss(m.company or "", m.role or "", m.asks, m.people) for m in found]

    return top


def _fitting(where: FormContext) -> FormContext:
    """``where`` as the form can carry it: without a response_url too long for the metadata
    (the answer then goes to the channel or a DM, through the Web API)."""
    return where if context_fits(where) else FormContext(where.channel, where.thread_ts)


def _form_values(kept: str) -> dict[str, str] | None:
    try:
        data = json.loads(kept)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def _share_claim(press: Press, value: object) -> str | None:
    """One post per Share button of a card: a claim named after the message the button is on
    and its value (a card edited in place has new values, so its new score can be shared)."""
    if press.message_ts is None or press.channel is None:
        return None
    seen = f"{press.channel}:{press.message_ts}:{value}"
    return f"share-{hashlib.sha256(seen.encode()).hexdigest()[:40]}"

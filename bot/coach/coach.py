"""A question or a command -> Answer. Pure: picks the intent, finds the guide, scores offers.

The Slack app and the terminal both go through here, so a DM, an @mention, a slash command and
`python -m bot ask` get the same answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from bot.coach.compare import Snapshot, revision, side_by_side, within_paste
from bot.coach.intent import MAX_QUERY_CHARS, Intent, read_intent
from bot.coach.offers import choose_band, find_guide, score_others
from bot.coach.replies import (
    Answer,
    BandsReply,
    ChooseReply,
    GuideEntry,
    HelpReply,
    HomeReply,
    LeversReply,
    Miss,
    NotFoundReply,
    OfferReply,
    ProblemReply,
)
from bot.errors import OfferError, ScoringError
from bot.guides.model import Guide, Problem
from bot.index import Candidate, GuideIndex, Lookup, Status
from bot.offers import EXAMPLE, parse_offers
from bot.offers.model import Offer, ParsedPaste
from bot.prose.words import and_list, words
from bot.scoring import assess

_HELP_WORDS = frozenset({"help", "usage", "?", "h"})
MAX_NAMED_UNKNOWN = 2  # unknown words named back to an offer paste


class Coach:
    """Built once with the index; every method is read-only and safe across threads."""

    def __init__(self, index: GuideIndex, *, today: Callable[[], date] = date.today) -> None:
        self.index = index
        self._today = today

    # -- entry points ------------------------------------------------------------------

    def ask(self, text: str) -> Answer:
        """A plain sentence, as in a DM or an @mention."""
        intent, paste = read_intent(text)
        if intent is Intent.HELP:
            return self.help()
        if intent is Intent.OFFER:
            return self._offer(text, paste)
        if intent is Intent.LEVERS:
            return self.levers(text)
        return self.comp(text)

    def comp(self, text: str) -> Answer:
        """`/comp company role [region]`: the bands."""
        if _is_help(text):
            return self.help("comp")
        if len(text) > MAX_QUERY_CHARS:
            return self._too_long(Intent.BAND)
        found = self.index.lookup(text)
        guide = found.guide
        if guide is None:
            return self._unresolved(Intent.BAND, text, found)
        return Answer(Intent.BAND, self._bands(guide, found.region), found)

    def levers(self, text: str) -> Answer:
        """`/levers company role`: levers, the negotiate-up ask and the threshold."""
        if _is_help(text):
            return self.help("levers")
        if len(text) > MAX_QUERY_CHARS:
            return self._too_long(Intent.LEVERS)
        found = self.index.lookup(text)
        if found.guide is None:
            return self._unresolved(Intent.LEVERS, text, found)
        return Answer(Intent.LEVERS, LeversReply(found.guide, self._stale(found.guide)), found)

    def guide_answer(
        self, intent: Intent, guide_id: str, region: str | None = None
    ) -> Answer | None:
        """The bands or levers of one guide by its id (a button pressed on an earlier answer),
        or None when no guide has that id any more."""
        guide = self.index.get(guide_id)
        if guide is None:
            return None
        found = Lookup(Status.MATCH, (Candidate(guide, 100.0),), region=region)
        if intent is Intent.LEVERS:
            return Answer(Intent.LEVERS, LeversReply(guide, self._stale(guide)), found)
        return Answer(Intent.BAND, self._bands(guide, region), found)

    def offer(self, text: str, *, guide_id: str | None = None, region: str | None = None) -> Answer:
        """`/offer <pasted offer>`: the score, the verdict and the counter."""
        if _is_help(text):
            return self.help("offer")
        return self._offer(text, None, guide_id=guide_id, region=region)

    def _offer(
        self,
        text: str,
        paste: ParsedPaste | None,
        *,
        guide_id: str | None = None,
        region: str | None = None,
    ) -> Answer:
        """Score ``paste`` (read from ``text`` here unless the caller already read it)."""
        if paste is None:
            try:
                paste = parse_offers(text)
            except OfferError as exc:
                return Answer(Intent.OFFER, ProblemReply(str(exc), self.examples("offer")))
        if guide_id:
            guide = self.index.get(guide_id)
            if guide is None:
                return Answer(
                    Intent.OFFER, ProblemReply(f"There is no guide with the id {guide_id!r}.")
                )
            found = self.index.lookup(paste.offer.text or text, region=region)
        else:
            found = find_guide(self.index, paste, text, region)
            if found.guide is None:
                return self._offer_unresolved(text, found, paste)
            guide = found.guide
        return self._score(paste, guide, found, region)

    def rescore(self, offer: Offer, guide: Guide, region: str | None) -> Answer:
        """An offer entered or corrected in the form, scored against the guide it names."""
        paste = ParsedPaste(offer, (), "")
        found = Lookup(Status.MATCH, (Candidate(guide, 100.0),), region=region)
        return self._score(paste, guide, found, region)

    def revise(self, answer: Answer, previous: Snapshot | None) -> Answer:
        """``answer`` with the change since ``previous`` (the last offer of its conversation),
        when it scores an offer comparable with it. A revision within the paste itself says
        more than one across pastes, so it is kept."""
        reply = answer.reply
        if previous is None or not isinstance(reply, OfferReply) or reply.revision is not None:
            return answer
        change = revision(previous, reply.assessment)
        if change is None:
            return answer  # another guide, region or currency: a different offer
        return replace(answer, reply=replace(reply, revision=change))

    def help(self, topic: str | None = None) -> Answer:
        reply = HelpReply(topic, self.examples(topic), guide_count=len(self.index.guides))
        return Answer(Intent.HELP, reply)

    def home(
        self,
        *,
        admin: bool = False,
        problems: Sequence[Problem] = (),
        misses: Sequence[Miss] = (),
        limit: int = 25,
    ) -> HomeReply:
        """The App Home. Only ``admin`` sees ``problems`` and ``misses``; stale guides come
        first for them, so what needs review is at the top."""
        today = self._today()
        guides = sorted(
            self.index.guides,
            key=lambda g: (not (admin and g.is_stale(today)), g.company_display, g.role_display),
        )
        entries = tuple(GuideEntry(g, self._stale(g)) for g in guides[:limit])
        help_reply = self.help().reply
        assert isinstance(help_reply, HelpReply)
        return HomeReply(
            help_reply,
            entries,
            len(self.index.guides),
            admin,
            tuple(problems) if admin else (),
            tuple(misses) if admin else (),
        )

    # -- helpers -----------------------------------------------------------------------

    def examples(self, topic: str | None = None) -> tuple[str, ...]:
        """Real examples from the loaded guides, so help never names a guide we lack."""
        if not self.index.guides:
            return ()
        guide = self.index.guides[0]
        company = guide.company_display.lower()
        role = " ".join(words(guide.role_display)[:3])
        region = guide.bands[-1].region.lower() if guide.bands else ""
        target = next((t for t in guide.targets if t.currency), None)
        currency = target.currency if target else "USD"
        symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(currency or "USD", "")
        offer = f"{company} {role}: {symbol}190k base, {symbol}200k RSUs over 4 years, 10% bonus"
        by_topic = {
            "comp": (f"/comp {company} {role} {region}".strip(), f"/comp {company} {role}"),
            "levers": (f"/levers {company} {role}",),
            "offer": (f"/offer {offer}",),
        }
        if topic in by_topic:
            return by_topic[topic]
        return (
            by_topic["comp"][0],
            by_topic["levers"][0],
            by_topic["offer"][0],
            f"what does {guide.company_display} pay a {guide.role_display} in {region.title() or 'your city'}?",
        )

    def _bands(self, guide: Guide, region: str | None) -> BandsReply:
        """Every band, or the one of ``region`` (saying so when the guide lacks it)."""
        band = guide.band(region) if region else None
        bands = (band,) if band is not None else guide.bands
        missing = region is not None and band is None
        return BandsReply(guide, bands, region, missing, self._stale(guide))

    def _stale(self, guide: Guide) -> date | None:
        return guide.next_review_due if guide.is_stale(self._today()) else None

    def _too_long(self, intent: Intent) -> Answer:
        return Answer(
            intent,
            ProblemReply(
                f"That's longer than I read for a question ({MAX_QUERY_CHARS:,} characters). "
                "Name just the company, the role and, if you like, the region."
            ),
        )

    def _unresolved(self, intent: Intent, text: str, found: Lookup) -> Answer:
        if found.status is Status.AMBIGUOUS:
            return Answer(intent, ChooseReply(intent, text, found.candidates, found.region), found)
        if not text.strip() or not words(text):
            topic = "levers" if intent is Intent.LEVERS else "comp"
            return self.help(topic)
        reply = NotFoundReply(intent, text, found.unknown, found.candidates)
        return Answer(intent, reply, found)

    def _offer_unresolved(self, text: str, found: Lookup, paste: ParsedPaste) -> Answer:
        if found.status is Status.AMBIGUOUS:
            choose = ChooseReply(Intent.OFFER, text, found.candidates, found.region, paste)
            return Answer(Intent.OFFER, choose, found)
        # A name or two is what the user typed for the company; more is the prose of a pasted
        # letter ("lovely chatting today..."), and listing it back reads as nonsense.
        few = 0 < len(found.unknown) <= MAX_NAMED_UNKNOWN
        names = f" (I don't have a guide for {and_list(found.unknown)})" if few else ""
        message = (
            f"Which company and role is this offer for{names}? Put them first, for example: "
            f"/offer {self.examples('offer')[0].removeprefix('/offer ') if self.index.guides else EXAMPLE}"
        )
        return Answer(Intent.OFFER, ProblemReply(message, read=paste), found)

    def _score(self, paste: ParsedPaste, guide: Guide, found: Lookup, region: str | None) -> Answer:
        offer = paste.offer
        choice = choose_band(guide, found.region or region, offer, paste)
        if choice.band is None:
            assert choice.question is not None
            return Answer(Intent.OFFER, choice.question, found)
        try:
            assessment = assess(offer, guide, choice.band)
        except ScoringError as exc:
            problem = ProblemReply(f"I can't score this yet: {exc}", read=paste)
            return Answer(Intent.OFFER, problem, found)
        notes = [choice.note] if choice.note else []
        if paste.others:
            notes.append(
                f"The paste has {len(paste.others) + 1} offers; I scored the "
                f"{'revised' if offer.label == 'revised' else 'first'} one."
            )
        others = score_others(self.index, paste, assessment)
        revised = within_paste(assessment, others)
        comparison = None if revised else side_by_side(assessment, others)
        reply = OfferReply(
            assessment, others, tuple(notes), self._stale(guide), comparison, revised
        )
        return Answer(Intent.OFFER, reply, found)


def _is_help(text: str) -> bool:
    stripped = text.strip().lower()
    return not stripped or stripped in _HELP_WORDS

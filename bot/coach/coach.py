"""A question or a command -> Answer. Pure: picks the intent, finds the guide, scores offers.

The Slack app and the terminal both go through here, so a DM, an @mention, a slash command and
`python -m bot ask` get the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot.coach.intent import Intent, read_intent
from bot.coach.replies import (
    Answer,
    BandsReply,
    ChooseReply,
    HelpReply,
    LeversReply,
    NotFoundReply,
    OfferReply,
    ProblemReply,
    RegionReply,
)
from bot.errors import OfferError, ScoringError
from bot.guides.model import Band, Guide
from bot.index import GuideIndex, Lookup, Status
from bot.offers.model import ParsedPaste
from bot.offers.parse import EXAMPLE, parse_offers
from bot.prose.words import words
from bot.scoring import assess

MAX_QUERY_CHARS = 2_000
_HELP_WORDS = frozenset({"help", "usage", "?", "h"})


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
        bands = guide.bands
        band = guide.band(found.region) if found.region else None
        missing = found.region is not None and band is None
        if band is not None:
            bands = (band,)
        reply = BandsReply(guide, bands, found.region, missing, self._stale(guide))
        return Answer(Intent.BAND, reply, found)

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
            found = self._find_offer_guide(paste, text, region)
            if found.guide is None:
                return self._offer_unresolved(text, found)
            guide = found.guide
        return self._score(paste, guide, found, region)

    def help(self, topic: str | None = None) -> Answer:
        reply = HelpReply(topic, self.examples(topic), guide_count=len(self.index.guides))
        return Answer(Intent.HELP, reply)

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

    def _find_offer_guide(self, paste: ParsedPaste, text: str, region: str | None) -> Lookup:
        """The guide the offer is for, looked up once: in a paste of one offer, the whole
        text; in a paste of several, the scored offer's own part first (it names its
        company), and the whole text only when that part names no guide."""
        whole = text[:MAX_QUERY_CHARS]
        if not paste.others or not paste.offer.text:
            return self.index.lookup(whole, region=region)
        own = self.index.lookup(paste.offer.text, region=region)
        if own.guide is not None:
            return own
        found = self.index.lookup(whole, region=region)
        return own if found.guide is None and own.status is Status.AMBIGUOUS else found

    def _offer_unresolved(self, text: str, found: Lookup) -> Answer:
        if found.status is Status.AMBIGUOUS:
            return Answer(
                Intent.OFFER, ChooseReply(Intent.OFFER, text, found.candidates, found.region), found
            )
        names = f" (I don't have a guide for {', '.join(found.unknown)})" if found.unknown else ""
        message = (
            f"Which company and role is this offer for{names}? Put them first, for example: "
            f"/offer {self.examples('offer')[0].removeprefix('/offer ') if self.index.guides else EXAMPLE}"
        )
        return Answer(Intent.OFFER, ProblemReply(message), found)

    def _score(self, paste: ParsedPaste, guide: Guide, found: Lookup, region: str | None) -> Answer:
        offer = paste.offer
        notes: list[str] = []
        band = self._band_for(guide, found.region or region, offer.currency, notes, paste.text)
        if not isinstance(band, Band):
            return Answer(Intent.OFFER, band, found)
        try:
            assessment = assess(offer, guide, band)
        except ScoringError as exc:
            return Answer(Intent.OFFER, ProblemReply(f"I can't score this yet: {exc}"), found)
        if paste.others:
            notes.append(
                f"The paste has {len(paste.others) + 1} offers; I scored the "
                f"{'revised' if offer.label == 'revised' else 'first'} one."
            )
        reply = OfferReply(assessment, paste.others, tuple(notes), self._stale(guide))
        return Answer(Intent.OFFER, reply, found)

    def _band_for(
        self, guide: Guide, region: str | None, currency: str | None, notes: list[str], text: str
    ) -> Band | RegionReply | ProblemReply:
        """Region stated > inferred from the offer's currency > asked for."""
        names = ", ".join(b.region for b in guide.bands)
        regions = tuple(b.region for b in guide.bands)
        if not guide.bands:
            return ProblemReply(f"The {guide.title} guide has no bands to score against.")
        if region:
            band = guide.band(region)
            if band is not None:
                return band
            question = (
                f"The {guide.title} guide has no {region} figures; it covers {names}. Which one?"
            )
            return RegionReply(guide, question, text, regions)
        if currency:
            same = [b for b in guide.bands if b.currency == currency]
            if len(same) == 1:
                notes.append(f"Scored against {same[0].region}, the guide's {currency} region.")
                return same[0]
            if same:
                notes.append(
                    f"Scored against {same[0].region}, the guide's first {currency} region; "
                    f"name a region ({', '.join(b.region for b in same)}) to change it."
                )
                return same[0]
            return ProblemReply(
                f"The offer is in {currency}, but the {guide.title} guide covers {names} "
                f"({', '.join(sorted({b.currency for b in guide.bands}))}), and I don't convert "
                "currencies. Paste the figures in one of those currencies."
            )
        if len(guide.bands) == 1:
            notes.append(f"Scored against {guide.bands[0].region}, the guide's only region.")
            return guide.bands[0]
        question = (
            f"Which region is this offer for? The {guide.title} guide covers {names}. "
            f"Pick one, or add it to the offer (e.g. '… in {guide.bands[0].region}')."
        )
        return RegionReply(guide, question, text, regions)


def _is_help(text: str) -> bool:
    stripped = text.strip().lower()
    return not stripped or stripped in _HELP_WORDS

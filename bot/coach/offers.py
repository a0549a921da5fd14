"""A pasted offer's way to its score: which guide, which band, the assessment; and every
other offer of the paste scored against its own guide where one can be told.

Pure, like the rest of the coach: the index is passed in. What was read is never thrown away:
when the guide or the region cannot be chosen, the reply that asks carries the paste.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coach.compare import OtherOffer
from bot.coach.intent import MAX_QUERY_CHARS
from bot.coach.replies import ProblemReply, RegionReply
from bot.errors import ScoringError
from bot.guides.model import Band, Guide
from bot.index import GuideIndex, Lookup, Status
from bot.offers.model import Offer, ParsedPaste
from bot.scoring import Assessment, assess

# Labels of offers that belong to the same negotiation as the scored one: they share its guide
# when their own part of the paste names none.
_SAME_NEGOTIATION = frozenset({"original", "revised"})


@dataclass(frozen=True)
class BandChoice:
    """The band to score against and how it was chosen, or the question to ask instead."""

    band: Band | None
    note: str | None = None
    question: RegionReply | ProblemReply | None = None


def find_guide(index: GuideIndex, paste: ParsedPaste, text: str, region: str | None) -> Lookup:
    """The guide the offer is for, looked up once: in a paste of one offer, the whole text;
    in a paste of several, the scored offer's own part first (it names its company), and
    the whole text only when that part names no guide."""
    whole = text[:MAX_QUERY_CHARS]
    if not paste.others or not paste.offer.text:
        return index.lookup(whole, region=region)
    own = index.lookup(paste.offer.text[:MAX_QUERY_CHARS], region=region)
    if own.guide is not None:
        return own
    found = index.lookup(whole, region=region)
    return own if found.guide is None and own.status is Status.AMBIGUOUS else found


def choose_band(
    guide: Guide, region: str | None, offer: Offer, paste: ParsedPaste, *, ask: bool = True
) -> BandChoice:
    """Region stated > inferred from the offer's currency > the guide's only one > asked for
    (``ask=False`` gives up instead of asking, for offers listed beside the scored one)."""
    names = ", ".join(b.region for b in guide.bands)
    regions = tuple(b.region for b in guide.bands)
    if not guide.bands:
        return BandChoice(
            None,
            question=_problem(f"The {guide.title} guide has no bands to score against.", paste),
        )
    if region:
        band = guide.band(region)
        if band is not None:
            return BandChoice(band)
        question = f"The {guide.title} guide has no {region} figures; it covers {names}. Which one?"
        return BandChoice(None, question=RegionReply(guide, question, paste.text, regions, paste))
    currency = offer.currency
    if currency:
        same = [b for b in guide.bands if b.currency == currency]
        if len(same) == 1:
            return BandChoice(
                same[0], f"Scored against {same[0].region}, the guide's {currency} region."
            )
        if same:
            return BandChoice(
                same[0],
                f"Scored against {same[0].region}, the guide's first {currency} region; "
                f"name a region ({', '.join(b.region for b in same)}) to change it.",
            )
        return BandChoice(
            None,
            question=_problem(
                f"The offer is in {currency}, but the {guide.title} guide covers {names} "
                f"({', '.join(sorted({b.currency for b in guide.bands}))}), and I don't convert "
                "currencies. Paste the figures in one of those currencies.",
                paste,
            ),
        )
    if len(guide.bands) == 1:
        only = guide.bands[0]
        return BandChoice(only, f"Scored against {only.region}, the guide's only region.")
    if not ask:
        return BandChoice(None)
    question = (
        f"Which region is this offer for? The {guide.title} guide covers {names}. "
        f"Pick one, or add it to the offer (e.g. '… in {guide.bands[0].region}')."
    )
    return BandChoice(None, question=RegionReply(guide, question, paste.text, regions, paste))


def score_others(index: GuideIndex, paste: ParsedPaste, main: Assessment) -> tuple[OtherOffer, ...]:
    """Each other offer against its own guide: the one its part of the paste names, else, for
    an original or revised offer of the same negotiation, the scored offer's guide. Its band is
    the one its own text names, else the scored offer's region or currency where its guide has
    that one. An offer whose guide or band cannot be told is listed unscored; nothing here asks."""
    others = []
    for other in paste.others:
        own = index.lookup(other.text[:MAX_QUERY_CHARS]) if other.text else None
        guide = own.guide if own is not None else None
        region = own.region if own is not None else None
        if guide is None and other.label in _SAME_NEGOTIATION:
            guide = main.guide
        assessment = None
        if guide is not None:
            band = choose_band(guide, region, other, paste, ask=False).band
            if band is None and region is None:
                band = guide.band(main.band.region) or _only_in(guide, main.currency)
            assessment = _assess(other, guide, band) if band else None
        others.append(OtherOffer(other, assessment))
    return tuple(others)


def _only_in(guide: Guide, currency: str) -> Band | None:
    """The guide's one band in ``currency``, if it has exactly one."""
    same = [b for b in guide.bands if b.currency == currency]
    return same[0] if len(same) == 1 else None


def _assess(offer: Offer, guide: Guide, band: Band) -> Assessment | None:
    try:
        return assess(offer, guide, band)
    except ScoringError:
        return None


def _problem(message: str, paste: ParsedPaste) -> ProblemReply:
    return ProblemReply(message, read=paste)

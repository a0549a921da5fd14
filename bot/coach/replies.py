"""What the coach answers, as typed values. Renderers (blocks.py, text.py) turn these into
messages; nothing here knows how a reply will look."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.coach.compare import OtherOffer, Revision, SideBySide
from bot.coach.intent import Intent
from bot.guides.model import Band, Guide, Problem
from bot.index import Candidate, Lookup
from bot.offers.model import ParsedPaste
from bot.scoring import Assessment


@dataclass(frozen=True)
class BandsReply:
    guide: Guide
    bands: tuple[Band, ...]
    region_asked: str | None = None
    region_missing: bool = False  # asked for a region the guide has no figures for
    stale_since: date | None = None


@dataclass(frozen=True)
class LeversReply:
    guide: Guide
    stale_since: date | None = None


@dataclass(frozen=True)
class OfferReply:
    assessment: Assessment
    others: tuple[OtherOffer, ...] = ()
    notes: tuple[str, ...] = ()  # how the guide and region were chosen
    stale_since: date | None = None
    comparison: SideBySide | None = None  # the offers of the paste side by side
    revision: Revision | None = None  # against the previous offer of the same conversation


@dataclass(frozen=True)
class ChooseReply:
    """Several guides fit about equally: the user picks."""

    intent: Intent
    query: str
    candidates: tuple[Candidate, ...]
    region: str | None = None
    read: ParsedPaste | None = None  # for an offer: what was read, shown before the question


@dataclass(frozen=True)
class NotFoundReply:
    intent: Intent
    query: str
    unknown: tuple[str, ...] = ()
    suggestions: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class HelpReply:
    topic: str | None = None  # "comp", "levers", "offer", or None for everything
    examples: tuple[str, ...] = ()
    guide_count: int = 0


@dataclass(frozen=True)
class GuideEntry:
    """One guide as the App Home lists it."""

    guide: Guide
    stale_since: date | None = None


@dataclass(frozen=True)
class Miss:
    """A company and role people asked for and no guide answered (counted, never who)."""

    company: str
    role: str
    asks: int
    people: int


@dataclass(frozen=True)
class HomeReply:
    """The App Home: what Leverage does and the guides it has; for workspace admins, also
    the guides that need an author's attention and what people asked for that none answers."""

    help: HelpReply
    guides: tuple[GuideEntry, ...]
    guide_count: int
    admin: bool = False
    problems: tuple[Problem, ...] = ()  # lint errors and warnings, admins only
    misses: tuple[Miss, ...] = ()  # admins only


@dataclass(frozen=True)
class RegionReply:
    """The offer's region could not be told: the user picks one of the guide's."""

    guide: Guide
    question: str
    text: str  # the offer as pasted, to score again with the region picked
    regions: tuple[str, ...]
    read: ParsedPaste | None = None


@dataclass(frozen=True)
class ProblemReply:
    """Input Leverage could not use, with what to do instead."""

    message: str
    examples: tuple[str, ...] = ()
    read: ParsedPaste | None = None  # an offer that was read but cannot be scored yet


Reply = (
    BandsReply
    | LeversReply
    | OfferReply
    | ChooseReply
    | NotFoundReply
    | HelpReply
    | RegionReply
    | ProblemReply
)


@dataclass(frozen=True)
class Answer:
    """A reply and how it was reached (for the JSON of ``ask`` and for tests)."""

    intent: Intent
    reply: Reply
    lookup: Lookup | None = None

    @property
    def private(self) -> bool:
        """True when the reply carries someone's offer figures."""
        return self.intent is Intent.OFFER

"""What a plain sentence asks for: the bands, the levers, a score for an offer, or help."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.errors import OfferError
from bot.offers import MAX_CHARS, may_state_pay, parse_offers
from bot.offers.model import Offer, ParsedPaste
from bot.prose.words import words

# A question longer than this is not read (an offer has its own, larger cap).
MAX_QUERY_CHARS = 2_000


class Intent(StrEnum):
    BAND = "band"
    LEVERS = "levers"
    OFFER = "offer"
    HELP = "help"


_LEVER_WORDS = re.compile(
    r"\b(?:levers?|negotiat\w*|scripts?|counter\w*|push\s+(?:back|for)|ask\s+for|tips?|advice|"
    r"strateg\w*|leverage|what\s+(?:should|do)\s+i\s+say|how\s+(?:do|should|can)\s+i\s+(?:ask|get))\b",
    re.IGNORECASE,
)
_HELP_WORDS = frozenset(
    {
        "help",
        "usage",
        "commands",
        "start",
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank",
        "you",
        "what",
        "can",
        "do",
        "how",
        "does",
        "this",
        "work",
        "?",
    }
)


def read_intent(text: str) -> tuple[Intent, ParsedPaste | None]:
    """What ``text`` asks for, with the offer it carries when it is one.

    The paste is read here once and handed on, so the coach never reads it again: offer when
    the text states a pay figure for some component; levers when it asks how to negotiate;
    help when it is empty or only asks what Leverage does; bands otherwise.
    """
    tokens = words(text)
    if not tokens or set(tokens) <= _HELP_WORDS:
        return Intent.HELP, None
    if len(text) > MAX_CHARS and any(c.isdigit() for c in text):
        return Intent.OFFER, None  # the offer reader says how much it reads
    try:
        paste = parse_offers(text) if may_state_pay(text) else None
    except OfferError:
        paste = None
    if paste is not None and states_pay(paste.offer):
        return Intent.OFFER, paste
    if _LEVER_WORDS.search(text):
        return Intent.LEVERS, None
    return Intent.BAND, None


def states_pay(offer: Offer) -> bool:
    """A money figure for some component ("is 205k base ok?"). A percent alone ("is a 15%
    bonus normal?") or a "none" ("no sign-on?") is a question about the band, not an offer."""
    money = [
        offer.base,
        offer.stock_total,
        offer.bonus_amount,
        offer.signing,
        offer.relocation,
        offer.total_comp,
    ]
    return any(money)

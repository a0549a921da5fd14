"""What a plain sentence asks for: the bands, the levers, a score for an offer, or help."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.prose.figures import extract_figures
from bot.prose.words import words


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
_OFFER_WORDS = re.compile(
    r"\b(?:offer(?:ed)?|came\s+back|sign[- ]?on|rsus?|equity|base)\b", re.IGNORECASE
)


def detect_intent(text: str) -> Intent:
    """Offer when the text carries offer-like figures; levers when it asks how to negotiate;
    help when it is empty or only asks what Leverage does; bands otherwise."""
    tokens = words(text)
    if not tokens or set(tokens) <= _HELP_WORDS:
        return Intent.HELP
    if looks_like_offer(text):
        return Intent.OFFER
    if _LEVER_WORDS.search(text):
        return Intent.LEVERS
    return Intent.BAND


def looks_like_offer(text: str) -> bool:
    """Two or more pay figures, or one labelled pay figure ("is 205k base ok?")."""
    figures = [
        f
        for f in extract_figures(text[:20_000])
        if (f.value >= 1000 or f.is_pct or (f.component and f.bare)) and not f.plus
    ]
    money = [f for f in figures if not f.is_pct]
    labelled = [f for f in money if f.component is not None]
    if len(money) >= 2 or (labelled and (len(figures) >= 2 or _OFFER_WORDS.search(text))):
        return True
    return bool(labelled and labelled[0].value >= 1000)

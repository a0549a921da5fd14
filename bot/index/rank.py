"""How well typed words describe a role title: the scorer behind every role comparison."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

EXACT_TITLE_BONUS = 6.0
CHATTER_WEIGHT = 0.25


def role_match(query: Sequence[str], role: str, chatter: Collection[str] = ()) -> float:
    """How well the typed words describe a role, 0-100.

    Every typed word should be in the role (an unexplained word costs most), and the role's
    words should be typed (a missing one costs less: people say "segment cdp" for "AI CDP
    Platform Engineer"); the exact title scores a little above 100, so "software engineer"
    is not a tie with "senior software engineer". Words match fuzzily ("platfrom"). Words
    that name nothing we know (``chatter``: "lol", "finally") weigh a quarter, so a chatty
    message still finds its role while a stray word still tells two readings apart.
    """
    role_words = role.split()
    if not query or not role_words:
        return 0.0
    weights = [CHATTER_WEIGHT if word in chatter else 1.0 for word in query]
    query_hits = [_best(word, role_words) * w for word, w in zip(query, weights, strict=True)]
    role_hits = [_best(word, query) for word in role_words]
    precision = sum(query_hits) / sum(weights)
    recall = sum(role_hits) / len(role_hits)
    meant = {word for word in query if word not in chatter}
    exact = EXACT_TITLE_BONUS if meant == set(role_words) else 0.0
    return 100 * (0.75 * precision + 0.25 * recall) + exact


_EXACT_ONLY = frozenset({"i", "ii", "iii", "iv"})  # rungs: "ii" is no typo of "iii"


def _best(word: str, candidates: Sequence[str]) -> float:
    if word in candidates:
        return 1.0
    if word in _EXACT_ONLY or not word.isalpha():
        return 0.0
    return max([_near(word, other) for other in candidates])


@lru_cache(maxsize=1 << 16)
def _near(word: str, other: str) -> float:
    """How near two words are (0 below 75%): remembered, since a lookup compares the same few
    typed words with the same role words across every sibling title."""
    return fuzz.ratio(word, other, score_cutoff=75) / 100


def role_scorer(query: str, role: str, **_: object) -> float:
    return role_match(query.split(), role)

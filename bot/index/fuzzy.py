"""Near matches among many names without comparing against all of them: a bigram index picks
the few names that can reach the cutoff, and rapidfuzz scores only those.

A name within Indel similarity ``r`` of the query shares at least ``max(ga, gb) - 2d`` of
the distinct padded bigrams (``ga``, ``gb`` of them) with it, where ``d <= (1 - r)(la + lb)``
insertions and deletions each destroy at most two (the q-gram lemma), so the filter loses
nothing rapidfuzz would have kept; it only skips the rest. At 100k guides a
typo'd company name is scored against a few dozen names instead of tens of thousands.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain

from rapidfuzz import fuzz, process


def _grams(text: str) -> set[str]:
    padded = f"\x02{text}\x03"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class NearNames:
    """Names indexed by their bigrams, for ``extract`` with a ratio cutoff."""

    __slots__ = ("_grams", "_lengths", "_postings", "names")

    def __init__(self, names: Iterable[str]) -> None:
        self.names: list[str] = list(dict.fromkeys(names))
        self._lengths = [len(n) for n in self.names]
        self._grams: list[int] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for i, name in enumerate(self.names):
            grams = _grams(name)
            self._grams.append(len(grams))
            for gram in grams:
                postings[gram].append(i)
        self._postings = dict(postings)

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, query: str, cutoff: float, cap: int = 400) -> list[str]:
        """The names that can score ``cutoff`` or more against ``query`` (at most ``cap``,
        those sharing the most bigrams first when a low cutoff lets many through)."""
        grams = _grams(query)
        lists = [self._postings[g] for g in grams if g in self._postings]
        if not lists:
            return []
        counts = Counter(chain.from_iterable(lists))
        r = cutoff / 100
        slack = 2 * (1 - r)
        la, ga = len(query), len(grams)
        # A ratio of r needs the lengths within a factor of (2 - r) / r of each other.
        shortest, longest = la * r / (2 - r) - 1e-9, la * (2 - r) / r + 1e-9
        lengths, gram_counts = self._lengths, self._grams
        kept = []
        for i, shared in counts.items():
            lb = lengths[i]
            if lb < shortest or lb > longest:
                continue
            gb = gram_counts[i]
            if shared + 1e-9 >= (ga if ga > gb else gb) - slack * (la + lb):
                kept.append((shared, i))
        if len(kept) > cap:
            kept = heapq.nlargest(cap, kept)
        return [self.names[i] for _, i in kept]

    def extract(
        self, query: str, *, limit: int, score_cutoff: float
    ) -> list[tuple[str, float, int]]:
        """Like ``rapidfuzz.process.extract(query, names, scorer=fuzz.ratio, ...)``, best first."""
        found = self.candidates(query, score_cutoff)
        if not found:
            return []
        return process.extract(
            query, found, scorer=fuzz.ratio, limit=limit, score_cutoff=score_cutoff
        )

    def best(self, query: str, *, score_cutoff: float) -> tuple[str, float] | None:
        found = self.extract(query, limit=1, score_cutoff=score_cutoff)
        return (found[0][0], found[0][1]) if found else None

"""Find the guide someone means. The only user of rapidfuzz.

A query is read in passes: regions ("nyc", "bay area", "LDN") come out first, then companies
(exact names, aliases and parent brands, then fuzzy for typos), then levels ("E5"); what is left
describes the role. Candidates are the named company's guides, scored on the role; with no
company, the role alone is searched. The answer says plainly when it is a clear match, when
several guides are about as likely (the caller asks the user to pick), and when there is none,
with the nearest suggestions. It never answers a question about one company with another's guide.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from rapidfuzz import process

from bot.guides.model import Guide
from bot.index.fuzzy import NearNames
from bot.index.rank import role_match, role_scorer
from bot.index.reading import (
    AMBIGUITY_MARGIN,
    COMPANY_SUFFIXES,
    DROPPED_SUFFIX,
    EXACT,
    HEAD_WORD,
    PARENT,
    Parsed,
    Reading,
    compact,
    split_rungs,
    web_stem,
)
from bot.index.vocabulary import (
    FILLER,
    ROLE_WORDS,
    expand,
    level_parts,
)
from bot.prose.places import KNOWN_REGIONS, REGION_ALIASES
from bot.prose.words import fold_accents, normalize_name, words

MATCH_FLOOR = 62.0
EQUIVALENT_BONUS = 12.0
LEVEL_MATCH = 10.0  # "L5" typed, the guide is the company's L5
LEVEL_MISMATCH = 10.0  # "L5" typed, the guide is the company's L4: a sibling, not the one
UNEXPLAINED_NAME = 12.0  # "zenova health ...": the Zenova Robotics reading leaves "health" over
NO_ROLE = 50.0  # the role score when the query describes no role: any of the company's fits
ROLE_CEILING = 106.0  # the best role score: an exact title
SHOWN = 10.0  # candidates this far behind the best are still worth listing
TOP = 6  # candidates kept: five to show, one to tell a clear match from a close call
MIN_TYPO_ALIAS = 5  # letters an alias of a place needs before a typo of it is forgiven


class Status(StrEnum):
    MATCH = "match"
    AMBIGUOUS = "ambiguous"
    NONE = "none"


@dataclass(frozen=True)
class Candidate:
    guide: Guide
    score: float  # 0-100, for people
    raw: float = field(default=0.0, repr=False, compare=False)  # for ranking


@dataclass(frozen=True)
class Lookup:
    """What a query resolved to. Candidates are best first; for NONE they are suggestions."""

    status: Status
    candidates: tuple[Candidate, ...] = ()
    region: str | None = None  # canonical region name, when one was named
    region_text: str | None = None  # as the user wrote it
    level: str | None = None
    unknown: tuple[str, ...] = ()  # words that looked like a company we have no guide for

    @property
    def guide(self) -> Guide | None:
        return self.candidates[0].guide if self.status is Status.MATCH else None


class GuideIndex(Reading):
    """Built once from the loaded guides; ``lookup`` is read-only and safe across threads.

    A query is read as competing hypotheses, one per company it might name: each explains
    some words (its name, exactly or nearly), and the rest of the words must then describe
    one of that company's roles. "notion data engineer" is Notion's data engineer rather than
    "Opton Data"'s, because under the second reading "data" is used up and "engineer" alone
    fits no role as well.
    """

    def __init__(self, guides: Sequence[Guide]) -> None:
        self.guides: Sequence[Guide] = guides if isinstance(guides, Sequence) else tuple(guides)
        self._ids: list[str] = []
        self._companies: list[str] = []
        self._company_guides: dict[str, list[int]] = defaultdict(list)
        self._company_keys: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self._company_words: dict[str, Collection[str]] = defaultdict(set)
        self._keys_of: dict[str, Collection[str]] = defaultdict(set)
        self._role_text: list[str] = []
        self._role_words: set[str] = set(ROLE_WORDS)
        self._roles: dict[str, list[int]] = defaultdict(list)
        self._equivalents: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._equivalent_companies: set[str] = set()
        self._run_together: set[str] = set()
        self._regions: dict[str, str] = {}
        self._own_levels: list[frozenset[tuple[str, int]]] = []
        for i, guide in enumerate(self.guides):
            self._add(i, guide)
        for alias, region in REGION_ALIASES.items():
            self._regions.setdefault(alias, region)
        for region in KNOWN_REGIONS:
            self._regions.setdefault(normalize_name(region), region)
        self._finish()

    def state(self) -> dict[str, object]:
        """What the index was built into, as plain data (cached beside the guides)."""
        return {
            "ids": self._ids,
            "companies": self._companies,
            "company_guides": dict(self._company_guides),
            "company_keys": {k: [list(e) for e in v] for k, v in self._company_keys.items()},
            "company_words": {k: sorted(v) for k, v in self._company_words.items()},
            "keys_of": {k: sorted(v) for k, v in self._keys_of.items()},
            "role_text": self._role_text,
            "role_words": sorted(self._role_words),
            "roles": dict(self._roles),
            "equivalents": [[c, lv, sorted(ids)] for (c, lv), ids in self._equivalents.items()],
            "equivalent_companies": sorted(self._equivalent_companies),
            "run_together": sorted(self._run_together),
            "regions": self._regions,
            "own_levels": {
                i: [list(p) for p in levels] for i, levels in enumerate(self._own_levels) if levels
            },
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], guides: Sequence[Guide]) -> GuideIndex:
        """The index :meth:`state` describes, over ``guides`` (which it does not read: a warm
        start decodes only the guides a lookup returns)."""
        index = cls.__new__(cls)
        index.guides = guides
        index._ids = state["ids"]
        index._companies = state["companies"]
        if len(index._ids) != len(guides):
            raise ValueError("index state and guides disagree")
        index._company_guides = state["company_guides"]
        # As read: [company, score] pairs and short word lists serve lookups as well as the
        # tuples and sets they were built as, and a warm start skips 100k conversions.
        index._company_keys = state["company_keys"]
        index._company_words = state["company_words"]
        index._keys_of = state["keys_of"]
        index._role_text = state["role_text"]
        index._role_words = set(state["role_words"])
        index._roles = state["roles"]
        index._equivalents = {(c, lv): set(ids) for c, lv, ids in state["equivalents"]}
        index._equivalent_companies = set(state["equivalent_companies"])
        index._run_together = set(state["run_together"])
        index._regions = state["regions"]
        none: frozenset[tuple[str, int]] = frozenset()
        own = {int(i): frozenset((s, r) for s, r in v) for i, v in state["own_levels"].items()}
        index._own_levels = [own.get(i, none) for i in range(len(index._ids))]
        index._finish()
        return index

    def _finish(self) -> None:
        """The lookup structures derived from the state: built, or read from the cache."""
        self._by_id = {guide_id: i for i, guide_id in enumerate(self._ids)}
        self._max_company_words = max((len(k.split()) for k in self._company_keys), default=1)
        self._max_region_words = max((len(k.split()) for k in self._regions), default=1)
        self._near_words = NearNames(
            k
            for k in self._company_keys
            if " " not in k and len(k) >= 4 and k not in self._run_together
        )
        self._phrases_by_head: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key in self._company_keys:
            if " " in key:
                parts = key.split()
                self._phrases_by_head[(parts[0], len(parts))].append(key)
        self._heads = NearNames(head for head, _ in self._phrases_by_head)
        self._near_role_words = NearNames(sorted(self._role_words))
        self._folded_regions: dict[str, str] = {}
        for key, region in self._regions.items():  # the guides' own spellings come first
            self._folded_regions.setdefault(fold_accents(key), region)
        self._region_by_name: dict[str, str] = {}
        for region in self._regions.values():
            self._region_by_name.setdefault(fold_accents(region).casefold(), region)
        for alias, region in self._regions.items():
            # a typo of another spelling ("bengalore" for a guide's "Bengaluru", by way of
            # "bangalore"); short forms (sf, ldn, blr) are too short to forgive a typo
            if len(alias) >= MIN_TYPO_ALIAS:
                self._region_by_name.setdefault(fold_accents(alias), region)
        self._region_names = sorted(self._region_by_name)
        self._phrase_regions = [name for name in self._region_names if " " in name]
        self._distinct_roles = sorted(self._roles)
        ids = self._ids
        for members in self._roles.values():
            members.sort(key=ids.__getitem__)  # so the first few of a title are by id
        self._roles_by_word: dict[str, list[str]] = defaultdict(list)
        for role in self._distinct_roles:
            for word in set(role.split()):
                self._roles_by_word[word].append(role)

    def _add(self, i: int, guide: Guide) -> None:
        company = guide.company
        self._ids.append(guide.id)
        self._companies.append(company)
        self._company_guides[company].append(i)
        names = {_name(guide.company_display), _name(company.replace("-", " "))}
        names.update(_name(a) for a in guide.aliases)
        for name in names:
            self._add_company_key(name, company, EXACT)
            if stem := web_stem(name):  # "booking" for Booking.com
                self._add_company_key(stem, company, DROPPED_SUFFIX)
            if (whole := compact(name)) != name and len(whole) >= 3:
                self._add_run_together(whole, company)  # "jpmorgan", "att"
            head, *rest = name.split() or [""]
            if not rest or head in FILLER or head in ROLE_WORDS or len(head) < 3:
                continue
            if all(w in COMPANY_SUFFIXES for w in rest):
                self._add_company_key(head, company, DROPPED_SUFFIX)
            elif len(head) >= 4:  # "Hexon" for "Hexon Games": likely, if less sure
                self._add_company_key(head, company, HEAD_WORD)
        for parent in guide.parents:
            self._add_company_key(_name(parent), company, PARENT)
        role = _role_key(guide.role_display)
        self._roles[role].append(i)
        self._role_text.append(role)
        self._role_words.update(role.split())
        mapping = guide.level_mapping
        own = {
            parts
            for word in _words(f"{mapping.internal or ''} {guide.role_display}")
            if (parts := level_parts(word))
        }
        self._own_levels.append(frozenset(own))
        if mapping.internal:
            self._equivalents[(company.replace("-", " "), mapping.internal.casefold())].add(i)
        for equivalent in mapping.equivalents:
            for level_word in _words(equivalent.level):
                self._equivalents[(_name(equivalent.company), level_word)].add(i)
            self._equivalent_companies.add(_name(equivalent.company))
        for band in guide.bands:
            self._regions.setdefault(_name(band.region), band.region)

    def _add_run_together(self, key: str, company: str) -> None:
        """A name run together is found when typed so, but is no name to search for typos
        (it would double the words every unknown company is compared with)."""
        if key not in self._company_keys:
            self._run_together.add(key)
        self._add_company_key(key, company, DROPPED_SUFFIX, run_together=True)

    def _add_company_key(
        self, key: str, company: str, score: float, *, run_together: bool = False
    ) -> None:
        if not key:
            return
        if not run_together:  # some guide's name as written: searched for typos after all
            self._run_together.discard(key)
        words_of, keys = self._company_words[company], self._keys_of[company]
        assert isinstance(words_of, set) and isinstance(keys, set)  # built as sets
        words_of.update(key.split())
        keys.add(key)
        entries = self._company_keys[key]
        if all(c != company for c, _ in entries):
            entries.append((company, score))

    def get(self, guide_id: str) -> Guide | None:
        i = self._by_id.get(guide_id)
        return self.guides[i] if i is not None else None

    def lookup(self, text: str, *, region: str | None = None) -> Lookup:
        """Resolve free text ("segmnt ai cdp nyc", a sentence) to guides and a region."""
        parsed = self._parse(split_rungs(words(text)[:60]))
        if region:
            parsed.region, parsed.region_text = self._resolve_region(region), region
        return self._decide(parsed, self._score(parsed))

    # -- reading the query -------------------------------------------------------------

    # -- scoring -----------------------------------------------------------------------

    def _spare_exact(self, parsed: Parsed, company: str | None) -> set[int]:
        """Role words of another company's name that this reading leaves over ("security" in
        "quanta security engineer", read as Quanta's security engineer)."""
        explained = parsed.explained.get(company, set()) if company else set()
        free = {parsed.tokens[i] for i in parsed.free}
        return {
            i
            for i in parsed.exact - explained
            if self._is_role_word(parsed.tokens[i])
            and parsed.tokens[i] not in FILLER
            and parsed.tokens[i] not in COMPANY_SUFFIXES  # "AI" of "Obson AI" is its name
            and parsed.tokens[i] not in free
        }

    def _role_query(self, parsed: Parsed, company: str | None) -> list[str]:
        """The words left to describe the role once ``company`` has explained its own.
        Words nobody explains count against every reading that leaves them over."""
        explained = parsed.explained.get(company, set()) if company else set()
        names = self._company_words.get(company, set()) if company else set()
        used = {parsed.tokens[i] for i in explained}
        # A word of the name counts once: "Latent Security security engineer" keeps "security".
        left = [
            parsed.tokens[i]
            for i in sorted({*parsed.free, *self._spare_exact(parsed, company)})
            if i not in explained and (parsed.tokens[i] not in names or parsed.tokens[i] in used)
        ]
        if company:
            left += [w for w in (*parsed.unknown, *parsed.chatter) if w not in names]
        return expand(left)

    def _score(self, parsed: Parsed) -> list[Candidate]:
        scored: dict[int, float] = {}
        if parsed.companies:
            chatter = frozenset((*parsed.unknown, *parsed.chatter))
            hypotheses = []
            for company, named in parsed.companies.items():
                left_over = len(
                    parsed.exact
                    - parsed.explained.get(company, set())
                    - self._spare_exact(parsed, company)
                )
                hypotheses.append((named - UNEXPLAINED_NAME * left_over, company))
            best = float("-inf")
            most_bonus = max(EQUIVALENT_BONUS, LEVEL_MATCH) if parsed.levels else 0.0
            # Readings leave much the same words for the role, and siblings share titles:
            # each (words, title) pair is scored once per lookup.
            memo: dict[tuple[tuple[str, ...], str], float] = {}
            for company_score, company in sorted(hypotheses, reverse=True):
                # The best this reading could do; past the best so far by more than the margin
                # people are shown, it is not worth scoring (nor is any reading after it).
                if 0.5 * company_score + 0.5 * ROLE_CEILING + most_bonus < best - SHOWN:
                    break
                role_query = self._role_query(parsed, company)
                asked = tuple(role_query)
                for i in self._company_guides[company]:
                    title = self._role_text[i]
                    role_score = memo.get((asked, title))
                    if role_score is None:
                        # Words that name nothing ("anything", "thoughts") describe no role:
                        # scored as a company named alone, not as a role that fits nothing.
                        described = any(w not in chatter for w in role_query)
                        role_score = (
                            role_match(role_query, title, chatter) if described else NO_ROLE
                        )
                        memo[(asked, title)] = role_score
                    score = 0.5 * company_score + 0.5 * role_score + self._level_bonus(i, parsed)
                    if score > scored.get(i, float("-inf")):
                        scored[i] = score
                        best = max(best, score)
            return self._rank(scored)
        role_query = self._role_query(parsed, None)
        if not role_query or parsed.unknown:
            return []
        for role, score in self._roles_like(role_query, limit=8, cutoff=60):
            for i in self._roles[role][:TOP]:  # all of a title score alike: the first few do
                scored[i] = max(scored.get(i, 0.0), score)
        return self._rank(scored)

    def _roles_like(
        self, words_: list[str], *, limit: int, cutoff: float
    ) -> list[tuple[str, float]]:
        """The distinct role titles the words describe best, for queries that name no company."""
        near = set(words_)
        for word in words_:
            near.update(
                w for w, _, _ in self._near_role_words.extract(word, limit=4, score_cutoff=75)
            )
        titles = {role for word in near for role in self._roles_by_word.get(word, ())}
        found = process.extract(
            " ".join(words_), sorted(titles), scorer=role_scorer, limit=limit, score_cutoff=cutoff
        )
        return [(role, score) for role, score, _ in found]

    def _level_bonus(self, i: int, parsed: Parsed) -> float:
        """Levels named in the query: this guide's own level (a sibling at another rung of the
        same ladder loses), or a named company's equivalent ("meta E5 equivalent at segment")."""
        if not parsed.levels:
            return 0.0
        own = self._own_levels[i]
        own_company = self._companies[i]
        match = mismatch = False
        bonus = 0.0
        for level in parsed.levels:
            parts = level_parts(level)
            if parts in own:
                match = True
            elif parts and any(scheme == parts[0] for scheme, _ in own):
                mismatch = True
            named = [c.replace("-", " ") for c in parsed.companies if c != own_company]
            for name in [*named, *parsed.level_companies]:
                if i in self._equivalents.get((name, level), ()):
                    bonus = max(bonus, EQUIVALENT_BONUS)
        if match:
            # With two companies named ("meta E5 equivalent at segment") the level is as likely
            # the yardstick as the ask.
            mine = parsed.explained.get(own_company, set())
            alone = not parsed.level_companies and all(
                positions & mine for positions in parsed.explained.values()
            )
            return max(bonus, LEVEL_MATCH if alone else LEVEL_MATCH / 2.5)
        return bonus - (LEVEL_MISMATCH if mismatch else 0.0)

    def _rank(self, scores: dict[int, float]) -> list[Candidate]:
        """The best few, best first (a bounded heap, not a sort of every score); ties by id.
        Ranked on the raw score (an exact title may pass 100); shown capped at 100."""
        ids = self._ids
        ranked = heapq.nsmallest(TOP, scores.items(), key=lambda kv: (-kv[1], ids[kv[0]]))
        return [
            Candidate(self.guides[i], round(min(score, 100.0), 1), score) for i, score in ranked
        ]

    def _decide(self, parsed: Parsed, ranked: Sequence[Candidate]) -> Lookup:
        where = Lookup(
            Status.NONE,
            region=parsed.region,
            region_text=parsed.region_text,
            level=parsed.levels[0].upper() if parsed.levels else None,
            unknown=tuple(parsed.unknown),
        )
        if parsed.unknown and not parsed.companies:
            return replace(where, candidates=tuple(self._suggestions(parsed)))
        if not ranked or ranked[0].score < MATCH_FLOOR:
            return replace(where, candidates=tuple(ranked[:3]))
        best = ranked[0].raw
        close = [c for c in ranked if best - c.raw < AMBIGUITY_MARGIN]
        if len(close) > 1 and parsed.region and not parsed.companies:
            # "backend engineer dublin", no company named: of guides alike on the words, the
            # only one with figures for the place asked about is the one meant. With a company
            # named ("segment london") its siblings differ by role, which a place does not tell.
            there = [c for c in close if c.guide.band(parsed.region) is not None]
            if len(there) == 1:
                ranked = [*there, *(c for c in ranked if c is not there[0])]
                close = there
        where = replace(where, region=_own_region(ranked[0].guide, parsed.region))
        if len(close) > 1:
            return replace(where, status=Status.AMBIGUOUS, candidates=tuple(close[:5]), unknown=())
        return replace(where, status=Status.MATCH, candidates=tuple(ranked[:5]), unknown=())

    def _suggestions(self, parsed: Parsed) -> list[Candidate]:
        """For an unknown company: the same role elsewhere, then look-alike company names."""
        found: dict[int, float] = {}
        role_query = self._role_query(parsed, None)
        if role_query:
            for role, score in self._roles_like(role_query, limit=3, cutoff=40):
                for i in self._roles[role][:3]:
                    found.setdefault(i, score * 0.5)
        for token in parsed.unknown:
            for key, score, _ in self._near_words.extract(token, limit=2, score_cutoff=60):
                for company, _ in self._company_keys[key]:
                    for i in self._company_guides[company][:2]:
                        found.setdefault(i, score * 0.5)
        return self._rank(found)[:3]


def _own_region(guide: Guide, region: str | None) -> str | None:
    """The region as the guide spells it ("Bangalore"), whichever spelling was typed."""
    if region is None:
        return None
    band = guide.band(region)
    return band.region if band is not None else region


@lru_cache(maxsize=65536)
def _name(text: str) -> str:
    """normalize_name, remembered: a corpus repeats its company, region and level names."""
    return normalize_name(text)


@lru_cache(maxsize=65536)
def _words(text: str) -> list[str]:
    return words(text)


@lru_cache(maxsize=65536)
def _role_key(title: str) -> str:
    return " ".join(expand(words(title)))

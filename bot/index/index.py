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
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from bot.guides.model import Guide
from bot.index.fuzzy import NearNames
from bot.index.rank import role_match, role_scorer
from bot.index.vocabulary import (
    ABBREVIATIONS,
    FILLER,
    LEVEL_RE,
    ROLE_WORDS,
    RUNG_WORDS,
    expand,
    level_parts,
)
from bot.prose.places import KNOWN_REGIONS, REGION_ALIASES
from bot.prose.words import normalize_name, words

# Suffixes people drop: "Nimora" for "Nimora AI".
_COMPANY_SUFFIXES = frozenset(
    [
        "ai",
        "labs",
        "lab",
        "inc",
        "inc.",
        "corp",
        "co",
        "cloud",
        "systems",
        "technologies",
        "tech",
        "health",
        "pay",
        "data",
        "robotics",
        "networks",
        "hq",
    ]
)

EXACT = 100.0
PARENT = 92.0  # "twilio" for Segment: right family, less direct than the name itself
DROPPED_SUFFIX = 96.0
HEAD_WORD = 90.0
COMPANY_CUTOFF = 80.0  # fuzzy company names below this are not the company
PHRASE_CUTOFF = 85.0  # the same for multi-word names, where one typo weighs less
ROLE_WORD_CUTOFF = 80.0
MATCH_FLOOR = 62.0
AMBIGUITY_MARGIN = 4.0
EQUIVALENT_BONUS = 12.0
LEVEL_MATCH = 10.0  # "L5" typed, the guide is the company's L5
LEVEL_MISMATCH = 10.0  # "L5" typed, the guide is the company's L4: a sibling, not the one
EXACT_PREFERENCE = 8.0  # "hexon" names Hexon; Hexon Labs is only a guess beside it
UNEXPLAINED_NAME = 12.0
ROLE_CEILING = 106.0  # the best role score: an exact title
SHOWN = 20.0  # candidates this far behind the best are still worth listing
TOP = 6  # candidates kept: five to show, one to tell a clear match from a close call  # "zenova health ...": the Zenova Robotics reading leaves "health" over


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


@dataclass
class _Parsed:
    """One query, read: which token positions are region, levels, companies, role words."""

    tokens: list[str]
    free: list[int] = field(default_factory=list)  # positions that may describe the role
    region: str | None = None
    region_text: str | None = None
    levels: list[str] = field(default_factory=list)
    companies: dict[str, float] = field(default_factory=dict)  # company -> best name score
    explained: dict[str, set[int]] = field(default_factory=dict)  # company -> its positions
    exact: set[int] = field(default_factory=set)  # positions spelling a company name exactly
    level_companies: list[str] = field(default_factory=list)  # "meta" in "meta E5 equivalent"
    chatter: list[str] = field(default_factory=list)  # short words that are no role word: "lol"
    unknown: list[str] = field(default_factory=list)

    def claim(self, company: str, score: float, positions: Iterable[int]) -> None:
        if score > self.companies.get(company, 0.0):
            self.companies[company] = score
        self.explained.setdefault(company, set()).update(positions)


class GuideIndex:
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
        self._company_words: dict[str, set[str]] = defaultdict(set)
        self._keys_of: dict[str, set[str]] = defaultdict(set)
        self._role_text: list[str] = []
        self._role_words: set[str] = set(ROLE_WORDS)
        self._roles: dict[str, list[int]] = defaultdict(list)
        self._equivalents: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._equivalent_companies: set[str] = set()
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
        index._company_keys = {
            k: [(c, float(score)) for c, score in v] for k, v in state["company_keys"].items()
        }
        index._company_words = {k: set(v) for k, v in state["company_words"].items()}
        index._keys_of = {k: set(v) for k, v in state["keys_of"].items()}
        index._role_text = state["role_text"]
        index._role_words = set(state["role_words"])
        index._roles = state["roles"]
        index._equivalents = {(c, lv): set(ids) for c, lv, ids in state["equivalents"]}
        index._equivalent_companies = set(state["equivalent_companies"])
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
        self._near_words = NearNames(k for k in self._company_keys if " " not in k and len(k) >= 4)
        self._phrases_by_head: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key in self._company_keys:
            if " " in key:
                parts = key.split()
                self._phrases_by_head[(parts[0], len(parts))].append(key)
        self._heads = NearNames(head for head, _ in self._phrases_by_head)
        self._near_role_words = NearNames(sorted(self._role_words))
        self._region_by_name = {v.casefold(): v for v in self._regions.values()}
        self._region_names = sorted(self._region_by_name)
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
            head, *rest = name.split() or [""]
            if not rest or head in FILLER or head in ROLE_WORDS or len(head) < 3:
                continue
            if all(w in _COMPANY_SUFFIXES for w in rest):
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

    def _add_company_key(self, key: str, company: str, score: float) -> None:
        if not key:
            return
        self._company_words[company].update(key.split())
        self._keys_of[company].add(key)
        entries = self._company_keys[key]
        if all(c != company for c, _ in entries):
            entries.append((company, score))

    def get(self, guide_id: str) -> Guide | None:
        i = self._by_id.get(guide_id)
        return self.guides[i] if i is not None else None

    def lookup(self, text: str, *, region: str | None = None) -> Lookup:
        """Resolve free text ("segmnt ai cdp nyc", a sentence) to guides and a region."""
        parsed = self._parse(_split_rungs(words(text)[:60]))
        if region:
            parsed.region, parsed.region_text = self._resolve_region(region), region
        return self._decide(parsed, self._score(parsed))

    # -- reading the query -------------------------------------------------------------

    def _parse(self, tokens: list[str]) -> _Parsed:
        parsed = _Parsed(tokens)
        # "sde 2", "engineer iii", "data scientist i": a rung of the title, not an amount or "I".
        rungs = {i for i, t in enumerate(tokens) if self._is_rung(tokens, i)}
        open_ = [
            i
            for i, t in enumerate(tokens)
            if i in rungs or (not _is_amount(t) and not (t.isdigit() and len(t) > 2))
        ]
        open_ = self._take_region(parsed, open_)
        for i in list(open_):
            if LEVEL_RE.match(tokens[i]):
                parsed.levels.append(tokens[i])
                open_.remove(i)
        self._exact_companies(parsed, open_)
        near = self._near_phrases(parsed, [i for i in open_ if i not in parsed.exact])
        for i in open_:
            token = tokens[i]
            if i in rungs and i not in parsed.exact:
                parsed.free.append(i)
                continue
            if token in FILLER or i in parsed.exact:
                continue
            # Near-miss words stay free: they explain only the companies they resemble, and
            # for every other reading they are words the role has to account for.
            if i in near or self._is_role_word(token):
                parsed.free.append(i)
            elif len(token) < 4:
                parsed.chatter.append(token)
            elif self._near_word(parsed, i):
                parsed.free.append(i)
            elif parsed.levels and token in self._equivalent_companies:
                # A company named only for its level ("meta E5 equivalent at segment"), which
                # the guides know from their level mappings though none is about it.
                parsed.level_companies.append(token)
            elif parsed.region is None and (region := self._fuzzy_region(token)):
                parsed.region, parsed.region_text = region, token
            else:
                parsed.unknown.append(token)
        self._scattered_names(parsed)
        return parsed

    def _scattered_names(self, parsed: _Parsed) -> None:
        """ "Engineer Corex Robotics Software": every word of "Corex Robotics" is there, if
        not side by side, so that reading is as good as the exact name."""
        present = set(parsed.tokens)
        for company in list(parsed.companies):
            have = {parsed.tokens[i] for i in parsed.explained.get(company, ())}
            for key in self._keys_of[company]:
                key_words = key.split()
                if len(key_words) > 1 and set(key_words) <= present and not set(key_words) <= have:
                    # One position per word of the name: a second "security" is a role word.
                    positions = [parsed.tokens.index(word) for word in dict.fromkeys(key_words)]
                    parsed.claim(company, EXACT, positions)

    def _take_region(self, parsed: _Parsed, positions: list[int]) -> list[int]:
        tokens = parsed.tokens
        for size in range(min(self._max_region_words, len(positions)), 0, -1):
            for start in range(len(positions) - size + 1):
                window = positions[start : start + size]
                phrase = " ".join(tokens[i] for i in window)
                if phrase in self._regions and window[-1] - window[0] == size - 1:
                    parsed.region, parsed.region_text = self._regions[phrase], phrase
                    return [i for i in positions if i not in window]
        return positions

    def _resolve_region(self, text: str) -> str:
        key = normalize_name(text)
        if key in self._regions:
            return self._regions[key]
        return self._fuzzy_region(key) or text.strip()

    def _fuzzy_region(self, key: str) -> str | None:
        best = process.extractOne(key, self._region_names, scorer=fuzz.ratio, score_cutoff=80)
        return self._region_by_name[best[0]] if best else None

    def _windows(self, positions: list[int], size: int) -> Iterable[list[int]]:
        """Runs of ``size`` adjacent token positions among ``positions``."""
        for start in range(len(positions) - size + 1):
            window = positions[start : start + size]
            if window[-1] - window[0] == size - 1:
                yield window

    def _exact_companies(self, parsed: _Parsed, positions: list[int]) -> None:
        tokens = parsed.tokens
        for size in range(min(self._max_company_words, len(positions)), 0, -1):
            for window in self._windows(positions, size):
                phrase = " ".join(tokens[i] for i in window)
                entries = self._company_keys.get(phrase)
                if not entries:
                    continue
                if size == 1:
                    # Filler ("pay") and role words ("data") name a company only when they
                    # are all the query says.
                    meaningful = [i for i in positions if tokens[i] not in FILLER]
                    if (phrase in FILLER or phrase in self._role_words) and len(meaningful) > 1:
                        continue
                exact = any(score == EXACT for _, score in entries)
                for company, score in entries:
                    if exact and score < EXACT:
                        score -= EXACT_PREFERENCE  # noqa: PLW2901 - a guess beside the name
                    parsed.claim(company, score, window)
                parsed.exact.update(window)

    def _near_phrases(self, parsed: _Parsed, positions: list[int]) -> set[int]:
        tokens = parsed.tokens
        near: set[int] = set()
        for size in range(min(self._max_company_words, len(positions)), 1, -1):
            for window in self._windows(positions, size):
                first = tokens[window[0]]
                if first in FILLER or self._is_role_word(first):
                    continue
                keys = self._phrases_like(first, size)
                if not keys:
                    continue
                phrase = " ".join(tokens[i] for i in window)
                matches = process.extract(
                    phrase, keys, scorer=fuzz.ratio, limit=4, score_cutoff=PHRASE_CUTOFF
                )
                self._claim_near(parsed, matches, window)
                if matches:
                    near.update(window)
        return near

    def _phrases_like(self, head: str, size: int) -> list[str]:
        """Multi-word names of ``size`` words whose first word is ``head`` or near it: a typo
        sits in one word, so the other one still finds the name."""
        heads = [head, *(h for h, _, _ in self._heads.extract(head, limit=8, score_cutoff=70))]
        return [
            key for h in dict.fromkeys(heads) for key in self._phrases_by_head.get((h, size), ())
        ]

    def _near_word(self, parsed: _Parsed, i: int) -> bool:
        """Claim near-miss company names for one word ("sgement"); True if it resembles a
        company or a role word ("platfrom")."""
        token = parsed.tokens[i]
        matches = self._near_words.extract(token, limit=4, score_cutoff=COMPANY_CUTOFF)
        role_like = self._near_role_words.best(token, score_cutoff=ROLE_WORD_CUTOFF)
        self._claim_near(parsed, matches, [i])
        return bool(matches) or role_like is not None

    def _claim_near(
        self, parsed: _Parsed, matches: list[tuple[str, float, int]], window: list[int]
    ) -> None:
        if not matches:
            return
        top = matches[0][1]
        for key, ratio, _ in matches:
            if top - ratio <= AMBIGUITY_MARGIN:  # equally near names all stay in play
                for company, score in self._company_keys[key]:
                    parsed.claim(company, score * ratio / 100, window)

    def _is_rung(self, tokens: list[str], i: int) -> bool:
        """ "ii", "iii", "iv" anywhere; "1"-"4" unless a unit follows ("2 years", "3k");
        "i" only after a role word ("SDE I", not "I want")."""
        token = tokens[i]
        if token not in RUNG_WORDS:
            return False
        if token in {"ii", "iii", "iv"}:
            return True
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token.isdigit():
            return after not in _UNITS
        j = i - 1
        while j >= 0 and LEVEL_RE.match(tokens[j]):
            j -= 1
        return j >= 0 and self._is_role_word(tokens[j])

    def _is_role_word(self, token: str) -> bool:
        return token in self._role_words or any(w in self._role_words for w in expand([token]))

    # -- scoring -----------------------------------------------------------------------

    def _spare_exact(self, parsed: _Parsed, company: str | None) -> set[int]:
        """Role words of another company's name that this reading leaves over ("security" in
        "quanta security engineer", read as Quanta's security engineer)."""
        explained = parsed.explained.get(company, set()) if company else set()
        free = {parsed.tokens[i] for i in parsed.free}
        return {
            i
            for i in parsed.exact - explained
            if self._is_role_word(parsed.tokens[i])
            and parsed.tokens[i] not in FILLER
            and parsed.tokens[i] not in _COMPANY_SUFFIXES  # "AI" of "Obson AI" is its name
            and parsed.tokens[i] not in free
        }

    def _role_query(self, parsed: _Parsed, company: str | None) -> list[str]:
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

    def _score(self, parsed: _Parsed) -> list[Candidate]:
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
                        role_score = role_match(role_query, title, chatter) if role_query else 50.0
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

    def _level_bonus(self, i: int, parsed: _Parsed) -> float:
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

    def _decide(self, parsed: _Parsed, ranked: Sequence[Candidate]) -> Lookup:
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
        where = replace(where, region=_own_region(ranked[0].guide, parsed.region))
        close = [c for c in ranked if best - c.raw < AMBIGUITY_MARGIN]
        if len(close) > 1:
            return replace(where, status=Status.AMBIGUOUS, candidates=tuple(close[:5]), unknown=())
        return replace(where, status=Status.MATCH, candidates=tuple(ranked[:5]), unknown=())

    def _suggestions(self, parsed: _Parsed) -> list[Candidate]:
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


_GLUED_RUNG_RE = re.compile(r"^(?P<role>[a-z]{2,4})(?P<rung>[1-4])$")
_PLURAL_LEVEL_RE = re.compile(r"^(?P<level>(?:l|e|ic|ict|m|p|t)?\d{1,2}|i{2,3}|iv)s$")
_UNITS = frozenset(
    {"years", "year", "yrs", "yr", "y", "months", "month", "k", "x", "days", "weeks", "people"}
)


def _split_rungs(tokens: list[str]) -> list[str]:
    """ "sde2" -> "sde", "2": a rung glued to a role abbreviation; "L7s" -> "l7"."""
    out: list[str] = []
    for token in tokens:
        if plural := _PLURAL_LEVEL_RE.match(token):
            token = plural["level"]  # noqa: PLW2901 - "L7s", "2s", "IIs"
        m = _GLUED_RUNG_RE.match(token)
        if m and m["role"] in ABBREVIATIONS:
            out += [m["role"], m["rung"]]
        else:
            out.append(token)
    return out


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


def _is_amount(token: str) -> bool:
    return any(c.isdigit() for c in token) and not LEVEL_RE.match(token) and not token.isalpha()

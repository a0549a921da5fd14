"""Find the guide someone means. The only user of rapidfuzz.

A query is read in passes: regions ("nyc", "bay area", "LDN") come out first, then companies
(exact names, aliases and parent brands, then fuzzy for typos), then levels ("E5"); what is left
describes the role. Candidates are the named company's guides, scored on the role; with no
company, the role alone is searched. The answer says plainly when it is a clear match, when
several guides are about as likely (the caller asks the user to pick), and when there is none,
with the nearest suggestions. It never answers a question about one company with another's guide.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from rapidfuzz import fuzz, process

from bot.guides.model import Guide
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
UNEXPLAINED_NAME = 12.0  # "zenova health ...": the Zenova Robotics reading leaves "health" over


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

    def __init__(self, guides: Iterable[Guide]) -> None:
        self.guides: tuple[Guide, ...] = tuple(guides)
        self._by_id = {g.id: g for g in self.guides}
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
        self._max_company_words = max((len(k.split()) for k in self._company_keys), default=1)
        self._max_region_words = max((len(k.split()) for k in self._regions), default=1)
        self._fuzzy_words = [k for k in self._company_keys if " " not in k and len(k) >= 4]
        self._fuzzy_phrases: dict[int, list[str]] = defaultdict(list)
        for key in self._company_keys:
            if " " in key:
                self._fuzzy_phrases[len(key.split())].append(key)
        self._role_word_list = sorted(self._role_words)
        self._region_by_name = {v.casefold(): v for v in self._regions.values()}
        self._region_names = sorted(self._region_by_name)
        self._distinct_roles = sorted(self._roles)

    def _add(self, i: int, guide: Guide) -> None:
        company = guide.company
        self._company_guides[company].append(i)
        names = {normalize_name(guide.company_display), normalize_name(company.replace("-", " "))}
        names.update(normalize_name(a) for a in guide.aliases)
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
            self._add_company_key(normalize_name(parent), company, PARENT)
        role = _role_key(guide)
        self._roles[role].append(i)
        self._role_text.append(role)
        self._role_words.update(role.split())
        mapping = guide.level_mapping
        own = {
            parts
            for word in words(f"{mapping.internal or ''} {guide.role_display}")
            if (parts := level_parts(word))
        }
        self._own_levels.append(frozenset(own))
        if mapping.internal:
            self._equivalents[(company.replace("-", " "), mapping.internal.casefold())].add(i)
        for equivalent in mapping.equivalents:
            for level_word in words(equivalent.level):
                self._equivalents[(normalize_name(equivalent.company), level_word)].add(i)
            self._equivalent_companies.add(normalize_name(equivalent.company))
        for band in guide.bands:
            self._regions.setdefault(normalize_name(band.region), band.region)

    def _add_company_key(self, key: str, company: str, score: float) -> None:
        if not key:
            return
        self._company_words[company].update(key.split())
        self._keys_of[company].add(key)
        entries = self._company_keys[key]
        if all(c != company for c, _ in entries):
            entries.append((company, score))

    def get(self, guide_id: str) -> Guide | None:
        return self._by_id.get(guide_id)

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
            keys = self._fuzzy_phrases.get(size)
            if not keys:
                continue
            for window in self._windows(positions, size):
                first = tokens[window[0]]
                if first in FILLER or self._is_role_word(first):
                    continue
                phrase = " ".join(tokens[i] for i in window)
                matches = process.extract(
                    phrase, keys, scorer=fuzz.ratio, limit=4, score_cutoff=PHRASE_CUTOFF
                )
                self._claim_near(parsed, matches, window)
                if matches:
                    near.update(window)
        return near

    def _near_word(self, parsed: _Parsed, i: int) -> bool:
        """Claim near-miss company names for one word ("sgement"); True if it resembles a
        company or a role word ("platfrom")."""
        token = parsed.tokens[i]
        matches = process.extract(
            token, self._fuzzy_words, scorer=fuzz.ratio, limit=4, score_cutoff=COMPANY_CUTOFF
        )
        role_like = process.extractOne(
            token, self._role_word_list, scorer=fuzz.ratio, score_cutoff=ROLE_WORD_CUTOFF
        )
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
            for company, company_score in parsed.companies.items():
                role_query = self._role_query(parsed, company)
                left_over = len(
                    parsed.exact
                    - parsed.explained.get(company, set())
                    - self._spare_exact(parsed, company)
                )
                company_score -= UNEXPLAINED_NAME * left_over  # noqa: PLW2901
                for i in self._company_guides[company]:
                    role_score = (
                        role_match(role_query, self._role_text[i], chatter) if role_query else 50.0
                    )
                    score = 0.5 * company_score + 0.5 * role_score + self._level_bonus(i, parsed)
                    scored[i] = max(scored.get(i, 0.0), score)
            return self._rank(scored)
        role_query = self._role_query(parsed, None)
        if not role_query or parsed.unknown:
            return []
        for role, score in self._roles_like(role_query, limit=8, cutoff=60):
            for i in self._roles[role]:
                scored[i] = max(scored.get(i, 0.0), score)
        return self._rank(scored)

    def _roles_like(
        self, words_: list[str], *, limit: int, cutoff: float
    ) -> list[tuple[str, float]]:
        """The distinct role titles the words describe best, for queries that name no company."""
        found = process.extract(
            " ".join(words_),
            self._distinct_roles,
            scorer=role_scorer,
            limit=limit,
            score_cutoff=cutoff,
        )
        return [(role, score) for role, score, _ in found]

    def _level_bonus(self, i: int, parsed: _Parsed) -> float:
        """Levels named in the query: this guide's own level (a sibling at another rung of the
        same ladder loses), or a named company's equivalent ("meta E5 equivalent at segment")."""
        guide = self.guides[i]
        own = self._own_levels[i]
        match = mismatch = False
        bonus = 0.0
        for level in parsed.levels:
            parts = level_parts(level)
            if parts in own:
                match = True
            elif parts and any(scheme == parts[0] for scheme, _ in own):
                mismatch = True
            named = [c.replace("-", " ") for c in parsed.companies if c != guide.company]
            for name in [*named, *parsed.level_companies]:
                if i in self._equivalents.get((name, level), ()):
                    bonus = max(bonus, EQUIVALENT_BONUS)
        if match:
            # With two companies named ("meta E5 equivalent at segment") the level is as likely
            # the yardstick as the ask.
            mine = parsed.explained.get(guide.company, set())
            alone = not parsed.level_companies and all(
                positions & mine for positions in parsed.explained.values()
            )
            return max(bonus, LEVEL_MATCH if alone else LEVEL_MATCH / 2.5)
        return bonus - (LEVEL_MISMATCH if mismatch else 0.0)

    def _rank(self, scores: dict[int, float]) -> list[Candidate]:
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], self.guides[kv[0]].id))
        # Ranked on the raw score (an exact title may pass 100); shown capped at 100.
        return [
            Candidate(self.guides[i], round(min(score, 100.0), 1), score)
            for i, score in ranked[:10]
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
            for key, score, _ in process.extract(
                token, self._fuzzy_words, scorer=fuzz.ratio, limit=2, score_cutoff=60
            ):
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


def _role_key(guide: Guide) -> str:
    return " ".join(expand(words(guide.role_display)))


def _is_amount(token: str) -> bool:
    return any(c.isdigit() for c in token) and not LEVEL_RE.match(token) and not token.isalpha()

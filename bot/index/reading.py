"""Reading a query: regions first, then companies (exact names, aliases and parent brands,
then near names for typos), then levels and rungs; what is left describes the role. Each
company the words might name is a hypothesis with the positions it explains (bot.index.index
scores them). Mixed into GuideIndex, whose tables it reads."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.index.fuzzy import NearNames
from bot.index.vocabulary import ABBREVIATIONS, FILLER, LEVEL_RE, RUNG_WORDS, expand
from bot.prose.words import fold_accents, normalize_name

# Suffixes people drop: "Nimora" for "Nimora AI".
COMPANY_SUFFIXES = frozenset(
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
AMBIGUITY_MARGIN = 4.0
PLACE_CUTOFF = 85.0  # a place of several words, nearly typed ("san fransisco")
SHORT_PLACE = 10  # characters below which one wrong letter is another phrase ("new work")
SHORT_PLACE_CUTOFF = 90.0  # ... so only a missing or doubled one is forgiven ("hong kog")
MIN_WEB_STEM = 3  # letters a site's name needs to stand for a company on its own
MIN_JOINED = 6  # the shortest name read from words typed apart: "open ai" is OpenAI
EXACT_PREFERENCE = 8.0  # "hexon" names Hexon; Hexon Labs is only a guess beside it


@dataclass
class Parsed:
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


class Reading:
    """The passes that read a query, over the tables GuideIndex builds."""

    _regions: dict[str, str]
    _folded_regions: dict[str, str]
    _max_region_words: int
    _region_names: list[str]
    _phrase_regions: list[str]
    _region_by_name: dict[str, str]
    _company_keys: dict[str, list[tuple[str, float]]]
    _keys_of: dict[str, Collection[str]]
    _max_company_words: int
    _role_words: set[str]
    _near_words: NearNames
    _near_role_words: NearNames
    _phrases_by_head: dict[tuple[str, int], list[str]]
    _heads: NearNames
    _equivalent_companies: set[str]

    def _parse(self, tokens: list[str]) -> Parsed:
        parsed = Parsed(tokens)
        # "sde 2", "engineer iii", "data scientist i": a rung of the title, not an amount or "I".
        rungs = {i for i, t in enumerate(tokens) if self._is_rung(tokens, i)}
        open_ = [
            i
            for i, t in enumerate(tokens)
            if i in rungs
            or t in self._company_keys  # "1password", "23andme", "3m": names, not amounts
            or (not is_amount(t) and not (t.isdigit() and len(t) > 2))
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

    def _scattered_names(self, parsed: Parsed) -> None:
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

    def _take_region(self, parsed: Parsed, positions: list[int]) -> list[int]:
        tokens = parsed.tokens
        folded = [fold_accents(t) for t in tokens]
        for size in range(min(self._max_region_words, len(positions)), 0, -1):
            for window in self._windows(positions, size):
                region = self._folded_regions.get(" ".join(folded[i] for i in window))
                if region is not None:
                    parsed.region = region
                    parsed.region_text = " ".join(tokens[i] for i in window)
                    return [i for i in positions if i not in window]
        return self._take_near_region(parsed, positions)

    def _take_near_region(self, parsed: Parsed, positions: list[int]) -> list[int]:
        """A place of several words with a typo ("san fransisco"): one word alone is too short
        to tell, the whole name is not. Words of roles, companies and chat are no place."""
        tokens = parsed.tokens
        open_ = [
            i
            for i in positions
            if tokens[i] not in FILLER
            and not self._is_role_word(tokens[i])
            and tokens[i] not in self._company_keys
        ]
        for size in range(min(self._max_region_words, len(open_)), 1, -1):
            for window in self._windows(open_, size):
                phrase = fold_accents(" ".join(tokens[i] for i in window))
                # one letter off in a short name is another phrase ("new work", "new york")
                cutoff = PLACE_CUTOFF if len(phrase) >= SHORT_PLACE else SHORT_PLACE_CUTOFF
                best = process.extractOne(
                    phrase, self._phrase_regions, scorer=fuzz.ratio, score_cutoff=cutoff
                )
                if best:
                    parsed.region = self._region_by_name[best[0]]
                    parsed.region_text = " ".join(tokens[i] for i in window)
                    return [i for i in positions if i not in window]
        return positions

    def _resolve_region(self, text: str) -> str:
        key = fold_accents(normalize_name(text))
        if key in self._folded_regions:
            return self._folded_regions[key]
        return self._fuzzy_region(key) or text.strip()

    def _fuzzy_region(self, key: str) -> str | None:
        best = process.extractOne(
            fold_accents(key), self._region_names, scorer=fuzz.ratio, score_cutoff=80
        )
        return self._region_by_name[best[0]] if best else None

    def _windows(self, positions: list[int], size: int) -> Iterable[list[int]]:
        """Runs of ``size`` adjacent token positions among ``positions``."""
        for start in range(len(positions) - size + 1):
            window = positions[start : start + size]
            if window[-1] - window[0] == size - 1:
                yield window

    def _exact_companies(self, parsed: Parsed, positions: list[int]) -> None:
        tokens = parsed.tokens
        for size in range(min(self._max_company_words, len(positions)), 0, -1):
            for window in self._windows(positions, size):
                phrase = " ".join(tokens[i] for i in window)
                entries = self._company_keys.get(phrase)
                other = web_stem(phrase) if size == 1 else self._joined(tokens, window)
                if not entries and other:
                    # "amazon.com" names Amazon, "byte dance" ByteDance: if less surely than
                    # the name as the guide writes it.
                    entries = [
                        (c, min(score, DROPPED_SUFFIX))
                        for c, score in self._company_keys.get(other, ())
                    ]
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

    def _joined(self, tokens: list[str], window: list[int]) -> str | None:
        """ "byte dance" -> "bytedance": a name split where the guide writes it whole. Chat
        words are never part of one ("at" and "t" are not AT&T)."""
        parts = [tokens[i] for i in window]
        if any(part in FILLER for part in parts):
            return None
        joined = "".join(parts)
        return joined if len(joined) >= MIN_JOINED else None

    def _near_phrases(self, parsed: Parsed, positions: list[int]) -> set[int]:
        tokens = parsed.tokens
        near: set[int] = set()
        heads: dict[str, list[str]] = {}  # this lookup's near heads, by token (sizes share them)
        for size in range(min(self._max_company_words, len(positions)), 1, -1):
            for window in self._windows(positions, size):
                first = tokens[window[0]]
                if first in FILLER or self._is_role_word(first):
                    continue
                keys = self._phrases_like(first, size, heads)
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

    def _phrases_like(self, head: str, size: int, memo: dict[str, list[str]]) -> list[str]:
        """Multi-word names of ``size`` words whose first word is ``head`` or near it: a typo
        sits in one word, so the other one still finds the name. ``memo`` is the caller's:
        lookups run on many threads, so nothing is kept on the index."""
        heads = memo.get(head)
        if heads is None:
            near = self._heads.extract(head, limit=8, score_cutoff=75)
            heads = memo[head] = [head, *(h for h, _, _ in near)]
        return [key for h in heads for key in self._phrases_by_head.get((h, size), ())]

    def _near_word(self, parsed: Parsed, i: int) -> bool:
        """Claim near-miss company names for one word ("sgement"); True if it resembles a
        company or a role word ("platfrom")."""
        token = parsed.tokens[i]
        matches = self._near_words.extract(token, limit=4, score_cutoff=COMPANY_CUTOFF)
        role_like = self._near_role_words.best(token, score_cutoff=ROLE_WORD_CUTOFF)
        self._claim_near(parsed, matches, [i])
        return bool(matches) or role_like is not None

    def _claim_near(
        self, parsed: Parsed, matches: list[tuple[str, float, int]], window: list[int]
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


_GLUED_RUNG_RE = re.compile(r"^(?P<role>[a-z]{2,4})(?P<rung>[1-4])$")


_PLURAL_LEVEL_RE = re.compile(r"^(?P<level>(?:l|e|ic|ict|m|p|t)?\d{1,2}|i{2,3}|iv)s$")


_UNITS = frozenset(
    {"years", "year", "yrs", "yr", "y", "months", "month", "k", "x", "days", "weeks", "people"}
)


def split_rungs(tokens: list[str]) -> list[str]:
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


_WEB_SUFFIXES = frozenset({"com", "io", "ai", "co", "net", "org", "dev", "app", "uk", "in", "de"})


def web_stem(name: str) -> str | None:
    """ "booking.com" -> "booking", "amazon.co.uk" -> "amazon": a company written as its site."""
    stem, *rest = name.split(".")
    if (
        rest
        and len(stem) >= MIN_WEB_STEM  # "x.ai" is no "x"
        and " " not in name
        and all(part in _WEB_SUFFIXES for part in rest)
    ):
        return stem
    return None


def compact(name: str) -> str:
    """ "j.p. morgan" -> "jpmorgan", "mercado libre" -> "mercadolibre": a name as people
    write it run together."""
    return "".join(c for c in name if c.isalnum())


def is_amount(token: str) -> bool:
    return any(c.isdigit() for c in token) and not LEVEL_RE.match(token) and not token.isalpha()

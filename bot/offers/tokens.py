"""Pasted text -> tokens: figures (amounts, percents, share counts) and words (labels, periods,
"none", markers), each with its span in the normalised paste.

A figure is a number with what is written round it: a currency mark before or after ("$",
"CHF", "€", "zł", "万円"), a unit ("k", "L", "LPA", "Cr", "万", "mil"), "%", a pay period
("/yr", "per month", "brutto monatlich"), a grant length ("/4", "/4y"), a range ("160-190k")
or an alternative ("150 or 155"). Numbers that are not money are kept apart as marks:
durations ("4 years", "30 days"), payment counts ("x 13", "14 pagas", "15薪", "13e mois"),
ordinals ("yr2", "Year 1"), dates, times, phone numbers and ids.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.errors import OfferError
from bot.offers.amounts import Figure, Mark, read_figure
from bot.offers.lexicon import (
    CJK_BY_FIRST,
    CJK_RE,
    COUNT_NOUNS,
    JOINED,
    TRIE,
    Entry,
    Kind,
    is_cjk,
)
from bot.offers.marks import find_marks
from bot.offers.ranges import join
from bot.offers.spans import covered
from bot.prose.components import Component
from bot.prose.money import retirement_plan_at
from bot.prose.numbers import NUMBER_RE, spelled_in

_SCRIPT_RUN_RE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+|[^\W\d_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+"
)
MAX_NUMBERS = 400  # a 16 KB email thread with an offer in it holds about 200
MAX_WORDS = 1_500  # ... and about 430 words of the lexicon
_LETTERS_SPLIT_RE = re.compile(r"([^\W\d_]+)")  # one class: the scan skips to letters
_NEWLINE_RE = re.compile(r"\n")
_SPACES_RE = re.compile(r"[^\S\n]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


_NOT_GROSS_PAY = frozenset({"ctc", "netto"})  # a total, or net pay: not a base
# "1099k EUR", "1099 L", "1099 €": a unit or a currency after makes the number money
_UNIT_AFTER_RE = re.compile(
    r"[ ]?(?:k|m|l|cr|lakhs?|lacs?|crores?|thousand|million|万|千|[€$£₹]|usd|eur|gbp|inr)(?![a-z])"
)
_MONEY_BEFORE_RE = re.compile(r"[$€£₹][ ]?\Z")
_OFFER_NAME_RE = re.compile(r"[ ]?#?[ ]?(?:\d|[a-d])\b", re.IGNORECASE)
_INVOICED_RE = re.compile(r"\bb2b\b|\bvat\b|\binvoic|\bfaktur", re.IGNORECASE)


class Word(NamedTuple):
    kind: Kind
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Tokens:
    """A paste's tokens, each kind sorted by start, with range lookups by bisection so every
    later stage reads the tokens of a piece in time proportional to the piece."""

    text: str
    figures: tuple[Figure, ...]
    words: tuple[Word, ...]
    marks: tuple[Mark, ...]
    cjk: bool
    _figure_starts: tuple[int, ...] = field(init=False, repr=False)
    _figure_ends: tuple[int, ...] = field(init=False, repr=False)
    _word_starts: tuple[int, ...] = field(init=False, repr=False)
    _mark_starts: tuple[int, ...] = field(init=False, repr=False)
    _line_starts: tuple[int, ...] = field(init=False, repr=False)
    labels: tuple[Word, ...] = field(init=False, repr=False)
    _label_starts: tuple[int, ...] = field(init=False, repr=False)
    _by_kind: dict[Kind | tuple[Kind, str], tuple[list[int], list[Word]]] = field(
        init=False, repr=False
    )

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "_figure_starts", tuple(f.start for f in self.figures))
        setattr_(self, "_figure_ends", tuple(f.end for f in self.figures))
        setattr_(self, "_word_starts", tuple(w.start for w in self.words))
        setattr_(self, "_mark_starts", tuple(m.start for m in self.marks))
        starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(self.text))]
        setattr_(self, "_line_starts", tuple(starts))
        labels = _labels(self.text, self.words, self.figures)
        setattr_(self, "labels", labels)
        setattr_(self, "_label_starts", tuple(w.start for w in labels))
        by_kind: dict[Kind | tuple[Kind, str], list[Word]] = {}
        for w in self.words:
            by_kind.setdefault(w.kind, []).append(w)
            if w.kind in (Kind.LABEL, Kind.PERIOD):
                by_kind.setdefault((w.kind, w.key), []).append(w)
        setattr_(self, "_by_kind", {k: ([w.start for w in ws], ws) for k, ws in by_kind.items()})

    def words_of(self, kind: Kind | tuple[Kind, str], start: int, end: int) -> list[Word]:
        """The words of one kind (or of a label or period kind and key: (LABEL, "stock")) in
        [start, end)."""
        found = self._by_kind.get(kind)
        if found is None:
            return []
        starts, words = found
        return words[bisect_left(starts, start) : bisect_left(starts, end)]

    def gross_pay(self, figure: Figure) -> bool:
        """Pay by its shape: gross ("brutto", "gross") or by the month ("pro Monat")."""
        if figure.per == "month" and not figure.shares:
            return True
        return any(
            self.text[w.start : w.end].lower() not in _NOT_GROSS_PAY
            for w in self.words_of(Kind.GROSS, figure.start, figure.end + 3)
        )

    def labels_in(self, start: int, end: int) -> tuple[Word, ...]:
        """The component labels and not-pay labels that start in [start, end)."""
        starts = self._label_starts
        return self.labels[bisect_left(starts, start) : bisect_left(starts, end)]

    def figures_in(self, start: int, end: int) -> tuple[Figure, ...]:
        """The figures that start in [start, end)."""
        starts = self._figure_starts
        return self.figures[bisect_left(starts, start) : bisect_left(starts, end)]

    def figure_index(self, position: int) -> int:
        """How many figures start before ``position``."""
        return bisect_left(self._figure_starts, position)

    def last_figure_ending_by(self, position: int) -> Figure | None:
        i = bisect_right(self._figure_ends, position)
        return self.figures[i - 1] if i else None

    def words_in(self, start: int, end: int) -> tuple[Word, ...]:
        starts = self._word_starts
        return self.words[bisect_left(starts, start) : bisect_left(starts, end)]

    def word_before(self, position: int, reach: int = 3) -> Word | None:
        """The word that ends at most ``reach`` characters before ``position``."""
        i = bisect_left(self._word_starts, position)
        if i:
            word = self.words[i - 1]
            if word.end <= position and position - word.end <= reach:
                return word
        return None

    def word_after(self, position: int, reach: int = 3) -> Word | None:
        """The word that starts at most ``reach`` characters after ``position``."""
        i = bisect_left(self._word_starts, position)
        if i < len(self.words) and self.words[i].start - position <= reach:
            return self.words[i]
        return None

    def marks_in(self, start: int, end: int) -> tuple[Mark, ...]:
        starts = self._mark_starts
        return self.marks[bisect_left(starts, start) : bisect_left(starts, end)]

    def any_figure_in(self, start: int, end: int) -> bool:
        i = bisect_left(self._figure_starts, start)
        return i < len(self.figures) and self.figures[i].start < end

    def line_of(self, position: int) -> tuple[int, int]:
        """(start, end) of the line holding ``position``, without its newline."""
        starts = self._line_starts
        i = bisect_right(starts, position) - 1
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
        return starts[i], end


def _runs(low: str, cjk: bool) -> list[tuple[str, int, int]]:
    """The letter runs of ``low`` as (run, start, end), a run of CJK apart from the letters
    round it ("rsu股票" is "rsu" and "股票"): one split on letters, positions added up."""
    parts = _LETTERS_SPLIT_RE.split(low)
    out: list[tuple[str, int, int]] = []
    pos = 0
    for k in range(0, len(parts) - 1, 2):
        pos += len(parts[k])
        run = parts[k + 1]
        if cjk and CJK_RE.search(run):
            out.extend(
                (m.group(0), pos + m.start(), pos + m.end()) for m in _SCRIPT_RUN_RE.finditer(run)
            )
        else:
            out.append((run, pos, pos + len(run)))
        pos += len(run)
    return out


def _labels(text: str, words: tuple[Word, ...], figures: tuple[Figure, ...]) -> tuple[Word, ...]:
    """Label words outside every figure ("k" of "5k" is no label); a bare "sign" counts only
    against a figure ("5k sign", "15k to sign")."""
    ends = {f.end for f in figures}
    invoiced = _INVOICED_RE.search(text) is not None
    out = []
    f = 0
    for word in words:
        w = word
        if w.kind not in (Kind.LABEL, Kind.OTHER):
            continue
        if invoiced and text[w.start : w.end].lower() == "net":
            continue  # on a B2B invoice "net" is before VAT: the pay, not take-home
        if _OFFER_NAME_RE.match(text, w.end) and text[w.start : w.end].lower() == "option":
            continue  # "Option A:", "Option 2": a name for an offer, not a stock option
        while f < len(figures) and figures[f].end <= w.start:
            f += 1
        if f < len(figures) and figures[f].start <= w.start:
            if w.end <= figures[f].end or w.kind is not Kind.LABEL:
                continue  # inside a figure
            # "$60k annual salary": the figure took "annual"; the label is the rest
            w = w._replace(start=figures[f].end)
        if text[w.start : w.end].lower() == "sign" and not (
            w.start - 1 in ends
            or w.start in ends
            or (w.start - 4 in ends and text[w.start - 4 : w.start].lower() == " to ")
        ):
            continue  # "15k to sign" is one too
        out.append(w)
    return tuple(out)


def normalize(text: str) -> str:
    """Zero-width characters out; whitespace runs (no-break, narrow no-break) to one space
    (an indent to its depth), newlines kept. Full-width forms were folded by strip_markup (NFKC)."""
    text = text.translate(_ZERO_WIDTH)
    return _SPACES_RE.sub(_space, text)


def _space(run: re.Match[str]) -> str:
    """One space, but an indent keeps its depth (up to 16 columns): nesting says whose a
    YAML or JSON value is."""
    at = run.start()
    if (at and run.string[at - 1] != "\n") or run.end() == len(run.string):
        return " "
    return " " * min(16, len(run.group(0).expandtabs(4)))


def _lower(text: str) -> str:
    """Lowercase with every character kept in place, so spans line up with ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def tokenize(text: str) -> Tokens:
    """The tokens of a normalised paste. The work is bounded first: a paste with more numbers
    or pay words than an offer ever holds is answered before it is read (reading each costs the
    same, so a log or a table dump would cost seconds)."""
    low = _lower(text)
    raw: list[tuple[int, int, re.Match[str] | None, float | None]] = [
        (m.start(), m.end(), m, None) for m in NUMBER_RE.finditer(low)
    ]
    if len(raw) > MAX_NUMBERS:
        raise OfferError(
            f"That paste holds {len(raw):,} numbers; I read pastes with up to {MAX_NUMBERS}. "
            "Paste just the part with the offer."
        )
    cjk = CJK_RE.search(text) is not None
    runs = _runs(low, cjk)
    words = _words(low, runs)
    if len(words) > MAX_WORDS:
        raise OfferError(
            f"That paste holds over {MAX_WORDS:,} pay words; I read pastes with up to "
            f"{MAX_WORDS:,}. Paste just the part with the offer."
        )
    marks = find_marks(low)
    taken = covered(len(low), [(m.start, m.end) for m in marks])
    figures: list[Figure] = []
    digits = covered(len(low), [(s, e) for s, e, _, _ in raw])
    for spelled in spelled_in(low, runs):
        if not any(digits[spelled.start : spelled.end]):
            raw.append((spelled.start, spelled.end, None, spelled.value))
    raw.sort(key=lambda r: r[0])
    consumed = 0
    for start, end, match, spelled_value in raw:
        if start < consumed or taken[start]:
            continue
        if (
            match is not None
            and match.group(0) == "401"
            and retirement_plan_at(low, start) is not None
        ):
            words.append(Word(Kind.OTHER, "other", start, end))
            continue
        if (
            match is not None
            and match.group(0) == "1099"
            and not _MONEY_BEFORE_RE.search(low, max(0, start - 2), start)
            and not _UNIT_AFTER_RE.match(low, end)
        ):
            continue  # the US contractor's tax form ("1099 contract"), as W2 is the employee's
        got = read_figure(low, text, start, end, match, spelled_value, cjk)
        if isinstance(got, Mark):
            marks.append(got)
            consumed = got.end
        elif got is not None:
            figures.append(got)
            consumed = got.end
    figures = _enrich(low, join(low, figures), words)
    marks.sort(key=lambda m: m.start)
    words.sort(key=lambda w: w.start)
    return Tokens(text, tuple(figures), tuple(words), tuple(marks), cjk)


def _enrich(low: str, figures: list[Figure], words: list[Word]) -> list[Figure]:
    """What the lexicon says right after a figure, in any of its languages: a pay period
    ("30,000 ₪ ברוטו לחודש", "9.200 € monatlich") and a count of units ("8,000 אופציות",
    "1.500 opties"). One pass over figures and words together."""
    words = sorted(words, key=lambda w: w.start)
    out = []
    w = 0
    for i, read in enumerate(figures):
        figure = read
        following = figures[i + 1].start if i + 1 < len(figures) else None
        while w < len(words) and words[w].start < figure.end:
            w += 1
        k = w
        at = figure.end
        while k < len(words) and words[k].kind is Kind.GROSS and words[k].start - at <= 2:
            at = words[k].end
            k += 1
        nxt = (
            words[k]
            if k < len(words) and words[k].start - at <= 2 and "\n" not in low[at : words[k].start]
            else None
        )
        prev = words[w - 1] if w else None
        if (
            prev is not None
            and prev.kind is Kind.PERIOD
            and prev.key in ("day", "hour", "month")
            and figure.per is None
            and not figure.is_pct
            and 0 <= figure.start - prev.end <= 3
            and not low[prev.end : figure.start].strip(" :=-–")
        ):
            figure = figure._replace(per=prev.key)  # "Tagessatz 720 €", "hourly rate: $90"
        if nxt is not None and not figure.is_pct and not figure.shares:
            if (
                nxt.kind is Kind.PERIOD
                and figure.per is None
                and figure.years is None
                and not (  # "1,200万円（毎年25%）": the period is the 25%'s
                    following is not None
                    and 0 <= following - nxt.end <= 1
                    and not low[nxt.end : following].strip()
                )
            ):
                figure = figure._replace(per=nxt.key)
            elif (
                nxt.key == Component.STOCK.value
                and low[nxt.start : nxt.end] in COUNT_NOUNS
                and figure.currency is None
                and not figure.dollar
                and figure.unit in (None, "万", "萬", "만", "千")
                and figure.value >= 50
                and nxt.start == at + (low[at : at + 1] == " ")
            ):
                figure = figure._replace(shares=True)
        out.append(figure)
    return out


def _words(low: str, runs: list[tuple[str, int, int]]) -> list[Word]:
    """Every lexicon word or phrase among the paste's letter runs, the longest at each run:
    one walk down the phrase trie per run, words of a phrase joined by at most two of
    " -_'’./" ("sign-on", "can't tell")."""
    found: list[Word] = []
    count = len(runs)
    i = 0
    while i < count and len(found) <= MAX_WORDS:  # past the bound the paste is refused
        word, start, end = runs[i]
        first = word[0]
        if first >= "\u3040" and is_cjk(first):  # a run is all CJK or none
            found.extend(_cjk_words(word, start))
            i += 1
            continue
        node = TRIE.get(word)
        best: Entry | None = None
        last = i
        j = i
        while node is not None:
            if node.entry is not None:
                best, last = node.entry, j
            if not node.next or j + 1 >= count:
                break
            gap_start, gap_end = runs[j][2], runs[j + 1][1]
            if gap_end - gap_start > 2 or low[gap_start:gap_end].strip(" -_'’./"):
                break
            j += 1
            node = node.next.get(runs[j][0])
        if best is not None:
            found.append(Word(best.kind, best.key, start, runs[last][2]))
            i = last + 1
            continue
        joined = JOINED.get(word)  # "signon", "signingbonus": a phrase written as one word
        if joined is not None:
            found.append(Word(joined.kind, joined.key, start, end))
        i += 1
    return _merge(found, low)


def _merge(words: list[Word], low: str) -> list[Word]:
    """ "사이닝 보너스", "stock bonus": a component word and "bonus" after it are one label."""
    out: list[Word] = []
    for w in words:
        if (
            out
            and w.kind is Kind.LABEL
            and w.key == "bonus"
            and out[-1].kind is Kind.LABEL
            and out[-1].key in ("signing", "stock", "relocation")
            and w.start - out[-1].end <= 1
            and "\n" not in low[out[-1].end : w.start]
        ):
            out[-1] = Word(Kind.LABEL, out[-1].key, out[-1].start, w.end)
            continue
        out.append(w)
    return out


def _cjk_words(run: str, offset: int) -> list[Word]:
    found: list[Word] = []
    pos = 0
    while pos < len(run):
        for entry in CJK_BY_FIRST.get(run[pos], ()):
            phrase = entry.words[0]
            if run.startswith(phrase, pos):
                found.append(Word(entry.kind, entry.key, offset + pos, offset + pos + len(phrase)))
                pos += len(phrase)
                break
        else:
            pos += 1
    return found

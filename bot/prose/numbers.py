"""Numbers as people write them in any locale, and numbers spelled out in words.

The locale of a paste is never declared, so each number's own shape decides: a separator
followed by exactly three digits groups thousands (78.000, 72 000, 158'500, 185,000, and the
Indian 36,50,000); the other separator, or one followed by one or two digits, is the decimal
mark (0,5 / 7,5 / 12.500,00 / 4.5). Babel's parse_decimal needs the locale up front, which is
exactly what a paste does not tell, so this is read from the shape instead.

Spelled amounts follow the way recruiters say them: "one eighty-five" is 185, "two-ten" 210,
"a hundred and ten" 110, "seventy-two thousand" 72,000. Word-to-number libraries read "one
eighty-five" as 1 and 85, so the reading is kept here (it is small and bounded).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# One alternative per shape; every quantifier is bounded by what follows it, so the scan is
# linear even on 16,000 digits in a row. The first digit is matched before the look-behind
# ("not after a digit, dot, comma or quote"), which lets the engine skip to digits.
NUMBER_RE = re.compile(
    r"(?P<lead>\d)(?<![\d.,']\d)(?:"
    r"(?P<indian>\d?(?:,\d\d){1,5},\d{3})(?![\d,]\d)"
    r"|(?P<grouped>\d{0,2}(?P<sep>[,.'’ ])\d{3}(?:(?P=sep)\d{3})*)(?P<dec>[.,]\d{1,2}(?!\d))?"
    r"(?![\d]|[,.'’]\d)"
    r"|(?P<plain>\d*)(?P<frac>[.,]\d+)?"
    r")"
)


def read_number(m: re.Match[str], *, decimal_next: bool = False) -> float:
    """The value of a NUMBER_RE match. ``decimal_next``: a unit follows ("1.5k", "2.125%"),
    so a lone dot before three digits is a decimal point, not a thousands separator."""
    lead, indian, grouped, sep, dec, plain, frac = m.group(
        "lead", "indian", "grouped", "sep", "dec", "plain", "frac"
    )
    if indian:
        return float(lead + indian.replace(",", ""))
    if grouped:
        grouped = lead + grouped
        if sep == "." and decimal_next and grouped.count(".") == 1 and not dec:
            return float(grouped)
        value = float(grouped.translate(_NO_SEPARATORS))
        if dec:
            value += float("0." + dec[1:])
        return value
    return float(lead + plain + ("." + frac[1:] if frac else ""))


_NO_SEPARATORS = dict.fromkeys(map(ord, ",.'’ "))
_WORD_SPLIT_RE = re.compile(r"[-\s]+")
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_PARTS = {"half": 0.5, "quarter": 0.25}  # of a scale: "half a million", "a quarter million"
_UNIT_WORDS = frozenset(("lakh", "lakhs", "lac", "lacs", "crore", "crores", "grand"))  # "one lakh"
_NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_SCALES, "a", "and"])
_GAP_RE = re.compile(r"[- ]|\s+")
_AND_A_HALF_RE = re.compile(r"[- ]and[- ]a[- ]half\b")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Spelled:
    value: float
    start: int
    end: int


def _small(words: list[str]) -> int | None:
    """1-99 from ["twenty", "five"] / ["fifteen"]."""
    if not words:
        return None
    if len(words) == 1:
        return _UNITS.get(words[0], _TENS.get(words[0]))
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNITS and _UNITS[words[1]] < 10:
        return _TENS[words[0]] + _UNITS[words[1]]
    return None


def spelled_value(phrase: str) -> float | None:
    """The number a spelled phrase says, or None when it is not one."""
    words = [w for w in _WORD_SPLIT_RE.split(phrase.lower()) if w]
    while words and words[-1] in ("and", "a"):
        words.pop()
    while words and words[0] == "and":
        words.pop(0)
    if not words or words == ["a"]:
        return None
    if words[0] == "a":
        if len(words) < 2 or words[1] not in _SCALES:
            return None
        words[0] = "one"
    # Recruiter shorthand: "one eighty-five" = 185, "two-ten" = 210, "three twenty" = 320.
    if (
        len(words) in (2, 3)
        and words[0] in _UNITS
        and 1 <= _UNITS[words[0]] <= 9
        and words[1] not in _SCALES
        and words[1] != "and"
    ):
        rest = _small(words[1:])
        if rest is not None and rest >= 10:
            return _UNITS[words[0]] * 100 + rest
    total, current = 0, 0
    group: list[str] = []
    for word in [*words, "<end>"]:
        if word in _UNITS or word in _TENS:
            group.append(word)
            continue
        if group:
            small = _small(group)
            if small is None:
                return None
            current += small
            group = []
        if word in ("and", "<end>"):
            continue
        scale = _SCALES[word]
        if scale == 100:
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * scale
            current = 0
    return float(total + current)


def find_spelled(text: str) -> list[Spelled]:
    """Every spelled number in ``text`` except a lone "one" (too common to be an amount)."""
    low = text.lower()
    if len(low) != len(text):
        low = text
    runs = [(m.group(0), m.start(), m.end()) for m in _LETTER_RUN_RE.finditer(low)]
    return spelled_in(low, runs)


def _half_of(low: str, runs: Sequence[tuple[str, int, int]], i: int) -> Spelled | None:
    """ "half a million", "a quarter million", "quarter of a million": that part of the scale."""
    part = _PARTS.get(runs[i][0])
    if part is None:
        return None
    k = i + 1
    for filler in ("of", "a"):  # "half a million", "quarter of a million", "quarter million"
        if k < len(runs) and runs[k][0] == filler:
            k += 1
    scale = _SCALES.get(runs[k][0]) if k < len(runs) else None
    if not scale or scale < 1000:
        return None
    if not all(_GAP_RE.fullmatch(low, runs[n][2], runs[n + 1][1]) for n in range(i, k)):
        return None
    return Spelled(scale * part, runs[i][1], runs[k][2])


def spelled_in(low: str, runs: Sequence[tuple[str, int, int]]) -> list[Spelled]:
    """The spelled numbers among the letter runs (word, start, end) of lowercase ``low``: runs
    of number words joined by spaces or hyphens. Reading the runs a tokenizer has already
    found costs one set look-up per word, where a pattern would try every word at every
    position."""
    found = []
    i = 0
    while i < len(runs):
        if runs[i][0] not in _NUMBER_WORDS:
            half = _half_of(low, runs, i)
            if half is not None:
                found.append(half)
                while i < len(runs) and runs[i][1] < half.end:
                    i += 1
                continue
            i += 1
            continue
        j = i
        while (
            j + 1 < len(runs)
            and runs[j + 1][0] in _NUMBER_WORDS
            and _GAP_RE.fullmatch(low, runs[j][2], runs[j + 1][1])
        ):
            j += 1
        unit_after = j + 1 < len(runs) and runs[j + 1][0] in _UNIT_WORDS
        if (
            j == i
            and runs[i][0] in ("a", "and", "one")
            and not (runs[i][0] == "one" and unit_after)
        ):
            i += 1  # a lone "a", "and" or "one" is no amount ("one lakh" is)
            continue
        words = list(runs[i : j + 1])
        i = j + 1
        while words and (
            words[0][0] == "and"
            or (words[0][0] == "a" and (len(words) < 2 or words[1][0] not in _SCALES))
        ):
            words.pop(0)
        while words and words[-1][0] in ("and", "a"):
            words.pop()
        and_half = _AND_A_HALF_RE.match(low, words[-1][2]) if words else None
        if not words or ([w for w, _, _ in words] == ["one"] and not (unit_after or and_half)):
            continue
        start, end = words[0][1], words[-1][2]
        value = spelled_value(low[start:end])
        if value is not None and and_half and value < 100:
            value, end = value + 0.5, and_half.end()  # "twelve and a half", "one and a half lakh"
        if value is not None:
            found.append(Spelled(value, start, end))
    return found

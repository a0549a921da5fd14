"""Hostile inputs up to the offer reader's size cap: long runs of the characters its patterns
care about (digits, spaces, k, $, %, /, commas, dots, newlines, brackets, bars, Slack's
"<...>" markup) and mixes of them with labels, so that any pass that is quadratic or any pattern that backtracks shows."""

from __future__ import annotations

from bot.offers.parse import MAX_CHARS

UNITS = (
    "1", "1 ", "k", "$", "%", "/", ",", ".", "\n", "1,", "1.", "1\n", "1k ", "$1 ", "1/", "1%/",
    "1 1k ", "(1 ", "1|", "|", "~1~ ", "~a ", "a 9:14\n", "one ", "one eighty ", "12x ", "1-1 ",
    "1.1.1 ", "1,1,1 ", "11,11,", "1'000'", "1 000 ", "base: 100k, ", "100k base ", "up to 1 ",
    "万1", "rsu 1/4 ", "year 1 ", "1 year ", "(", ")(", "1 (1 ", "no bonus ", "? or ", "- 1\n",
    "| 1 | 2 |\n", "1 - 2 ", "1 or 2 ", "from 1 to 2 ", "x 13 ", "$1k/yr ", "5/15/40/40 ",
    "base 200k 60k/yr stock ", "1. ", "a. ", "ca. ", "gross ", "1 gross ", "san ", "- ",
    "base\n", ":1 ", "1:", "1e", "#1 ", "401k ", "1st ", "1 L ", "1 Cr ", "1万円", "年薪1",
    "1 → 2 ", "1.111", "1,111", "11,11,111 ", "Offer A: 1k\n", "Year 1: 1k\n", "*1* ", "`1` ", "> 1\n", "1\u00a0", "\u202f1",
    # Slack markup opened and never closed (the fuzzer's "!Ml<" took 2 s before it was bounded)
    "<", "<!", "!Ml<", "<@U1|", "<https://a", "<https://x.com|", "<#C1|a ", "http://",
)  # fmt: skip


def repeat(unit: str, size: int = MAX_CHARS) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def hostile_inputs(size: int = MAX_CHARS) -> dict[str, str]:
    """Each unit repeated to ``size`` characters, keyed by the unit as written."""
    return {repr(unit): repeat(unit, size) for unit in UNITS}

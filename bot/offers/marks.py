"""Numbers in a paste that are not money, found over the whole text before figures are read:
payment counts ("x 13", "14 pagas", "15薪", "13th month"), ordinals ("years 1 and 2", "1."
list numbers), grant lengths in CJK numerals ("四年"), dates ("3/17/2025", "17.03.25",
"2025-06-16", "start date 3/17"), times ("9:14") and small fractions ("1/3", "1/4 of"). A figure never starts
inside one. Each pattern opens with the character it needs, or is tried only beside a cue, so
the scan skips to candidates.
"""

from __future__ import annotations

import re

from bot.offers.amounts import Mark

_COUNT_CUE_RE = re.compile(r"1[2-6]")
_COUNT_RE = re.compile(
    r"(?:(?<=tháng[ ])(?P<e>1[3-6])(?!\d|[.,]\d)|(?<![a-z])[x×*][ ]?(?P<a>1[2-6](?:[.,]5)?)(?!\d|[.,]\d)|(?<![\d.,])(?P<b>1[2-6])[ ]?(?:x|×)(?![a-z])|"
    r"(?<![\d.])(?<!\d,)(?P<c>1[2-6](?:[.,]5)?)[ ]?(?:分割|gehältern?|monatsgehältern?|monatsraten|pagas|"
    r"pagos|회[ ]?지급|회|回|mois|mensilità|mensualités|payments|salaries|salários|meses|months? salary|薪|个月工资|-?mal im jahr|"
    r"-?mal jährlich|times a year|times per year|fois par an|veces al año)|"
    r"(?<![\d.])(?<!\d,)(?<![$€£¥])(?P<d>1[3-6])[ ]?(?:th|e|de(?=[ ]maand)|º|°|ª|o|-?tka|\.(?=[ ][^\d\s]))[ ]?(?:month|mois|salário|"
    r"salario|gehalt|monatsgehalt|mes|mensilità|salary|maand)?(?![a-z]))"
)
# "Gehälter: 13", "payments = 14": the count as a key's value
_KEYED_COUNT_RE = re.compile(
    r"(?:gehälter|monatsgehälter|pagas|pagos|mensilità|mensualités|payments|salaries|salários)"
    r"[ ]?[:=][ ]?(1[2-6])(?![\d.,])"
)
# "a 1-month AWS", "AWS (1 month)": Singapore's annual wage supplement, a thirteenth month
_AWS_RE = re.compile(
    r"\b(?:1|one)[- ]?month(?:'s)?[ ](?:fixed[ ])?aws\b|\baws[ ]?\((?:1|one)[- ]?month\)"
)
_YEARS_PAIR_RE = re.compile(r"(?:years?|yrs?|y)\s?\d\s?(?:and|&|-|–|to|,)\s?(?P<n>\d)\b")
_CJK_ORDINAL_RE = re.compile(
    r"(?<!\d)(\d{1,2})\s?(?:年目|년차|년째)"
)  # "1年目", "2년차": the Nth year
_CJK_YEARS_RE = re.compile(r"(?P<n>[一二三四五六七八九十两])(?<!第.)\s?年")  # "四年", not "第一年"
_CJK_NUMERALS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_LIST_NUMBER_RE = re.compile(r"(?m)^[ \t>*-]{0,8}(\d{1,2})[.)](?=\s)")  # "1. Salary", "2) RSUs"
# "3/17/2025", "17.03.2025", "2025-06-16", "start date 3/17": a date, not figures
# Dates: "3/17/2025", "17.03.2025", "17.03.25", "2025-06-16", and "start date 3/17". Each
# pattern opens with a digit or a word, so the scan skips to candidates; the ranges of day and
# month and the characters round a candidate are checked in code.
_NUMERIC_DATE_RE = re.compile(r"\d\d?(?P<s>[/.-])\d\d?(?P=s)\d\d(?:\d\d)?")
_ISO_DATE_RE = re.compile(r"\d\d\d\d-\d\d-\d\d")
# "[14/05/25, 19:02]": a short date before a time of day, as chat exports write it
_CHAT_DATE_RE = re.compile(r"\d(?<![\d/.]\d)\d?/\d\d?/\d\d(?=,?[ ]\d{1,2}:\d\d)")
_CUE_DATE_RE = re.compile(r"(?:date|start|on|by) (\d\d?/\d\d?)(?![\d/])")
_DATE_EDGE = frozenset("0123456789/.,-")
# "+ 1/3 of a salary": a small fraction, never a grant over years; "1/4 of" the grant
_FRACTION_RE = re.compile(r"(?P<a>[1-9])(?<![\d.,/][1-9])[ ]?/[ ]?(?P<b>1[0-2]|[2-9])(?![\d/%.,])")
# "9:14", "21:14:05": a time of day (a chat's, a call's), never an amount
_TIME_RE = re.compile(r"\d(?<![\d:]\d)\d?:\d\d(?::\d\d)?(?!\d|:\d)")
_FRACTION_OF_RE = re.compile(r"1(?<![\d.]1)[ ]?/[ ]?\d{1,2}(?=\s{1,3}(?:of|de|der|du)\b)")


def find_marks(low: str) -> list[Mark]:
    """Every mark of ``low`` (lowercase), unsorted."""
    marks = payment_counts(low)
    for m in _YEARS_PAIR_RE.finditer(low):
        marks.append(Mark("ordinal", float(m["n"]), m.start("n"), m.end("n")))
    for m in _CJK_ORDINAL_RE.finditer(low):
        marks.append(Mark("ordinal", float(m.group(1)), m.start(), m.end()))
    for m in _CJK_YEARS_RE.finditer(low):
        marks.append(Mark("years", float(_CJK_NUMERALS[m["n"]]), m.start(), m.end()))
    for m in _LIST_NUMBER_RE.finditer(low):
        marks.append(Mark("ordinal", float(m.group(1)), m.start(1), m.end(1) + 1))
    marks.extend(Mark("date", 0.0, start, end) for start, end in _dates(low))
    for m in _FRACTION_RE.finditer(low):
        if int(m["a"]) < int(m["b"]):
            marks.append(Mark("fraction", 1.0, m.start(), m.end()))
    for m in _FRACTION_OF_RE.finditer(low):
        marks.append(Mark("fraction", 1.0, m.start(), m.end()))
    marks.extend(Mark("date", 0.0, m.start(), m.end()) for m in _TIME_RE.finditer(low))
    return marks


def payment_counts(low: str) -> list[Mark]:
    """ "x 13", "14 pagas", "15薪", "13th month": how many payments a year's pay comes in.

    Every count holds a "12" to "16" at most two characters from its start, so the pattern is
    tried only there (a scan with it from every position costs ten times as much)."""
    found = []
    end = tried = 0
    for cue in _COUNT_CUE_RE.finditer(low):
        for start in range(max(end, tried, cue.start() - 2), cue.start() + 1):
            m = _COUNT_RE.match(low, start)
            if m:
                value = next(v for v in (m["a"], m["b"], m["c"], m["d"], m["e"]) if v)
                found.append(Mark("count", float(value.replace(",", ".")), m.start(), m.end()))
                end = m.end()
                break
        tried = cue.start() + 1
    found.extend(
        Mark("count", float(m.group(1)), m.start(1), m.end(1))
        for m in _KEYED_COUNT_RE.finditer(low)
    )
    found.extend(Mark("count", 13.0, m.start(), m.end()) for m in _AWS_RE.finditer(low))
    return found


def _dates(low: str) -> list[tuple[int, int]]:
    found = []
    for m in _NUMERIC_DATE_RE.finditer(low):
        start, end = m.span()
        after = low[end : end + 1]
        if (start and low[start - 1] in _DATE_EDGE) or (
            after in _DATE_EDGE
            and not (after in ".," and low[end + 1 : end + 2] in ("", " ", "\n"))
        ):
            continue
        first, second, year = m.group(0).split(m["s"])
        day_month = (int(first) <= 12 and 1 <= int(second) <= 31) or (
            1 <= int(first) <= 31 and 1 <= int(second) <= 12
        )
        if day_month and int(first) and (len(year) == 4 or m["s"] == "."):
            found.append((start, end))
    for m in _ISO_DATE_RE.finditer(low):
        start, end = m.span()
        if not (start and low[start - 1] in _DATE_EDGE) and low[end : end + 1] not in _DATE_EDGE:
            found.append((start, end))
    found.extend(m.span(1) for m in _CUE_DATE_RE.finditer(low))
    found.extend(m.span() for m in _CHAT_DATE_RE.finditer(low))
    return found

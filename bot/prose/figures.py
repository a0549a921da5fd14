"""Find the money figures in a piece of prose and say which component each one is.

"205k base, 240k RSUs vesting over 4 yrs, 10% target bonus and a 30k sign-on" becomes four
figures. Each figure is tied to the nearest component label in its own clause, so "$65K signing
bonus" is a signing bonus even in a sentence that also says "13% bonus". Used by the guide parser
for negotiate-up targets and thresholds, and by the offer parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.prose.components import Component, find_labels
from bot.prose.money import Amount, find_amounts, multiplier_value, retirement_plan_at

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "ten": 10,
}
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|ten)"

# Clause boundaries: a label in one clause never names a figure in another.
_CLAUSE_RE = re.compile(
    r"(?<!\d),|,(?!\d)|[;\n|()\[\]•]|(?<=\S)\.(?=\s|$)|\s(?:and|with|plus|but)\s|\s\+\s|:\s*\n"
)

_PER_RE = re.compile(
    r"\s{0,8}(?:"
    r"(?P<year>/\s*(?:yr|year|annum|a)\b|per\s+(?:year|annum|yr)|a\s+year|annual(?:ly)?\b|p\.?a\.?(?![a-z])|yearly|each\s+year|/y\b)|"
    r"(?P<month>/\s*(?:mo|month|mth)\b|per\s+month|a\s+month|monthly|pm\b|p\.m\.)|"
    r"(?P<hour>/\s*(?:hr|hour|h)\b|per\s+hour|an\s+hour|hourly|ph\b|p\.h\.)|"
    r"(?P<over>/\s*(?P<slash_years>\d+)\s*(?:y|yrs?|years?)?\b)"
    r")",
    re.IGNORECASE,
)
_YEARS_RE = re.compile(
    rf"(?:over|across|vest(?:ing|s|ed)?(?:\s+(?:over|across))?)\s+(?:a\s+)?(?P<n>{_NUM})(?:\s*|-)(?:yrs?|years?)\b|"
    rf"\b(?P<m>{_NUM})[- ]?(?:yr|year)s?[- ](?:vest|vesting|grant|schedule)",
    re.IGNORECASE,
)
# Numbers that look like money but are not: durations, years, schedules.
# Matched on lowercased text. The first starts with a digit so the engine can skip ahead fast.
_NOT_MONEY_RE = re.compile(
    r"(?<![^\W_])(?:\d+(?:\.\d+)?\s*(?:-\s*)?(?:yrs?|years?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|h)\b"
    r"|(?:19|20)\d\d\b(?!\s*(?:k|usd|\$))|\d+(?:\.\d+)?%?(?:\s*/\s*\d+(?:\.\d+)?%?){2,}|\d+(?:\.\d+)?\s*x\b"
    r"|\d+(?:st|nd|rd|th)\b|\d{1,2}:\d\d\b)"
)
_401_RE = re.compile(r"(?<![\w.,])401")
_NOT_MONEY_WORD_RE = re.compile(r"\bq[1-4]\b|\b(?:year|yr|y)\s*\d\b|#\d+")


_PCT_RE = re.compile(r"\s{0,8}%")
_SHARES_RE = re.compile(r"\s{0,8}(?:rsus?|shares?|options?|units?|psus?|gsus?)\b", re.IGNORECASE)
_FROM_RE = re.compile(r"\bfrom\s*\Z", re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"\s{0,8}(?:-|–|—|to)\s{0,8}")


@dataclass(frozen=True)
class Figure:
    """A number found in text and what it is, with the span it came from."""

    value: float
    currency: str | None
    start: int
    end: int
    text: str
    component: Component | None = None
    is_pct: bool = False
    high: float | None = None  # set when the text gave a range ("180-200k")
    per: str | None = None  # "year", "month" or "hour" when the text said so
    years: int | None = None  # "240k/4", "over 4 years"
    multiplier: str | None = None
    negative: bool = False
    plus: bool = False  # "$430K+": a floor someone quotes, not a figure on offer
    shares: bool = False  # "2,400 RSUs": a number of shares, not money
    previous: float | None = None  # "from 190 to 205": the figure before the change
    shorthand: bool = False  # read from "180k/150k/10%" (base / stock / bonus)

    @property
    def bare(self) -> bool:
        return self.currency is None and self.multiplier is None and not self.is_pct


def word_number(text: str) -> int:
    return int(text) if text.isdigit() else WORD_NUMBERS[text.lower()]


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``text``."""
    bounds = [0]
    for m in _CLAUSE_RE.finditer(text):
        bounds.extend((m.start(), m.end()))
    bounds.append(len(text))
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


def _masked(text: str) -> str:
    """``text`` with non-money numbers blanked out, same length so spans still line up."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text  # rare: lowercasing changed the length; spans must line up
    blanks: list[tuple[int, int]] = []
    for m in _NOT_MONEY_RE.finditer(lowered):
        if not m.start() or not lowered[m.start() - 1].isalnum():
            blanks.append(m.span())
    blanks.extend(m.span() for m in _NOT_MONEY_WORD_RE.finditer(lowered))
    for m in _401_RE.finditer(lowered):
        end = retirement_plan_at(lowered, m.start())
        if end is not None:
            blanks.append((m.start(), end))
    if not blanks:
        return text
    chars = list(text)
    for start, end in blanks:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _raw_figures(text: str) -> list[Figure]:
    masked = _masked(text)
    found: list[Figure] = []
    for amount in find_amounts(masked):
        if found and amount.start < found[-1].end:
            continue
        end = amount.end
        is_pct = False
        pct = _PCT_RE.match(masked, end)
        if pct:
            is_pct = True
            end = pct.end()
        found.append(_figure(text, amount, end, is_pct))
    return _merge_ranges(text, found)


def _figure(text: str, amount: Amount, end: int, is_pct: bool) -> Figure:
    per = "year" if amount.multiplier == "lpa" else None
    years = None
    shares = (
        amount.currency is None and amount.multiplier is None and bool(_SHARES_RE.match(text, end))
    )
    if not is_pct and not shares:
        m = _PER_RE.match(text, end)
        if m:
            if m["over"]:
                years = int(m["slash_years"])
            else:
                per = next(k for k in ("year", "month", "hour") if m[k])
            end = m.end()
    return Figure(
        value=amount.value,
        currency=amount.currency,
        start=amount.start,
        end=end,
        text=text[amount.start : end],
        is_pct=is_pct,
        per=per,
        years=years,
        multiplier=amount.multiplier,
        negative=amount.negative,
        plus=amount.plus,
        shares=shares and not is_pct,
    )


def _merge_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """Join "180-200k", "$192K–$235K" and "10–15%" into one figure with a high end."""
    merged: list[Figure] = []
    i = 0
    while i < len(figures):
        low = figures[i]
        if i + 1 < len(figures):
            high = figures[i + 1]
            between = text[low.end : high.start]
            if (
                _RANGE_SEP_RE.fullmatch(between)
                and not low.plus
                and (low.is_pct == high.is_pct or low.bare)
            ):
                value = low.value
                if low.multiplier is None and high.multiplier and value < 1000:
                    # "180-200k": the unit written once applies to both ends.
                    value *= multiplier_value(high.multiplier)
                if _FROM_RE.search(text, max(0, low.start - 8), low.start) and "to" in between:
                    # "base went from 190 to 205": a change, not a range.
                    merged.append(
                        replace(
                            high, start=low.start, text=text[low.start : high.end], previous=value
                        )
                    )
                    i += 2
                    continue
                merged.append(
                    Figure(
                        value=value,
                        currency=low.currency or high.currency,
                        start=low.start,
                        end=high.end,
                        text=text[low.start : high.end],
                        is_pct=high.is_pct,
                        high=high.value,
                        per=high.per,
                        years=high.years,
                        multiplier=high.multiplier,
                    )
                )
                i += 2
                continue
        merged.append(low)
        i += 1
    return merged


def clause_years(text: str) -> int | None:
    """ "vesting over 4 yrs" / "4-year vest" anywhere in ``text``."""
    m = _YEARS_RE.search(text)
    if not m:
        return None
    return word_number(m["n"] or m["m"])


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, each tied to the nearest component label in its clause."""
    figures = _raw_figures(text)
    labels = find_labels(text)
    out: list[Figure] = []
    for start, end in clauses(text):
        here = [f for f in figures if start <= f.start < end]
        if not here:
            continue
        names = [(c, s, e) for c, s, e in labels if start <= s < end]
        out.extend(_assign(text, here, names, clause_years(text[start:end])))
    return out


def _assign(
    text: str,
    figures: list[Figure],
    labels: list[tuple[Component, int, int]],
    years: int | None,
) -> list[Figure]:
    """Pair figures with labels, nearest first; a label is reused only when none is left."""
    pairs = sorted(
        (_distance(text, f, s, e), fi, li)
        for fi, f in enumerate(figures)
        for li, (_, s, e) in enumerate(labels)
    )
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _, fi, li in pairs:
        if fi not in chosen and li not in used:
            chosen[fi] = li
            used.add(li)
    for _, fi, li in pairs:
        chosen.setdefault(fi, li)
    result = []
    for fi, figure in enumerate(figures):
        component = labels[chosen[fi]][0] if fi in chosen else None
        if figure.is_pct and component not in (Component.BONUS, Component.STOCK, None):
            # "10% of base" is a bonus; a percent of anything else is not a figure we read.
            component = Component.BONUS if component is Component.BASE else None
        fig_years = figure.years
        if component is Component.STOCK and fig_years is None:
            fig_years = years
        per = figure.per
        if fi in chosen and per is None and not figure.is_pct:
            # "240k RSUs/yr", "150k RSUs/4": the unit can follow the label.
            _, label_start, label_end = labels[chosen[fi]]
            after = _PER_RE.match(text, label_end) if label_start >= figure.end else None
            if after and after["over"]:
                fig_years = fig_years or int(after["slash_years"])
            elif after:
                per = next(k for k in ("year", "month", "hour") if after[k])
        result.append(replace(figure, component=component, years=fig_years, per=per))
    return result


def _distance(text: str, figure: Figure, start: int, end: int) -> int:
    if end <= figure.start:
        gap = text[end : figure.start]
        # "Base: 185k" binds tighter than "185k base" when both are in reach.
        return len(gap.strip(" :=-–")) * 2 + (0 if ":" in gap or "=" in gap else 1)
    return max(0, start - figure.end) * 2 + 1

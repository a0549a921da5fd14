"""The stock of one offer: the grant's money value (whole or yearly), its length, its vesting.

By the conventions: each of total / years / per year is filled when stated or one step of
arithmetic away (never a guessed 4 years); share and option counts and ownership percents have
no money value; a figure the author doubts ("yearly or the whole grant?") stays unknown; a
schedule is taken as written ("5/15/40/40"), or even when the paste says so ("1-year cliff",
"quarterly") over a stated length; a year-by-year table adds up to the grant.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.offers.amounts import Figure
from bot.offers.assign import Placed
from bot.offers.layout import Piece
from bot.offers.rules import PasteCurrency, Reading, Segment
from bot.offers.shorthand import VestRun
from bot.offers.tokens import Tokens
from bot.prose.components import Component

_EVEN_RE = re.compile(
    r"cliff|quarterly|each quarter|every quarter|monthly|annually|evenly|equal|anniversary|"
    r"vierteljährlich|trimestr|每年|per year|each year|every year|/\s?yr|/\s?year",
    re.IGNORECASE,
)
_VEST_PCT_RE = re.compile(
    r"(?P<p>\d{1,2}(?:\.\d+)?)\s?%\s?(?:/\s?(?:yr|year)|(?:per|each|every|a)\s(?:year|yr)|annually|"
    r"yearly|on each anniversary|each anniversary)|每年\s?(?P<q>\d{1,2})\s?%",
    re.IGNORECASE,
)
_CLIFF_YEARS_RE = re.compile(
    r"(?:\d|one|a)\s?-?\s?(?:years?|yrs?|y|jahr|an|año|ano|年)\s?(?:de\s)?cliff|cliff\s?(?:of\s)?(?:\d|one)\s?(?:years?|yrs?|an|jahr)",
    re.IGNORECASE,
)
_STOCK_CONTEXT_RE = re.compile(
    r"\b(?:rsus?|gsus?|psus?|ppus?|stock|equity|grant|options?|esops?|vsop|bspce|shares?|vest\w*|cliff|"
    r"uar|aktien|lti|units?|acciones|ações|akcj\w*)\b|股票|期权|归属|株",
    re.IGNORECASE,
)
_SIGNING_CONTEXT_RE = re.compile(
    r"sign|joining|split|instal|paid|payable|contract|term|initial|notice|probation", re.IGNORECASE
)


_OVER_YEARS_RE = re.compile(
    r"[^\d,;\n]{0,14}?\b(?:over|across|über|sur|em|a|分)\s?(\d{1,2}|two|three|four|five|six)\b"
    r"(?!\s?(?:%|k|\d))",
    re.IGNORECASE,
)
_WORD_YEARS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WORDS_RE = re.compile(r"[a-z]{4,}")
_DURATION_TEXT_RE = re.compile(r"\d+\s?-?\s?(?:years?|yrs?|y)\b")
_CLIFF_AFTER_RE = re.compile(r"\s?-?\s?cliff")
_CLIFF_BEFORE_RE = re.compile(r"cliff\s?(?:of\s)?\Z")
_EXPERIENCE_RE = re.compile(r"exp|experience|yoe")
_KEY_YEARS_RE = re.compile(r"vesting[_ ]years?\W{1,4}(\d{1,2})", re.IGNORECASE)  # JSON, YAML
_QUARTER_THEN_48THS_RE = re.compile(r"1/4\b.{0,60}1/48")  # "1/4 after a year, then 1/48 monthly"
_CLIFF_RE = re.compile(r"cliff", re.IGNORECASE)
_SLASHED_SCHEDULE_RE = re.compile(r"\d\s?/\s?\d{1,2}\s?/\s?\d")
_YEARLY_AFTER_RE = re.compile(r"\s?(?:per year|a year|/yr|yearly|each year|par an)")
_VEST_PCT_AFTER_RE = re.compile(
    r"\s?(?:/\s?y|per\s|each\s|every\s|annually|on\s|after\s|a\s?year|on each)"
)


def read_stock(
    tokens: Tokens,
    pieces: list[Piece],
    segment: Segment,
    stock: list[Placed],
    vest: list[VestRun],
    doubt: set[Component],
    each: set[int],
    amount: Callable[[Placed], float],
    currency: PasteCurrency,
    reading: Reading,
) -> None:
    """The stock fields of one offer: a year-by-year schedule added up, else the first grant
    (whole, or yearly when it says so), then its length, its vesting and the one step of
    arithmetic between total, per year and years."""
    text = tokens.text
    values = reading.values
    money = [
        p for p in stock if not p.figure.shares and not p.figure.is_pct and not p.figure.uncertain
    ]
    shares = [p for p in stock if p.figure.shares]
    if shares:
        values["shares"] = shares[0].figure.value
    pct = [p for p in stock if p.figure.is_pct]
    if pct and not _vest_pct(text, pct[0].figure):
        values["equity_pct"] = pct[0].figure.value
    years_of = {i: pieces[i].years for i in segment.pieces}
    rows = [p for p in money if years_of.get(p.piece)]
    total = per_year = None
    if rows and len(rows) >= 2:
        vests: dict[int, float] = {}
        for p in rows:
            for y in (
                years_of[p.piece]
                if p.piece in each or len(years_of[p.piece]) == 1
                else years_of[p.piece][:1]
            ):
                vests[y] = amount(p)
        total = sum(vests.values())
        ordered = [vests[y] for y in sorted(vests)]
        values["stock_years"] = len(ordered)
        if total:
            values["vesting"] = tuple(round(v / total * 100, 2) for v in ordered)
        reading.assumptions.append("added the yearly stock vests of the schedule")
    elif money:
        first = money[0]
        rest = money[1:]
        if first.total or not (
            first.figure.per == "year" or first.per_year or _yearly_word(text, first.figure)
        ):
            total = amount(first)
            yearly = next((p for p in rest if p.figure.per == "year" or p.per_year), None)
            if yearly is not None:
                per_year = amount(yearly)
        else:
            per_year = amount(first)
        if first.figure.currency or first.figure.dollar:
            reading.stock_currency = currency.of(first.figure)
    if Component.STOCK in doubt:
        total = per_year = None
        reading.warnings.append(
            "the stock figure is in doubt in the paste (yearly or the whole grant?): left as unknown"
        )
    if total is not None:
        values["stock_total"] = total
    if per_year is not None:
        values["stock_per_year"] = per_year
    context = [pieces[i] for i in segment.pieces]
    _stock_years(tokens, context, stock, vest, reading, bool(money or shares or pct))
    if "stock" in reading.zero and total is None and per_year is None:
        values["stock_total"] = 0.0
        values["stock_per_year"] = 0.0
    years = values.get("stock_years")
    if isinstance(years, int) and years:
        if total is not None and per_year is None:
            values["stock_per_year"] = total / years
        elif per_year is not None and total is None:
            values["stock_total"] = per_year * years
        if (
            total is not None
            and per_year is not None
            and abs(total - per_year * years) < 1
            and "vesting" not in values
        ):
            values["vesting"] = tuple([round(100 / years, 2)] * years)


def _yearly_word(text: str, figure: Figure) -> bool:
    before = text[max(0, figure.start - 8) : figure.start]
    after = text[figure.end : figure.end + 14].lower()
    return "每年" in before or bool(_YEARLY_AFTER_RE.match(after))


def _vest_pct(text: str, figure: Figure) -> bool:
    after = text[figure.end : figure.end + 30].lower()
    return bool(_VEST_PCT_AFTER_RE.match(after))


def _stock_years(
    tokens: Tokens,
    context: list[Piece],
    stock: list[Placed],
    vest: list[VestRun],
    reading: Reading,
    has_stock: bool,
) -> None:
    """The grant's length ("/4", "over 4 years", "4-year vest", "25%/yr") and its vesting
    ("5/15/40/40"; "1-year cliff" or "quarterly" over N years: even)."""
    text = tokens.text
    values = reading.values
    explicit = next((p.figure.years for p in stock if p.figure.years), None)
    for p in stock:
        if explicit:
            break
        m = _OVER_YEARS_RE.match(text, p.figure.end, p.figure.end + 30)
        if m:
            word = m.group(1).lower()
            explicit = int(word) if word.isdigit() else _WORD_YEARS[word]
    schedule = vest[0][1] if vest else None
    body = "\n".join(text[p.start : p.end] for p in context)
    if schedule and "vesting" not in values:
        values["vesting"] = tuple(float(v) for v in schedule)
    mark_years = None
    for piece in context:
        chunk = text[piece.start : piece.end]
        if not (
            _STOCK_CONTEXT_RE.search(chunk)
            or (
                has_stock
                and not _WORDS_RE.search(
                    _DURATION_TEXT_RE.sub("", chunk.lower()).replace("vest", "")
                )
            )
        ):
            continue
        for mark in tokens.marks_in(piece.start, piece.end):
            if mark.kind != "years" or not 1 <= mark.value <= 10:
                continue
            after = text[mark.end : mark.end + 12].lower()
            before = text[max(0, mark.start - 12) : mark.start].lower()
            if (
                _CLIFF_AFTER_RE.match(after)
                or _CLIFF_BEFORE_RE.search(before)
                or _EXPERIENCE_RE.search(after)
            ):
                continue
            if _SIGNING_CONTEXT_RE.search(before) and not _STOCK_CONTEXT_RE.search(before):
                continue
            mark_years = int(mark.value)
            break
        if mark_years:
            break
    json_years = _KEY_YEARS_RE.search(body)
    years = explicit or mark_years or (int(json_years.group(1)) if json_years else None)
    pct = _VEST_PCT_RE.search(body)
    if years is None and pct and has_stock:
        share = float(pct["p"] or pct["q"])
        if share and 100 % share == 0:
            years = int(100 / share)
    if years is None and _QUARTER_THEN_48THS_RE.search(body):
        years = 4
    if years is None and "vesting" in values:
        years = len(values["vesting"])
    if years is not None and (
        has_stock or ("stock" not in reading.zero and _STOCK_CONTEXT_RE.search(body))
    ):
        values["stock_years"] = years
    if "vesting" not in values and isinstance(values.get("stock_years"), int):
        n = values["stock_years"]
        stock_text = "\n".join(
            text[p.start : p.end]
            for p in context
            if _STOCK_CONTEXT_RE.search(text[p.start : p.end])
        )
        if (
            _EVEN_RE.search(stock_text)
            or _CLIFF_YEARS_RE.search(stock_text)
            or _CLIFF_RE.search(body)
        ) and not _SLASHED_SCHEDULE_RE.search(stock_text):
            even = pct and float(pct["p"] or pct["q"]) * n == 100
            if even or _EVEN_RE.search(stock_text) or _CLIFF_YEARS_RE.search(body):
                values["vesting"] = tuple([round(100 / n, 2)] * n)

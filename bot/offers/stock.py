"""The stock of one offer: the grant's money value (whole or yearly), its length, its vesting.

By the conventions: each of total / years / per year is filled when stated or one step of
arithmetic away (never a guessed 4 years); share and option counts and ownership percents have
no money value; a figure the author doubts ("yearly or the whole grant?") stays unknown; a
schedule is taken as written ("5/15/40/40"), or even when the paste says so ("1-year cliff",
"quarterly") over a stated length; a year-by-year table adds up to the grant.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from bot.offers.amounts import Figure, Mark
from bot.offers.assign import Placed
from bot.offers.layout import Piece
from bot.offers.lexicon import Kind
from bot.offers.rules import PasteCurrency, Reading, Segment
from bot.offers.shorthand import VestRun
from bot.offers.tokens import Tokens, Word
from bot.prose.components import Component
from bot.prose.numbers import find_spelled

# How a paste says the grant vests evenly (a value "per year" does not say so). A bare
# "monatlich" or "miesięcznie" is left out: in a sentence with the grant it is as often the pay's.
_EVEN_RE = re.compile(
    r"cliff|quarterly|each quarter|every quarter|monthly|annually|evenly|equal|anniversar|"
    r"vierteljährlich|quartalsweise|danach monatlich|puis mensuel|trimestr|kwartaln|co kwartał|"
    r"co miesiąc|klif|קליף|按月|按季|四半期|분기|"
    r"vest\w*\s(?:yearly|each year|every year)|yearly\svest|"
    r"(?:annual|yearly|jährliche\w*)\s(?:tranches?|raten)|tranches?\sannuelles|tramos\sanuales|"
    r"\b(?:1/\d|a (?:quarter|third|half|fourth))\s(?:each|per|a|every)\s(?:year|yr)",
    re.IGNORECASE,
)
# "vest in sixteen equal quarterly installments", "48 monthly instalments": the length in the count
_PERIODIC_INSTALMENTS_RE = re.compile(
    r"\b(\d{1,2}|[a-z]+(?:-[a-z]+)?)\s(?:equal\s)?(quarterly|monthly)\s"
    r"(?:instal+ments|installments|tranches|portions)",
    re.IGNORECASE,
)
# "25% after a year, the rest monthly over the following 36 months": a cliff year and the rest
_AFTER_CLIFF_RE = re.compile(
    r"\b(?:following|next|remaining|subsequent)\s(\d{1,2}|[a-z]+(?:-[a-z]+)?)\s(months|years)\b",
    re.IGNORECASE,
)
_REST_BEFORE_RE = re.compile(r"(?:following|next|remaining|subsequent)\s\Z", re.IGNORECASE)
_PER_YEAR = {"quarterly": 4, "monthly": 12}
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
_CLAWBACK_BEFORE_RE = re.compile(r"(?:within|before|leave|leaving|repay\w*|recover\w*)\W{1,3}\Z")
# "four equal annual instalments", "on each of the first four anniversaries"
_EQUAL_INSTALMENTS_RE = re.compile(
    r"\b(\d|two|three|four|five|six)\s(?:(?:equal\s)?(?:annual|yearly)\s"
    r"(?:instal+ments|installments|tranches|portions|parts)|(?:annual\s)?anniversaries)",
    re.IGNORECASE,
)
_OPTION_WORDS = (
    "option",
    "optie",
    "opcj",
    "iso",
    "nso",
    "esop",
    "vsop",
    "bspce",
    "bons",
    "オプション",
    "期权",
    "אופצי",
)
_UNIT_WORDS = (
    "rsu",
    "gsu",
    "psu",
    "ppu",
    "restricted",
    "unit",
    "share",
    "aktie",
    "株",
    "주식",
    "股",
)
_PRICE_CEILING = 100  # no grant is worth less; a share can cost that
_QUARTERS_YEARS = 4  # "1/4 after a year, then 1/48 a month" is four years
_CLIFF_BEFORE_RE = re.compile(r"cliff\s?(?:of\s)?\Z")
_KEY_YEARS_RE = re.compile(r"vesting[_ ]years?\W{1,4}(\d{1,2})", re.IGNORECASE)  # JSON, YAML
_QUARTER_THEN_48THS_RE = re.compile(r"1/4\b.{0,60}1/48")  # "1/4 after a year, then 1/48 monthly"
_BREAK_RE = re.compile(r"[,;(\n]")  # a cliff word on the next line is not this one's
_SLASH_YEAR_RE = re.compile(r"[ ]?/[ ]?(?:yr|year|y|a|ano|año|an|jahr)\b", re.IGNORECASE)
_YEARLY_AFTER_RE = re.compile(r"[ ]?(?:per year|a year|/yr|yearly|each year|par an)(?! bonus)")
_COUNT_LABEL_BEFORE_RE = re.compile(
    r"\b(?:rsus?|esops?|options?|shares|units|psus?|gsus?|isos?|nsos?|aktien|acciones|azioni)\b"
    r"[ .…:=|-]{0,24}\Z",
    re.IGNORECASE,
)
_TOTAL_HEAD_RE = re.compile(
    r"\b(?:tc|total comp\w*|total|ote)\b[ ]?[:=]?[ ]?[$€£]?\d[\d.,]*[ ]?[km]?[ ]?\Z", re.IGNORECASE
)
_YEARLY_KEY_RE = re.compile(
    r"(?:annual|yearly|per[_ ]?year)[_ ]?(?:value|amount|grant|usd|eur|gbp)?[\"']?[ ]?[:=][ ]?\Z",
    re.IGNORECASE,
)
_VEST_PCT_AFTER_RE = re.compile(
    r"\s?(?:/\s?y|per\s|each\s|every\s|annually|on\s|after\s|a\s?year|on each)"
)


def read_stock(
    tokens: Tokens,
    pieces: list[Piece],
    segment: Segment,
    stock: list[Placed],
    elsewhere: set[int],
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
    marked = any((f.currency or f.dollar or f.unit) and not f.is_pct for f in tokens.figures)
    counted = {p.figure.start for p in stock if marked and _bare_count(text, p.figure)}
    money = [
        p
        for p in stock
        if not p.figure.shares
        and not p.figure.is_pct
        and not p.figure.uncertain
        and not _share_price(p.figure)
        and p.figure.start not in counted
    ]
    shares = [p for p in stock if p.figure.shares or p.figure.start in counted]
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
        if rows[0].figure.currency or rows[0].figure.dollar:
            reading.stock_currency = currency.of(rows[0].figure)
        if total:
            values["vesting"] = tuple(round(v / total * 100, 2) for v in ordered)
        reading.assumptions.append("added the yearly stock vests of the schedule")
    elif money:
        first = money[0]
        rest = money[1:]
        if first.total or not (
            first.figure.per == "year"
            or first.per_year
            or _yearly_word(text, first.figure)
            or _part_of_total(text, first.figure)
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
            "the stock figure is in doubt in the paste (yearly or the whole grant?): "
            "left as unknown"
        )
    if total is not None:
        values["stock_total"] = total
    if per_year is not None:
        values["stock_per_year"] = per_year
    context = [pieces[i] for i in segment.pieces]
    _stock_years(tokens, context, stock, elsewhere, vest, reading, bool(money or shares or pct))
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
    """ "80k/yr stock", "每年 20万", "annual_value": 95000 (a data key that says yearly)."""
    before = text[max(0, figure.start - 24) : figure.start]
    after = text[figure.end : figure.end + 14].lower()
    return (
        "每年" in before[-8:]
        or bool(_YEARLY_AFTER_RE.match(after))
        or bool(_YEARLY_KEY_RE.search(before))
    )


def _bare_count(text: str, figure: Figure) -> bool:
    """ "RSU ....... 1.800", "ESOPs 4000" in a paste that marks its money ("58.000 EUR",
    "₹55L"): a bare four-digit number right after a word that counts units is a count; no
    grant is worth that little, and the paste would have marked it as money."""
    return (
        figure.currency is None
        and not figure.dollar
        and figure.unit is None
        and not figure.is_pct
        and 1000 <= figure.value < 10_000
        and bool(_COUNT_LABEL_BEFORE_RE.search(text, max(0, figure.start - 40), figure.start))
    )


def _part_of_total(text: str, figure: Figure) -> bool:
    """ "TC: 245k (170 base / 55 stock / 20 bonus)": a part of a yearly total is yearly."""
    opening = text.rfind("(", max(0, figure.start - 60), figure.start)
    if opening < 0 or ")" in text[opening : figure.start]:
        return False
    return bool(_TOTAL_HEAD_RE.search(text, max(0, opening - 24), opening))


def _vest_pct(text: str, figure: Figure) -> bool:
    after = text[figure.end : figure.end + 30].lower()
    return bool(_VEST_PCT_AFTER_RE.match(after))


def _stock_pieces(tokens: Tokens, context: list[Piece], stock: list[Placed]) -> list[Piece]:
    """The pieces that speak of the grant: a stock word, a vesting word, a stock figure (each
    word and figure placed in its piece by bisection, not each piece searched), or a stock key
    over the piece."""
    if not context:
        return []
    ordered = sorted(context, key=lambda p: p.start)
    starts = [p.start for p in ordered]
    lo, hi = ordered[0].start, max(p.end for p in ordered)
    positions = [w.start for w in tokens.words_of((Kind.LABEL, Component.STOCK.value), lo, hi)]
    positions += [w.start for w in tokens.words_of(Kind.VEST, lo, hi) if w.key != "even"]
    positions += [p.figure.start for p in stock]
    marked = {  # a value under a stock key ("equity:" over "  years: 4")
        k
        for k, piece in enumerate(ordered)
        if piece.label_span
        and tokens.words_of((Kind.LABEL, Component.STOCK.value), *piece.label_span)
    }
    for position in positions:
        k = bisect_right(starts, position) - 1
        if k >= 0 and position < ordered[k].end:
            marked.add(k)
    # "vesting?" answered by "evenly every quarter": the answer speaks of the grant too
    text = tokens.text
    for k in list(marked):
        piece = ordered[k]
        if "?" not in text[piece.start : piece.end + 1] or tokens.any_figure_in(
            piece.start, piece.end
        ):
            continue
        answer = next(  # the next piece that says anything (a chat header says nothing)
            (
                j
                for j in range(k + 1, len(ordered))
                if tokens.words_in(ordered[j].start, ordered[j].end)
                or tokens.any_figure_in(ordered[j].start, ordered[j].end)
            ),
            None,
        )
        if answer is not None:
            marked.add(answer)
    return [ordered[k] for k in sorted(marked)]


def _cliff(tokens: Tokens, mark: Mark, piece: Piece) -> bool:
    """Whether a duration mark is a cliff's length ("1-year cliff", "cliff of 12 months")."""
    text = tokens.text
    after = tokens.words_in(mark.end, mark.end + 3)
    before = tokens.words_in(max(piece.start, mark.start - 12), mark.start)
    return any(
        w.kind is Kind.VEST and w.key == "cliff" and not _BREAK_RE.search(text, a, z)
        for w, a, z in (
            *((w, mark.end, w.start) for w in after[:1]),
            *((w, w.end, mark.start) for w in before[-1:] if mark.start - w.end <= 5),
        )
    ) or bool(_CLIFF_BEFORE_RE.search(text[max(0, mark.start - 16) : mark.start].lower()))


def cliff_months(tokens: Tokens, pieces: list[Piece]) -> int | None:
    """The cliff's length in months, when the paste gives it."""
    for piece in pieces:
        for mark in tokens.marks_in(piece.start, piece.end):
            if mark.kind in ("years", "months") and mark.value and _cliff(tokens, mark, piece):
                return int(mark.value * 12 if mark.kind == "years" else mark.value)
    return None


def _mark_years(tokens: Tokens, pieces: list[Piece]) -> int | None:
    """The first "N years" of the stock pieces that is the grant's length: not a cliff
    ("1-year cliff", "cliff של שנה"), not experience, not a clawback ("leave within 1 yr")."""
    text = tokens.text
    for piece in pieces:
        for mark in tokens.marks_in(piece.start, piece.end):
            years = mark.value if mark.kind == "years" else _whole_years(text, mark)
            if years is None or not 1 <= years <= 10:
                continue
            if _cliff(tokens, mark, piece) or tokens.words_of(Kind.DOUBT, piece.start, mark.start):
                continue  # a cliff's length, or a length the author doubts ("per year or 4 years?")
            if any(w.kind is Kind.OTHER for w in tokens.words_in(mark.end, mark.end + 3)[:1]):
                continue  # "5 years of experience", "6 yrs exp"
            low = text[max(0, mark.start - 16) : mark.start].lower()
            if _CLAWBACK_BEFORE_RE.search(low):
                continue
            if _SIGNING_CONTEXT_RE.search(low[-12:]) and not _STOCK_CONTEXT_RE.search(low):
                continue
            return int(years)
    return None


def _whole_years(text: str, mark: Mark) -> float | None:
    """ "48 months": a length in months that is whole years of two or more (a 12-month span
    is a cliff or a clawback far more often than a grant); not "the following 36 months",
    which is the rest after a cliff."""
    if mark.kind != "months" or mark.value < 24 or mark.value % 12:
        return None
    if _REST_BEFORE_RE.search(text, max(0, mark.start - 14), mark.start):
        return None
    return mark.value / 12


def _yearly_percent(tokens: Tokens, pieces: list[Piece], taken: set[int]) -> float | None:
    """A percent that vests each year, in any language the lexicon knows: "25% a year",
    "25 % pro Jahr", "25% ao ano", "每年25%", "매년 25%"; never a percent placed on another
    component ("$45k stock annually, 10% bonus")."""
    for piece in pieces:
        for f in tokens.figures_in(piece.start, piece.end):
            if not f.is_pct or f.start in taken or not 0 < f.value <= 50:
                continue
            before = tokens.word_before(f.start)
            if before is not None and before.kind is Kind.VEST and before.key == "vest":
                before = tokens.word_before(before.start, 2) or before  # "每年归属25%"
            near = (before, tokens.word_after(f.end, 4))
            if any(w is not None and _yearly(w) for w in near) or _SLASH_YEAR_RE.match(
                tokens.text, f.end
            ):
                return f.value
    return None


def _yearly(word: Word) -> bool:
    return (word.kind is Kind.PERIOD and word.key == "year") or (
        word.kind is Kind.VEST and word.key == "even" and word.end - word.start > 6
    )


def _stock_years(
    tokens: Tokens,
    context: list[Piece],
    stock: list[Placed],
    elsewhere: set[int],
    vest: list[VestRun],
    reading: Reading,
    has_stock: bool,
) -> None:
    """The grant's length and its vesting. Length: on the figure ("/4", "over 4 years"), else
    an "N years" where the grant is spoken of, else a key ("vesting_years: 4"), else from a
    yearly percent (25% a year: 4) or "four equal annual instalments", else the schedule's
    length. Vesting: the schedule as written, else even when the paste says so (a cliff,
    quarterly, annually, equal instalments, a yearly percent that makes 100)."""
    text = tokens.text
    values = reading.values
    if not has_stock and not any(
        tokens.words_of((Kind.LABEL, Component.STOCK.value), p.start, p.end)
        or tokens.words_of(Kind.VEST, p.start, p.end)
        for p in context
    ):
        return  # no grant spoken of: nothing to read
    explicit = next((p.figure.years for p in stock if p.figure.years), None)
    for p in stock:
        if explicit:
            break
        m = _OVER_YEARS_RE.match(text, p.figure.end, p.figure.end + 30)
        if m:
            word = m.group(1).lower()
            explicit = int(word) if word.isdigit() else _WORD_YEARS[word]
    schedule = vest[0][1] if vest else None
    if schedule and "vesting" not in values:
        values["vesting"] = tuple(float(v) for v in schedule)
    pieces = _stock_pieces(tokens, context, stock)
    if has_stock:
        values["cliff_months"] = cliff_months(tokens, pieces)
        values["stock_kind"] = _kind(tokens, pieces)
    stock_text = "\n".join(text[p.start : p.end] for p in pieces)
    body = "\n".join(text[p.start : p.end] for p in context)
    json_years = _KEY_YEARS_RE.search(body)
    yearly = _yearly_percent(tokens, pieces, elsewhere) if has_stock else None
    equal = _EQUAL_INSTALMENTS_RE.search(stock_text)
    periodic = _periodic_years(stock_text)
    years = (
        explicit
        or _mark_years(tokens, pieces)
        or (int(json_years.group(1)) if json_years else None)
        or (round(100 / yearly) if yearly and _whole(yearly, round(100 / yearly)) else None)
        or (_count(equal.group(1)) if equal else None)
        or periodic
        or (_QUARTERS_YEARS if _QUARTER_THEN_48THS_RE.search(body) else None)
        or (len(values["vesting"]) if "vesting" in values else None)
    )
    if years is not None and (
        has_stock or ("stock" not in reading.zero and _STOCK_CONTEXT_RE.search(body))
    ):
        values["stock_years"] = years
    n = values.get("stock_years")
    if "vesting" in values or not isinstance(n, int):
        return
    even = (
        (yearly is not None and _whole(yearly, n))
        or equal is not None
        or periodic is not None
        or _EVEN_RE.search(stock_text)
        or any(
            w.kind is Kind.VEST and w.key in ("cliff", "even")
            for p in pieces
            for w in tokens.words_in(p.start, p.end)
        )
    )
    if even:
        values["vesting"] = tuple([round(100 / n, 2)] * n)


def _periodic_years(text: str) -> int | None:
    """Whole years in "sixteen equal quarterly installments" (4), or in a cliff year and "the
    following 36 months" or "the remainder in 36 monthly installments" (1 + 3)."""
    m = _PERIODIC_INSTALMENTS_RE.search(text)
    if m:
        n = _number(m.group(1))
        per_year = _PER_YEAR[m.group(2).lower()]
        if n and n % per_year == 0:
            rest = _REST_WORD_RE.search(text, max(0, m.start() - 40), m.end() + 20)
            after_cliff = rest is not None and _CLIFF_WORD_RE.search(text, 0, m.start())
            return n // per_year + (1 if after_cliff else 0)
    m = _AFTER_CLIFF_RE.search(text)
    if m and _CLIFF_WORD_RE.search(text, 0, m.start()):
        n = _number(m.group(1))
        if n and m.group(2).lower() == "years":
            return 1 + n
        if n and n % 12 == 0:
            return 1 + n // 12
    return None


# "the remainder ... thereafter": instalments that follow a cliff year
_REST_WORD_RE = re.compile(
    r"\b(?:remainder|remaining|the rest|thereafter|after that)\b", re.IGNORECASE
)
_CLIFF_WORD_RE = re.compile(r"cliff|anniversary|after (?:one|a|1) year|12 months", re.IGNORECASE)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    spelled = find_spelled(word)
    whole = spelled and spelled[0].start == 0 and spelled[0].end == len(word)
    return int(spelled[0].value) if whole else None


def _share_price(figure: Figure) -> bool:
    """ "(409A $3.40)", "strike €1.20": a money figure this small is the price of one share."""
    return (figure.currency is not None or figure.dollar) and figure.value < _PRICE_CEILING


def _kind(tokens: Tokens, pieces: list[Piece]) -> str | None:
    """ "rsu", "options" or "equity": what the first stock word of the grant calls it."""
    for piece in pieces:
        for w in tokens.labels_in(piece.start, piece.end):
            if w.kind is Kind.LABEL and w.key == Component.STOCK.value:
                word = tokens.text[w.start : w.end].lower()
                if any(k in word for k in _OPTION_WORDS):
                    return "options"
                if any(k in word for k in _UNIT_WORDS):
                    return "rsu"
                return "equity"
    return None


def _whole(percent: float, years: int) -> bool:
    """Whether ``years`` of ``percent`` vest the whole grant (33% x 3 does, rounded)."""
    return abs(percent * years - 100) <= 1.5


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_YEARS[word.lower()]

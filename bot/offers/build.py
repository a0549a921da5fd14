"""One segment's placed figures -> an Offer, by the conventions in bot.offers.rules."""

from __future__ import annotations

import re
from dataclasses import fields, replace

from bot.offers.assign import Placed
from bot.offers.layout import Piece
from bot.offers.model import Offer, Source
from bot.offers.rules import (
    Reading,
    Segment,
    capped,
    doubted,
    extra_salary,
    full_time,
    monthly,
    none_and_unknown,
    payments,
    pct_of_other,
    plausible,
    scale,
    segment_words,
    signing_total,
)
from bot.offers.tokens import Figure, Tokens
from bot.prose.components import Component
from bot.prose.money import format_money

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


def _money_key(figure: Figure, currency: dict[str, str | None]) -> str | None:
    if figure.currency:
        return figure.currency
    if figure.dollar:
        return currency["$"]
    return None


def build(
    tokens: Tokens,
    pieces: list[Piece],
    segment: Segment,
    vest: list[tuple[list[Figure], tuple[float, ...]]],
    currency: dict[str, str | None],
    unit: float,
    assumptions: list[str],
) -> Offer:
    text = tokens.text
    spans = [(pieces[i].start, pieces[i].end) for i in segment.pieces]
    body = "\n".join(text[s:e] for s, e in spans)
    reading = Reading(assumptions=assumptions)
    none_and_unknown(tokens, pieces, segment, reading)
    doubt = doubted(tokens, pieces, segment, segment.placed)
    years_of = {i: pieces[i].years for i in segment.pieces}
    each = {
        i
        for i in segment.pieces
        if re.search(r"\beach\b|je\b|cada\b", text[pieces[i].start : pieces[i].end], re.IGNORECASE)
    }
    labels = segment_words(tokens, pieces, segment)
    by: dict[Component, list[Placed]] = {}
    sources: list[Source] = []
    for p in segment.placed:
        f = p.figure
        if p.component is None:
            if not p.other and not f.is_pct and not f.previous and f.value >= 1000 and not f.shares:
                reading.warnings.append(
                    f"couldn't tell what {f.text.strip()} is; say 'base', 'RSUs', 'bonus' or 'signing' next to it"
                )
            continue
        if f.previous or f.plus:
            continue
        if f.negative:
            reading.warnings.append(f"ignored a negative amount ({f.text.strip()})")
            continue
        if capped(tokens, f):
            reading.warnings.append(
                f"{f.text.strip()} is a ceiling ('up to'), not a target: left out"
            )
            reading.unknown.add(p.component)
            continue
        by.setdefault(p.component, []).append(p)
        sources.append(Source(p.component, f.text.strip(), f.start, f.start + len(f.text.rstrip())))
    pay_currency = _pay_currency(by, currency)
    reading.currency = pay_currency
    values = reading.values

    def amount(p: Placed) -> float:
        return scale(p.figure, p.figure.value, unit, reading, pay_currency)

    # base
    base_figs = [p for p in by.get(Component.BASE, []) if p.figure.per != "paycheck"]
    if Component.BASE in doubt:
        base_figs = []
        reading.warnings.append("the base is in doubt in the paste: left as unknown")
    certain = [p for p in base_figs if not p.figure.uncertain]
    if base_figs and not certain:
        reading.warnings.append(
            f"the base is given as a range or alternatives ({base_figs[0].figure.text.strip()}): left as unknown"
        )
    if certain:
        row = min(certain, key=lambda p: (min(years_of.get(p.piece) or (99,)), p.figure.start))
        _read_base(tokens, row, amount(row), labels, spans, body, reading)
    if "base" in reading.zero and "base" not in values:
        values["base"] = 0.0
    # bonus
    bonus = [
        p
        for p in by.get(Component.BONUS, [])
        if not p.figure.uncertain and not pct_of_other(tokens, p.figure)
    ]
    if Component.BONUS not in doubt:
        pcts = [p for p in bonus if p.figure.is_pct]
        moneys = [p for p in bonus if not p.figure.is_pct and not p.figure.shares]
        if pcts:
            values["bonus_pct"] = pcts[0].figure.value
        if moneys:
            f = moneys[0].figure
            if f.bare and f.value <= 1 and not f.spelled:
                values.setdefault("bonus_pct", round(f.value * 100, 4))
            else:
                values["bonus_amount"] = amount(moneys[0])
    if "bonus" in reading.zero:
        values.setdefault("bonus_pct", 0.0)
        values.setdefault("bonus_amount", 0.0)
    # signing
    signing = [
        p for p in by.get(Component.SIGNING, []) if not p.figure.uncertain and not p.figure.is_pct
    ]
    if Component.SIGNING not in doubt and Component.SIGNING not in reading.unknown and signing:
        parts = [amount(p) for p in signing]
        total, shown = signing_total(parts, body)
        values["signing"] = total
        if shown:
            reading.assumptions.append(
                f"added the signing amounts: {shown} = {format_money(total, pay_currency, exact=True)}"
            )
    elif "signing" in reading.zero:
        values["signing"] = 0.0
    if any(p.ambiguous for ps in by.values() for p in ps) or any(
        p.ambiguous for p in segment.placed
    ):
        for p in segment.placed:
            if p.ambiguous and p.component is None:
                reading.warnings.append(
                    f"{p.figure.text.strip()} mixes two components; tell me the split"
                )
    reloc = by.get(Component.RELOCATION, [])
    if reloc:
        values["relocation"] = amount(reloc[0])
    total_figs = by.get(Component.TOTAL, [])
    if total_figs:
        values["total_comp"] = amount(total_figs[0])
    _read_stock(
        tokens,
        pieces,
        segment,
        by.get(Component.STOCK, []),
        vest,
        doubt,
        years_of,
        each,
        body,
        amount,
        currency,
        reading,
    )
    _check(reading)
    segment_text = " ".join(text[s:e].strip() for s, e in spans)
    label = segment.label if segment.label in ("revised", "original", "current") else None
    return Offer(
        currency=pay_currency,
        stock_currency=reading.stock_currency if reading.stock_currency != pay_currency else None,
        label=label,
        text=segment_text.strip(),
        sources=tuple(sources),
        assumptions=tuple(dict.fromkeys(reading.assumptions)),
        warnings=tuple(dict.fromkeys(reading.warnings)),
        **{k: v for k, v in values.items() if not k.startswith("_")},  # type: ignore[arg-type]
    )


def _pay_currency(by: dict[Component, list[Placed]], currency: dict[str, str | None]) -> str | None:
    for component in (Component.BASE, Component.SIGNING, Component.BONUS, Component.TOTAL):
        for p in by.get(component, []):
            key = _money_key(p.figure, currency)
            if key and not p.figure.is_pct:
                return key
    return currency[""]


def _read_base(
    tokens: Tokens, p: Placed, value: float, labels: list, spans: list, body: str, reading: Reading
) -> None:  # type: ignore[type-arg]
    f = p.figure
    currency = reading.currency
    shown = f.text.strip()
    if f.per == "hour":
        if full_time(body):
            reading.values["base"] = value * 2080
            reading.assumptions.append(
                f"annualised {shown} x 2080 hours (full time) = {format_money(value * 2080, currency, exact=True)}"
            )
        else:
            reading.values["rate"], reading.values["rate_per"] = value, "hour"
            reading.warnings.append(
                f"{shown} is an hourly rate without full-time hours; tell me the hours per week to turn it into a year"
            )
        return
    if f.per == "day":
        reading.values["rate"], reading.values["rate_per"] = value, "day"
        reading.warnings.append(f"{shown} is a day rate: day rates are not turned into a salary")
        return
    line = (
        tokens.line_of(f.start)[0],
        tokens.line_of(f.end)[1],
    )
    if monthly(tokens, f, labels) or (
        f.per is None and not p.per_year and extra_salary(tokens, [line])
    ):
        count = payments(tokens, spans) or 12
        reading.values["base"] = value * count
        reading.assumptions.append(
            f"annualised {shown} x {count} monthly payments = {format_money(value * count, currency, exact=True)}"
        )
        return
    reading.values["base"] = value


def _read_stock(
    tokens, pieces, segment, stock, vest, doubt, years_of, each, body, amount, currency, reading
) -> None:  # type: ignore[no-untyped-def]
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
            reading.stock_currency = _money(first.figure, currency)
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


def _money(figure: Figure, currency: dict[str, str | None]) -> str | None:
    return figure.currency or (currency["$"] if figure.dollar else None)


def _yearly_word(text: str, figure: Figure) -> bool:
    before = text[max(0, figure.start - 8) : figure.start]
    after = text[figure.end : figure.end + 14].lower()
    return "每年" in before or bool(
        re.match(r"\s?(?:per year|a year|/yr|yearly|each year|par an)", after)
    )


def _vest_pct(text: str, figure: Figure) -> bool:
    after = text[figure.end : figure.end + 30].lower()
    return bool(
        re.match(r"\s?(?:/\s?y|per\s|each\s|every\s|annually|on\s|after\s|a\s?year|on each)", after)
    )


def _stock_years(
    tokens: Tokens,
    context: list[Piece],
    stock: list[Placed],
    vest,
    reading: Reading,
    has_stock: bool,
) -> None:  # type: ignore[no-untyped-def]
    text = tokens.text
    values = reading.values
    explicit = next((p.figure.years for p in stock if p.figure.years), None)
    for p in stock:
        if explicit:
            break
        m = re.match(
            r"[^\d,;\n]{0,14}?\b(?:over|across|über|sur|em|a|分)\s?(\d{1,2}|two|three|four|five|six)\b(?!\s?(?:%|k|\d))",
            text[p.figure.end : p.figure.end + 30],
            re.IGNORECASE,
        )
        if m:
            word = m.group(1).lower()
            explicit = (
                int(word)
                if word.isdigit()
                else {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}[word]
            )
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
                and not re.search(
                    r"[a-z]{4,}",
                    re.sub(r"\d+\s?-?\s?(?:years?|yrs?|y)\b", "", chunk.lower()).replace(
                        "vest", ""
                    ),
                )
            )
        ):
            continue
        for m in tokens.marks_in(piece.start, piece.end):
            if m.kind != "years" or not 1 <= m.value <= 10:
                continue
            after = text[m.end : m.end + 12].lower()
            before = text[max(0, m.start - 12) : m.start].lower()
            if (
                re.match(r"\s?-?\s?cliff", after)
                or re.search(r"cliff\s?(?:of\s)?\Z", before)
                or re.search(r"(?:exp|experience|yoe)", after)
            ):
                continue
            if _SIGNING_CONTEXT_RE.search(before) and not _STOCK_CONTEXT_RE.search(before):
                continue
            mark_years = int(m.value)
            break
        if mark_years:
            break
    json_years = re.search(r"vesting[_ ]years?\W{1,4}(\d{1,2})", body, re.IGNORECASE)
    years = explicit or mark_years or (int(json_years.group(1)) if json_years else None)
    pct = _VEST_PCT_RE.search(body)
    if years is None and pct and has_stock:
        p = float(pct["p"] or pct["q"])
        if p and 100 % p == 0:
            years = int(100 / p)
    if years is None and re.search(r"1/4\b.{0,60}1/48", body):
        years = 4
    if years is None and "vesting" in values:
        years = len(values["vesting"])  # type: ignore[arg-type]
    if years is not None and (has_stock or "stock" not in reading.zero):
        if has_stock or _STOCK_CONTEXT_RE.search(body):
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
            or re.search(r"cliff", body, re.IGNORECASE)
        ) and not re.search(r"\d\s?/\s?\d{1,2}\s?/\s?\d", stock_text):
            even = pct and float(pct["p"] or pct["q"]) * n == 100
            if even or _EVEN_RE.search(stock_text) or _CLIFF_YEARS_RE.search(body):
                values["vesting"] = tuple([round(100 / n, 2)] * n)  # type: ignore[operator]


def _check(reading: Reading) -> None:
    values = reading.values
    base = values.get("base")
    currency = reading.currency
    if isinstance(base, float) and base and not plausible(base, currency):
        hint = (
            f" — did you mean {format_money(base * 1000, currency, exact=True)}?"
            if base < 10_000
            else ""
        )
        reading.warnings.append(
            f"a base of {format_money(base, currency, exact=True)} doesn't look like a year's pay, so I left it out{hint}"
        )
        del values["base"]
    pct = values.get("bonus_pct")
    if isinstance(pct, float) and pct > 200:
        reading.warnings.append(f"a {pct:g}% bonus looks wrong, so I left it out")
        del values["bonus_pct"]


_INHERITED = ("base", "bonus_pct", "bonus_amount", "signing", "signing_years", "relocation")
_STOCK = (
    "stock_total",
    "stock_years",
    "stock_per_year",
    "vesting",
    "stock_currency",
    "stock_kind",
    "equity_pct",
    "shares",
    "cliff_months",
)


def inherit(revised: Offer, original: Offer) -> Offer:
    """A revision changes what it names; the rest of the original stands ("everything else the
    same", "GSUs unchanged")."""
    changes: dict[str, object] = {}
    for name in _INHERITED:
        if getattr(revised, name) is None and getattr(original, name) is not None:
            if name in ("bonus_pct", "bonus_amount") and (
                revised.bonus_pct is not None or revised.bonus_amount is not None
            ):
                continue
            changes[name] = getattr(original, name)
    has_stock = any(
        getattr(revised, n) not in (None, ())
        for n in ("stock_total", "stock_per_year", "shares", "equity_pct")
    )
    if not has_stock:
        for name in _STOCK:
            value = getattr(original, name)
            if value not in (None, ()) and getattr(revised, name) in (None, ()):
                changes[name] = value
    if revised.currency is None and original.currency:
        changes["currency"] = original.currency
    if not changes:
        return revised
    names = ", ".join(k for k in changes if k != "currency")
    note = f"kept from the original offer what the revision does not change ({names})"
    allowed = {f.name for f in fields(Offer)}
    return replace(
        revised,
        assumptions=(*revised.assumptions, note),
        **{k: v for k, v in changes.items() if k in allowed},
    )  # type: ignore[arg-type]

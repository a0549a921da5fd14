"""One segment's placed figures -> an Offer, by the conventions in bot.offers.rules."""

from __future__ import annotations

import re

from bot.offers.amounts import Figure
from bot.offers.assign import Placed
from bot.offers.layout import Piece
from bot.offers.lexicon import Kind
from bot.offers.model import Offer, Source
from bot.offers.rules import (
    PasteCurrency,
    Reading,
    Segment,
    extra_salary,
    full_time,
    monthly,
    payments,
    pct_of_other,
    plausible,
    scale,
    segment_words,
    signing_total,
)
from bot.offers.shorthand import VestRun
from bot.offers.statements import capped, doubted, none_and_unknown
from bot.offers.stock import read_stock
from bot.offers.tokens import Tokens, Word
from bot.prose.components import Component
from bot.prose.money import format_money

_SPLIT_OVER_RE = re.compile(
    r"[^\d\n]{0,16}?\b(?:over|across)\s(\d|two|three|four)\s?(?:years?|yrs?)", re.IGNORECASE
)  # "$50k signing split over two years"
_YEARS_WORDS = {"two": 2, "three": 3, "four": 4}
_EACH_RE = re.compile(r"\beach\b|je\b|cada\b", re.IGNORECASE)  # a year row that repeats


def build(
    tokens: Tokens,
    pieces: list[Piece],
    segment: Segment,
    vest: list[VestRun],
    currency: PasteCurrency,
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
    each = {i for i in segment.pieces if _EACH_RE.search(text, pieces[i].start, pieces[i].end)}
    labels = segment_words(tokens, pieces, segment)
    by: dict[Component, list[Placed]] = {}
    sources: list[Source] = []
    for p in segment.placed:
        f = p.figure
        if p.component is None:
            if not p.other and not f.is_pct and not f.previous and f.value >= 1000 and not f.shares:
                reading.warnings.append(
                    f"couldn't tell what {f.text.strip()} is; "
                    "say 'base', 'RSUs', 'bonus' or 'signing' next to it"
                )
            continue
        if f.previous or f.plus:
            continue
        if (
            f.bare
            and 1 <= f.value < 10
            and f.value == int(f.value)
            and not f.spelled
            and not (unit >= 100_000 and p.how in ("label", "continued", "part"))
        ):
            # "a 4", "2 parcelas": a one-digit count is never an amount of pay, unless the
            # paste counts in lakhs and a label names it ("28 fixed + 4 variable")
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
    pay_currency = _pay_currency(by, currency, reading.assumptions)
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
            "the base is given as a range or alternatives "
            f"({base_figs[0].figure.text.strip()}): left as unknown"
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
        if not p.figure.uncertain
        and not pct_of_other(tokens, p.figure)
        and not (p.how == "loose percent" and "bonus" in reading.zero)  # "no bonus" said so
    ]
    if Component.BONUS not in doubt:
        pcts = [p for p in bonus if p.figure.is_pct]
        moneys = [p for p in bonus if not p.figure.is_pct and not p.figure.shares]
        if pcts:
            values["bonus_pct"] = pcts[0].figure.value
        if moneys:
            f = moneys[0].figure
            if f.value == 0:
                reading.zero.add("bonus")  # "0 bonus", "$0": none
            elif f.bare and f.value < 1 and not f.spelled:
                values.setdefault("bonus_pct", round(f.value * 100, 4))  # "bonus 0.15"
            else:
                values["bonus_amount"] = amount(moneys[0])
    if "bonus" in reading.zero and "bonus_pct" not in values and "bonus_amount" not in values:
        values["bonus_pct"] = values["bonus_amount"] = 0.0
    # signing
    signing = [
        p for p in by.get(Component.SIGNING, []) if not p.figure.uncertain and not p.figure.is_pct
    ]
    if Component.SIGNING not in doubt and Component.SIGNING not in reading.unknown and signing:
        parts = [amount(p) for p in signing]
        near = text[signing[0].figure.start : signing[-1].figure.end + 40]  # the cue is beside
        years = [years_of.get(p.piece) for p in signing]
        shown: str | None
        if len(parts) > 1 and all(years) and len(set(years)) == len(years):
            # one instalment a year in a year-by-year table: they add up, equal or not
            total, shown = sum(parts), " + ".join(f"{v:,.0f}" for v in parts)
        else:
            total, shown = signing_total(parts, near)
        values["signing"] = total
        over = next(
            (
                m
                for p in signing
                if (m := _SPLIT_OVER_RE.match(text, p.figure.end, p.figure.end + 40))
            ),
            None,
        )
        if over:
            values["signing_years"] = _YEARS_WORDS.get(over.group(1).lower()) or int(over.group(1))
        if shown:
            reading.assumptions.append(
                f"added the signing amounts: {shown} = "
                f"{format_money(total, pay_currency, exact=True)}"
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
    read_stock(
        tokens,
        pieces,
        segment,
        by.get(Component.STOCK, []),
        {
            p.figure.start
            for p in segment.placed
            if p.component is not None and p.component is not Component.STOCK
        },
        vest,
        doubt,
        each,
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
        **{k: v for k, v in values.items() if not k.startswith("_")},
    )


def _pay_currency(
    by: dict[Component, list[Placed]], currency: PasteCurrency, assumptions: list[str]
) -> str | None:
    for component in (Component.BASE, Component.SIGNING, Component.BONUS, Component.TOTAL):
        for p in by.get(component, []):
            key = currency.of(p.figure)
            if key and not p.figure.is_pct:
                return key
    if currency.unmarked and currency.from_place and any(by.values()):
        assumptions.append(
            f"no currency written: read as {currency.unmarked}, the currency of the place named"
        )
    return currency.unmarked


def _read_base(
    tokens: Tokens,
    p: Placed,
    value: float,
    labels: list[Word],
    spans: list[tuple[int, int]],
    body: str,
    reading: Reading,
) -> None:
    """A year's base from the figure: hourly x 2080 only when full time is stated, a day rate
    kept as a rate, monthly x the stated payments (12 when none), an annual figure as it is."""
    f = p.figure
    currency = reading.currency
    shown = f.text.strip()
    if f.per == "hour":
        if full_time(body):
            reading.values["base"] = value * 2080
            reading.assumptions.append(
                f"annualised {shown} x 2080 hours (full time) = "
                f"{format_money(value * 2080, currency, exact=True)}"
            )
        else:
            reading.values["rate"], reading.values["rate_per"] = value, "hour"
            reading.warnings.append(
                f"{shown} is an hourly rate without full-time hours; "
                "tell me the hours per week to turn it into a year"
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
        f.per is None
        and not p.per_year
        and (extra_salary(tokens, [line]) or _count_after(tokens, f))
    ):
        count = payments(tokens, spans) or 12
        reading.values["base"] = value * count
        reading.assumptions.append(
            f"annualised {shown} x {count:g} monthly payments = "
            f"{format_money(value * count, currency, exact=True)}"
        )
        return
    reading.values["base"] = value


def _count_after(tokens: Tokens, figure: Figure) -> bool:
    """ "45k × 15", "85,000 x 13", "4.650 € brutto × 14": a payment count right after the
    figure (past a word that only says the pay is gross) makes it a month's."""
    text = tokens.text
    at = figure.end
    for word in tokens.words_of(Kind.GROSS, figure.end, figure.end + 12):
        if text[at : word.start].strip():
            break
        at = word.end
    return any(
        m.kind == "count"
        and not text[at : m.start].strip()
        and text[m.start : m.start + 1].lower() in ("x", "×", "*")
        for m in tokens.marks_in(at, at + 3)
    )


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
            f"a base of {format_money(base, currency, exact=True)} doesn't look like a year's pay, "
            f"so I left it out{hint}"
        )
        del values["base"]
    pct = values.get("bonus_pct")
    if isinstance(pct, float) and pct > 200:
        reading.warnings.append(f"a {pct:g}% bonus looks wrong, so I left it out")
        del values["bonus_pct"]

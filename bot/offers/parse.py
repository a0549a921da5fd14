"""Pasted text -> offers. Pure.

People paste one-liners ("170k + 10% + 120k/4, no signing"), recruiter emails, bullet lists
and whole chats. The parser finds the figures and what each one is (see bot.prose.figures), splits
the paste into offers where a component repeats or a marker says so ("Revised:", "Original
offer"), and writes down every assumption it makes ("read 210 as $210,000"). What it cannot
read is reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from bot.errors import OfferError
from bot.offers.model import Offer, ParsedPaste, Source
from bot.prose.components import Component, find_labels
from bot.prose.figures import WORD_NUMBERS, Figure, clause_years, extract_figures, word_number
from bot.prose.money import format_money, parse_amount
from bot.prose.words import strip_markup

MAX_CHARS = 16_000
EXAMPLE = "205k base, 240k RSUs over 4 years, 10% bonus, 30k signing"

# What a year of pay can plausibly be, by currency; outside it a figure is a slip, not pay.
_PLAUSIBLE_BASE = {
    "INR": (100_000, 500_000_000),
    "JPY": (1_000_000, 500_000_000),
    "KRW": (10_000_000, 5e9),
}
_PLAUSIBLE_DEFAULT = (10_000, 5_000_000)

_SENTENCE_RE = re.compile(
    r"\n+|(?<=\S)[.!?](?=\s)|;\s|,\s*(?=(?:and\s+)?(?:the\s+)?(?:revised|updated|new\s+offer|final\s+offer)\b)",
    re.IGNORECASE,
)
# "180k/150k/10%": base / stock / bonus, as people write offers in forums and chats.
_SHORTHAND_RE = re.compile(
    r"(?<![\w/.$£€₹])(?P<base>[$£€₹]?\d+(?:\.\d+)?[kK]?)\s*/\s*"
    r"(?P<stock>[$£€₹]?\d+(?:\.\d+)?[kK]?)\s*/\s*(?P<bonus>\d+(?:\.\d+)?)\s*%"
)
_REVISED_RE = re.compile(
    r"\b(?:revised|updated|new\s+offer|improved|bumped|final\s+offer|came\s+back|increased|"
    r"raised|now\s+offering|counter(?:ed)?\s+with|second\s+offer|after\s+negotiat\w*)\b|"
    r"^\s*(?:and\s+|but\s+)?now\b",
    re.IGNORECASE,
)
_ORIGINAL_RE = re.compile(
    r"\b(?:original(?:ly)?|initial(?:ly)?|first\s+offer|previous(?:ly)?|before|old\s+offer|was)\b",
    re.IGNORECASE,
)
_OTHER_RE = re.compile(
    r"\b(?:offer\s*(?:#?\s*\d|[ab])\b|competing|other\s+offer|second\s+company|vs\.?)",
    re.IGNORECASE,
)
_HOURS_RE = re.compile(
    r"\b(\d{1,2})\s*(?:hrs?|hours?|h)\s*(?:/|per|a|each)\s*(?:wk|week)\b", re.IGNORECASE
)
_VESTING_RE = re.compile(
    r"(?<![\d.])(\d{1,2}(?:\.\d+)?)%?((?:\s*/\s*\d{1,2}(?:\.\d+)?%?){1,9})(?![\d/])"
)
_CLIFF_RE = re.compile(
    rf"\b(?P<n>\d+|a|{'|'.join(WORD_NUMBERS)})[- ]?(?P<unit>years?|yrs?|months?|mos?)[- ]cliff\b",
    re.IGNORECASE,
)
_SPLIT_RE = re.compile(
    rf"\b(?:split|paid|spread)\s+(?:over|across|into)\s+(?P<n>\d|{'|'.join(WORD_NUMBERS)})\s*(?:years?|yrs?|installments?|parts?)\b",
    re.IGNORECASE,
)
_NONE_BEFORE_RE = re.compile(
    r"\b(?:no|without(?:\s+an?)?|zero|nil|0)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_NONE_AFTER_RE = re.compile(
    r"^\s*(?:bonus)?\s*[:=\-–]?\s*(?:none|nil|no|zero|nothing|not\s+offered|n/a\s*\(none\)|0)\b(?!\s*[\d.,]*\s*(?:k|m|%))",
    re.IGNORECASE,
)
_PLACEHOLDER_AFTER_RE = re.compile(
    r"^\s*(?:bonus)?\s*[:=\-–]?\s*(?P<p>n/?a|tbd|tbc|pending|unknown|to\s+be\s+(?:decided|confirmed)|\?+)(?!\w)",
    re.IGNORECASE,
)
_OPTIONS_RE = re.compile(r"\b(?:stock\s+)?options?\b|\bisos?\b|\bnsos?\b", re.IGNORECASE)
_EQUITY_RE = re.compile(r"\b(?:equity|esops?|shares|stock)\b", re.IGNORECASE)
_RSU_RE = re.compile(r"\b(?:rsus?|gsus?|psus?|restricted\s+stock)\b", re.IGNORECASE)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SUMMABLE = {Component.SIGNING, Component.RELOCATION}
_REPEATS = {Component.BASE, Component.STOCK, Component.BONUS, Component.TOTAL}


def normalize(text: str) -> str:
    """Full-width digits, non-breaking spaces and Slack markup folded; spans index this text."""
    text = strip_markup(text).translate(_ZERO_WIDTH)
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[^\S\n]+", " ", text)


def parse_offers(text: str) -> ParsedPaste:
    """Read every offer in a paste. Raises OfferError with a message for the user when there
    is nothing to read (empty, too large, no pay figures)."""
    if not text or not text.strip():
        raise OfferError(f"Paste the offer after the command, for example: {EXAMPLE}")
    if len(text) > MAX_CHARS:
        raise OfferError(
            f"That paste is {len(text) / 1000:.0f} KB; I read offers up to {MAX_CHARS // 1000} KB. "
            "Paste just the part with the numbers."
        )
    clean = normalize(text)
    figures = _figures(clean)
    offers = [_assemble(clean, segment) for segment in _segments(clean, figures)]
    offers = [o for o in offers if o.has_figures or o.warnings]
    readable = [o for o in offers if o.has_figures]
    if not readable:
        reasons = [w for o in offers for w in o.warnings]
        detail = f" ({'; '.join(reasons)})" if reasons else ""
        raise OfferError(
            f"I couldn't find pay figures in that{detail}. Try something like: {EXAMPLE}"
        )
    revised = [o for o in readable if o.label == "revised"]
    primary = revised[-1] if revised else readable[0]
    others = tuple(o for o in readable if o is not primary)
    return ParsedPaste(primary, others, clean)


def _figures(text: str) -> list[Figure]:
    """Every figure: the base/stock/bonus shorthand first, then the rest of the text."""
    shorthand: list[Figure] = []
    blanked = text
    for m in _SHORTHAND_RE.finditer(text):
        parts = [
            (Component.BASE, m.start("base"), m.end("base"), False),
            (Component.STOCK, m.start("stock"), m.end("stock"), False),
            (Component.BONUS, m.start("bonus"), m.end("bonus") + 1, True),
        ]
        found = []
        for component, start, end, is_pct in parts:
            amount = parse_amount(text[start:end].rstrip("%"))
            if amount is None:
                break
            found.append(
                Figure(
                    value=amount.value,
                    currency=amount.currency,
                    start=start,
                    end=end,
                    text=text[start:end],
                    component=component,
                    is_pct=is_pct,
                    multiplier=amount.multiplier,
                    shorthand=True,
                )
            )
        else:
            shorthand.extend(found)
            blanked = blanked[: m.start()] + " " * (m.end() - m.start()) + blanked[m.end() :]
    return sorted([*shorthand, *extract_figures(blanked)], key=lambda f: f.start)


@dataclass
class _Segment:
    start: int
    end: int
    figures: list[Figure] = field(default_factory=list)
    label: str | None = None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_RE.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _segments(text: str, figures: list[Figure]) -> list[_Segment]:
    """Split the paste into offers: a new one starts where a component comes round again
    (a second base) or a marker says so ("Revised:", "Original offer", "Offer 2")."""
    segments = [_Segment(0, 0)]
    for start, end in _sentences(text):
        sentence = text[start:end]
        here = [f for f in figures if start <= f.start < end]
        current = segments[-1]
        seen = {f.component for f in current.figures if f.component in _REPEATS}
        repeats = {f.component for f in here if f.component in _REPEATS} & seen
        label = _label(sentence)
        marker = label is not None or bool(_OTHER_RE.search(sentence))
        if current.figures and (repeats or marker):
            segments.append(_Segment(start, end))
            current = segments[-1]
        current.end = end
        current.figures.extend(here)
        current.label = current.label or label
    return [s for s in segments if s.end > s.start]


def _label(sentence: str) -> str | None:
    if _REVISED_RE.search(sentence):
        return "revised"
    if _ORIGINAL_RE.search(sentence):
        return "original"
    return None


@dataclass
class _Draft:
    """An offer being put together; becomes an Offer at the end."""

    text: str
    values: dict[str, object] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    nones: set[str] = field(default_factory=set)  # components the text says are none


def _assemble(text: str, segment: _Segment) -> Offer:
    body = text[segment.start : segment.end]
    draft = _Draft(body)
    currency = _currency(segment.figures)
    if any(f.shorthand for f in segment.figures):
        draft.assumptions.append("read 'A/B/C%' as base / stock / bonus")
    figures = [_scaled(_rate_is_pay(f, draft), currency, draft) for f in segment.figures]
    money = [f for f in figures if f is not None]
    _read_formula(body, segment.start, money, draft)
    _read_components(body, money, currency, draft)
    _read_nones(body, draft)
    _read_vesting(body, draft)
    _finish_stock(body, draft)
    _check_plausible(currency, draft)
    values = draft.values
    stock_currency = values.pop("_stock_currency", None)
    return Offer(
        currency=currency,
        stock_currency=stock_currency if stock_currency != currency else None,  # type: ignore[arg-type]
        label=segment.label,
        text=body.strip(),
        sources=tuple(draft.sources),
        assumptions=tuple(dict.fromkeys(draft.assumptions)),
        warnings=tuple(dict.fromkeys(draft.warnings)),
        **values,  # type: ignore[arg-type]
    )


def _currency(figures: Iterable[Figure]) -> str | None:
    """The offer's currency: the base's, else the most common one written."""
    money = [f for f in figures if not f.is_pct and f.currency]
    base = [f.currency for f in money if f.component is Component.BASE]
    if base:
        return base[0]
    counts = Counter(f.currency for f in money)
    return counts.most_common(1)[0][0] if counts else None


def _show(value: float, currency: str | None) -> str:
    return format_money(value, currency, exact=True)


def _scaled(figure: Figure, currency: str | None, draft: _Draft) -> Figure | None:
    """Thousands for bare numbers ("base 210"), annual pay from hourly or monthly rates,
    the low end of ranges; None (with a warning) for negative amounts."""
    if figure.plus:
        return None  # "$430K+": a floor someone quotes, not a figure on offer
    if figure.negative:
        draft.warnings.append(f"ignored a negative amount ({figure.text.strip()})")
        return None
    if figure.is_pct or figure.shares:
        return figure
    value, high, previous = figure.value, figure.high, figure.previous
    shown_currency = figure.currency or currency
    if figure.bare and figure.component is not None and value < 1000:
        draft.assumptions.append(
            f"read {figure.text.strip()} as {_show(value * 1000, shown_currency)} (thousands)"
        )
        value *= 1000
        high = high * 1000 if high is not None and high < 1000 else high
        previous = previous * 1000 if previous is not None and previous < 1000 else previous
    if previous is not None:
        draft.assumptions.append(
            f"read '{figure.text.strip()}' as a change from {_show(previous, shown_currency)}: "
            f"used the new figure, {_show(value, shown_currency)}"
        )
    if high is not None and high != value:
        draft.assumptions.append(
            f"{figure.component.spoken if figure.component else 'a figure'} given as a range "
            f"({figure.text.strip()}): used the low end, {_show(value, shown_currency)}"
        )
    if figure.per == "hour":
        hours = _HOURS_RE.search(draft.text)
        if not hours:
            draft.warnings.append(
                f"{figure.text.strip()} is an hourly rate; tell me the hours per week to turn it into a year"
            )
            return None
        per_week = int(hours[1])
        annual = value * per_week * 52
        draft.assumptions.append(
            f"annualised {figure.text.strip()} × {per_week} h/week × 52 weeks = {_show(annual, shown_currency)}"
        )
        return replace(figure, value=annual, per="year", high=None)
    if figure.per == "month":
        annual = value * 12
        draft.assumptions.append(
            f"annualised {figure.text.strip()} × 12 months = {_show(annual, shown_currency)}"
        )
        return replace(figure, value=annual, per="year", high=None)
    return replace(figure, value=value, high=None)


def _read_formula(body: str, offset: int, figures: list[Figure], draft: _Draft) -> None:
    """ "170k + 10% + 120k/4": unlabelled figures joined by "+" read as base + bonus + stock."""
    loose = [f for f in figures if f.component is None and not f.shares]
    if not loose:
        return
    joined = [f for f in figures if not f.shares]
    first, last = joined[0].start - offset, joined[-1].end - offset
    if len(joined) < 2 or "+" not in body[first:last]:
        return
    for figure in loose:
        if figure.is_pct:
            component = Component.BONUS
        elif figure.years is not None or (
            figure.per == "year" and Component.BASE in _components(figures)
        ):
            component = Component.STOCK
        elif Component.BASE not in _components(figures):
            component = Component.BASE
        else:
            component = Component.STOCK
        figures[figures.index(figure)] = replace(figure, component=component)
    draft.assumptions.append(
        "read the figures joined by '+' as base + bonus + stock"
        + (" (the one over N years)" if any(f.years for f in loose) else "")
    )


def _components(figures: Iterable[Figure]) -> set[Component | None]:
    return {f.component for f in figures}


def _read_components(body: str, figures: list[Figure], currency: str | None, draft: _Draft) -> None:
    values = draft.values
    previous: Figure | None = None
    for found in figures:
        component = found.component
        if component is None and not found.is_pct:
            component = _implied(body, found, previous)
        figure = replace(found, component=component)
        previous = figure if component is not None else previous
        if component is None:
            if not figure.is_pct and figure.value >= 1000:
                draft.warnings.append(
                    f"couldn't tell what {figure.text.strip()} is; say 'base', 'RSUs', 'bonus' or 'signing' next to it"
                )
            continue
        draft.sources.append(
            Source(
                component,
                figure.text.strip(),
                figure.start,
                figure.start + len(figure.text.rstrip()),
            )
        )
        if (
            figure.currency
            and currency
            and figure.currency != currency
            and component is not Component.STOCK
        ):
            draft.warnings.append(
                f"{figure.text.strip()} is in {figure.currency} but the offer is in {currency}; "
                "it was not added to anything"
            )
            continue
        if figure.shares:
            draft.values.setdefault("_shares", figure.text.strip())
            continue
        if component is Component.BONUS:
            key = "bonus_pct" if figure.is_pct else "bonus_amount"
            _set_once(values, key, figure.value, figure, draft)
        elif component is Component.STOCK:
            _read_stock(figure, values, draft)
        elif component in _SUMMABLE:
            key = "signing" if component is Component.SIGNING else "relocation"
            _add_up(values, key, figure.value, currency, draft)
        elif component is Component.BASE:
            _set_once(values, "base", figure.value, figure, draft)
        elif component is Component.TOTAL:
            _set_once(values, "total_comp", figure.value, figure, draft)
    if "signing" in values and (m := _SPLIT_RE.search(body)):
        values["signing_years"] = word_number(m["n"])
    shares = values.pop("_shares", None)
    if shares and "stock_total" not in values and "stock_per_year" not in values:
        draft.warnings.append(
            f"{shares} here is a number of shares, not money; tell me what they are worth "
            "(e.g. $240K) to count them"
        )


def _rate_is_pay(figure: Figure, draft: _Draft) -> Figure:
    """An unlabelled hourly or monthly rate ("$85/hr") is base pay."""
    if figure.component is None and figure.per in ("hour", "month") and not figure.is_pct:
        draft.assumptions.append(f"read the rate {figure.text.strip()} as base pay")
        return replace(figure, component=Component.BASE)
    return figure


def _implied(body: str, figure: Figure, previous: Figure | None) -> Component | None:
    """ "15k in year 2" after "25k sign-on in year 1" is more of the same."""
    if previous is not None and previous.component in _SUMMABLE:
        offset = body.find(figure.text)
        following = (
            body[offset + len(figure.text) : offset + len(figure.text) + 20] if offset >= 0 else ""
        )
        if _YEAR_N_RE.match(following):
            return previous.component
    return None


_YEAR_N_RE = re.compile(r"\s*(?:in\s+|for\s+)?(?:\(?\s*)?(?:year|yr)\s*\d", re.IGNORECASE)


def _set_once(
    values: dict[str, object], key: str, value: float, figure: Figure, draft: _Draft
) -> None:
    if key in values and values[key] != value:
        draft.warnings.append(
            f"two figures for {key.replace('_', ' ')}; kept the first, ignored {figure.text.strip()}"
        )
        return
    values[key] = value


def _add_up(
    values: dict[str, object], key: str, value: float, currency: str | None, draft: _Draft
) -> None:
    """Signing bonuses in parts ("25k in year 1 and 15k in year 2") add up; a total given
    beside its parts ("50k, split 25k/25k") is kept as the total."""
    parts = [*values.get(f"_{key}_parts", []), value]  # type: ignore[misc]
    values[f"_{key}_parts"] = parts
    biggest = max(parts)
    rest = sum(parts) - biggest
    if len(parts) > 1 and abs(rest - biggest) < 1:
        values[key] = biggest
        return
    values[key] = sum(parts)
    if len(parts) > 1:
        shown = " + ".join(_show(p, currency) for p in parts)
        draft.assumptions.append(
            f"added the {key} amounts: {shown} = {_show(sum(parts), currency)}"
        )


def _read_stock(figure: Figure, values: dict[str, object], draft: _Draft) -> None:
    if figure.is_pct:
        values["equity_pct"] = figure.value
        draft.warnings.append(
            f"{figure.text.strip()} equity has no valuation, so it is not counted in total comp"
        )
        return
    if "stock_total" in values or "stock_per_year" in values:
        draft.warnings.append(f"two stock figures; kept the first, ignored {figure.text.strip()}")
        return
    if figure.currency:
        values["_stock_currency"] = figure.currency
    if figure.per == "year":
        values["stock_per_year"] = figure.value
        if figure.years:
            values["stock_years"] = figure.years
    else:
        values["stock_total"] = figure.value
        if figure.years:
            values["stock_years"] = figure.years


def _read_nones(body: str, draft: _Draft) -> None:
    """ "no signing", "sign-on: none" -> 0; "bonus: TBD" -> unknown, and said so."""
    values = draft.values
    for component, start, end in find_labels(body):
        if component is Component.TOTAL:
            continue  # "TC: none" says nothing about any one component
        key = component.field
        if component is Component.BONUS and any(k in values for k in ("bonus_pct", "bonus_amount")):
            continue
        if component is Component.STOCK and any(
            k in values for k in ("stock_total", "stock_per_year", "equity_pct")
        ):
            continue
        if key in values:
            continue
        after = body[end : end + 40]
        if _NONE_BEFORE_RE.search(body[max(0, start - 14) : start]) or _NONE_AFTER_RE.match(after):
            values[key] = 0.0
            draft.nones.add(key)
        elif m := _PLACEHOLDER_AFTER_RE.match(after):
            draft.warnings.append(f"{component.spoken}: {m['p'].strip()} — left as unknown")


def _read_vesting(body: str, draft: _Draft) -> None:
    values = draft.values
    for m in _VESTING_RE.finditer(body):
        parts = [float(m[1]), *(float(p.strip(" %")) for p in m[2].split("/") if p.strip(" %"))]
        if 2 <= len(parts) <= 10 and abs(sum(parts) - 100) <= 2:
            values["vesting"] = tuple(parts)
            break
    if cliff := _CLIFF_RE.search(body):
        n = 1 if cliff["n"].lower() == "a" else word_number(cliff["n"])
        values["cliff_months"] = n * 12 if cliff["unit"].lower().startswith("y") else n
    if "stock_total" in values or "stock_per_year" in values:
        if _OPTIONS_RE.search(body):
            values["stock_kind"] = "options"
        elif _RSU_RE.search(body):
            values["stock_kind"] = "rsu"
        elif _EQUITY_RE.search(body):
            values["stock_kind"] = "equity"


def _finish_stock(body: str, draft: _Draft) -> None:
    """Fill total, years and per-year from each other; assume 4 years only when nothing says."""
    values = draft.values
    vesting = values.get("vesting")
    years = values.get("stock_years")
    if years is None and isinstance(vesting, tuple):
        years = len(vesting)
    if years is None and ("stock_total" in values or "stock_per_year" in values):
        years = clause_years(body)
    total, per_year = values.get("stock_total"), values.get("stock_per_year")
    if total is None and per_year is None:
        return
    if years is None:
        years = 4
        if total is not None:
            draft.assumptions.append("no vesting period given for the stock: assumed 4 years")
        else:
            draft.assumptions.append("stock given per year: assumed a 4-year grant")
    values["stock_years"] = int(years)  # type: ignore[call-overload]
    if total is None:
        values["stock_total"] = float(per_year) * int(years)  # type: ignore[arg-type, call-overload]
    values["stock_per_year"] = float(values["stock_total"]) / int(years)  # type: ignore[arg-type, call-overload]
    for key in [k for k in values if k.startswith("_") and k != "_stock_currency"]:
        del values[key]


def _check_plausible(currency: str | None, draft: _Draft) -> None:
    values = draft.values
    for key in [k for k in values if k.startswith("_") and k != "_stock_currency"]:
        del values[key]
    low, high = _PLAUSIBLE_BASE.get(currency or "", _PLAUSIBLE_DEFAULT)
    base = values.get("base")
    if isinstance(base, float) and "base" not in draft.nones and not low <= base <= high:
        shown = _show(base, currency)
        hint = f" — did you mean {_show(base * 1000, currency)}?" if 0 < base < low else ""
        draft.warnings.append(
            f"a base of {shown} doesn't look like a year's pay, so I left it out{hint}"
        )
        del values["base"]
    for key in ("stock_total", "signing", "bonus_amount", "relocation", "total_comp"):
        value = values.get(key)
        if isinstance(value, float) and value > high * 20:
            draft.warnings.append(
                f"{key.replace('_', ' ')} of {_show(value, currency)} looks wrong, so I left it out"
            )
            del values[key]
    pct = values.get("bonus_pct")
    if isinstance(pct, float) and pct > 200:
        draft.warnings.append(f"a {pct:g}% bonus looks wrong, so I left it out")
        del values["bonus_pct"]

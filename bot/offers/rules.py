"""Placed figures -> one Offer, by the labelling conventions (../shared/offers/CONVENTIONS.md).

Pay periods: monthly x 12 or x the stated payments ("x 13", "14 pagas", "15薪"); an annual
figure stands whatever the payment count; hourly x 2080 only with 40 h/week or full-time
stated; day rates are never annualised. Stock: total, per year and years each filled when
stated or one step of arithmetic away, never a guessed 4 years; share counts and ownership
percents have no money value. Bonus: percent and amount are never derived from each other; a
cap ("up to"), a range without a target, or a doubted figure stays unknown. Signing: all
instalments added, unless the parts restate a total. "No bonus" is 0; "TBD" is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.offers.amounts import Figure, Mark
from bot.offers.assign import Placed
from bot.offers.layout import Piece
from bot.offers.lexicon import NONE_EITHER, Kind
from bot.offers.tokens import Tokens, Word
from bot.prose.components import Component
from bot.prose.money import format_money

_PLAUSIBLE = {
    "INR": (100_000, 500_000_000),
    "JPY": (1_000_000, 500_000_000),
    "KRW": (10_000_000, 5e9),
    "COP": (10_000_000, 5e10),
    "CLP": (5_000_000, 5e9),
    "ARS": (1_000_000, 5e11),
    "VND": (50_000_000, 5e11),
}
_PLAUSIBLE_DEFAULT = (10_000, 5_000_000)
_FULL_TIME_RE = re.compile(
    r"\b40\s?(?:h|hrs?|hours?|std)\b|full[- ]?time|vollzeit|temps plein|tiempo completo|pełny etat|pełen etat|pełny wymiar",
    re.IGNORECASE,
)
_MONTHLY_LABELS = {
    "月薪", "月給", "月给", "月額", "monatsgehalt", "bruttomonatsgehalt", "월급", "månadslön", "maandsalaris", "bruto maandsalaris",
    "maandloon", "retainer",
}  # fmt: skip
_PCT_OF_OTHER_RE = re.compile(
    r"\s?(?:of|vom|von|du|de|des|sur)\s{1,3}(?:the\s{1,3})?(?:team|company|revenue|umsatz|teamumsatz|profit|sales|chiffre)",
    re.IGNORECASE,
)
# "monthly €7,000", "monthly salary: €7,000", "a monthly rate of €7,000"
_MONTHLY_BEFORE_RE = re.compile(
    r"(?:monthly|monatlich|mensuel|月|월)(?:\s?\S{0,12}|(?:\s[^\s.,;:]{1,12}){2}|\s(?:rate|salary|pay) of)\s?\Z"
)
_PART_TIME_RE = re.compile(r"part[- ]?time", re.IGNORECASE)
_PARTS_RE = re.compile(
    r"(\d|two|three|four|dos|tres|deux|trois|zwei|drei|两|二|三|四)\s?(?:equal\s)?(?:instal+ments?|"
    r"installments?|parts|payments|pagos|pagamentos|paiements|zahlungen|tranches|parcelas|"
    r"prestações|raten|versements|cuotas|plazos|termijnen|次|回|번)",
    re.IGNORECASE,
)
_PART_COUNTS = {
    "2": 2, "3": 3, "4": 4, "two": 2, "three": 3, "four": 4, "dos": 2, "tres": 3, "deux": 2,
    "trois": 3, "zwei": 2, "drei": 3, "两": 2, "二": 2, "三": 3, "四": 4,
}  # fmt: skip
_INSTALMENT_YEAR_RE = re.compile(
    r"\b(?:(?:in|for|during)\s)?(?:year|yr)\s?([1-4]|one|two|three|four)\b|\b(?:in|for|during)\sthe\s(first|second|third)\syear\b",
    re.IGNORECASE,
)
_EACH_PART_RE = re.compile(r"\b(?:each|je|cada|chacune|chacun|ciascuna)\b|各", re.IGNORECASE)
_EXTRA_SALARY_RE = re.compile(r"1[3-6]\s?(?:th|e|de|º|o|°|-?tka)")  # "13th month", "13-tka"
_NEGATED_COUNT_RE = re.compile(r"(?:sem|no|without|sin|kein|ohne|bez|pas de)\s?\Z", re.IGNORECASE)


@dataclass(frozen=True)
class PasteCurrency:
    """What a bare "$" and an unmarked figure mean in one paste (Toronto: "$" is CAD)."""

    dollar: str
    unmarked: str | None
    from_place: bool = False  # ``unmarked`` is the currency of the place the paste names

    def of(self, figure: Figure) -> str | None:
        """The currency written on ``figure``, if any."""
        return figure.currency or (self.dollar if figure.dollar else None)


@dataclass
class Segment:
    """The pieces of one offer in a paste."""

    pieces: list[int] = field(default_factory=list)
    label: str | None = None
    name: str | None = None
    placed: list[Placed] = field(default_factory=list)
    has_pay: bool = False  # some figure was read as pay
    loose: bool = False  # some amount no label claims (it may still be pay)
    # the amounts read so far, by component and percent-or-money: a different amount for a
    # component already read starts another offer ("base 190k ... base 205k"); the same one
    # again, a share count or a part of a figure does not
    amounts: dict[tuple[Component, bool], set[float]] = field(default_factory=dict)

    def add(self, index: int, placed: list[Placed]) -> None:
        self.pieces.append(index)
        self.placed.extend(placed)
        for p in placed:
            if p.component is None and not p.other and not p.figure.is_pct:
                self.loose = True
            if p.component is not None:
                self.has_pay = self.has_pay or not p.other
                if _counts(p):
                    self.amounts.setdefault((p.component, p.figure.is_pct), set()).add(
                        p.figure.value
                    )

    def repeats(self, placed: list[Placed]) -> bool:
        """Whether ``placed`` gives another amount for a component this offer already has."""
        for p in placed:
            if p.component in _REPEATS and _counts(p):
                seen = self.amounts.get((p.component, p.figure.is_pct))
                if seen and p.figure.value not in seen:
                    return True
        return False


def _counts(p: Placed) -> bool:
    f = p.figure
    return p.how != "part" and not (f.shares or f.price or f.previous or f.uncertain)


_REPEATS = frozenset({Component.BASE, Component.STOCK, Component.BONUS})


@dataclass
class Reading:
    values: dict[str, Any] = field(default_factory=dict)  # Offer fields by name
    zero: set[str] = field(default_factory=set)
    unknown: set[Component] = field(default_factory=set)  # placeholders and doubt: never inherited
    assumptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    currency: str | None = None
    stock_currency: str | None = None


def _show(value: float, currency: str | None) -> str:
    return format_money(value, currency, exact=True)


def _pieces_text(tokens: Tokens, pieces: list[Piece], seg: Segment) -> str:
    return "\n".join(tokens.text[pieces[i].start : pieces[i].end] for i in seg.pieces)


def segment_words(tokens: Tokens, pieces: list[Piece], seg: Segment) -> list[Word]:
    """The words of a segment's pieces, in text order."""
    words = [w for i in seg.pieces for w in tokens.words_in(pieces[i].start, pieces[i].end)]
    words.sort(key=lambda w: w.start)
    return words


def none_after(text: str, word: Word) -> bool:
    """A "none" that may follow its label: "Bonus: none", "Joining bonus – nil", "RSUなし"."""
    if word.kind is Kind.NONE_AFTER:
        return True
    return word.kind is Kind.NONE_BEFORE and (
        ord(text[word.start]) > 0x2E80 or text[word.start : word.end].lower() in NONE_EITHER
    )


def scale(
    figure: Figure, value: float, unit_scale: float, reading: Reading, currency: str | None
) -> float:
    """A bare "210" in a pay line is 210,000 (or 210 lakh where the paste counts in lakhs)."""
    if figure.bare and value < 1000 and figure.per not in ("hour", "day", "month"):
        scaled = value * unit_scale
        reading.assumptions.append(f"read {figure.text.strip()} as {_show(scaled, currency)}")
        return scaled
    return value


def monthly(tokens: Tokens, figure: Figure, labels: list[Word]) -> bool:
    if figure.per == "month":
        return True
    text = tokens.text
    before = text[max(0, figure.start - 25) : figure.start].lower()
    if _MONTHLY_BEFORE_RE.search(before) and "\n" not in before[-12:]:
        return True
    return any(
        text[w.start : w.end].lower() in _MONTHLY_LABELS or _monthly_word_before(tokens, w)
        for w in labels
        if w.end <= figure.start and figure.start - w.end < 30
    )


def _monthly_word_before(tokens: Tokens, label: Word) -> bool:
    """ "a monthly salary of", "monatliches Bruttogehalt": the label's own period says month."""
    if label.kind is not Kind.LABEL or label.key != Component.BASE.value:
        return False
    word = tokens.word_before(label.start, 2)
    return word is not None and word.kind is Kind.PERIOD and word.key == "month"


# "13 Gehälter, kein Bonus": the none is the bonus's, not the payment count's
_CLAUSE_BREAK_RE = re.compile(r"[,;.，、。|\n]")  # a table cell ends a clause too


def _counts_in(tokens: Tokens, spans: list[tuple[int, int]]) -> list[Mark]:
    """The payment counts in ``spans`` that are not negated ("sem 13º", "13th month: none")."""
    text = tokens.text
    return [
        m
        for s, e in spans
        for m in tokens.marks_in(s, e)
        if m.kind == "count"
        and not _NEGATED_COUNT_RE.search(text[max(0, m.start - 8) : m.start])
        and not any(
            none_after(text, w) and not _CLAUSE_BREAK_RE.search(text, m.end, w.start)
            for w in tokens.words_in(m.end, m.end + 14)[:2]
        )
    ]


def extra_salary(tokens: Tokens, spans: list[tuple[int, int]]) -> bool:
    """ "+ 13º salário", "+ 13e mois", "13th month": a payment on top of monthly pay."""
    text = tokens.text
    return any(
        _EXTRA_SALARY_RE.match(text[m.start : m.end].lower()) for m in _counts_in(tokens, spans)
    )


def payments(tokens: Tokens, spans: list[tuple[int, int]]) -> float | None:
    """The payment count stated for the pay (13.5 for "13,5 Gehälter")."""
    counts = [m.value for m in _counts_in(tokens, spans)]
    return max(counts) if counts else None


def plausible(value: float, currency: str | None) -> bool:
    low, high = _PLAUSIBLE.get(currency or "", _PLAUSIBLE_DEFAULT)
    return low <= value <= high


def full_time(text: str) -> bool:
    return bool(_FULL_TIME_RE.search(text)) and not _PART_TIME_RE.search(text)


def pct_of_other(tokens: Tokens, figure: Figure) -> bool:
    return bool(_PCT_OF_OTHER_RE.match(tokens.text, figure.end))


def signing_total(values: list[float], text: str) -> tuple[float, str | None]:
    """Instalments add up; parts that restate a stated total ("40k in 2 parts (25 + 15)",
    "two instalments of £6,000") do not."""
    if len(values) == 1:
        return values[0], None
    if len(set(_INSTALMENT_YEAR_RE.findall(text))) >= len(values):
        # "$10k in year 1 and $10k in year 2": one part a year, equal or not, adds up
        return sum(values), " + ".join(f"{v:,.0f}" for v in values)
    biggest = max(values)
    rest = sum(values) - biggest
    if any(abs(rest * unit - biggest) < 1 for unit in (1, 1e3, 1e4, 1e5, 1e6)):
        # "3,000만원 (1,500 + 1,500)": the parts restate the total, maybe in its unit
        return biggest, None
    first = values[0]
    parts = _PARTS_RE.search(text)
    count = _PART_COUNTS.get(parts.group(1), 0) if parts else 0
    if (
        all(abs(v - values[1]) < 1 for v in values[1:])
        and len(values) == 2
        and (count or _EACH_PART_RE.search(text))
        and any(abs(first - k * values[1]) < 1 for k in ((count,) if count else (2, 3, 4)))
    ):
        # "$30,000 (in 2 instalments of $15,000)", "8万（分两次发，各4万）": the total restated
        return first, None
    total = sum(values)
    return total, " + ".join(f"{v:,.0f}" for v in values)

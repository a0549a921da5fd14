"""Properties of the offer reader and of its parts, over generated input.

The whole reader: nothing but OfferError escapes, on any text; a generated offer reads back in
every layout and locale it is written in; a label before its figure or after it gives the same
offer. The parts: numbers read back in every locale shape, spelled amounts read back, and the
linear-time helpers (bracket sweep, backwards abbreviation test, payment counts tried only
beside a cue, range look-ups by bisection) agree with the plain ways they replace.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import OfferError
from bot.offers.layout import _abbreviation_before
from bot.offers.marks import _COUNT_RE, payment_counts
from bot.offers.parse import clean, parse_offers
from bot.offers.spans import brackets
from bot.offers.tokens import tokenize
from bot.prose.numbers import NUMBER_RE, find_spelled, read_number

SLOW = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)

# Any character at all: letters of every script, digits of every kind, marks, symbols, control
# characters, no-break and zero-width spaces, and the characters the reader cares about most.
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("0123456789kKmMlL$£€₹¥%.,/-+|()~`*: \n\t\u00a0\u202f\u200b万円")),
    ),
    max_size=400,
)


@SLOW
@given(ANY_TEXT)
def test_nothing_but_offer_error_escapes(text: str) -> None:
    try:
        paste = parse_offers(text)
    except OfferError as exc:
        assert str(exc)
        return
    for offer in (paste.offer, *paste.others):
        assert offer.has_figures
        for source in offer.sources:
            assert paste.text[source.start : source.end] == source.text


_NOISE = (
    "base salary bonus rsu rsus stock signing sign-on none no tbd up to revised original "
    "current vs per year month /yr /4 over 4 years cliff vest 5/15/40/40 Gehälter pagas "
    "LPA Cr 万 万円 x 13 Year 1 | - — ~ ( ) : , . ? 401(k) pension $ € £ ₹ k 1 12 100 2025"
)
WORDS = st.sampled_from(_NOISE.split(" "))


@SLOW
@given(st.lists(st.one_of(WORDS, st.integers(0, 999_999).map(str)), max_size=60))
def test_nothing_but_offer_error_escapes_from_offer_shaped_noise(parts: list[str]) -> None:
    with contextlib.suppress(OfferError):
        parse_offers(" ".join(parts))


# -- generated offers in layouts and locales -------------------------------------------------

Format = Callable[[int], str]


def _grouped(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


def _indian(value: int) -> str:
    digits = str(value)
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail] if head else [*groups, tail])


# (currency, the layout with {base} {stock} {years} {bonus} {signing}, how an amount is written)
LOCALES: list[tuple[str, str, Format]] = [
    ("USD", "base {base}, {stock} RSUs over {years} years, {bonus}% bonus, {signing} sign-on",
     lambda v: f"${v // 1000}k"),
    ("USD", "Base salary: {base}\nRSUs: {stock} vesting over {years} years\nTarget bonus: {bonus}%\nSign-on bonus: {signing}",
     lambda v: f"${v:,}"),
    ("GBP", "{base} base + {bonus}% bonus + {stock}/{years} RSUs, {signing} golden hello",
     lambda v: f"£{v // 1000}k"),
    ("EUR", "Grundgehalt: {base}\nRSUs: {stock} über {years} Jahre\nZielbonus: {bonus} %\nSigning Bonus: {signing}",
     lambda v: f"{_grouped(v, '.')} €"),
    ("EUR", "Salaire fixe : {base} par an, actions {stock} sur {years} ans, variable {bonus} %, prime de bienvenue {signing}",
     lambda v: f"{_grouped(v, chr(0x202F))} €"),
    ("EUR", "base {base}, RSU {stock} over {years} years, bonus {bonus}%, signing {signing}",
     lambda v: f"{v // 1000}k EUR"),
    ("INR", "Fixed: {base}\nESOPs: {stock} over {years} years\nVariable: {bonus}%\nJoining bonus: {signing}",
     lambda v: f"₹{_indian(v)}"),
    ("INR", "fixed {base}, RSU {stock} over {years} years, bonus {bonus}%, joining {signing}",
     lambda v: f"{v / 100_000:g} L"),
    ("JPY", "年俸：{base}\nRSU：{stock}（{years}年）\n賞与：{bonus}%\nサインオンボーナス：{signing}",
     lambda v: f"{v // 10_000}万円"),
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    locale=st.sampled_from(LOCALES),
    base=st.integers(50, 900),
    stock=st.integers(20, 2000),
    years=st.integers(2, 5),
    bonus=st.integers(1, 40),
    signing=st.integers(5, 200),
)
def test_generated_offers_read_back_in_every_layout_and_locale(
    locale: tuple[str, str, Format], base: int, stock: int, years: int, bonus: int, signing: int
) -> None:
    currency, layout, show = locale
    scale = 100_000 if currency == "INR" else 10_000 if currency == "JPY" else 1_000
    if currency == "JPY":
        base, stock, signing = base * 10, stock * 10, signing * 10  # a yen offer is in 万
    text = layout.format(
        base=show(base * scale),
        stock=show(stock * scale),
        years=years,
        bonus=bonus,
        signing=show(signing * scale),
    )
    offer = parse_offers(text).offer
    assert offer.currency == currency, text
    assert offer.base == base * scale, text
    assert offer.stock_total == stock * scale, text
    assert offer.stock_years == years, text
    assert offer.bonus_pct == bonus, text
    assert offer.signing == signing * scale, text


LABELS = ("base", "stock", "bonus", "signing")
# the words a paste may name each component by, on either side of its figure
SYNONYMS = {
    "base": ["base", "salary", "base salary", "base pay", "annual salary", "fixed pay", "pay"],
    "stock": ["RSUs", "stock", "equity", "RSU grant", "stock grant", "shares worth"],
    "bonus": ["bonus", "target bonus", "annual bonus", "performance bonus", "variable"],
    "signing": ["sign-on", "signing bonus", "sign on bonus", "joining bonus", "signing"],
}


@settings(max_examples=200, deadline=None)
@given(
    amounts=st.fixed_dictionaries(
        {
            "base": st.integers(60, 600),
            "stock": st.integers(20, 900),
            "bonus": st.integers(1, 40),
            "signing": st.integers(5, 150),
        }
    ),
    order=st.permutations(LABELS),
    joiner=st.sampled_from([", ", " + ", "; ", " and "]),
    names=st.fixed_dictionaries({n: st.sampled_from(words) for n, words in SYNONYMS.items()}),
)
def test_labels_before_or_after_give_the_same_offer(
    amounts: dict[str, int], order: list[str], joiner: str, names: dict[str, str]
) -> None:
    def figure(name: str) -> str:
        return f"{amounts[name]}%" if name == "bonus" else f"${amounts[name]}k"

    before = joiner.join(f"{names[n]} {figure(n)}" for n in order)
    after = joiner.join(f"{figure(n)} {names[n]}" for n in order)
    first, second = parse_offers(before).offer, parse_offers(after).offer
    assert first.as_dict() == second.as_dict(), (before, after)
    assert first.base == amounts["base"] * 1000
    assert first.stock_total == amounts["stock"] * 1000
    assert first.bonus_pct == amounts["bonus"]
    assert first.signing == amounts["signing"] * 1000


# -- the parts -------------------------------------------------------------------------------


@given(st.integers(1_000, 99_999_999), st.sampled_from([",", ".", " ", "'", "\u202f"]))
def test_grouped_numbers_read_back(value: int, sep: str) -> None:
    written = _grouped(value, sep)
    low = clean(written)
    match = NUMBER_RE.match(low)
    assert match is not None and match.group(0) == low, written
    assert read_number(match) == value


@given(st.integers(100_000, 999_999_999))
def test_indian_grouping_reads_back(value: int) -> None:
    written = _indian(value)
    match = NUMBER_RE.fullmatch(written)
    assert match is not None, written
    assert read_number(match) == value


@given(st.integers(0, 999), st.integers(1, 99), st.sampled_from([".", ","]))
def test_decimals_read_back(whole: int, cents: int, mark: str) -> None:
    written = f"{whole}{mark}{cents:02d}"
    match = NUMBER_RE.fullmatch(written)
    assert match is not None
    assert abs(read_number(match) - (whole + cents / 100)) < 1e-9


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(n: int) -> str:
    """1-999 the long way: "two hundred and forty-five"."""
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        if words:
            words.append("and")
        if rest < 10:
            words.append(_ONES[rest])
        elif rest < 20:
            words.append(_TEENS[rest - 10])
        else:
            tens, ones = divmod(rest, 10)
            words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    return " ".join(words)


@given(st.integers(2, 999), st.booleans())
def test_spelled_amounts_read_back(n: int, thousands: bool) -> None:
    phrase = _spell(n) + (" thousand" if thousands else "")
    (found,) = find_spelled(f"they said {phrase} for base")
    assert found.value == n * (1000 if thousands else 1)


def _naive_scope(text: str, position: int) -> tuple[int, int]:
    depth: list[int] = []
    last = -1
    for i, c in enumerate(text[:position]):
        if c == "(":
            depth.append(i)
            last = i
        elif c == ")":
            if depth:
                depth.pop()
            last = -1
    return (depth[-1] if depth else -1), last


@given(st.text(alphabet="ab()", max_size=40), st.data())
def test_bracket_sweep_agrees_with_a_scan(text: str, data: st.DataObject) -> None:
    positions = data.draw(st.lists(st.integers(0, len(text)), max_size=8))
    scope, opening = brackets(text, 0, len(text), positions)
    for p in positions:
        assert (scope[p], opening[p]) == _naive_scope(text, p)


_ABBREVIATION_REF = re.compile(
    r"(?:\b(?:ca|approx|incl|excl|e\.g|i\.e|etc|vs|no|nr|st|dr|mr|mrs|ms|jr|p\.a|p|a)\.?|\d)"
    r"\s*[.]?\Z",
    re.IGNORECASE,
)


@given(st.text(alphabet="ca.pe.gi1 .nosxA_", max_size=16), st.data())
def test_abbreviation_read_backwards_agrees_with_the_pattern(
    text: str, data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(text)))
    start = max(0, cut - 12)
    assert _abbreviation_before(text, start, cut) == bool(
        _ABBREVIATION_REF.search(text, start, cut)
    )


@given(st.text(alphabet="1234567 x×*.,$paghältermonthe薪", max_size=30))
def test_payment_counts_tried_beside_a_cue_agree_with_a_full_scan(low: str) -> None:
    assert [(m.start, m.end) for m in payment_counts(low)] == [
        (m.start(), m.end()) for m in _COUNT_RE.finditer(low)
    ]


@given(st.text(alphabet="base 12k RSU bonus 15% $, \n", max_size=120), st.data())
def test_range_look_ups_agree_with_filters(text: str, data: st.DataObject) -> None:
    tokens = tokenize(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert tokens.figures_in(start, end) == tuple(
        f for f in tokens.figures if start <= f.start < end
    )
    assert tokens.words_in(start, end) == tuple(w for w in tokens.words if start <= w.start < end)
    assert tokens.marks_in(start, end) == tuple(m for m in tokens.marks if start <= m.start < end)
    if text:
        line_start, line_end = tokens.line_of(start if start < len(text) else len(text) - 1)
        assert "\n" not in text[line_start:line_end]

"""Figures -> components: which label each figure belongs to, looking at both sides.

Within a clause (commas, "+", "and", bullets and bars end one), the clause's own order decides:
one that opens with a label reads labels first ("base 200k", "Bonus: 15%"), one that opens
with a figure reads labels last ("240k base 300k rsu"). A line shaped "Label: value" gives
its label to every figure of the value that has none of its own ("Signing Bonus: $40,000
(Year 1), $20,000 (Year 2)"). A figure in brackets with no label inside takes the label
before the bracket ("super (12%)"), or is a part of the figure before it ("TC 290
(190/80/20)"). Labels of things that are not pay (pension, 401(k), PTO) claim figures too,
so they cannot be misread as a bonus. What no label claims is left unplaced here; the offer
reader then tries the positional shorthand or reports it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from bot.offers.amounts import SLASH_YEARS_RE, Figure, slash_years
from bot.offers.layout import Piece
from bot.offers.lexicon import Kind, component_of
from bot.offers.spans import brackets
from bot.offers.tokens import Tokens, Word
from bot.prose.components import Component

# ("a bonus with a €2.5k target", "RSUs with a value of $90k": the figure is the label's)
_CLAUSE_RE = re.compile(
    r",(?!\d)|;|\||•|·|\+|＋|、|&|=|(?<=\s)/|/(?=\s)|"
    r"\s(?:and|und|et|y|e|plus|with(?!\s(?:a|an)\s(?:[^\s,;]{1,12}\s)?(?:target|value)\b)|w/|"
    r"but|dazu|mais|pero|mas|aber|then)\s"
)
_PLUS_RE = re.compile(r"\+|\b(?:and|plus|then)\b")
# what may sit between two instalments: "25k now + 15k", "25k upfront and 15k after a year"
_TIME_WORDS_RE = re.compile(r"\b(?:now|upfront|up front|on joining|at start|and|plus|then)\b")
_LETTERS_RE = re.compile(r"[^\W\d_]")
_KEY_SEP_RE = re.compile(r"\s?(?::|=|：)|\s[-–—]\s|[–—]|\.\s(?=\S)")
_OPEN_AFTER_RE = re.compile(r"\s?[(（]\s?")
_CLOSE_AFTER_RE = re.compile(r"[^()（）\d]{0,10}[)）]")
_WEAK_LABELS = frozenset({"pay", "paying", "pays"})  # a verb as often as a label
_ASIDE_RE = re.compile(r"[(（][^()（）]{0,60}[)）]")
_KEY_BREAK_RE = re.compile(r",(?!\d)|;|•|·|、|，")
_QUALIFIER_REACH = 14  # "Stock (/yr) $90K": how far a label's qualifier reaches
_PCT_KEY_RE = re.compile(r"(?:\b|_)(?:pct|percent)\b|%|\(%\)")
_COUNTED_KEY_RE = re.compile(
    r"\b(?:options?|shares|isos?|nsos?|optionen|opties|opcje|aktien|stock options)\b"
)
_PER_YEAR_KEY_RE = re.compile(
    r"/[ ]?(?:yr|year|y|a|annum)\b|\bp\.?a\.?(?!\w)|\([ ]?(?:yr|year)[ ]?\)"
)
_YEARLY_KEY_RE = re.compile(r"/\s?yr|per\s?y|yearly|annual")  # "Stock (/yr)"
_TOTAL_KEY_RE = re.compile(r"\btotal\b")  # "Stock grant (total)"
OTHER = "other"
# an inner key between a key and its figure, as nested JSON and YAML write them
_INNER_KEY_RE = re.compile(
    r"(?:^|[{\[,])[ ]?[\"']?[a-z_]{1,30}[\"']?[ ]?[:=][ ]?\Z", re.IGNORECASE | re.MULTILINE
)
_KEY_CHARS = 70  # a "Label:" longer than this is a sentence, not a key


class Placed(NamedTuple):
    """A figure and the component it was read as (None: not placed; OTHER: not pay)."""

    figure: Figure
    component: Component | None
    other: bool = False
    piece: int = 0
    how: str = ""  # "label", "key", "bracket", "part"
    per_year: bool = False  # the label says yearly: "Stock (/yr)", "股票每年"
    total: bool = False  # the label says whole grant: "Stock Grant (total)"
    ambiguous: bool = False  # the key names two components ("Relocation/Signing Bonus")


_ORDINAL_AFTER_RE = re.compile(
    r"[ ]?\(?[ ]?(?:in[ ]|im[ ]|en[ ]|no[ ]|for[ ])?(?:(?:year|yr|y)[ ]?(?:\d|one|two|three|four)\b|"
    r"(?:1st|2nd|3rd|first|second|third|"
    r"ersten|zweiten|dritten|premier|première|deuxième|primer|segundo)[ ]?(?:year|yr|jahr|année|año|ano))",
    re.IGNORECASE,
)


def _component(word: Word) -> Component | str:
    return component_of(word.key) or OTHER


def place(
    tokens: Tokens,
    pieces: list[Piece],
    superseded: AbstractSet[int] = frozenset(),
    schedules: AbstractSet[int] = frozenset(),
) -> list[Placed]:
    """Each figure of each piece with its component; struck-out figures are old ones, the
    parts of a vesting schedule ("5/15/40/40") are no amounts."""
    out: list[Placed] = []
    for index, piece in enumerate(pieces):
        figures = tokens.figures_in(piece.start, piece.end)
        if not figures:
            continue
        if superseded:
            figures = tuple(
                f._replace(previous=True) if f.start in superseded else f for f in figures
            )
        out.extend(
            Placed(p.figure, None, True, index, "schedule") if p.figure.start in schedules else p
            for p in _place_piece(tokens, piece, index, figures)
        )
    return _parts_of_fixed(tokens, _answers(tokens, pieces, out))


def _answers(tokens: Tokens, pieces: list[Piece], placed: list[Placed]) -> list[Placed]:
    """ "joining bonus?" then "10L, paid in 2 parts": the first figure of the piece after a
    question that names one component, with no label before it, is that component's."""
    text = tokens.text
    first_of: dict[int, int] = {}
    for k, p in enumerate(placed):
        first_of.setdefault(p.piece, k)
    asked: Component | None = None
    for index, piece in enumerate(pieces):
        has_figure = tokens.any_figure_in(piece.start, piece.end)
        words = tokens.words_in(piece.start, piece.end)
        if asked is not None and has_figure and index in first_of:
            k = first_of[index]
            mine = placed[k]
            if (
                mine.component is None
                and not mine.other
                and not mine.figure.is_pct
                and not any(w.kind is Kind.LABEL for w in words if w.start < mine.figure.start)
            ):
                placed[k] = mine._replace(component=asked, how="answer")
        if has_figure or words:
            asked = None
        if "?" in text[piece.start : piece.end + 1] and not has_figure:
            named = {w.key for w in words if w.kind is Kind.LABEL}
            if len(named) == 1:
                asked = component_of(named.pop())
    return placed


_TOTAL_FIXED_RE = re.compile(r"\btotal\s(?:fixed|gross)|\bfixed\s(?:pay\s|ctc\s)?total\b")
_BASIC_RE = re.compile(r"\bbasic\b")


def _parts_of_fixed(tokens: Tokens, placed: list[Placed]) -> list[Placed]:
    """ "Basic 18L, HRA 7.2L, ... Total Fixed 36L": where a total of the fixed pay is given, the
    basic salary is one of its parts, not another base."""
    text = tokens.text.lower()

    def key(p: Placed) -> str:
        line_start = tokens.line_of(p.figure.start)[0]
        return text[line_start : p.figure.start]

    bases = [p for p in placed if p.component is Component.BASE]
    if len(bases) < 2 or not any(_TOTAL_FIXED_RE.search(key(p)) for p in bases):
        return placed
    return [
        p._replace(component=None, other=True, how="part of fixed")
        if p.component is Component.BASE and _BASIC_RE.search(key(p))
        else p
        for p in placed
    ]


def _key(
    tokens: Tokens, piece: Piece, figures: tuple[Figure, ...]
) -> tuple[tuple[Word, ...], int, int] | None:
    """The label part of a "Label: value" piece, where its value starts and where it starts."""
    text = tokens.text
    first = figures[0].start
    if piece.label_span is not None:
        words = tokens.labels_in(*piece.label_span)
        if not words:
            return None
        # "rsu:" over "  total_usd: 320000": the value starts after the nested key, whose own
        # words ("total") name no other component
        sep = _KEY_SEP_RE.search(text, piece.start, first)
        return words, sep.end() if sep else piece.start, piece.label_span[0]
    for m in _KEY_SEP_RE.finditer(text, piece.start, first + 1):
        if m.start() > first or m.start() - piece.start > _KEY_CHARS:
            break
        # "kein Equity, Zielbonus: 19%": the key is what follows the last break before ':';
        # an aside in brackets is no part of it ("Offer Utrecht (scale-up, ~200 ppl):")
        asides = [(b.start(), b.end()) for b in _ASIDE_RE.finditer(text, piece.start, m.start())]
        breaks = [
            b.end()
            for b in _KEY_BREAK_RE.finditer(text, piece.start, m.start())
            if not _inside(asides, b.start())
        ]
        key_start = breaks[-1] if breaks else piece.start
        words = tuple(
            w for w in tokens.labels_in(key_start, m.start()) if not _inside(asides, w.start)
        )
        key_text = text[key_start : m.start()]
        if not words:
            continue
        if m.group(0).startswith(".") and len(key_text.split()) > 4:
            continue
        return words, m.end(), key_start
    return None


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(a <= position < z for a, z in spans)


def _head(words: tuple[Word, ...], text: str) -> tuple[Component | str | None, bool, bool, bool]:
    """(component, per-year, total, ambiguous) of a key."""
    kinds = [_component(w) for w in words]
    pay = [k for k in kinds if k != OTHER]
    first = kinds[0]
    per_year = bool(_YEARLY_KEY_RE.search(text))
    total = bool(_TOTAL_KEY_RE.search(text)) and first is Component.STOCK
    if first in (Component.TOTAL, OTHER):
        return first, False, False, False
    distinct = [k for k in dict.fromkeys(pay) if k is not Component.TOTAL]
    if len(distinct) > 1 and {Component.STOCK, Component.BONUS} != set(distinct):
        return None, per_year, total, True
    return first, per_year, total, False


def _place_piece(
    tokens: Tokens, piece: Piece, index: int, figures: tuple[Figure, ...]
) -> list[Placed]:
    text = tokens.text
    head: Component | str | None = None
    per_year = total = ambiguous = False
    value_start = key_start = piece.start
    key = _key(tokens, piece, figures)
    if key is not None:
        words, value_start, key_start = key
        span = piece.label_span or (key_start, value_start)
        head, per_year, total, ambiguous = _head(words, text[span[0] : span[1]].lower())
    labels = tokens.labels_in(value_start, piece.end)
    label_ends = [w.end for w in labels]
    figure_ends = [f.end for f in figures]
    placed: dict[int, Placed] = {}
    for figure in figures:
        if figure.shares:
            placed[figure.start] = Placed(figure, Component.STOCK, piece=index, how="shares")
        elif figure.price:
            placed[figure.start] = Placed(figure, None, True, index, "price")
    scope, opening_of = brackets(
        text, piece.start, piece.end, [f.start for f in figures] + [w.start for w in labels]
    )
    first_label = labels[0].start if labels else piece.end
    clauses = _clauses(text, value_start, piece.end)
    clause_starts = [a for a, _ in clauses]

    def clause_of(position: int) -> int:
        c = bisect_right(clause_starts, position) - 1
        return c if c >= 0 and position < clauses[c][1] else -1

    # per clause, per bracket scope: the figures and the labels to pair
    groups: dict[tuple[int, int], tuple[list[Figure], list[Word]]] = {}
    labelled = [False] * len(clauses)
    first_figure = [piece.end] * len(clauses)
    first_word = [piece.end] * len(clauses)
    for figure in figures:
        c = clause_of(figure.start)
        if c >= 0:
            first_figure[c] = min(first_figure[c], figure.start)
        if c >= 0 and figure.start not in placed:
            groups.setdefault((c, scope[figure.start]), ([], []))[0].append(figure)
    for word in labels:
        c = clause_of(word.start)
        if c >= 0:
            groups.setdefault((c, scope[word.start]), ([], []))[1].append(word)
            labelled[c] = labelled[c] or word.kind is Kind.LABEL
            if word.kind is Kind.LABEL:
                first_word[c] = min(first_word[c], word.start)
    # a key reaches over later clauses until one opens with a label of its own
    # ("Zielbonus: 21%, keine Aktien, 7.800 € brutto im Monat": the key stops at "keine Aktien")
    key_ends = len(clauses)
    for c in range(1, len(clauses)):
        if first_word[c] < first_figure[c]:
            key_ends = c
            break

    def own(figure: Figure) -> bool:
        """A key's own value: the figures of its first clause before any label ("Stock: 100k
        RSUs"); a later clause pairs as it reads ("Base: 180k + 20k bonus"); not one in a
        bracket of labelled parts ("TC: 245k (170 base / 55 stock)")."""
        return (
            figure.start < first_label
            and clause_of(figure.start) <= 0
            and not value_start <= opening_of[figure.start] < figure.start
        )

    for in_scope, scoped in groups.values():
        # the key's own figures pair with no label, so they leave the labels after them free
        # ("base: 180k RSU: 240k sign-on: 25k")
        pairable = in_scope if head is None else [f for f in in_scope if not own(f)]
        for paired, word, how in _pair(pairable, scoped, text):
            figure = paired
            if word.start >= figure.end:
                figure = _label_tail(tokens, figure, word)
            elif figure.start - word.end <= _QUALIFIER_REACH:
                figure = _qualified(tokens, figure, word.end, figure.start)
                if _counted(tokens, word, figure):
                    figure = figure._replace(shares=True)
            placed[figure.start] = _placed(figure, _component(word), index, how)
    _restated(tokens, placed)
    _continued(text, figures, placed, index)
    for i, found in enumerate(figures):
        figure = found
        mine = placed.get(figure.start)
        if mine is not None and (mine.component is not None or mine.other):
            continue  # placed, or claimed by a label of something that is not pay
        # brackets: a figure in (...) with no label of its own takes the label before the
        # bracket, or is a part of the figure before it
        opening = opening_of[figure.start]
        if opening >= value_start:
            # a label inside the bracket, before the figure ("(relocation apart, ~2L)"),
            # else the one before the bracket
            b = bisect_right(label_ends, figure.start)
            if not (b and labels[b - 1].start > opening):
                b = bisect_right(label_ends, opening)
            before = labels[b - 1] if b else None
            f = bisect_right(figure_ends, opening, 0, i)
            earlier = figures[f - 1] if f else None
            if before is not None and not (earlier is not None and earlier.start > before.start):
                placed[figure.start] = _placed(figure, _component(before), index, "bracket")
                continue
            owner = placed.get(earlier.start) if earlier is not None else None
            if owner is not None and owner.component not in (None, Component.TOTAL):
                placed[figure.start] = Placed(figure, owner.component, owner.other, index, "part")
                continue
        c = clause_of(figure.start)
        clause_labelled = c >= 0 and (labelled[c] or c >= key_ends)
        if (head is not None or ambiguous) and (figure.start < first_label or not clause_labelled):
            comp = head if isinstance(head, Component) else None
            if c > 0 and comp not in (None, Component.BASE) and tokens.gross_pay(figure):
                continue  # "Zielbonus: 24%, 10.200 € brutto im Monat": that is pay, not bonus
            if key is not None:
                qualifier = piece.label_span or (key_start, value_start)
                if piece.label_span is None and _INNER_KEY_RE.search(
                    text, max(value_start, figure.start - 60), figure.start
                ):
                    qualifier = (key_start, figure.start)  # "bonus": {"target_percent": 8}
                figure = _qualified(tokens, figure, *qualifier)
            placed[figure.start] = Placed(
                figure,
                _fit(figure, comp) if comp else None,
                head == OTHER,
                index,
                "key",
                per_year,
                total,
                ambiguous,
            )
    return [placed.get(f.start) or Placed(f, None, piece=index) for f in figures]


def _restated(tokens: Tokens, placed: dict[int, Placed]) -> None:
    """A total's figure that a bracket right after it names as base is the base:
    "年収1,150万円（基本給）", "Total comp $180k (base)"."""
    text = tokens.text
    for start, mine in list(placed.items()):
        if mine.component is not Component.TOTAL:
            continue
        end = mine.figure.end
        opening = _OPEN_AFTER_RE.match(text, end, end + 3)
        if not opening:
            continue
        inside = tokens.labels_in(opening.end(), opening.end() + 16)[:1]
        if not inside or inside[0].kind is not Kind.LABEL or inside[0].start != opening.end():
            continue
        word = inside[0]
        if _component(word) is Component.BASE and _CLOSE_AFTER_RE.match(
            text, word.end, word.end + 12
        ):
            placed[start] = mine._replace(component=Component.BASE, how="restated")


def _qualified(tokens: Tokens, figure: Figure, start: int, end: int) -> Figure:
    """What the label or key says of a bare figure after it: "bonus_target_pct: 9.5" and
    "Bonus (%): 15" are percents, "Options: 6,000" a count, "Stock (/yr) $90K" and "RSU per
    year: 40k" yearly."""
    span = tokens.text[start:end].lower()
    if figure.bare and _PCT_KEY_RE.search(span):
        return figure._replace(is_pct=True)
    if figure.bare and figure.value >= 50 and _COUNTED_KEY_RE.search(span):
        return figure._replace(shares=True)  # "Options: 6,000": a count, as options are given
    if figure.per is None and figure.years is None and not figure.is_pct:
        period = next((w.key for w in tokens.words_in(start, end) if w.kind is Kind.PERIOD), None)
        if period in ("year", "month"):
            return figure._replace(per=period)
        if _PER_YEAR_KEY_RE.search(span):
            return figure._replace(per="year")
    return figure


def _counted(tokens: Tokens, word: Word, figure: Figure) -> bool:
    """ "options: 6,000": a bare number right after a label that counts (options, shares)."""
    text = tokens.text
    return (
        figure.bare
        and figure.value >= 50
        and bool(_COUNTED_KEY_RE.fullmatch(text[word.start : word.end].lower()))
        and not text[word.end : figure.start].strip(" :=-–—")
    )


def _label_tail(tokens: Tokens, figure: Figure, word: Word) -> Figure:
    """What follows the label of a figure written before it is the figure's: "100k RSUs/4"
    is a grant over four years, "£40k RSU per year" a yearly value."""
    if figure.years is not None or figure.per is not None or figure.is_pct:
        return figure
    tail = tokens.text[word.end : word.end + 12].lower()
    n = slash_years(SLASH_YEARS_RE.match(tail))
    if n:
        return figure._replace(years=n)
    if _PER_YEAR_KEY_RE.match(tail):
        return figure._replace(per="year")  # "$40k RSUs/yr"
    after = tokens.words_in(word.end, word.end + 3)
    if after and after[0].kind is Kind.PERIOD and after[0].key in ("year", "month"):
        return figure._replace(per=after[0].key)
    return figure


def _gap(text: str, previous: Placed, figure: Figure) -> str:
    return text[previous.figure.end : figure.start].lower()


def _continued(
    text: str, figures: tuple[Figure, ...], placed: dict[int, Placed], index: int
) -> None:
    """ "75k yr1 + 60k yr2", "$40,000 (Year 1), $20,000 (Year 2)": more of the same."""
    previous: Placed | None = None
    for figure in figures:
        mine = placed.get(figure.start)
        if (
            previous is not None
            and previous.component in (Component.SIGNING, Component.STOCK)
            and _ORDINAL_AFTER_RE.match(text, figure.end)
            and (mine is None or mine.component is None)
            and not figure.is_pct
        ):
            placed[figure.start] = Placed(figure, previous.component, piece=index, how="continued")
        elif (
            previous is not None
            and previous.component is Component.SIGNING
            and mine is None
            and not figure.is_pct
            and figure.start - previous.figure.end <= 16
            and _PLUS_RE.search(text, previous.figure.end, figure.start)
            and not _LETTERS_RE.search(_TIME_WORDS_RE.sub("", _gap(text, previous, figure)))
        ):
            placed[figure.start] = Placed(figure, Component.SIGNING, piece=index, how="continued")
        if placed.get(figure.start) is not None and placed[figure.start].component is not None:
            previous = placed[figure.start]


def _fit(figure: Figure, component: Component | None) -> Component | None:
    """A percent of base is a bonus; a percent of a signing or total is nothing we read."""
    if component is None or not figure.is_pct:
        return component
    if component is Component.BASE:
        return Component.BONUS
    if component in (Component.BONUS, Component.STOCK):
        return component
    return None


def _placed(figure: Figure, component: Component | str, index: int, how: str) -> Placed:
    if component == OTHER or not isinstance(component, Component):
        return Placed(figure, None, True, index, how)
    return Placed(figure, _fit(figure, component), False, index, how)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start]
    for m in _CLAUSE_RE.finditer(text, start, end):
        bounds.extend((m.start(), m.end()))
    bounds.append(end)
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


def _pair(figures: list[Figure], labels: list[Word], text: str) -> list[tuple[Figure, Word, str]]:
    """Each figure with its label in one clause: the clause's first item says which side,
    except that a bare verb-like "pay" before yields to a label after ("they'd pay 12k to
    sign"). Figures and labels are in text order; each look-up is a bisection."""
    if not figures or not labels:
        return []
    labels_first = labels[0].start < figures[0].start
    starts = [w.start for w in labels]
    ends = [w.end for w in labels]
    last_start = figures[-1].start
    pairs: list[tuple[Figure, Word, str]] = []
    used: set[int] = set()
    for i, figure in enumerate(figures):
        b = bisect_right(ends, figure.start)
        before = labels[b - 1] if b else None
        a = bisect_left(starts, figure.end)
        after = labels[a] if a < len(labels) else None
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        near = after if after is not None and (nxt is None or after.start < nxt.start) else None
        if (
            labels_first
            and before is not None
            and near is not None
            and near.start not in used
            and text[before.start : before.end].lower() in _WEAK_LABELS
        ):
            word = near
        elif labels_first and before is not None:
            word = before
            # "base 200k 60k/yr stock": a label after, with no figure of its own, is this one's
            if (
                word.start in used
                and near is not None
                and near.start not in used
                and last_start <= near.end
            ):
                word = near
        elif near is not None:
            word = near
        elif before is not None and before.start not in used:
            word = before
        elif labels_first and after is not None and last_start <= after.end:
            word = after
        else:
            continue
        used.add(word.start)
        pairs.append((figure, word, "label"))
    return pairs

"""Figures -> components: which label each figure belongs to, looking at both sides.

Within a clause (commas, "+", "and", bullets and bars end one), the clause's own order decides:
one that opens with a label reads labels first ("base 200k", "Bonus: 15%"), one that opens
with a figure reads labels last ("240k base 300k rsu"). A line shaped "Label: value" gives
its label to every figure of the value that has none of its own ("Signing Bonus: $45,000
(Year 1), $35,000 (Year 2)"). A figure in brackets with no label inside takes the label
before the bracket ("super (11.5%)"), or is a part of the figure before it ("TC 290
(190/80/20)"). Labels of things that are not pay (pension, 401(k), PTO) claim figures too,
so they cannot be misread as a bonus. What no label claims is left unplaced here; the offer
reader then tries the positional shorthand or reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.offers.layout import Piece
from bot.offers.lexicon import Kind, component_of
from bot.offers.tokens import Figure, Tokens, Word
from bot.prose.components import Component

_CLAUSE_RE = re.compile(
    r",(?!\d)|;|\||•|·|\+|＋|、|&|=|(?<=\s)/|/(?=\s)|"
    r"\s(?:and|und|et|y|e|plus|with|w/|but|dazu|mais|pero|mas|aber|then)\s"
)
_KEY_SEP_RE = re.compile(r"\s?(?::|=|：)|\s[-–—]\s|[–—]|\.\s(?=\S)")
OTHER = "other"


@dataclass(frozen=True)
class Placed:
    """A figure and the component it was read as (None: not placed; OTHER: not pay)."""

    figure: Figure
    component: Component | None
    other: bool = False
    piece: int = 0
    how: str = ""  # "label", "key", "bracket", "part"
    per_year: bool = False  # the label says yearly: "Stock (/yr)", "股票每年"
    total: bool = False  # the label says whole grant: "Stock Grant (total)"
    ambiguous: bool = False  # the key names two components ("Relocation/Signing Bonus")


def _label_words(tokens: Tokens, start: int, end: int) -> list[Word]:
    inside = [(f.start, f.end) for f in tokens.figures]
    ends = {f.end for f in tokens.figures}
    return [
        w
        for w in tokens.words
        if start <= w.start < end
        and w.kind in (Kind.LABEL, Kind.OTHER)
        and not any(s <= w.start < e for s, e in inside)
        and (
            tokens.text[w.start : w.end].lower() != "sign" or w.start - 1 in ends or w.start in ends
        )
    ]


def _paren_of(text: str, start: int, end: int) -> dict[int, int]:
    """For each position of [start, end), the start of the bracket it is in (or -1)."""
    depth: list[int] = []
    out: dict[int, int] = {}
    for i in range(start, end):
        c = text[i]
        if c == "(":
            depth.append(i)
        out[i] = depth[-1] if depth else -1
        if c == ")" and depth:
            depth.pop()
    return out


_ORDINAL_AFTER_RE = re.compile(
    r"\s?\(?\s?(?:in\s|im\s|en\s|no\s|for\s)?(?:(?:year|yr|y)\s?\d|(?:1st|2nd|3rd|first|second|third|"
    r"ersten|zweiten|dritten|premier|première|deuxième|primer|segundo)\s?(?:year|yr|jahr|année|año|ano))",
    re.IGNORECASE,
)


def _component(word: Word) -> Component | str:
    return component_of(word.key) or OTHER


def place(tokens: Tokens, pieces: list[Piece]) -> list[Placed]:
    out: list[Placed] = []
    for index, piece in enumerate(pieces):
        figures = [f for f in tokens.figures if piece.start <= f.start < piece.end]
        if not figures:
            continue
        out.extend(_place_piece(tokens, piece, index, figures))
    return out


def _key(tokens: Tokens, piece: Piece, figures: list[Figure]) -> tuple[list[Word], int] | None:
    """The label part of a "Label: value" piece and where its value starts."""
    text = tokens.text
    if piece.label_span is not None:
        words = _label_words(tokens, *piece.label_span)
        return (words, piece.start) if words else None
    first = figures[0].start
    for m in _KEY_SEP_RE.finditer(text, piece.start, first + 1):
        if m.start() > first:
            break
        words = _label_words(tokens, piece.start, m.start())
        key_text = text[piece.start : m.start()]
        if not words or len(key_text) > 70:
            continue
        if m.group(0).startswith(".") and len(key_text.split()) > 4:
            continue
        return words, m.end()
    return None


def _head(words: list[Word], text: str) -> tuple[Component | str | None, bool, bool, bool]:
    """(component, per-year, total, ambiguous) of a key."""
    kinds = [_component(w) for w in words]
    pay = [k for k in kinds if k != OTHER]
    first = kinds[0]
    per_year = bool(re.search(r"/\s?yr|per\s?y|yearly|annual", text))
    total = bool(re.search(r"\btotal\b", text)) and first is Component.STOCK
    if first == Component.TOTAL or first == OTHER:
        return first, False, False, False
    distinct = [k for k in dict.fromkeys(pay) if k is not Component.TOTAL]
    if len(distinct) > 1 and {Component.STOCK, Component.BONUS} != set(distinct):
        return None, per_year, total, True
    return first, per_year, total, False


def _place_piece(tokens: Tokens, piece: Piece, index: int, figures: list[Figure]) -> list[Placed]:
    text = tokens.text
    head: Component | str | None = None
    per_year = total = ambiguous = False
    value_start = piece.start
    key = _key(tokens, piece, figures)
    if key is not None:
        words, value_start = key
        span = piece.label_span or (piece.start, value_start)
        head, per_year, total, ambiguous = _head(words, text[span[0] : span[1]].lower())
    labels = _label_words(tokens, value_start, piece.end)
    placed: dict[int, Placed] = {}
    for figure in figures:
        if figure.shares:
            placed[figure.start] = Placed(figure, Component.STOCK, piece=index, how="shares")
    parens = _paren_of(text, piece.start, piece.end)
    first_label = labels[0].start if labels else piece.end
    for start, end in _clauses(text, value_start, piece.end):
        here = [f for f in figures if start <= f.start < end and f.start not in placed]
        names = [w for w in labels if start <= w.start < end]
        for scope in {parens.get(f.start, -1) for f in here} | {
            parens.get(w.start, -1) for w in names
        }:
            in_scope = [f for f in here if parens.get(f.start, -1) == scope]
            scoped = [w for w in names if parens.get(w.start, -1) == scope]
            for figure, word, how in _pair(text, in_scope, scoped):
                if (
                    head is not None
                    and head != OTHER
                    and figure.start < first_label
                    and how == "label"
                ):
                    continue
                if head == OTHER and figure.start < first_label:
                    continue
                placed[figure.start] = _placed(figure, _component(word), index, how)
    # "75k yr1 + 60k yr2", "$45,000 (Year 1), $35,000 (Year 2)": more of the same
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
            and re.fullmatch(r"\s?\+\s?", text[previous.figure.end : figure.start])
        ):
            placed[figure.start] = Placed(figure, Component.SIGNING, piece=index, how="continued")
        if placed.get(figure.start) is not None and placed[figure.start].component is not None:
            previous = placed[figure.start]
    # brackets: a figure in (...) with no label of its own takes the label before the bracket
    for figure in figures:
        if figure.start in placed and placed[figure.start].component is not None:
            continue
        opening = text.rfind("(", piece.start, figure.start)
        if opening > text.rfind(")", piece.start, figure.start) and opening >= value_start:
            before = [w for w in labels if w.end <= opening]
            earlier = [f for f in figures if f.end <= opening]
            if before and not (earlier and earlier[-1].start > before[-1].start):
                placed[figure.start] = _placed(figure, _component(before[-1]), index, "bracket")
                continue
            if (
                earlier
                and earlier[-1].start in placed
                and placed[earlier[-1].start].component not in (None, Component.TOTAL)
            ):
                owner = placed[earlier[-1].start]
                placed[figure.start] = Placed(figure, owner.component, owner.other, index, "part")
                continue
        own_clause = next(
            ((a, b) for a, b in _clauses(text, value_start, piece.end) if a <= figure.start < b),
            (0, 0),
        )
        clause_labelled = any(
            own_clause[0] <= w.start < own_clause[1] and w.kind is Kind.LABEL for w in labels
        )
        if (head is not None or ambiguous) and (figure.start < first_label or not clause_labelled):
            comp = head if isinstance(head, Component) else None
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


def _pair(text: str, figures: list[Figure], labels: list[Word]) -> list[tuple[Figure, Word, str]]:
    """Each figure with its label in one clause: the clause's first item says which side."""
    if not figures or not labels:
        return []
    items = sorted(
        [*((f.start, 0, f) for f in figures), *((w.start, 1, w) for w in labels)],
        key=lambda t: t[0],
    )
    labels_first = items[0][1] == 1
    pairs: list[tuple[Figure, Word, str]] = []
    used: set[int] = set()
    for figure in figures:
        before = [w for w in labels if w.end <= figure.start]
        after = [w for w in labels if w.start >= figure.end]
        nxt = next((f for f in figures if f.start > figure.start), None)
        after_near = [w for w in after if nxt is None or w.start < nxt.start]
        if labels_first and before:
            word = before[-1]
            # "base 200k 60k/yr stock": a label after, with no figure of its own, is this one's
            if (
                word.start in used
                and after_near
                and after_near[0].start not in used
                and not any(f.start > after_near[0].end for f in figures)
            ):
                word = after_near[0]
        elif after_near:
            word = after_near[0]
        elif before and before[-1].start not in used:
            word = before[-1]
        elif labels_first and after and not any(f.start > after[0].end for f in figures):
            word = after[0]
        else:
            continue
        used.add(word.start)
        pairs.append((figure, word, "label"))
    return pairs

"""What a paste says about a component besides its figures: that there is none ("no bonus",
"Sign-on: none", "RSUなし", "does not maintain a bonus program"), that it is unknown ("TBD",
"—"), that the author doubts it ("yearly or the whole grant?"), or that a figure is a ceiling
("up to 20%")."""

from __future__ import annotations

import re
from bisect import bisect_right

from bot.offers.amounts import Figure
from bot.offers.assign import Placed
from bot.offers.layout import Piece
from bot.offers.lexicon import COMPONENT_OF, Kind
from bot.offers.rules import Reading, Segment, none_after, segment_words
from bot.offers.spans import brackets
from bot.offers.tokens import Tokens, Word
from bot.prose.components import Component

_BREAK_RE = re.compile(r"[,;\n|()]|\d")
_DASH_CHARS = frozenset("-–—?")
_DASH_ONLY_RE = re.compile(r"[ ]{0,8}[-–—?]{1,8}[ ]{0,8}")
_TENTATIVE_RE = re.compile(
    r"\byet\b|\b(?:know|sure|remember|mention\w*|said|told|asked)\b", re.IGNORECASE
)
_NOT_YET_RE = re.compile(
    r"\b(?:yet|mentioned|discussed|so far|talk|talked about|discussion|conversation)\b",
    re.IGNORECASE,
)
_DASH_VALUE_RE = re.compile(r"\s?[:|]?\s?[-–—?]+\s?(?:\||$|\n)")  # "Bonus: —", "| RSU | - |"
_OR_RE = re.compile(r"\bor\b")
_CLAUSE_END_RE = re.compile(r"[,;.!?]\s")
_LEADER_RE = re.compile(r"[ \t]*(?:[.…·_]{3,}|-{3,})[ \t]*:?[ \t]*")
_LEADER_REACH = 60
_CAP_REACH = 24  # "capped at" + a few quotes


def _near(text: str, a: int, b: int, limit: int) -> bool:
    """Whether a label and the word after it are next to each other: a few characters apart,
    or joined by dot leaders ("Sign-on ........ none")."""
    gap = text[a:b]
    if len(gap) <= limit:
        return not _BREAK_RE.search(gap)
    return len(gap) <= _LEADER_REACH and bool(_LEADER_RE.fullmatch(gap))


def none_and_unknown(tokens: Tokens, pieces: list[Piece], seg: Segment, reading: Reading) -> None:
    """ "no bonus", "Sign-on: none", "RSUなし" -> 0; "bonus: TBD", "—" -> unknown."""
    text = tokens.text
    for i in seg.pieces:
        _none_in_cell(tokens, pieces[i], reading)
    _answered_none(tokens, pieces, seg, reading)
    words = segment_words(tokens, pieces, seg)
    year_rows = [(pieces[i].start, pieces[i].end) for i in seg.pieces if pieces[i].years]
    for i, w in enumerate(words):
        if w.kind is not Kind.LABEL or w.key == Component.TOTAL.value:
            continue
        if w.end - w.start == 4 and text[w.start : w.end].lower() == "sign":
            continue
        component = COMPONENT_OF[w.key]
        prev = words[i - 1] if i else None
        nxt = words[i + 1] if i + 1 < len(words) else None
        before = (
            prev
            and prev.kind is Kind.NONE_BEFORE
            and _near(text, prev.end, w.start, 3)
            and "." not in text[prev.end : w.start]  # "Bonus: geen. Aandelenopties: ..."
        )
        after = (
            nxt
            and none_after(text, nxt)
            and _near(text, w.end, nxt.start, 4)
            and not _figure_between(tokens, w.end, nxt.start)
        )
        if (before or after) and _not_yet(text, nxt.end if after and nxt else w.end):
            reading.unknown.add(component)  # "signing: none mentioned yet" is not stated
        elif before or after or _negated(tokens, words, i):
            reading.zero.add(component.value)
        elif nxt and nxt.kind is Kind.HOLDER and _gap_is_separator(text, w.end, nxt.start):
            reading.unknown.add(component)
            reading.warnings.append(
                f"{component.spoken}: {text[nxt.start : nxt.end]} — left as unknown"
            )
        elif (
            _DASH_CHARS.intersection(text[w.end : w.end + 4])
            and _DASH_VALUE_RE.match(text[w.end : w.end + 8])
            and text[w.end : w.end + 1] != "?"  # "joining bonus?" asks; "Bonus: ?" is unknown
            and not any(a <= w.start < b for a, b in year_rows)  # "Yr 2: Joining —": nothing
        ):
            reading.unknown.add(component)


def _answered_none(tokens: Tokens, pieces: list[Piece], seg: Segment, reading: Reading) -> None:
    """A question naming a component ("sign on?", "Me: shares?") answered by a none opening
    the next piece ("nope none", "Priya: none, it's a partnership"): a stated none."""
    text = tokens.text
    order = sorted(seg.pieces)
    for k, i in enumerate(order[:-1]):
        piece = pieces[i]
        if "?" not in text[piece.start : piece.end + 1] or tokens.any_figure_in(
            piece.start, piece.end
        ):
            continue
        asked = [
            w
            for w in tokens.labels_in(piece.start, piece.end)
            if w.kind is Kind.LABEL and w.key != Component.TOTAL.value
        ]
        answer = next(
            (
                pieces[j]
                for j in order[k + 1 :]
                if tokens.words_in(pieces[j].start, pieces[j].end)
                or tokens.any_figure_in(pieces[j].start, pieces[j].end)
            ),
            None,
        )
        if not asked or answer is None:
            continue
        first = tokens.words_in(answer.start, answer.end)[:1]
        if (
            first
            and none_after(text, first[0])
            and len(text[answer.start : first[0].start].split()) <= 3
            and not tokens.any_figure_in(answer.start, first[0].start)
            and not _not_yet(text, first[0].end)
        ):
            reading.zero.update(COMPONENT_OF[w.key].value for w in asked)


def _not_yet(text: str, end: int) -> bool:
    """Whether the clause after a "none" says it is only not known yet: "none mentioned yet",
    "no sign-on discussed so far", "no bonus talk at all" (nothing said, not a none)."""
    tail = text[end : end + 24]
    cut = _BREAK_RE.search(tail)
    return bool(_NOT_YET_RE.search(tail[: cut.start()] if cut else tail))


def _of_other_word(text: str, words: tuple[Word, ...] | list[Word]) -> bool:
    """ "no target", "none guaranteed"... the none negates the word right after it (a target, a
    cap, something that is not pay), not the component the cell is under."""
    return (
        len(words) > 1
        and words[1].kind in (Kind.TARGET, Kind.CAP, Kind.OTHER)
        and _near(text, words[0].end, words[1].start, 2)
    )


def _none_in_cell(tokens: Tokens, piece: Piece, reading: Reading) -> None:
    """A table cell that says "none" (or "—", "TBD") under a row or column label."""
    if piece.label_span is None or tokens.any_figure_in(piece.start, piece.end):
        return  # (a "–" in a year-by-year table is a year with nothing, not an unknown)
    labels = [w for w in tokens.labels_in(*piece.label_span) if w.kind is Kind.LABEL]
    if not labels or labels[0].key == Component.TOTAL.value:
        return
    component = COMPONENT_OF[labels[0].key]
    text = tokens.text
    words = tokens.words_in(piece.start, piece.end)
    if words and none_after(text, words[0]) and not _of_other_word(text, words):
        reading.zero.add(component.value)
    elif not piece.years and (
        (words and words[0].kind is Kind.HOLDER)
        or _DASH_ONLY_RE.fullmatch(text, piece.start, piece.end)
    ):
        reading.unknown.add(component)


def _negated(tokens: Tokens, words: list[Word], i: int) -> bool:
    """ "we do not offer an annual bonus", "this position is not
    eligible for a bonus", "they don't do bonuses": a negation a few words before the label, in a
    statement with no figure, no question and no doubt."""
    label = words[i]
    near = tokens.words_of(Kind.NEGATION, max(0, label.start - 60), label.start)
    if not near or label.start - near[-1].end > 40:
        return False
    negation = near[-1]
    text = tokens.text
    start, end = tokens.line_of(label.start)
    gap = text[negation.end : label.start]
    if len(gap.split()) > 5 or _BREAK_RE.search(gap):
        return False
    # the clause of the statement: "we'd be at one fifty-five on base, and we don't do sign-on
    # bonuses" has a figure, but not in the negated clause
    lo, hi = max(start, negation.start - 60), min(end, label.end + 60)
    cuts = [m.end() for m in _CLAUSE_END_RE.finditer(text, lo, negation.start)]
    lo = cuts[-1] if cuts else lo
    after = _CLAUSE_END_RE.search(text, label.end, hi)
    hi = after.start() + 1 if after else hi
    sentence = text[lo:hi]
    return (
        not tokens.any_figure_in(lo, hi)
        and "?" not in sentence
        and not _TENTATIVE_RE.search(sentence)
        and not any(w.kind in (Kind.DOUBT, Kind.HOLDER) for w in tokens.words_in(lo, hi))
    )


def _figure_between(tokens: Tokens, a: int, b: int) -> bool:
    return tokens.any_figure_in(a, b)


def _gap_is_separator(text: str, a: int, b: int) -> bool:
    return b - a <= 6 and not text[a:b].strip(" :-–—\"'*")


def doubted(
    tokens: Tokens, pieces: list[Piece], seg: Segment, placed: list[Placed]
) -> set[Component]:
    """Components the author doubts ("is the 120k yearly or total??"): those a doubting
    piece names or whose figures it repeats, or, for a doubt in brackets ("100k (not sure if
    yearly)"), the component of the figure before the bracket."""
    text = tokens.text
    out: set[Component] = set()
    owners = [p for p in placed if p.component]
    owners.sort(key=lambda p: p.figure.end)
    owner_ends = [p.figure.end for p in owners]
    by_value: dict[float, set[Component]] = {}
    for p in owners:
        if not p.figure.is_pct and p.component:
            by_value.setdefault(p.figure.value, set()).add(p.component)
    for i in seg.pieces:
        piece = pieces[i]
        body = text[piece.start : piece.end]
        ends_q = text[piece.end : piece.end + 1] == "?" or "?" in body
        words = tokens.words_in(piece.start, piece.end)
        doubts = [w for w in words if w.kind is Kind.DOUBT]
        if not doubts and not (ends_q and _OR_RE.search(body)):
            continue
        _, opening_of = brackets(text, piece.start, piece.end, [w.start for w in doubts])
        whole_piece = not doubts
        for w in doubts:
            opening = opening_of[w.start]
            if opening < 0:
                whole_piece = True
                continue
            k = bisect_right(owner_ends, opening)
            if k and owners[k - 1].component:
                out.add(owners[k - 1].component)  # type: ignore[arg-type]
        if not whole_piece:
            continue
        stretch = doubts[0].start if doubts else piece.start
        if (
            all(f.bare and f.value < 10 for f in tokens.figures_in(stretch, piece.end))
            and any(m.kind in ("years", "months") for m in tokens.marks_in(stretch, piece.end))
            and not (tokens.words_of((Kind.PERIOD, "year"), stretch, piece.end))
        ):
            # "RSUs 180k, I think over 4 years but not sure": only the length is doubted (not
            # "per year or over 4 years?", which doubts the figure)
            continue
        # what the doubt is about: the labels after it and the figures it repeats ("can't
        # tell if the 300k is per year"), else the label nearest before it; a question with
        # an "or" and no doubt word doubts all it names
        start = doubts[0].start if doubts else piece.start
        labels = [
            w
            for w in words
            if w.kind is Kind.LABEL
            and text[w.start : w.end].lower() != "sign"
            and w.key != Component.TOTAL.value
        ]
        found = {COMPONENT_OF[w.key] for w in labels if w.start >= start}
        for f in tokens.figures_in(start, piece.end):
            found.update(by_value.get(f.value, ()))
        if not found:
            before = [w for w in labels if w.start < start]
            found = {COMPONENT_OF[before[-1].key]} if before else set()
        out.update(found)
    return out


def capped(tokens: Tokens, figure: Figure) -> bool:
    """An "up to" just before the figure (a few quotes may sit between)."""
    text = tokens.text
    for w in tokens.words_in(max(0, figure.start - _CAP_REACH), figure.start):
        if (
            w.kind is Kind.CAP
            and w.end <= figure.start
            and figure.start - w.end <= 3 + (text[w.end : figure.start].count('"'))
        ):
            if text[w.start : w.end].lower() == "do" and not figure.is_pct:
                continue
            return True
    return False

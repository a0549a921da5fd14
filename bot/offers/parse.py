"""Pasted text -> offers. Pure.

The reading has three stages, each in its own module: tokens (bot.offers.tokens: amounts,
percents, periods, counts and words, locale-aware), the assignment of figures to components
(bot.offers.assign and, for what no label claims, bot.offers.shorthand), and the arithmetic
of the labelling conventions (bot.offers.rules, bot.offers.build). This module splits the
paste into offers (original and revised, current and new, Offer A and Offer B) and picks the
one to score. Every assumption is written down; a figure that cannot be placed is reported.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.errors import OfferError
from bot.offers.assign import Placed, place
from bot.offers.build import build, inherit
from bot.offers.layout import Piece, layout
from bot.offers.lexicon import Kind
from bot.offers.model import Offer, ParsedPaste
from bot.offers.rules import Segment
from bot.offers.shorthand import resolve, vesting_runs
from bot.offers.tokens import Tokens, normalize, tokenize
from bot.prose.components import Component
from bot.prose.places import place_currencies
from bot.prose.words import strip_markup

MAX_CHARS = 16_000
EXAMPLE = "205k base, 240k RSUs over 4 years, 10% target bonus, 30k signing"
_REPEATS = {Component.BASE, Component.STOCK, Component.BONUS}
_OFFER_N_RE = re.compile(r"^\W{0,4}(?:offer|option)\s*#?\s*(?:\d|[a-d])\b", re.IGNORECASE)
_MARKUP_RE = re.compile(r"[*`]|^[^\S\n]*>+", re.MULTILINE)
_NAME_RE = re.compile(r"[A-Z][\w&.'-]+")
_PRIORITY = ("revised", "original", "current", "competing", "new")


def clean(text: str) -> str:
    """Slack markup, zero-width characters and full-width forms folded; spans index this."""
    text = normalize(strip_markup(text))
    return _MARKUP_RE.sub(lambda m: " " * len(m.group(0)), text)


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
    try:
        return _parse(clean(text))
    except OfferError:
        raise
    except (ValueError, IndexError, KeyError, OverflowError, ZeroDivisionError) as exc:
        # A defect of the reader must still reach the user as an answer, not an empty reply.
        raise OfferError(
            f"I couldn't read that paste ({type(exc).__name__}). Try something like: {EXAMPLE}"
        ) from exc


def _parse(text: str) -> ParsedPaste:
    tokens = tokenize(text)
    shape = layout(tokens)
    pieces = shape.pieces
    placed = place(tokens, pieces)
    segments = _segments(tokens, pieces, placed)
    places = place_currencies(text)
    context = _Context(tokens, pieces, places)
    offers: list[tuple[Segment, Offer]] = []
    for segment in segments:
        assumptions: list[str] = []
        vest = vesting_runs_in(tokens, pieces, segment)
        vest_starts = {f.start for run, _ in vest for f in run}
        segment.placed = resolve(tokens, segment.placed, assumptions, vest_starts)
        offer = build(tokens, pieces, segment, vest, context.currency, context.unit, assumptions)
        offers.append((segment, offer))
    readable = [(s, o) for s, o in offers if o.has_figures]
    if not readable:
        reasons = [w for _, o in offers for w in o.warnings]
        detail = f" ({'; '.join(dict.fromkeys(reasons))})" if reasons else ""
        raise OfferError(
            f"I couldn't find pay figures in that{detail}. Try something like: {EXAMPLE}"
        )
    primary_index = _primary(readable)
    segment, primary = readable[primary_index]
    if segment.label == "revised":
        source = _revised_from(readable, primary_index)
        if source is not None:
            primary = inherit(primary, source)
    if shape.notes:
        primary = replace(primary, assumptions=(*primary.assumptions, *shape.notes))
    others = tuple(o for i, (_, o) in enumerate(readable) if i != primary_index)
    return ParsedPaste(primary, others, text)


class _Context:
    """What the whole paste says about every offer in it: the currency and the unit."""

    def __init__(self, tokens: Tokens, pieces: list[Piece], places: set[str]) -> None:
        self.place = next(iter(places)) if len(places) == 1 else None
        written = [f.currency for f in tokens.figures if f.currency and not f.is_pct]
        dollars = any(f.dollar for f in tokens.figures)
        self.currency = _paste_currency(written, dollars, self.place, tokens)
        units = [f.unit for f in tokens.figures if f.unit]
        if any(u in ("l", "lakh", "lakhs", "lac", "lacs", "lpa", "लाख") for u in units):
            self.unit = 1e5
        elif units.count("万") + units.count("w") > units.count("k"):
            self.unit = 1e4
        else:
            self.unit = 1e3


def _paste_currency(
    written: list[str | None], dollars: bool, place: str | None, tokens: Tokens
) -> dict[str, str | None]:
    """The currency a bare "$" and an unmarked figure mean in this paste."""
    dollar_place = place if place in ("CAD", "AUD", "SGD", "HKD", "NZD", "MXN") else None
    dollar = dollar_place or "USD"
    if (
        not dollar_place
        and written
        and all(c == written[0] for c in written)
        and written[0] in ("CAD", "AUD", "SGD", "HKD", "NZD", "MXN")
        and not place
    ):
        dollar = written[0] or "USD"
    counts: dict[str, int] = {}
    for c in written:
        if c:
            counts[c] = counts.get(c, 0) + 1
    if dollars:
        counts[dollar] = counts.get(dollar, 0) + 1
    unmarked: str | None
    if tokens.cjk and not counts and place is None:
        unmarked = None
    else:
        unmarked = place
    if unmarked is None and counts:
        unmarked = max(counts, key=lambda c: counts[c])
    return {"$": dollar, "": unmarked}


def vesting_runs_in(
    tokens: Tokens, pieces: list[Piece], segment: Segment
) -> list[tuple[list, tuple[float, ...]]]:  # type: ignore[type-arg]
    found = []
    for i in segment.pieces:
        found.extend(vesting_runs(tokens, pieces[i].start, pieces[i].end))
    return found


def _marker(tokens: Tokens, piece: Piece, placed: list[Placed]) -> str | None:
    if piece.struck:
        return "original"
    first = next((p.figure.start for p in placed if p.component is not None), piece.end)
    found = [w.key for w in tokens.words_in(piece.start, first) if w.kind is Kind.MARKER]
    if not found:
        return None
    return min(found, key=_PRIORITY.index)


def _segments(tokens: Tokens, pieces: list[Piece], placed: list[Placed]) -> list[Segment]:
    by_piece: dict[int, list[Placed]] = {}
    for p in placed:
        by_piece.setdefault(p.piece, []).append(p)
    segments = [Segment()]
    columns: dict[int, Segment] = {}
    for index, piece in enumerate(pieces):
        here = by_piece.get(index, [])
        if piece.column:
            if piece.column == 1 and not columns:
                columns[1] = (
                    segments[-1] if not segments[-1].has_pay else _new(segments, "competing")
                )
            segment = columns.get(piece.column) or columns.setdefault(
                piece.column, _new(segments, "competing")
            )
            segment.add(index, here)
            continue
        current = segments[-1]
        marker = _marker(tokens, piece, here)
        if _OFFER_N_RE.match(tokens.text, piece.start, piece.end):
            marker = "competing"
        repeats = {
            p.component for p in here if p.component in _REPEATS and p.how != "part"
        } & current.components
        if piece.years:
            repeats = set()
        if marker is not None and marker != current.label and current.has_pay:
            current = _new(segments, marker)
        elif marker == "competing" and current.has_pay:
            current = _new(segments, marker)
        elif repeats and not (
            marker is None and current.label == "revised" and not current.has_pay
        ):
            current = _new(segments, marker if marker != current.label else None)
        elif marker is not None and not current.has_pay:
            current.label = marker
        current.add(index, here)
        if current.name is None:
            name = _NAME_RE.search(tokens.text, piece.start, piece.end)
            if name and here:
                current.name = name.group(0).lower()
    return [s for s in segments if s.pieces]


def _new(segments: list[Segment], label: str | None) -> Segment:
    segments.append(Segment(label=label))
    return segments[-1]


def _primary(readable: list[tuple[Segment, Offer]]) -> int:
    """The revised (latest) offer; else the first that is not the author's current pay."""
    revised = [i for i, (s, _) in enumerate(readable) if s.label == "revised"]
    if revised:
        return revised[-1]
    for i, (s, _) in enumerate(readable):
        if s.label not in ("current", "original"):
            return i
    return 0


def _revised_from(readable: list[tuple[Segment, Offer]], index: int) -> Offer | None:
    """The offer a revision changes: the one it names, else the original before it."""
    segment = readable[index][0]
    text = readable[index][1].text.lower()
    for s, o in readable[:index]:
        if s.name and re.match(rf"\W*{re.escape(s.name)}\b", text):
            return o
    earlier = [(s, o) for s, o in readable[:index] if s.label not in ("current", "competing")]
    if earlier:
        return earlier[-1][1]
    _ = segment
    return None

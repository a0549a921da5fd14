"""Several offers in one paste: where one ends and the next begins, which is scored, and what
a revision keeps from the offer it revises.

A new offer starts at a marker ("revised", "current", "Offer B", "vs"), at a struck-out term,
at an offer column of a table, or where a component repeats ("base 190k ... base 205k"). The
scored one is, by the conventions, the revised (latest) one, else the first that is not the
author's current pay; the others are listed beside it.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any

from bot.offers.assign import Placed
from bot.offers.layout import CURRENTLY, Piece, aside_marker
from bot.offers.lexicon import Kind
from bot.offers.model import Offer
from bot.offers.rules import Segment
from bot.offers.tokens import Tokens, Word

# matched at a piece's start ("^" would hold only at the paste's own start)
_OFFER_N_RE = re.compile(r"\W{0,4}(?:offer|option)\s*#?\s*(?:\d|[a-d])\b", re.IGNORECASE)
_NAME_RE = re.compile(r"[A-Z][\w&.'-]+")
_PRIORITY = ("corrected", "revised", "original", "current", "competing", "new")
_WAS_RE = re.compile(
    r"\W{0,4}(?:it[ ]|they[ ])?(?:was|were|used to be)[ :]{1,3}(?=[\d$£€₹¥])", re.IGNORECASE
)
_VERSION_RE = re.compile(r"\W{0,4}v(\d)\b", re.IGNORECASE)  # "v1: 196k / 15%", "v2 (final)"


def _marker(tokens: Tokens, piece: Piece, placed: list[Placed]) -> str | None:
    if piece.struck:
        return "original"
    version = _VERSION_RE.match(tokens.text, piece.start, piece.end)
    if version:
        return "original" if version.group(1) in "01" else "revised"
    if _WAS_RE.match(tokens.text, piece.start, piece.end):
        return "original"  # "Was 185/10%/200k. After countering: ...": the terms before
    first = next((p.figure.start for p in placed if p.component is not None), piece.end)
    # a marker says whose terms follow only before them: in "No signing bonus is offered" the
    # "offered" after the label is a verb
    label = next(
        (w.start for w in tokens.labels_in(piece.start, first) if w.kind is Kind.LABEL), first
    )
    first = min(first, label)
    if not (
        tokens.words_of(Kind.MARKER, piece.start, first)
        or tokens.words_of(Kind.CORRECTION, piece.start, first)
        or tokens.words_of(Kind.CHANGE, piece.start, min(first, piece.start + 5))
    ):
        return None
    head = tokens.words_in(piece.start, first)
    found = [
        w.key
        for w in head
        if w.kind is Kind.MARKER
        and not _adverb(tokens.text, piece, w)
        and not aside_marker(tokens, w)
    ]
    if any(w.kind is Kind.CORRECTION for w in head):
        found.append("corrected")
    if (
        head
        and head[0].kind is Kind.CHANGE
        and tokens.text[head[0].start : head[0].end].lower() == "now"
        and head[0].start - piece.start <= 4
    ):
        found.append("revised")  # "now €142k base, ...": the terms as they stand
    if not found:
        return None
    return min(found, key=_PRIORITY.index)


def _adverb(text: str, piece: Piece, word: Word) -> bool:
    """ "currently" deep in a sentence is an adverb ("the company does not currently offer a
    bonus"); at its head it says whose pay follows ("Currently: 28 LPA", "I'm currently on")."""
    if text[word.start : word.end].lower() not in CURRENTLY:
        return False
    head = text[piece.start : word.start]
    return len(head) > 40 or len(head.split()) > 3


def split_offers(tokens: Tokens, pieces: list[Piece], placed: list[Placed]) -> list[Segment]:
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
        repeats = not piece.years and current.repeats(here)
        if (
            marker is not None and marker != current.label and (current.has_pay or current.loose)
        ) or (marker == "competing" and current.has_pay):
            current = _new(segments, marker)
        elif repeats and not (
            marker is None and current.label == "revised" and not current.has_pay
        ):
            current = _new(segments, marker if marker != current.label else None)
        if (
            current.label in (None, "new")
            and len(segments) > 1
            and segments[-2].label == "original"
        ):
            current.label = "revised"  # an original, then a new one: the revision
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


def primary_of(readable: list[tuple[Segment, Offer]]) -> int:
    """The revised (latest) offer; else the one called new; else the first that is not the
    author's current pay."""
    revised = [i for i, (s, _) in enumerate(readable) if s.label in ("revised", "corrected")]
    if revised:
        return revised[-1]
    new = [i for i, (s, _) in enumerate(readable) if s.label == "new"]
    if new:
        return new[0]  # "..., the new offer is 185k": the one called new, not the one before
    for i, (s, _) in enumerate(readable):
        if s.label not in ("current", "original"):
            return i
    return 0


def revised_from(readable: list[tuple[Segment, Offer]], index: int) -> Offer | None:
    """The offer a revision changes: the one it names, else the original before it."""
    text = readable[index][1].text.lower()
    for s, o in readable[:index]:
        if s.name and re.match(rf"\W*{re.escape(s.name)}\b", text):
            return o
    earlier = [(s, o) for s, o in readable[:index] if s.label not in ("current", "competing")]
    return earlier[-1][1] if earlier else None


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
    changes: dict[str, Any] = {}
    derived: set[str] = set()  # worked out from what was kept, not kept itself
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
    elif revised.stock_years is None and original.stock_years:
        # "RSU is actually 140k": a new amount for the same grant keeps its length and schedule
        years = original.stock_years
        changes["stock_years"] = years
        if revised.vesting in (None, ()) and original.vesting:
            changes["vesting"] = original.vesting
        if revised.stock_total is not None and revised.stock_per_year is None:
            changes["stock_per_year"] = revised.stock_total / years
            derived.add("stock_per_year")
        elif revised.stock_per_year is not None and revised.stock_total is None:
            changes["stock_total"] = revised.stock_per_year * years
            derived.add("stock_total")
    if revised.currency is None and original.currency:
        changes["currency"] = original.currency
    if not changes:
        return revised
    names = ", ".join(k for k in changes if k != "currency" and k not in derived)
    note = f"kept from the original offer what the revision does not change ({names})"
    allowed = {f.name for f in fields(Offer)}
    return replace(
        revised,
        assumptions=(*revised.assumptions, note),
        **{k: v for k, v in changes.items() if k in allowed},
    )

"""Pasted text -> offers. Pure.

The reading, stage by stage: tokens (bot.offers.tokens with amounts, marks, ranges and the
lexicon: numbers and what is written round them, locale-aware, and the words), the shape of the
paste (layout: lines, sentences, tables, chats, strikes), figures to components (assign, then
shorthand for what no label claims), several offers (several), and the conventions'
arithmetic (build, stock, statements, rules). This module runs them and picks the offer to
score. Every assumption is written down; a figure that cannot be placed is reported.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace

from bot.errors import OfferError
from bot.offers.assign import place
from bot.offers.build import build
from bot.offers.layout import layout
from bot.offers.model import EXAMPLE, MAX_CHARS, Offer, ParsedPaste
from bot.offers.rules import PasteCurrency, Segment
from bot.offers.several import inherit, primary_of, revised_from, split_offers
from bot.offers.shorthand import resolve, split_of_other, vesting_runs, year_row_percents
from bot.offers.tokens import Tokens, normalize, tokenize
from bot.prose.places import place_currencies
from bot.prose.words import strip_markup

# Slack and Markdown marks: backticks, bold/italic stars (not a "5000 * 12" product), quotes.
_MARKUP_RE = re.compile(r"`|(?<![\d\s])\*|\*(?![\s\d])|^[^\S\n]*>+", re.MULTILINE)


# a CSV row: three or more fields joined by bare commas, none of them a thousands group; a
# field may be empty or quoted ("4 years, 25% per year")
_CSV_ROW_RE = re.compile(
    r'(?m)^[^\S\n]*[^\s,"][^,\n"]*(?:,(?:"[^"\n]*"|[^\s,"][^,\n"]*|))*'
    r'(?:,(?:"[^"\n]*"|[^\s,"][^,\n"]*)),?$'
)
_QUOTED_RE = re.compile(r'"[^"\n]*"')
_THOUSANDS_GROUP_RE = re.compile(r"\d,\d{3}(?!\d)")  # "1,050万円", "1,200,000"


def clean(text: str) -> str:
    """Slack markup out, zero-width characters out, full-width forms folded, spaces
    collapsed, CSV rows made table rows: every span of the reading indexes this text."""
    return _CSV_ROW_RE.sub(_csv_row, normalize(_MARKUP_RE.sub("", strip_markup(text))))


def _csv_row(row: re.Match[str]) -> str:
    line = row.group(0)
    if line.count(",") < 2 or _THOUSANDS_GROUP_RE.search(_QUOTED_RE.sub("", line)):
        return line
    return " | ".join(next(csv.reader([line])))


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
    except (
        ValueError,
        IndexError,
        KeyError,
        TypeError,
        AttributeError,
        OverflowError,
        ZeroDivisionError,
        RecursionError,
    ) as exc:
        # A defect of the reader must still reach the user as an answer, not an empty reply.
        raise OfferError(
            f"I couldn't read that paste ({type(exc).__name__}). Try something like: {EXAMPLE}"
        ) from exc


def _parse(text: str) -> ParsedPaste:
    tokens = tokenize(text)
    shape = layout(tokens)
    pieces = shape.pieces
    schedules = {  # a struck-out schedule ("~5/15/40/40~ → 25% each year") is superseded
        i: [
            run
            for run in vesting_runs(tokens, piece.start, piece.end)
            if not all(f.start in shape.superseded for f in run[0])
        ]
        if tokens.any_figure_in(piece.start, piece.end)
        else []
        for i, piece in enumerate(pieces)
    }
    for i, run in year_row_percents(tokens, pieces).items():
        schedules[i] = [*schedules[i], run]
    in_schedules = {f.start for runs in schedules.values() for run, _ in runs for f in run}
    placed = place(tokens, pieces, shape.superseded, in_schedules)
    segments = split_offers(tokens, pieces, placed)
    places = place_currencies(text)
    context = _Context(tokens, places)
    offers: list[tuple[Segment, Offer]] = []
    for segment in segments:
        assumptions: list[str] = []
        vest = [
            run
            for i in segment.pieces
            for run in schedules[i]
            if not split_of_other(tokens, run[0])
        ]
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
    primary_index = primary_of(readable)
    segment, primary = readable[primary_index]
    dropped = -1
    if segment.label == "corrected" and primary_index:
        # "2.1M monthly? no wait, 9.6M a year": the correction replaces what it corrects
        dropped = primary_index - 1
        primary = inherit(primary, readable[dropped][1])
    elif segment.label == "revised":
        source = revised_from(readable, primary_index)
        if source is not None:
            primary = inherit(primary, source)
    if shape.notes:
        primary = replace(primary, assumptions=(*primary.assumptions, *shape.notes))
    others = tuple(o for i, (_, o) in enumerate(readable) if i not in (primary_index, dropped))
    return ParsedPaste(primary, others, text)


_DOLLARS = ("CAD", "AUD", "SGD", "HKD", "NZD", "MXN")  # currencies people write as "$"
_LAKH_UNITS = ("l", "lakh", "lakhs", "lac", "lacs", "lpa", "लाख")


class _Context:
    """What the whole paste says about every offer in it: the currency and the unit."""

    def __init__(self, tokens: Tokens, places: set[str]) -> None:
        self.place = next(iter(places)) if len(places) == 1 else None
        written = [f.currency for f in tokens.figures if f.currency and not f.is_pct]
        dollars = any(f.dollar for f in tokens.figures)
        self.currency = _paste_currency(written, dollars, self.place, tokens.cjk)
        units = [f.unit for f in tokens.figures if f.unit]
        if any(u in _LAKH_UNITS for u in units):
            self.unit = 1e5
        elif units.count("万") + units.count("w") > units.count("k"):
            self.unit = 1e4
        else:
            self.unit = 1e3


def _paste_currency(
    written: list[str], dollars: bool, place: str | None, cjk: bool
) -> PasteCurrency:
    """The currency a bare "$" and an unmarked figure mean in this paste: a "$" is the
    place's dollar (Toronto: CAD), else the one dollar currency written, else USD; an
    unmarked figure is in the place's currency, else the one written most."""
    dollar_place = place if place in _DOLLARS else None
    dollar = dollar_place or "USD"
    if not place and written and all(c == written[0] for c in written) and written[0] in _DOLLARS:
        dollar = written[0]
    counts: dict[str, int] = {}
    for c in written:
        counts[c] = counts.get(c, 0) + 1
    if dollars:
        counts[dollar] = counts.get(dollar, 0) + 1
    unmarked = None if cjk and not counts and place is None else place
    if unmarked is None and counts:
        unmarked = max(counts, key=lambda c: counts[c])
    return PasteCurrency(dollar, unmarked, unmarked is not None and unmarked == place)

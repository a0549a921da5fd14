"""Neighbouring figures that belong together: ranges ("160-190k", "$160k–$190k", "10–20%",
"between 175 and 195k"), alternatives ("150 or 155"), changes ("from 190 to 205", "158 → 170":
the first is the old figure) and old figures ("up from $192,000")."""

from __future__ import annotations

import re

from bot.offers.amounts import MULTIPLIERS, Figure

_HUNDRED_MILLIONS = frozenset(("億", "亿", "억"))
_TEN_THOUSANDS = frozenset(("万", "萬", "만", "천만", "千万", "백만", "百万"))  # and below 億
_CHANGE_TO_RE = re.compile(r"[ ]?(?:to|→|->|=>|bis|à|a|para|naar|till)[ ]?")
_DASH_SPACE_RE = re.compile(r"[-–—]\s")  # "10 - 15" in a list is no range
_ARROW_RE = re.compile(r"[ ]?(?:→|->|=>)[ ]?(?:now[ ])?")
# the joins of a positional run ("195/15%/400 over 4")
_RUN_JOIN_RE = re.compile(r"[ ]?(?:[/+]|over|across)[ ]?")
_RANGE_SEP_RE = re.compile(r"[ ]?(?:-|–|—|~|〜|to|bis|à|a|and|und|et|y|e)[ ]?\Z")
_CONJUNCTIONS = frozenset(("and", "und", "et", "y", "e"))  # a range only after "between"
_BETWEEN_RE = re.compile(r"(?:between|zwischen|entre|tra|tussen|mellan|pomiędzy)\s\S{0,3}\Z")
_OR_RE = re.compile(r"\s(?:or|oder|ou|o)\s\Z")
_FROM_RE = re.compile(
    r"(?:up from|down from|from|instead of|previously|\((?:was|vorher|antes|avant|prev\.?))\s?\S?\Z"
)


def join(low: str, figures: list[Figure]) -> list[Figure]:
    """Ranges ("160-190k", "$160k–$190k", "10–20%"), alternatives ("150 or 155") and old
    figures ("up from $192,000", "158 → 170") read as such."""
    out: list[Figure] = []
    for found in figures:
        figure = found
        if out:
            last = out[-1]
            between = low[last.end : figure.start]
            if (
                last.unit in _HUNDRED_MILLIONS
                and figure.unit in _TEN_THOUSANDS
                and between in ("", " ")
            ):
                # "1억 2,000만원", "1億2000万円": one amount written in two units
                out[-1] = figure._replace(
                    value=last.value + figure.value,
                    start=last.start,
                    text=low[last.start : figure.end],
                    currency=figure.currency or last.currency,
                )
                continue
            if (
                len(between) <= 6
                and _CHANGE_TO_RE.fullmatch(between)
                and _FROM_RE.search(low[max(0, last.start - 16) : last.start])
            ):
                # "from 190 to 205": a change, the second is the one that stands
                out[-1] = last._replace(previous=True)
                out.append(figure)
                continue
            if (
                len(between) <= 5
                and _RANGE_SEP_RE.fullmatch(between)
                and (
                    between.strip() not in _CONJUNCTIONS
                    or _BETWEEN_RE.search(low[max(0, last.start - 12) : last.start])
                )
                and not last.plus
                and (last.is_pct == figure.is_pct or (last.bare and figure.is_pct))
                and not last.shares
            ):
                low_value = last.value
                if last.unit is None and figure.unit and low_value < 1000:
                    low_value *= MULTIPLIERS[figure.unit]
                if low_value <= figure.value and not _DASH_SPACE_RE.match(between):
                    out[-1] = figure._replace(
                        value=low_value,
                        high=figure.value,
                        start=last.start,
                        text=low[last.start : figure.end],
                    )
                    continue
            if len(between) <= 5 and _OR_RE.fullmatch(between):
                out[-1] = last._replace(alternative=True)
                figure = figure._replace(alternative=True)
        context = low[max(0, figure.start - 16) : figure.start]
        if _FROM_RE.search(context):
            figure = figure._replace(previous=True)
        out.append(figure)
    # "158 → 170": the first is the old figure; "195/15%/400 over 4 → 210/15%/460": the whole
    # run before the arrow is the old terms
    for i in range(len(out) - 1):
        between = low[out[i].end : out[i + 1].start]
        if not _ARROW_RE.fullmatch(between):
            continue
        j = i
        while j >= 0:
            out[j] = out[j]._replace(previous=True)
            if j == 0 or not _RUN_JOIN_RE.fullmatch(low, out[j - 1].end, out[j].start):
                break
            j -= 1
    return out

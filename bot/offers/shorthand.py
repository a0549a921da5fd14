"""Figures no label claims, read by position the way forum posts write offers.

"170 + 15% + 400/4" and "180k/150k/10%" list base, bonus and stock; "TC 290 (190/80/20)" lists
the yearly parts of a total (base / stock per year / bonus) and "168/52/24 (base/stock per
yr/bonus)" names its order in brackets. A lone grant ("two forty over four years") is stock;
the first unlabelled amount of an offer that names no base is the base ("they offered eighty
thousand euros and a ten per cent bonus"). Every such reading is written down as an assumption.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from bot.offers.amounts import Figure
from bot.offers.assign import Placed
from bot.offers.layout import Piece
from bot.offers.lexicon import COMPONENT_OF, Kind
from bot.offers.tokens import Tokens
from bot.prose.components import Component

_JOIN_RE = re.compile(r"\s?[/+＋]\s?|\s?\|\s?")
_LOOSE_BONUS_CEILING = 50  # "100 % remote": an unlabelled percent this high is no bonus
_BAR_RE = re.compile(r"\s?\|\s?")
_OVER_N_RE = re.compile(r"\s?(?:over|across)\s?(?:\d|two|three|four|five|six)", re.IGNORECASE)
_OVER_RE = re.compile(r"\s?over")
_VEST_AFTER_RE = re.compile(r"\s?(?:/\s?y|per\s|each\s|every\s|annually|on\s|after\s|a\s?year)")
_EQUITY_AFTER_RE = re.compile(
    r"\s?(?:\(|of\s{1,3}(?:the\s|a\s)?(?:company|startup)|equity|vest|cliff)"
)
_NAMED_ORDER_RE = re.compile(r"\s?\(([^)]{0,60})\)")  # "175/45/26 (base/stock/bonus)"
_PER_YEAR_RE = re.compile(r"\s?(?:per\s?y|/\s?y)")
_YEAR_TAG_RE = re.compile(
    r"\s?(?:(?:after|in|for|at|by)\s)?(?:the\s)?(?:year|yr)\s?(\d)\b", re.IGNORECASE
)
_LIST_JOIN_RE = re.compile(r"\s?[,·•;]\s?")
_VEST_CUE_RE = re.compile(r"\b(?:vest\w*|cliff|schedule)\b", re.IGNORECASE)
_STOCK_CUE_RE = re.compile(r"rsu|stock|grant|equity|gsu|esop|股票|株", re.IGNORECASE)


# A schedule as written ("5/15/40/40"): its figures and the yearly percents they say.
VestRun = tuple[list[Figure], tuple[float, ...]]


def year_row_percents(tokens: Tokens, pieces: Sequence[Piece]) -> dict[int, VestRun]:
    """ "Year 1: 33% ($118,800)" / "Year 2: 33%" / ...: one percent a year in rows that number
    the years 1, 2, ..., name no bonus and add up to about 100 is the grant's schedule, kept as
    written. The run is given to the first row's piece."""
    rows: list[tuple[int, int, Figure]] = []
    for index, piece in enumerate(pieces):
        if len(piece.years) != 1:
            continue
        pcts = [f for f in tokens.figures_in(piece.start, piece.end) if f.is_pct]
        bonus = any(
            w.kind is Kind.LABEL and w.key == Component.BONUS.value
            for w in tokens.labels_in(piece.start, piece.end)
        )
        if len(pcts) == 1 and 0 < pcts[0].value <= 100 and not bonus:
            rows.append((piece.years[0], index, pcts[0]))
    if len(rows) < 2 or [y for y, _, _ in rows] != list(range(1, len(rows) + 1)):
        return {}
    if not 90 <= sum(f.value for _, _, f in rows) <= 110:
        return {}  # "Year 1: 200k + 15%" each year is a bonus, not a schedule
    return {rows[0][1]: ([f for _, _, f in rows], tuple(f.value for _, _, f in rows))}


def vesting_runs(tokens: Tokens, start: int, end: int) -> list[VestRun]:
    """Schedules written as "5/15/40/40", "33% / 33% / 34%", "35|30|20|15": parts that add up
    to 100, or three or more on a line that speaks of stock or vesting."""
    text = tokens.text
    found: list[VestRun] = []
    cues: dict[tuple[int, int], bool] = {}  # one search per line, however many runs it holds
    figures = tokens.figures_in(start, end)
    runs = _runs(text, figures)
    # "[10, 20, 30, 40]", "30% · 30% · 25% · 25%": a list that adds up to 100 is a schedule too
    runs += [
        run for run in _runs(text, figures, _LIST_JOIN_RE) if len(run) >= 3 and run not in runs
    ]
    tagged = _year_tagged(text, figures)
    if tagged and tagged not in runs:
        runs.append(tagged)
    for run in runs:
        if len(run) < 2 or any(
            f.value > 100 or f.unit or f.currency or f.dollar or f.years for f in run
        ):
            continue
        parts = tuple(f.value for f in run)
        if 95 <= sum(parts) <= 105:
            if not any(r is not run and set(map(id, r)) & set(map(id, run)) for r, _ in found):
                found.append((run, parts))
            continue
        if len(parts) < 3:
            continue
        line = (tokens.line_of(run[0].start)[0], tokens.line_of(run[-1].end)[1])
        if line not in cues:
            body = text[line[0] : line[1]]
            cues[line] = bool(_VEST_CUE_RE.search(body) or _STOCK_CUE_RE.search(body))
        if cues[line]:
            found.append((run, parts))
    return found


def _year_tagged(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """ "50% after year 1 and 50% after year 2", "10% year 1, 20% year 2, ...": percents each
    tagged with the year they vest in, the years counting 1, 2, ...; else []."""
    run: list[Figure] = []
    for f in figures:
        m = _YEAR_TAG_RE.match(text, f.end) if f.is_pct else None
        if m and int(m.group(1)) == len(run) + 1:
            run.append(f)
    return run if len(run) >= 2 else []


def split_of_other(tokens: Tokens, run: list[Figure]) -> bool:
    """ "Sign-on €15k (split 50/50 over two years)": parts that add up to 100 on a line labelled
    by another component, with no word of stock or vesting, split that component: no
    amounts, and no grant's schedule."""
    text = tokens.text
    start, end = tokens.line_of(run[0].start)[0], tokens.line_of(run[-1].end)[1]
    body = text[start:end]
    if _VEST_CUE_RE.search(body) or _STOCK_CUE_RE.search(body):
        return False
    return any(
        w.kind is Kind.LABEL and w.key not in (Component.STOCK.value, Component.TOTAL.value)
        for w in tokens.labels_in(start, end)
    )


def _runs(
    text: str, figures: Sequence[Figure], joins: re.Pattern[str] | None = None
) -> list[list[Figure]]:
    """Figures joined one after another by "/", "+" or "|" (or by ``joins``)."""
    joins = joins or _JOIN_RE
    runs: list[list[Figure]] = []
    for figure in figures:
        if (
            runs
            and figure.start - runs[-1][-1].end <= 4
            and joins.fullmatch(text[runs[-1][-1].end : figure.start])
            and "|" not in text[runs[-1][-1].end : figure.start]
        ) or (
            runs
            and _BAR_RE.fullmatch(text, runs[-1][-1].end, figure.start)
            and not figure.currency
            and not figure.unit
        ):
            runs[-1].append(figure)
        else:
            runs.append([figure])
    return runs


def resolve(
    tokens: Tokens, placed: list[Placed], assumptions: list[str], vest_figures: set[int]
) -> list[Placed]:
    """Place what the labels left: shorthand runs, grants over N years, the first amount."""
    text = tokens.text
    out = list(placed)
    index = {p.figure.start: i for i, p in enumerate(out)}
    loose = [
        p
        for p in out
        if p.component is None
        and not p.other
        and p.figure.start not in vest_figures
        and not p.figure.previous
    ]
    figures = [p.figure for p in out if p.figure.start not in vest_figures]
    for run in _runs(text, figures):
        members = [out[index[f.start]] for f in run]
        unplaced = [m for m in members if m.component is None and not m.other]
        # "TC breakdown: $200k/$300k/15%": a total's key over a run names its parts
        parts = [m for m in members if m.component is Component.TOTAL and m.how == "key"]
        if (
            len(run) >= 3
            and len(unplaced) + len(parts) == len(run)
            and "/" in text[run[0].start : run[-1].end]
        ):
            _read_slashes(tokens, run, out, index, assumptions)
        elif (
            len(run) >= 3
            and len(unplaced) == len(run)
            and not any(f.is_pct for f in run)
            and _parts_of_total(tokens, run, out, index)
        ):
            # "TC 312 = 200 + 90 + 22": parts joined by "+" that add up to a total
            _read_slashes(tokens, run, out, index, assumptions)
        elif len(run) >= 3 and (head := _unplaced_head(text, members)):
            # "210/400/15%/50 sign": the labelled tail is placed; the head is base / stock / ...
            _read_slashes(tokens, [m.figure for m in head], out, index, assumptions)
        elif (
            len(run) >= 2
            and unplaced
            and any("+" in text[a.end : b.start] for a, b in pairwise(run))
        ):
            _read_formula(
                unplaced,
                out,
                index,
                assumptions,
                has_base=any(m.component is Component.BASE for m in members),
            )
    loose = [
        p
        for p in out
        if p.component is None
        and not p.other
        and p.figure.start not in vest_figures
        and not p.figure.previous
    ]
    have = {p.component for p in out}
    for p in loose:
        f = p.figure
        if f.is_pct or f.shares or f.negative or f.plus:
            continue
        if f.years is not None or _OVER_N_RE.match(text, f.end):
            out[index[f.start]] = p._replace(component=Component.STOCK, how="grant")
            assumptions.append(f"read {f.text.strip()} over a number of years as a stock grant")
            have.add(Component.STOCK)
    if Component.BASE not in have:
        # "134 000 € brutto im Jahr", "€6,200 pro Monat": unlabelled gross or monthly pay is
        # the base
        gross = next(
            (
                p
                for p in loose
                if p.component is None
                and not p.figure.is_pct
                and not p.figure.negative
                and tokens.gross_pay(p.figure)
            ),
            None,
        )
        if gross is not None:
            f = gross.figure
            out[index[f.start]] = gross._replace(component=Component.BASE, how="gross")
            assumptions.append(f"read {f.text.strip()}, gross pay, as the base")
            have.add(Component.BASE)
    first_money = next(
        (
            p
            for p in out
            if not p.figure.is_pct
            and not p.figure.shares
            and not p.figure.previous
            and p.figure.start not in vest_figures
            and not p.other
        ),
        None,
    )
    if (
        first_money is not None
        and first_money.component is None
        and Component.BASE not in have
        and not first_money.figure.negative
    ):
        f = first_money.figure
        out[index[f.start]] = first_money._replace(component=Component.BASE, how="first")
        assumptions.append(f"read {f.text.strip()}, the first amount, as the base")
        have.add(Component.BASE)
    # "bonus 10-20% with a 15% target": a percent beside a target word is the bonus's target
    ranged = any(p.component is Component.BONUS and p.figure.uncertain for p in out)
    for p in out:
        f = p.figure
        if p.component is None and not p.other and f.is_pct and ranged and _target_cue(tokens, f):
            out[index[f.start]] = p._replace(component=Component.BONUS, how="target")
            have.add(Component.BONUS)
    if Component.BONUS not in have:
        loose = [
            p
            for p in out
            if p.component is None
            and not p.other
            and p.figure.is_pct
            and p.figure.start not in vest_figures
            and not p.figure.previous
            and not _equity_cue(text, p.figure)
            and not _vest_cue(tokens, p.figure)
            and p.figure.value < _LOOSE_BONUS_CEILING
        ]
        # "bonus, 0–25% range, averaged 12%": the percent beside a target word, else the first
        chosen = next(
            (p for p in loose if _target_cue(tokens, p.figure)), loose[0] if loose else None
        )
        if chosen is not None:
            f = chosen.figure
            out[index[f.start]] = chosen._replace(component=Component.BONUS, how="loose percent")
            assumptions.append(f"read {f.text.strip()} as the bonus")
    for p in out:
        f = p.figure
        if p.component is None and not p.other and f.is_pct and _equity_cue(text, f):
            out[index[f.start]] = p._replace(component=Component.STOCK, how="equity")
    return out


def _unplaced_head(text: str, members: list[Placed]) -> list[Placed]:
    """The unplaced slash-joined figures that open a run whose other figures a label placed."""
    head: list[Placed] = []
    for m in members:
        if m.component is not None or m.other:
            break
        head.append(m)
    rest = members[len(head) :]
    if (
        len(head) < 2
        or any(m.component is None or m.other for m in rest)
        or any("/" not in text[a.figure.end : b.figure.start] for a, b in pairwise(head))
    ):
        return []
    return head


def _target_cue(tokens: Tokens, figure: Figure) -> bool:
    near = (tokens.word_before(figure.start, 4), tokens.word_after(figure.end, 4))
    return any(w is not None and w.kind is Kind.TARGET for w in near)


def _vest_cue(tokens: Tokens, figure: Figure) -> bool:
    """A percent that vests: "25% yearly", "25% after a year", "每年25%", "25 % pro Jahr"."""
    text = tokens.text
    if _VEST_AFTER_RE.match(text[figure.end : figure.end + 24].lower()):
        return True
    near = (tokens.word_before(figure.start), tokens.word_after(figure.end, 4))
    return any(
        w is not None and ((w.kind is Kind.PERIOD and w.key == "year") or w.kind is Kind.VEST)
        for w in near
    )


def _equity_cue(text: str, figure: Figure) -> bool:
    after = text[figure.end : figure.end + 40].lower()
    return bool(_EQUITY_AFTER_RE.match(after)) and figure.value < 5


def _parts_of_total(
    tokens: Tokens, run: list[Figure], out: list[Placed], index: dict[int, int]
) -> bool:
    """Whether a run lists the yearly parts of a total ("base / stock per year / bonus")."""
    # "TC 290 (190/80/20)", "185/40/15 ... TC ~240": a total just before the run, or later on
    # its line, that its parts add up to makes them yearly
    total = tokens.last_figure_ending_by(run[0].start)
    if total is not None and (
        run[0].start - total.end >= 6
        or total.start not in index
        or out[index[total.start]].component is not Component.TOTAL
    ):
        total = None
    if total is None:
        line_end = tokens.line_of(run[-1].end)[1]
        total = next(
            (
                f
                for f in tokens.figures_in(run[-1].end, line_end)
                if f.start in index and out[index[f.start]].component is Component.TOTAL
            ),
            None,
        )
    if total is None:
        return False
    parts = sum(f.value for f in run if not f.is_pct)
    scale = 1000 if total.bare and parts < 1000 else 1
    return (
        abs(parts * scale - total.value * scale) <= 0.02 * total.value * scale
        or abs(parts - total.value) < 1
    )


def _read_slashes(
    tokens: Tokens,
    run: list[Figure],
    out: list[Placed],
    index: dict[int, int],
    assumptions: list[str],
) -> None:
    text = tokens.text
    after = text[run[-1].end : run[-1].end + 60]
    named = _NAMED_ORDER_RE.match(after)
    order: list[tuple[Component, bool]] = []
    if named:
        inside = tokens.words_in(run[-1].end + named.start(1), run[-1].end + named.end(1))
        words = [w for w in inside if w.kind is Kind.LABEL]
        if len(words) >= len(run):
            for w in words[: len(run)]:
                rest = text[w.end : w.end + 10].lower()
                order.append((COMPONENT_OF[w.key], bool(_PER_YEAR_RE.match(rest))))
    yearly = _parts_of_total(tokens, run, out, index)
    if not order:
        kinds = []
        money_seen = 0
        for f in run:
            if f.is_pct:
                kinds.append((Component.BONUS, False))
            elif f.years is not None or _OVER_RE.match(text, f.end):
                kinds.append((Component.STOCK, False))
            elif money_seen == 0:
                kinds.append((Component.BASE, False))
                money_seen += 1
            elif money_seen == 1 and not any(k is Component.STOCK for k, _ in kinds):
                kinds.append((Component.STOCK, yearly))
                money_seen += 1
            else:
                kinds.append((Component.BONUS, False))
        order = kinds
        assumptions.append(
            f"read '{text[run[0].start : run[-1].end]}' as base / stock / bonus"
            + (" (yearly parts of the total)" if yearly else "")
        )
    for f, (component, per_year) in zip(run, order, strict=False):
        i = index[f.start]
        out[i] = out[i]._replace(component=component, how="shorthand", per_year=per_year)


def _read_formula(
    unplaced: list[Placed],
    out: list[Placed],
    index: dict[int, int],
    assumptions: list[str],
    *,
    has_base: bool,
) -> None:
    for p in unplaced:
        f = p.figure
        if f.is_pct:
            continue
        if f.years is not None:
            component = Component.STOCK
        elif not has_base:
            component = Component.BASE
            has_base = True
        else:
            continue
        out[index[f.start]] = p._replace(component=component, how="formula")
    if unplaced:
        assumptions.append(
            "read the figures joined by '+' by position (base, bonus %, stock over N years)"
        )

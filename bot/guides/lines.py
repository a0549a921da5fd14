"""A guide's lines: when to accept and when to walk away, in the many ways authors write them.

"Accept if above $265K RSUs", "Walk if base is under €95K", "Our floor is ₹40L fixed",
"Sign at $300K TC or better", "Don't go below ¥11M", "Minimum acceptable: £100k base", "If
they can't reach $210K base, walk", "**Accept:** ≥ C$230K total comp".

A sentence is read as events in order: cue words (walk, floor, accept, sign...) and figures.
Each figure is paired with the cue before it in its clause, or after it ("..., walk"); the
comparison is the nearest comparing phrase ("under", "or better", "can't reach", "≥"), else
what the cue implies (a floor is walked away below; a line to sign at is met at least).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.guides.advice import Comparison, Threshold, ThresholdKind
from bot.guides.values import strings_of
from bot.prose.components import Component, find_labels
from bot.prose.figures import Figure, extract_figures

_CUE_RE = re.compile(
    r"(?P<walk>\b(?:don'?t|do\s+not|never|not|won'?t|wouldn'?t)\s+(?:accept|take|sign)\b"
    r"|\bwalk(?:ing)?(?:[\s-]+away)?\b(?!\s+(?:away\s+)?from)|\bdecline\b|\breject\b"
    r"|\bturn\s+(?:it\s+|them\s+)?down\b|\brefuse\b|\bno[\s-]go\b|\bno\s+deal\b|\bnon[\s-]?starter\b"
    r"|\bis\s+a\s+(?:no|pass|hard\s+no)\b)"
    r"|(?P<floor>\bfloor\b|\bmin(?:imum|\.)?(?:\s+acceptable)?\b|\blowest\s+acceptable\b|\bbottom[\s-]+line\b|\bred[\s-]+line\b"
    r"|\bdeal[\s-]?breaker\b|\b(?:don'?t|do\s+not|never|won'?t|can'?t|not)\s+go\s+(?:below|under|lower)\b"
    r"|\bno\s+lower\s+than\b|\bnothing\s+(?:below|under|less)\b|\blowest\s+(?:you|we)\b)"
    r"|(?P<accept>\baccept(?:able)?\b|\btake\s+(?:it|the\s+offer|the\s+deal)\b"
    r"|\bsign(?=\s+(?:at|if|for|when|once|only|off|it|immediately|now|right\s+away|straight\s+away)\b|\s*:)|\bsay\s+yes\b|\bgreen[\s-]*light\b"
    r"|\bgood\s+to\s+(?:go|sign)\b|\bhappy\s+to\s+sign\b|\bworth\s+(?:signing|taking)\b)",
    re.IGNORECASE,
)
_CMP_RE = re.compile(
    r"(?P<at_most>\bat\s+most\b|\bat\s+or\s+(?:below|under)\b|\bor\s+(?:less|lower|below|under)\b"
    r"|≤|<=|\bno\s+more\s+than\b|\bup\s+to\b)"
    r"|(?P<at_least>\bat\s+least\b|\bat\s+or\s+above\b|\bor\s+(?:better|more|higher|above|over)\b"
    r"|≥|>=|\bno\s+less\s+than\b|\bnot\s+less\s+than\b|\bminimum\s+of\b|\band\s+(?:up|above)\b)"
    r"|(?P<below>\bbelow\b|\bunder\b|\bless\s+than\b|\blower\s+than\b|\bshort\s+of\b|<|\bunless\b"
    r"|\b(?:can'?t|cannot|won'?t|doesn'?t|don'?t|do\s+not|does\s+not|fails?\s+to|unable\s+to|not)"
    r"\s+(?:reach|meet|hit|match|get\s+to|go\s+to|come\s+up\s+to)\b)"
    r"|(?P<above>\babove\b|\bover\b(?!\s+(?:\d+|a|one|two|three|four|five|six)[\s-]*(?:years?|yrs?|months?))"
    r"|\bexceed(?:s|ing)?\b|\bmore\s+than\b|\bgreater\s+than\b|\bhigher\s+than\b|\bbeats?\b"
    r"|\bnorth\s+of\b|>)",
    re.IGNORECASE,
)
_TOTAL_WORDS_RE = re.compile(
    r"\b(?:total|tc|package|all[\s-]in|overall|ctc|everything|in\s+all)\b", re.I
)
_PER_YEAR_RE = re.compile(
    r"\b(?:a|per|each)\s+year\b|\bper\s+annum\b|\bannual(?:ly)?\s+(?:rsus?|stock|equity|grants?|vest\w*)\b"
    r"|\b(?:rsus?|stock|equity|shares)\s+(?:per|a|each)\s+year\b|\byearly\s+(?:rsus?|stock|equity)\b",
    re.I,
)
_LABEL_RE = re.compile(r"^[\s>*_#-]*(?:\*\*|__)?(?P<label>[^:*]{1,40}?):(?:\*\*|__)?")
_BLANKS_RE = re.compile(r" {3,}")
HAS_CUE_RE = _CUE_RE  # for callers that only need to know whether a line could be a line


@dataclass
class _Group:
    start: int
    end: int = 0
    kind: ThresholdKind | None = None
    floor: bool = False
    figure: Figure | None = None
    extra: list[Figure] = field(default_factory=list)


@dataclass(frozen=True)
class Unread:
    """A sentence that reads like a line but gave no usable figure, for lint."""

    sentence: str
    reason: str


def find_lines(
    sentence: str,
    *,
    shown: str | None = None,
    default_kind: ThresholdKind | None = None,
    has_total: bool = True,
) -> tuple[list[Threshold], list[Unread], list[str]]:
    """The lines in one sentence (digits already normalised), what looked like a line but could
    not be read, and notes on what was assumed. ``shown`` is the sentence as written, the same
    length (quoted from it); ``default_kind`` is the kind a heading gave ("## Walk-away line");
    ``has_total`` says whether the guide gives total comp bands."""
    shown = sentence if shown is None or len(shown) != len(sentence) else shown
    cues = [
        (m.start(), m.end(), m.lastgroup or "")
        for m in _CUE_RE.finditer(sentence)
        if not _is_sign_on(sentence, m)
    ]
    if not cues and default_kind is None:
        return [], [], []
    figures = [f for f in extract_figures(sentence) if not f.negative and not f.shares]
    if not figures:
        if cues and any(c.isdigit() for c in sentence):
            return [], [Unread(_display(shown), "no amount Leverage can read")], []
        return [], [], []
    groups = list(_groups(sentence, cues, figures))
    bounds = _bounds(sentence, groups)
    found: list[Threshold] = []
    notes: list[str] = []
    previous: tuple[ThresholdKind, Comparison | None] | None = None
    for group, (lo, hi) in zip(groups, bounds, strict=True):
        kind = group.kind or (previous[0] if previous and group.figure else None) or default_kind
        if group.figure is None or kind is None:
            continue
        region = sentence[lo:hi]
        # Read again inside its own clause, so the next line's label is not taken for its own.
        figure = next(
            (f for f in extract_figures(region) if f.start == group.figure.start - lo),
            replace(group.figure, start=group.figure.start - lo, end=group.figure.end - lo),
        )
        comparison = _comparison(region, figure)
        if comparison is None and previous and group.kind is None:
            comparison = previous[1]
        previous = (kind, comparison)
        if comparison is None:
            comparison = (
                Comparison.BELOW if kind is ThresholdKind.WALK_AWAY else Comparison.AT_LEAST
            )
        component = figure.component
        if figure.is_pct and component is not Component.BONUS:
            continue
        if component is None or component is Component.RELOCATION:
            if _TOTAL_WORDS_RE.search(region):
                component = Component.TOTAL
            else:
                component = Component.TOTAL if has_total else Component.BASE
                notes.append(
                    f"'{_display(shown)}' names no pay component; read as {component.spoken}"
                )
        text = _display(shown) if len(groups) == 1 else _display(shown[lo:hi])
        yearly = figure.per == "year" or bool(_PER_YEAR_RE.search(region))
        found.append(
            Threshold(
                kind=kind,
                component=component,
                comparison=comparison,
                amount=figure.value,
                currency=None if figure.is_pct else figure.currency,
                sentence=text,
                is_pct=figure.is_pct,
                per_year=component is Component.STOCK and yearly,
            )
        )
    if cues and not found:
        reason = "its figure names no pay component Leverage can compare"
        return [], [Unread(_display(shown), reason)], notes
    return found, [], notes


def _is_sign_on(text: str, m: re.Match[str]) -> bool:
    """ "sign-on" and "signing" are pay, not a cue to sign."""
    return (
        m.lastgroup == "accept"
        and text[m.start() : m.start() + 4].lower() == "sign"
        and (text[m.end() : m.end() + 3].lower() in {"-on", " on", "ing"})
    )


def _groups(sentence: str, cues: list[tuple[int, int, str]], figures: list[Figure]) -> list[_Group]:
    """Cues and figures paired in reading order (see the module docstring)."""
    events: list[tuple[int, int, str | Figure]] = [(s, e, name) for s, e, name in cues]
    events += [(f.start, f.end, f) for f in figures]
    events.sort(key=lambda ev: ev[0])
    groups: list[_Group] = []
    current: _Group | None = None
    for n, (start, end, what) in enumerate(events):
        if current is None:
            current = _Group(start)
        if isinstance(what, str):
            kind = ThresholdKind.ACCEPT if what == "accept" else ThresholdKind.WALK_AWAY
            later = events[n + 1 :]
            forward = bool(later) and not isinstance(later[0][2], str)
            if current.figure is not None and (current.kind is not None or forward):
                groups.append(current)
                current = _Group(start)
            if current.kind is None:
                current.kind, current.floor = kind, what == "floor"
        else:
            if current.figure is not None:
                groups.append(current)
                current = _Group(start)
            current.figure = what
        current.end = end
    if current is not None:
        groups.append(current)
    return groups


_JOIN_RE = re.compile(r",|;|\s(?:or|and|but|while|whereas)\s")


def _bounds(sentence: str, groups: list[_Group]) -> list[tuple[int, int]]:
    """Each group's clause: up to the last joining word or comma before the next group."""
    cuts: list[tuple[int, int]] = []
    for here, after in itertools.pairwise(groups):
        joins = list(_JOIN_RE.finditer(sentence, here.end, after.start))
        cuts.append((joins[-1].start(), joins[-1].end()) if joins else (after.start, after.start))
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(sentence)]
    return list(zip(starts, ends, strict=True))


def _comparison(region: str, figure: Figure) -> Comparison | None:
    """The comparing phrase nearest the figure, one before it counting double-near."""
    if figure.plus:
        return Comparison.AT_LEAST
    best: tuple[int, Comparison] | None = None
    at, end = figure.start, figure.end
    for m in _CMP_RE.finditer(region):
        if at <= m.start() < end:
            continue
        distance = at - m.end() if m.end() <= at else (m.start() - at) * 2 + 1
        if best is None or abs(distance) < best[0]:
            best = (abs(distance), Comparison(m.lastgroup or "above"))
    return best[1] if best else None


def _display(text: str) -> str:
    """The sentence as a person would quote it: no markdown marks, no label before it that
    is not itself part of the line ("**Negotiate Up Strategy:**"), no blanked quote."""
    text = text.strip()
    if (parts := _BLANKS_RE.split(text)) and len(parts) > 1:
        text = parts[-1]
    m = _LABEL_RE.match(text)
    if m and not _CUE_RE.search(m["label"]):
        text = text[m.end() :]
    text = text.replace("**", "").replace("__", "")
    return text.strip(" >*_-–—:;,").rstrip(".").strip()


# -- lines in the frontmatter ---------------------------------------------------------------

# Frontmatter keys that state a line, with the cue a bare value under them needs.
THRESHOLD_KEYS = (
    ("threshold", ""),
    ("thresholds", ""),
    ("lines", ""),
    ("walk_away", "Walk away: "),
    ("walk_away_below", "Walk away below "),
    ("floor", "Floor: "),
    ("minimum", "Floor: "),
    ("accept", "Accept: "),
    ("accept_above", "Accept above "),
    ("accept_if", "Accept if "),
)


_KIND_CUES = {
    "walk": "Walk away: ",
    "walk_away": "Walk away: ",
    "walk_away_below": "Walk away below ",
    "floor": "Floor: ",
    "min": "Floor: ",
    "minimum": "Floor: ",
    "red_line": "Walk away: ",
    "accept": "Accept: ",
    "accept_above": "Accept above ",
    "accept_if": "Accept if ",
    "accept_at": "Accept: ",
}
# "walk_away_base: 160000", "accept_total_comp: 300000": a kind and a component in one key.
_COMPOUND_KEY_RE = re.compile(
    rf"^(?P<kind>{'|'.join(sorted(_KIND_CUES, key=len, reverse=True))})_(?P<rest>.+)$"
)
_STRUCTURE_KEYS = frozenset({"kind", "type", "amount", "value", "comparison", "component"})


def _component_of(key: str) -> Component | None:
    """The component a key names whole ("base", "total_comp", "rsus"), if it names one."""
    words = key.replace("_", " ").replace("-", " ").strip()
    found = find_labels(words)
    return found[0][0] if len(found) == 1 and found[0][1:] == (0, len(words)) else None


def line_key(key: str) -> tuple[str, Component | None] | None:
    """The cue a frontmatter key gives a line, and the component it names: ``walk_away``,
    ``floor`` ... and the compounds ``walk_away_base``, ``accept_total_comp``; None for a key
    that states no line."""
    cues = dict(THRESHOLD_KEYS)
    if key in cues:
        return cues[key], None
    m = _COMPOUND_KEY_RE.match(key)
    component = _component_of(m["rest"]) if m else None
    return (_KIND_CUES[m["kind"]], component) if m and component else None


_COMPARISON_WORDS = {
    "above": "above",
    "at_least": "at least",
    "below": "below",
    "at_most": "at most",
    ">": "above",
    ">=": "at least",
    "≥": "at least",
    "<": "below",
    "<=": "at most",
    "≤": "at most",
}


def frontmatter_lines(meta: Mapping[str, Any], warn: Callable[[str], None]) -> str | None:
    """The frontmatter's lines as sentences, one per text line. A value under a key that names
    its kind ("walk_away: $160K base") gets that cue; a key may name the component too
    ("walk_away_base: 160000"). A value may be a text, a list, a mapping of kind -> value or
    of component -> amount ({base: 160000}), or {kind, component, comparison, amount}."""
    parts: list[str] = []
    for key, value in meta.items():
        found = line_key(key)
        if found is not None and value is not None:
            cue, component = found
            parts += _sentences(value, cue, component, key, warn)
    return "\n".join(p for p in parts if p) or None


def _sentences(
    value: object, cue: str, component: Component | None, key: str, warn: Callable[[str], None]
) -> list[str]:
    if isinstance(value, list):
        return [s for v in value for s in _sentences(v, cue, component, key, warn)]
    if isinstance(value, Mapping):
        if _STRUCTURE_KEYS & {str(k) for k in value}:
            return [_structured_line(value, key, warn)]
        found: list[str] = []
        for k, v in value.items():
            name = str(k).casefold().replace(" ", "_").replace("-", "_")
            if name in _KIND_CUES:
                found += _sentences(v, _KIND_CUES[name], component, key, warn)
            elif (named := _component_of(name)) is not None:
                found += _sentences(v, cue, named, key, warn)
            else:
                warn(f"'{key}': {k!r} is neither a kind of line nor a pay component; ignored")
        return found
    found = []
    for text in strings_of(value):
        if component is not None and not find_labels(text):
            text = f"{text} {component.value.replace('_', ' ')}"  # noqa: PLW2901 - the key's component
        needs_cue = bool(cue) and not HAS_CUE_RE.search(text)
        if needs_cue and re.fullmatch(r"[\d.,_']+", text):
            warn(f"'{key}': {text} names no pay component; read as total comp")
            text = f"{text} total comp"  # noqa: PLW2901 - the bare figure, completed
        found.append(f"{cue}{text}" if needs_cue else text)
    return found


def _structured_line(item: Mapping[Any, Any], key: str, warn: Callable[[str], None]) -> str:
    """{kind: walk_away, component: base, amount: 175000} as the sentence it stands for."""
    kind = str(item.get("kind", item.get("type", "walk_away"))).casefold()
    walk = kind.startswith(("walk", "floor", "min"))
    comparison = str(item.get("comparison", "below" if walk else "at_least")).casefold()
    words = _COMPARISON_WORDS.get(comparison)
    amount = item.get("amount", item.get("value"))
    if words is None or amount is None:
        warn(f"'{key}': {dict(item)!r} is not a line Leverage can read (kind, component, amount)")
        return ""
    component = str(item.get("component", "total comp")).replace("_", " ")
    currency = str(item.get("currency") or "")
    per_year = " a year" if item.get("per_year") else ""
    cue = "Walk away if" if walk else "Accept if"
    return f"{cue} {component} is {words} {currency} {amount}{per_year}".replace("  ", " ")

"""The coaching half of a guide body: levers, the negotiate-up script and its figures, the
thresholds and the evidence, as values and as the reader that finds them.

Headings and bold lines are matched by meaning ("levers", "negotiate up", "evidence"), not by
their exact wording, because guides come from many authors. Every reader tolerates absence:
a guide without levers is still a guide. Parsed on first use (Guide.coaching): a bot serving
10k guides shows a few.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

from bot.prose.components import Component
from bot.prose.figures import extract_figures

_HEADING_RE = re.compile(r"^\s*(?:#{1,6}\s+.*|\*\*[^*]+\*\*:?\s*)$")
_LIST_ITEM_RE = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+(?P<item>.+)$")
_BOLD_TITLE_RE = re.compile(r"^\*\*(?P<title>[^*]+?)(?::\*\*|\*\*\s*[:\-–—]?)\s*(?P<rest>.*)$")
_QUOTE_RE = re.compile(r"[\"“](?P<q>[^\"”]{12,})[\"”]")
_THRESHOLD_WORDS = ("accept", "take it", "walk", "decline", "reject")
_LEVERS_RE = re.compile(r"\blevers?\b", re.IGNORECASE)
_PLURAL_LEVERS_RE = re.compile(r"\blevers\b", re.IGNORECASE)
_NEGOTIATE_UP_RE = re.compile(r"negotiate[\s-]*up", re.IGNORECASE)
_AFTER_LABEL_RE = re.compile(r"negotiate[\s-]*up[^:]{0,40}:\**\s*(?P<rest>.+)", re.IGNORECASE)
_EVIDENCE_RE = re.compile(r"evidence|sources|references", re.IGNORECASE)
_BELOW_RE = re.compile(r"below|under|less|<", re.IGNORECASE)
_THRESHOLD_RE = re.compile(
    r"\b(?P<kind>accept|take\s+it|walk\s+away|walk|decline|reject|don.?t\s+accept|do\s+not\s+accept)\b"
    r"[^.!?\n]*?"
    r"(?P<cmp>above|over|exceeds?|at\s+least|more\s+than|greater\s+than|>=?|below|under|less\s+than|<=?)"
    r"[^.!?\n]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Lever:
    title: str
    script: str


@dataclass(frozen=True)
class Target:
    """One figure of the negotiate-up ask, with where it sits in the script (to fill in later)."""

    component: Component
    amount: float
    currency: str | None  # None for percents
    is_pct: bool = False
    years: int | None = None
    start: int = 0
    end: int = 0


class Comparison(StrEnum):
    ABOVE = "above"
    BELOW = "below"


class ThresholdKind(StrEnum):
    ACCEPT = "accept"  # "Accept if above $265K RSUs"
    WALK_AWAY = "walk_away"  # "Walk away below $160K base"


@dataclass(frozen=True)
class Threshold:
    kind: ThresholdKind
    component: Component
    comparison: Comparison
    amount: float
    currency: str | None
    sentence: str
    is_pct: bool = False


@dataclass(frozen=True)
class Coaching:
    """The coaching half of a guide body: levers, the negotiate-up script and its figures,
    the thresholds and the evidence. Parsed on first use: a bot serving 10k guides shows a few."""

    levers: tuple[Lever, ...] = ()
    script: str | None = None
    targets: tuple[Target, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    evidence: tuple[str, ...] = ()


def parse_coaching(text: str, threshold_text: str | None, currency: str | None) -> Coaching:
    """Levers, script, targets, thresholds and evidence. Amounts written without a currency
    take ``currency`` (the guide's first region's)."""
    lines = text.split("\n")
    script, targets = _negotiate_up(lines)
    thresholds = find_thresholds(threshold_text) if threshold_text else []
    return Coaching(
        levers=_levers(lines),
        script=script,
        targets=tuple(_with_currency(t, currency) for t in targets),
        thresholds=tuple(_with_currency(t, currency) for t in thresholds or find_thresholds(text)),
        evidence=_evidence(lines),
    )


_T = TypeVar("_T", Target, Threshold)


def _with_currency(item: _T, currency: str | None) -> _T:
    if item.currency is None and not item.is_pct and currency is not None:
        return replace(item, currency=currency)
    return item


def _is_heading(line: str) -> bool:
    """A markdown heading, a bold line, or a short title line such as "Levers:"."""
    if _LIST_ITEM_RE.match(line):
        return False
    if _HEADING_RE.match(line):
        return True
    title = line.strip().rstrip(":")
    return (
        0 < len(title) <= 40
        and len(title.split()) <= 4
        and title[-1].isalnum()
        and title[0] not in "|>"
    )


def _levers(lines: list[str]) -> tuple[Lever, ...]:
    """List items under a "Levers" heading; or, under a "## Levers" heading, each deeper
    "### 1. Title" heading with the paragraph below it as the script."""
    levers: list[Lever] = []
    section: int | None = None  # markdown level of the current levers heading (7: bold/plain)
    plural = False  # "Levers", not "Core Lever": only then are deeper headings levers
    title: str | None = None  # a lever written as a sub-heading, collecting its paragraph
    script: list[str] = []

    def flush() -> None:
        if title:
            levers.append(Lever(title, _unquote(" ".join(script))))

    for line in lines:
        if _is_heading(line):
            level = _heading_level(line)
            if section is not None and plural and section < level <= 6:
                flush()
                title, script = _heading_text(line), []
                continue
            flush()
            title, script = None, []
            section = level if _LEVERS_RE.search(line) else None
            plural = bool(_PLURAL_LEVERS_RE.search(line))
            continue
        if section is None:
            continue
        if title is not None:
            if line.strip():
                script.append(line.strip().lstrip(">").strip())
            continue
        if m := _LIST_ITEM_RE.match(line):
            levers.append(_lever(m["item"]))
        elif line.strip().startswith(">"):
            section = None
    flush()
    return tuple(levers)


def _heading_level(line: str) -> int:
    """1-6 for markdown headings, 7 for bold or plain title lines."""
    stripped = line.lstrip()
    hashes = len(stripped) - len(stripped.lstrip("#"))
    return hashes if 1 <= hashes <= 6 and stripped[hashes : hashes + 1] == " " else 7


def _heading_text(line: str) -> str:
    """ "### 2. **Scope of the role:**" -> "Scope of the role"."""
    text = line.strip().lstrip("#").strip().strip("*").strip()
    text = re.sub(r"^\d+[.)]\s*", "", text)
    return text.strip("*: ").strip()


def _lever(item: str) -> Lever:
    item = item.strip()
    if m := _BOLD_TITLE_RE.match(item):
        title, rest = m["title"].strip().rstrip(":"), m["rest"].strip()
    elif ":" in item[:80]:
        title, rest = (part.strip() for part in item.split(":", 1))
    else:
        title, rest = item, ""
    return Lever(title=title.strip("* "), script=_unquote(rest))


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1].strip()
    return text


def _negotiate_up(lines: list[str]) -> tuple[str | None, tuple[Target, ...]]:
    for i, line in enumerate(lines):
        if not _NEGOTIATE_UP_RE.search(line):
            continue
        # The script is the first quotation in this paragraph (it may span blockquote lines).
        paragraph = [line]
        for following in lines[i + 1 :]:
            if not following.strip() or _is_heading(following):
                break
            paragraph.append(following)
        text = " ".join(p.strip().lstrip(">").strip() for p in paragraph)
        m = _QUOTE_RE.search(text)
        script = m["q"].strip() if m else _unquoted_script(text)
        if not script:
            continue
        return script, tuple(_targets(script))
    return None, ()


def _unquoted_script(text: str) -> str | None:
    """ "**Negotiate Up:** I'd like a $195K base ... Walk away below $170K." without quotes: the
    text after the label, less the threshold sentence."""
    m = _AFTER_LABEL_RE.search(text)
    if not m:
        return None
    sentences = re.split(r"(?<=[.!?])\s+", m["rest"].strip().strip("*").strip())
    kept = [s for s in sentences if s and not _THRESHOLD_RE.search(s)]
    return " ".join(kept).strip() or None


def _targets(script: str) -> list[Target]:
    targets: list[Target] = []
    seen: set[Component] = set()
    for f in extract_figures(script):
        if f.component is None or f.plus or f.component in seen or f.negative:
            continue
        seen.add(f.component)
        targets.append(
            Target(
                component=f.component,
                amount=f.value,
                currency=None if f.is_pct else f.currency,
                is_pct=f.is_pct,
                years=f.years,
                start=f.start,
                end=f.start + len(f.text.rstrip()),
            )
        )
    return targets


def find_thresholds(text: str) -> list[Threshold]:
    """Sentences such as "Accept if above $265K RSUs" or "Walk away below $160K base"."""
    found: list[Threshold] = []
    lowered = text.lower()
    if not any(word in lowered for word in _THRESHOLD_WORDS):
        return found  # the regex below is the slowest part of loading a guide
    for m in _THRESHOLD_RE.finditer(text):
        sentence = m.group(0).strip().rstrip(".").strip("*_ ")
        figures = [f for f in extract_figures(sentence) if not f.negative]
        if not figures:
            continue
        figure = figures[0]
        component = figure.component or _component_from_words(sentence)
        if component is None:
            continue
        kind_word = m["kind"].lower()
        walk = kind_word.startswith(("walk", "decline", "reject", "don", "do "))
        comparison = Comparison.BELOW if _BELOW_RE.match(m["cmp"]) else Comparison.ABOVE
        found.append(
            Threshold(
                kind=ThresholdKind.WALK_AWAY if walk else ThresholdKind.ACCEPT,
                component=component,
                comparison=comparison,
                amount=figure.value,
                currency=None if figure.is_pct else figure.currency,
                sentence=sentence,
                is_pct=figure.is_pct,
            )
        )
    return found


def _component_from_words(sentence: str) -> Component | None:
    lowered = sentence.lower()
    if "total" in lowered or "tc" in lowered.split():
        return Component.TOTAL
    return None


def _evidence(lines: list[str]) -> tuple[str, ...]:
    items: list[str] = []
    in_section = False
    for line in lines:
        if _is_heading(line):
            in_section = bool(_EVIDENCE_RE.search(line))
            continue
        if in_section and (m := _LIST_ITEM_RE.match(line)):
            item = m["item"].strip()
            if item.startswith("[") and item.endswith("]"):
                item = item[1:-1]
            items.append(item.strip())
    return tuple(items)

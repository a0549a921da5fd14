"""The reader of a guide body's coaching half: levers, the negotiate-up script and its figures,
the accept and walk-away lines and the evidence (the values are in bot.guides.advice).

The body is read as blocks (headings, list items, paragraphs, quotes, tables) inside sections
told apart by meaning (bot.guides.sections), because guides come from many authors. Every
reader tolerates absence: a guide without levers is still a guide. What looks meant but cannot
be read becomes a problem naming its line, for lint. Parsed on first use (Guide.coaching): a
bot serving 100k guides shows a few.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from bot.guides.advice import Coaching, Lever, Target, Threshold, ThresholdKind
from bot.guides.blocks import SENTENCE_END_RE, Block, blocks_of, placed
from bot.guides.lines import find_lines
from bot.guides.script import negotiate_up, targets_of
from bot.guides.sections import (
    Heading,
    Kind,
    blank_quotes,
    clean_title,
    unquote,
)
from bot.guides.values import normalise_digits

_BOLD_TITLE_RE = re.compile(r"^\*\*(?P<title>[^*]+?)(?::\*\*|\*\*\s*[:\-–—]?)\s*(?P<rest>.*)$")
_DASH_RE = re.compile(r"\s[—–\-→⇒➜➔]\s")
_SCRIPT_HEADER_RE = re.compile(r"script|\bsay\b|wording|\bquote|\bline\b|\bask\b", re.I)
_NUMBER_CELL_RE = re.compile(r"^#?\d{1,2}[.)]?$")
_ACCEPT_HEADING_RE = re.compile(r"\baccept|\bsign|\bgreen|\byes\b", re.IGNORECASE)


def read_coaching(
    text: str,
    threshold_text: str | None,
    currency: str | None,
    *,
    stock_years: int = 4,
    has_total: bool = True,
    first_line: int = 1,
) -> Coaching:
    """Levers, script, targets, thresholds and evidence. Amounts written without a currency
    take ``currency`` (the guide's first region's); a yearly stock figure in the script is a
    grant over ``stock_years``. ``first_line`` is the body's first line in the file."""
    blocks = blocks_of(text.split("\n"))
    problems: list[str] = []
    levers, evidence = _levers_and_evidence(blocks, problems, first_line)
    script, script_block = negotiate_up(blocks)
    targets, unlabelled = targets_of(script, stock_years) if script else ([], [])
    if script_block is not None and script and not targets:
        problems.append(
            f"line {script_block + first_line}: negotiate-up script has no figure Leverage can read"
        )
    elif script_block is not None:
        problems += [
            f"line {script_block + first_line}: negotiate-up figure '{figure}' names no pay "
            "component (base, stock, bonus, signing, total comp); not a target"
            for figure in unlabelled
        ]
    for block in blocks:
        if script is None and block.heading is not None and block.heading.kind is Kind.NEGOTIATE:
            problems.append(
                f"line {block.line + first_line}: '{block.heading.text}' has no script Leverage "
                "can read (a quote, a paragraph or a list of asks under it)"
            )
            break
    thresholds: list[Threshold] = []
    if threshold_text:
        for part in threshold_text.split("\n"):
            said = len(problems)
            read = _read_lines(part, None, has_total, problems, "frontmatter")
            if not read and len(problems) == said:  # every frontmatter line is meant as one
                problems.append(
                    f"frontmatter: '{part}' is not a line Leverage can read (a kind such as "
                    "walk away or accept, an amount and a pay component)"
                )
            thresholds += read
    for block, default in _line_blocks(blocks):
        where = f"line {block.line + first_line}"
        thresholds += _read_lines(block.text, default, has_total, problems, where)
    return Coaching(
        levers=tuple(levers),
        script=script,
        targets=tuple(_with_currency(t, currency) for t in targets),
        thresholds=tuple(_with_currency(t, currency) for t in _distinct(thresholds)),
        evidence=tuple(evidence),
        problems=tuple(problems),
    )


_T = TypeVar("_T", Target, Threshold)


def _with_currency(item: _T, currency: str | None) -> _T:
    if item.currency is None and not item.is_pct and currency is not None:
        return replace(item, currency=currency)
    return item


def _distinct(found: list[Threshold]) -> list[Threshold]:
    seen: set[tuple[object, ...]] = set()
    kept = []
    for t in found:
        key = (t.kind, t.component, t.amount, t.per_year)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


# -- levers and evidence ------------------------------------------------------------------


def _levers_and_evidence(
    blocks: list[Block], problems: list[str], first_line: int
) -> tuple[list[Lever], list[str]]:
    """Levers in document order (list items, bold-titled paragraphs, table rows, or one
    sub-heading per lever with its paragraphs) and the evidence list."""
    found: list[tuple[int, Lever | Heading]] = []
    evidence: list[str] = []
    scripts: dict[int, list[str]] = {}  # id of a lever heading -> its paragraphs
    sections: dict[int, tuple[Heading, int]] = {}  # id of a levers heading -> (it, its line)
    counts: dict[int, int] = {}
    header: list[str] = []  # the lever table's header, once seen
    for block, section, lever in placed(blocks):
        h = block.heading
        if h is not None:
            if h.kind is Kind.LEVERS and section is h and h.lever is None:
                sections[id(h)] = (h, block.line)
                counts.setdefault(id(h), 0)
            if lever is not None and h is lever:
                scripts[id(lever)] = []
                found.append((block.line, lever))
                if section is not None:
                    counts[id(section)] = counts.get(id(section), 0) + 1
            continue
        if section is None:
            continue
        if section.kind is Kind.EVIDENCE and block.kind == "item":
            item = block.text.strip()
            evidence.append(
                item[1:-1].strip() if item.startswith("[") and item.endswith("]") else item
            )
        if section.kind is not Kind.LEVERS:
            continue
        if lever is not None:
            if block.kind in ("para", "quote", "item"):
                scripts[id(lever)].append(block.text)
            continue
        one: Lever | None = None
        if block.kind == "item" or (block.kind == "para" and _BOLD_TITLE_RE.match(block.text)):
            one = _lever(block.text)
        elif block.kind == "table_header":
            header = _cells(block.text)
        elif block.kind == "table":
            cells = _cells(block.text)
            if len(cells) >= 3 and _NUMBER_CELL_RE.match(cells[0]):
                cells = cells[1:]  # | 1 | Offers | Bring it |: the rank is no title
                header = header[1:] if len(header) == len(cells) + 1 else header
            if len(cells) >= 2 and cells[0]:
                one = Lever(cells[0].strip("*_ "), unquote(cells[_script_column(header, cells)]))
        if one is not None:
            found.append((block.line, one))
            counts[id(section)] = counts.get(id(section), 0) + 1
    for key, count in counts.items():
        heading, line = sections.get(key, (None, 0))
        if count == 0 and heading is not None and heading.plural:
            problems.append(
                f"line {line + first_line}: '{heading.text}' has no lever Leverage can read "
                "(numbered or bulleted items, or one sub-heading per lever)"
            )
    levers = [
        item
        if isinstance(item, Lever)
        else Lever(item.lever or item.text, unquote(" ".join(scripts[id(item)])))
        for _, item in sorted(found, key=lambda pair: pair[0])
    ]
    return levers, evidence


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _script_column(header: list[str], cells: list[str]) -> int:
    """Which cell of a lever table's row is the script: the column headed as one ("Script",
    "What to say"), else the first quoted cell, else the one after the title."""
    for i, name in enumerate(header[1 : len(cells)], 1):
        if _SCRIPT_HEADER_RE.search(name):
            return i
    return next((i for i, c in enumerate(cells[1:], 1) if c[:1] in '"“'), 1)


def _lever(item: str) -> Lever:
    item = item.strip()
    if m := _BOLD_TITLE_RE.match(item):
        title, rest = m["title"].strip().rstrip(":"), m["rest"].strip()
    elif ":" in item[:80] and not item.startswith(('"', "“")):
        title, rest = (part.strip() for part in item.split(":", 1))
    elif (dash := _DASH_RE.search(item[:80])) is not None:
        title, rest = item[: dash.start()].strip(), item[dash.end() :].strip()
    else:
        title, rest = item, ""
    return Lever(title=clean_title(title).rstrip("."), script=unquote(rest.lstrip("-–—: ")))


# -- lines ----------------------------------------------------------------------------------


def _line_blocks(blocks: list[Block]) -> list[tuple[Block, ThresholdKind | None]]:
    """The blocks that may state a line, each with the kind its section heading implies."""
    found = []
    for block, section, lever in placed(blocks):
        if block.kind in ("heading", "table") or lever is not None:
            continue
        kind = section.kind if section is not None else None
        if kind is Kind.EVIDENCE or (kind is Kind.LEVERS and block.kind == "item"):
            continue
        default = None
        if kind is Kind.THRESHOLD and section is not None:
            accept = _ACCEPT_HEADING_RE.search(section.text) and "walk" not in section.text.lower()
            default = ThresholdKind.ACCEPT if accept else ThresholdKind.WALK_AWAY
        found.append((block, default))
    return found


def _read_lines(
    text: str, default: ThresholdKind | None, has_total: bool, problems: list[str], where: str
) -> list[Threshold]:
    shown = blank_quotes(text)
    scanned = blank_quotes(normalise_digits(text))
    found: list[Threshold] = []
    bounds = [0]
    for m in SENTENCE_END_RE.finditer(scanned):
        bounds += [m.start(), m.end()]
    bounds.append(len(scanned))
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        lines, unread, notes = find_lines(
            scanned[start:end], shown=shown[start:end], default_kind=default, has_total=has_total
        )
        found += lines
        problems += [f"{where}: {note}" for note in notes]
        problems += [
            f"{where}: '{u.sentence}' reads like an accept or walk-away line, but {u.reason}"
            for u in unread
        ]
    return found

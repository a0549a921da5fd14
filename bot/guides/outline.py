"""What loading needs from a guide body: the region table and two labelled lines.

Read at load for every guide (the table fills bands the frontmatter lacks); the coaching half
of the body (levers, script, thresholds) is read on first use, by bot.guides.coaching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.guides.values import says_yearly

_REGION_HEADER_RE = re.compile(r"\b(?:region|location|city|market|office)s?\b", re.IGNORECASE)
_YEARS_IN_HEADER_RE = re.compile(r"(\d+)\s*-?\s*(?:y|yr|yrs|year|years)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TableRow:
    region: str
    cells: dict[str, str]  # "base" | "stock" | "bonus" | "total" -> cell text
    stock_per_year: bool = False  # the stock column says it is yearly ("Equity/yr")


@dataclass(frozen=True)
class Outline:
    """What loading needs from the body: the region table and two labelled lines."""

    rows: tuple[TableRow, ...]
    stock_years: int | None
    summary: str | None
    level_mapping: str | None
    last_updated: str | None = None  # "**Last updated:** 2026-02-23" in the body
    next_review: str | None = None


def parse_outline(text: str) -> Outline:
    lines = text.split("\n")
    rows, years = _region_table(lines)
    return Outline(
        rows=rows,
        stock_years=years,
        summary=_bold_field(lines, r"negotiation\s+dna|summary"),
        level_mapping=_bold_field(lines, r"level\s+mapping"),
        last_updated=_bold_field(lines, r"last\s+updated|updated"),
        next_review=_bold_field(lines, r"next\s+review(?:\s+due)?|review\s+by"),
    )


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _region_table(lines: list[str]) -> tuple[tuple[TableRow, ...], int | None]:
    for i, line in enumerate(lines):
        if not line.lstrip().startswith("|") or not _REGION_HEADER_RE.search(line):
            continue
        header = [c.lower() for c in _cells(line)]
        columns: dict[int, str] = {}
        years = None
        yearly = False
        for j, name in enumerate(header):
            for key, words in (
                ("total", ("total",)),
                ("stock", ("stock", "rsu", "equity")),
                ("bonus", ("bonus",)),
                ("base", ("base", "salary")),
            ):
                if (
                    any(w in name for w in words)
                    and j not in columns
                    and key not in columns.values()
                ):
                    columns[j] = key
                    if key == "stock" and (m := _YEARS_IN_HEADER_RE.search(name)):
                        years = int(m[1])
                    yearly = yearly or (key == "stock" and says_yearly(name))
        rows = []
        for row_line in lines[i + 1 :]:
            if not row_line.lstrip().startswith("|"):
                break
            cells = _cells(row_line)
            if not cells or set(cells[0]) <= set("-: "):
                continue
            cols = {columns[j]: c for j, c in enumerate(cells) if j in columns}
            rows.append(TableRow(cells[0], cols, yearly))
        return tuple(rows), years
    return (), None


def _bold_field(lines: list[str], name: str) -> str | None:
    """The text after "**Name:**" on its own line."""
    pattern = re.compile(rf"^\s*\*\*(?:{name})\s*:?\*\*\s*:?\s*(?P<v>\S.*)$", re.IGNORECASE)
    for line in lines:
        if m := pattern.match(line):
            return m["v"].strip()
    return None

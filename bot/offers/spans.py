"""Span helpers shared by the reader's stages: sorted spans with bisection, and brackets.

Every stage asks "what lies in this piece" or "what bracket holds this figure" once per
figure; answering by bisection or by one sweep keeps the whole reading linear in the paste.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_BRACKET_RE = re.compile(r"[()]")


class Spans:
    """Sorted, non-overlapping spans with look-ups by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start in [start, end)."""
        return self.spans[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def holds(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one span."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.spans[i][1]


def covered(size: int, spans: list[tuple[int, int]]) -> bytearray:
    """One byte per character: 1 where a span covers it (spans are short, so this is linear)."""
    out = bytearray(size + 1)
    for start, end in spans:
        out[start:end] = b"\x01" * (end - start)
    return out


def brackets(
    text: str, start: int, end: int, positions: list[int]
) -> tuple[dict[int, int], dict[int, int]]:
    """For each position of [start, end): the start of the innermost bracket holding it (-1:
    none), and the bracket opened last before it when no ")" came after that one (-1: none).
    One sweep over the brackets of the stretch."""
    scope: dict[int, int] = {}
    opening: dict[int, int] = {}
    events = [(m.start(), m.group(0)) for m in _BRACKET_RE.finditer(text, start, end)]
    depth: list[int] = []
    e = 0
    last = -1
    for position in sorted(set(positions)):
        while e < len(events) and events[e][0] < position:
            at, char = events[e]
            if char == "(":
                depth.append(at)
                last = at
            else:
                if depth:
                    depth.pop()
                last = -1
            e += 1
        scope[position] = depth[-1] if depth else -1
        opening[position] = last
    return scope, opening

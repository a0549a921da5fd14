"""Every regular expression of the offer reader, run over 16 KB of hostile text.

The reader's patterns are found by walking its modules (so a new one is audited without being
listed), then each is run with ``finditer`` over the whole of each hostile input: a pattern
that backtracks shows up as a run far slower than the others. ``finditer`` from every position
is harsher than most call sites, which match at one position; that is the point.

Run: python -m benchmarks.bench_regex [--limit-ms 20]
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Iterator
from types import ModuleType

from benchmarks.hostile import hostile_inputs
from bot.offers import (
    amounts,
    assign,
    build,
    layout,
    lexicon,
    marks,
    parse,
    ranges,
    rules,
    several,
    shorthand,
    spans,
    statements,
    stock,
    tokens,
)
from bot.offers.parse import MAX_CHARS
from bot.prose import components, figures, money, numbers, places, words

MODULES: tuple[ModuleType, ...] = (
    amounts, marks, ranges, tokens, lexicon, layout, assign, shorthand, several, rules, build, stock, parse,
    spans, statements, numbers, money, figures, components, places, words,
)  # fmt: skip


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{module.__name__.removeprefix('bot.')}.{name}", value
            elif isinstance(value, tuple) and value and isinstance(value[0], re.Pattern):
                for i, item in enumerate(value):
                    yield f"{module.__name__.removeprefix('bot.')}.{name}[{i}]", item


def _run(pattern: re.Pattern[str], text: str, repeat: int = 1) -> float:
    """Milliseconds for one ``finditer`` pass, the best of ``repeat`` (the machine is shared)."""
    subject = text.lower() if pattern.flags & re.IGNORECASE == 0 else text
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in pattern.finditer(subject):
            pass
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit-ms", type=float, default=20.0, help="report runs over this")
    args = parser.parse_args()
    quarter = hostile_inputs(MAX_CHARS // 4)
    inputs = hostile_inputs()
    runs: list[tuple[float, float, str, str]] = []
    count = 0
    for name, pattern in patterns():
        count += 1
        for label, text in inputs.items():
            elapsed = _run(pattern, text)
            if elapsed > 5:
                elapsed = _run(pattern, text, 3)
                small = _run(pattern, quarter[label], 3)
            else:
                small = elapsed / 4
            runs.append((elapsed, elapsed / max(small, 1e-3), name, label))
    runs.sort(reverse=True)
    print(f"{count} patterns x {len(inputs)} hostile inputs of {MAX_CHARS:,} characters")
    print("slowest runs (growth: time at 16 KB / time at 4 KB; linear is about 4):")
    for elapsed, growth, name, label in runs[:12]:
        print(f"  {elapsed:8.2f} ms  x{growth:5.1f}  {name:40s} {label}")
    over = [r for r in runs if r[0] > args.limit_ms]
    superlinear = [r for r in runs if r[0] > 5 and r[1] > 10]  # quadratic is about 16
    print(f"{len(over)} runs over {args.limit_ms:g} ms; {len(superlinear)} grow faster than linear")
    for elapsed, growth, name, label in superlinear[:10]:
        print(f"  superlinear: {elapsed:8.2f} ms  x{growth:5.1f}  {name} {label}")


if __name__ == "__main__":
    main()

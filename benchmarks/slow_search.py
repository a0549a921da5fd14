"""Search for slow inputs to the offer reader with hypothesis, and hold them to a time budget.

Hypothesis builds pastes up to the 16 KB cap from runs of the characters and words the
reader's patterns care about (digits, spaces, k, $, %, /, commas, dots, newlines, brackets,
bars, labels, markers, CJK units) and steers towards slow ones with ``target()`` on the time
each takes. The search fails, printing the slowest input it found (shrunk), when one goes over
the budget. This is a benchmark, not a unit test: timing belongs here, where the machine's load
is part of the reading (run it on a quiet machine, or raise --budget-ms).

Run: python -m benchmarks.slow_search [--examples 300] [--budget-ms 100]
"""

from __future__ import annotations

import argparse
import contextlib
import time

from hypothesis import HealthCheck, Phase, given, settings, target
from hypothesis import strategies as st

from bot.errors import OfferError
from bot.offers import MAX_CHARS
from bot.offers.parse import parse_offers

UNITS = st.sampled_from(
    [
        "1", "12", "123", "1,000", "1.5", "1 ", " ", "k", "K", "$", "€", "₹", "%", "/", ",", ".",
        "\n", "(", ")", "|", "~", "-", "—", ":", "+", "x", "L", "LPA", "万", "円", "base ", "bonus ",
        "rsu ", "sign-on ", "no ", "none ", "up to ", "revised ", "current ", "vs ", "not sure ",
        "per year ", "/yr ", "/4 ", "over 4 years ", "cliff ", "vest ", "year 1 ", "13 ", "x 13 ",
        "a. ", "ca. ", "9:14\n", "| 1 | 2 |\n", "one ", "eighty ", "\u00a0", "\u200b",
    ]
)  # fmt: skip


def pastes() -> st.SearchStrategy[str]:
    """Pastes up to the size cap: a few units, each repeated many times, interleaved."""
    runs = st.tuples(UNITS, st.integers(1, 4000))
    return st.lists(runs, min_size=1, max_size=6).map(
        lambda parts: "".join(unit * count for unit, count in parts)[:MAX_CHARS]
    )


def elapsed_ms(text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(OfferError):
        parse_offers(text)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=300)
    parser.add_argument("--budget-ms", type=float, default=100.0)
    args = parser.parse_args()
    slowest: list[tuple[float, str]] = []

    @settings(
        max_examples=args.examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.target, Phase.shrink],
        database=None,
    )
    @given(pastes())
    def search(text: str) -> None:
        # best of two: one slow run on a shared machine is the neighbours, not the reader
        ms = min(elapsed_ms(text), elapsed_ms(text))
        target(ms, label="milliseconds")
        slowest.append((ms, text))
        assert ms <= args.budget_ms, f"{ms:.1f} ms for {text[:80]!r}... ({len(text)} characters)"

    try:
        search()
    finally:
        slowest.sort(reverse=True)
        print(f"{len(slowest)} inputs tried; the slowest:")
        for ms, text in slowest[:5]:
            print(f"  {ms:7.1f} ms  {len(text):6d} chars  {text[:60]!r}")


if __name__ == "__main__":
    main()

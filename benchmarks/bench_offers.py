"""Offer reading: accuracy on labelled corpora, and speed beside a naive baseline in the same run.

Speed, each against the baseline (one regex pulling out "123k"-style numbers: the floor any
reading of a paste pays) on the same text:
- typical pastes (under 1 KB, a dozen styles): parse, and parse + score, p50/p90/p99/max;
- a realistic 16 KB paste (an email thread at the size cap): parse + score;
- hostile 16 KB inputs (long runs of digits, spaces, k, $, %, /, commas, dots, newlines,
  brackets, bars and mixes with labels): the slowest, and how many go over the 100 ms budget.
The machine is shared, so each paste is timed ``--repeat`` times and its best time kept: the
percentiles are of the reader, not of the neighbours.

With --corpus PATH (any number) it first prints field accuracy overall, per field, per style
and the 10 worst cases for each corpus in ../shared/offers/dev.yaml's shape.

Run: python -m benchmarks.bench_offers [--corpus PATH ...] [--count 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import ROOT, percentile, summary
from benchmarks.hostile import hostile_inputs
from benchmarks.offer_accuracy import load, measure, report
from benchmarks.offer_inputs import long_paste, typical_pastes
from bot.errors import OfferError, ScoringError
from bot.guides import load_library
from bot.offers.parse import parse_offers
from bot.scoring import assess

NAIVE = re.compile(r"\$?\d[\d,.]*\s?[kKmM]?")
BUDGET_MS = 100.0  # no input up to the size cap may take longer


def best_times(fn: Callable[[str], object], texts: list[str], repeat: int) -> list[float]:
    """Seconds per text, the best of ``repeat`` runs of each."""
    out = []
    for text in texts:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            fn(text)
            best = min(best, time.perf_counter() - start)
        out.append(best)
    return out


def quiet(fn: Callable[[str], object]) -> Callable[[str], None]:
    def run(text: str) -> None:
        with contextlib.suppress(OfferError, ScoringError):  # answers, and part of the work
            fn(text)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    args = parser.parse_args()
    for corpus in args.corpus:
        print(f"accuracy on {corpus}")
        print(report(measure(load(corpus))))
        print()
    (guide,) = load_library(ROOT / "seeds").guides
    band = guide.band("San Francisco")
    assert band is not None

    def parse_and_score(text: str) -> None:
        assess(parse_offers(text).offer, guide, band)

    texts = typical_pastes(args.count)
    sizes = sorted(len(t) for t in texts)
    print(
        f"{len(texts):,} typical pastes ({sizes[0]}-{sizes[-1]} characters, "
        f"median {sizes[len(sizes) // 2]}), best of {args.repeat} per paste, one core"
    )
    naive = best_times(NAIVE.findall, texts, args.repeat)
    rows = [
        ("naive regex findall (baseline)", naive),
        ("parse_offers", best_times(quiet(parse_offers), texts, args.repeat)),
        ("parse_offers + assess", best_times(quiet(parse_and_score), texts, args.repeat)),
    ]
    for label, samples in rows:
        ratio = percentile(samples, 50) / percentile(naive, 50)
        print(f"  {label:32s} x{ratio:7.1f} of baseline (p50)  {summary(samples)}")

    long = long_paste()
    long_naive = best_times(NAIVE.findall, [long] * 5, args.repeat)
    long_parse = best_times(quiet(parse_and_score), [long] * 5, args.repeat)
    print(f"\na realistic {len(long):,}-character paste (an email thread), 5 runs")
    print(f"  {'naive regex findall (baseline)':32s} {summary(long_naive)}")
    print(f"  {'parse_offers + assess':32s} {summary(long_parse)}")

    hostile = hostile_inputs()
    labels = list(hostile)
    times = best_times(quiet(parse_and_score), list(hostile.values()), 2)
    ranked = sorted(zip(times, labels, strict=True), reverse=True)
    over = [label for t, label in ranked if t * 1000 > BUDGET_MS]
    print(f"\n{len(hostile)} hostile inputs of {len(next(iter(hostile.values()))):,} characters")
    print(f"  parse_offers + assess: slowest {ranked[0][0] * 1000:.1f} ms ({ranked[0][1]})")
    for t, label in ranked[1:6]:
        print(f"    {t * 1000:7.1f} ms  {label}")
    print(f"  over the {BUDGET_MS:.0f} ms budget: {len(over)} {over if over else ''}")


if __name__ == "__main__":
    main()

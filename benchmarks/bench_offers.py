"""Offer parse and score throughput on a few thousand generated pastes, beside a naive baseline
(one regex pulling out "123k"-style numbers: the floor any reading of a paste pays).

With --corpus PATH it first prints field accuracy (overall, per field, per style, the 10 worst
cases) on a labelled corpus in ../shared/offers/dev.yaml's shape.

Run: python -m benchmarks.bench_offers [--corpus PATH] [--count 3000]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import time
from pathlib import Path

from benchmarks.common import ROOT, summary
from benchmarks.offer_accuracy import load, measure, report
from bot.errors import OfferError
from bot.guides import load_library
from bot.offers.parse import parse_offers
from bot.scoring import assess

LAYOUTS = [
    "base {base}, {stock} RSUs over 4 years, {bonus}% bonus, {signing} signing",
    "Hi! Base salary: {base}\nRSUs: {stock} vesting 25/25/25/25, 1-year cliff\nTarget bonus: {bonus}%\nSign-on bonus: {signing}\nThanks, Recruiting",
    "{base} + {bonus}% + {stock}/4, no signing",
    "they came back with {base} base and {stock} in RSUs, {bonus}% target bonus, {signing} sign-on. thoughts??",
    "Original offer: {base} base, {bonus}% bonus. Revised: {base2} base, {bonus}% bonus, {stock} RSUs over 4 years, {signing} signing",
]
NAIVE = re.compile(r"\$?\d[\d,.]*\s?[kKmM]?")


def pastes(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        base = rng.randint(150, 260)
        out.append(
            rng.choice(LAYOUTS).format(
                base=f"${base}k",
                base2=f"${base + rng.randint(5, 20)}k",
                stock=f"${rng.randint(100, 400)}k",
                bonus=rng.randint(5, 20),
                signing=f"${rng.randint(10, 80)}k",
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, help="a labelled corpus (dev.yaml's shape)")
    args = parser.parse_args()
    if args.corpus:
        print(f"accuracy on {args.corpus}")
        print(report(measure(load(args.corpus))))
        print()
    texts = pastes(args.count)
    (guide,) = load_library(ROOT / "seeds").guides
    band = guide.band("San Francisco")
    assert band is not None

    def timed(fn) -> list[float]:  # type: ignore[no-untyped-def]
        samples = []
        for text in texts:
            t = time.perf_counter()
            fn(text)
            samples.append(time.perf_counter() - t)
        return samples

    naive = timed(NAIVE.findall)
    parsed = timed(parse_offers)

    def parse_and_score(text: str) -> None:
        with contextlib.suppress(OfferError):
            assess(parse_offers(text).offer, guide, band)

    scored = timed(parse_and_score)
    base = sum(naive)
    print(f"{len(texts):,} generated pastes ({len(LAYOUTS)} layouts), one core")
    for label, samples in (
        ("naive regex findall (baseline)", naive),
        ("parse_offers", parsed),
        ("parse_offers + assess", scored),
    ):
        total = sum(samples)
        print(
            f"  {label:32s} {len(samples) / total:9.0f}/s  x{total / base:6.1f} of baseline  {summary(samples)}"
        )


if __name__ == "__main__":
    main()

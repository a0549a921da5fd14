"""What watching the guides folder costs, and how soon an edit is served.

Per check of an unchanged folder, LiveCoach.check() against two baselines in the same run:
a bare os.walk + os.stat loop (the floor of any stat-based watch) and a naive reloader that
rebuilds library, index and Coach on every tick. Then one guide edited: the time from the
check that sees it to the new Coach being served. Run: python -m benchmarks.bench_reload
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.common import corpus, summary
from bot.coach import Coach
from bot.guides import load_library
from bot.index import GuideIndex
from bot.live import LiveCoach


def stat_walk(folder: Path) -> int:
    seen = 0
    for root, _, files in os.walk(folder):
        for name in files:
            os.stat(os.path.join(root, name))
            seen += 1
    return seen


def times(n: int, call: object) -> list[float]:
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        call()  # type: ignore[operator]
        samples.append(time.perf_counter() - t)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--checks", type=int, default=30)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "leverage-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        one_size(size, args)


def one_size(size: int, args: argparse.Namespace) -> None:
    source = corpus(args.work, size)
    cache = args.work / f"reload-cache-{size}"
    load_library(source, cache)  # warm the cache, as a running bot's is
    live = LiveCoach(source, cache, full_every=10**9)
    old = time.time() - 60  # files older than the racy window, as deployed guides are
    for path in source.glob("*.md"):
        os.utime(path, (old, old))
    live.check()  # settle the snapshot after the utime

    def naive() -> None:
        Coach(GuideIndex(load_library(source, cache).guides))

    rows = {
        "os.walk + stat (floor)": times(args.checks, lambda: stat_walk(source)),
        "LiveCoach.check, nothing changed": times(args.checks, live.check),
        "naive: rebuild every tick": times(max(3, args.checks // 10), naive),
    }
    full = LiveCoach(source, cache, full_every=1)
    rows["LiveCoach.check, full hash sweep"] = times(max(3, args.checks // 5), full.check)

    target = sorted(source.glob("*.md"))[size // 2]
    original = target.read_text(encoding="utf-8")
    served = []
    for i in range(args.edits):
        target.write_text(original + f"\n<!-- edit {i} -->\n", encoding="utf-8")
        t = time.perf_counter()
        assert live.check()
        served.append(time.perf_counter() - t)
    target.write_text(original, encoding="utf-8")
    live.check()
    rows["one edit: seen to served"] = served

    floor = sorted(rows["os.walk + stat (floor)"])[len(rows["os.walk + stat (floor)"]) // 2]
    print(f"\n{size:,} guides")
    for label, samples in rows.items():
        p50 = sorted(samples)[len(samples) // 2]
        print(f"  {label:36s} {summary(samples)}  x{p50 / floor:6.1f} of the floor")


if __name__ == "__main__":
    main()

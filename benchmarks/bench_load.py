"""Startup at scale: load 1k and 10k synthetic guides, cold and warm, against a plain
``frontmatter.load`` loop in the same run. Run: python -m benchmarks.bench_load [--sizes 1000 10000]

Each measurement runs in a fresh interpreter so resident memory is the loader's own.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.common import corpus, median, run_child, summary

BASELINE = """
import json, resource, sys, time
from pathlib import Path
import frontmatter
folder = Path(sys.argv[1])
t = time.perf_counter()
posts = [frontmatter.load(p) for p in sorted(folder.glob("*.md"))]
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "count": len(posts)}))
"""

LEVERAGE = """
import json, resource, sys, time
from pathlib import Path
from bot.guides import load_library
folder, cache = Path(sys.argv[1]), (Path(sys.argv[2]) if sys.argv[2] else None)
t = time.perf_counter()
library = load_library(folder, cache)
elapsed = time.perf_counter() - t
assert not library.errors, library.errors[:3]
print(json.dumps({"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "count": len(library.guides)}))
"""

PER_GUIDE = """
import gc, json, sys, time
from pathlib import Path
from bot.guides.load import parse_bytes
files = sorted(Path(sys.argv[1]).glob("*.md"))[:2000]
data = [(f.read_bytes(), str(f)) for f in files]
gc.disable()
samples = []
for blob, name in data:
    t = time.perf_counter(); parse_bytes(blob, name); samples.append(time.perf_counter() - t)
print(json.dumps({"samples": samples}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "leverage-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    print("Guide loading (fresh process per run; median of runs; RSS is peak resident memory)")
    for size in args.sizes:
        folder = corpus(args.work, size)
        base = [run_child(BASELINE, str(folder)) for _ in range(args.repeat)]
        cold = []
        warm = []
        for i in range(args.repeat):
            cache = args.work / f"cache-{size}-{i}"
            for stale in cache.glob("*"):
                stale.unlink()
            cold.append(run_child(LEVERAGE, str(folder), str(cache)))
            warm.append(run_child(LEVERAGE, str(folder), str(cache)))
        rows = [
            ("frontmatter.load loop (baseline)", base),
            ("leverage cold (no cache)", cold),
            ("leverage warm (cache, unchanged)", warm),
        ]
        b = median([r["seconds"] for r in base])
        print(f"\n{size:,} guides")
        for label, runs in rows:
            secs = median([r["seconds"] for r in runs])
            rss = median([r["rss_mb"] for r in runs])
            print(f"  {label:36s} {secs:7.2f} s  {rss:6.0f} MB  x{secs / b:5.2f} of baseline")

    folder = corpus(args.work, min(args.sizes))
    samples = run_child(PER_GUIDE, str(folder))["samples"]
    print(f"\nper-guide parse, one core: {summary(samples)}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

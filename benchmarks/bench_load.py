"""Startup at scale: load synthetic corpora (level ladders, sibling roles, near-neighbour names)
cold and warm, against a plain ``frontmatter.load`` loop in the same run; then whole
``python -m bot ask`` commands, warm, against a bare interpreter start.

Run: python -m benchmarks.bench_load [--sizes 10000 100000] [--repeat 3]

Each measurement runs in a fresh interpreter so time and resident memory are the loader's own.
"Leverage" loads what serving needs: the guides and the matching index (bot.index.store).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ROOT, corpus, median, run_child, summary, timed_command

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
t = time.perf_counter()
from pathlib import Path
from bot.index.store import load_index
folder, cache = Path(sys.argv[1]), (Path(sys.argv[2]) if sys.argv[2] else None)
library, index = load_index(folder, cache)
elapsed = time.perf_counter() - t
assert not library.errors, library.errors[:3]
decoded = sum(d is not None for d in getattr(library.lazy_guides, "_results")._done)
print(json.dumps({"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "count": len(library.guides), "decoded": decoded}))
"""

# The same measurement of another checkout (--before /work/main): its loader and index as they
# were, on the same corpus, in the same run.
BEFORE = """
import json, resource, sys, time
t = time.perf_counter()
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from bot.guides import load_library
from bot.index import GuideIndex
folder, cache = Path(sys.argv[1]), (Path(sys.argv[2]) if sys.argv[2] else None)
library = load_library(folder, cache)
index = GuideIndex(library.guides)
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "count": len(library.guides), "decoded": len(library.guides)}))
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

QUESTION = "what does {company} pay a {role} in {region}?"


def _question(folder: Path) -> str:
    guides = sorted(p for p in folder.iterdir() if p.suffix in {".md", ".txt"})
    first = guides[len(guides) // 2]
    text = first.read_text(encoding="utf-8")
    company = text.split("company_display: ", 1)[1].split("\n", 1)[0]
    role = text.split("role_display: ", 1)[1].split("\n", 1)[0]
    region = text.split("  - region: ", 1)[1].split("\n", 1)[0]
    return QUESTION.format(company=company, role=role, region=region)


def _ask(folder: Path, cache: Path, repeat: int) -> tuple[list[float], list[float]]:
    """`python -m bot ask` warm (its cache written by a first run) and a bare interpreter."""
    env = {**os.environ, "GUIDES_DIR": str(folder), "LEVERAGE_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-m", "bot", "ask", _question(folder)]
    timed_command(argv, env, 1)  # writes the cache
    return timed_command(argv, env, repeat), timed_command(
        [sys.executable, "-c", "pass"], env, repeat
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "leverage-bench")
    parser.add_argument(
        "--before", type=Path, help="another checkout to measure beside this one (e.g. main)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    print("Guide loading (fresh process per run; median of runs; RSS is peak resident memory)")
    for size in args.sizes:
        folder = corpus(args.work, size)
        repeat = 1 if size > 20_000 else args.repeat
        base = [run_child(BASELINE, str(folder)) for _ in range(repeat)]
        cold, warm = [], []
        for i in range(repeat):
            cache = args.work / f"cache-{size}-{i}"
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run_child(LEVERAGE, str(folder), str(cache)))
            for _ in range(args.repeat):
                warm.append(run_child(LEVERAGE, str(folder), str(cache)))
        rows = [
            ("frontmatter.load loop (baseline)", base),
            ("leverage cold (guides + index, no cache)", cold),
            ("leverage warm (guides + index, cache)", warm),
        ]
        if args.before:
            before_cache = args.work / f"cache-before-{size}"
            shutil.rmtree(before_cache, ignore_errors=True)
            code = BEFORE
            before = [run_child(code, str(folder), str(before_cache), str(args.before))]
            rows.append((f"{args.before.name} cold", before))
            before = [run_child(code, str(folder), str(before_cache), str(args.before))]
            rows.append((f"{args.before.name} warm", before))
        b = median([r["seconds"] for r in base])
        print(f"\n{size:,} guides")
        for label, runs in rows:
            secs = [r["seconds"] for r in runs]
            rss = median([r["rss_mb"] for r in runs])
            print(
                f"  {label:42s} {median(secs):7.2f} s (range {min(secs):.2f}-{max(secs):.2f})"
                f"  {rss:6.0f} MB  x{median(secs) / b:5.2f} of baseline"
            )
        print(f"  guides decoded by a warm start: {max(r['decoded'] for r in warm)}")
        ask, bare = _ask(folder, args.work / f"cache-{size}-0", args.repeat * 2)
        print(f"  python -m bot ask, warm: {summary(ask)}")
        print(f"  python -c pass (floor):  {summary(bare)}")

    seeds = ROOT / "seeds"
    cache = args.work / "cache-seeds"
    shutil.rmtree(cache, ignore_errors=True)
    ask, bare = _ask(seeds, cache, args.repeat * 3)
    print(f"\nseeds/ python -m bot ask, warm: {summary(ask)}")
    print(f"seeds/ python -c pass (floor):  {summary(bare)}")

    folder = corpus(args.work, min(args.sizes))
    samples = run_child(PER_GUIDE, str(folder))["samples"]
    print(f"\nper-guide parse, one core: {summary(samples)}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

"""Small helpers shared by the benchmarks: percentiles, timing a child process, corpora."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from bot.synthetic import write_corpus

ROOT = Path(__file__).resolve().parent.parent


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(samples: list[float]) -> str:
    """p50/p90/p99/max in milliseconds, from samples in seconds."""
    ms = [s * 1000 for s in samples]
    return (
        f"p50 {percentile(ms, 50):7.3f} ms  p90 {percentile(ms, 90):7.3f} ms  "
        f"p99 {percentile(ms, 99):7.3f} ms  max {max(ms):7.3f} ms  (n={len(ms)})"
    )


def corpus(cache_root: Path, count: int, seed: int = 1) -> Path:
    """A synthetic corpus of ``count`` guides, written once and reused across runs."""
    folder = cache_root / f"corpus-v2-{count}-{seed}"  # v2: ladders, siblings, spellings
    marker = folder / ".complete"
    if not marker.exists():
        write_corpus(folder, count, seed)
        marker.write_text("ok")
    return folder


def run_child(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed_command(argv: list[str], env: dict[str, str], repeat: int) -> list[float]:
    """Wall-clock seconds of ``argv`` run ``repeat`` times (output discarded)."""
    import time

    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)
        samples.append(time.perf_counter() - t)
    return samples

"""Request to response over loopback, one client: signed /comp commands and DM events against
Leverage with 10k generated guides, beside a bare Bolt app acking a fixed text (Bolt's default
runner and process_before_response=True) and beside the lookup alone, all in one run. Then
the acknowledgement of DM events while the Web API takes 2 s per call, beside a bare Bolt app
that posts inside its listener (Leverage's design before issue 11).

Run: python -m benchmarks.bench_slack [--guides 10000] [--requests 2000]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import ROOT, corpus, percentile, summary
from bot.coach import Coach
from bot.guides import load_library
from bot.index import GuideIndex
from bot.render.blocks import render_blocks
from bot.synthetic import generate_specs
from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN, FakeSlack

SLOW_API = 2.0  # seconds per Web API call in the acknowledgement run


@contextmanager
def running(command: list[str], port: int, env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{command} did not start") from None
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=15)


def event_body(text: str, i: int) -> bytes:
    return rq.event_body(rq.dm(text), f"Ev{i}-{time.time()}")


def measure(port: int, bodies: list[tuple[bytes, str]], warm: bool = True) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    samples = []
    for body, content_type in bodies:
        headers = rq.signed_headers(body, content_type)
        t = time.perf_counter()
        connection.request("POST", "/slack/events", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        samples.append(time.perf_counter() - t)
        assert response.status == 200, response.status
    connection.close()
    return samples[len(samples) // 10 :] if warm else samples  # the first tenth warms up


def leverage(port: int, folder: Path) -> list[str]:
    serve = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"]
    return [*serve, "--port", str(port), "--guides", str(folder)]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guides", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "leverage-bench")
    args = parser.parse_args()
    folder = corpus(args.work, args.guides)
    cache = args.work / "slack-cache"
    library = load_library(folder, cache)  # also warms the cache the server will read
    specs = generate_specs(args.guides)
    rng = random.Random(3)
    queries = [
        f"{s.company} {s.role} {rng.choice(s.regions)[0]}".lower()
        for s in rng.choices(specs, k=args.requests)
    ]

    fake = FakeSlack().start()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(args.work),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": rq.SECRET,
        "SLACK_API_URL": fake.api_url,
        "LEVERAGE_CACHE_DIR": str(cache),
    }
    response_url = fake.response_url("1")
    commands = [(rq.command_body("/comp", q, response_url=response_url), rq.FORM) for q in queries]
    events = [
        (event_body(f"what does {q} pay?", i), rq.JSON)
        for i, q in enumerate(queries[: args.requests // 4])
    ]
    slow_events = [
        (event_body(f"what does {q} pay?", i), rq.JSON) for i, q in enumerate(queries[:200])
    ]
    results: dict[str, list[float]] = {}
    port = free_port()
    with running(
        [sys.executable, "-m", "benchmarks.bare_app", str(port), "--default-runner"], port, env
    ):
        results["bare Bolt, default runner, /comp ack"] = measure(
            port, commands[: len(commands) // 4]
        )
    port = free_port()
    with running([sys.executable, "-m", "benchmarks.bare_app", str(port)], port, env):
        results["bare Bolt, process_before_response, /comp ack"] = measure(port, commands)
    port = free_port()
    with running(leverage(port, folder), port, env):
        results[f"leverage /comp, {args.guides:,} guides"] = measure(port, commands)
        results[f"leverage DM event, {args.guides:,} guides"] = measure(port, events)
    slow: dict[str, list[float]] = {}
    port = free_port()
    with running(leverage(port, folder), port, env):
        fake.slow("*", SLOW_API)
        slow["leverage DM event ack"] = measure(port, slow_events, warm=False)
        fake.clear()
    port = free_port()
    bare_post = [sys.executable, "-m", "benchmarks.bare_app", str(port), "--post-in-listener"]
    with running(bare_post, port, env):
        fake.slow("*", SLOW_API)
        slow["bare Bolt posting in its listener"] = measure(port, slow_events[:10], warm=False)
        fake.clear()
    fake.stop()

    index = GuideIndex(library.guides)
    coach = Coach(index)
    lookup, answer = [], []
    for q in queries:
        t = time.perf_counter()
        index.lookup(q)
        lookup.append(time.perf_counter() - t)
        t = time.perf_counter()
        render_blocks(coach.comp(q).reply, share=True)
        answer.append(time.perf_counter() - t)
    results["lookup alone (in process)"] = lookup
    results["coach.comp + render_blocks (in process)"] = answer

    print(f"Request to response over loopback, {len(queries):,} /comp queries, one client")
    for label, samples in results.items():
        print(f"  {label:48s} {summary(samples)}")
    bare = results["bare Bolt, process_before_response, /comp ack"]
    ours = results[f"leverage /comp, {args.guides:,} guides"]
    added = percentile(ours, 50) - percentile(bare, 50) - percentile(lookup, 50)
    print(f"\nDM event acknowledged while the Web API takes {SLOW_API:.0f} s per call, one client")
    for label, samples in slow.items():
        print(f"  {label:48s} {summary(samples)}")
    print(
        f"\nLeverage /comp p99 {percentile(ours, 99) * 1000:.2f} ms; beyond a bare Bolt ack and the lookup, "
        f"Leverage adds {added * 1000:.2f} ms at p50 "
        f"(p50s: leverage {percentile(ours, 50) * 1000:.2f}, bare {percentile(bare, 50) * 1000:.2f}, "
        f"lookup {percentile(lookup, 50) * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()

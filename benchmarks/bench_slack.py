"""Request to response over loopback: signed /comp commands and DM events against Leverage with
10k generated guides, beside a bare Bolt app acking a fixed text (Bolt's default runner and
process_before_response=True) and beside the lookup alone, all in one run.

Run: python -m benchmarks.bench_slack [--guides 10000] [--requests 2000]
"""

from __future__ import annotations

import argparse
import http.client
import json
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
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from benchmarks.common import ROOT, corpus, percentile, summary
from bot.coach import Coach
from bot.guides import load_library
from bot.index import GuideIndex
from bot.render.blocks import render_blocks
from bot.synthetic import generate_specs
from tests.slack.slack_fake import FakeSlack

SECRET = "bench-secret"


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


def signed(body: bytes) -> dict[str, str]:
    ts = str(int(time.time()))
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body),
    }


def command_body(text: str, fake: FakeSlack) -> bytes:
    return urlencode(
        {
            "command": "/comp",
            "text": text,
            "team_id": "T1",
            "user_id": "U1",
            "channel_id": "C1",
            "response_url": f"{fake.url}/response/1",
            "trigger_id": "1",
            "api_app_id": "A1",
        }
    ).encode()


def event_body(text: str, i: int) -> bytes:
    return json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "event_id": f"Ev{i}-{time.time()}",
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": "D1",
                "user": "U1",
                "text": text,
                "ts": "1.1",
            },
        }
    ).encode()


def measure(port: int, bodies: list[tuple[bytes, str]]) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    samples = []
    for body, content_type in bodies:
        headers = {"Content-Type": content_type, **signed(body)}
        t = time.perf_counter()
        connection.request("POST", "/slack/events", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        samples.append(time.perf_counter() - t)
        assert response.status == 200, response.status
    connection.close()
    return samples[len(samples) // 10 :]  # the first tenth warms up


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
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "LEVERAGE_CACHE_DIR": str(cache),
    }
    commands = [(command_body(q, fake), "application/x-www-form-urlencoded") for q in queries]
    events = [
        (event_body(f"what does {q} pay?", i), "application/json")
        for i, q in enumerate(queries[: args.requests // 4])
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
    server = [
        sys.executable,
        "-m",
        "bot",
        "serve",
        "--http",
        "--port",
        str(port),
        "--guides",
        str(folder),
    ]
    with running(server, port, env):
        results[f"leverage /comp, {args.guides:,} guides"] = measure(port, commands)
        results[f"leverage DM event, {args.guides:,} guides"] = measure(port, events)
    fake.stop()

    index = GuideIndex(library.guides)
    coach = Coach(index)
    lookup, answer = [], []
    for q in queries:
        t = time.perf_counter()
        index.lookup(q)
        lookup.append(time.perf_counter() - t)
        t = time.perf_counter()
        render_blocks(coach.comp(q).reply, share=f"/comp {q}")
        answer.append(time.perf_counter() - t)
    results["lookup alone (in process)"] = lookup
    results["coach.comp + render_blocks (in process)"] = answer

    print(f"Request to response over loopback, {len(queries):,} /comp queries, one client")
    for label, samples in results.items():
        print(f"  {label:48s} {summary(samples)}")
    bare = results["bare Bolt, process_before_response, /comp ack"]
    ours = results[f"leverage /comp, {args.guides:,} guides"]
    added = percentile(ours, 50) - percentile(bare, 50) - percentile(lookup, 50)
    print(
        f"\nLeverage /comp p99 {percentile(ours, 99) * 1000:.2f} ms; beyond a bare Bolt ack and the lookup, "
        f"Leverage adds {added * 1000:.2f} ms at p50 "
        f"(p50s: leverage {percentile(ours, 50) * 1000:.2f}, bare {percentile(bare, 50) * 1000:.2f}, "
        f"lookup {percentile(lookup, 50) * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()

"""Load over loopback: signed /comp commands and DM events against `serve --http`, from 1 to 64
concurrent clients (keep-alive connections, each sending as soon as its last answer came),
a few seconds per level, with the fake Web API in a process of its own.

1. A fast Web API: /comp alone, then DM events alone, at each level.
2. A Web API that takes 2 s per call: each client alternates a DM event and a /comp, at each
   level (a fresh server per level, since the work left queued would carry over), beside the
   baseline in the same run: a bare Bolt app that posts inside its listener, as Leverage did
   before issue 11, at a few levels.

Reported per level: throughput, p50 / p99 / max, 503s (events deferred to Slack's redelivery
when the work pool is full) and errors (anything else that is not a 200, and dropped
connections). A level passes when no command took 3 s and no event was acknowledged past
100 ms; one process is sized for the highest level that passes in both runs.

Run: python -m benchmarks.bench_slack_load [--guides 10000] [--seconds 4] [--levels 1 2 4 ...]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import ROOT, corpus, percentile
from bot.guides import load_library
from bot.synthetic import generate_specs
from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN

COMMAND_LIMIT = 3.0  # Slack's limit for answering a slash command
ACK_LIMIT = 0.1  # the limit for acknowledging an event
SLOW_API = 2.0

Request = tuple[str, bytes, str]  # kind ("comp" or "event"), body, content type


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    busy: int = 0  # 503: deferred to Slack's redelivery
    errors: int = 0

    def row(self, label: str, duration: float) -> str:
        if not self.seconds:
            return f"  {label:34s} no answers; {self.busy} × 503, {self.errors} errors"
        ms = [s * 1000 for s in self.seconds]
        return (
            f"  {label:34s} {len(ms) / duration:7.1f}/s  p50 {percentile(ms, 50):7.1f} ms  "
            f"p99 {percentile(ms, 99):7.1f} ms  max {max(ms):7.1f} ms  "
            f"503 {self.busy:5d}  errors {self.errors}"
        )


@dataclass
class Level:
    clients: int
    duration: float
    kinds: dict[str, Samples] = field(default_factory=dict)

    def passes(self) -> bool:
        comp, event = self.kinds.get("comp"), self.kinds.get("event")
        commands_ok = comp is None or (
            comp.errors == 0 and max(comp.seconds, default=0) < COMMAND_LIMIT
        )
        events_ok = event is None or (
            event.errors == 0 and max(event.seconds, default=0) < ACK_LIMIT
        )
        return commands_ok and events_ok


# -- the processes -----------------------------------------------------------------------


@contextmanager
def fake_web_api(slow: float = 0.0) -> Iterator[str]:
    command = [sys.executable, "-m", "bot.testing.slack_fake"]
    if slow:
        command += ["--slow", str(slow)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=15)


@contextmanager
def server(command: list[str], port: int, env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{command} did not start") from None
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the clients -------------------------------------------------------------------------


async def one_client(
    port: int, next_request: Callable[[], Request], deadline: float, level: Level
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline:
            kind, body, content_type = next_request()
            samples = level.kinds.setdefault(kind, Samples())
            headers = rq.signed_headers(body, content_type)
            head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            request = (
                f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode() + body
            started = time.perf_counter()
            try:
                writer.write(request)
                await writer.drain()
                status = int((await reader.readline()).split()[1])
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                await reader.readexactly(length)
            except (OSError, IndexError, ValueError, asyncio.IncompleteReadError):
                samples.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            if status == 200:
                samples.seconds.append(time.perf_counter() - started)
            elif status == 503 and kind == "event":
                samples.busy += 1
            else:
                samples.errors += 1
    finally:
        writer.close()


def run_level(
    port: int, clients: int, seconds: float, requests: Callable[[int], Callable[[], Request]]
) -> Level:
    level = Level(clients, seconds)

    async def everyone() -> None:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            *(one_client(port, requests(i), deadline, level) for i in range(clients))
        )

    asyncio.run(everyone())
    return level


# -- the workload --------------------------------------------------------------------------


class Workload:
    def __init__(self, queries: list[str], response_url: str) -> None:
        self.queries = queries
        self.response_url = response_url
        self.ids = itertools.count()

    def comp(self) -> Request:
        q = random.choice(self.queries)
        return "comp", rq.command_body("/comp", q, response_url=self.response_url), rq.FORM

    def event(self) -> Request:
        q = random.choice(self.queries)
        body = rq.event_body(rq.dm(f"what does {q} pay?"), f"Ev{next(self.ids)}-{time.time()}")
        return "event", body, rq.JSON

    def only(self, kind: str) -> Callable[[int], Callable[[], Request]]:
        return lambda _: self.comp if kind == "comp" else self.event

    def mixed(self) -> Callable[[int], Callable[[], Request]]:
        def per_client(i: int) -> Callable[[], Request]:
            turn = itertools.cycle([self.event, self.comp] if i % 2 else [self.comp, self.event])

            def request() -> Request:
                return next(turn)()

            return request

        return per_client


def leverage(port: int, folder: Path) -> list[str]:
    serve = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"]
    return [*serve, "--port", str(port), "--guides", str(folder)]


def report(title: str, levels: list[Level]) -> None:
    print(f"\n{title}")
    for level in levels:
        verdict = "ok" if level.passes() else "OVER"
        for kind, samples in sorted(level.kinds.items()):
            label = f"{level.clients:3d} clients, {'/comp' if kind == 'comp' else 'DM event ack'}"
            print(
                samples.row(label, level.duration) + ("" if kind != "event" else f"  [{verdict}]")
            )
        if "event" not in level.kinds:
            print(f"  {'':34s} [{verdict}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guides", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=4.0, help="per level and workload")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32, 64])
    parser.add_argument("--baseline-levels", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "leverage-bench")
    args = parser.parse_args()
    started = time.monotonic()
    folder = corpus(args.work, args.guides)
    cache = args.work / "slack-cache"
    load_library(folder, cache)  # warms the cache every server start reads
    rng = random.Random(5)
    queries = [
        f"{s.company} {s.role} {rng.choice(s.regions)[0]}".lower()
        for s in rng.choices(generate_specs(args.guides), k=2000)
    ]

    def env(api: str) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(args.work),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": rq.SECRET,
            "SLACK_API_URL": f"{api}/api/",
            "LEVERAGE_CACHE_DIR": str(cache),
        }

    fast: list[Level] = []
    with fake_web_api() as api:
        work = Workload(queries, f"{api}/response/1")
        port = free_port()
        with server(leverage(port, folder), port, env(api)):
            run_level(port, 4, 1.0, work.only("comp"))  # warm up
            for clients in args.levels:
                comp = run_level(port, clients, args.seconds, work.only("comp"))
                events = run_level(port, clients, args.seconds, work.only("event"))
                comp.kinds.update(events.kinds)
                fast.append(comp)
    slow: list[Level] = []
    baseline: list[Level] = []
    with fake_web_api(SLOW_API) as api:
        work = Workload(queries, f"{api}/response/1")
        for clients in args.levels:
            port = free_port()
            with server(leverage(port, folder), port, env(api)):
                slow.append(run_level(port, clients, args.seconds, work.mixed()))
        for clients in args.baseline_levels:
            port = free_port()
            bare = [sys.executable, "-m", "benchmarks.bare_app", str(port), "--post-in-listener"]
            with server(bare, port, env(api)):
                baseline.append(run_level(port, clients, args.seconds, work.mixed()))

    print(f"Load over loopback, {args.guides:,} guides, {args.seconds:.0f} s per level")
    report("Fast Web API: /comp alone, then DM events alone", fast)
    report(f"Web API taking {SLOW_API:.0f} s per call: DM events and /comp alternating", slow)
    report(
        "Baseline, same slow Web API: bare Bolt posting inside its listener (before issue 11)",
        baseline,
    )
    sized = 0
    for f, s in zip(fast, slow, strict=True):
        if not (f.passes() and s.passes()):
            break
        sized = f.clients
    print(
        f"\nEvery level up to {sized} clients passes both runs (no command "
        f"past {COMMAND_LIMIT:.0f} s, no event acknowledged past {ACK_LIMIT * 1000:.0f} ms); "
        f"{time.monotonic() - started:.0f} s in all"
    )


if __name__ == "__main__":
    main()

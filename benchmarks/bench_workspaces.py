"""What the database costs a request: Bolt's dispatch of signed requests, in process, with the
app built as ``serve`` builds it, beside the in-memory baseline of one process and one
workspace, all in one run.

- ``/comp`` (answered in the response body) measures authorization: a fixed identity (one
  workspace, the baseline), then OAuth's ``InstallationStoreAuthorize`` reading the
  installation from the database with the auth.test cache on (as Leverage runs it) and off
  (Bolt's default: auth.test on every request, here to a fake on loopback; Slack's own takes
  300-500 ms, bolt-python#122);
- an event Leverage leaves alone (a channel message) measures the event claim: claim and
  complete on the request thread, in memory (baseline) or in the database.

SQLite is a file in a temporary folder; PostgreSQL is the server of LEVERAGE_TEST_POSTGRES_URL
(skipped when it does not answer). Run: python -m benchmarks.bench_workspaces [-n 2000]
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from benchmarks.bench_store import databases
from benchmarks.common import percentile, summary
from bot.coach import Coach
from bot.config import Settings
from bot.guides import load_library
from bot.index import GuideIndex
from bot.slack.app import create_app
from bot.slack.auth import BotIdentity
from bot.slack.deliver import web_client
from bot.slack.work import Work
from bot.store import SLACK_BOTS_TABLE, SLACK_INSTALLATIONS_TABLE, Store
from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, FakeSlack

GUIDES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "guides"


def timed_dispatch(app: App, bodies: list[tuple[bytes, str]]) -> list[float]:
    samples = []
    for body, content_type in bodies:
        request = BoltRequest(body=body.decode(), headers=rq.signed_headers(body, content_type))
        t = time.perf_counter()
        response = app.dispatch(request)
        samples.append(time.perf_counter() - t)
        assert response.status == 200, (response.status, response.body)
    return samples[len(samples) // 10 :]  # the first tenth warms up


def install(store: Store) -> None:
    """The fake's one workspace, stored as the OAuth flow stores it."""
    SQLAlchemyInstallationStore(
        client_id=CLIENT_ID,
        engine=store.engine,
        bots_table_name=SLACK_BOTS_TABLE,
        installations_table_name=SLACK_INSTALLATIONS_TABLE,
    ).save(
        Installation(
            app_id="A0001",
            enterprise_id=None,
            team_id=rq.TEAM,
            team_name="Acme",
            bot_token=BOT_TOKEN,
            bot_id="BBOT",
            bot_user_id="UBOT",
            bot_scopes="commands,chat:write,app_mentions:read,im:history",
            user_id="U0ADMIN",
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="requests per measurement")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    coach = Coach(GuideIndex(load_library(GUIDES).guides))
    fake = FakeSlack().start()
    client = web_client(None, fake.api_url)
    one = Settings(bot_token=BOT_TOKEN, signing_secret=rq.SECRET, api_url=fake.api_url)
    many = Settings(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        signing_secret=rq.SECRET,
        api_url=fake.api_url,
    )
    identity = BotIdentity(rq.TEAM, "UBOT", "BBOT")
    url = fake.response_url("bench")
    commands = [(rq.command_body("/comp", "segment cdp london", response_url=url), rq.FORM)]
    commands *= args.n

    def events() -> list[tuple[bytes, str]]:
        left_alone = {"type": "message", "channel_type": "channel", "channel": rq.CHANNEL}
        stamp = time.time_ns()
        return [(rq.event_body(left_alone, f"Ev{stamp}-{i}"), rq.JSON) for i in range(args.n)]

    rows: dict[str, list[float]] = {}
    work = Work(4)

    def build(settings: Settings, **kw: Any) -> App:
        return create_app(settings, coach, client=client, work=work, **kw)

    baseline = build(one, identity=identity)  # memory claims, fixed identity
    rows["/comp, one workspace (baseline)"] = timed_dispatch(baseline, commands)
    rows["event claim in memory (baseline)"] = timed_dispatch(baseline, events())
    with tempfile.TemporaryDirectory() as tmp, databases(Path(tmp)) as found:
        for name, database in found:
            store = Store.open(Settings(database_url=database))
            on_store = build(one, identity=identity, store=store)
            rows[f"event claim, {name}"] = timed_dispatch(on_store, events())
            oauth = build(many, store=store)
            install(store)
            fake.clear()
            rows[f"/comp, OAuth, {name}, auth.test cached"] = timed_dispatch(oauth, commands)
            cached_calls = len(fake.sent("auth.test"))
            rows[f"event claim + OAuth, {name}, cached"] = timed_dispatch(oauth, events())
            authorize: Any = oauth._authorize  # the InstallationStoreAuthorize create_app made
            authorize.cache_enabled = False
            fake.clear()
            rows[f"/comp, OAuth, {name}, no cache"] = timed_dispatch(oauth, commands[: args.n // 4])
            uncached_calls = len(fake.sent("auth.test"))
            print(
                f"{name}: auth.test calls with the cache {cached_calls} for {args.n} commands, "
                f"without {uncached_calls} for {args.n // 4}"
            )
            store.close()
    work.drain(5)
    fake.stop()

    print(f"\nBolt dispatch in process, {args.n} requests each (first tenth warms up)")
    base: dict[str, Callable[[str], bool]] = {
        "/comp, one workspace (baseline)": lambda label: label.startswith("/comp"),
        "event claim in memory (baseline)": lambda label: label.startswith("event"),
    }
    for label, samples in rows.items():
        against = next(b for b, match in base.items() if match(label))
        ratio = percentile(samples, 50) / percentile(rows[against], 50)
        added = (percentile(samples, 50) - percentile(rows[against], 50)) * 1000
        print(f"  {label:44s} {summary(samples)}  x{ratio:4.2f} (+{added:.3f} ms p50)")


if __name__ == "__main__":
    main()

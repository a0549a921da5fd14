"""The in-process Slack suite: the app driven through ``app.dispatch`` with signed
``BoltRequest``s, as Bolt's own scenario tests do, against the fake Web API on 127.0.0.1 (which
fails the way Slack does when told to). test_listeners.py: commands and buttons; test_events.py:
events, mentions, retries and requests that are not what they seem. What only a real server
shows (HTTP, /healthz, the process log, Socket Mode) is in test_e2e.py and test_socket_mode.py."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import App, BoltRequest, BoltResponse

from bot.coach import Coach
from bot.config import Settings
from bot.guides import Library
from bot.index import GuideIndex, Lookup
from bot.slack.app import create_app
from bot.slack.auth import BotIdentity
from bot.slack.deliver import web_client
from bot.slack.state import MemoryClaims, MemoryPastes
from bot.slack.work import Work
from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN, FakeSlack

OFFER = "Segment came back with 205k base, 240k RSUs over 4 years, 10% bonus and a 30k sign-on for the cdp role in NYC"
NO_REGION = "segment cdp: 200k base, 200k RSUs over 4 years"
FIGURES_RE = re.compile(r"\$?\d[\d,.]*\s?[kK]\b|\$\d")
IDENTITY = BotIdentity("T0001", "UBOT", "BBOT")


@dataclass
class Bot:
    app: App
    work: Work
    fake: FakeSlack
    clock: list[float]

    def send(self, body: bytes, content_type: str, **headers: Any) -> BoltResponse:
        signed = rq.signed_headers(body, content_type, **headers.pop("sign", {}))
        return self.app.dispatch(BoltRequest(body=body.decode(), headers={**signed, **headers}))

    def command(self, name: str, text: str, *, url: str = "cmd") -> tuple[int, dict[str, Any]]:
        body = rq.command_body(name, text, response_url=self.fake.response_url(url))
        response = self.send(body, rq.FORM)
        return response.status, (json.loads(response.body) if response.body else {})

    def event(self, event: dict[str, Any], event_id: str, **headers: Any) -> BoltResponse:
        return self.send(rq.event_body(event, event_id), rq.JSON, **headers)

    def press(self, button: dict[str, Any], url: str, **kwargs: Any) -> BoltResponse:
        payload = rq.action_payload(button, response_url=self.fake.response_url(url), **kwargs)
        return self.send(rq.interactive_body(payload), rq.FORM)

    def settle(self) -> None:
        assert self.work.wait_idle(15), "work still running"


class BrokenIndex(GuideIndex):
    """An index with a bug: what the user hears when a listener's work raises."""

    def lookup(self, text: str, *, region: str | None = None) -> Lookup:
        raise RuntimeError(f"bug while reading {text}")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def coach(library: Library) -> Coach:
    return Coach(GuideIndex(library.guides))


def build(fake: FakeSlack, coach: Coach | Any, *, threads: int = 8, pending: int = 100) -> Bot:
    clock = [1000.0]
    work = Work(threads, max_pending=pending)
    settings = Settings(bot_token=BOT_TOKEN, signing_secret=rq.SECRET, api_url=fake.api_url)
    app = create_app(
        settings,
        coach,
        client=web_client(None, fake.api_url),
        identity=IDENTITY,
        work=work,
        claims=MemoryClaims(),
        pastes=MemoryPastes(clock=lambda: clock[0]),
    )
    return Bot(app, work, fake, clock)


@pytest.fixture
def bot(fake: FakeSlack, coach: Coach) -> Iterator[Bot]:
    fake.clear()
    made = build(fake, coach)
    yield made
    made.work.drain(5)


def failures(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]

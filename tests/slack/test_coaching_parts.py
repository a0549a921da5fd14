"""The parts of the coaching flows on their own: the in-memory conversation state (the same
contract as bot.store's), revisions when the state fails, and the admin check's cache."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy.exc import OperationalError

from bot.coach import Coach
from bot.coach.replies import OfferReply
from bot.config import Settings
from bot.slack.coaching import Admins, Press
from bot.slack.conversation import Conversation, ConversationState, MemoryState, Revisions
from bot.slack.deliver import Outbox
from bot.store import StateKey, Store
from bot.testing.slack_fake import BOT_TOKEN, FakeSlack

KEY = StateKey("T0001", "D0SAM", "U0SAM", "previous_offer")
FIRST = "segment cdp nyc: 205k base, 240k RSUs over 4 years, 10% bonus"
REVISED = "segment cdp nyc: 215k base, 240k RSUs over 4 years, 10% bonus"


@pytest.fixture(params=["memory", "sqlite"])
def state(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConversationState]:
    """Both implementations answer the same contract."""
    if request.param == "memory":
        yield MemoryState()
        return
    store = Store.open(Settings(database_url=f"sqlite:///{tmp_path / 'state.db'}"))
    yield store.state
    store.close()


def test_state_keeps_replaces_and_forgets(state: ConversationState) -> None:
    assert state.get(KEY) is None
    state.put(KEY, {"base": 1.0}, timedelta(hours=1))
    state.put(KEY, {"base": 2.0}, timedelta(hours=1))
    assert state.get(KEY) == {"base": 2.0}
    other = StateKey("T0001", "D0SAM", "U0BOB", "previous_offer")
    assert state.get(other) is None, "another person's key reads nothing"
    assert state.delete(KEY) and state.get(KEY) is None and not state.delete(KEY)


def test_memory_state_expires_and_stays_bounded() -> None:
    now = [0.0]
    state = MemoryState(size=2, clock=lambda: now[0])
    state.put(KEY, {"a": 1}, timedelta(seconds=10))
    now[0] = 9.9
    assert state.get(KEY) == {"a": 1}
    now[0] = 10.0
    assert state.get(KEY) is None
    keys = [StateKey("T0001", f"D{i}", "U0SAM", "previous_offer") for i in range(3)]
    for key in keys:
        state.put(key, {"n": 1}, timedelta(hours=1))
    assert state.get(keys[0]) is None and state.get(keys[2]) == {"n": 1}


def test_a_value_handed_out_is_a_copy() -> None:
    state = MemoryState()
    state.put(KEY, {"base": 1.0}, timedelta(hours=1))
    held = state.get(KEY)
    assert held is not None
    held["base"] = 9.0
    assert state.get(KEY) == {"base": 1.0}


class BrokenState:
    """A database that is down: every call raises as SQLAlchemy would."""

    def put(self, key: StateKey, value: Mapping[str, Any], ttl: timedelta) -> None:
        raise OperationalError("INSERT", {}, Exception("gone"))

    def get(self, key: StateKey) -> dict[str, Any] | None:
        raise OperationalError("SELECT", {}, Exception("gone"))

    def delete(self, key: StateKey) -> bool:
        return False


def test_a_state_that_fails_costs_the_comparison_not_the_answer(
    coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    where = Conversation("T0001", "D0SAM", None, "U0SAM")
    answer = coach.ask(FIRST)
    assert Revisions(BrokenState()).revise(coach, answer, where) is answer
    assert "conversation state unavailable: OperationalError" in caplog.text
    assert "205" not in caplog.text


def test_a_different_offer_is_not_a_revision(coach: Coach) -> None:
    revisions = Revisions(MemoryState())
    where = Conversation("T0001", "D0SAM", None, "U0SAM")
    revisions.revise(coach, coach.ask(FIRST), where)
    london = revisions.revise(
        coach,
        coach.ask("segment cdp london: £150k base, £100k RSUs over 4 years, 10% bonus"),
        where,
    ).reply
    assert isinstance(london, OfferReply) and london.revision is None, "another band"
    again = revisions.revise(
        coach,
        coach.ask("segment cdp london: £160k base, £100k RSUs over 4 years, 10% bonus"),
        where,
    ).reply
    assert isinstance(again, OfferReply) and again.revision is not None
    assert again.revision.score_before is not None and again.revision.score_after is not None
    assert again.revision.score_after >= again.revision.score_before, "base +£10K"


def test_nothing_is_kept_without_a_whole_conversation() -> None:
    assert Conversation.of("T0001", "D0SAM", None, None) is None
    assert Conversation.of("", "D0SAM", None, "U0SAM") is None
    assert Press(None, "T0001", "C0HIRING", None).conversation is None, "a channel, no thread"
    assert Press("U0SAM", "T0001", "C0HIRING", None, thread_ts="1.2").conversation is not None


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


def test_admins_are_asked_once_in_a_while_and_a_failure_means_member(fake: FakeSlack) -> None:
    out = Outbox(WebClient(token=BOT_TOKEN, base_url=fake.api_url), "home")
    now = [0.0]
    admins = Admins(ttl=300, clock=lambda: now[0])
    fake.admins.add("U0ADMIN")
    assert admins.is_admin(out, "T0001", "U0ADMIN")
    assert not admins.is_admin(out, "T0001", "U0SAM")
    fake.admins.clear()
    assert admins.is_admin(out, "T0001", "U0ADMIN"), "remembered"
    now[0] = 301
    assert not admins.is_admin(out, "T0001", "U0ADMIN"), "asked again after the ttl"
    assert len(fake.sent("users.info")) == 3
    fake.fail("users.info", "user_not_found")
    assert not admins.is_admin(out, "T0001", "U0OTHER")

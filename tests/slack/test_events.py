"""Events in process (see conftest.py): DMs, mentions and privacy, every fallback when
Slack refuses, acks that never wait on the Web API, retries, and requests that are not what
they seem."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest

from bot.coach import Coach
from bot.config import Settings
from bot.guides import Library
from bot.index import GuideIndex
from bot.slack.app import create_app
from bot.slack.deliver import web_client
from bot.slack.work import Work
from bot.store import Store
from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN, FakeSlack
from tests.slack.conftest import FIGURES_RE, IDENTITY, OFFER, Bot, BrokenIndex, build, failures

# -- direct messages ----------------------------------------------------------------------


def test_a_dm_is_answered_in_the_dm_after_the_ack(bot: Bot) -> None:
    started = time.perf_counter()
    assert (
        bot.event(rq.dm("what does Segment pay AI CDP engineers in New York?"), "Ev1").status == 200
    )
    assert time.perf_counter() - started < 0.1
    bot.settle()
    (sent,) = bot.fake.sent("chat.postMessage")
    assert sent["channel"] == rq.DM_CHANNEL and "thread_ts" not in sent
    assert "$188K–$228K" in rq.shown(sent)
    assert "$188K–$228K" in sent["text"], "the text carries the whole answer"


@pytest.mark.parametrize(
    ("extra", "thread"),
    [
        ({"subtype": "file_share", "files": [{"id": "F1"}]}, None),
        ({"subtype": "thread_broadcast", "thread_ts": "1699.1"}, "1699.1"),
        ({"thread_ts": "1699.2"}, "1699.2"),
    ],
    ids=["caption of a file", "thread broadcast", "in a thread"],
)
def test_dm_captions_and_thread_replies_are_answered(
    bot: Bot, extra: dict[str, Any], thread: str | None
) -> None:
    bot.event(rq.dm("segment data engineer dublin", **extra), f"Ev-{extra}")
    bot.settle()
    (sent,) = bot.fake.sent("chat.postMessage")
    assert "€90K–€115K" in rq.shown(sent)
    assert sent.get("thread_ts") == thread


def test_a_file_without_a_caption_gets_a_word_on_what_i_read(bot: Bot) -> None:
    bot.event(rq.dm("", subtype="file_share", files=[{"id": "F1"}]), "Ev-file")
    bot.settle()
    (sent,) = bot.fake.sent("chat.postMessage")
    assert "not files or screenshots" in sent["text"]


@pytest.mark.parametrize(
    "event",
    [
        rq.dm("segment cdp", bot_id="B0OTHER"),
        rq.dm("segment cdp", subtype="message_changed"),
        rq.dm("segment cdp", subtype="message_deleted"),
        rq.dm("segment cdp", subtype="bot_message", bot_id="BBOT"),
        rq.dm("segment cdp", subtype="channel_join"),
        rq.dm("segment cdp", user="USLACKBOT!"),
        {**rq.dm("segment cdp"), "channel_type": "channel", "channel": "C1"},
        {"type": "reaction_added", "user": rq.USER, "reaction": "tada", "item": {}},
        rq.mention("segment cdp", bot_id="B0OTHER"),
    ],
    ids=[
        "another bot",
        "an edit",
        "a deletion",
        "our own",
        "a join",
        "no real user",
        "a channel message",
        "a reaction",
        "a bot mentioning us",
    ],
)
def test_what_must_be_left_alone_gets_200_and_no_reply(bot: Bot, event: dict[str, Any]) -> None:
    assert bot.event(event, f"Ev-leave-{id(event)}").status == 200
    bot.settle()
    assert bot.fake.calls == []


def test_a_dm_that_cannot_be_posted_is_answered_ephemerally(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.fail("chat.postMessage", "restricted_action")
    bot.event(rq.dm("segment data engineer dublin"), "Ev-dm-fail")
    bot.settle()
    (sent,) = bot.fake.sent("chat.postEphemeral")
    assert sent["channel"] == rq.DM_CHANNEL and sent["user"] == rq.USER
    assert "€90K–€115K" in rq.shown(sent)
    assert failures(caplog) == ["Slack chat.postMessage failed: restricted_action (dm.reply)"]


def test_blocks_slack_refuses_are_sent_again_as_plain_text(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.fail("chat.postMessage", "invalid_blocks", times=1)
    bot.event(rq.dm("segment data engineer dublin"), "Ev-blocks")
    bot.settle()
    (sent,) = bot.fake.sent("chat.postMessage", ok=True)
    assert "blocks" not in sent and "€90K–€115K" in sent["text"]
    assert "Slack chat.postMessage failed: invalid_blocks (dm.reply)" in failures(caplog)


def test_a_rate_limit_is_waited_out_after_the_ack(bot: Bot) -> None:
    bot.fake.rate_limit("chat.postMessage", retry_after=1, times=2)
    started = time.perf_counter()
    assert bot.event(rq.dm("segment data engineer dublin"), "Ev-429").status == 200
    assert time.perf_counter() - started < 0.1, "the ack does not wait for the rate limit"
    bot.settle()
    assert time.perf_counter() - started >= 2
    (sent,) = bot.fake.sent("chat.postMessage", ok=True)
    assert "€90K–€115K" in rq.shown(sent)
    assert len(bot.fake.sent("chat.postMessage", ok=False)) == 2


def test_a_slow_web_api_does_not_delay_the_ack(bot: Bot) -> None:
    bot.fake.slow("chat.postMessage", 2.0)
    started = time.perf_counter()
    for i in range(8):
        assert bot.event(rq.dm("segment data engineer dublin"), f"Ev-slow-{i}").status == 200
    assert time.perf_counter() - started < 0.5, "eight acks while eight posts wait on Slack"
    bot.settle()
    assert len(bot.fake.sent("chat.postMessage", ok=True)) == 8


def test_a_server_error_is_tried_once_more(bot: Bot) -> None:
    bot.fake.server_error("chat.postMessage", 503, times=1)
    bot.event(rq.dm("segment data engineer dublin"), "Ev-503")
    bot.settle()
    assert len(bot.fake.sent("chat.postMessage", ok=True)) == 1


def test_a_full_pool_answers_503_so_slack_delivers_again(fake: FakeSlack, coach: Coach) -> None:
    fake.clear()
    busy = build(fake, coach, threads=1, pending=2)
    fake.slow("chat.postMessage", 0.5)
    statuses = [busy.event(rq.dm("segment data"), f"Ev-full-{i}").status for i in range(4)]
    assert statuses == [200, 200, 503, 503]
    busy.settle()
    assert busy.event(rq.dm("segment data"), "Ev-full-2").status == 200, "the retry is taken"
    busy.work.drain(10)


# -- mentions and privacy ---------------------------------------------------------------


def test_a_mention_is_answered_in_its_thread(bot: Bot) -> None:
    bot.event(rq.mention("segment cdp levers", thread_ts="1699999999.000001"), "Ev-m1")
    bot.settle()
    (sent,) = bot.fake.sent("chat.postMessage")
    assert sent["channel"] == rq.CHANNEL and sent["thread_ts"] == "1699999999.000001"
    assert "Intersection Scarcity Premium" in rq.shown(sent)


def test_an_offer_in_a_channel_goes_to_its_poster_only(bot: Bot) -> None:
    bot.event(rq.mention(OFFER), "Ev-m2")
    bot.settle()
    sent = bot.fake.sent("chat.postMessage")
    private = [m for m in sent if m["channel"] == rq.USER]
    public = [m for m in sent if m["channel"] == rq.CHANNEL]
    assert len(private) == 1 and len(public) == 1
    assert "Counter with" in rq.shown(private[0])
    assert public[0]["thread_ts"] == "1700000001.000200"
    assert "direct message" in public[0]["text"]
    assert not FIGURES_RE.search(rq.shown(public[0]))


def test_when_the_dm_fails_the_score_comes_ephemerally_in_the_thread(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.fail("chat.postMessage", "cannot_dm_bot", channel=rq.USER)
    bot.event(rq.mention(OFFER), "Ev-m3")
    bot.settle()
    (ephemeral,) = bot.fake.sent("chat.postEphemeral")
    assert ephemeral["user"] == rq.USER and ephemeral["thread_ts"] == "1700000001.000200"
    assert "Counter with" in rq.shown(ephemeral)
    assert "couldn't send you a direct message" in rq.shown(ephemeral)
    assert bot.fake.sent("chat.postMessage", ok=True) == [], "nothing public"
    assert failures(caplog) == ["Slack chat.postMessage failed: cannot_dm_bot (mention.dm)"]


def test_when_no_private_path_works_the_thread_asks_for_a_dm_without_figures(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.fail("chat.postMessage", "cannot_dm_bot", channel=rq.USER)
    bot.fake.fail("chat.postEphemeral", "user_not_in_channel")
    bot.event(rq.mention(OFFER), "Ev-m4")
    bot.settle()
    (note,) = bot.fake.sent("chat.postMessage", ok=True)
    assert note["channel"] == rq.CHANNEL and "Open a DM with me" in note["text"]
    assert not FIGURES_RE.search(rq.shown(note))
    assert "Slack chat.postEphemeral failed: user_not_in_channel (mention.ephemeral)" in failures(
        caplog
    )


def test_when_nothing_works_the_log_says_the_user_heard_nothing(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.fail("*", "team_access_not_granted")
    bot.event(rq.mention(OFFER), "Ev-m5")
    bot.settle()
    logged = failures(caplog)
    assert logged[-1] == "no answer reached the user (mention)"
    assert len(logged) == 4, "each failed call once, then the outcome"
    assert not any(FIGURES_RE.search(line) for line in logged)


def test_a_thread_reply_that_fails_becomes_an_ephemeral_reply(bot: Bot) -> None:
    bot.fake.fail("chat.postMessage", "not_in_channel", channel=rq.CHANNEL)
    bot.event(rq.mention("segment cdp london"), "Ev-m6")
    bot.settle()
    (ephemeral,) = bot.fake.sent("chat.postEphemeral")
    assert ephemeral["thread_ts"] == "1700000001.000200" and ephemeral["user"] == rq.USER
    assert "£138K–£170K" in rq.shown(ephemeral)
    assert "couldn't post in this thread" in rq.shown(ephemeral)


def test_a_bug_in_the_work_still_tells_the_user(
    fake: FakeSlack, library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    fake.clear()
    broken = build(fake, Coach(BrokenIndex(library.guides)))
    broken.event(rq.dm("segment 987k base"), "Ev-bug")
    broken.settle()
    (sent,) = fake.sent("chat.postMessage")
    assert "Something went wrong" in sent["text"]
    (line,) = failures(caplog)
    assert line.startswith("dm failed: RuntimeError at ") and "987" not in line


# -- retries -----------------------------------------------------------------------------


def test_retried_events_are_answered_once(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "leverage")
    bot.event(rq.dm("segment data engineer"), "Ev-retry")
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert bot.event(rq.dm("segment data engineer"), "Ev-retry", **retry).status == 200
    bot.settle()
    assert len(bot.fake.sent("chat.postMessage")) == 1
    assert "event Ev-retry already claimed (retry 1): not answered twice" in caplog.messages


def test_a_retry_whose_first_delivery_never_arrived_is_answered(bot: Bot) -> None:
    retry = {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"}
    bot.event(rq.dm("segment data engineer"), "Ev-lost-first", **retry)
    bot.settle()
    assert len(bot.fake.sent("chat.postMessage")) == 1


# -- requests that are not what they seem ---------------------------------------------


@pytest.mark.parametrize(
    "sign",
    [{"secret": "wrong"}, {"timestamp": "junk"}, {"timestamp": int(time.time()) - 600}],
    ids=["wrong secret", "junk timestamp", "five minutes old"],
)
def test_unsigned_requests_are_401_and_never_logged(
    bot: Bot, caplog: pytest.LogCaptureFixture, sign: dict[str, Any]
) -> None:
    caplog.set_level(logging.DEBUG)
    body = rq.command_body("/offer", "secret 987k base")
    response = bot.send(body, rq.FORM, sign=sign)
    assert response.status == 401
    assert not any("987k" in m for m in caplog.messages)
    assert bot.fake.calls == []


@pytest.mark.parametrize(
    "body",
    [
        {"type": "event_callback", "event_id": "E1", "event": "not an event"},
        {"type": "event_callback", "event_id": "E2", "event": {"no": "type"}},
        {"type": "block_actions", "user": {"id": rq.USER}, "actions": "none"},
        {"type": "block_actions", "user": "U1", "actions": [{"action_id": "x"}]},
        {"type": "shortcut", "user": {"id": rq.USER}},
        {"type": "view_submission", "user": {"id": rq.USER}, "view": {"callback_id": "x"}},
        {"command": 5},
    ],
)
def test_signed_bodies_of_the_wrong_shape_are_400_without_a_traceback(
    bot: Bot, caplog: pytest.LogCaptureFixture, body: dict[str, Any]
) -> None:
    raw = json.dumps(body).encode()
    response = bot.send(raw, rq.JSON)
    assert response.status == 400
    assert not any(r.exc_info for r in caplog.records)


def test_a_payload_type_we_have_no_use_for_is_a_deliberate_200(bot: Bot) -> None:
    raw = json.dumps({"type": "app_rate_limited", "minute_rate_limited": 1}).encode()
    assert bot.send(raw, rq.JSON).status == 200


# -- the rest -------------------------------------------------------------------------------


def test_app_home_publishes_help(bot: Bot) -> None:
    event = {"type": "app_home_opened", "user": rq.USER, "channel": rq.DM_CHANNEL, "tab": "home"}
    bot.event(event, "Ev-home")
    bot.settle()
    (published,) = bot.fake.sent("views.publish")
    assert published["user_id"] == rq.USER and published["view"]["type"] == "home"


def test_the_coach_can_be_swapped_between_requests(fake: FakeSlack, library: Library) -> None:
    fake.clear()
    current = [Coach(GuideIndex([]))]
    swapped = build(fake, lambda: current[0])
    assert "no guide" in swapped.command("/comp", "segment cdp london")[1]["text"].lower()
    current[0] = Coach(GuideIndex(library.guides))
    assert "£138K–£170K" in swapped.command("/comp", "segment cdp london")[1]["text"]


def test_no_offer_text_or_figures_reach_the_log(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    bot.fake.fail("*", "channel_not_found")
    bot.command("/offer", "Segment cdp: 123457 base, 98765 RSUs, nyc")
    bot.event(rq.dm("segment cdp 123458 base, 98766 RSUs, nyc"), "Ev-log")
    bot.event(rq.mention("segment cdp 123459 base, 98767 RSUs, nyc"), "Ev-log2")
    bot.settle()
    logged = "\n".join(caplog.messages)
    assert "no answer reached the user" in logged
    for secret in ("12345", "9876", "RSUs"):
        assert secret not in logged


def test_the_database_claims_slot_in_for_the_memory_ones(
    fake: FakeSlack, coach: Coach, tmp_path: Any
) -> None:
    """bot.store's EventClaims has the interface the app asks for: two apps (two processes)
    on one database answer an event once."""
    fake.clear()
    settings = Settings(
        bot_token=BOT_TOKEN, signing_secret=rq.SECRET, api_url=fake.api_url, data_dir=tmp_path
    )
    store = Store.open(settings)
    bots = []
    for _ in range(2):
        work = Work(2)
        app = create_app(
            settings,
            coach,
            client=web_client(None, fake.api_url),
            identity=IDENTITY,
            work=work,
            claims=store.claims,
        )
        bots.append(Bot(app, work, fake, [0.0]))
    try:
        for bot in bots:
            assert bot.event(rq.dm("segment data engineer"), "Ev-db-claim").status == 200
            bot.settle()
        assert len(fake.sent("chat.postMessage")) == 1
    finally:
        for bot in bots:
            bot.work.drain(5)
        store.close()

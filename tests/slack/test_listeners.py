"""Slash commands and buttons, in process (see conftest.py): answers in the body, Share and
its fallbacks, picks, buttons and shortcuts from older versions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.coach import Coach
from bot.coach.intent import Intent
from bot.guides import Library
from bot.render.actions import ButtonValue, decode, encode, is_pick
from bot.slack.state import MemoryPastes
from bot.testing import requests as rq
from bot.testing.slack_fake import FakeSlack
from tests.slack.conftest import FIGURES_RE, NO_REGION, OFFER, Bot, BrokenIndex, build, failures

# -- slash commands ----------------------------------------------------------------------


def test_a_command_is_answered_in_the_body_only_to_the_asker(bot: Bot) -> None:
    status, message = bot.command("/comp", "segmnt ai cdp london")
    assert status == 200
    assert message.get("response_type", "ephemeral") == "ephemeral"
    assert "£138K–£170K" in rq.shown(message)
    assert "London" in message["text"] and "£138K–£170K" in message["text"]
    (share,) = rq.buttons(message)
    assert decode(share["value"]) == ButtonValue(
        Intent.BAND, "segment/ai-cdp-platform-engineer", "London"
    )
    bot.settle()
    assert bot.fake.calls == [], "a command calls no Web API"


def test_an_unknown_command_gets_help(bot: Bot) -> None:
    status, message = bot.command("/leverage", "anything")
    assert status == 200 and "/comp" in rq.shown(message)


def test_a_crash_in_a_command_still_answers(fake: FakeSlack, library: Library) -> None:
    broken = build(fake, Coach(BrokenIndex(library.guides)))
    status, message = broken.command("/comp", "segment 987k")
    assert status == 200
    assert "Something went wrong" in message["text"]


# -- share ---------------------------------------------------------------------------------


def test_share_posts_the_answer_to_the_channel_with_who_shared_it(bot: Bot) -> None:
    _, message = bot.command("/comp", "segment cdp london")
    (button,) = rq.buttons(message)
    assert bot.press(button, "share").status == 200
    bot.settle()
    shared, card = bot.fake.responses("share")
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    assert "£138K–£170K" in rq.shown(shared)
    assert shared["blocks"][0]["elements"][0]["text"] == "Shared by <@U0SAM>", "headed by who"
    assert rq.buttons(shared) == [], "a shared answer has no Share button of its own"
    assert card["replace_original"] is True and rq.buttons(card) == [], "no second share"
    assert "Shared in the channel" in rq.shown(card) and "£138K–£170K" in rq.shown(card)


def test_an_offer_button_carries_a_reference_never_the_paste(bot: Bot) -> None:
    _, message = bot.command("/offer", OFFER)
    edit, _, button = rq.buttons(message)
    assert button["text"]["text"] == "Share my full score (shows my figures)"
    for pressed in (edit, button):
        assert "205k" not in pressed["value"] and len(pressed["value"]) < 200
    bot.press(button, "share-offer")
    bot.settle()
    shared, _ = bot.fake.responses("share-offer")
    assert "Counter with" in rq.shown(shared) and "Shared by <@U0SAM>" in rq.shown(shared)


def test_someone_elses_offer_button_shares_nothing(bot: Bot) -> None:
    _, message = bot.command("/offer", OFFER)
    *_, button = rq.buttons(message)
    bot.press(button, "share-other", user="U0BOB")
    bot.settle()
    (told,) = bot.fake.responses("share-other")
    assert "no longer have that offer" in told["text"]
    assert told["response_type"] == "ephemeral"
    assert not FIGURES_RE.search(rq.shown(told))


def test_share_falls_back_to_the_web_api_when_the_response_url_fails(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    _, message = bot.command("/levers", "segment cdp")
    bot.fake.fail_response("expired_url", 404)
    bot.press(rq.buttons(message)[0], "gone")
    bot.settle()
    (posted,) = bot.fake.sent("chat.postMessage", ok=True)
    assert posted["channel"] == rq.CHANNEL and "Shared by <@U0SAM>" in rq.shown(posted)
    assert "Slack response_url failed: expired_url (share.respond)" in failures(caplog)


def test_share_that_cannot_be_posted_says_so_to_the_user(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    _, message = bot.command("/levers", "segment cdp")
    bot.fake.fail_response("expired_url", 404)
    bot.fake.fail("chat.postMessage", "not_in_channel")
    bot.press(rq.buttons(message)[0], "gone")
    bot.settle()
    (told,) = bot.fake.sent("chat.postEphemeral", ok=True)
    assert told["user"] == rq.USER and "`not_in_channel`" in told["text"]
    assert "Slack chat.postMessage failed: not_in_channel (share.post)" in failures(caplog)


# -- pick ----------------------------------------------------------------------------------


def test_picking_a_guide_replaces_the_choice(bot: Bot) -> None:
    _, message = bot.command("/comp", "segment")
    assert "Several guides fit" in rq.shown(message)
    choice = {decode(b["value"]).guide_id: b for b in rq.buttons(message)}  # type: ignore[union-attr]
    bot.press(choice["segment/data-engineer"], "pick")
    bot.settle()
    (answer,) = bot.fake.responses("pick")
    assert answer["replace_original"] is True
    assert "Data Engineer at Segment" in rq.shown(answer)
    assert [b["action_id"] for b in rq.buttons(answer)] == ["share_in_channel"]


def test_region_buttons_score_the_paste_they_refer_to(bot: Bot) -> None:
    bot.event(rq.dm(NO_REGION), "Ev-region")
    bot.settle()
    (question,) = bot.fake.sent("chat.postMessage")
    regions = {b["text"]["text"]: b for b in rq.buttons(question) if is_pick(b["action_id"])}
    assert set(regions) == {"San Francisco", "New York", "London"}
    assert all("200k" not in b["value"] for b in regions.values())
    bot.press(regions["London"], "region", channel=rq.DM_CHANNEL, ephemeral=False)
    bot.settle()
    (scored,) = bot.fake.responses("region")
    assert "Your offer: AI CDP Platform Engineer at Segment — London" in rq.shown(scored)
    assert [b["text"]["text"] for b in rq.buttons(scored)] == ["Edit the figures"], (
        "no Share in a DM"
    )


def test_an_expired_paste_asks_for_it_again(bot: Bot) -> None:
    bot.event(rq.dm(NO_REGION), "Ev-expire")
    bot.settle()
    (question,) = bot.fake.sent("chat.postMessage")
    bot.clock[0] += MemoryPastes.LIFETIME + 1
    bot.press(rq.buttons(question)[0], "late", channel=rq.DM_CHANNEL, ephemeral=False)
    bot.settle()
    (told,) = bot.fake.responses("late")
    assert "Paste it again" in told["text"]


@pytest.mark.parametrize(
    "button",
    [
        {"action_id": "pick_guide_0", "value": json.dumps({"intent": "band", "guide": "x/y"})},
        {"action_id": "share_in_channel", "value": "/comp segment cdp london"},
        {"action_id": "pick_guide_0", "value": encode(ButtonValue(Intent.BAND, "gone/guide"))},
        {"action_id": "edit_offer", "value": "anything"},
        {"action_id": "compare_offers", "value": "anything"},
    ],
    ids=[
        "old pick value",
        "old share value",
        "guide no longer loaded",
        "junk edit value",
        "unknown action",
    ],
)
def test_buttons_this_version_cannot_act_on_say_so(bot: Bot, button: dict[str, Any]) -> None:
    assert bot.press(button, "old").status == 200
    bot.settle()
    (told,) = bot.fake.responses("old")
    assert told["text"] == "This button is from an older version of Leverage; ask again."
    assert told["response_type"] == "ephemeral"


def test_an_unknown_shortcut_is_answered_in_a_dm(bot: Bot) -> None:
    body = rq.interactive_body(rq.shortcut_payload("compare_offers"))
    assert bot.send(body, rq.FORM).status == 200
    bot.settle()
    (sent,) = bot.fake.sent("chat.postMessage")
    assert sent["channel"] == rq.USER and "older version" in sent["text"]


def test_an_unknown_view_submission_is_acknowledged(bot: Bot) -> None:
    payload = {
        "type": "view_submission",
        "user": {"id": rq.USER},
        "view": {"type": "modal", "callback_id": "x"},
    }
    response = bot.send(rq.interactive_body(payload), rq.FORM)
    assert response.status == 200 and not response.body

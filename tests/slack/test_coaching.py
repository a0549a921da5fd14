"""The click flows, in process (see conftest.py): Edit opens the offer form, a wrong figure
comes back as an inline error, a corrected one is re-scored in place; Share asks first and
posts once; a did-you-mean click answers in place; `/offer` with no text opens the form;
the App Home for a member and for an admin; a revised offer in a DM shows what changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.coach import Coach
from bot.coach.form import FIELDS
from bot.coach.replies import Miss
from bot.config import Settings
from bot.guides.model import Problem, Severity
from bot.render.actions import FormContext, decode, decode_context
from bot.slack.app import create_app
from bot.slack.conversation import Conversation, MemoryState
from bot.slack.deliver import web_client
from bot.slack.state import MemoryClaims, MemoryPastes
from bot.slack.work import Work
from bot.store import Store
from bot.testing import requests as rq
from bot.testing.slack_fake import BOT_TOKEN, FakeSlack
from tests.slack import payloads as pl
from tests.slack.conftest import IDENTITY, NO_REGION, OFFER, Bot, failures

MISSES = (Miss("airbnb", "staff engineer", 9, 4),)
PROBLEMS = (Problem("/srv/guides/acme-sre.md", Severity.ERROR, "no bands in the frontmatter"),)


def build(fake: FakeSlack, coach: Coach, **extra: Any) -> Bot:
    clock = [1000.0]
    work = Work(8, max_pending=100)
    settings = Settings(bot_token=BOT_TOKEN, signing_secret=rq.SECRET, api_url=fake.api_url)
    app = create_app(
        settings,
        coach,
        client=web_client(None, fake.api_url),
        identity=IDENTITY,
        work=work,
        claims=MemoryClaims(),
        pastes=MemoryPastes(clock=lambda: clock[0]),
        **extra,
    )
    return Bot(app, work, fake, clock)


@pytest.fixture
def bot(fake: FakeSlack, coach: Coach) -> Iterator[Bot]:
    fake.clear()
    fake.admins.clear()
    made = build(
        fake, coach, state=MemoryState(), problems=lambda: PROBLEMS, misses=lambda team: MISSES
    )
    yield made
    made.work.drain(5)


def press(bot: Bot, button: dict[str, Any], url: str, **kwargs: Any) -> int:
    payload = pl.press(button, response_url=bot.fake.response_url(url), **kwargs)
    return bot.send(pl.body(payload), rq.FORM).status


def submit(bot: Bot, view: dict[str, Any], **typed: str) -> tuple[int, dict[str, Any]]:
    response = bot.send(pl.body(pl.submission(view, **typed)), rq.FORM)
    return response.status, (json.loads(response.body) if response.body else {})


def named(message: dict[str, Any], label: str) -> dict[str, Any]:
    (found,) = [b for b in rq.buttons(message) if b["text"]["text"] == label]
    return found


def opened(bot: Bot) -> dict[str, Any]:
    """The form the bot opened last (views.open must have succeeded)."""
    bot.settle()
    calls = bot.fake.sent("views.open", ok=True)
    assert calls, f"no form opened: {bot.fake.sent('views.open')}"
    return calls[-1]


def edit_form(bot: Bot, url: str = "card") -> tuple[dict[str, Any], dict[str, Any]]:
    """/offer OFFER, then Edit on its card: the card and the views.open call."""
    _, card = bot.command("/offer", OFFER)
    assert press(bot, named(card, "Edit the figures"), url) == 200
    return card, opened(bot)


# -- Edit -> the form -> errors, or the card re-scored in place --------------------------


def test_edit_opens_the_form_on_the_figures_read(bot: Bot) -> None:
    card, call = edit_form(bot)
    text = rq.shown(card)
    assert text.index("Here is what I read") < text.index("Negotiate"), "what was read first"
    view = call["view"]
    assert call["trigger_id"].endswith(".t"), "the action's own trigger_id"
    assert view["callback_id"] == "offer_form" and view["type"] == "modal"
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == [
        f.key for f in FIELDS
    ]
    assert pl.values_of(view) == {
        "guide": "Segment AI CDP Platform Engineer",
        "region": "New York",
        "base": "205000",
        "stock_total": "240000",
        "stock_years": "4",
        "bonus_pct": "10",
        "signing": "30000",
    }
    where = decode_context(view["private_metadata"])
    assert where == FormContext(rq.CHANNEL, None, bot.fake.response_url("card"), replace=True)
    assert "205" not in view["private_metadata"], "no figure travels in the metadata"


def test_a_wrong_figure_comes_back_next_to_its_field_before_anything_else(bot: Bot) -> None:
    _, call = edit_form(bot)
    bot.fake.clear()
    status, answer = submit(bot, call["view"], base="two hundred grand", bonus_pct="300")
    assert status == 200
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"base", "bonus_pct"}
    assert "205k" in answer["errors"]["base"]
    bot.settle()
    assert bot.fake.calls == [], "nothing is scored or posted until the form is right"


def test_a_corrected_figure_is_rescored_in_place(bot: Bot) -> None:
    card, call = edit_form(bot)
    before = card["text"]
    status, answer = submit(bot, call["view"], base="250k", region="London", signing="")
    assert status == 200 and answer == {}, "an empty ack closes the form"
    bot.settle()
    (scored,) = bot.fake.responses("card")
    assert scored["replace_original"] is True
    assert "Base: £250,000" in scored["text"] and "London" in scored["text"]
    assert scored["text"] != before
    assert "figures as you entered them in the form" in scored["text"]
    edit = decode(named(scored, "Edit the figures")["value"])
    assert edit is not None and edit.form and edit.ref, "the new card edits the entered figures"
    assert "250" not in named(scored, "Edit the figures")["value"]


def test_editing_a_corrected_card_opens_what_was_entered(bot: Bot) -> None:
    _, call = edit_form(bot)
    submit(bot, call["view"], base="250k", region="London")
    bot.settle()
    (scored,) = bot.fake.responses("card")
    press(bot, named(scored, "Edit the figures"), "card2")
    again = opened(bot)
    assert pl.values_of(again["view"])["base"] == "250k"
    assert pl.values_of(again["view"])["region"] == "London"


def test_sharing_a_corrected_card_shares_the_corrected_score(bot: Bot) -> None:
    _, call = edit_form(bot)
    submit(bot, call["view"], base="250k", region="London")
    bot.settle()
    (scored,) = bot.fake.responses("card")
    press(bot, named(scored, "Share my full score (shows my figures)"), "share-corrected")
    bot.settle()
    shared = bot.fake.responses("share-corrected")[0]
    assert shared["response_type"] == "in_channel" and "£250,000" in shared["text"]


def test_edit_after_the_paste_expired_says_so(bot: Bot) -> None:
    _, card = bot.command("/offer", OFFER)
    bot.clock[0] += MemoryPastes.LIFETIME + 1
    press(bot, named(card, "Edit the figures"), "late")
    bot.settle()
    (told,) = bot.fake.responses("late")
    assert "Paste it again" in told["text"] and bot.fake.sent("views.open") == []


def test_a_form_that_cannot_open_is_said(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    _, card = bot.command("/offer", OFFER)
    bot.fake.fail("views.open", "expired_trigger_id")
    press(bot, named(card, "Edit the figures"), "no-form")
    bot.settle()
    (told,) = bot.fake.responses("no-form")
    assert "couldn't open the form" in told["text"]
    assert "Slack views.open failed: expired_trigger_id (edit.open)" in failures(caplog)


def test_an_offer_no_guide_was_found_for_can_be_edited_to_name_one(bot: Bot) -> None:
    _, card = bot.command("/offer", "they offered 180k base and 10% bonus")
    assert "Here is what I read" in rq.shown(card)
    press(bot, named(card, "Edit the figures"), "unknown")
    view = opened(bot)["view"]
    assert pl.values_of(view)["guide"] == "" and pl.values_of(view)["base"] == "180000"
    status, answer = submit(bot, view)
    assert answer["errors"] == {"guide": "Name the company and role."}
    status, answer = submit(bot, view, guide="amazon sde ii", region="Seattle")
    assert status == 200 and answer == {}
    bot.settle()
    (scored,) = bot.fake.responses("unknown")
    assert "SDE II at Amazon" in scored["text"] and "Base: $180,000" in scored["text"]


# -- /offer with no text -------------------------------------------------------------------


def test_offer_with_no_text_opens_the_empty_form(bot: Bot) -> None:
    status, body = bot.command("/offer", "", url="empty")
    assert status == 200 and body == {}, "the ack says nothing; the form opens"
    call = opened(bot)
    assert call["trigger_id"] == "1.2.3", "the command's trigger_id"
    view = call["view"]
    assert set(pl.values_of(view).values()) == {""}
    assert decode_context(view["private_metadata"]) == FormContext(
        rq.CHANNEL, None, bot.fake.response_url("empty"), replace=False
    )
    submit(bot, view, guide="segment cdp", region="London", base="150k", stock_total="150k")
    bot.settle()
    (answer,) = bot.fake.responses("empty")
    assert answer["replace_original"] is False and answer["response_type"] == "ephemeral"
    assert "Your offer: AI CDP Platform Engineer at Segment — London" in rq.shown(answer)


# -- Share: confirmed, posted once -----------------------------------------------------------


def test_share_asks_first_posts_once_and_replaces_the_card(bot: Bot) -> None:
    _, card = bot.command("/offer", OFFER)
    full = named(card, "Share my full score (shows my figures)")
    assert full["confirm"]["confirm"]["text"] == "Share"
    for _ in range(2):  # a double click: the second arrives before the card is replaced
        press(bot, full, "share", message_ts="1700000200.000100")
    bot.settle()
    shared = [r for r in bot.fake.responses("share") if r.get("response_type") == "in_channel"]
    assert len(shared) == 1, "posted once"
    assert shared[0]["blocks"][0]["elements"][0]["text"] == "Shared by <@U0SAM>"
    assert "Counter with" in rq.shown(shared[0])
    (card_after,) = [r for r in bot.fake.responses("share") if r.get("replace_original")]
    labels = [b["text"]["text"] for b in rq.buttons(card_after)]
    assert labels == ["Edit the figures"], "no Share button left to press again"
    assert "Shared in the channel" in rq.shown(card_after)


def test_sharing_the_bands_of_an_offer_shows_none_of_its_figures(bot: Bot) -> None:
    _, card = bot.command("/offer", OFFER)
    press(bot, named(card, "Share the guide's bands (none of your figures)"), "bands")
    bot.settle()
    shared, card_after = bot.fake.responses("bands")
    assert shared["response_type"] == "in_channel"
    text = rq.shown(shared)
    assert "New York" in text and "Shared by <@U0SAM>" in text
    for figure in ("205", "240", "30K", "$30,000"):
        assert figure not in text, f"{figure} is the user's, not the guide's"
    assert card_after["replace_original"] is True
    assert "Base: $205,000" in rq.shown(card_after), "the private card is put back"


# -- did you mean ---------------------------------------------------------------------------


def test_an_ambiguous_lookup_is_answered_by_a_click_in_place(bot: Bot) -> None:
    _, message = bot.command("/comp", "segment london")
    labels = [b["text"]["text"] for b in rq.buttons(message)]
    assert labels == [
        "Segment · AI CDP Platform Engineer · London",
        "Segment · Data Engineer · San Francisco, Dublin",
    ]
    press(bot, rq.buttons(message)[0], "pick")
    bot.settle()
    (answer,) = bot.fake.responses("pick")
    assert answer["replace_original"] is True and "£138K–£170K" in rq.shown(answer)


def test_an_unknown_company_offers_the_nearest_guides_as_buttons(bot: Bot) -> None:
    _, message = bot.command("/levers", "airbnb staff engineer")
    buttons = rq.buttons(message)
    assert 1 <= len(buttons) <= 5
    assert all(b["text"]["text"].count(" · ") == 2 for b in buttons)
    press(bot, buttons[0], "nearest")
    bot.settle()
    (answer,) = bot.fake.responses("nearest")
    assert "Negotiating" in rq.shown(answer)


def test_a_long_pasted_offer_still_gets_its_region_buttons(bot: Bot) -> None:
    ruler = "\n".join(["-" * 60] * 60)  # an email's rulers: long, and no words to misread
    long = f"{NO_REGION}\n{ruler}\nThanks, and looking forward to the garden office.\n{ruler}"
    assert len(long) > 7000
    bot.event(rq.dm(long), "Ev-long")
    bot.settle()
    (question,) = bot.fake.sent("chat.postMessage")
    picks = [b for b in rq.buttons(question) if b["action_id"].startswith("pick_guide")]
    assert {b["text"]["text"] for b in picks} == {"San Francisco", "New York", "London"}
    assert all(len(b["value"]) < 200 and "garden" not in b["value"] for b in picks)
    press(bot, picks[2], "long", channel=rq.DM_CHANNEL, ephemeral=False)
    bot.settle()
    (scored,) = bot.fake.responses("long")
    assert "Your offer: AI CDP Platform Engineer at Segment — London" in rq.shown(scored)


# -- App Home ---------------------------------------------------------------------------


def home(bot: Bot, event_id: str) -> dict[str, Any]:
    bot.event(pl.home_opened(), event_id)
    bot.settle()
    (published,) = bot.fake.sent("views.publish")
    assert published["user_id"] == rq.USER
    return dict(published["view"])


def test_home_for_a_member_lists_the_guides_and_nothing_for_admins(bot: Bot) -> None:
    view = home(bot, "Ev-home-member")
    text = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert "Guides (8)" in text and "*Segment* · AI CDP Platform Engineer" in text
    assert "/offer amazon" in text, "examples from the loaded guides"
    assert "review due since" in text, "stale guides are marked"
    assert "For workspace admins" not in text and "airbnb" not in text
    assert [c["user"] for c in bot.fake.sent("users.info")] == [rq.USER]


def test_home_for_an_admin_adds_problems_and_misses(bot: Bot) -> None:
    bot.fake.admins.add(rq.USER)
    view = home(bot, "Ev-home-admin")
    text = json.dumps(view, ensure_ascii=False)
    assert "For workspace admins" in text
    assert "acme-sre.md" in text and "/srv/guides" not in text, "the file, not the server's path"
    assert "airbnb · staff engineer — 9 asks by 4 people" in text


def test_the_admin_answer_is_cached_and_a_failure_is_the_member_view(
    bot: Bot, coach: Coach
) -> None:
    bot.fake.owners.add(rq.USER)
    home(bot, "Ev-home-1")
    bot.fake.clear()
    assert "For workspace admins" in json.dumps(home(bot, "Ev-home-2"))
    assert bot.fake.sent("users.info") == [], "asked once, remembered briefly"
    fresh = build(bot.fake, coach, problems=lambda: PROBLEMS)
    bot.fake.clear()
    bot.fake.fail("users.info", "ratelimited")
    fresh.event(pl.home_opened(), "Ev-home-3")
    fresh.settle()
    (published,) = bot.fake.sent("views.publish")
    assert "For workspace admins" not in json.dumps(published["view"])
    fresh.work.drain(5)


# -- a revised offer in the same conversation ---------------------------------------------

FIRST = "segment cdp nyc: 205k base, 240k RSUs over 4 years, 10% bonus"
REVISED = "segment cdp nyc: 215k base, 240k RSUs over 4 years, 10% bonus, 20k signing"


def dm_cards(bot: Bot, *texts: str, user: str = rq.USER, **extra: Any) -> list[dict[str, Any]]:
    for i, text in enumerate(texts):
        bot.event(
            rq.dm(text, user=user, ts=f"170000{i}.0001", **extra), f"Ev-{user}-{i}-{text[:9]}"
        )
        bot.settle()
    return bot.fake.sent("chat.postMessage")[-len(texts) :]


def test_a_revised_offer_in_a_dm_shows_what_changed(bot: Bot) -> None:
    first, revised = dm_cards(bot, FIRST, REVISED)
    assert "What changed" not in rq.shown(first)
    change = [b for b in revised["blocks"] if "What changed" in json.dumps(b)]
    assert len(change) == 1
    line = change[0]["text"]["text"]
    assert "base +$10K" in line and "signing bonus now $20K" in line
    assert "score " in line and " -&gt; " in line
    assert "Since your last offer in this conversation" in revised["text"]


def test_revisions_stay_within_one_person_and_one_conversation(bot: Bot) -> None:
    dm_cards(bot, FIRST)
    (other_person,) = dm_cards(bot, REVISED, user="U0BOB")
    assert "What changed" not in rq.shown(other_person)
    (other_thread,) = dm_cards(bot, REVISED, thread_ts="1699999999.0001")
    assert "What changed" not in rq.shown(other_thread)


def test_revisions_are_kept_in_the_database(fake: FakeSlack, coach: Coach, tmp_path: Path) -> None:
    fake.clear()
    store = Store.open(Settings(database_url=f"sqlite:///{tmp_path / 'state.db'}"))
    try:
        first = build(fake, coach, state=store.state)
        dm_cards(first, FIRST)
        first.work.drain(5)
        second = build(fake, coach, state=store.state)  # another process, the same database
        (revised,) = dm_cards(second, REVISED)
        second.work.drain(5)
        assert "base +$10K" in rq.shown(revised)
        key = Conversation(rq.TEAM, rq.DM_CHANNEL, None, rq.USER).key()
        kept = store.state.get(key)
        assert kept is not None and kept["base"] == 215_000 and kept["signing"] == 20_000
        assert "RSUs" not in json.dumps(kept), "the figures and the score, never the paste"
    finally:
        store.close()


def test_a_response_url_too_long_to_carry_still_gets_the_answer(bot: Bot) -> None:
    _, card = bot.command("/offer", OFFER)
    long_name = "x" * 1500
    press(bot, named(card, "Edit the figures"), long_name)
    view = opened(bot)["view"]
    assert len(view["private_metadata"]) < 200
    assert decode_context(view["private_metadata"]) == FormContext(rq.CHANNEL)
    submit(bot, view, base="230k")
    bot.settle()
    (sent,) = bot.fake.sent("chat.postEphemeral", ok=True)
    assert sent["channel"] == rq.CHANNEL and sent["user"] == rq.USER
    assert "Base: $230,000" in sent["text"]


def test_a_did_you_mean_in_a_thread_is_answered_in_that_thread(bot: Bot) -> None:
    bot.event(rq.mention("what does segment pay in london?"), "Ev-thread-pick")
    bot.settle()
    (question,) = bot.fake.sent("chat.postMessage")
    assert question["thread_ts"] == "1700000001.000200" and rq.buttons(question)
    thread = question["thread_ts"]
    press(bot, rq.buttons(question)[0], "thread", ephemeral=False, thread_ts=thread)
    bot.settle()
    (answer,) = bot.fake.responses("thread")
    assert answer["replace_original"] is True, "the question in the thread becomes the answer"
    assert "£138K–£170K" in rq.shown(answer)
    assert [b["action_id"] for b in rq.buttons(answer)] == [], "no Share under a public answer"


def test_a_pick_whose_card_expired_is_answered_beside_it_in_its_thread(bot: Bot) -> None:
    bot.event(rq.mention("what does segment pay in london?"), "Ev-thread-expired")
    bot.settle()
    (question,) = bot.fake.sent("chat.postMessage")
    thread = question["thread_ts"]
    bot.fake.fail_response("expired_url", 404)
    press(bot, rq.buttons(question)[0], "gone", thread_ts=thread)
    bot.settle()
    (beside,) = bot.fake.sent("chat.postEphemeral", ok=True)
    assert beside["thread_ts"] == thread, "not in the channel, away from the discussion"
    assert beside["user"] == rq.USER and "£138K–£170K" in rq.shown(beside)

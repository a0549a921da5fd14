"""End to end: the coaching flows through `python -m bot serve --http` (a subprocess), real
signed block_actions, view_submission and event requests over HTTP, and the fake Web API
(views.open, views.publish, users.info, chat.postMessage, response_url posts)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.render.actions import decode_context
from bot.testing import requests as rq
from bot.testing.slack_fake import FakeSlack
from tests.slack import payloads as pl
from tests.slack.test_e2e import OFFER, Server, command, event, post, start, stop


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server(fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(fake, tmp_path_factory.mktemp("coaching"))
    yield running
    stop(running)


@pytest.fixture(autouse=True)
def _fresh_calls(fake: FakeSlack) -> None:
    fake.clear()


def press(server: Server, fake: FakeSlack, button: dict[str, Any], url: str, **kw: Any) -> int:
    payload = pl.press(button, response_url=fake.response_url(url), **kw)
    return post(server, pl.body(payload), rq.FORM)[0]


def submit(server: Server, view: dict[str, Any], **typed: str) -> tuple[int, dict[str, Any]]:
    status, raw = post(server, pl.body(pl.submission(view, **typed)), rq.FORM)
    return status, (json.loads(raw) if raw.strip() else {})


def named(message: dict[str, Any], label: str) -> dict[str, Any]:
    (found,) = [b for b in rq.buttons(message) if b["text"]["text"] == label]
    return found


def opened(fake: FakeSlack) -> dict[str, Any]:
    (call,) = fake.wait_for("views.open")
    return call


def test_a_misread_figure_is_fixed_in_the_form_and_rescored_in_place(
    server: Server, fake: FakeSlack
) -> None:
    _, card = command(server, fake, "/offer", OFFER)
    assert "Here is what I read" in card["blocks"][1]["text"]["text"]
    started = time.perf_counter()
    assert press(server, fake, named(card, "Edit the figures"), "card") == 200
    call = opened(fake)
    assert time.perf_counter() - started < 3.0, "views.open inside the trigger's 3 seconds"
    view = call["view"]
    assert pl.values_of(view)["base"] == "205000"
    assert decode_context(view["private_metadata"]) is not None
    assert "205" not in view["private_metadata"]

    status, errors = submit(server, view, base="lots", stock_years="3/3")
    assert status == 200 and errors["response_action"] == "errors"
    assert set(errors["errors"]) == {"base", "stock_years"}
    time.sleep(0.3)
    assert fake.responses("card") == [], "nothing re-scored while a field is wrong"

    status, closed = submit(server, view, base="225000")
    assert status == 200 and closed == {}
    (scored,) = fake.wait_for_response("card")
    assert scored["replace_original"] is True
    assert "Base: $225,000" in scored["text"] and "Base: $205,000" not in scored["text"]
    logs = server.logs()  # the figure in any form it could be logged; "225" alone is a timestamp's
    assert "Traceback" not in logs and not any(f in logs for f in ("225000", "225,000", "225K"))


def test_offer_with_no_text_opens_the_form_empty(server: Server, fake: FakeSlack) -> None:
    status, body = command(server, fake, "/offer", "  ")
    assert status == 200 and body == {"raw": ""}
    call = opened(fake)
    assert call["trigger_id"] == "1.2.3"
    assert set(pl.values_of(call["view"]).values()) == {""}


def test_share_needs_a_confirmation_and_posts_once(server: Server, fake: FakeSlack) -> None:
    _, card = command(server, fake, "/offer", OFFER)
    full = named(card, "Share my full score (shows my figures)")
    assert full["confirm"]["title"]["text"] == "Share in the channel?"
    for _ in range(3):
        assert press(server, fake, full, "share", message_ts="1700000300.000100") == 200
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(fake.responses("share")) < 2:
        time.sleep(0.02)
    time.sleep(0.3)  # room for a second post, were there one
    posted = [r for r in fake.responses("share") if r.get("response_type") == "in_channel"]
    assert len(posted) == 1
    assert posted[0]["blocks"][0]["elements"][0]["text"] == "Shared by <@U0SAM>"
    (replaced,) = [r for r in fake.responses("share") if r.get("replace_original")]
    assert not [b for b in rq.buttons(replaced) if b["action_id"].startswith("share")]


def test_did_you_mean_is_a_click(server: Server, fake: FakeSlack) -> None:
    _, choice = command(server, fake, "/comp", "segment")
    first = rq.buttons(choice)[0]
    assert first["text"]["text"].startswith("Segment · ")
    press(server, fake, first, "pick")
    (answer,) = fake.wait_for_response("pick")
    assert answer["replace_original"] is True and "Base" in rq.shown(answer)


def test_app_home_is_published_on_app_home_opened(server: Server, fake: FakeSlack) -> None:
    assert event(server, pl.home_opened(), "Ev-home-e2e") == 200
    (published,) = fake.wait_for("views.publish")
    text = json.dumps(published["view"], ensure_ascii=False)
    assert published["view"]["type"] == "home" and "Guides (8)" in text
    assert fake.sent("users.info"), "asked whether the user is an admin"
    assert "For workspace admins" not in text


def test_a_revised_offer_in_a_dm_shows_what_changed(server: Server, fake: FakeSlack) -> None:
    first = "segment cdp nyc: 205k base, 240k RSUs over 4 years, 10% bonus"
    revised = "segment cdp nyc: 215k base, 240k RSUs over 4 years, 10% bonus"
    event(server, rq.dm(first, user="U0REV"), "Ev-rev-1")
    fake.wait_for("chat.postMessage")
    event(server, rq.dm(revised, user="U0REV", ts="1700000002.0001"), "Ev-rev-2")
    _, second = fake.wait_for("chat.postMessage", count=2)
    assert "What changed" in rq.shown(second) and "base +$10K" in rq.shown(second)

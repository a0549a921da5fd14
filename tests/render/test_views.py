"""Views: the offer form and the App Home, as golden files, within Slack's view limits."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.coach import Coach
from bot.coach.form import FIELDS, MAX_VALUE_CHARS, prefill
from bot.coach.replies import Miss, OfferReply
from bot.guides import Library, parse_guide
from bot.guides.model import Problem, Severity
from bot.index import GuideIndex
from bot.render.actions import MAX_METADATA, FormContext, decode_context
from bot.render.views import MAX_VIEW_BLOCKS, home_view, offer_form

WHERE = FormContext("C0HIRING", "1700000000.000100", "https://hooks.slack.com/actions/T1/1/x", True)
PROBLEMS = (
    Problem("guides/acme-sre.md", Severity.WARNING, "no Negotiate Up section"),
    Problem("/srv/guides/broken.md", Severity.ERROR, "frontmatter is not YAML <script>"),
)
MISSES = (Miss("airbnb", "staff engineer", 9, 4), Miss("", "data scientist", 3, 3))


@pytest.fixture(scope="module")
def coach(library: Library) -> Coach:
    return Coach(GuideIndex(library.guides), today=lambda: date(2026, 11, 28))


def modal_limits_hold(view: dict[str, Any]) -> None:
    assert view["type"] == "modal" and len(view["blocks"]) <= MAX_VIEW_BLOCKS
    for key in ("title", "submit", "close"):
        assert 0 < len(view[key]["text"]) <= 24
    assert len(view["private_metadata"]) <= MAX_METADATA
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert len({b["block_id"] for b in inputs}) == len(inputs)
    for block in inputs:
        element = block["element"]
        assert len(element.get("initial_value", "")) <= element["max_length"]


def test_golden_offer_form(coach: Coach, golden: Any) -> None:
    reply = coach.offer(
        "segment cdp nyc: 205k base, 240k RSUs vesting 25/25/25/25, 10% bonus"
    ).reply
    assert isinstance(reply, OfferReply)
    a = reply.assessment
    view = offer_form(prefill(a.offer, a.guide, a.band.region), WHERE, read=True)
    modal_limits_hold(view)
    golden.check("blocks/offer_form.json", view)


def test_golden_empty_offer_form(golden: Any) -> None:
    where = FormContext("C0HIRING", None, "https://hooks.slack.com/commands/T1/2/y", False)
    view = offer_form(prefill(None, None, None), where, read=False)
    modal_limits_hold(view)
    assert all("initial_value" not in b["element"] for b in view["blocks"] if b["type"] == "input")
    golden.check("blocks/offer_form_empty.json", view)


def test_the_form_carries_where_its_answer_goes_and_no_figure(coach: Coach) -> None:
    offer = coach.offer("segment cdp london: £151,234 base").reply
    assert isinstance(offer, OfferReply)
    view = offer_form(prefill(offer.assessment.offer, None, "London"), WHERE, read=True)
    assert decode_context(view["private_metadata"]) == WHERE
    assert "151" not in view["private_metadata"]
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == [
        f.key for f in FIELDS
    ]


def test_a_value_longer_than_the_field_is_cut_to_fit() -> None:
    view = offer_form({"guide": "x" * 500}, WHERE, read=True)
    modal_limits_hold(view)
    (guide,) = [b for b in view["blocks"] if b.get("block_id") == "guide"]
    assert len(guide["element"]["initial_value"]) == MAX_VALUE_CHARS


def test_golden_home_for_a_member(coach: Coach, golden: Any) -> None:
    view = home_view(coach.home(admin=False, problems=PROBLEMS, misses=MISSES))
    text = json.dumps(view, ensure_ascii=False)
    assert "For workspace admins" not in text and "airbnb" not in text
    golden.check("blocks/home_member.json", view)


def test_golden_home_for_an_admin(coach: Coach, golden: Any) -> None:
    view = home_view(coach.home(admin=True, problems=PROBLEMS, misses=MISSES))
    text = json.dumps(view, ensure_ascii=False)
    assert text.index("broken.md") < text.index("acme-sre.md"), "errors first"
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "/srv/guides" not in text
    golden.check("blocks/home_admin.json", view)


def test_the_home_marks_stale_guides(coach: Coach) -> None:
    view = home_view(coach.home())
    (line,) = [
        line
        for block in view["blocks"]
        if block["type"] == "section"
        for line in block["text"]["text"].splitlines()
        if "AI CDP" in line
    ]
    assert ":warning: *review due since 23 May 2026*" in line
    assert "San Francisco, New York, London" in line


def test_the_home_keeps_within_100_blocks_and_keeps_the_admin_part(library: Library) -> None:
    base = library.guides[0]
    text = base.body
    many = [
        parse_guide(
            f"---\ncompany: Co{i}\nrole: Engineer {'x' * 200}\nbase_salary:\n  london: 100k-120k\n---\n{text}"
        ).guide
        for i in range(400)
    ]
    coach = Coach(GuideIndex(many), today=lambda: date(2026, 11, 28))
    problems = tuple(Problem(f"g{i}.md", Severity.ERROR, "broken " * 60) for i in range(200))
    misses = tuple(Miss(f"company{i}", "engineer", 10, 5) for i in range(300))
    view = home_view(coach.home(admin=True, problems=problems, misses=misses, limit=400))
    assert len(view["blocks"]) <= MAX_VIEW_BLOCKS
    raw = json.dumps(view)
    assert "For workspace admins" in raw and "python -m bot lint" in raw
    for block in view["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000

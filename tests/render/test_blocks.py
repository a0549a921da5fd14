"""Rendered messages: golden files for each reply, Slack's limits, and escaping."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.coach import Coach
from bot.coach.replies import LeversReply, ProblemReply, Reply
from bot.guides import Library, parse_guide
from bot.index import GuideIndex
from bot.render.blocks import MAX_BLOCKS, MAX_HEADER, MAX_SECTION, esc, render_blocks
from bot.render.text import render_text

QUERIES = {
    "bands_london": ("comp", "segment cdp london"),
    "bands_all": ("comp", "google senior swe"),
    "levers": ("levers", "segment cdp"),
    "offer_negotiate": (
        "offer",
        "segment cdp: $200K base, $200K RSUs over 4 years, 10% bonus, San Francisco",
    ),
    "offer_london": ("offer", "segment cdp: £150k base, £150k RSUs/4, 10% bonus"),
    "offer_two": (
        "offer",
        "Original offer: 180k base, 10% bonus. Revised: 195k base, 12% bonus, 20k signing. amazon sde ii seattle",
    ),
    "choose": ("comp", "segment"),
    "not_found": ("comp", "airbnb staff engineer"),
    "help": ("ask", "help"),
    "problem": ("offer", "segment cdp: lol"),
    "region_question": ("offer", "segment cdp: 200k base, 200k RSUs over 4 years"),
}


@pytest.fixture(scope="module")
def coach(library: Library) -> Coach:
    return Coach(GuideIndex(library.guides), today=lambda: date(2026, 11, 28))


def reply_for(coach: Coach, name: str) -> Reply:
    method, text = QUERIES[name]
    return getattr(coach, method)(text).reply  # type: ignore[no-any-return]


def limits_hold(message: dict[str, Any]) -> None:
    blocks = message["blocks"]
    assert message["text"].strip(), "a text fallback for notifications and screen readers"
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION
            assert len(block.get("fields", [])) <= 10
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER
        if block["type"] == "actions":
            for element in block["elements"]:
                assert len(element["text"]["text"]) <= 75 and len(element["value"]) <= 2000


@pytest.mark.parametrize("name", list(QUERIES))
def test_golden_blocks(coach: Coach, golden: Any, name: str) -> None:
    message = render_blocks(reply_for(coach, name), share=f"/cmd {name}")
    limits_hold(message)
    golden.check(f"blocks/{name}.json", message)


@pytest.mark.parametrize("name", list(QUERIES))
def test_golden_text(coach: Coach, golden: Any, name: str) -> None:
    golden.check(f"text/{name}.txt", render_text(reply_for(coach, name)))


def test_share_button_only_on_answers_worth_sharing(coach: Coach) -> None:
    def actions(name: str) -> list[str]:
        message = render_blocks(reply_for(coach, name), share="/comp x")
        return [
            e["action_id"]
            for b in message["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
        ]

    assert actions("bands_london") == ["share_in_channel"]
    assert actions("help") == []
    assert all(a.startswith("pick_guide") for a in actions("choose"))


def test_offer_share_button_says_it_shows_figures(coach: Coach) -> None:
    message = render_blocks(reply_for(coach, "offer_negotiate"), share="/offer x")
    labels = [
        e["text"]["text"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert labels == ["Share in channel (shows your figures)"]


def test_an_offer_shows_each_component_as_a_bar(coach: Coach) -> None:
    text = json.dumps(render_blocks(reply_for(coach, "offer_negotiate")), ensure_ascii=False)
    assert "▕─●────────▏" in text  # base at 19% of its band
    assert "●▕──────────▏" in text  # total comp below its band


def test_long_answers_are_trimmed_within_limits() -> None:
    levers = "\n".join(f'{i}. **Lever {i} {"x" * 200}:** "{"y" * 5000}"' for i in range(1, 81))
    text = f"---\ncompany: acme\nrole: {'r' * 400}\n---\n## Levers\n{levers}\n"
    guide = parse_guide(text).guide
    assert len(guide.levers) == 80
    message = render_blocks(LeversReply(guide))
    limits_hold(message)
    assert any("trimmed" in b.get("text", {}).get("text", "") for b in message["blocks"])


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_user_text_can_never_become_a_mention_or_link(text: str) -> None:
    message = render_blocks(ProblemReply(f"I couldn't read {text}", (text,)))
    raw = json.dumps(message, ensure_ascii=False)
    assert "<" not in raw and ">" not in raw.replace("&gt;", "")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("a & b", "a &amp; b"),
        ("<@U1|x>", "&lt;@U1|x&gt;"),
        ("&lt;", "&amp;lt;"),
    ],
)
def test_esc(text: str, escaped: str) -> None:
    assert esc(text) == escaped

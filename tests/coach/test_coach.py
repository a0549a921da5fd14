"""The coach: one answer for DMs, mentions, slash commands and the terminal."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.chat import run_chat
from bot.cli import main
from bot.coach import Coach
from bot.coach.intent import Intent
from bot.coach.replies import (
    BandsReply,
    ChooseReply,
    HelpReply,
    LeversReply,
    Miss,
    NotFoundReply,
    OfferReply,
    ProblemReply,
    RegionReply,
)
from bot.guides import Library, Problem, Severity
from bot.index import GuideIndex
from bot.render.blocks import render_blocks
from bot.render.text import render_text
from tests.conftest import GUIDES


@pytest.fixture(scope="module")
def coach(library: Library) -> Coach:
    return Coach(GuideIndex(library.guides), today=lambda: date(2026, 11, 28))


def test_bands_for_one_region_with_the_stale_warning(coach: Coach) -> None:
    answer = coach.comp("segment cdp london")
    reply = answer.reply
    assert isinstance(reply, BandsReply)
    assert [b.region for b in reply.bands] == ["London"]
    assert reply.stale_since == date(2026, 5, 23)
    text = render_text(reply)
    assert "£138K–£170K" in text and "$192K" not in text
    assert "Data due for review since 23 May 2026" in text


def test_bands_for_every_region_when_none_named(coach: Coach) -> None:
    reply = coach.comp("segment ai cdp").reply
    assert isinstance(reply, BandsReply)
    assert [b.region for b in reply.bands] == ["San Francisco", "New York", "London"]


def test_region_the_guide_lacks_shows_all_and_says_so(coach: Coach) -> None:
    reply = coach.comp("segment cdp berlin").reply
    assert isinstance(reply, BandsReply)
    assert reply.region_missing and len(reply.bands) == 3
    assert "No Berlin figures in this guide" in render_text(reply)


def test_levers(coach: Coach) -> None:
    reply = coach.levers("segment cdp").reply
    assert isinstance(reply, LeversReply)
    text = render_text(reply)
    assert "Intersection Scarcity Premium" in text
    assert "Threshold: Accept if above $265K RSUs." in text
    assert "I'd like $282K in Twilio RSUs" in text


@pytest.mark.parametrize(
    ("text", "intent", "reply_type"),
    [
        ("what does Segment pay AI CDP engineers in New York?", Intent.BAND, BandsReply),
        ("any levers for the segment cdp role?", Intent.LEVERS, LeversReply),
        (
            "segment cdp: 200k base, 200k RSUs over 4 years, 10% bonus, San Francisco",
            Intent.OFFER,
            OfferReply,
        ),
        ("hi", Intent.HELP, HelpReply),
        ("segment", Intent.BAND, ChooseReply),
        ("what does airbnb pay staff engineers?", Intent.BAND, NotFoundReply),
    ],
)
def test_sentences_are_routed(coach: Coach, text: str, intent: Intent, reply_type: type) -> None:
    answer = coach.ask(text)
    assert answer.intent is intent
    assert isinstance(answer.reply, reply_type)


def test_offer_region_from_text_then_currency_then_asked(coach: Coach) -> None:
    stated = coach.offer("segment cdp 200k base, 200k RSUs, new york").reply
    assert isinstance(stated, OfferReply) and stated.assessment.band.region == "New York"
    by_currency = coach.offer("segment cdp £150k base, £150k RSUs").reply
    assert isinstance(by_currency, OfferReply) and by_currency.assessment.band.region == "London"
    assert any("GBP region" in n for n in by_currency.notes)
    asked = coach.offer("segment cdp 200k base, 200k RSUs").reply
    assert isinstance(asked, RegionReply)
    assert "Which region" in asked.question and asked.regions == (
        "San Francisco",
        "New York",
        "London",
    )
    picked = coach.offer(asked.text, guide_id=asked.guide.id, region=asked.regions[1]).reply
    assert isinstance(picked, OfferReply) and picked.assessment.band.region == "New York"


def test_offer_with_an_explicit_guide_and_region(coach: Coach) -> None:
    reply = coach.offer(
        "200k base, 10% bonus", guide_id="segment/data-engineer", region="Dublin"
    ).reply
    assert isinstance(reply, OfferReply)
    assert "no currency written: read the figures as EUR (Dublin)" in reply.assessment.assumptions
    reply = coach.offer(
        "€100k base, 10% bonus", guide_id="segment/data-engineer", region="Dublin"
    ).reply
    assert isinstance(reply, OfferReply) and reply.assessment.band.region == "Dublin"


def test_offer_for_an_unknown_guide_asks_which(coach: Coach) -> None:
    reply = coach.offer("200k base, 100k RSUs").reply
    assert isinstance(reply, ProblemReply)
    assert "Which company and role" in reply.message
    bad_id = coach.offer("200k base", guide_id="nope/nope").reply
    assert isinstance(bad_id, ProblemReply) and "no guide with the id" in bad_id.message


@pytest.mark.parametrize(
    ("paste", "named"),
    [
        ("zorblax swe 185k base", "zorblax"),
        (
            "Hi team, lovely chatting today. The office is wonderful. We are pleased to offer "
            "a base salary of $185,000 and a signing bonus of $20,000.",
            None,
        ),
    ],
)
def test_an_unknown_company_is_named_back_but_a_letters_prose_is_not(
    coach: Coach, paste: str, named: str | None
) -> None:
    reply = coach.offer(paste).reply
    assert isinstance(reply, ProblemReply) and "Which company and role" in reply.message
    if named is None:
        assert "I don't have a guide for" not in reply.message
    else:
        assert f"I don't have a guide for {named})" in reply.message


def test_help_examples_come_from_the_loaded_guides(coach: Coach) -> None:
    reply = coach.help().reply
    assert isinstance(reply, HelpReply) and reply.guide_count == 8
    first = coach.index.guides[0]
    assert all(first.company_display.lower() in e.lower() for e in reply.examples)
    for example in reply.examples[:3]:
        command, _, rest = example.partition(" ")
        routed = {"/comp": coach.comp, "/levers": coach.levers, "/offer": coach.offer}[command](
            rest
        )
        assert not isinstance(routed.reply, NotFoundReply | ChooseReply | HelpReply), example


@pytest.mark.parametrize("text", ["", "   ", "help", "?"])
def test_empty_commands_explain_usage(coach: Coach, text: str) -> None:
    for command in (coach.comp, coach.levers, coach.offer):
        assert isinstance(command(text).reply, HelpReply)


def test_overlong_questions_are_refused_politely(coach: Coach) -> None:
    reply = coach.comp("segment " * 1000).reply
    assert isinstance(reply, ProblemReply) and "longer than I read" in reply.message


def cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main([*argv, "--guides", str(GUIDES)], out)
    return code, out.getvalue()


def test_cli_ask_json_shape() -> None:
    code, out = cli("ask", "twilio's segment ai cdp role, LDN", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"intent", "status", "matches", "region", "text"}
    assert (data["intent"], data["status"], data["region"]) == ("band", "match", "London")
    assert data["matches"][0] == {
        "guide_id": "segment/ai-cdp-platform-engineer",
        "company": "Segment",
        "role": "AI CDP Platform Engineer",
        "score": data["matches"][0]["score"],
    }
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("text", "status"),
    [("segment", "ambiguous"), ("airbnb staff engineer", "none"), ("segment cdp", "match")],
)
def test_cli_ask_json_statuses(text: str, status: str) -> None:
    assert json.loads(cli("ask", text, "--json")[1])["status"] == status


def test_cli_offer_json_shape() -> None:
    code, out = cli(
        "offer",
        "$200K base, $200K RSUs over 4 years, 10% bonus",
        "--guide",
        "segment/ai-cdp-platform-engineer",
        "--region",
        "San Francisco",
        "--json",
    )
    data: dict[str, Any] = json.loads(out)
    assert code == 0
    for key in (
        "offer",
        "other_offers",
        "guide_id",
        "region",
        "verdict",
        "score",
        "meets_threshold",
        "counter",
        "assumptions",
        "warnings",
    ):
        assert key in data
    assert set(data["offer"]) >= {
        "currency",
        "base",
        "stock_total",
        "stock_years",
        "stock_per_year",
        "vesting",
        "bonus_pct",
        "bonus_amount",
        "signing",
    }
    assert data["offer"]["signing"] is None  # not mentioned: null, not 0
    assert (data["guide_id"], data["region"], data["verdict"], data["meets_threshold"]) == (
        "segment/ai-cdp-platform-engineer",
        "San Francisco",
        "negotiate",
        False,
    )
    assert data["counter"]["stock_total"] >= 282_000
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100


@pytest.mark.parametrize(
    ("text", "guide_id", "candidates"),
    [
        # the guide is known, its region is not: asked, and what was read is shown
        (
            "segment ai cdp: 205k base, 240k RSUs over 4 years",
            "segment/ai-cdp-platform-engineer",
            ["segment/ai-cdp-platform-engineer"],
        ),
        # several guides fit: the candidates sit beside the offer
        ("segment: 205k base, 240k RSUs over 4 years", None, None),
    ],
)
def test_cli_offer_json_shows_what_was_read_when_it_cannot_score(
    text: str, guide_id: str | None, candidates: list[str] | None
) -> None:
    code, out = cli("offer", text, "--guides", str(GUIDES), "--json")
    data = json.loads(out)
    assert code == 1
    assert data["error"]
    assert (data["offer"]["base"], data["offer"]["stock_total"]) == (205_000, 240_000)
    assert data["guide_id"] == guide_id and data["verdict"] is None and data["score"] is None
    if candidates is not None:
        assert data["candidates"][: len(candidates)] == candidates
    else:
        assert len(data["candidates"]) >= 2


def test_the_terminal_answer_shows_what_was_read_before_asking(coach: Coach) -> None:
    text = render_text(coach.offer("segment: 205k base, 240k RSUs over 4 years").reply)
    read, question = text.split("\n\n", 1)
    assert read.startswith("Here is what I read")
    assert "Base: 205,000" in read and "Stock: 240,000 over 4 years" in read
    assert "Several guides fit" in question


def test_cli_offer_bad_input_is_a_message_and_exit_1() -> None:
    code, out = cli("offer", "lol no idea", "--json")
    assert code == 1
    assert "couldn't find pay figures" in json.loads(out)["error"]
    code, out = cli("offer", "")
    assert code == 1 and "/offer <pasted offer>" in out


def test_chat_answers_commands_and_sentences_from_a_pipe(coach: Coach) -> None:
    out = io.StringIO()
    stream = io.StringIO("/comp segment cdp nyc\nany levers for segment data?\n\nquit\nsegment\n")
    assert run_chat(coach, stream, out) == 0
    text = out.getvalue()
    assert "New York (USD)" in text
    assert "Pipeline Ownership" in text
    assert "Several guides fit" not in text, "stops at quit"


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        return found + [t for key, value in node.items() if key != "value" for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


_SLACKY = st.sampled_from(
    [
        "<!channel>",
        "<!here>",
        "<@U0BOSS>",
        "<#C1|general>",
        "<https://x.io|x>",
        "&amp;",
        "*bold*",
        "`code`",
        "\u202e",
        "\x00",
        "🙃",
    ]
)


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    parts=st.lists(
        st.one_of(
            st.text(max_size=40),
            _SLACKY,
            st.sampled_from(["segment", "cdp", "205k base", "london", "£150k"]),
        ),
        max_size=12,
    )
)
def test_nothing_a_user_types_breaks_the_coach_or_pings(coach: Coach, parts: list[str]) -> None:
    text = " ".join(parts)
    for method in (coach.ask, coach.comp, coach.levers, coach.offer):
        answer = method(text)
        message = render_blocks(answer.reply, share=f"/comp {text}"[:1000])
        shown = " ".join(_texts(message))  # what Slack renders; button values are data
        for ping in ("<!channel>", "<!here>", "<@U0BOSS>", "<!everyone>"):
            assert ping not in shown
        assert message["text"].strip()
        assert render_text(answer.reply).strip()


def test_cli_offer_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO("Base: $200k\nRSUs: $200k over 4 years\nsegment cdp, san francisco\n"),
    )
    code, out = cli("offer", "-", "--json")
    assert code == 0
    assert json.loads(out)["offer"]["base"] == 200_000


def test_a_chatty_paste_still_finds_its_guide(coach: Coach) -> None:
    chat = (
        "hey!! so I finally heard back from segment about the ai cdp role, took forever lol\n"
        "they said the team loved me and the hiring manager was super nice tbh\n"
        "anyway: base is 195k, there's a 12% bonus and 180k in RSUs over 4 years, all in NYC\n"
        "no signing though :( what do you think? should I push back or just take it"
    )
    reply = coach.ask(chat).reply
    assert isinstance(reply, OfferReply)
    assert reply.assessment.guide.id == "segment/ai-cdp-platform-engineer"
    assert reply.assessment.band.region == "New York"
    assert reply.assessment.offer.signing == 0


class CountingIndex(GuideIndex):
    """A real index that counts its lookups."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lookups: list[str] = []

    def lookup(self, text: str, *, region: str | None = None) -> Any:
        self.lookups.append(text)
        return super().lookup(text, region=region)


@pytest.mark.parametrize(
    "text",
    [
        "segment ai cdp nyc: 205k base, 240k RSUs over 4 years, 10% bonus",
        "segment data engineer: 150k base, 100k rsus",
        "some company nobody has a guide for: 205k base, 240k RSUs",
        "what does segment pay ai cdp engineers in london?",
        "any levers for the segment cdp role?",
    ],
)
def test_each_question_is_looked_up_once(library: Library, text: str) -> None:
    index = CountingIndex(library.guides)
    Coach(index).ask(text)
    assert len(index.lookups) == 1, index.lookups


def test_home_lists_guides_and_shows_problems_and_misses_to_admins_only(coach: Coach) -> None:
    problem = Problem("a.md", Severity.ERROR, "YAML syntax error")
    miss = Miss("airbnb", "staff engineer", asks=5, people=3)
    member = coach.home(problems=[problem], misses=[miss])
    assert member.guide_count == len(coach.index.guides) == len(member.guides)
    assert (member.problems, member.misses) == ((), ())
    admin = coach.home(admin=True, problems=[problem], misses=[miss])
    assert (admin.problems, admin.misses) == ((problem,), (miss,))
    # For admins, the guides past review come first.
    stale = [entry.stale_since is not None for entry in admin.guides]
    assert stale == sorted(stale, reverse=True) and any(stale)


def test_a_guide_is_answered_by_its_id_for_buttons(coach: Coach) -> None:
    bands = coach.guide_answer(Intent.BAND, "segment/ai-cdp-platform-engineer", "London")
    assert bands is not None and isinstance(bands.reply, BandsReply)
    assert [b.region for b in bands.reply.bands] == ["London"]
    levers = coach.guide_answer(Intent.LEVERS, "segment/ai-cdp-platform-engineer")
    assert levers is not None and isinstance(levers.reply, LeversReply)
    assert coach.guide_answer(Intent.BAND, "gone/guide") is None

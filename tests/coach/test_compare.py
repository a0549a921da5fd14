"""Offers beside each other: competing offers side by side, revised offers against the last."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from bot.coach import Coach
from bot.coach.compare import Snapshot, revision
from bot.coach.replies import OfferReply
from bot.guides import Library
from bot.index import GuideIndex
from bot.prose.components import Component
from bot.render.text import render_text
from tests.conftest import GUIDES

TWO_COMPANIES = (
    "Google senior software engineer SF offer: 210k base, 300k RSUs over 4 years, 15% bonus. "
    "Competing offer from Stripe backend engineer: 200k base, 200k RSUs, 10% bonus, 30k signing"
)
REVISED = (
    "Original offer: 180k base, 10% bonus. Revised: 195k base, 12% bonus, 20k signing. "
    "amazon sde ii seattle"
)


@pytest.fixture(scope="module")
def coach(library: Library) -> Coach:
    return Coach(GuideIndex(library.guides))


def offer_reply(coach: Coach, text: str) -> OfferReply:
    reply = coach.offer(text).reply
    assert isinstance(reply, OfferReply), reply
    return reply


def test_competing_offers_are_each_scored_against_their_own_guide(coach: Coach) -> None:
    reply = offer_reply(coach, TWO_COMPANIES)
    assert reply.assessment.guide.id == "google/senior-software-engineer"
    [other] = reply.others
    assert other.assessment is not None
    assert other.assessment.guide.id == "stripe/backend-engineer"
    # The other offer names no region: it is scored where the first one is.
    assert other.assessment.band.region == reply.assessment.band.region


def test_side_by_side_ranks_by_four_years_and_names_each_edge(coach: Coach) -> None:
    comparison = offer_reply(coach, TWO_COMPANIES).comparison
    assert comparison is not None and comparison.comparable
    google, stripe = comparison.columns
    assert google.average is not None and stripe.average is not None
    assert comparison.stronger == (0 if google.average > stripe.average else 1)
    # Stripe pays a signing bonus Google does not: a lever in the Google negotiation.
    signing = [e for e in comparison.edges if e.component is Component.SIGNING]
    assert [(e.stronger, e.weaker, e.amount) for e in signing] == [(1, 0, 30_000)]
    # Google's higher base is a lever against Stripe, by the difference.
    base = next(e for e in comparison.edges if e.component is Component.BASE)
    assert (base.stronger, base.weaker, base.gap) == (0, 1, 10_000)


def test_side_by_side_reads_in_the_terminal(coach: Coach) -> None:
    text = render_text(offer_reply(coach, TWO_COMPANIES))
    assert "Side by side" in text
    assert "Negotiating Google, bring up: Stripe's signing bonus $30K" in text


def test_offer_json_other_offers_carry_their_own_guide_verdict_and_score() -> None:
    out = io.StringIO()
    main(["offer", TWO_COMPANIES, "--guides", str(GUIDES), "--json"], out)
    [other] = json.loads(out.getvalue())["other_offers"]
    assert other["guide_id"] == "stripe/backend-engineer"
    assert other["verdict"] in {"accept", "negotiate", "walk_away"}
    assert isinstance(other["score"], int)


def test_an_other_offer_without_a_guide_is_listed_with_nulls() -> None:
    out = io.StringIO()
    text = "Google senior software engineer SF: 210k base, 300k RSUs. Competing offer from Nimbus: 190k base"
    main(["offer", text, "--guides", str(GUIDES), "--json"], out)
    [other] = json.loads(out.getvalue())["other_offers"]
    assert (other["guide_id"], other["verdict"], other["score"]) == (None, None, None)
    assert other["base"] == 190_000


def test_a_revised_offer_shows_what_changed_since_the_original(coach: Coach) -> None:
    reply = offer_reply(coach, REVISED)
    assert reply.comparison is None  # one negotiation, not two offers
    assert reply.revision is not None
    changes = {(c.component, c.is_pct): (c.before, c.after) for c in reply.revision.changes}
    assert changes[(Component.BASE, False)] == (180_000, 195_000)
    assert changes[(Component.BONUS, True)] == (10, 12)
    assert changes[(Component.SIGNING, False)] == (None, 20_000)
    # no stock in either: no score to compare (a score on what was stated would read as one)
    assert not reply.assessment.settled
    assert reply.revision.score_before is None and reply.revision.score_after is None
    assert "Since the original offer: base +$15K" in render_text(reply)
    assert "score" not in render_text(reply).split("Since the original offer")[1].split("\n")[0]


def test_revision_across_pastes_needs_the_same_guide_and_band(coach: Coach) -> None:
    first = offer_reply(coach, "amazon sde ii seattle: 180k base, 10% bonus").assessment
    second = offer_reply(coach, "amazon sde ii seattle: 190k base, 10% bonus, 10k signing")
    previous = Snapshot.of(first)
    change = revision(previous, second.assessment)
    assert change is not None
    assert [(c.component, c.after) for c in change.changes] == [
        (Component.BASE, 190_000),
        (Component.SIGNING, 10_000),
    ]
    elsewhere = replace(previous, guide_id="google/senior-software-engineer")
    assert revision(elsewhere, second.assessment) is None


def test_snapshot_round_trips_through_its_stored_form(coach: Coach) -> None:
    snapshot = Snapshot.of(offer_reply(coach, REVISED).assessment)
    assert Snapshot.from_dict(json.loads(json.dumps(snapshot.as_dict()))) == snapshot


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)


@given(st.dictionaries(st.sampled_from(list(Snapshot.__dataclass_fields__)), json_values))
def test_a_stored_document_of_any_shape_reads_as_a_snapshot_or_none(data: dict[str, Any]) -> None:
    snapshot = Snapshot.from_dict(data)
    if snapshot is not None:
        assert all(
            isinstance(getattr(snapshot, k), str) for k in ("guide_id", "region", "currency")
        )
        assert snapshot.base is None or isinstance(snapshot.base, float)


def test_coach_revise_adds_the_change_since_the_last_offer_of_the_conversation(
    coach: Coach,
) -> None:
    first = offer_reply(coach, "amazon sde ii seattle: 180k base, 10% bonus").assessment
    answer = coach.offer("amazon sde ii seattle: 190k base, 10% bonus")
    revised = coach.revise(answer, Snapshot.of(first)).reply
    assert isinstance(revised, OfferReply) and revised.revision is not None
    assert revised.revision.since == "your last offer in this conversation"
    assert coach.revise(answer, None) is answer
    # Within a paste, the original offer says more than the conversation's last one.
    within = coach.offer(REVISED)
    assert coach.revise(within, Snapshot.of(first)) is within

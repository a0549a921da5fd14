"""Finding the guide people mean, from commands and sentences, and saying when it cannot tell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.guides import Library
from bot.index import GuideIndex, Status
from bot.index.vocabulary import expand
from bot.prose.words import words


@pytest.fixture(scope="module")
def index(library: Library) -> GuideIndex:
    return GuideIndex(library.guides)


CDP = "segment/ai-cdp-platform-engineer"
DATA = "segment/data-engineer"
GOOGLE = "google/senior-software-engineer"
META = "meta/machine-learning-engineer"


@pytest.mark.parametrize(
    ("query", "guide_id", "region"),
    [
        # exact and structured
        ("segment ai cdp platform engineer", CDP, None),
        ("Segment AI CDP Platform Engineer San Francisco", CDP, "San Francisco"),
        ("segment cdp", CDP, None),
        ("segment data engineer dublin", DATA, "Dublin"),
        # typos
        ("segmnt ai cdp nyc", CDP, "New York"),
        ("sgement ai platfrom engineer", CDP, None),
        ("segemnt cdp londn", CDP, None),
        ("gogle senior software engineer", GOOGLE, None),
        # word order
        ("cdp platform engineer segment", CDP, None),
        ("engineer data segment", DATA, None),
        # abbreviations
        ("sr swe google bay area", GOOGLE, "San Francisco"),
        ("google senior swe sf", GOOGLE, "San Francisco"),
        ("meta mle nyc", META, "New York"),
        ("facebook ml eng LDN", META, "London"),
        ("amazon sde 2 seattle", "amazon/sde-ii", "Seattle"),
        ("flipkart sde ii bangalore", "flipkart/sde-2", "Bengaluru"),
        # parents, aliases, levels
        ("twilio's segment ai cdp role, LDN", CDP, "London"),
        ("twilio segment data engineer", DATA, None),
        ("meta E5 equivalent at segment", CDP, None),
        ("google L5 zurich", GOOGLE, "Zurich"),
        # sentences and Slack markup
        ("hey, what do AI CDP folks make at Segment in New York?", CDP, "New York"),
        ("<@U0123ABC> any levers for the segment cdp role?", CDP, None),
        ("What does Google pay a Senior Software Engineer in Bengaluru?", GOOGLE, "Bengaluru"),
        ("stripe backend eng in dublin pls", "stripe/backend-engineer", "Dublin"),
        ("strive backend", "strive/backend-engineer", None),
    ],
)
def test_clear_matches(index: GuideIndex, query: str, guide_id: str, region: str | None) -> None:
    result = index.lookup(query)
    assert result.status is Status.MATCH, (query, result)
    assert result.guide is not None and result.guide.id == guide_id
    if region is not None:
        assert result.region == region


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("segment", {CDP, DATA}),
        ("twilio", {CDP, DATA}),
        ("backend engineer", {"stripe/backend-engineer", "strive/backend-engineer"}),
        ("segment engineer", {CDP, DATA}),
    ],
)
def test_ambiguous_queries_list_the_candidates(
    index: GuideIndex, query: str, expected: set[str]
) -> None:
    result = index.lookup(query)
    assert result.status is Status.AMBIGUOUS
    assert {c.guide.id for c in result.candidates} == expected
    assert result.guide is None


@pytest.mark.parametrize(
    "query",
    [
        "airbnb staff engineer",
        "what does airbnb pay?",
        "netflix senior software engineer",
        "zzzz qqqq",
    ],
)
def test_unknown_companies_get_none_never_another_company(index: GuideIndex, query: str) -> None:
    result = index.lookup(query)
    assert result.status is Status.NONE
    assert result.guide is None


def test_none_names_the_unknown_company_and_suggests_neighbours(index: GuideIndex) -> None:
    result = index.lookup("airbnb staff engineer")
    assert result.unknown == ("airbnb",)
    assert result.candidates, "suggestions are offered"
    for c in result.candidates:  # the same kind of role elsewhere ("SDE II" reads as engineer)
        assert "engineer" in expand(words(c.guide.role_display)), c.guide.id


def test_near_neighbour_companies_are_told_apart(index: GuideIndex) -> None:
    assert index.lookup("stripe backend engineer").guide.id == "stripe/backend-engineer"  # type: ignore[union-attr]
    assert index.lookup("strive backend engineer").guide.id == "strive/backend-engineer"  # type: ignore[union-attr]


def test_scores_are_ranked_best_first(index: GuideIndex) -> None:
    result = index.lookup("segment cdp")
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    assert 0 <= scores[-1] <= scores[0] <= 100


def test_region_given_separately_is_resolved(index: GuideIndex) -> None:
    assert index.lookup("segment cdp", region="nyc").region == "New York"
    assert index.lookup("segment cdp", region="londn").region == "London"


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_lookup_never_raises(text: str) -> None:
    index = _shared_index()
    result = index.lookup(text)
    assert result.status in set(Status)
    if result.status is Status.MATCH:
        assert result.guide is not None


_INDEX: list[GuideIndex] = []


def _shared_index() -> GuideIndex:
    if not _INDEX:
        from bot.guides import load_library
        from tests.conftest import GUIDES

        _INDEX.append(GuideIndex(load_library(GUIDES).guides))
    return _INDEX[0]


def test_a_company_known_only_from_level_mappings_counts_for_its_level() -> None:
    from bot.guides import load_library
    from tests.conftest import ROOT

    seed_only = GuideIndex(load_library(ROOT / "seeds").guides)
    result = seed_only.lookup("meta E5 equivalent at segment")
    assert result.status is Status.MATCH and result.level == "E5"
    assert result.guide is not None and result.guide.id == CDP
    # Without a level, a company we have no guide for is an unknown company.
    assert seed_only.lookup("sr swe google bay area").unknown == ("google",)

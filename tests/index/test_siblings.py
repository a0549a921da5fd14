"""Siblings: every rung of a level ladder and sibling roles at one company, companies whose names
share words, and regions spelt the guide's own way. Table tests of the classes the matching
benchmark measures at scale."""

from __future__ import annotations

import pytest

from bot.guides import Band, Guide, LevelMapping, Span
from bot.index import GuideIndex, Status


def guide(
    company: str, role: str, internal: str | None = None, regions: tuple[str, ...] = ("London",)
) -> Guide:
    slug = company.lower().replace(" ", "-")
    role_slug = role.lower().replace(" ", "-") + (f"-{internal.lower()}" if internal else "")
    bands = tuple(Band(r, "GBP", base=Span(100_000, 120_000)) for r in regions)
    return Guide(
        company=slug,
        role=role_slug,
        company_display=company,
        role_display=role,
        bands=bands,
        level_mapping=LevelMapping(internal=internal),
    )


GUIDES = [
    *(guide("Kestrel", "SDE " + r, regions=("Seattle", "Bangalore")) for r in ("I", "II", "III")),
    *(guide("Kestrel", "Software Engineer", f"L{n}", ("London", "NYC")) for n in range(3, 8)),
    guide("Kestrel", "Product Manager", regions=("London", "SF Bay Area")),
    guide("Kestrel", "Data Scientist"),
    guide("Kestrel", "Senior Data Scientist"),
    guide("Kestrel", "Data Engineer"),
    *(guide("Orbis", "Data Scientist " + n) for n in ("1", "2", "3")),
    *(
        guide("Orbis", r)
        for r in (
            "Junior Software Engineer",
            "Software Engineer",
            "Senior Software Engineer",
            "Staff Software Engineer",
        )
    ),
    guide("Orbis", "Product Manager", "E5"),
    guide("Orbis", "Software Engineer II", "E4"),
    guide("Quanta", "Security Engineer"),
    guide("Quanta Health", "Security Engineer"),
    guide("Quanta Health", "Data Engineer"),
    guide("Quanta Security", "Security Engineer"),
    guide("Quanta Security", "Backend Engineer"),
    guide("Hexa", "Machine Learning Engineer"),
    guide("Hexa Labs", "Machine Learning Engineer"),
]


@pytest.fixture(scope="module")
def index() -> GuideIndex:
    return GuideIndex(GUIDES)


@pytest.mark.parametrize(
    ("query", "guide_id"),
    [
        ("kestrel sde 2 seattle", "kestrel/sde-ii"),
        ("kestrel sde ii", "kestrel/sde-ii"),
        ("kestrel SDE-III", "kestrel/sde-iii"),
        ("kestrel sde3", "kestrel/sde-iii"),
        ("kestrel sde i", "kestrel/sde-i"),
        ("what do SDE IIs make at kestrel?", "kestrel/sde-ii"),
        ("kestrel L5 london", "kestrel/software-engineer-l5"),
        ("kestrel swe L6", "kestrel/software-engineer-l6"),
        ("L7 software engineer at kestrel", "kestrel/software-engineer-l7"),
        ("orbis data scientist 2", "orbis/data-scientist-2"),
        ("orbis ds ii", "orbis/data-scientist-2"),
        ("orbis senior swe", "orbis/senior-software-engineer"),
        ("orbis sr software engineer", "orbis/senior-software-engineer"),
        ("orbis staff eng", "orbis/staff-software-engineer"),
        ("orbis jr swe", "orbis/junior-software-engineer"),
        ("orbis software engineer", "orbis/software-engineer"),
        ("orbis E4", "orbis/software-engineer-ii-e4"),
        ("orbis pm E5", "orbis/product-manager-e5"),
    ],
)
def test_a_level_decides_between_rungs(index: GuideIndex, query: str, guide_id: str) -> None:
    result = index.lookup(query)
    assert result.status is Status.MATCH, (
        query,
        [(c.guide.id, c.score) for c in result.candidates],
    )
    assert result.guide is not None and result.guide.id == guide_id


@pytest.mark.parametrize(
    ("query", "guide_id"),
    [
        ("kestrel pm london", "kestrel/product-manager"),
        ("kestrel product manager", "kestrel/product-manager"),
        ("kestrel data scientist", "kestrel/data-scientist"),
        ("kestrel senior data scientist", "kestrel/senior-data-scientist"),
        ("kestrel data engineer", "kestrel/data-engineer"),
        ("kestrel ds", "kestrel/data-scientist"),
        ("quanta security engineer", "quanta/security-engineer"),
        ("quanta health security engineer", "quanta-health/security-engineer"),
        ("quanta security security engineer", "quanta-security/security-engineer"),
        ("quanta security backend engineer", "quanta-security/backend-engineer"),
        ("quanta health data engineer", "quanta-health/data-engineer"),
        ("hexa machine learning engineer", "hexa/machine-learning-engineer"),
        ("hexa labs mle", "hexa-labs/machine-learning-engineer"),
    ],
)
def test_sibling_roles_and_companies_that_share_words(
    index: GuideIndex, query: str, guide_id: str
) -> None:
    result = index.lookup(query)
    assert result.status is Status.MATCH, (
        query,
        [(c.guide.id, c.score) for c in result.candidates],
    )
    assert result.guide is not None and result.guide.id == guide_id


RUNGS = {f"kestrel/software-engineer-l{n}" for n in range(3, 8)} | {
    "kestrel/sde-i",
    "kestrel/sde-ii",
    "kestrel/sde-iii",
}


@pytest.mark.parametrize(
    "query", ["kestrel software engineer", "kestrel sde", "kestrel swe london"]
)
def test_no_level_among_rungs_is_a_question(index: GuideIndex, query: str) -> None:
    result = index.lookup(query)
    assert result.status is Status.AMBIGUOUS
    assert len(result.candidates) > 1
    assert {c.guide.id for c in result.candidates} <= RUNGS


@pytest.mark.parametrize(
    ("query", "region"),
    [
        ("kestrel sde 2 bengaluru", "Bangalore"),
        ("kestrel sde 2 blr", "Bangalore"),
        ("kestrel sde 2 bangalore", "Bangalore"),
        ("kestrel L5 new york", "NYC"),
        ("kestrel L5 nyc", "NYC"),
        ("kestrel pm bay area", "SF Bay Area"),
        ("kestrel pm san francisco", "SF Bay Area"),
        ("kestrel pm ldn", "London"),
    ],
)
def test_the_region_answered_is_the_guides_own_spelling(
    index: GuideIndex, query: str, region: str
) -> None:
    result = index.lookup(query)
    assert result.status is Status.MATCH
    assert result.region == region
    assert result.guide is not None and result.guide.band(result.region) is not None


def test_a_region_given_apart_is_answered_in_the_guides_spelling(index: GuideIndex) -> None:
    assert index.lookup("kestrel sde 2", region="Bengaluru").region == "Bangalore"


@pytest.mark.parametrize("query", ["brambleton sde 2", "crudd L5 london", "fjorvashire senior pm"])
def test_unknown_companies_are_still_none(index: GuideIndex, query: str) -> None:
    assert index.lookup(query).status is Status.NONE


def test_guide_band_finds_another_spelling_of_its_region() -> None:
    g = GUIDES[0]
    assert g.band("Bengaluru") is not None and g.band("Bengaluru").region == "Bangalore"  # type: ignore[union-attr]
    assert g.band("Paris") is None

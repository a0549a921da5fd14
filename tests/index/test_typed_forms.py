"""How people type in Slack beyond the words of a title: emoji codes, a company written as its
site, run together or split apart, or with digits in it; places in other languages or with
accents or a typo in a two-word name; questions whose other words name nothing; and a place that
tells apart guides alike on the words."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.guides import Band, Guide, Span
from bot.index import GuideIndex, Status


def guide(company: str, role: str, regions: tuple[str, ...]) -> Guide:
    bands = tuple(Band(r, "USD", base=Span(100_000, 120_000)) for r in regions)
    return Guide(
        company=company.lower().replace(".", "-").replace(" ", "-"),
        role=role.lower().replace(" ", "-"),
        company_display=company,
        role_display=role,
        bands=bands,
    )


KESTREL = "kestrel/backend-engineer"
KESTRAL = "kestral/backend-engineer"
BOOKWELL = "bookwell-com/data-engineer"
LUMEN = "lumen/machine-learning-engineer"
GUIDES = [
    guide("Kestrel", "Backend Engineer", ("Dublin", "San Francisco")),
    guide("Kestral", "Backend Engineer", ("Austin",)),
    guide("Bookwell.com", "Data Engineer", ("Amsterdam",)),
    guide("Lumen", "Machine Learning Engineer", ("Zürich", "London", "New York")),
    guide("J.P. Morgan", "Software Engineer", ("London",)),
    guide("Mercado Libre", "Backend Engineer", ("Buenos Aires",)),
    guide("ByteDance", "Software Engineer", ("Singapore",)),
    guide("AT&T", "Software Engineer", ("Dallas",)),
    guide("1Password", "Software Engineer", ("Toronto",)),
    guide("23andMe", "Data Scientist", ("San Francisco",)),
    guide("3M", "Data Scientist", ("Remote",)),
    guide("Orrin", "Data Engineer", ("Dublin",)),
    guide("Orrin", "Product Manager", ("London",)),
    replace(guide("x.ai", "Research Engineer", ("San Francisco",)), company="x.ai"),
]
JPM = "j-p--morgan/software-engineer"
XAI = "x.ai/research-engineer"
MELI = "mercado-libre/backend-engineer"
BYTEDANCE = "bytedance/software-engineer"


@pytest.fixture(scope="module")
def index() -> GuideIndex:
    return GuideIndex(GUIDES)


@pytest.mark.parametrize(
    ("query", "guide_id", "region"),
    [
        # emoji codes are pictures, not words (nor an unknown company)
        ("lumen mle london :thinking_face:", LUMEN, "London"),
        (":wave: kestrel backend dublin :money_with_wings: :+1::skin-tone-2:", KESTREL, "Dublin"),
        # a company written as its site, and a site's company written plainly
        ("kestrel.com backend engineer dublin", KESTREL, "Dublin"),
        ("lumen.ai mle nyc", LUMEN, "New York"),
        ("bookwell data engineer amsterdam", BOOKWELL, "Amsterdam"),
        ("bookwell.com data engineer", BOOKWELL, None),
        # a name run together or split apart from the way the guide writes it
        ("jpmorgan swe london", JPM, "London"),
        ("mercadolibre backend", MELI, None),
        ("byte dance swe singapore", BYTEDANCE, "Singapore"),
        ("att swe dallas", "at&t/software-engineer", "Dallas"),
        ("at&t software engineer", "at&t/software-engineer", None),
        # digits in a name: a name, not an amount
        ("1password swe toronto", "1password/software-engineer", "Toronto"),
        ("23andme ds", "23andme/data-scientist", None),
        ("3m data scientist", "3m/data-scientist", None),
        ("1password offer 180k base", "1password/software-engineer", None),
        # places with and without accents, in other languages, with a typo in a long name
        ("lumen mle zurich", LUMEN, "Zürich"),
        ("lumen mle zúrich", LUMEN, "Zürich"),
        ("lumen mle à londres", LUMEN, "London"),
        ("lumen mle nueva york", LUMEN, "New York"),
        ("kestrel backend san fransisco", KESTREL, "San Francisco"),
        ("kestrel backend engineer sna francisco", KESTREL, "San Francisco"),
        # a typo of another spelling of the place: "manhatan" is Manhattan, the guide's New York
        ("lumen mle manhatan", LUMEN, "New York"),
        ("lumen mle greater londn", LUMEN, "London"),
        # the company and words that describe no role
        ("do you have anything on lumen?", LUMEN, None),
        ("kestrel thoughts?", KESTREL, None),
        # no company named, guides alike on the words: the one with figures for the place
        ("backend engineer dublin", KESTREL, "Dublin"),
        ("backend engineer austin", KESTRAL, "Austin"),
        # short words name no company and no place: a lone "x" is a times sign, not x.ai, and
        # a short phrase one letter off is another phrase
        ("kestrel backend engineer, base 180k x 12 months", KESTREL, None),
        ("kestrel backend engineer, excited about the new work", KESTREL, None),
        ("x.ai research engineer", XAI, None),
    ],
)
def test_typed_forms_find_the_guide(
    index: GuideIndex, query: str, guide_id: str, region: str | None
) -> None:
    result = index.lookup(query)
    assert result.status is Status.MATCH, (query, result)
    assert result.guide is not None and result.guide.id == guide_id
    assert result.region == region
    if guide_id != XAI:
        assert XAI not in {c.guide.id for c in result.candidates}, "not even as a runner-up"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("backend engineer", {KESTREL, KESTRAL, MELI}),
        ("backend engineer london", {KESTREL, KESTRAL, MELI}),  # none has London: a question
        # a company named: its siblings differ by role, which a place does not tell
        ("orrin london", {"orrin/data-engineer", "orrin/product-manager"}),
    ],
)
def test_a_place_decides_only_when_one_guide_has_it(
    index: GuideIndex, query: str, expected: set[str]
) -> None:
    result = index.lookup(query)
    assert result.status is Status.AMBIGUOUS
    assert {c.guide.id for c in result.candidates} == expected


@pytest.mark.parametrize(
    "query",
    [
        "booking.com data engineer amsterdam",  # a site we have no guide for
        "airbnb.com backend engineer",
        "thinking face :lumen:",  # an emoji code is no company either
    ],
)
def test_unknown_sites_and_emoji_name_no_company(index: GuideIndex, query: str) -> None:
    result = index.lookup(query)
    assert result.status is Status.NONE, (query, result)


def test_chat_words_are_never_part_of_a_name_run_together(index: GuideIndex) -> None:
    assert index.lookup("at and t software engineer").guide is None


@given(st.sampled_from(["wave", "pray", "thinking_face", "+1", "rocket", "skin-tone-2"]))
def test_emoji_codes_never_change_the_answer(code: str) -> None:
    index = GuideIndex(GUIDES)
    plain = index.lookup("lumen mle london")
    decorated = index.lookup(f":{code}: lumen mle london :{code}:")
    assert (decorated.status, decorated.guide, decorated.region) == (
        plain.status,
        plain.guide,
        plain.region,
    )

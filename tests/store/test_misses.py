"""Misses: counted by company and role, published from three people, and nothing else kept."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.guides import Library
from bot.index import GuideIndex, Status
from bot.index.vocabulary import ROLE_WORDS, expand
from bot.prose.words import words
from bot.store import MIN_PEOPLE, MissKey, Store, miss_of
from bot.store.misses import KEEP
from tests.store.conftest import FakeClock, rows_of


@pytest.fixture(scope="module")
def index(library: Library) -> GuideIndex:
    return GuideIndex(library.guides)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a company no guide covers, the role in its usual words
        ("what does airbnb pay staff engineers in nyc", MissKey("airbnb", "staff engineer")),
        ("/comp airbnb sr swe", MissKey("airbnb", "senior software engineer")),
        ("airbnb swe senior", MissKey("airbnb", "senior software engineer")),  # one miss, any order
        (
            "acme corp principal product manager london",
            MissKey("acme corp", "principal product manager"),
        ),
        # figures, levels and regions never reach the role
        ("notion data engineer L5 250k base in london", MissKey("notion", "data engineer")),
        # ambiguous: one company, several of its roles fit
        ("segment engineer", MissKey("segment", "engineer")),
        # ambiguous across companies: no company to name
        ("backend engineer", MissKey("", "backend engineer")),
        # answered, or nothing to count
        ("stripe backend engineer", None),
        ("hello there", None),
    ],
)
def test_misses_are_read_off_the_lookup(
    index: GuideIndex, query: str, expected: MissKey | None
) -> None:
    assert miss_of(query, index.lookup(query)) == expected


# Words people type: companies with and without guides, role words, figures, chatter, markup.
PIECES = st.sampled_from(
    [
        "airbnb",
        "notion",
        "acme",
        "stripe",
        "segment",
        "strive",
        "google",
        "amazon",
        "sr",
        "swe",
        "staff",
        "senior",
        "engineer",
        "data",
        "backend",
        "manager",
        "l5",
        "e4",
        "2",
        "ii",
        "250k",
        "$310,000",
        "£95k",
        "45lpa",
        "london",
        "nyc",
        "bangalore",
        "what",
        "does",
        "pay",
        "me",
        "offer",
        "base",
        "rsus",
        "<!here>",
        "<@U0123>",
        "jane",
        "doe's",
    ]
)
QUERIES = st.lists(PIECES | st.text(max_size=12), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=QUERIES)
def test_a_miss_holds_nothing_but_a_name_and_role_words(
    library: Library, index: GuideIndex, text: str
) -> None:
    """Whatever is typed: no digit (so no figure), role words only from the vocabulary or the
    guides' own titles, company words only from what the index could not place."""
    found = index.lookup(text)
    miss = miss_of(text, found)
    if found.status is Status.MATCH:
        assert miss is None
        return
    if miss is None:
        return
    allowed = set(ROLE_WORDS) | {w for g in library.guides for w in expand(words(g.role_display))}
    assert not re.search(r"\d", miss.company + miss.role)
    assert set(miss.role.split()) <= allowed
    guide_companies = {w for g in library.guides for w in words(g.company_display)}
    assert set(miss.company.split()) <= set(found.unknown) | guide_companies
    assert len(miss.company.split()) <= 3 and len(miss.role.split()) <= 6


def test_a_miss_is_published_from_three_people(store: Store) -> None:
    miss = MissKey("airbnb", "staff engineer")
    store.misses.record("T1", "U1", miss)
    store.misses.record("T1", "U1", miss)  # the same person again: an ask, not a person
    store.misses.record("T1", "U2", miss)
    assert store.misses.top() == []
    store.misses.record("T1", "U3", miss)
    [count] = store.misses.top()
    assert count.as_dict() == {
        "team_id": "T1",
        "company": "airbnb",
        "role": "staff engineer",
        "asks": 4,
        "people": 3,
    }
    assert store.misses.top(min_people=4) == []


def test_workspaces_are_counted_apart_and_most_asked_come_first(store: Store) -> None:
    for team, miss, people, extra in [
        ("T1", MissKey("airbnb", ""), 3, 0),
        ("T2", MissKey("airbnb", ""), 2, 5),  # two people in T2: not enough, however often
        ("T1", MissKey("", "data engineer"), 4, 2),
    ]:
        for i in range(people):
            store.misses.record(team, f"U{i}", miss)
        for _ in range(extra):
            store.misses.record(team, "U0", miss)
    assert [m.as_dict() for m in store.misses.top()] == [
        {"team_id": "T1", "company": None, "role": "data engineer", "asks": 6, "people": 4},
        {"team_id": "T1", "company": "airbnb", "role": None, "asks": 3, "people": 3},
    ]


def test_fewer_than_three_people_can_never_be_asked_for(store: Store) -> None:
    with pytest.raises(ValueError, match="3 people"):
        store.misses.top(min_people=MIN_PEOPLE - 1)


def test_no_user_id_and_no_text_is_stored(store: Store, index: GuideIndex) -> None:
    query = "what would airbnb pay me as a staff engineer, offer is 245k base"
    for user in ("U0SECRETA", "U0SECRETB", "U0SECRETC"):
        miss = miss_of(query, index.lookup(query))
        assert miss is not None
        store.misses.record("T1", user, miss)
    dump = repr(rows_of(store))
    # (fragments no hex digest can contain by chance)
    for fragment in ("U0SECRET", "245k", "what would", "offer", "base"):
        assert fragment not in dump
    assert store.misses.top()[0].people == 3


def test_a_person_cannot_be_followed_from_miss_to_miss(store: Store) -> None:
    store.misses.record("T1", "U1", MissKey("airbnb", ""))
    store.misses.record("T1", "U1", MissKey("notion", ""))
    hashes = [row[3] for row in rows_of(store)["leverage_miss_people"]]
    assert len(set(hashes)) == 2


def test_misses_nobody_asks_for_are_forgotten(store: Store, clock: FakeClock) -> None:
    store.misses.record("T1", "U1", MissKey("old", ""))
    clock.advance(KEEP - timedelta(days=1))
    store.misses.record("T1", "U1", MissKey("recent", ""))
    clock.advance(timedelta(days=2))
    assert store.misses.prune() == 1
    rows = rows_of(store)
    assert [r[1] for r in rows["leverage_misses"]] == ["recent"]
    assert [r[1] for r in rows["leverage_miss_people"]] == ["recent"]  # cascaded

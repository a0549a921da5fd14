"""Conversation state: for one person in one conversation, for a while, then gone."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store import MAX_TTL, StateKey, Store, conversation_id
from tests.store.conftest import FakeClock, rows_of

DAY = timedelta(hours=24)
KEY = StateKey("T1", conversation_id("D1"), "U1", "previous_offer")
OFFER = {"base": 205000, "stock_total": 240000, "stock_years": 4, "currency": "USD"}


def test_conversation_ids_tell_dms_from_threads() -> None:
    assert conversation_id("D1") == "D1"
    assert conversation_id("C1", "1700000000.000100") == "C1/1700000000.000100"
    assert conversation_id("C1", None) != conversation_id("C1", "1.2")


def test_a_value_comes_back_to_its_own_key_only(store: Store) -> None:
    store.state.put(KEY, OFFER, DAY)
    assert store.state.get(KEY) == OFFER
    others = [
        StateKey("T2", KEY.conversation_id, KEY.user_id, KEY.name),  # another workspace
        StateKey(KEY.team_id, "D2", KEY.user_id, KEY.name),  # another conversation
        StateKey(KEY.team_id, conversation_id("D1", "1.2"), KEY.user_id, KEY.name),  # a thread
        StateKey(KEY.team_id, KEY.conversation_id, "U2", KEY.name),  # another person
        StateKey(KEY.team_id, KEY.conversation_id, KEY.user_id, "other"),
    ]
    assert [store.state.get(k) for k in others] == [None] * len(others)


def test_values_expire_and_are_purged(store: Store, clock: FakeClock) -> None:
    store.state.put(KEY, OFFER, DAY)
    clock.advance(DAY - timedelta(seconds=1))
    assert store.state.get(KEY) == OFFER
    clock.advance(timedelta(seconds=1))
    assert store.state.get(KEY) is None  # expired, though the row is still there
    assert store.state.purge() == 1
    assert rows_of(store)["leverage_conversation_state"] == []


def test_a_new_value_replaces_the_old_and_its_expiry(store: Store, clock: FakeClock) -> None:
    store.state.put(KEY, OFFER, timedelta(hours=1))
    clock.advance(timedelta(minutes=59))
    store.state.put(KEY, {"base": 215000}, timedelta(hours=1))
    clock.advance(timedelta(minutes=30))
    assert store.state.get(KEY) == {"base": 215000}
    assert len(rows_of(store)["leverage_conversation_state"]) == 1


def test_the_longest_paste_the_offer_reader_takes_can_be_kept(store: Store) -> None:
    """16,000 characters of four bytes each (the paste behind an offer's buttons)."""
    paste = {"text": "🙃" * 16_000}
    store.state.put(KEY, paste, DAY)
    assert store.state.get(KEY) == paste


def test_delete(store: Store) -> None:
    store.state.put(KEY, OFFER, DAY)
    assert store.state.delete(KEY)
    assert not store.state.delete(KEY)
    assert store.state.get(KEY) is None


@pytest.mark.parametrize(
    ("value", "ttl", "message"),
    [
        (OFFER, MAX_TTL + timedelta(seconds=1), "at most"),
        (OFFER, timedelta(0), "positive"),
        ({"paste": "x" * 65_536}, DAY, "the limit is"),
        ({"text": "🙃" * 16_382}, DAY, "65,539 bytes; the limit is 65,536"),
        ({"base": math.nan}, DAY, "Out of range float"),
        ({"when": object()}, DAY, "not JSON serializable"),
    ],
)
def test_what_cannot_be_kept_is_refused(
    store: Store, value: dict[str, Any], ttl: timedelta, message: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        store.state.put(KEY, value, ttl)
    assert store.state.get(KEY) is None


@pytest.mark.parametrize(
    "key",
    [("", "D1", "U1", "n"), ("T1", "D1", "", "n"), ("T1", "D1", "U1", "n" * 65)],
)
def test_keys_must_be_slack_sized(key: tuple[str, str, str, str]) -> None:
    with pytest.raises(ValueError, match="characters"):
        StateKey(*key)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=st.dictionaries(st.text(min_size=1, max_size=12), JSON, max_size=5))
def test_any_small_json_document_round_trips(store: Store, document: dict[str, Any]) -> None:
    store.state.put(KEY, document, DAY)
    assert store.state.get(KEY) == document

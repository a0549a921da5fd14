"""The button protocol: values round-trip, stay small, and anything else decodes to None."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.coach.intent import Intent
from bot.render.actions import (
    MAX_VALUE,
    ButtonValue,
    decode,
    encode,
    fits,
    is_pick,
    pick_action_id,
)

GUIDE = "segment/ai-cdp-platform-engineer"


@pytest.mark.parametrize(
    "value",
    [
        ButtonValue(Intent.BAND, GUIDE),
        ButtonValue(Intent.BAND, GUIDE, "London"),
        ButtonValue(Intent.LEVERS, GUIDE),
        ButtonValue(Intent.OFFER, GUIDE, "New York", "Zq3-x_9"),
        ButtonValue(Intent.OFFER, "zürich/ingénieur", "Zürich", "r"),
    ],
)
def test_round_trip(value: ButtonValue) -> None:
    assert decode(encode(value)) == value
    assert fits(value)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (None, "no value at all"),
        ("", "empty"),
        ("/comp segment cdp london", "the share value of the first version"),
        (
            json.dumps({"intent": "offer", "guide": GUIDE, "region": "London", "text": "200k"}),
            "a pick value of the first version, with the pasted text",
        ),
        ('{"v":2,"i":"band","g":"x/y"}', "a later version"),
        ('{"v":"1","i":"band","g":"x/y"}', "the version as a string"),
        ('{"v":1,"i":"help","g":"x/y"}', "an intent no button asks for"),
        ('{"v":1,"i":"band"}', "no guide"),
        ('{"v":1,"i":"band","g":""}', "an empty guide"),
        ('{"v":1,"i":"band","g":7}', "a guide that is not text"),
        ('{"v":1,"i":"band","g":"x/y","r":["London"]}', "a region that is not text"),
        ('{"v":1,"i":"offer","g":"x/y","r":"London"}', "an offer without its paste"),
        ('{"v":1,"i":"offer","g":"x/y","ref":"' + "r" * 65 + '"}', "a reference too long"),
        ('{"v":1,', "cut short"),
        ("[1, 2]", "not an object"),
        ("{" + " " * MAX_VALUE + "}", "longer than Slack allows"),
    ],
)
def test_what_this_version_cannot_act_on_decodes_to_none(raw: object, why: str) -> None:
    assert decode(raw) is None, why


def test_unknown_keys_are_ignored_so_later_versions_can_add_fields() -> None:
    raw = '{"v":1,"i":"band","g":"x/y","r":"Paris","new":{"a":1}}'
    assert decode(raw) == ButtonValue(Intent.BAND, "x/y", "Paris")


def test_a_guide_id_too_long_for_a_button_does_not_fit() -> None:
    assert not fits(ButtonValue(Intent.BAND, "x" * 201))


@given(st.text(max_size=3000))
def test_decoding_never_raises(raw: str) -> None:
    value = decode(raw)
    assert value is None or decode(encode(value)) == value


@given(
    st.sampled_from([Intent.BAND, Intent.LEVERS]),
    st.text(min_size=1, max_size=200),
    st.none() | st.text(min_size=1, max_size=100),
)
def test_every_value_within_the_limits_round_trips_and_is_small(
    intent: Intent, guide: str, region: str | None
) -> None:
    value = ButtonValue(intent, guide, region)
    encoded = encode(value)
    assert len(encoded) <= MAX_VALUE
    assert decode(encoded) == value


def test_pick_action_ids() -> None:
    assert [pick_action_id(i) for i in range(3)] == ["pick_guide_0", "pick_guide_1", "pick_guide_2"]
    assert is_pick("pick_guide_12") and is_pick("pick_guide")
    assert not is_pick("pick_guide_x") and not is_pick("share_in_channel")

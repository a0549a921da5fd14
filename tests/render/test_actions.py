"""The button protocol: values round-trip, stay small, and anything else decodes to None."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.coach.form import FIELDS
from bot.coach.intent import Intent
from bot.render.actions import (
    MAX_METADATA,
    MAX_VALUE,
    SHARE_PATTERN,
    ButtonValue,
    FormContext,
    context_fits,
    decode,
    decode_context,
    encode,
    encode_context,
    fits,
    is_pick,
    pick_action_id,
    share_action_id,
    submitted_values,
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


def test_an_offer_value_may_name_figures_entered_in_the_form() -> None:
    value = ButtonValue(Intent.OFFER, GUIDE, "London", "r1", form=True)
    assert decode(encode(value)) == value
    assert '"f":1' in encode(value)
    assert '"f"' not in encode(ButtonValue(Intent.OFFER, GUIDE, "London", "r1"))


def test_only_an_offer_value_with_its_reference_may_name_no_guide() -> None:
    edit = ButtonValue(Intent.OFFER, None, None, "r1")
    assert decode(encode(edit)) == edit
    assert decode('{"v":1,"i":"band","r":"London"}') is None
    assert decode('{"v":1,"i":"offer"}') is None
    assert decode('{"v":1,"i":"offer","ref":"r1","f":2}') is None


def test_share_action_ids_are_unique_in_a_message_and_all_match() -> None:
    ids = [share_action_id(i) for i in range(3)]
    assert ids == ["share_in_channel", "share_in_channel_1", "share_in_channel_2"]
    assert all(SHARE_PATTERN.match(i) for i in ids) and not SHARE_PATTERN.match("share_it")


@pytest.mark.parametrize(
    "context",
    [
        FormContext(None),
        FormContext("C0HIRING", None, "https://hooks.slack.com/commands/T1/2/y"),
        FormContext("D0SAM", "1700000000.000100", "https://hooks.slack.com/actions/T/1/x", True),
    ],
)
def test_form_context_round_trips(context: FormContext) -> None:
    raw = encode_context(context)
    assert decode_context(raw) == context and context_fits(context)
    assert len(raw) <= MAX_METADATA


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "{}",
        '{"v":2,"c":"C1"}',
        '{"v":1,"c":7}',
        '{"v":1,"u":"javascript:alert(1)"}',
        '{"v":1,"c":"' + "C" * 65 + '"}',
        '{"v":1,"replace":"yes"}',
        "{" + " " * MAX_METADATA + "}",
    ],
)
def test_a_context_this_version_cannot_use_decodes_to_none(raw: object) -> None:
    assert decode_context(raw) is None


def test_replace_needs_a_url_to_replace_through() -> None:
    assert decode_context('{"v":1,"c":"C1","replace":1}') == FormContext("C1")


@given(st.text(max_size=3100))
def test_decoding_a_context_never_raises(raw: str) -> None:
    context = decode_context(raw)
    assert context is None or decode_context(encode_context(context)) == context


def test_submitted_values_read_each_field_and_ignore_the_rest() -> None:
    view = {
        "state": {
            "values": {
                "guide": {"value": {"type": "plain_text_input", "value": "segment cdp"}},
                "base": {"value": {"type": "plain_text_input", "value": None}},
                "bonus_pct": {"other": {"value": "10"}},
                "evil": {"value": {"value": "x"}},
                "signing": {"value": {"value": 30000}},
            }
        }
    }
    values = submitted_values(view)
    assert set(values) == {f.key for f in FIELDS}
    assert values["guide"] == "segment cdp"
    assert values["base"] == values["bonus_pct"] == values["signing"] == ""
    assert submitted_values({"state": "junk"}) == dict.fromkeys(values, "")

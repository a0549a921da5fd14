"""The button protocol: the action ids Leverage's buttons carry, the values behind them, and
the context a modal carries from the card it was opened on.

One home for both sides: blocks.py and views.py encode a value when they draw a button or a
modal, the Slack app decodes it when the button is pressed or the modal submitted. A value is
small on purpose: a guide id, a region and, where a button must act on something the user
pasted or entered, a short reference to it kept apart (never the text or the figures: a long
offer would not fit in Slack's 2,000 characters, and a button value is no place for salary
data).

Values are versioned (``{"v": 1, ...}``) and decoding is tolerant: anything that is not a
value this version can act on (a button from an older deploy, a newer field layout, junk)
decodes to None, and the app answers "this button is from an older version; ask again".
Unknown keys are ignored, so a later version may add fields without breaking this one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeGuard

from bot.coach.form import FIELDS
from bot.coach.intent import Intent

SHARE_ACTION = "share_in_channel"  # a prefix too: an offer has two Share buttons
SHARE_PATTERN = re.compile(rf"^{SHARE_ACTION}(?:_\d+)?$")
PICK_ACTION = "pick_guide"  # a prefix: pick_guide_0, pick_guide_1 (ids are unique per message)
PICK_PATTERN = re.compile(rf"^{PICK_ACTION}(?:_\d+)?$")
EDIT_ACTION = "edit_offer"  # opens the offer form on the figures read
OFFER_FORM = "offer_form"  # the callback id of the offer form (a modal)
FORM_INPUT = "value"  # the action id of each text input of the form; block ids are its fields

VERSION = 1
MAX_VALUE = 2000  # Slack's limit for a button value
MAX_METADATA = 3000  # Slack's limit for a view's private_metadata
MAX_GUIDE_ID = 200
MAX_REGION = 100
MAX_REF = 64
MAX_ID = 64  # a channel id or a message ts
MAX_URL = 1000
_ANSWERING = {Intent.BAND, Intent.LEVERS, Intent.OFFER}  # what a button can ask for again


@dataclass(frozen=True)
class ButtonValue:
    """What a pressed button asks for: the answer of ``intent`` for one guide (and region).

    ``ref`` names what an offer button scores again: a paste, or (``form``) the figures
    entered in the offer form. Buttons for bands and levers need none (the bands shared from
    an offer card carry it, to put the card back). Only an offer button with its ``ref`` may
    name no guide (Edit under an offer no guide was found for)."""

    intent: Intent
    guide_id: str | None
    region: str | None = None
    ref: str | None = None
    form: bool = False


def pick_action_id(position: int) -> str:
    return f"{PICK_ACTION}_{position}"


def share_action_id(position: int) -> str:
    return SHARE_ACTION if position == 0 else f"{SHARE_ACTION}_{position}"


def is_pick(action_id: str) -> bool:
    return bool(PICK_PATTERN.match(action_id))


def encode(value: ButtonValue) -> str:
    data: dict[str, object] = {"v": VERSION, "i": value.intent.value}
    if value.guide_id is not None:
        data["g"] = value.guide_id
    if value.region is not None:
        data["r"] = value.region
    if value.ref is not None:
        data["ref"] = value.ref
    if value.form:
        data["f"] = 1
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(encoded) > MAX_VALUE:  # pragma: no cover - guarded by the field limits below
        raise ValueError("button value too long")
    return encoded


def fits(value: ButtonValue) -> bool:
    """True when ``value`` can be encoded and decoded back (guide ids and regions come from
    guide files, so a pathological one is skipped rather than drawn as a dead button)."""
    return decode(encode(value)) == value


def decode(raw: object) -> ButtonValue | None:
    """The value a button carried, or None when this version cannot act on it."""
    data = _object(raw, MAX_VALUE)
    if data is None:
        return None
    intent, guide_id = data.get("i"), data.get("g")
    region, ref, form = data.get("r"), data.get("ref"), data.get("f", 0)
    if intent not in {i.value for i in _ANSWERING} or form not in (0, 1):
        return None
    if not _optional(guide_id, MAX_GUIDE_ID) or not _optional(region, MAX_REGION):
        return None
    if not _optional(ref, MAX_REF):
        return None
    value = ButtonValue(Intent(intent), guide_id, region, ref, bool(form))
    if value.intent is Intent.OFFER and value.ref is None:
        return None  # an offer button without its paste cannot be scored
    if value.guide_id is None and value.intent is not Intent.OFFER:
        return None
    return value


@dataclass(frozen=True)
class FormContext:
    """Where the offer form's answer goes, carried in the modal's ``private_metadata``
    (a view submission has no ``response_url`` of its own): the channel and thread, and the
    ``response_url`` of the card the form was opened from. ``replace`` says whether that
    url's message is the card to update in place (a button's), or only a way to answer (a
    slash command's, which cannot replace its first reply). No figures: the form holds them."""

    channel: str | None
    thread_ts: str | None = None
    response_url: str | None = None
    replace: bool = False


def encode_context(context: FormContext) -> str:
    data: dict[str, object] = {"v": VERSION}
    for key, item in (
        ("c", context.channel),
        ("t", context.thread_ts),
        ("u", context.response_url),
    ):
        if item is not None:
            data[key] = item
    if context.replace:
        data["replace"] = 1
    encoded = json.dumps(data, separators=(",", ":"))
    if len(encoded) > MAX_METADATA:  # pragma: no cover - guarded by the field limits below
        raise ValueError("private_metadata too long")
    return encoded


def decode_context(raw: object) -> FormContext | None:
    """The context a form carried, or None when this version cannot act on it."""
    data = _object(raw, MAX_METADATA)
    if data is None:
        return None
    channel, thread_ts, url = data.get("c"), data.get("t"), data.get("u")
    replace = data.get("replace", 0)
    if not _optional(channel, MAX_ID) or not _optional(thread_ts, MAX_ID):
        return None
    if not _optional(url, MAX_URL) or replace not in (0, 1):
        return None
    if url is not None and not url.startswith(("https://", "http://")):
        return None
    return FormContext(channel, thread_ts, url, bool(replace) and url is not None)


def context_fits(context: FormContext) -> bool:
    return decode_context(encode_context(context)) == context


def submitted_values(view: Mapping[str, object]) -> dict[str, str]:
    """What a submitted offer form holds, field by field (an empty field is ""), from
    ``view.state.values[block_id][FORM_INPUT].value``; anything else in the payload is ignored."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    found: dict[str, str] = {}
    for field in FIELDS:
        block = values.get(field.key) if isinstance(values, dict) else None
        element = block.get(FORM_INPUT) if isinstance(block, dict) else None
        value = element.get("value") if isinstance(element, dict) else None
        found[field.key] = value if isinstance(value, str) else ""
    return found


def _object(raw: object, limit: int) -> dict[str, object] | None:
    if not isinstance(raw, str) or not raw.startswith("{") or len(raw) > limit:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return None
    return data


def _text(value: object, limit: int) -> TypeGuard[str]:
    return isinstance(value, str) and 0 < len(value) <= limit


def _optional(value: object, limit: int) -> TypeGuard[str | None]:
    return value is None or _text(value, limit)

"""The button protocol: the action ids Leverage's buttons carry and the values behind them.

One home for both sides: blocks.py encodes a value when it draws a button, the Slack app
decodes it when the button is pressed. A value is small on purpose: a guide id, a region and,
where a button must act on something the user pasted, a short reference to that paste kept
apart (never the text itself: a long offer would not fit in Slack's 2,000 characters, and a
button value is no place for salary data).

Values are versioned (``{"v": 1, ...}``) and decoding is tolerant: anything that is not a
value this version can act on (a button from an older deploy, a newer field layout, junk)
decodes to None, and the app answers "this button is from an older version; ask again".
Unknown keys are ignored, so a later version may add fields without breaking this one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TypeGuard

from bot.coach.intent import Intent

SHARE_ACTION = "share_in_channel"
PICK_ACTION = "pick_guide"  # a prefix: pick_guide_0, pick_guide_1 (ids are unique per message)
PICK_PATTERN = re.compile(rf"^{PICK_ACTION}(?:_\d+)?$")

VERSION = 1
MAX_VALUE = 2000  # Slack's limit for a button value
MAX_GUIDE_ID = 200
MAX_REGION = 100
MAX_REF = 64
_ANSWERING = {Intent.BAND, Intent.LEVERS, Intent.OFFER}  # what a button can ask for again


@dataclass(frozen=True)
class ButtonValue:
    """What a pressed button asks for: the answer of ``intent`` for one guide (and region).

    ``ref`` names the paste an offer button scores again; buttons for bands and levers need
    none."""

    intent: Intent
    guide_id: str
    region: str | None = None
    ref: str | None = None


def pick_action_id(position: int) -> str:
    return f"{PICK_ACTION}_{position}"


def is_pick(action_id: str) -> bool:
    return bool(PICK_PATTERN.match(action_id))


def encode(value: ButtonValue) -> str:
    data: dict[str, object] = {"v": VERSION, "i": value.intent.value, "g": value.guide_id}
    if value.region is not None:
        data["r"] = value.region
    if value.ref is not None:
        data["ref"] = value.ref
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
    if not isinstance(raw, str) or not raw.startswith("{") or len(raw) > MAX_VALUE:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return None
    intent, guide_id = data.get("i"), data.get("g")
    region, ref = data.get("r"), data.get("ref")
    if intent not in {i.value for i in _ANSWERING}:
        return None
    if not _text(guide_id, MAX_GUIDE_ID) or not _optional(region, MAX_REGION):
        return None
    if not _optional(ref, MAX_REF):
        return None
    value = ButtonValue(Intent(intent), guide_id, region, ref)
    if value.intent is Intent.OFFER and value.ref is None:
        return None  # an offer button without its paste cannot be scored
    return value


def _text(value: object, limit: int) -> TypeGuard[str]:
    return isinstance(value, str) and 0 < len(value) <= limit


def _optional(value: object, limit: int) -> TypeGuard[str | None]:
    return value is None or _text(value, limit)

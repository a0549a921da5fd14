"""The offer form: what the Edit modal shows and what it sends back, read into an Offer.

Pure. The Slack edge turns FIELDS into a modal and the submitted values back into a mapping;
everything about what a field means, how it is prefilled and what makes it invalid lives
here, so a misread figure can be fixed and re-scored without pasting again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.guides.model import Guide
from bot.index import GuideIndex
from bot.offers.model import Offer
from bot.prose.money import format_money, parse_amount


@dataclass(frozen=True)
class Field:
    key: str  # the block id in the modal, the key of submitted values
    label: str
    hint: str
    optional: bool = True


FIELDS: tuple[Field, ...] = (
    Field("guide", "Guide", "Company and role, as you would ask me", optional=False),
    Field("region", "Region", "One of the guide's regions, e.g. London"),
    Field("base", "Base salary a year", "e.g. 205000 or 205k"),
    Field("stock_total", "Stock: the whole grant", "e.g. 240k (leave empty if none)"),
    Field("stock_years", "Stock: years or schedule", "e.g. 4, or 25/25/25/25"),
    # The key stays bonus_pct (the modal's block id); an amount is read as money.
    Field("bonus_pct", "Target bonus: % of base, or an amount", "e.g. 10 (percent) or 20k"),
    Field("signing", "Signing bonus, all parts added", "e.g. 30k, or 0 for none"),
)
MAX_VALUE_CHARS = 100
_SCHEDULE_RE = re.compile(r"^\d{1,2}(?:\.\d+)?(?:\s*/\s*\d{1,2}(?:\.\d+)?){1,9}$")


@dataclass(frozen=True)
class FormResult:
    """A submitted form: the offer and the guide to score it against, or an error per field."""

    offer: Offer | None
    guide: Guide | None
    region: str | None
    errors: Mapping[str, str]


def prefill(offer: Offer | None, guide: Guide | None, region: str | None) -> dict[str, str]:
    """The values the modal opens with: what was read (empty when nothing was)."""
    values = dict.fromkeys((f.key for f in FIELDS), "")
    if guide is not None:
        values["guide"] = f"{guide.company_display} {guide.role_display}"
    if region:
        values["region"] = region
    if offer is None:
        return values
    for key in ("base", "stock_total", "signing"):
        amount = getattr(offer, key)
        if amount is not None:
            values[key] = f"{amount:.0f}"
    if offer.vesting:
        values["stock_years"] = "/".join(f"{p:g}" for p in offer.vesting)
    elif offer.stock_years is not None:
        values["stock_years"] = str(offer.stock_years)
    if offer.bonus_pct is not None:
        values["bonus_pct"] = f"{offer.bonus_pct:g}"
    elif offer.bonus_amount is not None:
        values["bonus_pct"] = f"{offer.bonus_amount:.0f}"
    return values


def read_form(values: Mapping[str, str], index: GuideIndex) -> FormResult:
    """Read a submitted form. Every field is untrusted text; each problem is said next to
    its field, and nothing is scored until all are fixed."""
    errors: dict[str, str] = {}
    text = {f.key: str(values.get(f.key) or "").strip()[:MAX_VALUE_CHARS] for f in FIELDS}
    guide = _guide(text["guide"], index, errors)
    region = _region(text["region"], guide, errors)
    currency = _currency(guide, region)
    notes: list[str] = []
    amounts = {
        key: _money(text[key], key, errors, notes) for key in ("base", "stock_total", "signing")
    }
    years, vesting = _years(text["stock_years"], errors)
    bonus, bonus_amount = _bonus(text["bonus_pct"], errors, notes)
    if amounts["stock_total"] and years is None:
        years = 4
    if not any(v is not None for v in (*amounts.values(), bonus, bonus_amount)):
        errors.setdefault("base", "Give at least one figure of the offer.")
    if errors:
        return FormResult(None, guide, region, errors)
    stock = amounts["stock_total"]
    offer = Offer(
        currency=currency,
        base=amounts["base"],
        stock_total=stock,
        stock_years=years if stock is not None else None,
        stock_per_year=stock / years if stock is not None and years else None,
        vesting=vesting,
        bonus_pct=bonus,
        bonus_amount=bonus_amount,
        signing=amounts["signing"],
        assumptions=("figures as you entered them in the form", *notes),
    )
    return FormResult(offer, guide, region, {})


def _guide(text: str, index: GuideIndex, errors: dict[str, str]) -> Guide | None:
    if not text:
        errors["guide"] = "Name the company and role."
        return None
    found = index.get(text) or index.lookup(text).guide
    if found is None:
        errors["guide"] = f"I have no single guide for “{text}”; add a word of the role."
    return found


def _region(text: str, guide: Guide | None, errors: dict[str, str]) -> str | None:
    if guide is None:
        return text or None
    if not text:
        if len(guide.bands) == 1:
            return guide.bands[0].region
        errors["region"] = "Which region? " + ", ".join(b.region for b in guide.bands)
        return None
    band = guide.band(text)
    if band is None:
        errors["region"] = "This guide covers " + ", ".join(b.region for b in guide.bands)
        return None
    return band.region


def _currency(guide: Guide | None, region: str | None) -> str | None:
    band = guide.band(region) if guide is not None and region else None
    return band.currency if band is not None else None


def _money(text: str, key: str, errors: dict[str, str], notes: list[str]) -> float | None:
    if not text:
        return None
    amount = parse_amount(text.replace(" ", ""))
    if amount is None or amount.negative:
        errors[key] = "A figure such as 205000 or 205k."
        return None
    value = amount.value
    if amount.multiplier is None and 0 < value < 1000:  # "205" in a salary field is 205k
        value *= 1000
        notes.append(f"read {text} as {value:,.0f} (thousands)")
    if value > 100_000_000:
        errors[key] = f"{format_money(value, None)} is more than an offer holds."
        return None
    return value


def _years(text: str, errors: dict[str, str]) -> tuple[int | None, tuple[float, ...]]:
    if not text:
        return None, ()
    if text.isdecimal() and 1 <= int(text) <= 10:
        return int(text), ()
    if _SCHEDULE_RE.match(text):
        parts = tuple(float(p) for p in text.split("/"))
        if abs(sum(parts) - 100) <= 2:
            return len(parts), parts
    errors["stock_years"] = "Years (1-10), or a schedule that adds up to 100, e.g. 25/25/25/25."
    return None, ()


def _bonus(
    text: str, errors: dict[str, str], notes: list[str]
) -> tuple[float | None, float | None]:
    """(percent, amount): "10" or "10%" is a percent of base; "20k", "$20,000" or 20000 is an
    amount of money a year; a plain 201-999 could be either and is asked about."""
    amount = parse_amount(text.replace(" ", "")) if text and "%" not in text else None
    if amount is not None and (amount.currency or amount.multiplier or amount.value >= 1000):
        return None, _money(text, "bonus_pct", errors, notes)
    if amount is not None and amount.value > 200:
        errors["bonus_pct"] = "Is that a percent or an amount? Write 10% or 20k."
        return None, None
    return _percent(text, errors), None


def _percent(text: str, errors: dict[str, str]) -> float | None:
    if not text:
        return None
    try:
        value = float(text.rstrip("%").strip().replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 200:
        errors["bonus_pct"] = "A percent of base between 0 and 200 (e.g. 10), or an amount (20k)."
        return None
    return value

"""Guide text -> Guide. Pure: no file access, no clock.

Frontmatter numbers are the source of truth; the body fills gaps (a region only in the table, a
level mapping only in the prose) and every disagreement between the two becomes a warning.
A guide that cannot be used raises GuideError with the reason.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from bot.errors import GuideError
from bot.guides.model import (
    Band,
    Guide,
    LevelEquivalent,
    LevelMapping,
    ParsedGuide,
    Problem,
    Severity,
    Span,
)
from bot.guides.outline import Outline, TableRow, parse_outline
from bot.guides.repair import repair_text
from bot.prose.money import CURRENCIES, find_amounts, format_money, parse_amount, parse_range

# libyaml's C loader is about 7x faster than the pure-Python one, and YAML dominates load time.
# python-frontmatter ignores a Loader passed to loads() (it becomes metadata), so a handler it is.
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_GUIDE_CHARS = 1_000_000

_KNOWN_KEYS = frozenset(
    {
        "company",
        "company_display",
        "role",
        "role_display",
        "role_type",
        "last_updated",
        "next_review_due",
        "data_quality",
        "salary_data_quarter",
        "compensation",
        "level_mapping",
        "data_sources",
        "negotiation_dna_summary",
        "summary",
        "aliases",
        "parent",
        "parents",
        "brands",
        "vesting",
        "threshold",
    }
)
_STOCK_OF_RE = re.compile(r"\b([A-Z][A-Za-z0-9&]+)(?:'s)?\s+(?:RSUs?|stock|shares)\b")
_PARENT_STOPWORDS = frozenset(
    {
        "The",
        "Your",
        "Their",
        "Our",
        "My",
        "Top",
        "Public",
        "Private",
        "Liquid",
        "Annual",
        "Initial",
        "New",
        "Refresh",
        "Total",
        "Its",
        "Company",
        "Startup",
        "Tier",
        "Equity",
        "Any",
        "More",
    }
)


class _FastYAMLHandler(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        data = yaml.load(fm, Loader=YAML_LOADER)  # a SafeLoader: plain data only
        if "&" in fm:  # only anchors make aliases, and only aliases can blow up
            _check_size(data)
        return data


_HANDLER = _FastYAMLHandler()


class _Warnings:
    """Collects warnings for one file."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Problem] = []

    def __call__(self, message: str) -> None:
        self.items.append(Problem(self.source, Severity.WARNING, message))


def parse_guide(text: str, source: str = "<string>") -> ParsedGuide:
    """Parse one guide. Raises GuideError when the guide cannot be used at all."""
    if len(text) > MAX_GUIDE_CHARS:
        raise GuideError(
            f"file is {len(text):,} characters; guides are limited to {MAX_GUIDE_CHARS:,}"
        )
    warn = _Warnings(source)
    repaired = repair_text(text)
    for garbage in repaired.dropped:
        codes = " ".join(f"U+{ord(c):04X}" for c in garbage)
        warn(f"unrepairable text dropped from display ({codes})")
    meta, content = _frontmatter(repaired.text)
    body = parse_outline(content)

    company = _slug(meta.get("company"), "company")
    role = _slug(meta.get("role"), "role")
    company_display = _text(meta.get("company_display")) or _titled(company)
    role_display = _text(meta.get("role_display")) or _titled(role)

    vesting = _vesting(meta.get("vesting"), warn)
    default_years = len(vesting) if vesting else (body.stock_years or 4)
    bands = _bands(meta.get("compensation"), body, default_years, warn)

    guide = Guide(
        company=company,
        role=role,
        company_display=company_display,
        role_display=role_display,
        role_type=_text(meta.get("role_type")),
        last_updated=_date(meta.get("last_updated"), "last_updated", warn),
        next_review_due=_date(meta.get("next_review_due"), "next_review_due", warn),
        data_quality=_text(meta.get("data_quality")),
        salary_data_quarter=_text(meta.get("salary_data_quarter")),
        bands=bands,
        level_mapping=_level_mapping(meta.get("level_mapping"), body, company_display),
        data_sources=_strings(meta.get("data_sources")),
        summary=_text(meta.get("negotiation_dna_summary") or meta.get("summary")) or body.summary,
        aliases=_strings(meta.get("aliases")),
        parents=_parents(meta, content, company_display),
        vesting=vesting,
        extra={k: v for k, v in meta.items() if k not in _KNOWN_KEYS},
        source=source,
        body=content,
        threshold_text=_text(meta.get("threshold")),
    )
    if not guide.bands:
        warn("no compensation bands in frontmatter or body table")
    return ParsedGuide(guide, tuple(warn.items))


def _frontmatter(text: str) -> tuple[dict[str, Any], str]:
    try:
        meta, content = frontmatter.parse(text, handler=_HANDLER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GuideError(f"YAML syntax error in frontmatter{where}: {problem}") from None
    if not meta:
        raise GuideError(
            "no YAML frontmatter: a guide starts with a '---' block naming company and role"
        )
    return {str(k): v for k, v in meta.items()}, content


MAX_FRONTMATTER_VALUES = 50_000


def _check_size(value: object) -> None:
    """Refuse frontmatter that expands past a sane size: YAML aliases can make a few lines
    stand for billions of values ("billion laughs"), which any later walk would pay for."""
    budget = [MAX_FRONTMATTER_VALUES]

    def walk(node: object) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise GuideError(
                f"frontmatter expands to more than {MAX_FRONTMATTER_VALUES:,} values "
                "(YAML aliases?); guides need far fewer"
            )
        if isinstance(node, dict):
            for key, item in node.items():
                walk(key)
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)


def _slug(value: object, key: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise GuideError(f"missing '{key}' in frontmatter")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise GuideError(f"'{key}' must be text, not {type(value).__name__}")
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).casefold()).strip("-")
    if not slug:
        raise GuideError(f"'{key}' has no letters or digits: {value!r}")
    return slug


def _titled(slug: str) -> str:
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in slug.split("-"))


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return (str(value),)


def _date(value: object, key: str, warn: _Warnings) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        warn(f"'{key}' is not a date (YYYY-MM-DD): {value!r}; ignored")
        return None


def _number(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise GuideError(f"{where} is not a number: {value!r}")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        amount = parse_amount(value.replace("%", ""))
        if amount is None:
            raise GuideError(f"{where} is not a number: {value!r}")
        number = -amount.value if amount.negative else amount.value
    else:
        raise GuideError(f"{where} is not a number: {value!r}")
    if not math.isfinite(number) or number < 0:
        raise GuideError(f"{where} must be a positive number, not {value!r}")
    return number


def _span(entry: Mapping[str, Any], key: str, where: str) -> Span | None:
    low = _number(entry.get(f"{key}_low"), f"{where} {key}_low")
    high = _number(entry.get(f"{key}_high"), f"{where} {key}_high")
    if low is None and high is None:
        return None
    low = high if low is None else low
    high = low if high is None else high
    assert low is not None and high is not None
    if low > high:
        raise GuideError(f"{where} {key}_low ({low:,.0f}) is above {key}_high ({high:,.0f})")
    return Span(low, high)


def _bonus(entry: Mapping[str, Any], where: str) -> Span | None:
    value = entry.get("bonus_pct")
    if isinstance(value, str) and (pair := parse_range(value)):
        low, high = pair[0].value, pair[1].value
        if low > high:
            raise GuideError(f"{where} bonus_pct range {value!r} runs high to low")
        return Span(low, high)
    single = _number(value, f"{where} bonus_pct")
    if single is not None:
        return Span(single, single)
    return _span(entry, "bonus_pct", where)


def _bands(raw: object, body: Outline, default_years: int, warn: _Warnings) -> tuple[Band, ...]:
    rows = {row.region.casefold(): row for row in body.rows}
    bands: list[Band] = []
    if raw is not None and not isinstance(raw, list):
        raise GuideError("'compensation' must be a list of regions")
    for i, entry in enumerate(raw or []):
        if not isinstance(entry, Mapping):
            raise GuideError(f"compensation[{i}] must be a mapping of region figures")
        region = _text(entry.get("region") or entry.get("name"))
        if not region:
            raise GuideError(f"compensation[{i}] has no 'region'")
        where = f"compensation[{i}] ({region})"
        row = rows.pop(region.casefold(), None)
        currency = _currency(entry.get("currency"), row, where, warn)
        years_raw = entry.get("stock_years", entry.get("vesting_years"))
        years = int(_number(years_raw, f"{where} stock_years") or default_years)
        band = Band(
            region=region,
            currency=currency,
            base=_span(entry, "base", where),
            stock=_span(entry, "stock", where),
            stock_years=max(years, 1),
            bonus_pct=_bonus(entry, where),
            total_comp=_span(entry, "total_comp", where),
        )
        if row is not None:
            band = _reconcile(band, row, warn)
        bands.append(band)
    for row in rows.values():
        extra = _band_from_row(row, default_years, warn)
        if extra is not None:
            if bands:
                warn(f"region {row.region!r} is only in the body table; using its figures")
            bands.append(extra)
    return tuple(bands)


def _currency(value: object, row: TableRow | None, where: str, warn: _Warnings) -> str:
    if value is not None:
        code = str(value).strip().upper()
        if code not in CURRENCIES:
            raise GuideError(f"{where} has an unknown currency code {value!r}")
        return code
    seen = _row_currencies(row) if row else set()
    if len(seen) == 1:
        return seen.pop()
    warn(f"{where} names no currency; assuming USD")
    return "USD"


def _row_values(row: TableRow) -> tuple[dict[str, Span], set[str]]:
    """The spans a table row gives, by column, and the currencies its money columns show."""
    spans: dict[str, Span] = {}
    currencies: set[str] = set()
    for key, cell in row.cells.items():
        pair = parse_range(cell) if cell else None
        if pair is None:
            if key != "bonus":
                currencies.update(a.currency for a in find_amounts(cell) if a.currency)
            continue
        low, high = pair
        if low.value <= high.value:
            spans[key] = Span(low.value, high.value)
        if key != "bonus":
            currencies.update(c for c in (low.currency, high.currency) if c)
    return spans, currencies


def _row_currencies(row: TableRow) -> set[str]:
    return _row_values(row)[1]


def _reconcile(band: Band, row: TableRow, warn: _Warnings) -> Band:
    """Warn where the body table disagrees with the frontmatter; fill what frontmatter lacks."""
    spans, currencies = _row_values(row)
    for symbol_currency in currencies - {band.currency}:
        warn(
            f"{band.region}: the body table shows {symbol_currency} amounts "
            f"but the band's currency is {band.currency}"
        )
    filled: dict[str, Span] = {}
    for key, attr, is_pct in (
        ("base", "base", False),
        ("stock", "stock", False),
        ("bonus", "bonus_pct", True),
        ("total", "total_comp", False),
    ):
        table = spans.get(key)
        ours: Span | None = getattr(band, attr)
        if table is None:
            continue
        if ours is None:
            filled[attr] = table
            continue
        if _differs(ours.low, table.low) or _differs(ours.high, table.high):
            show = _show_pct if is_pct else (lambda s: _show_money(s, band.currency))
            warn(
                f"{band.region} {attr}: frontmatter says {show(ours)}, body table says "
                f"{show(table)}; using the frontmatter"
            )
    return replace(band, **filled) if filled else band  # type: ignore[arg-type]


def _differs(a: float, b: float) -> bool:
    return abs(a - b) > max(abs(a), abs(b)) * 0.005


def _show_pct(span: Span) -> str:
    return f"{span.low:g}%" if span.low == span.high else f"{span.low:g}–{span.high:g}%"


def _show_money(span: Span, currency: str) -> str:
    low, high = format_money(span.low, currency), format_money(span.high, currency)
    return low if low == high else f"{low}–{high}"


def _band_from_row(row: TableRow, years: int, warn: _Warnings) -> Band | None:
    spans, currencies = _row_values(row)
    if len(currencies) > 1:
        warn(f"table row {row.region!r} mixes currencies {sorted(currencies)}; skipped")
        return None
    currency = currencies.pop() if currencies else "USD"
    band = Band(
        region=row.region.strip("* "),
        currency=currency,
        base=spans.get("base"),
        stock=spans.get("stock"),
        stock_years=years,
        bonus_pct=spans.get("bonus"),
        total_comp=spans.get("total"),
    )
    if band.base is None and band.stock is None and band.total_comp is None:
        return None
    return band


def _vesting(value: object, warn: _Warnings) -> tuple[float, ...]:
    if value is None:
        return ()
    parts: list[object]
    if isinstance(value, str):
        parts = [p for p in re.split(r"[/,\s]+", value.replace("%", "")) if p]
    elif isinstance(value, list):
        parts = list(value)
    else:
        warn(f"'vesting' should be a list such as [25, 25, 25, 25], not {value!r}; ignored")
        return ()
    try:
        schedule = tuple(float(str(p)) for p in parts)
    except ValueError:
        warn(f"'vesting' has a part that is not a number: {value!r}; ignored")
        return ()
    if not schedule or any(p < 0 for p in schedule) or abs(sum(schedule) - 100) > 2:
        warn(f"'vesting' {value!r} does not add up to 100%; ignored")
        return ()
    return schedule


def _level_mapping(raw: object, body: Outline, company_display: str) -> LevelMapping:
    internal = None
    line = body.level_mapping
    equivalents: list[LevelEquivalent] = []
    if isinstance(raw, Mapping):
        internal = _text(raw.get("internal"))
        line = _text(raw.get("raw")) or line
        for item in raw.get("equivalents") or []:
            if isinstance(item, Mapping) and item.get("company") and item.get("level"):
                equivalents.append(LevelEquivalent(str(item["company"]), str(item["level"])))
    elif isinstance(raw, str):
        line = raw
    if line and not equivalents:
        equivalents = _equivalents(line, company_display)
    return LevelMapping(internal=internal, equivalents=tuple(equivalents), raw=line)


def _equivalents(line: str, company_display: str) -> list[LevelEquivalent]:
    """ "Segment AI CDP Eng = Google L5 ML = Meta ML E5" -> Google: L5 ML, Meta: ML E5."""
    found = []
    for part in (p.strip() for p in line.split("=")):
        words = part.split()
        if len(words) < 2 or re.match(r"no\b|n/a|none", part, re.IGNORECASE):
            continue
        if part.casefold().startswith(company_display.casefold()):
            continue
        found.append(LevelEquivalent(words[0], " ".join(words[1:])))
    return found


def _parents(meta: Mapping[str, Any], content: str, company_display: str) -> tuple[str, ...]:
    """Parent or brand names: declared in frontmatter, or named as the stock the guide pays in."""
    names = [
        *_strings(meta.get("parent")),
        *_strings(meta.get("parents")),
        *_strings(meta.get("brands")),
    ]
    own = company_display.casefold()
    for line in content.split("\n"):
        if "RSU" in line or "stock" in line or "shares" in line:
            names.extend(m[1] for m in _STOCK_OF_RE.finditer(line))
        if "/" in line and company_display in line:
            pattern = rf"\b{re.escape(company_display)}\s*/\s*([A-Z][A-Za-z0-9&]+)"
            names.extend(m[1] for m in re.finditer(pattern, line))
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key != own and name not in _PARENT_STOPWORDS and key not in seen:
            seen[key] = name
    return tuple(seen.values())

"""A guide's pay bands: the frontmatter's regions, in the shapes authors write them, reconciled
with the body's region table (which fills what the frontmatter lacks; disagreements warn).

Stock is always kept as the whole grant over ``stock_years``: a band stated per year
(``stock_basis: per_year``, ``vesting: {basis: per_year}``, ``stock_per_year_low``) is
multiplied out here, so nothing downstream needs to know how the author counted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.errors import GuideError
from bot.guides.model import Band, Span
from bot.guides.outline import Outline, TableRow
from bot.guides.values import (
    currency_code,
    range_text,
    read_span,
    read_years,
    stock_basis,
    stock_terms,
)
from bot.prose.money import CURRENCIES, find_amounts, format_money, parse_range

Warn = Callable[[str], None]

_REGION_KEYS = ("region", "name", "location", "city", "market", "office")
_COMPONENT_KEYS: dict[str, tuple[str, ...]] = {
    "base": ("base", "salary", "base_salary"),
    "stock": ("stock", "rsu", "rsus", "equity"),
    "bonus_pct": ("bonus_pct", "bonus", "bonus_percent", "target_bonus", "target_bonus_pct"),
    "total_comp": ("total_comp", "tc", "total", "total_compensation"),
}
_PER_YEAR_STOCK_KEYS = ("stock_per_year", "stock_annual", "annual_stock", "rsu_per_year")
_OTHER_KEYS = frozenset(
    {"currency", "stock_years", "vesting_years", "stock_basis", "notes", "note", "source"}
)

# Every key a region entry may hold, for the frontmatter reader's spelling of keys.
FIELD_KEYS = frozenset(
    {*_REGION_KEYS, *_OTHER_KEYS}
    | {
        f"{key}{end}"
        for keys in (*_COMPONENT_KEYS.values(), _PER_YEAR_STOCK_KEYS)
        for key in keys
        for end in ("", "_low", "_high")
    }
)


@dataclass(frozen=True)
class BandDefaults:
    """What the guide says once for every region: how it counts stock (the vesting years,
    whether bands are yearly) and, when it names one, the currency."""

    years: int = 4
    per_year: bool = False
    currency: str | None = None


def read_bands(raw: object, body: Outline, defaults: BandDefaults, warn: Warn) -> tuple[Band, ...]:
    rows = {row.region.casefold(): row for row in body.rows}
    bands: list[Band] = []
    for i, (region, entry) in enumerate(_entries(raw)):
        where = f"compensation[{i}] ({region})"
        row = rows.pop(region.casefold(), None)
        band = _band(region, entry, row, defaults, where, warn)
        if row is not None:
            band = _reconcile(band, row, warn)
        bands.append(band)
    for row in rows.values():
        extra = _band_from_row(row, defaults.years, warn)
        if extra is not None:
            if bands:
                warn(f"region {row.region!r} is only in the body table; using its figures")
            bands.append(extra)
    return tuple(bands)


def _entries(raw: object) -> list[tuple[str, Mapping[str, Any]]]:
    """Regions as a list of mappings, or as a mapping of region name -> figures."""
    if raw is None:
        return []
    if isinstance(raw, Mapping):
        raw = [
            {"region": name, **value} if isinstance(value, Mapping) else value
            for name, value in raw.items()
        ]
    if not isinstance(raw, list):
        raise GuideError("'compensation' must be a list of regions")
    found: list[tuple[str, Mapping[str, Any]]] = []
    for i, given in enumerate(raw):
        if not isinstance(given, Mapping):
            raise GuideError(f"compensation[{i}] must be a mapping of region figures")
        entry: Mapping[str, Any] = given
        if len(given) == 1 and isinstance(only := next(iter(given.values())), Mapping):
            entry = {"region": next(iter(given)), **only}  # "- Seattle: {base_low: ...}"
        region = next((str(entry[k]).strip() for k in _REGION_KEYS if entry.get(k)), "")
        if not region:
            raise GuideError(f"compensation[{i}] has no 'region'")
        found.append((region, {str(k): v for k, v in entry.items()}))
    return found


def _band(
    region: str,
    entry: Mapping[str, Any],
    row: TableRow | None,
    defaults: BandDefaults,
    where: str,
    warn: Warn,
) -> Band:
    named: set[str] = set()
    spans: dict[str, Span | None] = {}
    used: set[str] = set(_REGION_KEYS) | _OTHER_KEYS
    for attr, keys in _COMPONENT_KEYS.items():
        spans[attr] = None
        for key in keys:
            used.update({key, f"{key}_low", f"{key}_high"})
            if spans[attr] is None:
                pair, currencies = read_span(entry, key, where)
                if pair is not None:
                    spans[attr] = Span(*pair)
                    named |= currencies if attr != "bonus_pct" else set()
    marked_yearly, marked_years = stock_terms(
        [entry.get(f"{k}{end}") for k in _COMPONENT_KEYS["stock"] for end in ("", "_low", "_high")]
    )  # "$50K/yr - $80K/yr", "$200K over 4 years"
    per_year = stock_basis(entry.get("stock_basis"), where, warn)
    per_year = (marked_yearly or defaults.per_year) if per_year is None else per_year
    for key in _PER_YEAR_STOCK_KEYS:
        used.update({key, f"{key}_low", f"{key}_high"})
        pair, currencies = read_span(entry, key, where)
        if pair is not None and spans["stock"] is None:
            spans["stock"], per_year = Span(*pair), True
            named |= currencies
    years_raw = entry.get("stock_years", entry.get("vesting_years"))
    years = read_years(years_raw, where, warn) or marked_years or defaults.years
    stock = spans["stock"]
    if stock is not None and per_year:
        stock = Span(stock.low * years, stock.high * years)
    for key in sorted(set(entry) - used):
        warn(f"{where}: key '{key}' is not one Leverage reads; ignored")
    bonus = _bonus_percent(spans["bonus_pct"], spans["base"], where, warn)
    return Band(
        region=region,
        currency=_currency(entry.get("currency", defaults.currency), named, row, where, warn),
        base=spans["base"],
        stock=stock,
        stock_years=years,
        bonus_pct=bonus,
        total_comp=spans["total_comp"],
    )


def _bonus_percent(bonus: Span | None, base: Span | None, where: str, warn: Warn) -> Span | None:
    """The bonus as a percent of base, as a band keeps it: a fraction (0.15) is 15%, and an
    amount (15000, more than any percent) is its share of the base band, both said."""
    if bonus is None or bonus.high == 0 or 1 <= bonus.high <= 100:
        return bonus
    given = f"{bonus.low:,g}" if bonus.low == bonus.high else f"{bonus.low:,g}-{bonus.high:,g}"
    if bonus.high < 1:
        read = Span(round(bonus.low * 100, 2), round(bonus.high * 100, 2))
        warn(f"{where} bonus {given} read as a fraction of base: {_show_pct(read)}")
        return read
    if base is None or base.low == 0:
        warn(
            f"{where} bonus {given} is an amount, not a percent, and there is no base to take "
            "it from; ignored"
        )
        return None
    read = Span(round(bonus.low / base.low * 100, 1), round(bonus.high / base.high * 100, 1))
    warn(f"{where} bonus {given} is an amount, not a percent; read as {_show_pct(read)} of base")
    return read


def _currency(value: object, named: set[str], row: TableRow | None, where: str, warn: Warn) -> str:
    if value is not None:
        code = currency_code(value)
        if code not in CURRENCIES:
            raise GuideError(f"{where} has an unknown currency code {value!r}")
        assert code is not None
        for other in sorted(named - {code}):
            warn(f"{where}: amounts are written in {other} but the currency is {code}")
        return code
    seen = named or (_row_values(row, 1)[1] if row else set())
    if len(seen) == 1:
        return next(iter(seen))
    warn(f"{where} names no currency; assuming USD")
    return "USD"


def _row_values(row: TableRow, years: int) -> tuple[dict[str, Span], set[str]]:
    """The spans a table row gives, by column (stock as the grant over ``years``), and the
    currencies its money columns show."""
    spans: dict[str, Span] = {}
    currencies: set[str] = set()
    for key, raw_cell in row.cells.items():
        cell = range_text(raw_cell)
        pair = parse_range(cell) if cell else None
        if pair is None:
            if key != "bonus":
                currencies.update(a.currency for a in find_amounts(cell) if a.currency)
            continue
        low, high = pair
        if low.value <= high.value:
            times = years if key == "stock" and row.stock_per_year else 1
            spans[key] = Span(low.value * times, high.value * times)
        if key != "bonus":
            currencies.update(c for c in (low.currency, high.currency) if c)
    return spans, currencies


def _reconcile(band: Band, row: TableRow, warn: Warn) -> Band:
    """Warn where the body table disagrees with the frontmatter; fill what frontmatter lacks."""
    spans, currencies = _row_values(row, band.stock_years)
    for symbol_currency in sorted(currencies - {band.currency}):
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


def _band_from_row(row: TableRow, years: int, warn: Warn) -> Band | None:
    spans, currencies = _row_values(row, years)
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

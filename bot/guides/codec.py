"""A parsed guide as plain data and back, for the cache: MessagePack of the typed values, which
can describe a guide but never run anything (unlike a pickle, which can be made to run code).

Positional lists rather than mappings: a warm start of 100k guides decodes only what it touches,
and what it touches should be small and quick to turn back into frozen dataclasses.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgpack

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

_DATE = 1  # MessagePack extension codes: data tags read by our own hook, never code
_DATETIME = 2


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return msgpack.ExtType(_DATETIME, value.isoformat().encode())
    if isinstance(value, date):
        return msgpack.ExtType(_DATE, value.isoformat().encode())
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)  # anything else YAML could give is kept as its text


def _ext(code: int, data: bytes) -> object:
    if code == _DATE:
        return date.fromisoformat(data.decode())
    if code == _DATETIME:
        return datetime.fromisoformat(data.decode())
    raise ValueError(f"unknown extension type {code} in the guide cache")


def pack(value: object) -> bytes:
    return msgpack.packb(value, default=_default, use_bin_type=True)  # type: ignore[no-any-return]


def unpack(data: bytes | memoryview) -> Any:
    return msgpack.unpackb(data, ext_hook=_ext, raw=False, strict_map_key=False, use_list=True)


def _span(span: Span | None) -> list[float] | None:
    return None if span is None else [span.low, span.high]


def _unspan(data: list[float] | None) -> Span | None:
    return None if data is None else Span(data[0], data[1])


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def encode(result: ParsedGuide | str) -> bytes:
    """One file's result: its guide and warnings, or the reason it cannot be used."""
    if isinstance(result, str):
        return pack([0, result])
    g = result.guide
    mapping = g.level_mapping
    guide = [
        g.company,
        g.role,
        g.company_display,
        g.role_display,
        g.role_type,
        _iso(g.last_updated),
        _iso(g.next_review_due),
        g.data_quality,
        g.salary_data_quarter,
        [
            [
                b.region,
                b.currency,
                _span(b.base),
                _span(b.stock),
                b.stock_years,
                _span(b.bonus_pct),
                _span(b.total_comp),
            ]
            for b in g.bands
        ],
        [mapping.internal, [[e.company, e.level] for e in mapping.equivalents], mapping.raw],
        list(g.data_sources),
        g.summary,
        list(g.aliases),
        list(g.parents),
        list(g.vesting),
        dict(g.extra),
        g.source,
        g.body,
        g.threshold_text,
        g.body_line,
    ]
    problems = [[p.file, p.severity.value, p.message] for p in result.problems]
    return pack([1, guide, problems])


def decode(data: bytes | memoryview) -> ParsedGuide | str:
    """The inverse of :func:`encode`. Raises ValueError (or a msgpack error) on damaged data."""
    record = unpack(data)
    if record[0] == 0:
        return str(record[1])
    (
        company,
        role,
        company_display,
        role_display,
        role_type,
        last_updated,
        next_review_due,
        data_quality,
        quarter,
        bands,
        mapping,
        sources,
        summary,
        aliases,
        parents,
        vesting,
        extra,
        source,
        body,
        threshold_text,
        body_line,
    ) = record[1]
    guide = Guide(
        company=company,
        role=role,
        company_display=company_display,
        role_display=role_display,
        role_type=role_type,
        last_updated=_day(last_updated),
        next_review_due=_day(next_review_due),
        data_quality=data_quality,
        salary_data_quarter=quarter,
        bands=tuple(
            Band(
                region, currency, _unspan(base), _unspan(stock), years, _unspan(bonus), _unspan(tc)
            )
            for region, currency, base, stock, years, bonus, tc in bands
        ),
        level_mapping=LevelMapping(
            mapping[0], tuple(LevelEquivalent(c, lv) for c, lv in mapping[1]), mapping[2]
        ),
        data_sources=tuple(sources),
        summary=summary,
        aliases=tuple(aliases),
        parents=tuple(parents),
        vesting=tuple(vesting),
        extra=extra,
        source=source,
        body=body,
        threshold_text=threshold_text,
        body_line=body_line,
    )
    problems = tuple(Problem(f, Severity(level), message) for f, level, message in record[2])
    return ParsedGuide(guide, problems)

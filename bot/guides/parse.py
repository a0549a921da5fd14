"""Guide text -> Guide. Pure: no file access, no clock.

Frontmatter numbers are the source of truth; the body fills gaps (a region only in the table, a
level mapping only in the prose) and every disagreement between the two becomes a warning.
A guide that cannot be used raises GuideError with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from bot.errors import GuideError
from bot.guides.bands import FIELD_KEYS, BandDefaults, read_bands
from bot.guides.lines import THRESHOLD_KEYS, frontmatter_lines, line_key
from bot.guides.model import (
    Guide,
    ParsedGuide,
    Problem,
    Severity,
)
from bot.guides.names import LEVEL_KEYS, level_mapping, parents
from bot.guides.outline import Outline, parse_outline
from bot.guides.repair import repair_text
from bot.guides.values import (
    RANGE_KEYS,
    currency_code,
    read_date,
    read_years,
    stock_basis,
    strings_of,
    text_of,
)
from bot.prose.money import CURRENCIES

# libyaml's C loader is about 7x faster than the pure-Python one, and YAML dominates load time.
# python-frontmatter ignores a Loader passed to loads() (it becomes metadata), so a handler it is.
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_GUIDE_CHARS = 1_000_000


# The dates under the names authors give them, the usual name first.
_UPDATED_KEYS = (
    "last_updated",
    "updated",
    "last_update",
    "last_reviewed",
    "updated_at",
    "updated_on",
)
_REVIEW_KEYS = (
    "next_review_due",
    "review_by",
    "next_review",
    "next_review_date",
    "review_date",
    "review_due",
)

# Where the regions are: "compensation", or what else authors call it.
_BANDS_KEYS = (
    "compensation",
    "regions",
    "bands",
    "comp",
    "pay",
    "pay_bands",
    "salary_bands",
    "compensation_bands",
    "salaries",
)

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
        "stock_basis",
        "stock_per_year",
        "stock_years",
        "vesting_years",
        *_BANDS_KEYS,
        "currency",
        *_UPDATED_KEYS,
        *_REVIEW_KEYS,
        "sources",
        "level",
        "internal_level",
        *LEVEL_KEYS,
        *(key for key, _ in THRESHOLD_KEYS),
    }
)


# Every key Leverage reads, at any depth: a key that is one of these once case, spaces and
# hyphens are set aside ("Company", "Last Updated", "base-low") is read as it. Other keys keep
# their spelling, because in some mappings the keys are names ("Zurich:", "Google: L5").
_KEY_WORDS = (
    _KNOWN_KEYS
    | FIELD_KEYS
    | RANGE_KEYS
    | {"internal", "raw", "line", "equivalents", "company", "level", "schedule", "basis"}
    | {"kind", "component", "comparison", "amount", "value", "per_year", "years"}
)


def _key(key: object) -> str:
    text = str(key)
    plain = re.sub(r"[\s-]+", "_", text.strip()).casefold()
    return plain if plain in _KEY_WORDS else text


def _plain_keys(value: object) -> Any:
    """``value`` with every key Leverage reads in its own spelling (first one wins)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.setdefault(_key(k), _plain_keys(v))
        return out
    if isinstance(value, list):
        return [_plain_keys(v) for v in value]
    return value


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
    company_display = text_of(meta.get("company_display")) or _display(meta.get("company"), company)
    role_display = text_of(meta.get("role_display")) or _display(meta.get("role"), role)

    vesting, defaults = _stock_defaults(meta, body, warn)
    bands = read_bands(_first_of(meta, _BANDS_KEYS, None), body, defaults, warn)
    mapping = level_mapping(meta, body, company_display, company)
    guide = Guide(
        company=company,
        role=role,
        company_display=company_display,
        role_display=role_display,
        role_type=text_of(meta.get("role_type")),
        last_updated=read_date(
            _first_of(meta, _UPDATED_KEYS, body.last_updated), "last_updated", warn
        ),
        next_review_due=read_date(
            _first_of(meta, _REVIEW_KEYS, body.next_review), "next_review_due", warn
        ),
        data_quality=text_of(meta.get("data_quality")),
        salary_data_quarter=text_of(meta.get("salary_data_quarter")),
        bands=bands,
        level_mapping=mapping,
        data_sources=strings_of(meta.get("data_sources", meta.get("sources"))),
        summary=text_of(meta.get("negotiation_dna_summary") or meta.get("summary")) or body.summary,
        aliases=strings_of(meta.get("aliases")),
        parents=parents(meta, content, company_display, mapping),
        vesting=vesting,
        extra={k: v for k, v in meta.items() if k not in _KNOWN_KEYS and line_key(k) is None},
        source=source,
        body=content,
        threshold_text=frontmatter_lines(meta, warn),
        body_line=_body_line(repaired.text, content),
    )
    if not guide.bands:
        warn("no compensation bands in frontmatter or body table")
    return ParsedGuide(guide, tuple(warn.items))


def _first_of(meta: Mapping[str, Any], keys: tuple[str, ...], default: object) -> object:
    """The value of the first of ``keys`` the frontmatter gives (synonyms of one key)."""
    return next((meta[k] for k in keys if meta.get(k) is not None), default)


def _display(value: object, slug: str) -> str:
    """A display name: the frontmatter's own words when they are a name ("Helvetia Bank"),
    else the slug titled ("helvetia-bank" -> "Helvetia Bank")."""
    text = text_of(value)
    if text and not re.fullmatch(r"[a-z0-9-]+", text):
        return text
    return _titled(slug)


def _body_line(text: str, content: str) -> int:
    """The file line the body starts on, so problems in it can name their line."""
    at = text.rfind(content) if content else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def frontmatter_of(text: str) -> dict[str, Any]:
    """The frontmatter of a guide's text, repaired as the parser repairs it."""
    return _frontmatter(repair_text(text).text)[0]


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
    return _plain_keys(dict(meta)), content


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


_VESTING_YEARS_RE = re.compile(r"(?P<n>\d{1,2})\s*-?\s*(?:years?|yrs?|y)\b", re.IGNORECASE)


def _stock_defaults(
    meta: Mapping[str, Any], body: Outline, warn: _Warnings
) -> tuple[tuple[float, ...], BandDefaults]:
    """The vesting schedule and how the guide counts stock: ``vesting`` as a schedule
    ([5, 15, 40, 40], "25/25/25/25") or a mapping ({years, schedule, basis}), ``stock_basis``,
    ``stock_years``; else the body table's "RSU/4yr" header; else four years per grant."""
    raw = meta.get("vesting")
    basis: object = meta.get("stock_basis")
    if basis is None and isinstance(meta.get("stock_per_year"), bool):
        basis = "per_year" if meta["stock_per_year"] else "per_grant"
    years: object = meta.get("stock_years", meta.get("vesting_years"))
    if isinstance(raw, Mapping):
        if isinstance(raw.get("per_year"), bool):
            basis = "per_year" if raw["per_year"] else "per_grant"
        basis = raw.get("basis", raw.get("stock_basis", basis))
        years = raw.get("years", years)
        raw = raw.get("schedule")
    elif isinstance(raw, str) and (m := _VESTING_YEARS_RE.search(raw)):
        years, raw = years or m["n"], None  # "4 years", "4-year vest", "over 4 years"
    schedule = _vesting(raw, warn)
    per_year = stock_basis(basis, "frontmatter", warn)
    count = read_years(years, "frontmatter", warn)
    count = count or (len(schedule) if schedule else None) or body.stock_years or 4
    currency = meta.get("currency")
    code = currency_code(currency) if currency is not None else None
    if currency is not None and code not in CURRENCIES:
        raise GuideError(f"frontmatter has an unknown currency code {currency!r}")
    return schedule, BandDefaults(count, bool(per_year), code)


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

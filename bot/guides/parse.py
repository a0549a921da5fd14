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
from bot.guides.bands import StockDefaults, read_bands
from bot.guides.lines import HAS_CUE_RE
from bot.guides.model import (
    Guide,
    LevelEquivalent,
    LevelMapping,
    ParsedGuide,
    Problem,
    Severity,
)
from bot.guides.outline import Outline, parse_outline
from bot.guides.repair import repair_text
from bot.guides.sections import Kind, blank_quotes, heading_of
from bot.guides.values import read_date, stock_basis

# libyaml's C loader is about 7x faster than the pure-Python one, and YAML dominates load time.
# python-frontmatter ignores a Loader passed to loads() (it becomes metadata), so a handler it is.
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_GUIDE_CHARS = 1_000_000

# Frontmatter keys that state a line, with the cue a bare value under them needs.
_THRESHOLD_KEYS = (
    ("threshold", ""),
    ("thresholds", ""),
    ("walk_away", "Walk away: "),
    ("walk_away_below", "Walk away below "),
    ("floor", "Floor: "),
    ("accept", "Accept: "),
    ("accept_above", "Accept above "),
    ("accept_if", "Accept if "),
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
        "stock_years",
        "vesting_years",
        "regions",
        "bands",
        "updated",
        "review_by",
        "sources",
        "level",
        "internal_level",
        "levels",
        *(key for key, _ in _THRESHOLD_KEYS),
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
    company_display = _text(meta.get("company_display")) or _display(meta.get("company"), company)
    role_display = _text(meta.get("role_display")) or _display(meta.get("role"), role)

    vesting, defaults = _stock_defaults(meta, body, warn)
    bands = read_bands(
        meta.get("compensation", meta.get("regions", meta.get("bands"))), body, defaults, warn
    )
    mapping = _level_mapping(meta, body, company_display, company)
    guide = Guide(
        company=company,
        role=role,
        company_display=company_display,
        role_display=role_display,
        role_type=_text(meta.get("role_type")),
        last_updated=read_date(
            meta.get("last_updated", meta.get("updated", body.last_updated)), "last_updated", warn
        ),
        next_review_due=read_date(
            meta.get("next_review_due", meta.get("review_by", body.next_review)),
            "next_review_due",
            warn,
        ),
        data_quality=_text(meta.get("data_quality")),
        salary_data_quarter=_text(meta.get("salary_data_quarter")),
        bands=bands,
        level_mapping=mapping,
        data_sources=_strings(meta.get("data_sources", meta.get("sources"))),
        summary=_text(meta.get("negotiation_dna_summary") or meta.get("summary")) or body.summary,
        aliases=_strings(meta.get("aliases")),
        parents=_parents(meta, content, company_display, mapping),
        vesting=vesting,
        extra={k: v for k, v in meta.items() if k not in _KNOWN_KEYS},
        source=source,
        body=content,
        threshold_text=_threshold_text(meta, warn),
        body_line=_body_line(repaired.text, content),
    )
    if not guide.bands:
        warn("no compensation bands in frontmatter or body table")
    return ParsedGuide(guide, tuple(warn.items))


def _display(value: object, slug: str) -> str:
    """A display name: the frontmatter's own words when they are a name ("Helvetia Bank"),
    else the slug titled ("helvetia-bank" -> "Helvetia Bank")."""
    text = _text(value)
    if text and not re.fullmatch(r"[a-z0-9-]+", text):
        return text
    return _titled(slug)


def _body_line(text: str, content: str) -> int:
    """The file line the body starts on, so problems in it can name their line."""
    at = text.rfind(content) if content else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _threshold_text(meta: Mapping[str, Any], warn: _Warnings) -> str | None:
    """The frontmatter's lines as sentences, one per text line. A value under a key that names
    its kind ("walk_away: $160K base") gets that cue; ``thresholds`` may also be a mapping of
    kind -> text, or a list of texts or of {kind, component, comparison, amount, currency}."""
    parts: list[str] = []
    cues = dict(_THRESHOLD_KEYS)
    for key, cue in _THRESHOLD_KEYS:
        value = meta.get(key)
        items: list[tuple[str, object]]
        if isinstance(value, Mapping):
            items = [(cues.get(str(k), _KIND_CUES.get(str(k), "")), v) for k, v in value.items()]
        elif isinstance(value, list):
            items = [(cue, v) for v in value]
        else:
            items = [(cue, value)] if value is not None else []
        for item_cue, item in items:
            if isinstance(item, Mapping):
                parts.append(_structured_line(item, key, warn))
                continue
            for text in _strings(item):
                needs_cue = bool(item_cue) and not HAS_CUE_RE.search(text)
                if needs_cue and re.fullmatch(r"[\d.,_']+", text):
                    warn(f"'{key}': {text} names no pay component; read as total comp")
                    text = f"{text} total comp"  # noqa: PLW2901 - the bare figure, completed
                parts.append(f"{item_cue}{text}" if needs_cue else text)
    return "\n".join(p for p in parts if p) or None


_KIND_CUES = {"walk": "Walk away: ", "walk_away": "Walk away: ", "accept": "Accept: "}
_COMPARISON_WORDS = {
    "above": "above",
    "at_least": "at least",
    "below": "below",
    "at_most": "at most",
    ">": "above",
    ">=": "at least",
    "<": "below",
    "<=": "at most",
}


def _structured_line(item: Mapping[Any, Any], key: str, warn: _Warnings) -> str:
    """{kind: walk_away, component: base, amount: 175000} as the sentence it stands for."""
    kind = str(item.get("kind", "walk_away")).casefold()
    walk = kind.startswith(("walk", "floor", "min"))
    comparison = str(item.get("comparison", "below" if walk else "at_least")).casefold()
    words = _COMPARISON_WORDS.get(comparison)
    amount = item.get("amount", item.get("value"))
    if words is None or amount is None:
        warn(f"'{key}': {dict(item)!r} is not a line Leverage can read (kind, component, amount)")
        return ""
    component = str(item.get("component", "total comp")).replace("_", " ")
    currency = str(item.get("currency") or "")
    per_year = " a year" if item.get("per_year") else ""
    cue = "Walk away if" if walk else "Accept if"
    return f"{cue} {component} is {words} {currency} {amount}{per_year}".replace("  ", " ")


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


def _stock_defaults(
    meta: Mapping[str, Any], body: Outline, warn: _Warnings
) -> tuple[tuple[float, ...], StockDefaults]:
    """The vesting schedule and how the guide counts stock: ``vesting`` as a schedule
    ([5, 15, 40, 40], "25/25/25/25") or a mapping ({years, schedule, basis}), ``stock_basis``,
    ``stock_years``; else the body table's "RSU/4yr" header; else four years per grant."""
    raw = meta.get("vesting")
    basis: object = meta.get("stock_basis")
    years: object = meta.get("stock_years", meta.get("vesting_years"))
    if isinstance(raw, Mapping):
        basis = raw.get("basis", raw.get("stock_basis", basis))
        years = raw.get("years", years)
        raw = raw.get("schedule")
    schedule = _vesting(raw, warn)
    per_year = stock_basis(basis, "frontmatter", warn)
    count = None
    if years is not None:
        try:
            count = max(1, int(float(str(years).split()[0])))
        except ValueError:
            warn(f"'stock_years' is not a number of years: {years!r}; ignored")
    count = count or (len(schedule) if schedule else None) or body.stock_years or 4
    return schedule, StockDefaults(count, bool(per_year))


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


_MAPPING_KEYS = frozenset({"internal", "raw", "equivalents", "internal_level", "level", "line"})


def _level_mapping(
    meta: Mapping[str, Any], body: Outline, company_display: str, company: str
) -> LevelMapping:
    """``level_mapping`` as a mapping ({internal, raw, equivalents} or company: level pairs),
    an "A = B = C" line, or a list of "Google L5" strings; else the body's Level Mapping line."""
    raw = meta.get("level_mapping", meta.get("levels"))
    internal = _text(meta.get("internal_level") or meta.get("level"))
    line = body.level_mapping
    equivalents: list[LevelEquivalent] = []
    if isinstance(raw, Mapping):
        internal = _text(raw.get("internal") or raw.get("internal_level")) or internal
        line = _text(raw.get("raw") or raw.get("line")) or line
        for item in raw.get("equivalents") or []:
            if isinstance(item, Mapping) and item.get("company") and item.get("level"):
                equivalents.append(LevelEquivalent(str(item["company"]), str(item["level"])))
        for key, value in raw.items():
            if str(key) not in _MAPPING_KEYS and isinstance(value, str | int) and value != "":
                equivalents.append(LevelEquivalent(str(key), str(value)))
    elif isinstance(raw, str):
        line = raw
    elif isinstance(raw, list):
        line = " = ".join(str(item) for item in raw if item)
    if line and not equivalents:
        equivalents = _equivalents(line, company_display, company)
    return LevelMapping(internal=internal, equivalents=tuple(equivalents), raw=line)


def _equivalents(line: str, company_display: str, company: str) -> list[LevelEquivalent]:
    """ "Segment AI CDP Eng = Google L5 ML = Meta ML E5" -> Google: L5 ML, Meta: ML E5; the
    guide's own company ("Nordwind Senior Data Engineer" in Nordwind Energy's) is not a peer."""
    own = {company_display.casefold().split()[0], company.split("-", maxsplit=1)[0]}
    found = []
    for part in (p.strip() for p in re.split(r"\s*(?:=|≈|~|\|)\s*", line)):
        words = part.split()
        if len(words) < 2 or re.match(r"no\b|n/a|none", part, re.IGNORECASE):
            continue
        if part.casefold().startswith(company_display.casefold()) or words[0].casefold() in own:
            continue
        found.append(LevelEquivalent(words[0], " ".join(words[1:])))
    return found


def _parents(
    meta: Mapping[str, Any], content: str, company_display: str, mapping: LevelMapping
) -> tuple[str, ...]:
    """Parent or brand names: declared in frontmatter, or named as the stock the guide pays in,
    in the guide's own voice: not inside quoted speech, a lever or the evidence (where other
    companies are named as competitors), and never a company the level mapping names as a peer."""
    names = [
        *_strings(meta.get("parent")),
        *_strings(meta.get("parents")),
        *_strings(meta.get("brands")),
    ]
    own = company_display.casefold()
    peers = {e.company.casefold() for e in mapping.equivalents}
    lines = content.split("\n")
    skip = False  # inside a levers or evidence section
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped and (stripped[0] in "#*_" or len(stripped) < 50):
            heading = heading_of(lines, i)
            if heading is not None:
                skip = heading.kind in (Kind.LEVERS, Kind.EVIDENCE)
                continue
        if skip or not ("RSU" in line or "stock" in line or "shares" in line or "/" in line):
            continue
        voice = blank_quotes(line)
        if "RSU" in voice or "stock" in voice or "shares" in voice:
            names.extend(m[1] for m in _STOCK_OF_RE.finditer(voice))
        if "/" in voice and company_display in voice:
            pattern = rf"\b{re.escape(company_display)}\s*/\s*([A-Z][A-Za-z0-9&]+)"
            names.extend(m[1] for m in re.finditer(pattern, voice))
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key != own and key not in peers and name not in _PARENT_STOPWORDS and key not in seen:
            seen[key] = name
    return tuple(seen.values())

"""Who a guide is about besides itself: the role's level and its equivalents elsewhere, and
the parent brands people may name the company by."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.guides.model import LevelEquivalent, LevelMapping
from bot.guides.outline import Outline
from bot.guides.sections import Kind, blank_quotes, heading_of
from bot.guides.values import strings_of, text_of

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


# Between the levels of a mapping line: "=", "≈", "~", "|", "↔", a spaced "/", a comma, ";".
_LEVEL_SPLIT_RE = re.compile(r"\s*(?:=|≈|~|\||↔|;|,)\s*|\s+/\s+")
# Where the mapping is, under the names authors give it.
LEVEL_KEYS = ("level_mapping", "levels", "equivalent_levels", "level_equivalents", "equivalents")

_MAPPING_KEYS = frozenset({"internal", "raw", "equivalents", "internal_level", "level", "line"})


def level_mapping(
    meta: Mapping[str, Any], body: Outline, company_display: str, company: str
) -> LevelMapping:
    """``level_mapping`` as a mapping ({internal, raw, equivalents} or company: level pairs),
    an "A = B = C" line, or a list of "Google L5" strings; else the body's Level Mapping line."""
    raw = next((meta[k] for k in LEVEL_KEYS if meta.get(k) is not None), None)
    internal = text_of(meta.get("internal_level") or meta.get("level"))
    line = body.level_mapping
    equivalents: list[LevelEquivalent] = []
    if isinstance(raw, Mapping):
        internal = text_of(raw.get("internal") or raw.get("internal_level")) or internal
        line = text_of(raw.get("raw") or raw.get("line")) or line
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
    for part in (p.strip() for p in _LEVEL_SPLIT_RE.split(line)):
        words = part.split()
        if len(words) < 2 or re.match(r"no\b|n/a|none", part, re.IGNORECASE):
            continue
        if part.casefold().startswith(company_display.casefold()) or words[0].casefold() in own:
            continue
        found.append(LevelEquivalent(words[0], " ".join(words[1:])))
    return found


def parents(
    meta: Mapping[str, Any], content: str, company_display: str, mapping: LevelMapping
) -> tuple[str, ...]:
    """Parent or brand names: declared in frontmatter, or named as the stock the guide pays in,
    in the guide's own voice: not inside quoted speech, a lever or the evidence (where other
    companies are named as competitors), and never a company the level mapping names as a peer."""
    names = [
        *strings_of(meta.get("parent")),
        *strings_of(meta.get("parents")),
        *strings_of(meta.get("brands")),
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

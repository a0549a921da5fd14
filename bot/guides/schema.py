"""The frontmatter's JSON Schema (guide.schema.json, shipped in the package so an editor's YAML
language server can check a guide as it is typed) and lint's use of it.

The parser is lenient on purpose (it reads what it can and warns); the schema says what a
guide should look like, so lint reports where a guide strays from it, by path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from bot.guides.model import Problem, Severity

SCHEMA_FILE = "guide.schema.json"


@lru_cache(maxsize=1)
def guide_schema() -> dict[str, Any]:
    from importlib.resources import files  # lint only; a warm start should not pay for it

    text = files("bot.guides").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # lint only: serving never validates

    return Draft202012Validator(guide_schema())


def schema_problems(meta: Mapping[str, Any], source: str) -> list[Problem]:
    """Where the frontmatter strays from the schema, one warning per place."""
    found: list[Problem] = []
    seen: set[str] = set()
    for error in _validator().iter_errors(_plain(meta)):
        detail = _deepest(error)
        path = ".".join(str(p) for p in detail.absolute_path)
        if detail.validator == "additionalProperties" and _is_region(detail.instance):
            continue  # the parser names an unread region key itself
        message = f"frontmatter {path or '(top)'}: {_short(detail.message)}"
        if message not in seen:
            seen.add(message)
            found.append(Problem(source, Severity.WARNING, message))
    return found


def _is_region(value: object) -> bool:
    return isinstance(value, dict) and any(
        k in value for k in ("region", "name", "location", "city", "market", "office")
    )


def _deepest(error: Any) -> Any:
    """Of the alternatives a oneOf tried, the one that got furthest into the value: "base.lo
    is not allowed" says more than "the list is not a mapping"."""
    while error.context:
        error = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
    return error


def _plain(value: object) -> object:
    """YAML's values as JSON's: dates as ISO text (as an editor sees them), keys as text."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"

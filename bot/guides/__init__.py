"""Negotiation guides: text -> Guide (pure), a folder -> guides + problems (the only file I/O),
the cache between the two, and the linter."""

from typing import TYPE_CHECKING

from bot.guides.advice import Comparison, Lever, Target, Threshold, ThresholdKind
from bot.guides.load import Library, load_library
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

__all__ = [
    "Band",
    "Comparison",
    "Guide",
    "LevelEquivalent",
    "LevelMapping",
    "Lever",
    "Library",
    "ParsedGuide",
    "Problem",
    "Severity",
    "Span",
    "Target",
    "Threshold",
    "ThresholdKind",
    "load_library",
    "parse_guide",
]

if TYPE_CHECKING:
    from bot.guides.parse import parse_guide


def __getattr__(name: str) -> object:
    """``parse_guide`` on first use: its imports (ftfy, python-frontmatter, PyYAML) are paid
    only by a process that parses, not by a warm start from the cache."""
    if name == "parse_guide":
        from bot.guides.parse import parse_guide

        return parse_guide
    raise AttributeError(name)

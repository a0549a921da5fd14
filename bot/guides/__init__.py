"""Negotiation guides: text -> Guide (pure), a folder -> guides + problems (the only file I/O),
the cache between the two, and the linter."""

from bot.guides.coaching import Comparison, Lever, Target, Threshold, ThresholdKind
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
from bot.guides.parse import parse_guide

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

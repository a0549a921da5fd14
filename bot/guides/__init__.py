"""Negotiation guides: the model, the parser, the folder loader and the linter."""

from bot.guides.load import Library, load_library
from bot.guides.model import (
    Band,
    Comparison,
    Guide,
    Level,
    LevelEquivalent,
    LevelMapping,
    Lever,
    ParsedGuide,
    Problem,
    Span,
    Target,
    Threshold,
    ThresholdKind,
)
from bot.guides.parse import parse_guide

__all__ = [
    "Band",
    "Comparison",
    "Guide",
    "Level",
    "LevelEquivalent",
    "LevelMapping",
    "Lever",
    "Library",
    "ParsedGuide",
    "Problem",
    "Span",
    "Target",
    "Threshold",
    "ThresholdKind",
    "load_library",
    "parse_guide",
]

"""Matching: what someone typed -> the guide they mean. The only rapidfuzz user."""

from bot.index.index import Candidate, GuideIndex, Lookup, Status

__all__ = ["Candidate", "GuideIndex", "Lookup", "Status"]

"""Reading pasted offers: the front door of the offer reader.

The reader's vocabulary, in a dozen languages, takes longer to import than a lookup takes to
answer, so it is imported on the first text that could state pay (a digit in any script, or
a number spelled out). ``python -m bot ask "segment cdp nyc"`` never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.offers.model import EXAMPLE, MAX_CHARS
from bot.prose.numbers import find_spelled

if TYPE_CHECKING:
    from bot.offers.model import ParsedPaste

__all__ = ["EXAMPLE", "MAX_CHARS", "may_state_pay", "parse_offers"]


def may_state_pay(text: str) -> bool:
    """False when ``text`` holds no number at all, so no figure the reader could find."""
    return any(c.isnumeric() for c in text) or bool(find_spelled(text))


def parse_offers(text: str) -> ParsedPaste:
    """Read every offer in a paste (see ``bot.offers.parse``)."""
    from bot.offers.parse import parse_offers as read

    return read(text)

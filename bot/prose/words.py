"""Words of what people type, made comparable: Slack markup out, compatibility forms folded,
words casefolded. Shared by the guide index, the intent reader and the offer parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# <@U123>, <@U123|name>, <#C123|general>, <!here>, <!subteam^S1|@team>, <https://x|label>.
# Every part is bounded: unbounded, "<!x<!x<!x..." (no ">") rescans to the end from each "<"
# and 16 KB takes 2 s (found by benchmarks/fuzz_offers.py).
_SLACK_MARKUP_RE = re.compile(
    r"<([@#!][^>|<]{0,200})(?:\|([^><]{0,500}))?>"
    r"|<(https?://[^>|<\s]{1,2000})(?:\|([^><]{0,500}))?>"
)
_URL_RE = re.compile(r"https?://\S+")
# Emoji as Slack sends them, ":thinking_face:" or ":+1::skin-tone-2:": pictures, not words.
# A code starts with a letter (but for the thumbs, ":+1:") and stands apart from the words
# around it, so times ("10:30:45", "2:15pm: base 180k") and key:value runs ("base:180k:stock:
# 50k") keep their figures.
_EMOJI_CODE_RE = re.compile(r"(?<![^\W_]):(?:[+-]1|[a-z][a-z0-9_+'-]{0,59}):(?![^\W_])", re.I)
_WORD_RE = re.compile(r"[^\W_]+(?:[.&'][^\W_]+)*", re.UNICODE)


def strip_markup(text: str) -> str:
    """Slack markup out (a link keeps its label), URLs and emoji codes out, compatibility
    forms folded."""
    text = unicodedata.normalize("NFKC", text)

    def keep_label(m: re.Match[str]) -> str:
        return f" {m[4]} " if m[3] and m[4] else " "

    text = _SLACK_MARKUP_RE.sub(keep_label, text)
    return _EMOJI_CODE_RE.sub(" ", _URL_RE.sub(" ", text))


def words(text: str) -> list[str]:
    """Casefolded words of ``text`` with possessives dropped ("twilio's" -> "twilio")."""
    found = []
    for m in _WORD_RE.finditer(strip_markup(text).casefold().replace("’", "'")):
        word = m.group(0)
        if word.endswith("'s"):
            word = word[:-2]
        found.append(word.replace("'", ""))
    return found


def fold_accents(text: str) -> str:
    """ "Zürich" -> "Zurich", "São Paulo" -> "Sao Paulo": people type place names both ways."""
    if text.isascii():  # nearly every word, and a lookup folds many
        return text
    decomposed = unicodedata.normalize("NFKD", text).translate(_UNDECOMPOSABLE)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Letters that carry their mark inside them, so NFKD leaves them whole ("København", "Łódź").
_UNDECOMPOSABLE = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
     "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}
)  # fmt: skip


def normalize_name(text: str) -> str:
    """A company, role or region name as a lookup key: "Scale AI" -> "scale ai"."""
    return " ".join(words(text))


def and_list(names: Iterable[str]) -> str:
    """ "stock", "stock and bonus", "base, stock and bonus": names in a sentence."""
    listed = list(names)
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]

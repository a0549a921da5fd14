"""Repair text damage before parsing: BOM, CRLF, UTF-8 read as cp1252 (mojibake).

ftfy does the repair. It costs about 4 ms on a whole guide but under 0.1 ms on one line, so it
runs only on the lines a cheap check flags; clean guides (most of them) skip it entirely.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

# A lead byte of a multi-byte UTF-8 sequence (Â..ô in Latin-1) followed by a continuation byte
# shown as Latin-1 (0x80-0xBF) or as a cp1252 special (€, ‚, ƒ, „, …, †, ‡, ˆ, ‰, Š, ‹, Œ, Ž,
# ‘, ’, “, ”, •, –, —, ˜, ™, š, ›, œ, ž, Ÿ). Legitimate accented text ("café", "naïve")
# puts a plain letter after the accented one, so it does not match.
_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_SUSPECT = re.compile(f"[\u00c2-\u00f4][{_CONT}]")
# What ftfy could not put back: a run of such characters, e.g. the "ðŸ—ï¸" left of an emoji
# whose undefined cp1252 bytes were dropped.
_GARBAGE = re.compile(f"(?:[\u00c2-\u00f4][{_CONT}]+)+[\u00c2-\u00f4]?")
_SPACES_RE = re.compile(r"(?<=\S) {2,}")  # left where a dropped run sat between words
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]")


@dataclass(frozen=True)
class Repaired:
    text: str
    dropped: tuple[str, ...] = ()  # garbage removed, for the lint report


def repair_text(text: str) -> Repaired:
    """Return ``text`` with BOM and CRLF normalised, mojibake fixed and unfixable runs dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return Repaired(text)
    if not (_SUSPECT.search(text) or _CONTROL.search(text)):
        return Repaired(_nfc(text))
    dropped: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not (_SUSPECT.search(line) or _CONTROL.search(line)):
            continue
        fixed = ftfy.fix_text(line, uncurl_quotes=False, fix_line_breaks=False)
        dropped.extend(_GARBAGE.findall(fixed))
        fixed = _GARBAGE.sub("", fixed)
        fixed = _CONTROL.sub("", fixed)
        lines[i] = _SPACES_RE.sub(" ", fixed)
    return Repaired(_nfc("\n".join(lines)), tuple(dropped))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)

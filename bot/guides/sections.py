"""The shape of a guide body as authors write it: headings (ATX, setext, bold or short title
lines), list items (numbered, bulleted, emoji or check-mark bullets) and what each section is
about. Shared by the loader (parent brands) and the coaching reader (levers, script, lines).

Sections are told apart by meaning, not wording: "Levers", "Negotiation levers" and "What you
can push on" are all lever sections, because guides come from many authors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# Bullets people type before a list item: markdown's, typographic ones, arrows, check marks.
_BULLET_CHARS = frozenset("-*+•·▪▫◦‣⁃●○■□◆◇►▸▹▶→⇒➤➔➜➢✓✔✗✘")
_NOT_BULLETS = frozenset("<>=|~^#$%&@")
_NUMBERED_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s+")
_TASK_BOX_RE = re.compile(r"^\[[ xX✓✔]\]\s+")
_HEADING_RE = re.compile(r"^\s*(?:#{1,6}\s+.*|\*\*[^*]+\*\*:?\s*|__[^_]+__:?\s*)$")
_SETEXT_RE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")
_QUOTED_RE = re.compile(r"[\"“](?P<q>[^\"”\n]{12,})[\"”]")


class Kind(StrEnum):
    LEVERS = "levers"
    NEGOTIATE = "negotiate"
    THRESHOLD = "threshold"
    EVIDENCE = "evidence"
    OTHER = "other"


_KIND_RES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.EVIDENCE, re.compile(r"\b(?:evidence|sources?|references?|citations?)\b", re.I)),
    (
        Kind.NEGOTIATE,
        re.compile(
            r"negotiat\w*[\s-]*up|counter[\s-]*(?:offer\s*)?script|\b(?:the|your)\s+ask\b"
            r"|\bwhat\s+to\s+say\b|\bscript\b|^ask\s+for\b"
            r"|^(?:(?:your|our|the|a|recommended|suggested)\s+)?counter(?:[\s-]*offer)?$",
            re.I,
        ),
    ),
    (
        Kind.THRESHOLD,
        re.compile(
            r"walk[\s-]*away|threshold|bottom[\s-]*line|red[\s-]*lines?|deal[\s-]*breakers?"
            r"|\bfloor\b|when\s+to\s+(?:accept|sign|walk)|accept\s+(?:if|when|line)"
            r"|minimum\s+acceptable|\blines?\s+in\s+the\s+sand",
            re.I,
        ),
    ),
    (
        Kind.LEVERS,
        re.compile(
            r"\blever(?:s|age)?\b|push\s+on|bargaining|talking\s+points|pressure\s+points"
            r"|negotiables|room\s+to\s+negotiate|what\s+to\s+(?:ask|negotiate)"
            r"|where\s+to\s+push|what\s+moves\b|negotiation\s+(?:tips|points|tactics)",
            re.I,
        ),
    ),
)
_PLURAL_LEVERS_RE = re.compile(
    r"\blevers\b|push\s+on|bargaining|talking\s+points|pressure\s+points|negotiables"
    r"|what\s+to\s+(?:ask|negotiate)|where\s+to\s+push|what\s+moves\b"
    r"|negotiation\s+(?:tips|points|tactics)",
    re.I,
)


@dataclass(frozen=True)
class Heading:
    level: int  # 1-6 for markdown headings, 7 for bold or short title lines
    text: str  # without marks, numbering, emoji or a trailing colon
    kind: Kind
    plural: bool  # "Levers" (sub-headings under it are levers), not "Core Lever"
    lever: str | None = None  # "Lever 2: Sign-on" is itself a lever, titled "Sign-on"


def kind_of(title: str) -> Kind:
    for kind, pattern in _KIND_RES:
        if pattern.search(title):
            return kind
    return Kind.OTHER


_LABEL_RE = re.compile(
    r"^[\s>]*(?:(?:\*\*|__)(?P<bold>[^*_]{1,50}?)[.:]?(?:\*\*|__)|(?P<plain>[^:*\n]{1,40}):)"
)


def label_kind(text: str) -> Kind | None:
    """What a block's opening label is about ("**Negotiate Up:** ...", "Walk-away line: ..."),
    or None when it opens with no label."""
    m = _LABEL_RE.match(text)
    return kind_of(m["bold"] or m["plain"]) if m else None


def after_label(text: str) -> str:
    """A block's text after its opening label ("**Counter:** I'd like ..." -> "I'd like ...")."""
    m = _LABEL_RE.match(text)
    return text[m.end() :].lstrip(" *_:").strip() if m else text


def strip_bullet(line: str) -> str | None:
    """The item text of a list line ("1. x", "- x", "✅ x", "👉 x", "- ✅ x"), else None."""
    text = line.strip()
    if m := _NUMBERED_RE.match(text):
        return _strip_symbols(text[m.end() :]) or None
    found = False
    while text:
        token, _, rest = text.partition(" ")
        if not token or not rest.strip() or not _is_bullet(token):
            break
        found, text = True, rest.lstrip()
    if not found:
        return None
    text = _TASK_BOX_RE.sub("", text, count=1)  # "- [x] Stock refresh": a task list's box
    return text.strip() or None


def _is_bullet(token: str) -> bool:
    if len(token) > 4:
        return False
    if token[0] in _NOT_BULLETS or token in {"**", "__"}:
        return False
    return all(
        c in _BULLET_CHARS or unicodedata.category(c) in {"So", "Sk", "Sm", "Mn", "Me", "Cf"}
        for c in token
    )


def _strip_symbols(text: str) -> str:
    """Leading emoji or check marks after a number: "1. ✅ Title" -> "Title"."""
    while text and _is_bullet(text.split(" ", 1)[0]) and " " in text:
        text = text.split(" ", 1)[1].lstrip()
    return text.strip()


def heading_of(lines: list[str], i: int) -> Heading | None:
    """The heading line ``i`` is, if it is one: a markdown heading, a bold line, a short title
    line ("Levers:"), or the text line of a setext heading (underlined with === or ---)."""
    line = lines[i]
    stripped = line.strip()
    if not stripped or stripped[0] in "|>":
        return None
    if i + 1 < len(lines) and _SETEXT_RE.match(lines[i + 1]) and strip_bullet(line) is None:
        return _heading(1 if "=" in lines[i + 1] else 2, stripped)
    if _HEADING_RE.match(line):
        hashes = len(stripped) - len(stripped.lstrip("#"))
        level = hashes if 1 <= hashes <= 6 and stripped[hashes : hashes + 1] == " " else 7
        return _heading(level, stripped)
    if strip_bullet(line) is not None:
        return None
    title = stripped.rstrip(":").strip()
    if (
        0 < len(title) <= 40
        and len(title.split()) <= 4
        and title[-1].isalnum()
        and not any(c.isdigit() for c in title)  # "Our floor is 40L" is a line, not a title
    ):
        return _heading(7, stripped)
    return None


def is_underline(lines: list[str], i: int) -> bool:
    """The === or --- line under a setext heading."""
    return i > 0 and bool(_SETEXT_RE.match(lines[i])) and bool(lines[i - 1].strip())


_ONE_LEVER_RE = re.compile(r"^lever\s*(?:#?\d+)?\s*[:.—–-]\s*(?P<title>\S.*)$", re.IGNORECASE)


def _heading(level: int, raw: str) -> Heading:
    text = clean_title(raw.lstrip("#"))
    one = _ONE_LEVER_RE.match(text)
    return Heading(
        level,
        text,
        Kind.LEVERS if one else kind_of(text),
        bool(_PLURAL_LEVERS_RE.search(text)),
        clean_title(one["title"]) if one else None,
    )


def clean_title(text: str) -> str:
    """ "### 2. **Scope of the role:**" -> "Scope of the role"; emoji and bullets dropped."""
    text = text.strip().strip("*_").strip()
    text = re.sub(r"^\d{1,2}[.)]\s*", "", text)
    text = _strip_symbols(text) if " " in text else text
    text = re.sub(r"^\d{1,2}[.)]\s*", "", text)
    text = "".join(c for c in text if unicodedata.category(c) not in {"So", "Cf", "Mn"})
    return text.strip("*_: ").strip()


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1].strip()
    return text


def first_quote(text: str) -> str | None:
    m = _QUOTED_RE.search(text)
    return m["q"].strip() if m else None


def blank_quotes(text: str) -> str:
    """``text`` with quoted speech blanked out, same length: what a script says is not the
    guide's own voice (a company named in it is no parent brand, a line in it no threshold)."""
    if '"' not in text and "“" not in text:
        return text
    return _QUOTED_RE.sub(lambda m: " " * len(m[0]), text)

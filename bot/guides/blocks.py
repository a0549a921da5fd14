"""A guide body as blocks (headings, list items, paragraphs, quotes, table rows), each placed
in the section it sits under: the common ground of the coaching readers (bot.guides.body for
levers, evidence and lines; bot.guides.script for the negotiate-up script)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.guides.sections import Heading, Kind, heading_of, is_underline, label_kind, strip_bullet

# A list item's first line that is only a title: a few words, no stop, colon or dash.
_TITLE_ONLY_RE = re.compile(r"^[^\W\d][^.,:;!?—–\s]*(?: [^.,:;!?—–\s]+){0,4}$")
# A line that opens with a bold title ("**Scope.** ...", "**Accept:** ...") starts its own block.
_BOLD_LEAD_RE = re.compile(r"^(?:\*\*|__)[^*_]{1,60}?(?:[.:](?:\*\*|__)|(?:\*\*|__)\s*[.:—–-])")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(*_>¥$£€₹]|[A-Z]{1,2}\$)")


_ENDS_LEVERS = (Kind.NEGOTIATE, Kind.THRESHOLD, Kind.EVIDENCE)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "item", "para", "quote", "table"
    line: int  # index of its first line in the body
    text: str
    heading: Heading | None = None


def blocks_of(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    start = 0

    def flush() -> None:
        if para:
            blocks.append(Block("para", start, " ".join(p.strip() for p in para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped or is_underline(lines, i) or stripped.startswith(("```", "~~~")):
            flush()  # a code fence only marks its text off: the text is a paragraph
        elif (heading := heading_of(lines, i)) is not None:
            flush()
            blocks.append(Block("heading", i, heading.text, heading))
        elif stripped.startswith("|"):
            flush()
            below = lines[i + 1].strip() if i + 1 < len(lines) else ""
            header = "-" in below and set(below) <= set("|-: ")  # a blank line is no rule
            if not set(stripped) <= set("|-: "):
                blocks.append(Block("table_header" if header else "table", i, stripped))
        elif stripped.startswith(">"):
            flush()
            quote = [stripped.lstrip(">").strip()]
            while i + 1 < len(lines) and lines[i + 1].strip().startswith(">"):
                i += 1
                quote.append(lines[i].strip().lstrip(">").strip())
            blocks.append(Block("quote", i - len(quote) + 1, " ".join(q for q in quote if q)))
        elif (item := strip_bullet(line)) is not None:
            flush()
            start_line = i
            titled = _TITLE_ONLY_RE.match(item) is not None
            while (
                i + 1 < len(lines)
                and lines[i + 1].startswith(("  ", "\t"))
                and lines[i + 1].strip()
                and strip_bullet(lines[i + 1]) is None
            ):
                i += 1
                # "1. Offers" over an indented "Bring the offer.": a title and its text; a
                # line wrapped mid-sentence ("Ask them to match the" / "competing offer in
                # writing.") goes on in lower case, and is one text
                text = lines[i].strip()
                title = titled and not text[:1].islower()
                item += (": " if title else " ") + text
                titled = False
            blocks.append(Block("item", start_line, item))
        else:
            if para and _BOLD_LEAD_RE.match(stripped):
                flush()  # "**1. Offers.** ..." on the next line is the next lever, not more of this
            if not para:
                start = i
            para.append(line)
        i += 1
    flush()
    return blocks


def placed(blocks: list[Block]) -> list[tuple[Block, Heading | None, Heading | None]]:
    """Each block with the section heading it sits under and, inside a plural levers section,
    the lever sub-heading it belongs to."""
    out: list[tuple[Block, Heading | None, Heading | None]] = []
    section: Heading | None = None
    lever: Heading | None = None
    for block in blocks:
        h = block.heading
        if h is not None and h.lever is not None:
            if section is None or section.kind is not Kind.LEVERS or h.level <= section.level:
                section = h
            lever = h
        elif h is not None:
            inside_levers = section is not None and section.kind is Kind.LEVERS and section.plural
            if (
                inside_levers
                and section is not None
                and section.level < h.level <= 7
                and (
                    h.kind in (Kind.OTHER, Kind.LEVERS) and not (h.kind is Kind.LEVERS and h.plural)
                )
            ):
                lever = h
            elif section is not None and h.level > section.level and h.kind is Kind.OTHER:
                lever = None  # a sub-section of a non-lever section keeps its section
            else:
                section, lever = h, None
        elif (
            block.kind in ("quote", "para")
            and section is not None
            and section.kind is Kind.LEVERS
            and (
                label_kind(block.text) in _ENDS_LEVERS or (block.kind == "quote" and lever is None)
            )
        ):
            # "> **Negotiate Up:** ..." or "**Walk away:** ..." after the levers ends them.
            section, lever = None, None
        out.append((block, section, lever))
    return out

"""The reader of a guide body's coaching half: levers, the negotiate-up script and its figures,
the accept and walk-away lines and the evidence (the values are in bot.guides.advice).

The body is read as blocks (headings, list items, paragraphs, quotes, tables) inside sections
told apart by meaning (bot.guides.sections), because guides come from many authors. Every
reader tolerates absence: a guide without levers is still a guide. What looks meant but cannot
be read becomes a problem naming its line, for lint. Parsed on first use (Guide.coaching): a
bot serving 100k guides shows a few.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TypeVar

from bot.guides.advice import Coaching, Lever, Target, Threshold, ThresholdKind
from bot.guides.lines import find_lines
from bot.guides.sections import (
    Heading,
    Kind,
    blank_quotes,
    first_quote,
    heading_of,
    is_underline,
    strip_bullet,
    unquote,
)
from bot.guides.values import normalise_digits
from bot.prose.components import Component
from bot.prose.figures import Figure, extract_figures, word_number

_BOLD_TITLE_RE = re.compile(r"^\*\*(?P<title>[^*]+?)(?::\*\*|\*\*\s*[:\-–—]?)\s*(?P<rest>.*)$")
_DASH_RE = re.compile(r"\s[—–-]\s")
_NEGOTIATE_UP_RE = re.compile(r"negotiat\w*[\s-]*up", re.IGNORECASE)
_AFTER_LABEL_RE = re.compile(r"negotiat\w*[\s-]*up[^:]{0,40}:\**\s*(?P<rest>.+)", re.IGNORECASE)
_AFTER_PHRASE_RE = re.compile(
    r"negotiat\w*[\s-]*up\b(?:\s*(?:here|strategy|script|approach|is|to|by|:|—|–|-))*\s*(?P<rest>.+)",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(*_>¥$£€₹]|[A-Z]{1,2}\$)")
_COMPETING_RE = re.compile(
    r"\boffers?\s+(?:from|at)\b|\bcompeting\b|\bcurrently\s+(?:make|earn)", re.I
)
_SPLIT_RE = re.compile(
    r"\bsplit\s+(?:over|across|between|into)\s+(?P<n>\d|two|three|four)\s+"
    r"(?:years?|instal+ments?|payments?|tranches?|parts)\b"
    r"|\b(?:paid\s+)?(?:in|as)\s+(?P<m>\d|two|three|four)\s+(?:instal+ments?|tranches?|payments?)\b",
    re.IGNORECASE,
)
_INSTALMENT_RE = re.compile(
    r"\b(?:in\s+)?(?:year\s*(?:one|two|three|1|2|3)|(?:first|second|third)\s+year"
    r"|(?:after|at)\s+(?:12|twelve|24)\s+months|up\s*front|on\s+joining)\b",
    re.IGNORECASE,
)
_ACCEPT_HEADING_RE = re.compile(r"\baccept|\bsign|\bgreen|\byes\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Block:
    kind: str  # "heading", "item", "para", "quote", "table"
    line: int  # index of its first line in the body
    text: str
    heading: Heading | None = None


def read_coaching(
    text: str,
    threshold_text: str | None,
    currency: str | None,
    *,
    stock_years: int = 4,
    has_total: bool = True,
    first_line: int = 1,
) -> Coaching:
    """Levers, script, targets, thresholds and evidence. Amounts written without a currency
    take ``currency`` (the guide's first region's); a yearly stock figure in the script is a
    grant over ``stock_years``. ``first_line`` is the body's first line in the file."""
    blocks = _blocks(text.split("\n"))
    problems: list[str] = []
    levers, evidence = _levers_and_evidence(blocks, problems, first_line)
    script, script_block = _negotiate_up(blocks)
    targets = _targets(script, stock_years) if script else []
    if script_block is not None and script and not targets:
        problems.append(
            f"line {script_block + first_line}: negotiate-up script has no figure Leverage can read"
        )
    thresholds: list[Threshold] = []
    if threshold_text:
        for part in threshold_text.split("\n"):
            thresholds += _read_lines(part, None, has_total, problems, "frontmatter")
    for block, default in _line_blocks(blocks):
        where = f"line {block.line + first_line}"
        thresholds += _read_lines(block.text, default, has_total, problems, where)
    return Coaching(
        levers=tuple(levers),
        script=script,
        targets=tuple(_with_currency(t, currency) for t in targets),
        thresholds=tuple(_with_currency(t, currency) for t in _distinct(thresholds)),
        evidence=tuple(evidence),
        problems=tuple(problems),
    )


_T = TypeVar("_T", Target, Threshold)


def _with_currency(item: _T, currency: str | None) -> _T:
    if item.currency is None and not item.is_pct and currency is not None:
        return replace(item, currency=currency)
    return item


def _distinct(found: list[Threshold]) -> list[Threshold]:
    seen: set[tuple[object, ...]] = set()
    kept = []
    for t in found:
        key = (t.kind, t.component, t.amount, t.per_year)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


# -- blocks -------------------------------------------------------------------------------


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    para: list[str] = []
    start = 0

    def flush() -> None:
        if para:
            blocks.append(_Block("para", start, " ".join(p.strip() for p in para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped or is_underline(lines, i):
            flush()
        elif (heading := heading_of(lines, i)) is not None:
            flush()
            blocks.append(_Block("heading", i, heading.text, heading))
        elif stripped.startswith("|"):
            flush()
            header = i + 1 < len(lines) and set(lines[i + 1].strip()) <= set("|-: ")
            if not set(stripped) <= set("|-: "):
                blocks.append(_Block("table_header" if header else "table", i, stripped))
        elif stripped.startswith(">"):
            flush()
            quote = [stripped.lstrip(">").strip()]
            while i + 1 < len(lines) and lines[i + 1].strip().startswith(">"):
                i += 1
                quote.append(lines[i].strip().lstrip(">").strip())
            blocks.append(_Block("quote", i - len(quote) + 1, " ".join(q for q in quote if q)))
        elif (item := strip_bullet(line)) is not None:
            flush()
            start_line = i
            while (
                i + 1 < len(lines)
                and lines[i + 1].startswith(("  ", "\t"))
                and lines[i + 1].strip()
                and strip_bullet(lines[i + 1]) is None
            ):
                i += 1
                item += " " + lines[i].strip()
            blocks.append(_Block("item", start_line, item))
        else:
            if not para:
                start = i
            para.append(line)
        i += 1
    flush()
    return blocks


def _sections(blocks: list[_Block]) -> list[tuple[_Block, Heading | None, Heading | None]]:
    """Each block with the section heading it sits under and, inside a plural levers section,
    the lever sub-heading it belongs to."""
    out: list[tuple[_Block, Heading | None, Heading | None]] = []
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
            block.kind == "quote"
            and section is not None
            and section.kind is Kind.LEVERS
            and lever is None
        ):
            section = None  # "> **Negotiate Up:** ..." after a list of levers ends them
        out.append((block, section, lever))
    return out


# -- levers and evidence ------------------------------------------------------------------


def _levers_and_evidence(
    blocks: list[_Block], problems: list[str], first_line: int
) -> tuple[list[Lever], list[str]]:
    """Levers in document order (list items, bold-titled paragraphs, table rows, or one
    sub-heading per lever with its paragraphs) and the evidence list."""
    found: list[tuple[int, Lever | Heading]] = []
    evidence: list[str] = []
    scripts: dict[int, list[str]] = {}  # id of a lever heading -> its paragraphs
    sections: dict[int, tuple[Heading, int]] = {}  # id of a levers heading -> (it, its line)
    counts: dict[int, int] = {}
    for block, section, lever in _sections(blocks):
        h = block.heading
        if h is not None:
            if h.kind is Kind.LEVERS and section is h and h.lever is None:
                sections[id(h)] = (h, block.line)
                counts.setdefault(id(h), 0)
            if lever is not None and h is lever:
                scripts[id(lever)] = []
                found.append((block.line, lever))
                if section is not None:
                    counts[id(section)] = counts.get(id(section), 0) + 1
            continue
        if section is None:
            continue
        if section.kind is Kind.EVIDENCE and block.kind == "item":
            item = block.text.strip()
            evidence.append(
                item[1:-1].strip() if item.startswith("[") and item.endswith("]") else item
            )
        if section.kind is not Kind.LEVERS:
            continue
        if lever is not None:
            if block.kind in ("para", "quote", "item"):
                scripts[id(lever)].append(block.text)
            continue
        one: Lever | None = None
        if block.kind == "item" or (block.kind == "para" and _BOLD_TITLE_RE.match(block.text)):
            one = _lever(block.text)
        elif block.kind == "table":
            cells = [c.strip() for c in block.text.strip("|").split("|")]
            if len(cells) >= 2 and cells[0]:
                one = Lever(cells[0].strip("*_ "), unquote(cells[1]))
        if one is not None:
            found.append((block.line, one))
            counts[id(section)] = counts.get(id(section), 0) + 1
    for key, count in counts.items():
        heading, line = sections.get(key, (None, 0))
        if count == 0 and heading is not None and heading.plural:
            problems.append(
                f"line {line + first_line}: '{heading.text}' has no lever Leverage can read "
                "(numbered or bulleted items, or one sub-heading per lever)"
            )
    levers = [
        item
        if isinstance(item, Lever)
        else Lever(item.lever or item.text, unquote(" ".join(scripts[id(item)])))
        for _, item in sorted(found, key=lambda pair: pair[0])
    ]
    return levers, evidence


def _lever(item: str) -> Lever:
    item = item.strip()
    if m := _BOLD_TITLE_RE.match(item):
        title, rest = m["title"].strip().rstrip(":"), m["rest"].strip()
    elif ":" in item[:80] and not item.startswith(('"', "“")):
        title, rest = (part.strip() for part in item.split(":", 1))
    elif (dash := _DASH_RE.search(item[:80])) is not None:
        title, rest = item[: dash.start()].strip(), item[dash.end() :].strip()
    else:
        title, rest = item, ""
    return Lever(title=title.strip("*_ "), script=unquote(rest.lstrip("-–—: ")))


# -- negotiate up -------------------------------------------------------------------------


def _negotiate_up(blocks: list[_Block]) -> tuple[str | None, int | None]:
    """The script: the first quotation of the negotiate-up paragraph or section, else its
    text less any accept or walk-away sentence. Also the block's line."""
    for n, block in enumerate(blocks):
        if block.heading is not None and block.heading.kind is Kind.NEGOTIATE:
            for following in blocks[n + 1 :]:
                if following.heading is not None:
                    if (
                        following.heading.level <= block.heading.level
                        or following.heading.kind is not Kind.OTHER
                    ):
                        break
                    continue
                if following.kind in ("table", "table_header"):
                    continue
                if following.kind == "item":
                    # "- Base: $230K" "- RSUs: $600K over 4 years": the asks as a list.
                    run = _item_run(blocks, blocks.index(following))
                    asks = [item for item in run if not _is_line(item)]
                    if asks:
                        return "; ".join(a.rstrip(".;") for a in asks) + ".", following.line
                    continue
                script = first_quote(following.text) or _unquoted(following.text)
                if script:
                    return script, following.line
            continue
        if block.kind == "heading" or not _NEGOTIATE_UP_RE.search(block.text):
            continue
        script = first_quote(block.text) or _unquoted(_after_label(block.text))
        if script:
            return script, block.line
    return None, None


def _item_run(blocks: list[_Block], start: int) -> list[str]:
    run = []
    for block in blocks[start:]:
        if block.kind != "item":
            break
        run.append(block.text)
    return run


def _after_label(text: str) -> str:
    m = _AFTER_LABEL_RE.search(text) or _AFTER_PHRASE_RE.search(text)
    return m["rest"].strip().strip("*").strip() if m else ""


def _unquoted(text: str) -> str | None:
    """A script written without quotes: the text less the accept or walk-away sentences."""
    text = text.strip().strip("*").strip()
    if _NEGOTIATE_UP_RE.match(text):
        text = _after_label(text)
    kept = [s for s in _SENTENCE_END_RE.split(text) if s and not _is_line(s)]
    script = " ".join(kept).strip()
    return unquote(script) or None


def _is_line(sentence: str) -> bool:
    found, _, _ = find_lines(normalise_digits(sentence))
    return bool(found)


def _targets(script: str, stock_years: int) -> list[Target]:
    text = normalise_digits(script)
    figures = [f for f in extract_figures(text) if not f.negative and not f.plus]
    targets: list[Target] = []
    seen: set[Component] = set()
    signing: list[Figure] = []
    for n, f in enumerate(figures):
        if f.component is None and signing and _INSTALMENT_RE.search(text, f.end, f.end + 30):
            signing.append(f)  # "S$30K sign-on in year one and S$20K in year two"
            continue
        if f.component is None or f.component in seen or _competing(text, f):
            continue
        seen.add(f.component)
        if f.component is Component.SIGNING:
            signing.append(f)
            continue
        targets.append(_target(f, stock_years))
        del n
    if signing:
        targets.append(_signing(text, signing))
    return targets


def _competing(text: str, f: Figure) -> bool:
    """ "I have offers from AI labs at $430K": a figure quoted, not asked for."""
    before = text[max(0, f.start - 40) : f.start]
    return bool(_COMPETING_RE.search(before)) and "like" not in before and "ask" not in before


def _target(f: Figure, stock_years: int) -> Target:
    end = f.start + len(f.text.rstrip())
    if f.component is Component.STOCK and f.per == "year":
        # "C$55K a year in RSUs": the grant is the yearly figure over the guide's vesting years.
        return Target(f.component, f.value * stock_years, f.currency, False, stock_years, 0, 0)
    return Target(
        component=f.component or Component.BASE,
        amount=f.value,
        currency=None if f.is_pct else f.currency,
        is_pct=f.is_pct,
        years=f.years if f.component is Component.STOCK else None,
        start=f.start,
        end=end,
    )


def _signing(text: str, parts: list[Figure]) -> Target:
    """One signing target: instalments add up; "split over two years" says how many."""
    first = parts[0]
    if len(parts) > 1:
        currency = next((p.currency for p in parts if p.currency), None)
        return Target(Component.SIGNING, sum(p.value for p in parts), currency, False, len(parts))
    m = _SPLIT_RE.search(text, first.end, first.end + 60)
    years = word_number(m["n"] or m["m"]) if m else None
    end = 0 if years else first.start + len(first.text.rstrip())
    return Target(Component.SIGNING, first.value, first.currency, False, years, first.start, end)


# -- lines ----------------------------------------------------------------------------------


def _line_blocks(blocks: list[_Block]) -> list[tuple[_Block, ThresholdKind | None]]:
    """The blocks that may state a line, each with the kind its section heading implies."""
    found = []
    for block, section, lever in _sections(blocks):
        if block.kind in ("heading", "table") or lever is not None:
            continue
        kind = section.kind if section is not None else None
        if kind is Kind.EVIDENCE or (kind is Kind.LEVERS and block.kind == "item"):
            continue
        default = None
        if kind is Kind.THRESHOLD and section is not None:
            accept = _ACCEPT_HEADING_RE.search(section.text) and "walk" not in section.text.lower()
            default = ThresholdKind.ACCEPT if accept else ThresholdKind.WALK_AWAY
        found.append((block, default))
    return found


def _read_lines(
    text: str, default: ThresholdKind | None, has_total: bool, problems: list[str], where: str
) -> list[Threshold]:
    shown = blank_quotes(text)
    scanned = blank_quotes(normalise_digits(text))
    found: list[Threshold] = []
    bounds = [0]
    for m in _SENTENCE_END_RE.finditer(scanned):
        bounds += [m.start(), m.end()]
    bounds.append(len(scanned))
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        lines, unread, notes = find_lines(
            scanned[start:end], shown=shown[start:end], default_kind=default, has_total=has_total
        )
        found += lines
        problems += [f"{where}: {note}" for note in notes]
        problems += [
            f"{where}: '{u.sentence}' reads like an accept or walk-away line, but {u.reason}"
            for u in unread
        ]
    return found

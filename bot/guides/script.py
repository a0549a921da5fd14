"""The negotiate-up script of a guide body and the targets its figures set: stock as the whole
grant over its years, a sign-on paid in instalments as one target per instalment."""

from __future__ import annotations

import re

from bot.guides.advice import Target
from bot.guides.blocks import SENTENCE_END_RE, Block
from bot.guides.lines import find_lines
from bot.guides.sections import Kind, after_label, first_quote, label_kind, unquote
from bot.guides.values import normalise_digits
from bot.prose.components import Component
from bot.prose.figures import Figure, extract_figures, word_number

# The components a guide's targets and lines are about (guide --json says no others).
TARGET_COMPONENTS = frozenset(
    {Component.BASE, Component.STOCK, Component.BONUS, Component.SIGNING, Component.TOTAL}
)
# "$400K RSUs (4yr)", "$400K RSUs, 4-year vest": the years a stock figure's own words give.
_YEARS_AFTER_RE = re.compile(
    r"\s*(?:[^\W\d]+\s*)?(?:\(\s*(?P<a>\d{1,2})\s*-?\s*(?:y|yrs?|years?)\s*\)"
    r"|,?\s*(?P<b>\d{1,2})[\s-]*(?:yrs?|years?)[\s-]+vest)",
    re.IGNORECASE,
)
_NEGOTIATE_UP_RE = re.compile(r"negotiat\w*[\s-]*up", re.IGNORECASE)
_AFTER_LABEL_RE = re.compile(r"negotiat\w*[\s-]*up[^:]{0,40}:\**\s*(?P<rest>.+)", re.IGNORECASE)
_AFTER_PHRASE_RE = re.compile(
    r"negotiat\w*[\s-]*up\b(?:\s*(?:here|strategy|script|approach|is|to|by|:|,|—|–|-))*\s*(?P<rest>.+)",
    re.IGNORECASE,
)
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


def negotiate_up(blocks: list[Block]) -> tuple[str | None, int | None]:
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
                if following.kind == "table_header":
                    continue
                if following.kind == "table":
                    # | Base | $230K |: the asks as a table, one "Component: ask" per row.
                    rows = _table_run(blocks, blocks.index(following))
                    asks = [r for r in rows if any(c.isdigit() for c in r) and not _is_line(r)]
                    if asks:
                        return "; ".join(a.rstrip(".;") for a in asks) + ".", following.line
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
        if block.kind == "heading":
            continue
        if _NEGOTIATE_UP_RE.search(block.text):
            script = first_quote(block.text) or _unquoted(_after_label(block.text))
        elif block.kind in ("para", "quote") and label_kind(block.text) is Kind.NEGOTIATE:
            script = first_quote(block.text) or _unquoted(after_label(block.text))  # "**Counter:**"
        else:
            continue
        if script:
            return script, block.line
    return None, None


def _table_run(blocks: list[Block], start: int) -> list[str]:
    run = []
    for block in blocks[start:]:
        if block.kind != "table":
            break
        cells = [c.strip(" *_") for c in block.text.strip("|").split("|")]
        run.append(": ".join(c for c in cells[:2] if c))
    return run


def _item_run(blocks: list[Block], start: int) -> list[str]:
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
    kept = [s for s in SENTENCE_END_RE.split(text) if s and not _is_line(s)]
    script = " ".join(kept).strip()
    return unquote(script) or None


def _is_line(sentence: str) -> bool:
    found, _, _ = find_lines(normalise_digits(sentence))
    return bool(found)


def targets_of(script: str, stock_years: int) -> tuple[list[Target], list[str]]:
    """The targets the script's figures set, and the figures that name no component."""
    text = normalise_digits(script)
    figures = [f for f in extract_figures(text) if not f.negative and not f.plus]
    targets: list[Target] = []
    unlabelled: list[str] = []
    seen: set[Component] = set()
    signing: list[Figure] = []
    for f in figures:
        if f.component is None and signing and _INSTALMENT_RE.search(text, f.end, f.end + 30):
            signing.append(f)  # "S$30K sign-on in year one and S$20K in year two"
            continue
        if _competing(text, f):
            continue
        if f.component is None:
            if not f.is_pct and not f.shares:
                unlabelled.append(script[f.start : f.end].strip())
            continue
        if f.component in seen or f.component not in TARGET_COMPONENTS:
            continue  # a relocation package is asked for, but a guide sets no target for it
        seen.add(f.component)
        if f.component is Component.SIGNING:
            signing.append(f)
            continue
        targets.append(_target(f, stock_years, text))
    if signing:
        targets += _signing(text, signing)
    return targets, unlabelled


def _competing(text: str, f: Figure) -> bool:
    """ "I have offers from AI labs at $430K": a figure quoted, not asked for."""
    before = text[max(0, f.start - 40) : f.start]
    return bool(_COMPETING_RE.search(before)) and "like" not in before and "ask" not in before


def _target(f: Figure, stock_years: int, text: str) -> Target:
    end = f.start + len(f.text.rstrip())
    if f.component is Component.STOCK and f.per == "year":
        # "C$55K a year in RSUs": the grant is the yearly figure over the guide's vesting years.
        return Target(f.component, f.value * stock_years, f.currency, False, stock_years, 0, 0)
    years = f.years
    if f.component is Component.STOCK and years is None:
        after = _YEARS_AFTER_RE.match(text, f.end)
        years = int(after["a"] or after["b"]) if after else None
    return Target(
        component=f.component or Component.BASE,
        amount=f.value,
        currency=None if f.is_pct else f.currency,
        is_pct=f.is_pct,
        years=years if f.component is Component.STOCK else None,
        start=f.start,
        end=end,
    )


def _signing(text: str, parts: list[Figure]) -> list[Target]:
    """One signing target per instalment: each figure of "S$30K in year one and S$20K in year
    two", or the amount shared out by "split over two years" (each share keeps the figure's
    place, so a counter can fill in the whole)."""
    if len(parts) > 1:
        currency = next((p.currency for p in parts if p.currency), None)
        return [
            Target(
                Component.SIGNING, p.value, p.currency or currency, False, None, p.start, _end(p)
            )
            for p in parts
        ]
    first = parts[0]
    m = _SPLIT_RE.search(text, first.end, first.end + 60)
    count = (word_number(m["n"] or m["m"]) or 1) if m else 1
    return [
        Target(
            Component.SIGNING,
            first.value / count,
            first.currency,
            False,
            None,
            first.start,
            _end(first),
        )
        for _ in range(count)
    ]


def _end(f: Figure) -> int:
    return f.start + len(f.text.rstrip())

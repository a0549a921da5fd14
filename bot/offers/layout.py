"""The shape of a paste: lines, chat speakers, tables, struck-out text, and the pieces
(sentences and table cells) that the reader assigns figures in.

A chat ("alex  9:14 AM" headers) keeps only the messages of the person whose offer it is, the
one who first writes a labelled figure; the others' numbers are advice, memories and
distractors. A Markdown or pipe table is read by its header: a "Year" column makes each row a
year of a schedule, offer columns ("Offer A", "Offer B") make each column an offer, otherwise
each row is a label and its value. Slack strikethrough (~230 base~) marks superseded terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from bot.offers.lexicon import Kind
from bot.offers.spans import Spans
from bot.offers.tokens import Tokens, Word
from bot.prose.components import Component

# A chat message's header: "alex  9:14 AM" (Slack) or "jess — Today at 3:02 PM" (Discord) on
# its own line; "Noa 11:02: ..." or "[09/03/25, 21:14] Rahul: ..." (WhatsApp) opening the line.
_TIME = r"\d{1,2}:\d\d(?:[ \t]*[ap]\.?m\.?)?"
_CHAT_HEADER_RE = re.compile(
    rf"^[ \t]*(?:(?P<name>[^\s:]{{1,30}})[ \t]+(?:[—–-][ \t]+(?:today|yesterday|[\d/.]{{6,10}})"
    rf"(?:[ \t]+at)?[ \t]+)?{_TIME}[ \t]*$"
    rf"|(?P<inline>[^\s:\[]{{1,30}})[ \t]+{_TIME}:(?=[ \t])"
    rf"|\[[^\]\n]{{4,30}}\][ \t]*(?P<bracketed>[^:\n\]]{{1,30}}):(?=[ \t]))",
    re.IGNORECASE | re.MULTILINE,
)
_STRIKE_RE = re.compile(r"~(?<![\w~]~)(?=[^\s~])([^~\n]{1,200}?[^\s~])~(?![\w~])")
# a sentence ends at ".", "!" or "?" after a word, or after a figure when a capital follows
# ("RSUs/4. Segment: 210k"); "4.5" and "1. Salary" do not end one
# (each alternative checks the character it opened with, so the scan skips to punctuation)
_SENTENCE_RE = re.compile(
    r"[.!?;。！？](?:(?<=[^\d\s][.!?])[.!?]*(?=\s|$)"
    r"|(?P<after_figure>(?<=\d\.)(?= [A-Z][a-z]))|(?<=[;。！？]))"
)
_YEAR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_YEAR_NUMBER = r"\d|one|two|three|four|five|six"
# "Year 1", "Jahr 2", "Años 3-4", "1年目", "第2年", "3년차": a row of a year-by-year schedule
_YEAR_ROW_RE = re.compile(
    rf"\W{{0,4}}(?:(?:year|yr|y|jahr|année|año|ano|anno|rok|jaar)s?\s?|第(?=\d)|(?=\d\s?(?:年目|년차)))"
    rf"(?P<a>{_YEAR_NUMBER})(?:年目|年|년차)?"
    rf"(?:\s?(?:and|&|-|–|to|,)\s?(?P<b>{_YEAR_NUMBER}))?\b(?!\s?(?:k|%))",
    re.IGNORECASE,
)


def _year_number(word: str) -> int:
    """ "2" or "two" (a year row: "Year two: ...")."""
    return int(word) if word.isdigit() else _YEAR_WORDS[word.lower()]


_YEAR_CUT_RE = re.compile(
    r"[yY](?<=[\s:;,][yY])(?:ears?|r)?\s?\d(?:\s?(?:and|&|-|to)\s?\d)?\s?[:—–-]", re.IGNORECASE
)


_LINE_RE = re.compile(r"[^\n]+")
_KEEP_RE = re.compile(r"full|part|voll|teil|plein|complet|pełny|40", re.IGNORECASE)
_TURN_RE = re.compile(
    r"[,;:(—–]|\s-\s|\b(?:and|but|while|then|now|y|und|et|e|pero|mais|aber)\b", re.IGNORECASE
)
_YEAR_HEAD_RE = re.compile(r"(?:year|yr|y)s?|年次|年度|年目|年|연차|jahr|année|año|ano|jaar|år|rok")
_OFFER_HEAD_RE = re.compile(r"(?:offer|option)\s*\w?\b")
_DIGIT_RE = re.compile(r"\d")
_ENUMERATOR_RE = re.compile(r"[ \t]{0,8}(?:\d{1,2}[.)][ ]|[-•*][ ])?")  # "2. ", "- " (or nothing)
# Words a dot follows without ending the sentence ("ca. 60k", "approx. 5", "p.a.").
_ABBREVIATIONS = frozenset(
    ("ca", "approx", "incl", "excl", "etc", "vs", "no", "nr", "st", "dr", "mr", "mrs", "ms", "jr",
     "p", "a")
)  # fmt: skip
_DOTTED_ABBREVIATIONS = ("e.g", "i.e", "p.a")
_TWO_DIGITS_RE = re.compile(r"\d{2,}")
_HARD_BREAKS = frozenset(";。！？")
_CUT_CHARS_RE = re.compile(r"[.!?;。！？]|\d")  # without one of these a line is one sentence


@dataclass
class Piece:
    """A sentence, a cell or a strike-out: the unit markers and year rows apply to."""

    start: int
    end: int
    line: int
    years: tuple[int, ...] = ()  # a row of a year-by-year schedule
    struck: bool = False
    column: int = 0  # offer column of a table (0 = not a column)
    label_span: tuple[int, int] | None = None


@dataclass
class Layout:
    pieces: list[Piece] = field(default_factory=list)
    dropped: list[tuple[int, int]] = field(default_factory=list)  # other speakers' messages
    notes: list[str] = field(default_factory=list)
    superseded: set[int] = field(default_factory=set)  # starts of struck-out figures


def strike_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _STRIKE_RE.finditer(text)]


def layout(tokens: Tokens) -> Layout:
    text = tokens.text
    result = Layout()
    result.dropped = _other_speakers(tokens)
    if result.dropped:
        result.notes.append("read a chat: kept the messages of the person with the offer")
    lines = [(m.start(), m.end()) for m in _LINE_RE.finditer(text)]
    table_rows = _tables(tokens, lines)
    spans = strike_spans(text)
    # a strike inside a line supersedes its figures ("base ~$150k~ → $158k"); a struck line
    # is an offer of its own, superseded as a whole
    whole = [(a, b) for a, b in spans if _whole_line(tokens, a, b)]
    for a, b in spans:
        if (a, b) not in whole:
            result.superseded.update(f.start for f in tokens.figures_in(a, b))
    struck = Spans(whole)
    dropped = Spans(result.dropped)
    parents = _parent_keys(tokens, lines)
    calendar = _calendar_rows(text, lines)
    for index, (start, end) in enumerate(lines):
        if dropped.holds(start, end):
            continue
        if index in table_rows:
            result.pieces.extend(table_rows[index])
            continue
        if _quiet(tokens, start, end):
            continue  # no figure, no word of the lexicon, no number: nothing to read in it
        row = _YEAR_ROW_RE.match(text, start, end) or _year_after_heading(text, start, end)
        years: tuple[int, ...] = (calendar[index],) if index in calendar else ()
        for s, e in _turns(tokens, _sentences(text, start, end, struck)):
            sub = _YEAR_ROW_RE.match(text, s, e)
            if sub:
                row = sub
            if row:
                a, b = _year_number(row["a"]), _year_number(row["b"] or row["a"])
                years = tuple(range(a, b + 1)) if b >= a else (a,)
            piece = Piece(s, e, index, years, label_span=parents.get(index))
            piece.struck = struck.holds(s, e)
            result.pieces.append(piece)
    return result


# "rsu:" or "\"equity\": {" alone on its line: a key whose value is the indented lines below
_PARENT_KEY_RE = re.compile(r"[ ]*(?:[-*][ ])?[\"']?([^:\n\"'{}\[\]]{1,40})[\"']?:[ ]?[{\[]?[ ]?$")
_SECTION_RE = re.compile(r"[ ]*\[([^\]\n|]{1,40})\][ ]*")
_CHILD_KEY_RE = re.compile(r"[ ]*(?:[-*][ ])?[\"']?([^:\n\"']{1,40})[\"']?[ ]?[:=]")


def _parent_keys(tokens: Tokens, lines: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Lines nested under a labelled key (YAML, JSON) whose own key names no component, with
    the span of that key: "rsu:" over "  value_usd: 200000" makes the value a grant's."""
    text = tokens.text
    out: dict[int, tuple[int, int]] = {}
    stack: list[tuple[int, tuple[int, int] | None]] = []  # (indent, labelled key span)
    for index, (start, end) in enumerate(lines):
        section = _SECTION_RE.fullmatch(text, start, end)
        if section:  # TOML, INI: "[offer.equity]" owns the lines below it, unindented
            span = section.span(1)
            stack = [(-1, span if _labelled(tokens, span) else None)]
            continue
        indent = len(text[start:end]) - len(text[start:end].lstrip(" "))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = _PARENT_KEY_RE.fullmatch(text, start, end)
        if parent:
            span = parent.span(1)
            stack.append((indent, span if _labelled(tokens, span) else None))
            continue
        owner = next((key for _, key in reversed(stack) if key is not None), None)
        child = _CHILD_KEY_RE.match(text, start, end)
        if owner is not None and child and not _names_part(tokens, child.span(1)):
            out[index] = owner
    return out


_CALENDAR_ROW_RE = re.compile(r"[ \t*•|-]{0,4}((?:19|20)\d\d)[ \t]?[:|]")


def _calendar_rows(text: str, lines: list[tuple[int, int]]) -> dict[int, int]:
    """Lines that open with consecutive calendar years ("2025: base ...", "2026: ..."): a
    year-by-year projection whose first year is year 1. One such line alone is a date."""
    found = {}
    for index, (start, end) in enumerate(lines):
        m = _CALENDAR_ROW_RE.match(text, start, end)
        if m:
            found[index] = int(m.group(1))
    first = min(found.values(), default=0)
    if len(found) < 2 or sorted(found.values()) != list(range(first, first + len(found))):
        return {}
    return {index: year - first + 1 for index, year in found.items()}


_HEADING_RE = re.compile(r"[^:\n\d]{1,60}:[ ]")


def _year_after_heading(text: str, start: int, end: int) -> re.Match[str] | None:
    """ "Comp by year (London): Y1 £110k base ...": the first year row after a heading."""
    heading = _HEADING_RE.match(text, start, end)
    return _YEAR_ROW_RE.match(text, heading.end(), end) if heading else None


def _quiet(tokens: Tokens, start: int, end: int) -> bool:
    """A line with nothing the reader uses ("thanks!", "lol", "U;"): skipping it keeps a paste
    of many short lines cheap. "full-time", which hourly pay needs, is kept."""
    return (
        not tokens.any_figure_in(start, end)
        and not tokens.words_in(start, end)
        and not tokens.marks_in(start, end)
        and not _KEEP_RE.search(tokens.text, start, end)
    )


def _whole_line(tokens: Tokens, start: int, end: int) -> bool:
    """Whether a struck span is all there is on its line (bullets and spaces aside)."""
    text = tokens.text
    line_start, line_end = tokens.line_of(start)
    return not text[line_start:start].strip(" -•*>|") and not text[end:line_end].strip(" .,;")


_ALSO_BEFORE_RE = re.compile(
    r"\b(?:also|additionally|as well|on top|auch|aussi|también|também|anche|ook|też)\s\Z",
    re.IGNORECASE,
)
CURRENTLY = frozenset(
    ("currently", "aktuell", "derzeit", "actuellement", "actualmente", "atualmente", "obecnie")
)


def aside_marker(tokens: Tokens, word: Word) -> bool:
    """A marker that says nothing about whose terms follow: one that qualifies something that
    is not pay ("at our current valuation"), or a "currently" in a bracket opened
    mid-sentence ("VSOP (aktuell ca. 80k € wert)"), or one that adds to the terms so far ("they
    also offered a sign-on")."""
    after = tokens.word_after(word.end, 2)
    if after is not None and after.kind is Kind.OTHER:
        return True
    text = tokens.text
    if _ALSO_BEFORE_RE.search(text, max(0, word.start - 16), word.start):
        return True
    if text[word.start : word.end].lower() not in CURRENTLY:
        return False
    line = text[tokens.line_of(word.start)[0] : word.start]
    bracket = line.rfind("(")
    return bracket > line.rfind(")") and len(line[:bracket].split()) > 3


def _turns(tokens: Tokens, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence that turns from one offer to another ("I'm at 160k now, new offer is 190k",
    "180k at first, then they came back with 200k", "2.1M monthly, no wait, 9.6M a year")
    is cut where it turns: at a marker or a correction between figures, after a break."""
    out = []
    for start, end in spans:
        cut = start
        turning = tokens.words_of(Kind.MARKER, start, end) + tokens.words_of(
            Kind.CORRECTION, start, end
        )
        for word in sorted(turning, key=lambda w: w.start) if turning else ():
            last = tokens.last_figure_ending_by(word.start)
            if (
                last is None
                or aside_marker(tokens, word)
                or last.start < cut
                or not tokens.any_figure_in(word.end, end)
                or not _TURN_RE.search(tokens.text, last.end, word.start)
                or tokens.text[last.end : word.start].strip() in ("(", "（", "[")
            ):
                continue  # "$172,000 (previously $165,000)": an aside on the figure, no turn
            out.append((cut, word.start))
            cut = word.start
        out.append((cut, end))
    return out


def _sentences(text: str, start: int, end: int, struck: Spans) -> list[tuple[int, int]]:
    line = text[start:end]
    if not _CUT_CHARS_RE.search(line) and not struck.within(start, end):
        return [(start, end)] if line.strip(" .!?;→->=") else []
    cuts = {start, end}
    forced: set[int] = set()  # "RSUs/4. Segment: 210k": a figure ends the sentence before a capital
    for m in _SENTENCE_RE.finditer(text, start, end):
        cuts.update((m.start(), m.end()))
        if m.lastgroup == "after_figure" and text[start : m.start()].strip(" -•*>|").rstrip(
            "0123456789"
        ):
            forced.update((m.start(), m.end()))
    for m in _YEAR_CUT_RE.finditer(text, start, end):
        cuts.add(m.start())
    for s, e in struck.within(start, end):
        cuts.update((s, min(e, end)))
    ordered = sorted(cuts)
    # "ca. 60k", "1. Salary. $180,000": an abbreviation or a short heading does not end a sentence
    kept = [ordered[0]]
    for cut in ordered[1:-1]:
        if (
            cut in forced
            or text[cut - 1 : cut] in _HARD_BREAKS
            or text[cut : cut + 1] in _HARD_BREAKS
        ):
            kept.append(cut)  # a forced cut, or a ";": no abbreviation keeps these together
            continue
        # both tests look at a bounded stretch before the cut, so a line of a thousand
        # skipped cuts is still read in one pass
        if (
            _abbreviation_before(text, max(kept[-1], cut - 12), cut)
            or (
                (
                    text[cut - 1 : cut] == "."
                    # "Sign-On Bonus. $12,000": a heading of words alone opening the line
                    or (
                        text[cut : cut + 1] == "."
                        and kept[-1] == start
                        and not _DIGIT_RE.search(text, _heading_start(text, start), cut)
                    )
                )
                and cut - kept[-1] <= 160
                and len(text[kept[-1] : cut].split()) <= 4
                and not _TWO_DIGITS_RE.search(text, kept[-1], cut)
            )
        ):
            continue
        kept.append(cut)
    kept.append(ordered[-1])
    ordered = sorted(set(kept))
    spans = []
    for a, b in pairwise(ordered):
        if text[a:b].strip(" .!?;→->="):
            spans.append((a, b))
    return spans


def _heading_start(text: str, start: int) -> int:
    enumerator = _ENUMERATOR_RE.match(text, start)
    return enumerator.end() if enumerator else start


def _abbreviation_before(text: str, start: int, cut: int) -> bool:
    """Whether [start, cut) ends with an abbreviation or a digit, then maybe a dot, spaces and a
    dot ("ca.", "No. ", "5."): read backwards from the cut, a few characters."""
    end = cut
    if end > start and text[end - 1] == ".":
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return False
    if text[end - 1].isdigit():
        return True
    for stop in (end, end - 1) if text[end - 1] == "." else (end,):
        k = stop
        while k > start and (text[k - 1].isalnum() or text[k - 1] == "_"):
            k -= 1
        if text[k:stop].lower() in _ABBREVIATIONS:
            at = k
        elif stop - 3 >= start and text[stop - 3 : stop].lower() in _DOTTED_ABBREVIATIONS:
            at = stop - 3
        else:
            continue
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            return True
    return False


def _other_speakers(tokens: Tokens) -> list[tuple[int, int]]:
    """Spans of the messages not written by the person with the offer."""
    text = tokens.text
    headers = list(_CHAT_HEADER_RE.finditer(text))
    if len(headers) < 2:
        return []
    messages = []
    for i, h in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        name = h["name"] or h["inline"] or h["bracketed"]
        messages.append((name.strip().lower(), h.start(), end))
    owner = None
    for name, start, end in messages:
        labels = [w for w in tokens.words_in(start, end) if w.kind is Kind.LABEL]
        figures = tokens.figures_in(start, end)
        if labels and figures:
            owner = name
            break
    if owner is None:
        return []
    return [
        (start, end)
        for name, start, end in messages
        if name != owner and not _question_to_owner(tokens, start, end)
    ]


def _question_to_owner(tokens: Tokens, start: int, end: int) -> bool:
    """ "sign on?", "bonus?", "vesting?": another speaker asking about the offer, with no
    figure of their own; the owner's answer ("nope none") needs the question beside it."""
    return (
        "?" in tokens.text[start:end]
        and not tokens.any_figure_in(start, end)
        and any(
            w.kind is Kind.LABEL or (w.kind is Kind.VEST and w.key != "even")
            for w in tokens.words_in(start, end)
        )
    )


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = text[start:end]
    bars = [i for i, c in enumerate(line) if c == "|"]
    if not bars:
        return []
    edges = [-1, *bars, len(line)]
    cells = []
    for a, b in pairwise(edges):
        cell_start, cell_end = start + a + 1, start + b
        cells.append((cell_start, cell_end))
    # a leading or trailing bar leaves an empty edge cell
    if line.lstrip().startswith("|"):
        cells = cells[1:]
    if line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def _tables(tokens: Tokens, lines: list[tuple[int, int]]) -> dict[int, list[Piece]]:
    """Pieces for every line of every table, keyed by line index."""
    text = tokens.text
    out: dict[int, list[Piece]] = {}
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and text.count("|", *lines[j]) >= 2:
            j += 1
        if j - i >= 3 or (
            j - i >= 2
            and (
                all(text[lines[k][0] : lines[k][1]].strip().startswith("|") for k in range(i, j))
                or _header_of_labels(tokens, lines[i], lines[i + 1])
            )
        ):
            out.update(_table(tokens, lines, i, j))
            i = j
        else:
            i = max(j, i + 1)
    return out


# Column titles that name what a column holds, not whose offer it is ("component | amount | notes")
_GENERIC_HEADS = frozenset(
    ("amount", "amounts", "value", "values", "notes", "note", "details", "comment", "comments",
     "description", "remarks", "info", "usd", "eur", "gbp", "inr", "total")
)  # fmt: skip


def _header_of_labels(tokens: Tokens, head: tuple[int, int], row: tuple[int, int]) -> bool:
    """A header of component names over a row of as many cells ("Base | Stock | Bonus")."""
    cells = _cells(tokens.text, *head)
    return (
        len(cells) == len(_cells(tokens.text, *row))
        and sum(1 for cell in cells if _labelled(tokens, cell)) >= 2
        and not any(tokens.any_figure_in(*cell) for cell in cells)
    )


def _year_of(text: str, cell: tuple[int, int]) -> tuple[int, ...]:
    """The year a cell names when that is all it says ("Y1", "Year 2"), else ()."""
    start, end = cell
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    m = _YEAR_ROW_RE.fullmatch(text, start, end)
    return (_year_number(m["a"]),) if m and not m["b"] else ()


def _is_rule(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip(" |-:=+")


def _labelled(tokens: Tokens, span: tuple[int, int]) -> bool:
    return any(w.kind is Kind.LABEL for w in tokens.labels_in(*span))


def _names_part(tokens: Tokens, span: tuple[int, int]) -> bool:
    """Whether a nested key names a component of its own; "total" under "rsu:" is the grant's
    total, not total comp."""
    return any(
        w.kind is Kind.LABEL and w.key != Component.TOTAL.value for w in tokens.labels_in(*span)
    )


def _percent_in_label(tokens: Tokens, cells: list[tuple[int, int]], k: int) -> list[Piece]:
    """ "| Bonus (15%) | 30k |": a percent in a row's label cell is read there, as its own
    piece (the amounts under the label are read apart)."""
    if cells and any(f.is_pct for f in tokens.figures_in(*cells[0])):
        return [Piece(*cells[0], k)]
    return []


def _table(
    tokens: Tokens, lines: list[tuple[int, int]], first: int, stop: int
) -> dict[int, list[Piece]]:
    """A table read by its shape: a year column makes each row a year of a schedule; rows
    whose cells carry their own labels ("Fixed 52L | Joining 7L") are read cell by cell;
    offer columns ("Offer A", or names over a column of labels) make each column an offer;
    component columns ("| | Base | Bonus |") make each row an offer; otherwise each row is a
    label and its values."""
    text = tokens.text
    rows = [
        (k, _cells(text, *lines[k])) for k in range(first, stop) if not _is_rule(text, *lines[k])
    ]
    out: dict[int, list[Piece]] = {k: [] for k in range(first, stop)}
    if not rows:
        return out
    header_index, header = rows[0]
    body = rows[1:]
    heads = [text[s:e].strip().lower() for s, e in header]
    row_years = [_year_of(text, cells[0]) if cells else () for _, cells in rows]
    if sum(1 for y in row_years if y) * 2 > len(rows):
        # no header: "Year 1 | 175,000 | 45,000 sign-on | RSU 10,000", cells carry their labels
        for (k, cells), years in zip(rows, row_years, strict=True):
            out[k].extend(Piece(s, e, k, years) for s, e in cells[1:])
        return out
    col_years = [_year_of(text, cell) for cell in header[1:]]
    if sum(1 for y in col_years if y) >= 2:
        # years as columns: "| | Y1 | Y2 |" over "| Base | 200k | 200k |"
        for k, cells in body:
            out[k].extend(_percent_in_label(tokens, cells, k))
            for c, (s, e) in enumerate(cells[1:]):
                years = col_years[c] if c < len(col_years) else ()
                out[k].append(Piece(s, e, k, years, label_span=cells[0]))
        return out
    year_col = next((c for c, h in enumerate(heads) if _YEAR_HEAD_RE.fullmatch(h)), None)
    if year_col is not None:
        for k, cells in body:
            year_text = (
                text[cells[year_col][0] : cells[year_col][1]] if year_col < len(cells) else ""
            )
            m = _DIGIT_RE.search(year_text)
            years = (int(m.group(0)),) if m else ()
            for c, (s, e) in enumerate(cells):
                if c == year_col or c >= len(header):
                    continue
                out[k].append(Piece(s, e, k, years, label_span=header[c]))
        return out
    if sum(1 for _, cells in rows if cells and tokens.any_figure_in(*cells[0])) * 2 > len(rows):
        for k, cells in rows:
            row = _YEAR_ROW_RE.match(text, *cells[0]) if cells else None
            years = (_year_number(row["a"]),) if row else ()
            out[k].extend(Piece(s, e, k, years) for s, e in cells)
        return out
    named = (
        len(header) >= 3
        and not any(tokens.any_figure_in(*cell) or _labelled(tokens, cell) for cell in header)
        and not _GENERIC_HEADS.intersection(heads)
        and sum(1 for _, cells in body if cells and _labelled(tokens, cells[0])) * 2 > len(body)
    )
    offer_cols = [c for c, h in enumerate(heads) if c > 0 and (named or _OFFER_HEAD_RE.match(h))]
    if offer_cols:
        for k, cells in body:
            if not cells:
                continue
            for c, (s, e) in enumerate(cells[1:], start=1):
                column = offer_cols.index(c) + 1 if c in offer_cols else 0
                out[k].append(Piece(s, e, k, column=column, label_span=cells[0]))
        out[header_index] = [
            Piece(s, e, header_index, column=c)
            for c, (s, e) in enumerate(header)
            if c in offer_cols
        ]
        return out
    if (
        len(body) >= 1
        and sum(1 for cell in header[1:] if _labelled(tokens, cell)) >= 2
        and not any(cells and _labelled(tokens, cells[0]) for _, cells in body)
    ):
        first_label = header[0] if _labelled(tokens, header[0]) else None
        for number, (k, cells) in enumerate(body, start=1):
            out[k].append(Piece(*cells[0], k, column=number, label_span=first_label))
            for c, (s, e) in enumerate(cells[1:], start=1):
                if c < len(header):
                    out[k].append(Piece(s, e, k, column=number, label_span=header[c]))
        return out
    for k, cells in rows:
        if len(cells) >= 2:
            out[k].extend(_percent_in_label(tokens, cells, k))
            for s, e in cells[1:]:
                out[k].append(Piece(s, e, k, label_span=cells[0]))
        else:
            out[k].extend(Piece(s, e, k) for s, e in cells)
    return out

"""Slack views: the offer form (a modal) and the App Home. Block Kit, on the pieces of kit.py.

A view holds up to 100 blocks. The form's block ids are coach/form.py's field keys, so what
Slack sends back is read by the same table that drew it, and an error is shown next to its
field. The form carries no figures in ``private_metadata``: only where its answer goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from bot.coach.form import FIELDS, MAX_VALUE_CHARS
from bot.coach.replies import GuideEntry, HomeReply, Miss
from bot.guides.model import Problem, Severity
from bot.render.actions import FORM_INPUT, OFFER_FORM, FormContext, encode_context
from bot.render.blocks import help_blocks
from bot.render.kit import MAX_SECTION, Block, context, divider, esc, header, section, short

View = dict[str, Any]

MAX_VIEW_BLOCKS = 100
MAX_LINES = 10  # lines per section of a list: short enough to scan
MAX_PROBLEMS = 30
FORM_TITLE = "Check your offer"  # modal title, submit and close: 24 characters each
FORM_SUBMIT = "Score it"


def offer_form(values: Mapping[str, str], where: FormContext, *, read: bool) -> View:
    """The offer form, prefilled with ``values`` (coach/form.prefill). ``read`` says the
    figures were read from a paste (and may be misread), rather than a form opened empty."""
    intro = (
        "Here is what I read. Fix any figure I got wrong, then score it again."
        if read
        else "Enter the offer's figures and I'll score them against the guide."
    )
    blocks: list[Block] = [context(f"{intro} Only you see this form and its answer.")]
    for field in FIELDS:
        element: Block = {
            "type": "plain_text_input",
            "action_id": FORM_INPUT,
            "max_length": MAX_VALUE_CHARS,
        }
        value = values.get(field.key, "").strip()[:MAX_VALUE_CHARS]
        if value:
            element["initial_value"] = value
        blocks.append(
            {
                "type": "input",
                "block_id": field.key,
                "optional": field.optional,
                "label": {"type": "plain_text", "text": short(field.label, 2000)},
                "hint": {"type": "plain_text", "text": short(field.hint, 2000)},
                "element": element,
            }
        )
    return {
        "type": "modal",
        "callback_id": OFFER_FORM,
        "title": {"type": "plain_text", "text": FORM_TITLE},
        "submit": {"type": "plain_text", "text": FORM_SUBMIT},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": encode_context(where),
        "blocks": blocks,
    }


# -- the App Home ---------------------------------------------------------------------------


def home_view(reply: HomeReply) -> View:
    """What Leverage does, its commands with examples from the loaded guides, the guides with
    their freshness; for workspace admins, what needs an author's attention and the top misses."""
    blocks: list[Block] = [header("Leverage"), *help_blocks(reply.help)]
    blocks.append(
        context(
            "Answers to commands and pasted offers are visible only to you. "
            "*Share in channel* posts one when you choose, after asking."
        )
    )
    blocks += [divider(), header(f"Guides ({reply.guide_count})")]
    blocks += _list((_guide_line(entry) for entry in reply.guides), "No guides are loaded.")
    if reply.guide_count > len(reply.guides):
        more = reply.guide_count - len(reply.guides)
        blocks.append(context(f"…and {more} more: ask `/comp company role` for any of them."))
    admin: list[Block] = []
    if reply.admin:
        admin = [divider(), header("For workspace admins")]
        admin.append(section("*Guides that need attention* (lint problems, reviews past due)"))
        admin += _list(
            _problem_lines(reply.problems, reply.guides),
            "Every guide passes lint and is within its review date.",
        )
        admin.append(section("*Asked for, with no guide* (3 people or more)"))
        admin += _list((_miss_line(m) for m in reply.misses), "Nothing yet.")
    room = MAX_VIEW_BLOCKS - len(admin)
    if len(blocks) > room:
        blocks = [*blocks[: room - 1], context("_More guides than fit here._")]
    return {"type": "home", "blocks": (blocks + admin)[:MAX_VIEW_BLOCKS]}


def _guide_line(entry: GuideEntry) -> str:
    guide = entry.guide
    regions = ", ".join(b.region for b in guide.bands) or "no bands"
    if entry.stale_since is not None:
        fresh = f":warning: *review due since {entry.stale_since:%-d %b %Y}*"
    elif guide.last_updated is not None:
        fresh = f"updated {guide.last_updated:%-d %b %Y}"
    elif guide.salary_data_quarter:
        fresh = f"salary data {esc(guide.salary_data_quarter)}"
    else:
        fresh = "no date given"
    return f"*{esc(guide.company_display)}* · {esc(guide.role_display)} — {esc(regions)} · {fresh}"


def _problem_lines(problems: Sequence[Problem], guides: Sequence[GuideEntry]) -> list[str]:
    """Errors first, then warnings, then guides past their review date (from the list)."""
    ordered = sorted(problems, key=lambda p: p.severity is not Severity.ERROR)
    lines = [
        f"• {'🛑' if p.severity is Severity.ERROR else '⚠️'} `{esc(PurePath(p.file).name)}` — "
        f"{esc(p.message)}"
        for p in ordered[:MAX_PROBLEMS]
    ]
    if len(ordered) > MAX_PROBLEMS:
        lines.append(f"…and {len(ordered) - MAX_PROBLEMS} more: run `python -m bot lint`.")
    lines += [
        f"• 🕰️ {esc(e.guide.title)} — review due since {e.stale_since:%-d %b %Y}"
        for e in guides
        if e.stale_since is not None
    ]
    return lines


def _miss_line(miss: Miss) -> str:
    what = " · ".join(esc(part) for part in (miss.company, miss.role) if part) or "(unnamed)"
    asks = f"{miss.asks} ask{'s' if miss.asks != 1 else ''}"
    return f"• {what} — {asks} by {miss.people} people"


def _list(lines: Iterable[str], empty: str) -> list[Block]:
    """Lines as a few sections, each within Slack's 3,000 characters."""
    blocks: list[Block] = []
    chunk: list[str] = []
    for whole in lines:
        line = short(whole, 500)
        if chunk and (len(chunk) >= MAX_LINES or len("\n".join([*chunk, line])) > MAX_SECTION):
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(section("\n".join(chunk)))
    return blocks or [context(empty)]

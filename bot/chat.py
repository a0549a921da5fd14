"""The local chat: the same coach as Slack, in a terminal. No tokens needed."""

from __future__ import annotations

import select
from typing import TextIO

from bot.coach import Coach
from bot.coach.commands import run_command
from bot.render.text import render_text

BANNER = (
    "Leverage (local chat). Ask about a role, use /comp, /levers or /offer, or paste an offer.\n"
    "Type 'help' for examples, 'quit' to leave.\n"
)
_PASTE_WAIT = 0.05  # seconds: lines arriving this close together are one paste


def answer(coach: Coach, message: str) -> str:
    """One message, routed as Slack routes it: slash commands, else a sentence."""
    text = message.strip()
    name, _, rest = text.partition(" ")
    routed = run_command(coach, name, rest) if name.startswith("/") else None
    return render_text((routed or coach.ask(text)).reply)


def next_message(stream: TextIO) -> str | None:
    """The next message: at a terminal a pasted block arrives as one message; from a pipe,
    each line is one. None at end of input."""
    line = stream.readline()
    if not line:
        return None
    lines = [line]
    if stream.isatty():
        while select.select([stream], [], [], _PASTE_WAIT)[0]:
            more = stream.readline()
            if not more:
                break
            lines.append(more)
    return "".join(lines)


def run_chat(coach: Coach, stream: TextIO, out: TextIO) -> int:
    out.write(BANNER)
    interactive = stream.isatty()
    while True:
        if interactive:
            out.write("\nyou> ")
            out.flush()
        message = next_message(stream)
        if message is None or message.strip().lower() in {"quit", "exit", ":q"}:
            return 0
        if message.strip():
            out.write(("\n" if not interactive else "") + answer(coach, message))
            out.flush()

"""The slash commands: one table that the Slack app and the terminal chat both route through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.coach.coach import Coach
from bot.coach.replies import Answer


@dataclass(frozen=True)
class Command:
    name: str  # "/comp", as Slack sends it
    topic: str  # the help topic it answers with when asked for help
    usage: str
    summary: str
    run: Callable[[Coach, str], Answer]


COMMANDS: tuple[Command, ...] = (
    Command(
        "/comp",
        "comp",
        "/comp company role [region]",
        "the pay bands, for one region or all.",
        Coach.comp,
    ),
    Command(
        "/levers",
        "levers",
        "/levers company role",
        "the levers, the negotiate-up script and the threshold.",
        Coach.levers,
    ),
    Command(
        "/offer",
        "offer",
        "/offer <pasted offer>",
        "scores an offer and writes your counter. Only you see it.",
        Coach.offer,
    ),
)
BY_NAME = {command.name: command for command in COMMANDS}


def run_command(coach: Coach, name: str, text: str) -> Answer | None:
    """The answer to ``/name text``, or None when ``name`` is no command of ours."""
    command = BY_NAME.get(name.lower())
    return command.run(coach, text) if command is not None else None

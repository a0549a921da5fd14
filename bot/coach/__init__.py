"""A question or a command -> a typed Reply. Pure; the Slack app and the terminal share it."""

from bot.coach.coach import Coach

__all__ = ["Coach"]

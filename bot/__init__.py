"""Leverage: a Slack bot that coaches people through job-offer negotiation."""

__version__ = "0.1.0"

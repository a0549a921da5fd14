"""The one small exception tree. The core raises these; only the edges turn them into messages."""


class LeverageError(Exception):
    """Base of every error Leverage raises on purpose."""


class GuideError(LeverageError):
    """A guide cannot be used (bad YAML, missing company, impossible band...)."""


class OfferError(LeverageError):
    """A pasted offer cannot be read at all (empty, too large, nothing offer-like)."""


class ScoringError(LeverageError):
    """An offer cannot be scored against a band (it is in a currency the band does not use)."""


class ConfigError(LeverageError):
    """A setting is missing or wrong; the message names the environment variable."""

"""Settings, read once from the environment. Nothing else in Leverage reads ``os.environ``."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from bot.errors import ConfigError


def _default_guides_dir() -> Path:
    """The bundled seeds/: beside the package in a checkout, else in the working directory."""
    beside = Path(__file__).resolve().parent.parent / "seeds"
    return beside if beside.is_dir() else Path.cwd() / "seeds"


DEFAULT_GUIDES_DIR = _default_guides_dir()


@dataclass(frozen=True)
class Settings:
    guides_dir: Path = DEFAULT_GUIDES_DIR
    cache_dir: Path | None = None
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str | None = None
    port: int = 3000
    # OAuth install for many workspaces (instead of one SLACK_BOT_TOKEN)
    client_id: str | None = None
    client_secret: str | None = None
    redirect_uri: str | None = None  # SLACK_REDIRECT_URI: needed only with several redirect URLs
    # Where Leverage keeps its rows: DATABASE_URL as given (bot.store rewrites postgres://),
    # else an SQLite file in data_dir.
    database_url: str | None = None
    data_dir: Path = field(default_factory=lambda: _data_dir({}))
    reload_seconds: float = 2.0  # how often guides are checked for changes; 0 turns it off
    work_threads: int = 32  # LEVERAGE_WORK_THREADS: threads for the work after each ack

    @property
    def has_slack_tokens(self) -> bool:
        return bool(self.bot_token or self.app_token or self.oauth)

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def oauth(self) -> bool:
        """Many workspaces, installed through /slack/install: SLACK_CLIENT_ID and
        SLACK_CLIENT_SECRET, and no SLACK_BOT_TOKEN (``require_http`` refuses both)."""
        return bool(self.client_id and self.client_secret)

    def require_http(self) -> None:
        """Raise naming each variable HTTP mode needs and lacks, or the ones to remove."""
        self._one_mode()
        if self.oauth:
            _require(("SLACK_SIGNING_SECRET", self.signing_secret))
            return
        _require(("SLACK_BOT_TOKEN", self.bot_token), ("SLACK_SIGNING_SECRET", self.signing_secret))
        if not (self.bot_token or "").startswith("xoxb-"):
            raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")

    def require_socket(self) -> None:
        self._one_mode()
        if self.oauth:
            raise ConfigError(
                "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET install Leverage through its web pages "
                "(/slack/install), which need HTTP: run `python -m bot serve --http` (then "
                "SLACK_APP_TOKEN is not used), or unset them to use SLACK_BOT_TOKEN in Socket Mode"
            )
        _require(("SLACK_BOT_TOKEN", self.bot_token), ("SLACK_APP_TOKEN", self.app_token))
        if not (self.app_token or "").startswith("xapp-"):
            raise ConfigError(
                "SLACK_APP_TOKEN must be an app-level token starting with xapp- "
                "(with the connections:write scope)"
            )

    def _one_mode(self) -> None:
        """One workspace (SLACK_BOT_TOKEN) or many (SLACK_CLIENT_ID + SLACK_CLIENT_SECRET),
        never both: Bolt would switch to OAuth by itself and ignore the bot token."""
        oauth_vars = [
            name
            for name, value in (
                ("SLACK_CLIENT_ID", self.client_id),
                ("SLACK_CLIENT_SECRET", self.client_secret),
            )
            if value
        ]
        if self.bot_token and oauth_vars:
            others = " and ".join(oauth_vars)
            raise ConfigError(
                f"SLACK_BOT_TOKEN and {others} are {'all' if len(oauth_vars) > 1 else 'both'} "
                f"set: choose one mode. For one workspace keep SLACK_BOT_TOKEN and unset "
                f"{others}; to install Leverage in many workspaces through /slack/install, "
                "unset SLACK_BOT_TOKEN (and set both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)"
            )
        if len(oauth_vars) == 1:
            missing = "SLACK_CLIENT_SECRET" if self.client_id else "SLACK_CLIENT_ID"
            raise ConfigError(
                f"{oauth_vars[0]} is set without {missing}: OAuth install needs both "
                "(from Basic Information → App Credentials)"
            )


def _require(*pairs: tuple[str, str | None]) -> None:
    missing = [name for name, value in pairs if not value]
    if missing:
        raise ConfigError(f"missing environment variable(s): {', '.join(missing)}")


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    port_text = env.get("PORT", "3000")
    try:
        port = int(port_text)
    except ValueError:
        raise ConfigError(f"PORT must be a whole number, not {port_text!r}") from None
    if not 0 < port < 65536:
        raise ConfigError(f"PORT must be between 1 and 65535, not {port}")
    work_threads = _whole(env, "LEVERAGE_WORK_THREADS", 32, 1, 512)
    guides = env.get("GUIDES_DIR")
    cache = env.get("LEVERAGE_CACHE_DIR")
    if cache is None:
        xdg = env.get("XDG_CACHE_HOME") or (
            str(Path(env["HOME"]) / ".cache") if "HOME" in env else None
        )
        cache = str(Path(xdg) / "leverage") if xdg else None
    reload_text = env.get("LEVERAGE_RELOAD_SECONDS") or "2"
    try:
        reload_seconds = float(reload_text)
    except ValueError:
        raise ConfigError(
            f"LEVERAGE_RELOAD_SECONDS must be a number of seconds, not {reload_text!r}"
        ) from None
    if not 0 <= reload_seconds <= 3600:
        raise ConfigError(
            f"LEVERAGE_RELOAD_SECONDS must be between 0 (off) and 3600, not {reload_text}"
        )
    return Settings(
        guides_dir=Path(guides) if guides else DEFAULT_GUIDES_DIR,
        cache_dir=Path(cache) if cache else None,
        bot_token=env.get("SLACK_BOT_TOKEN") or None,
        signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        app_token=env.get("SLACK_APP_TOKEN") or None,
        api_url=env.get("SLACK_API_URL") or None,
        port=port,
        client_id=env.get("SLACK_CLIENT_ID") or None,
        client_secret=env.get("SLACK_CLIENT_SECRET") or None,
        redirect_uri=env.get("SLACK_REDIRECT_URI") or None,
        database_url=env.get("DATABASE_URL") or None,
        data_dir=_data_dir(env),
        reload_seconds=reload_seconds,
        work_threads=work_threads,
    )


def _data_dir(env: Mapping[str, str]) -> Path:
    """LEVERAGE_DATA_DIR, else the user's data directory (XDG_DATA_HOME on Linux, Application
    Support on macOS, AppData on Windows), so a laptop install needs no setting at all."""
    if env.get("LEVERAGE_DATA_DIR"):
        return Path(env["LEVERAGE_DATA_DIR"])
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"]) / "leverage"
    return Path(platformdirs.user_data_dir("leverage", appauthor=False))


def _whole(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    text = env.get(name) or str(default)
    try:
        value = int(text)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, not {value}")
    return value


def run_in_utc() -> None:
    """Make the process's local time UTC. slack_sdk's SQLAlchemy installation store writes
    naive UTC datetimes and reads them back as local time (python-slack-sdk#1731), so an
    installation's times would shift by the zone's offset; ``serve`` calls this first, before
    any thread starts, so operators need not remember ``TZ=UTC``. Log times are UTC too."""
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):  # not on Windows, where TZ is read at start only
        time.tzset()


def withdraw_slack_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Remove the SLACK_* variables once Settings hold them. Bolt and slack_sdk read them
    silently (beside an explicit client, ``App()`` warns that SLACK_BOT_TOKEN "will be
    unused"; with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET it switches to OAuth): after this,
    only what Settings pass reaches them."""
    env = os.environ if environ is None else environ
    for name in [n for n in env if n.startswith("SLACK_")]:
        del env[name]

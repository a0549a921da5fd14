"""Who the bot is, checked once at start, and the single-workspace ``authorize`` built on it.

Bolt's single-token mode calls ``auth.test`` on the first request after every restart (and
answers users "please reinstall" when that call fails). Leverage checks its tokens once, in
``serve``, before it takes any request: a wrong or revoked token stops the process with a
message naming the variable, and a good one becomes a fixed ``AuthorizeResult``, so no
request waits on ``auth.test``. Issue 12's installation store replaces ``authorize`` for many
workspaces; nothing else here has to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import ConfigError

# Error codes that mean the token itself is no good (https://api.slack.com/methods/auth.test).
TOKEN_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "not_allowed_token_type",
        "team_access_not_granted",
        "two_factor_setup_required",
        "ekm_access_denied",
    }
)


_CODE = re.compile(r"^[a-z0-9_]{2,60}$")


@dataclass(frozen=True)
class BotIdentity:
    """The workspace and bot user a bot token belongs to (from ``auth.test``)."""

    team_id: str | None
    bot_user_id: str | None
    bot_id: str | None
    enterprise_id: str | None = None


def error_code(error: SlackApiError) -> str:
    """Slack's error code for a failed call (``channel_not_found``), else the HTTP status
    (``http_503``): never free text, which for a non-JSON answer quotes the page."""
    data = error.response.data if isinstance(error.response.data, dict) else {}
    return code_or_status(data.get("error"), error.response.status_code)


def code_or_status(code: object, status: int) -> str:
    """``code`` when it reads as a Slack error code, else ``http_{status}``."""
    if isinstance(code, str) and _CODE.match(code.strip()):
        return code.strip()
    return f"http_{status}"


def refused(variable: str, code: str) -> ConfigError:
    """The message ``serve`` stops with when Slack refuses one of its tokens."""
    where = {
        "SLACK_BOT_TOKEN": "copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions again",
        "SLACK_APP_TOKEN": (
            "create an app-level token with connections:write under Basic Information → "
            "App-Level Tokens"
        ),
    }[variable]
    return ConfigError(f"{variable} was refused by Slack ({code}): {where}")


def check_bot_token(client: WebClient, token: str) -> BotIdentity:
    """``auth.test`` once; a ConfigError naming SLACK_BOT_TOKEN when Slack refuses it."""
    try:
        response = client.auth_test(token=token)
    except SlackApiError as error:
        code = error_code(error)
        if code in TOKEN_ERRORS:
            raise refused("SLACK_BOT_TOKEN", code) from None
        raise ConfigError(f"could not check SLACK_BOT_TOKEN: auth.test failed ({code})") from None
    except (SlackClientError, OSError) as error:
        raise ConfigError(
            f"could not reach Slack to check SLACK_BOT_TOKEN ({type(error).__name__})"
        ) from None
    return BotIdentity(
        team_id=response.get("team_id"),
        bot_user_id=response.get("user_id"),
        bot_id=response.get("bot_id"),
        enterprise_id=response.get("enterprise_id") or None,
    )


def check_app_token(client: WebClient, token: str) -> str:
    """``apps.connections.open`` once: the WebSocket URL for the first connection, or a
    ConfigError naming SLACK_APP_TOKEN when Slack refuses the token."""
    try:
        response = client.apps_connections_open(app_token=token)
    except SlackApiError as error:
        code = error_code(error)
        if code in TOKEN_ERRORS:
            raise refused("SLACK_APP_TOKEN", code) from None
        raise ConfigError(
            f"could not check SLACK_APP_TOKEN: apps.connections.open failed ({code})"
        ) from None
    except (SlackClientError, OSError) as error:
        raise ConfigError(
            f"could not reach Slack to check SLACK_APP_TOKEN ({type(error).__name__})"
        ) from None
    return str(response["url"])


def single_workspace(
    token: str | None, identity: BotIdentity | None
) -> Callable[..., AuthorizeResult]:
    """Bolt's ``authorize`` for one bot token: the identity checked at start, never a call to
    Slack. Without an identity (an app built in a test) the token alone is used; the
    listeners skip every bot's messages themselves, so nothing depends on the bot's ids."""
    who = identity or BotIdentity(None, None, None)

    def authorize() -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=who.enterprise_id,
            team_id=who.team_id,
            bot_user_id=who.bot_user_id,
            bot_id=who.bot_id,
            bot_token=token,
        )

    return authorize

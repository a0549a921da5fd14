"""Workspaces come and go: installed through Slack's OAuth flow, forgotten on uninstall.

**Install** (``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET``): Bolt's own flow, on slack_sdk's
SQLAlchemy stores built on the store's engine with the table names of ``bot.store`` (so
``workspaces`` and the uninstall read and delete the same rows). The installation store is
handed over once, inside ``OAuthSettings``, bot-only (Leverage asks for no user scopes); the
``authorize`` that serves every request reads the same store object, with Bolt's cache on, so
``auth.test`` runs once per token per process rather than on every request. Every call, from
``oauth.v2.access`` on, goes through the app's Web API client, so ``SLACK_API_URL`` reaches
all of them.

Enterprise Grid: a workspace of an organization installs like any other (its rows carry the
enterprise id). An **org-wide** install is refused on purpose: Leverage keeps and deletes
everything per workspace (claims, state, misses, the uninstall), which an org-wide token,
with no workspace of its own, does not fit. The installer is told so, the token Slack just
issued is revoked and nothing is stored. The manifest keeps ``org_deploy_enabled: false``,
so Slack offers workspace installs only.

**Uninstall**: one handler for ``app_uninstalled`` and ``tokens_revoked`` deletes the
workspace's installation and every row Leverage keeps for it in one transaction
(``Store.delete_team``). Bolt runs only the first listener that matches, so its own
revocation listeners (which would delete the installation alone) are not enabled. Bolt skips
``authorize`` for both events: the token is already dead when they arrive.
"""

from __future__ import annotations

import contextlib
import html
import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.error import BoltError
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.config import Settings
from bot.slack.auth import error_code
from bot.slack.state import EventClaims
from bot.store import (
    SLACK_BOTS_TABLE,
    SLACK_INSTALLATIONS_TABLE,
    SLACK_OAUTH_STATES_TABLE,
    Store,
    StoreError,
)

log = logging.getLogger("leverage.slack")

# What the manifest asks for (manifest.yml, oauth_config.scopes.bot); a test keeps them equal.
# users:read: users.info, whether the person opening the App Home is a workspace admin.
BOT_SCOPES = ("commands", "chat:write", "app_mentions:read", "im:history", "users:read")
STATE_SECONDS = 600  # an install started on /slack/install must finish within 10 minutes
NOT_INSTALLED = (
    "Leverage is not installed in this workspace (or it was removed). "
    "Ask a workspace admin to add it again."
)
_ORG_REFUSED_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Leverage</title>
<style>body {{ font-family: sans-serif; max-width: 40em; margin: 3em auto; }}</style></head>
<body><h2>Leverage installs one workspace at a time</h2>
<p>This was an install for the whole organization{org}. Leverage keeps its data per
workspace, so it does not take org-wide installs: nothing was installed, and the token Slack
issued for it has been revoked.</p>
<p>Install it in a workspace instead: <a href="{install}">add Leverage to a workspace</a>
(an org admin can then add it to other workspaces from the organization's app settings).</p>
</body></html>
"""


class OrgInstallRefused(BoltError):
    """An org-wide (Enterprise Grid) install, refused on purpose (see the module's docstring)."""

    def __init__(self, enterprise_name: str | None) -> None:
        super().__init__("org-wide installs are not accepted")
        self.enterprise_name = enterprise_name


@dataclass(frozen=True)
class Installs:
    """What ``create_app`` hands to ``App()`` in OAuth mode."""

    flow: OAuthFlow
    authorize: InstallationStoreAuthorize


def oauth_installs(settings: Settings, store: Store, client: WebClient) -> Installs:
    """slack_sdk's stores on the store's engine (their tables created under the store's
    start-up lock), Bolt's OAuth flow on them, and a caching ``authorize``."""
    client_id, client_secret = settings.client_id or "", settings.client_secret or ""
    # Bolt's flow and slack_sdk's stores log the install code and the state they failed on
    # at WARNING; Leverage logs the reason instead (below), so theirs is kept to errors.
    logger = logging.getLogger("leverage.slack.install")
    logger.setLevel(logging.ERROR)
    installations = SQLAlchemyInstallationStore(
        client_id=client_id,
        engine=store.engine,
        bots_table_name=SLACK_BOTS_TABLE,
        installations_table_name=SLACK_INSTALLATIONS_TABLE,
        logger=logger,
    )
    states = SQLAlchemyOAuthStateStore(
        expiration_seconds=STATE_SECONDS,
        engine=store.engine,
        table_name=SLACK_OAUTH_STATES_TABLE,
        logger=logger,
    )
    store.create_tables(installations.metadata, states.metadata)
    oauth = OAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        redirect_uri=settings.redirect_uri,
        installation_store=installations,  # the one place it is given
        installation_store_bot_only=True,
        state_store=states,
        state_expiration_seconds=STATE_SECONDS,
        callback_options=CallbackOptions(success=_installed, failure=_not_installed),
        logger=logger,
    )
    authorize = InstallationStoreAuthorize(
        logger=logger,
        installation_store=oauth.installation_store,
        client_id=client_id,
        client_secret=client_secret,
        bot_only=True,
        cache_enabled=True,  # auth.test once per token, not on every request (bolt-python#122)
        client=client,
    )
    flow = WorkspaceInstallFlow(client=client, logger=logger, settings=oauth)
    return Installs(flow, authorize)


class WorkspaceInstallFlow(OAuthFlow):
    """Bolt's flow, refusing org-wide installs before anything is stored."""

    def store_installation(self, request: BoltRequest, installation: Installation) -> None:
        if installation.is_enterprise_install:
            self._revoke(installation.bot_token)
            log.warning(
                "org-wide install refused for enterprise %s: Leverage installs per workspace",
                installation.enterprise_id,
            )
            raise OrgInstallRefused(installation.enterprise_name)
        super().store_installation(request, installation)

    def _revoke(self, token: str | None) -> None:
        if not token:
            return
        try:
            self.client.auth_revoke(token=token)
        except SlackApiError as error:
            log.warning("could not revoke a refused install's token: %s", error_code(error))
        except (SlackClientError, OSError) as error:
            log.warning("could not revoke a refused install's token: %s", type(error).__name__)


def _installed(args: SuccessArgs) -> BoltResponse:
    done = args.installation
    grid = f" (enterprise {done.enterprise_id})" if done.enterprise_id else ""
    log.info("Leverage installed in workspace %s%s", done.team_id, grid)
    return args.default.success(args)


def _not_installed(args: FailureArgs) -> BoltResponse:
    if isinstance(args.error, OrgInstallRefused):
        name = args.error.enterprise_name
        org = f" {html.escape(name)}" if name else ""
        page = _ORG_REFUSED_PAGE.format(org=org, install=html.escape(args.settings.install_path))
        return BoltResponse(
            status=403,
            body=page,
            headers={
                "Content-Type": "text/html; charset=utf-8",
                "Set-Cookie": args.settings.state_utils.build_set_cookie_for_deletion(),
            },
        )
    # Slack's or Bolt's reason code only (access_denied, invalid_state, ...), never the query.
    reason = args.reason if args.reason.isidentifier() else "?"
    log.warning("install not completed: %s", reason)
    return args.default.failure(args)


class Uninstall:
    """``app_uninstalled`` and ``tokens_revoked``: forget the workspace, all of it, at once.

    The deletion runs before the ack (a few rows, one transaction): when the database fails,
    the answer is 503 and Slack delivers the event again, so a workspace is never half
    forgotten nor forgotten without a retry."""

    def __init__(self, store: Store | None, claims: EventClaims) -> None:
        self.store = store
        self.claims = claims

    def uninstalled(self, body: dict[str, Any]) -> BoltResponse | None:
        return self._forget(body, "app_uninstalled")

    def revoked(self, body: dict[str, Any], event: dict[str, Any]) -> BoltResponse | None:
        tokens = event.get("tokens")
        bots = tokens.get("bot") if isinstance(tokens, dict) else None
        if not bots:  # user tokens only: Leverage keeps none, so there is nothing to forget
            log.info("tokens_revoked with no bot token: nothing to forget")
            return None
        return self._forget(body, "tokens_revoked")

    def _forget(self, body: dict[str, Any], why: str) -> BoltResponse | None:
        team, enterprise = body.get("team_id"), body.get("enterprise_id")
        if not isinstance(team, str) or not team:
            log.warning("%s without a team_id: nothing to forget", why)
            return None
        if self.store is None:
            log.warning("%s for %s: no database to forget it from", why, team)
            return None
        try:
            deleted = self.store.delete_team(
                team, enterprise if isinstance(enterprise, str) and enterprise else None
            )
        except StoreError as error:
            log.error(
                "%s for %s: deleting its rows failed (%s); 503, Slack delivers it again",
                why,
                team,
                type(error).__name__,
            )
            self._release(body.get("event_id"))
            return BoltResponse(status=503, body="")
        counts = ", ".join(f"{name} {n}" for name, n in deleted.rows.items() if n)
        log.info(
            "%s: workspace %s forgotten, %d rows deleted (%s)",
            why,
            team,
            deleted.total,
            counts or "none",
        )
        return None

    def _release(self, event_id: object) -> None:
        """Let Slack's retry claim the event again (if the database lets us say so; else
        the claim lapses by itself before the retry comes)."""
        if isinstance(event_id, str):
            with contextlib.suppress(StoreError):
                self.claims.release(event_id)

"""Bare Bolt apps, the baselines of bench_slack and bench_slack_load, served by the same HTTP
front as Leverage (uvicorn, bot/slack/serve.py), so only the app differs:

- default: ``process_before_response=True``, acks /comp with a fixed text;
- ``--default-runner``: Bolt's default runner (its ``ack()`` polling), same fixed text;
- ``--post-in-listener``: ``process_before_response=True`` and a DM answered with
  ``chat.postMessage`` inside the listener, as Leverage did before issue 11: the event's ack
  waits for the Web API.

Run: python -m benchmarks.bare_app PORT [--default-runner | --post-in-listener]
"""

from __future__ import annotations

import sys
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.config import load_settings
from bot.slack.app import quiet_slack_loggers
from bot.slack.serve import serve_http
from bot.slack.work import Work


def main() -> None:
    port = int(sys.argv[1])
    settings = load_settings()
    app = App(
        signing_secret=settings.signing_secret or "",
        client=WebClient(token=settings.bot_token, base_url=settings.api_url or WebClient.BASE_URL),
        process_before_response="--default-runner" not in sys.argv,
        token_verification_enabled=False,
        logger=quiet_slack_loggers(),
    )
    post = "--post-in-listener" in sys.argv

    @app.command("/comp")
    def comp(ack: Ack) -> None:
        ack(text="ok")

    @app.event("message")
    def message(event: dict[str, Any], client: WebClient) -> None:
        if post:
            client.chat_postMessage(channel=event["channel"], text="ok")

    serve_http(
        app,
        signing_secret=settings.signing_secret or "",
        guides=lambda: 1,
        work=Work(1),
        host="127.0.0.1",
        port=port,
    )


if __name__ == "__main__":
    main()

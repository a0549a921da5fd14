"""A bare Bolt app that acks a fixed text: the baseline for bench_slack.

Run: python -m benchmarks.bare_app PORT [--default-runner]
"""

from __future__ import annotations

import sys

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.config import load_settings
from bot.slack.app import quiet_slack_loggers
from bot.slack.serve import serve_http


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

    @app.command("/comp")
    def comp(ack: Ack) -> None:
        ack(text="ok")

    @app.event("message")
    def message() -> None:
        pass

    serve_http(app, port)


if __name__ == "__main__":
    main()

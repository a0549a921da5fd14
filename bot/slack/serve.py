"""Serving the Slack app: Socket Mode, or HTTP on POST /slack/events under gunicorn.

The app, the index and the guides are built once in the parent process before gunicorn forks
its worker, and frozen out of the garbage collector's view, so the worker shares them.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.config import Settings

log = logging.getLogger("leverage.serve")

EVENTS_PATH = "/slack/events"
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def wsgi_app(app: App) -> WSGIApp:
    """Bolt's WSGI adapter on /slack/events, plus GET /healthz for load balancers."""
    handler = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") == "GET":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        return handler(environ, start_response)

    return application


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, application: WSGIApp, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIApp:
        return self.application


def serve_http(app: App, port: int, host: str = "0.0.0.0", threads: int = 8) -> None:
    """Gunicorn, one worker with threads (Bolt's Heroku example); blocks until stopped."""
    gc.freeze()  # the guides live as long as the process; keep them out of every GC pass
    options = {
        "bind": f"{host}:{port}",
        "workers": 1,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 30,
        "graceful_timeout": 5,
        "accesslog": None,  # an access log line carries no payload, but nor does it help here
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "leverage",
    }
    log.info("Leverage listening on http://%s:%d%s", host, port, EVENTS_PATH)
    _Gunicorn(wsgi_app(app), options).run()


def serve_socket_mode(app: App, settings: Settings) -> None:
    gc.freeze()
    log.info("Leverage connecting to Slack in Socket Mode")
    SocketModeHandler(app, settings.app_token).start()  # type: ignore[no-untyped-call]

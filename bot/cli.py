"""The command line: the only module that prints and chooses exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from bot import __version__
from bot.coach import Coach
from bot.coach.replies import OfferReply
from bot.config import Settings, load_settings
from bot.errors import GuideError, LeverageError
from bot.guides import Library, Severity, load_library
from bot.guides.load import GUIDE_SUFFIXES, load_files, read_guide_file
from bot.index.store import load_index
from bot.render.guide_text import render_guide
from bot.render.shapes import ask_json, guide_error_json, guide_json, offer_json
from bot.render.text import render_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Leverage: job-offer negotiation coaching from a folder of guides.",
    )
    parser.add_argument("--version", action="version", version=f"leverage {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = commands.add_parser("lint", help="check every guide and report errors and warnings")
    lint.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="check only these guide files (as a pre-commit hook passes them)",
    )
    _guides_option(lint)
    lint.add_argument("--json", action="store_true", help="print a JSON list of problems")
    lint.set_defaults(run=_lint)

    ask = commands.add_parser("ask", help="answer a question as a direct message would")
    ask.add_argument("text", help='e.g. "what does Segment pay AI CDP engineers in New York?"')
    _guides_option(ask)
    ask.add_argument(
        "--json", action="store_true", help="print intent, status, matches and text as JSON"
    )
    ask.set_defaults(run=_ask)

    offer = commands.add_parser("offer", help="score a pasted offer against its guide")
    offer.add_argument("text", help="the offer as pasted; '-' reads it from standard input")
    offer.add_argument(
        "--guide", metavar="ID", help="guide id, e.g. segment/ai-cdp-platform-engineer"
    )
    offer.add_argument("--region", metavar="R", help="region to score against, e.g. London")
    _guides_option(offer)
    offer.add_argument("--json", action="store_true", help="print the assessment as JSON")
    offer.set_defaults(run=_offer)

    guide = commands.add_parser("guide", help="show how Leverage reads one guide (for its authors)")
    guide.add_argument(
        "guide",
        metavar="ID-or-PATH",
        help="a guide id (segment/ai-cdp-platform-engineer) or a file",
    )
    _guides_option(guide)
    guide.add_argument("--json", action="store_true", help="print what was read as JSON")
    guide.set_defaults(run=_guide)

    chat = commands.add_parser(
        "chat", help="talk to Leverage in the terminal (the default with no Slack tokens)"
    )
    _guides_option(chat)
    chat.set_defaults(run=_chat)

    serve = commands.add_parser(
        "serve",
        help="connect to Slack: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on /slack/events",
    )
    serve.add_argument(
        "--http", action="store_true", help="serve HTTP even if SLACK_APP_TOKEN is set"
    )
    serve.add_argument("--port", type=int, help="HTTP port (default: $PORT, else 3000)")
    serve.add_argument(
        "--host",
        default="0.0.0.0",
        help="HTTP address to listen on (default 0.0.0.0, as platforms such as Heroku need)",
    )
    _guides_option(serve)
    serve.set_defaults(run=_serve)

    generate = commands.add_parser(
        "generate", help="write N synthetic guides (for benchmarks and load tests)"
    )
    generate.add_argument("count", type=int, help="how many guides to write")
    generate.add_argument("folder", type=Path, help="where to write them (created if needed)")
    generate.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    generate.set_defaults(run=_generate)

    workspaces = commands.add_parser(
        "workspaces", help="list the Slack workspaces Leverage is installed in (for operators)"
    )
    workspaces.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of {team_id, team_name, enterprise_id, bot_user_id, installed_at}",
    )
    workspaces.set_defaults(run=_workspaces)

    misses = commands.add_parser(
        "misses", help="what people asked that no guide answers (for guide authors)"
    )
    misses.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of {team_id, company, role, asks, people}, most asked first",
    )
    misses.add_argument(
        "--min-users",
        type=int,
        metavar="K",
        # the number is bot.store.MIN_PEOPLE (not imported here: SQLAlchemy is slow to load)
        help="only misses at least K distinct people hit (default and minimum 3)",
    )
    misses.set_defaults(run=_misses)
    return parser


def _guides_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--guides",
        type=Path,
        metavar="DIR",
        help="folder of guides (default: $GUIDES_DIR, else the bundled seeds/)",
    )


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if not getattr(args, "run", None):
            if settings.has_slack_tokens:
                args = parser.parse_args(["serve"])
            else:
                args = parser.parse_args(["chat"])
        code: int = args.run(args, settings, out)
    except LeverageError as exc:
        print(f"leverage: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `python -m bot lint | head`
        sys.stderr.close()
        return 0
    return code


def _library(args: argparse.Namespace, settings: Settings) -> Library:
    folder = args.guides or settings.guides_dir
    return load_library(folder, settings.cache_dir)


def _coach(args: argparse.Namespace, settings: Settings) -> Coach:
    library, index = load_index(args.guides or settings.guides_dir, settings.cache_dir)
    for problem in library.errors:
        print(f"leverage: skipped {problem.file}: {problem.message}", file=sys.stderr)
    return Coach(index)


def _ask(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    answer = _coach(args, settings).ask(args.text)
    if args.json:
        _dump(ask_json(answer), out)
    else:
        out.write(render_text(answer.reply))
    return 0


def _offer(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    answer = _coach(args, settings).offer(text, guide_id=args.guide, region=args.region)
    if args.json:
        _dump(offer_json(answer), out)
    else:
        out.write(render_text(answer.reply))
    return 0 if isinstance(answer.reply, OfferReply) else 1


def _chat(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.chat import run_chat

    return run_chat(_coach(args, settings), sys.stdin, out)


def _serve(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.config import run_in_utc, withdraw_slack_environment
    from bot.live import LiveCoach
    from bot.slack.app import create_app, quiet_slack_loggers
    from bot.slack.auth import check_app_token, check_bot_token
    from bot.slack.deliver import web_client
    from bot.slack.serve import serve_http
    from bot.slack.socket import serve_socket_mode
    from bot.slack.work import Work
    from bot.store import Store

    run_in_utc()  # before any thread: slack_sdk reads its stored times as local time
    withdraw_slack_environment()  # Settings hold them; Bolt must not read them behind our back
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    quiet_slack_loggers()
    log = logging.getLogger("leverage")
    http = args.http or not settings.socket_mode
    if http:
        settings.require_http()
    else:
        settings.require_socket()
    store = Store.open(settings)  # tables created or migrated before any request
    log.info("database: %s", store.database.url)
    live = LiveCoach.from_settings(settings, folder=args.guides)
    for problem in live.problems:
        if problem.severity is Severity.ERROR:
            log.warning("skipped %s: %s", problem.file, problem.message)
    count = len(live.current.index.guides)
    if count:
        log.info("%d guides loaded from %s", count, live.folder)
    else:
        log.warning("no guides loaded from %s: /healthz reports not ready", live.folder)
    live.start()  # edits to the guides are served without a restart
    client = web_client(None, settings.api_url)
    identity = None
    if settings.oauth:
        log.info(
            "OAuth install: %d workspace(s) installed; new ones through /slack/install",
            len(store.workspaces()),
        )
    else:
        identity = check_bot_token(client, settings.bot_token or "")
        log.info(
            "SLACK_BOT_TOKEN checked: bot %s in team %s", identity.bot_user_id, identity.team_id
        )
    first_url = None if http else check_app_token(client, settings.app_token or "")
    work = Work(settings.work_threads)
    app = create_app(
        settings,
        lambda: live.current,
        client=client,
        identity=identity,
        work=work,
        store=store,
        problems=lambda: live.problems,
    )
    try:
        if http:
            serve_http(
                app,
                signing_secret=settings.signing_secret or "",
                guides=lambda: len(live.current.index.guides),
                work=work,
                host=args.host,
                port=args.port or settings.port,
            )
        else:
            serve_socket_mode(app, settings.app_token or "", client, work, first_url)
    finally:
        live.stop()
        store.close()
    return 0


def _dump(data: object, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _lint(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.guides.lint import lint_library  # an author's tool: serving does not import it

    library = load_files(args.files) if args.files else _library(args, settings)
    problems = lint_library(library, date.today())
    if args.json:
        json.dump([p.as_dict() for p in problems], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for p in problems:
            print(f"{p.file}: {p.severity.value}: {p.message}", file=out)
        errors = sum(p.severity is Severity.ERROR for p in problems)
        warnings = len(problems) - errors
        print(
            f"{len(library.guides)} guide(s) loaded, {errors} error(s), {warnings} warning(s)",
            file=out,
        )
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


def _guide(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """One guide as Leverage reads it: a file on its own, or a guide of the folder by id."""
    from bot.guides.lint import lint_guide, lint_schema

    today = date.today()
    path = Path(args.guide)
    try:
        if path.exists() or path.suffix.lower() in GUIDE_SUFFIXES:
            parsed = read_guide_file(path)
            guide, problems = parsed.guide, list(parsed.problems)
        else:
            library = _library(args, settings)
            found = next((g for g in library.guides if g.id == args.guide.strip("/")), None)
            if found is None:
                raise GuideError(f"no guide with id {args.guide!r} in {library.folder}")
            guide = found
            problems = [p for p in library.problems if p.file == guide.source]
    except GuideError as exc:
        if args.json:
            _dump(guide_error_json(str(path), str(exc)), out)
        else:
            print(f"leverage: {path}: {exc}", file=sys.stderr)
        return 1
    problems += lint_guide(guide, today) + lint_schema(Path(guide.source))
    if args.json:
        _dump(guide_json(guide, problems, today), out)
    else:
        out.write(render_guide(guide, problems, today))
    return 0


def _generate(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.synthetic import write_corpus

    if args.count < 1:
        print("leverage: count must be at least 1", file=sys.stderr)
        return 2
    write_corpus(args.folder, args.count, args.seed)
    print(f"wrote {args.count} guides to {args.folder}", file=out)
    return 0


def _workspaces(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.store import Store

    store = Store.open(settings)
    try:
        found = store.workspaces()
    finally:
        store.close()
    if args.json:
        _dump([w.as_dict() for w in found], out)
        return 0
    for w in found:
        when = f"{w.installed_at:%Y-%m-%d %H:%M} UTC" if w.installed_at else "-"
        grid = f"  enterprise {w.enterprise_id}" if w.enterprise_id else ""
        print(f"{w.team_id or '-'}  {w.team_name or '-'}  installed {when}{grid}", file=out)
    print(f"{len(found)} workspace(s) in {store.database.url}", file=out)
    return 0


def _misses(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.store import MIN_PEOPLE, Store

    least = MIN_PEOPLE if args.min_users is None else args.min_users
    if least < MIN_PEOPLE:
        print(
            f"leverage: --min-users must be at least {MIN_PEOPLE}: "
            "a miss fewer people asked for could point at one person",
            file=sys.stderr,
        )
        return 2
    store = Store.open(settings)
    try:
        store.prune()  # nothing past its retention is listed, however idle the bot was
        found = store.misses.top(min_people=least)
    finally:
        store.close()
    if args.json:
        _dump([m.as_dict() for m in found], out)
        return 0
    if not found:
        print(f"no misses yet that {least} or more people asked for", file=out)
        return 0
    print(f"{'asks':>6} {'people':>6}  {'team':<12} company · role", file=out)
    for m in found:
        what = f"{m.company or '(no company)'} · {m.role or '(no role)'}"
        print(f"{m.asks:>6} {m.people:>6}  {m.team_id:<12} {what}", file=out)
    return 0

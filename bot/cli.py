"""The command line: the only module that prints and chooses exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from bot import __version__
from bot.config import Settings, load_settings
from bot.errors import LeverageError
from bot.guides import Level, Library, load_library
from bot.guides.lint import lint_library


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Leverage: job-offer negotiation coaching from a folder of guides.",
    )
    parser.add_argument("--version", action="version", version=f"leverage {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = commands.add_parser("lint", help="check every guide and report errors and warnings")
    _guides_option(lint)
    lint.add_argument("--json", action="store_true", help="print a JSON list of problems")
    lint.set_defaults(run=_lint)

    generate = commands.add_parser(
        "generate", help="write N synthetic guides (for benchmarks and load tests)"
    )
    generate.add_argument("count", type=int, help="how many guides to write")
    generate.add_argument("folder", type=Path, help="where to write them (created if needed)")
    generate.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    generate.set_defaults(run=_generate)
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
    if not getattr(args, "run", None):
        parser.print_help(out)
        return 0
    try:
        settings = load_settings()
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


def _lint(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    library = _library(args, settings)
    problems = lint_library(library, date.today())
    if args.json:
        json.dump([p.as_dict() for p in problems], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for p in problems:
            print(f"{p.file}: {p.level.value}: {p.message}", file=out)
        errors = sum(p.level is Level.ERROR for p in problems)
        warnings = len(problems) - errors
        print(
            f"{len(library.guides)} guide(s) loaded, {errors} error(s), {warnings} warning(s)",
            file=out,
        )
    return 1 if any(p.level is Level.ERROR for p in problems) else 0


def _generate(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.synthetic import write_corpus

    if args.count < 1:
        print("leverage: count must be at least 1", file=sys.stderr)
        return 2
    write_corpus(args.folder, args.count, args.seed)
    print(f"wrote {args.count} guides to {args.folder}", file=out)
    return 0

"""A folder of guide files -> guides + problems. The only file I/O of the guide library
(with its cache, bot.guides.cache): a bad file is reported with its reason and skipped."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.errors import GuideError
from bot.guides.cache import Entry, cache_file, read_cache, write_cache
from bot.guides.model import Guide, ParsedGuide, Problem, Severity
from bot.guides.parse import MAX_GUIDE_CHARS, parse_guide

GUIDE_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Library:
    """The usable guides of a folder, and what was wrong with the rest."""

    guides: tuple[Guide, ...]
    problems: tuple[Problem, ...]
    folder: Path

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


def guide_files(folder: Path) -> list[Path]:
    """Guide files below ``folder``, sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / name
            for name in sorted(files)
            if name.lower().endswith(GUIDE_SUFFIXES)
            and not name.startswith(".")
            and name.lower() not in {"readme.md", "license.txt"}
        )
    return found


def read_guide_bytes(path: Path) -> bytes:
    """A guide file's bytes, from a regular file only: opened without blocking (a FIFO named
    *.md must not hang start-up), checked on the open descriptor, and capped in size."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise GuideError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise GuideError("not a regular file (a folder, FIFO or device); skipped")
        if info.st_size > MAX_GUIDE_CHARS * 4:
            raise GuideError(f"file is {info.st_size:,} bytes; too large to be a guide")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_GUIDE_CHARS * 4:
                raise GuideError("file grew past the size limit while being read")
        return b"".join(chunks)
    except OSError as exc:
        raise GuideError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_guide_file(path: Path) -> ParsedGuide:
    """One guide file on its own (for `guide PATH`); GuideError says why it cannot be used."""
    return parse_bytes(read_guide_bytes(path), str(path))


def load_files(paths: Iterable[Path]) -> Library:
    """The named guide files as a library (for `lint FILE...`, as a pre-commit hook calls it)."""
    results: list[tuple[str, ParsedGuide | str]] = []
    for path in paths:
        try:
            results.append((str(path), read_guide_file(path)))
        except GuideError as exc:
            results.append((str(path), str(exc)))
    return _assemble(Path("."), results)


def parse_bytes(data: bytes, source: str) -> ParsedGuide:
    """Decode and parse one file's bytes; undecodable UTF-8 is read as cp1252 and warned about."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        problems.append(
            Problem(source, Severity.WARNING, f"not valid UTF-8 (byte {exc.start}); read as cp1252")
        )
    if "\x00" in text:
        raise GuideError("file contains NUL bytes: not a text guide")
    parsed = parse_guide(text, source)
    return ParsedGuide(parsed.guide, tuple(problems) + parsed.problems) if problems else parsed


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic GC: loading allocates ~40 objects a guide and none of them are garbage,
    yet each allocation burst triggers a full scan (5x slower unpickling at 10k guides)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_library(
    folder: Path, cache_dir: Path | None = None, *, workers: int | None = None
) -> Library:
    """Load every guide below ``folder``. Never raises for a bad guide; reports it instead.

    Files unchanged since the cache was written are not read; the rest are parsed, in
    ``workers`` processes when there are many (default: one per CPU).
    """
    folder = Path(folder)
    if not folder.is_dir():
        problem = Problem(
            str(folder), Severity.ERROR, "guides folder does not exist or is not a folder"
        )
        return Library((), (problem,), folder)
    cached_at = cache_file(folder, cache_dir)
    with _no_gc():
        old = read_cache(cached_at)
        entries: dict[str, Entry | str] = {}
        stale: list[_Job] = []
        for path in guide_files(folder):
            name = str(path)
            try:
                info = path.stat()
            except OSError as exc:
                entries[name] = f"cannot read file: {exc.strerror or exc}"
                continue
            if not stat.S_ISREG(info.st_mode):
                entries[name] = "not a regular file (a folder, FIFO or device); skipped"
                continue
            stamp = (info.st_size, info.st_mtime_ns)
            cached = old.get(name)
            if cached is not None and cached[0] == stamp:
                entries[name] = cached
            else:
                entries[name] = ""  # keeps folder order; filled below
                stale.append((name, stamp, cached))
        for (name, _, _), entry in zip(stale, _parse_stale(stale, workers), strict=True):
            entries[name] = entry
        fresh = {name: e for name, e in entries.items() if not isinstance(e, str)}
        if stale or fresh.keys() != old.keys():
            write_cache(cached_at, fresh)
        results = [
            (name, e if isinstance(e, str) else pickle.loads(e[2])) for name, e in entries.items()
        ]
        return _assemble(folder, results)


PARALLEL_MIN_FILES = 256
_Job = tuple[str, tuple[int, int], "Entry | None"]


def _parse_stale(stale: list[_Job], workers: int | None) -> list[Entry | str]:
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(stale) >= PARALLEL_MIN_FILES:
        chunk = max(16, len(stale) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
            return list(pool.map(_load_one, stale, chunksize=chunk))
    return [_load_one(job) for job in stale]


def _load_one(job: _Job) -> Entry | str:
    """Read and parse one file (in a worker process when loading many)."""
    name, stamp, cached = job
    if stamp[0] > MAX_GUIDE_CHARS * 4:
        message = f"file is {stamp[0]:,} bytes; too large to be a guide"
        return stamp, "", pickle.dumps(message)
    try:
        data = read_guide_bytes(Path(name))
    except GuideError as exc:
        return str(exc)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if cached is not None and cached[1] == digest:
        return stamp, digest, cached[2]
    try:
        result: ParsedGuide | str = parse_bytes(data, name)
    except GuideError as exc:
        result = str(exc)
    except Exception as exc:  # the per-file boundary: one bad file never stops a load
        result = (
            f"could not be read ({type(exc).__name__}); this is a bug in Leverage, please report it"
        )
    return stamp, digest, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _assemble(folder: Path, results: Iterable[tuple[str, ParsedGuide | str]]) -> Library:
    guides: list[Guide] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for name, result in results:
        if isinstance(result, str):
            problems.append(Problem(name, Severity.ERROR, result))
            continue
        guide = result.guide
        if guide.id in owners:
            problems.append(
                Problem(
                    name,
                    Severity.ERROR,
                    f"duplicate guide id {guide.id} (also in {owners[guide.id]}); skipped",
                )
            )
            continue
        owners[guide.id] = name
        guides.append(guide)
        problems.extend(result.problems)
    return Library(tuple(guides), tuple(problems), folder)

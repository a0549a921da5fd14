"""A folder of guide files -> guides + problems. The only file I/O of the guide library
(with its cache, bot.guides.cache): a bad file is reported with its reason and skipped.

A warm start reads no guide file and decodes no guide: the Library's lazy_guides are a lazy
sequence over the cache's records, each turned into a Guide when first used (a bot serving
100k guides shows a few). Guides, problems and errors read the same either way.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any, overload

from bot.errors import GuideError
from bot.guides.cache import CacheView, Fresh, cache_file, read_cache, write_cache
from bot.guides.codec import decode, encode
from bot.guides.model import Guide, ParsedGuide, Problem, Severity

GUIDE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_GUIDE_BYTES = 4_000_000  # four bytes a character at the parser's limit
_SKIPPED_NAMES = frozenset({"readme.md", "license.txt"})


class Derived:
    """Something built from all the guides and kept in the same cache (the matching index),
    rebuilt only when a guide or ``version`` changes. A plain base class, not a Protocol:
    typing.Protocol costs a warm start more than the rest of this module."""

    name = "derived"
    version = ""

    def build(self, guides: Sequence[Guide]) -> bytes:
        raise NotImplementedError


class _Results:
    """Each file's result, decoded on first use from the cache or from a fresh parse."""

    def __init__(self, names: list[str], view: CacheView, sources: list[int | bytes]) -> None:
        self.names = names
        self._view = view
        self._sources = sources  # an index into the cache's records, or fresh record bytes
        self._done: list[ParsedGuide | str | None] = [None] * len(names)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.names)

    def get(self, i: int) -> ParsedGuide | str:
        done = self._done[i]
        if done is not None:
            return done
        source = self._sources[i]
        data = self._view.record(source) if isinstance(source, int) else source
        result: ParsedGuide | str | None = None
        if data is not None:
            try:
                result = decode(data)
            except Exception:  # a damaged record (its digest matched by chance): parse again
                result = None
        if result is None:
            result = decode(_load_one((self.names[i], (0, 0), None))[1])
        with self._lock:
            self._done[i] = result
        return result


class LazyGuides(Sequence[Guide]):
    """The usable guides, in folder order, each decoded when first used. Thread-safe for
    readers: two threads decoding the same guide get equal values, and one is kept."""

    def __init__(self, results: _Results, keep: list[int]) -> None:
        self._results = results
        self._keep = keep

    def __len__(self) -> int:
        return len(self._keep)

    @overload
    def __getitem__(self, i: int) -> Guide: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Guide]: ...
    def __getitem__(self, i: int | slice) -> Guide | Sequence[Guide]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        result = self._results.get(self._keep[i])
        assert not isinstance(result, str)
        return result.guide

    def __iter__(self) -> Iterator[Guide]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __add__(self, other: Sequence[Guide]) -> tuple[Guide, ...]:
        return (*self, *other)  # as a tuple of guides would: library.guides + kept

    def __radd__(self, other: Sequence[Guide]) -> tuple[Guide, ...]:
        return (*other, *self)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Library:
    """The usable guides of a folder, and what was wrong with the rest."""

    lazy_guides: Sequence[Guide]  # decoded one by one as they are used (a warm start)
    errors: tuple[Problem, ...]
    folder: Path
    warnings_of: Callable[[], tuple[Problem, ...]] = tuple
    derived: bytes | None = None  # the Derived blob, cached or just built

    @cached_property
    def guides(self) -> tuple[Guide, ...]:
        """Every usable guide, decoded (the index reads ``lazy_guides`` instead)."""
        return tuple(self.lazy_guides)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Errors and warnings, file by file (warnings decode every guide: for lint)."""
        found = [*self.errors, *self.warnings_of()]
        order = {name: i for i, name in enumerate(sorted({p.file for p in found}))}
        return tuple(sorted(found, key=lambda p: order[p.file]))


def guide_files(folder: Path) -> list[Path]:
    """Guide files below ``folder``, sorted, skipping hidden files and folders."""
    return [Path(name) for name, _ in _walk(str(folder))]


def _walk(folder: str) -> list[tuple[str, os.stat_result | None]]:
    """(path, stat) of every candidate guide file below ``folder``, sorted; None when stat fails."""
    found: list[tuple[str, os.stat_result | None]] = []
    try:
        entries = sorted(os.scandir(folder), key=attrgetter("name"))
    except OSError:
        return found
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            found.extend(_walk(entry.path))
        elif name.lower().endswith(GUIDE_SUFFIXES) and name.lower() not in _SKIPPED_NAMES:
            try:
                info: os.stat_result | None = entry.stat()
            except OSError:
                info = None
            found.append((entry.path, info))
    return found


def read_guide_bytes(path: Path) -> bytes:
    """A guide file's bytes, from a regular file only: opened without blocking (a FIFO named
    *.md must not hang start-up), checked on the open descriptor, and capped in size."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except OSError as exc:
        raise GuideError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise GuideError("not a regular file (a folder, FIFO or device); skipped")
        if info.st_size > MAX_GUIDE_BYTES:
            raise GuideError(f"file is {info.st_size:,} bytes; too large to be a guide")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_GUIDE_BYTES:
                raise GuideError("file grew past the size limit while being read")
        return b"".join(chunks)
    except OSError as exc:
        raise GuideError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_guide_file(path: Path) -> ParsedGuide:
    """One guide file on its own (for `guide PATH`); GuideError says why it cannot be used."""
    return parse_bytes(read_guide_bytes(path), str(path))


def read_frontmatter(path: Path) -> dict[str, Any] | None:
    """A guide file's frontmatter as YAML gives it (for lint's schema check), or None."""
    from bot.guides.parse import frontmatter_of

    try:
        return frontmatter_of(read_guide_bytes(path).decode("utf-8-sig", errors="replace"))
    except GuideError:
        return None


def load_files(paths: Iterable[Path]) -> Library:
    """The named guide files as a library (for `lint FILE...`, as a pre-commit hook calls it);
    a README or LICENSE among them is skipped, as in a folder."""
    results: list[tuple[str, ParsedGuide | str]] = []
    for path in paths:
        if path.name.lower() in _SKIPPED_NAMES:
            continue
        try:
            results.append((str(path), read_guide_file(path)))
        except GuideError as exc:
            results.append((str(path), str(exc)))
    names = [name for name, _ in results]
    records: list[int | bytes] = [encode(result) for _, result in results]
    ids = [r.guide.id if isinstance(r, ParsedGuide) else "" for _, r in results]
    return _assemble(Path("."), _Results(names, CacheView(), records), ids)


def parse_bytes(data: bytes, source: str) -> ParsedGuide:
    """Decode and parse one file's bytes; undecodable UTF-8 is read as cp1252 and warned about."""
    from bot.guides.parse import parse_guide  # the parser's imports are paid only on a parse

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
    """Pause the cyclic GC: loading allocates many objects a guide and none of them are
    garbage, yet each allocation burst triggers a full scan."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_library(
    folder: Path,
    cache_dir: Path | None = None,
    *,
    workers: int | None = None,
    derived: Derived | None = None,
) -> Library:
    """Load every guide below ``folder``. Never raises for a bad guide; reports it instead.

    Files unchanged since the cache was written are not read; the rest are parsed, in
    ``workers`` processes when there are many (default: one per CPU). ``derived`` (the
    index) is taken from the cache when no guide changed, else built and cached.
    """
    folder = Path(folder)
    if not folder.is_dir():
        problem = Problem(
            str(folder), Severity.ERROR, "guides folder does not exist or is not a folder"
        )
        return Library((), (problem,), folder)
    cached_at = cache_file(folder, cache_dir)
    with _no_gc():
        view = read_cache(cached_at)
        names: list[str] = []
        sources: list[int | bytes] = []
        ids: list[str] = []
        stamps: list[tuple[int, int]] = []
        contents: dict[int, bytes] = {}  # content digests of files read this time
        stale: list[tuple[int, _Job]] = []
        cached, sizes, mtimes, cached_ids = view.names, view.sizes, view.mtimes, view.ids
        for n, (name, info) in enumerate(_walk(str(folder))):
            names.append(name)
            if info is None or not stat.S_ISREG(info.st_mode):
                why = "cannot read file" if info is None else "not a regular file"
                sources.append(encode(f"{why} (a folder, FIFO or device?); skipped"))
                ids.append("")
                stamps.append((0, 0))
                contents[n] = b""
                continue
            size, mtime = info.st_size, info.st_mtime_ns
            stamps.append((size, mtime))
            i = cached.get(name)
            if i is not None and sizes[i] == size and mtimes[i] == mtime:
                sources.append(i)
                ids.append(cached_ids[i])
            else:
                sources.append(b"")
                ids.append("")
                known = (view.content(i), i) if i is not None else None
                stale.append((n, (name, (size, mtime), known)))
        for (n, (_, _, known)), done in zip(stale, _parse_stale(stale, workers), strict=True):
            read_digest, record, guide_id = done
            if known is not None and read_digest == known[0]:
                sources[n], ids[n] = known[1], view.ids[known[1]]  # touched, not changed
            else:
                sources[n], ids[n] = record, guide_id
            contents[n] = read_digest
        results = _Results(names, view, sources)
        unchanged = not stale and view.order == names

        def content(n: int) -> bytes:
            source = sources[n]
            return contents[n] if n in contents else view.content(source)  # type: ignore[arg-type]

        # Without a cache there is nowhere to keep it: the caller builds what it needs.
        derived = derived if cached_at is not None else None
        blob, rebuilt = _derived(derived, view, names, content, results, ids, unchanged)
        if not unchanged or rebuilt:
            write_cache(
                cached_at,
                (
                    Fresh(
                        names[n],
                        ids[n],
                        *stamps[n],
                        content(n),
                        view.record(s) or encode(results.get(n)) if isinstance(s, int) else s,
                    )
                    for n, s in enumerate(sources)
                ),
                {derived.name: blob} if derived is not None and blob is not None else {},
            )
        library = _assemble(folder, results, ids, blob[2] if blob else None)
        gc.freeze()  # what was loaded lives as long as the process: the GC need not scan it
    return library


def _derived(
    derived: Derived | None,
    view: CacheView,
    names: list[str],
    content: Callable[[int], bytes],
    results: _Results,
    ids: list[str],
    unchanged: bool,
) -> tuple[tuple[str, str, bytes] | None, bool]:
    """The derived blob: the cached one when it was built from these very files by this
    version (checked without hashing 100k digests when no file changed), else built anew."""
    if derived is None:
        return None, False
    cached = view.derived.get(derived.name)
    if unchanged and cached is not None and cached[1] == derived.version:
        return cached, False
    hasher = hashlib.blake2b(derived.version.encode(), digest_size=16)
    for n, name in enumerate(names):
        hasher.update(name.encode())
        hasher.update(content(n))
    fingerprint = hasher.hexdigest()
    if cached is not None and cached[0] == fingerprint:
        return cached, False
    built = derived.build(_assemble(Path("."), results, ids).lazy_guides)
    return (fingerprint, derived.version, built), True


PARALLEL_MIN_FILES = 256
_Job = tuple[str, tuple[int, int], "tuple[bytes, int] | None"]
_Done = tuple[bytes, bytes, str]  # content digest, encoded record, guide id ("" for an error)


def _parse_stale(stale: list[tuple[int, _Job]], workers: int | None) -> list[_Done]:
    jobs = [job for _, job in stale]
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
        from concurrent.futures import ProcessPoolExecutor  # only a cold start needs processes

        chunk = max(16, len(jobs) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
            return list(pool.map(_load_one, jobs, chunksize=chunk))
    return [_load_one(job) for job in jobs]


def _load_one(job: _Job) -> _Done:
    """Read, hash and parse one file (in a worker process when loading many)."""
    name, _, known = job
    try:
        data = read_guide_bytes(Path(name))
    except GuideError as exc:
        return b"", encode(str(exc)), ""
    content = hashlib.blake2b(data, digest_size=16).digest()
    if known is not None and known[0] == content:
        return content, b"", ""  # unchanged content: the cached record stands
    try:
        result: ParsedGuide | str = parse_bytes(data, name)
    except GuideError as exc:
        result = str(exc)
    except Exception as exc:  # the per-file boundary: one bad file never stops a load
        result = (
            f"could not be read ({type(exc).__name__}); this is a bug in Leverage, please report it"
        )
    guide_id = result.guide.id if isinstance(result, ParsedGuide) else ""
    return content, encode(result), guide_id


def _assemble(
    folder: Path, results: _Results, ids: list[str], derived: bytes | None = None
) -> Library:
    """Errors (decoded now: there are few) and the usable guides (decoded when used);
    a second file with the same guide id is an error."""
    errors: list[Problem] = []
    keep: list[int] = []
    owners: dict[str, str] = {}
    pairs = list(enumerate(zip(results.names, ids, strict=True)))
    if "" not in ids and len(set(ids)) == len(ids):
        pairs = []  # the usual folder: every file a guide, no id twice
        keep = list(range(len(ids)))
    for n, (name, guide_id) in pairs:
        if not guide_id:
            result = results.get(n)
            message = result if isinstance(result, str) else "could not be read"
            errors.append(Problem(name, Severity.ERROR, message))
        elif guide_id in owners:
            errors.append(
                Problem(
                    name,
                    Severity.ERROR,
                    f"duplicate guide id {guide_id} (also in {owners[guide_id]}); skipped",
                )
            )
        else:
            owners[guide_id] = name
            keep.append(n)

    def warnings() -> tuple[Problem, ...]:
        found: list[Problem] = []
        for n in keep:
            result = results.get(n)
            if not isinstance(result, str):
                found.extend(result.problems)
        return tuple(found)

    return Library(LazyGuides(results, keep), tuple(errors), folder, warnings, derived)

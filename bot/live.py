"""A Coach that follows its guides folder: edits show up within seconds, without a restart.

A timer (not file-system notifications, which miss changes on Docker and WSL mounts, network
file systems and Kubernetes ConfigMap swaps) stats every file of the folder and hashes the
ones whose stat changed or is too recent to trust (a coarse mtime can hide a second edit:
git's "racy" rule); every ``full_every`` checks it hashes them all. When content changed, a new
library, index and Coach are built on this thread, off the request path, and swapped in with
one assignment: a request reads ``current`` once and is answered wholly by one version.

A guide that loaded before and now fails keeps its last good version (said in the log and in
``problems``; ``lint`` reports the error from the file itself). A folder that cannot be read
keeps everything: an unmounted volume must not empty the bot.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.coach import Coach
from bot.config import Settings
from bot.guides import Guide, Library, Problem, Severity, load_library
from bot.index import GuideIndex

log = logging.getLogger("leverage.live")

RACY_SECONDS = 2.0  # a file whose mtime is this close to when it was hashed is hashed again
FULL_EVERY = 30  # checks between full hashing sweeps (once a minute at the 2 s default)


@dataclass(frozen=True)
class FileState:
    size: int
    mtime_ns: int
    inode: int
    digest: str
    hashed_ns: int  # wall-clock time of the hash, for the racy rule


Snapshot = dict[str, FileState]


@dataclass(frozen=True)
class Generation:
    """One consistent version of the guides: what ``current`` serves."""

    coach: Coach
    library: Library
    kept: tuple[Guide, ...]  # last good versions standing in for files that now fail
    number: int
    loaded_at: float  # time.time()

    @property
    def problems(self) -> tuple[Problem, ...]:
        notes = tuple(
            Problem(g.source, Severity.WARNING, f"serving the last good version of {g.id}")
            for g in self.kept
        )
        return self.library.problems + notes


class ScanError(OSError):
    """A folder could not be listed; nothing is reloaded from a partial view."""


class LiveCoach:
    """``current`` is the Coach to answer with; ``check()`` reloads when guides changed;
    ``start()`` runs ``check()`` on a timer thread (one per process, restarted after a fork)."""

    def __init__(
        self,
        folder: Path,
        cache_dir: Path | None = None,
        *,
        interval: float = 2.0,
        full_every: int = FULL_EVERY,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.folder = Path(folder)
        self.cache_dir = cache_dir
        self.interval = interval
        self.full_every = max(1, full_every)
        self._today = today
        self._lock = threading.Lock()  # one check at a time (the timer, a test, an operator)
        self._start_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._restart = False  # set in a forked child whose parent ran the timer
        self._checks = 0
        self._last_scan_error: str | None = None
        ref = weakref.ref(self)

        def after_fork() -> None:
            live = ref()
            if live is not None:
                live._after_fork()

        os.register_at_fork(after_in_child=after_fork)
        try:
            self._snapshot = scan(self.folder, {})
        except ScanError:
            self._snapshot = {}  # load_library reports the folder; the timer keeps looking
        library = load_library(self.folder, cache_dir)
        self._generation = Generation(self._coach(library.guides), library, (), 1, time.time())

    @classmethod
    def from_settings(cls, settings: Settings, folder: Path | None = None) -> LiveCoach:
        """The guides folder (``folder``, else GUIDES_DIR), its cache, LEVERAGE_RELOAD_SECONDS."""
        return cls(
            folder or settings.guides_dir, settings.cache_dir, interval=settings.reload_seconds
        )

    # -- what requests read ------------------------------------------------------------

    @property
    def generation(self) -> Generation:
        if self._restart:
            self.start()  # forked (gunicorn workers): the timer thread stayed in the parent
        return self._generation

    @property
    def current(self) -> Coach:
        """Read once per request; the object never changes under the caller."""
        return self.generation.coach

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.generation.problems

    # -- reloading ---------------------------------------------------------------------

    def check(self) -> bool:
        """Look once; rebuild and swap if any guide file was added, changed or removed.
        True when a new version is being served."""
        with self._lock:
            self._checks += 1
            full = self._checks % self.full_every == 0
            try:
                snapshot = scan(self.folder, {} if full else self._snapshot)
            except ScanError as exc:
                if str(exc) != self._last_scan_error:  # once per distinct failure, not per tick
                    log.error(
                        "cannot read the guides folder %s (%s); keeping the %d guides loaded",
                        self.folder,
                        exc,
                        len(self._generation.coach.index.guides),
                    )
                self._last_scan_error = str(exc)
                return False
            self._last_scan_error = None
            old = self._snapshot
            added = snapshot.keys() - old.keys()
            removed = old.keys() - snapshot.keys()
            changed = {
                p for p in snapshot.keys() & old.keys() if snapshot[p].digest != old[p].digest
            }
            if not (added or removed or changed):
                self._snapshot = snapshot
                return False
            # load_library's cache trusts size and mtime; content that changed under the same
            # stat has to be read afresh.
            same_stat = any(
                (snapshot[p].size, snapshot[p].mtime_ns) == (old[p].size, old[p].mtime_ns)
                for p in changed
            )
            swapped = self._reload(None if same_stat else self.cache_dir)
            self._snapshot = snapshot
            if swapped:
                log.info(
                    "guides reloaded: %d added, %d changed, %d removed; serving %d guides",
                    len(added),
                    len(changed),
                    len(removed),
                    len(self._generation.coach.index.guides),
                )
            return swapped

    def _reload(self, cache_dir: Path | None) -> bool:
        # One worker: this runs on a thread beside request threads, where forking a process
        # pool is unsafe; few files change at a time, and those are all that get parsed.
        library = load_library(self.folder, cache_dir, workers=1)
        folder_error = next((p for p in library.errors if p.file == str(self.folder)), None)
        if folder_error is not None:
            log.error("%s: %s; keeping the guides loaded", folder_error.file, folder_error.message)
            return False
        kept = self._last_good(library)
        serving = len(self._generation.coach.index.guides)
        if serving and not library.guides and not kept:
            log.error("no guides left in %s; keeping the %d loaded", self.folder, serving)
            return False
        for problem in library.errors:
            log.warning("%s: %s", problem.file, problem.message)
        for guide in kept:
            log.warning("%s: serving the last good version of %s", guide.source, guide.id)
        guides = library.guides + kept
        self._generation = Generation(  # the swap: one reference assignment
            self._coach(guides), library, kept, self._generation.number + 1, time.time()
        )
        return True

    def _last_good(self, library: Library) -> tuple[Guide, ...]:
        """Guides served before whose file still exists but now fails to load."""
        failing = {p.file for p in library.errors}
        loaded = {g.id for g in library.guides}
        previous = self._generation.coach.index.guides
        return tuple(
            g
            for g in previous
            if g.source in failing and g.id not in loaded and Path(g.source).exists()
        )

    def _coach(self, guides: tuple[Guide, ...]) -> Coach:
        return Coach(GuideIndex(guides), today=self._today)

    # -- the timer ---------------------------------------------------------------------

    def start(self) -> None:
        """Check every ``interval`` seconds on a daemon thread (no-op when interval is 0)."""
        with self._start_lock:
            self._restart = False
            if self.interval <= 0 or (self._thread is not None and self._thread.is_alive()):
                return
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._run, name="leverage-guides", daemon=True)
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        self._thread = None

    def _after_fork(self) -> None:
        """In a forked child: the locks may have been held by a thread that did not come
        along, and the timer did not; restart it on first use."""
        self._lock = threading.Lock()
        self._start_lock = threading.Lock()
        self._restart = self._thread is not None and not self._stop.is_set()
        self._thread = None

    def _run(self) -> None:
        stop = self._stop
        while not stop.wait(self.interval):
            try:
                self.check()
            except Exception:  # the thread's boundary: a bug here must not end reloading
                log.exception("checking the guides folder failed; will try again")


def scan(folder: Path, previous: Snapshot) -> Snapshot:
    """Every file below ``folder`` (hidden ones skipped, as the loader does) with its stat
    and content hash; hashes of ``previous`` are reused where the stat is unchanged and old
    enough to be trusted. Raises ScanError when any folder cannot be listed."""
    found: Snapshot = {}
    now = time.time_ns()
    racy_ns = int(RACY_SECONDS * 1e9)
    folders = [str(folder)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                listed = [e for e in entries if not e.name.startswith(".")]
        except OSError as exc:
            raise ScanError(str(exc)) from None
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):  # as the loader walks: no loops
                    folders.append(entry.path)
                    continue
                info = entry.stat()  # follows symlinks: a ConfigMap swap changes the target
                old = previous.get(entry.path)
                if (
                    old is not None
                    and (old.size, old.mtime_ns, old.inode)
                    == (info.st_size, info.st_mtime_ns, info.st_ino)
                    and old.hashed_ns - info.st_mtime_ns > racy_ns
                ):
                    found[entry.path] = old
                    continue
                with open(entry.path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "blake2b").hexdigest()
            except OSError:
                continue  # vanished or unreadable: the loader reports it if it matters
            found[entry.path] = FileState(info.st_size, info.st_mtime_ns, info.st_ino, digest, now)
    return found

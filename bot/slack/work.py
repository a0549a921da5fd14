"""Work after the ack: one thread pool, sized on purpose, for everything that calls Slack.

Slack wants an event acknowledged at once and counts a late ack as a failed delivery, so a
listener only decides what to do and hands the doing (the coach, the Web API calls with
their rate-limit waits and fallbacks) to this pool. Its threads spend their time waiting on
Slack, not on the CPU, so there are many (32 by default, ``LEVERAGE_WORK_THREADS``): with a
Web API that takes 2 s a call, 32 threads still post 16 answers a second while requests keep
being acknowledged by other threads. Beyond ``max_pending`` waiting jobs the app answers
503 to new events (Slack delivers them again later) rather than queue without end.

A second, small lane takes the jobs that must start within seconds whatever the pool is
doing: ``views.open`` with a ``trigger_id`` that Slack honours for 3 s only. Behind 32 DMs
waiting on a slow ``chat.postMessage`` the Edit button would otherwise open nothing.

SIGTERM drains the pool: jobs already acknowledged are finished before the process exits.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger("leverage.slack")

Job = Callable[[], None]


def code_path(error: BaseException) -> str:
    """Where an exception was raised, innermost first ("coach.py:88 < listeners.py:140"): the
    type and the code path say what failed; the message may quote a payload, so it is left out."""
    frames = traceback.extract_tb(error.__traceback__)
    return " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames[-4:])) or "?"


class Work:
    def __init__(self, threads: int = 32, max_pending: int = 1000, prompt_threads: int = 4) -> None:
        self.threads = threads
        self.max_pending = max_pending
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="work")
        self._prompt = ThreadPoolExecutor(max_workers=prompt_threads, thread_name_prefix="prompt")
        self._pending = 0
        self._closed = False
        self._idle = threading.Condition()

    @property
    def executor(self) -> Executor:
        """The pool itself, for Bolt's ``listener_executor`` (lazy listeners run here too)."""
        return self._executor

    @property
    def pending(self) -> int:
        with self._idle:
            return self._pending

    def has_room(self) -> bool:
        with self._idle:
            return not self._closed and self._pending < self.max_pending

    def submit(
        self, path: str, job: Job, on_crash: Job | None = None, *, prompt: bool = False
    ) -> bool:
        """Run ``job`` after the ack. ``path`` names it in the log; ``on_crash`` tells the user
        when the job raises, so a bug is never a silence; ``prompt`` puts it in the lane that
        a busy pool cannot hold up. False when the pool is closed."""
        with self._idle:
            if self._closed:
                log.error("work refused after shutdown began (%s)", path)
                return False
            self._pending += 1
        (self._prompt if prompt else self._executor).submit(self._run, path, job, on_crash)
        return True

    def _run(self, path: str, job: Job, on_crash: Job | None) -> None:
        try:
            job()
        except Exception as error:
            log.error("%s failed: %s at %s", path, type(error).__name__, code_path(error))
            if on_crash is not None:
                try:
                    on_crash()
                except Exception as again:
                    log.error("%s: telling the user failed too: %s", path, type(again).__name__)
        finally:
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until no job is waiting or running (tests and draining)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
            return True

    def drain(self, timeout: float = 25.0) -> bool:
        """Refuse new work, finish what was acknowledged (within ``timeout``), stop the pool."""
        with self._idle:
            self._closed = True
            waiting = self._pending
        if waiting:
            log.info("draining %d job(s) already acknowledged", waiting)
        finished = self.wait_idle(timeout)
        if not finished:
            log.error("shutdown: %d job(s) still running after %.0f s", self.pending, timeout)
        for executor in (self._executor, self._prompt):
            executor.shutdown(wait=False, cancel_futures=not finished)
        return finished

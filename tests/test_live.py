"""Guides that change without a restart: noticed by stat and hash, swapped in whole."""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.coach import Coach
from bot.live import LiveCoach, scan
from tests.conftest import BROKEN, GUIDES

STRIPE = "stripe/backend-engineer"
STRIPE_FILE = "stripe-backend-engineer.md"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "guides"
    shutil.copytree(GUIDES, target)
    return target


def sf_base_low(coach: Coach) -> float:
    guide = coach.index.get(STRIPE)
    assert guide is not None
    band = guide.band("San Francisco")
    assert band is not None and band.base is not None
    return band.base.low


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_guide_is_served_and_requests_in_flight_keep_theirs(folder: Path) -> None:
    live = LiveCoach(folder)
    before = live.current  # what a request in flight holds
    assert sf_base_low(before) == 185000
    edit(folder / STRIPE_FILE, "base_low: 185000", "base_low: 195000")
    assert live.check()
    assert sf_base_low(live.current) == 195000
    assert sf_base_low(before) == 185000 and before is not live.current
    assert live.generation.number == 2
    assert not live.check()  # nothing new: no rebuild


def test_added_and_removed_guides(folder: Path) -> None:
    live = LiveCoach(folder)
    count = len(live.current.index.guides)
    (folder / "sub").mkdir()
    added = folder / "sub" / "stripe-copy.md"
    text = (folder / STRIPE_FILE).read_text(encoding="utf-8")
    added.write_text(text.replace("company: Stripe", "company: Stripey"), encoding="utf-8")
    assert live.check()
    assert live.current.index.get("stripey/backend-engineer") is not None
    (folder / STRIPE_FILE).unlink()
    assert live.check()
    assert live.current.index.get(STRIPE) is None
    assert len(live.current.index.guides) == count


def test_a_touch_alone_rebuilds_nothing(folder: Path) -> None:
    live = LiveCoach(folder)
    os.utime(folder / STRIPE_FILE, None)
    assert not live.check()
    assert live.generation.number == 1


def test_a_broken_edit_keeps_the_last_good_version_and_says_so(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    live = LiveCoach(folder)
    shutil.copy(BROKEN / "yaml-syntax.md", folder / STRIPE_FILE)
    with caplog.at_level(logging.WARNING, logger="leverage.live"):
        assert live.check()
    assert sf_base_low(live.current) == 185000  # the last good version
    path = str(folder / STRIPE_FILE)
    problems = {(p.file, p.severity.value, p.message) for p in live.problems}
    assert (path, "warning", f"serving the last good version of {STRIPE}") in problems
    assert any(f == path and level == "error" for f, level, _ in problems)
    assert f"{path}: serving the last good version of {STRIPE}" in caplog.text
    # lint reads the file itself, so the author sees the error
    out = io.StringIO()
    assert main(["lint", "--guides", str(folder)], out) == 1
    assert f"{path}: error:" in out.getvalue()
    # fixed: the new version replaces the kept one
    shutil.copy(GUIDES / STRIPE_FILE, folder / STRIPE_FILE)
    edit(folder / STRIPE_FILE, "base_low: 185000", "base_low: 190000")
    assert live.check()
    assert sf_base_low(live.current) == 190000 and not live.generation.kept


def test_an_edit_under_the_same_stat_is_caught_by_the_hash(folder: Path, tmp_path: Path) -> None:
    """Same size, same mtime (a coarse clock, a copy that keeps times): the stat says nothing,
    the content hash does, and the loader's stat-keyed cache is bypassed."""
    live = LiveCoach(folder, tmp_path / "cache", full_every=1)
    path = folder / STRIPE_FILE
    info = path.stat()
    edit(path, "base_low: 185000", "base_low: 175000")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    assert live.check()
    assert sf_base_low(live.current) == 175000


def test_hashes_are_reused_only_for_files_old_enough_to_trust(folder: Path) -> None:
    path = str(folder / STRIPE_FILE)
    os.utime(path, None)  # just written
    first = scan(folder, {})
    again = scan(folder, first)
    assert again[path] is not first[path]  # mtime too close to the hash to trust it
    assert again[path].digest == first[path].digest
    old = time.time() - 60
    for name in first:
        os.utime(name, (old, old))
    settled = scan(folder, {})
    assert scan(folder, settled)[path] is settled[path]


def test_a_missing_or_empty_folder_keeps_the_guides(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    live = LiveCoach(folder)
    count = len(live.current.index.guides)
    moved = folder.with_name("away")
    folder.rename(moved)
    with caplog.at_level(logging.ERROR, logger="leverage.live"):
        assert not live.check()
        assert not live.check()
    assert len(live.current.index.guides) == count
    assert caplog.text.count("cannot read the guides folder") == 1  # once, not every tick
    folder.mkdir()  # an empty mount point
    assert not live.check()
    assert len(live.current.index.guides) == count
    for item in moved.iterdir():
        item.rename(folder / item.name)
    edit(folder / STRIPE_FILE, "base_low: 185000", "base_low: 186000")
    assert live.check()
    assert sf_base_low(live.current) == 186000


def test_the_timer_notices_within_seconds(folder: Path) -> None:
    live = LiveCoach(folder, interval=0.1)
    live.start()
    assert live.running
    try:
        edit(folder / STRIPE_FILE, "base_low: 185000", "base_low: 199000")
        deadline = time.monotonic() + 10
        while sf_base_low(live.current) != 199000 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sf_base_low(live.current) == 199000
    finally:
        live.stop()
    assert not live.running


def test_readers_never_see_a_half_built_index(folder: Path) -> None:
    """Readers hammer ``current`` while the folder flips between two versions: every coach
    they get holds one version whole (all guides, one figure), never a mix or a gap."""
    live = LiveCoach(folder)
    count = len(live.current.index.guides)
    seen: set[tuple[int, float]] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            coach = live.current
            seen.add((len(coach.index.guides), sf_base_low(coach)))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for r in readers:
        r.start()
    try:
        for i in range(4):
            old, new = ("185000", "187000") if i % 2 == 0 else ("187000", "185000")
            edit(folder / STRIPE_FILE, f"base_low: {old}", f"base_low: {new}")
            assert live.check()
    finally:
        stop.set()
        for r in readers:
            r.join()
    assert seen <= {(count, 185000), (count, 187000)}
    assert (count, 187000) in seen


def _after_fork(live: LiveCoach, path: str, out: Any) -> None:
    edit(Path(path), "base_low: 185000", "base_low: 181000")
    live.current  # first use in the child restarts the timer  # noqa: B018
    deadline = time.monotonic() + 10
    while sf_base_low(live.current) != 181000 and time.monotonic() < deadline:
        time.sleep(0.05)
    out.put(sf_base_low(live.current))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")
def test_a_forked_worker_runs_its_own_timer(folder: Path) -> None:
    """gunicorn forks workers after the app is built: the timer thread stays behind in the
    parent, so each worker starts its own on first use."""
    live = LiveCoach(folder, interval=0.1)
    live.start()
    live.stop()  # the parent's timer is not what the child relies on
    live.start()
    try:
        context = multiprocessing.get_context("fork")
        out = context.Queue()
        child = context.Process(target=_after_fork, args=(live, str(folder / STRIPE_FILE), out))
        child.start()
        assert out.get(timeout=30) == 181000
        child.join(timeout=10)
    finally:
        live.stop()


def test_settings_choose_the_folder_and_the_interval(folder: Path) -> None:
    from bot.config import load_settings

    settings = load_settings({"GUIDES_DIR": str(folder), "LEVERAGE_RELOAD_SECONDS": "0"})
    live = LiveCoach.from_settings(settings)
    assert live.folder == folder and live.interval == 0
    live.start()  # 0: off
    assert not live.running


def test_a_configmap_swap_is_noticed(tmp_path: Path) -> None:
    """Kubernetes mounts a ConfigMap as symlinks through a hidden ..data link, then swaps that
    link to a new folder in one rename: no file is written where the watcher looks, and the
    new files may carry the same size and times. The inode behind the link changes."""
    folder = tmp_path / "mount"
    folder.mkdir()
    text = (GUIDES / STRIPE_FILE).read_text(encoding="utf-8")
    versions = []
    for i, figure in enumerate(("185000", "175000")):
        version = folder / f"..v{i}"
        version.mkdir()
        (version / STRIPE_FILE).write_text(text.replace("base_low: 185000", f"base_low: {figure}"))
        os.utime(version / STRIPE_FILE, ns=(1_700_000_000 * 10**9,) * 2)
        versions.append(version)
    (folder / "..data").symlink_to(versions[0].name)
    (folder / STRIPE_FILE).symlink_to(Path("..data") / STRIPE_FILE)
    live = LiveCoach(folder, tmp_path / "cache")
    assert sf_base_low(live.current) == 185000
    (folder / "..data_tmp").symlink_to(versions[1].name)
    (folder / "..data_tmp").rename(folder / "..data")
    assert live.check()
    assert sf_base_low(live.current) == 175000


@pytest.mark.parametrize(
    ("value", "message"),
    [("soon", "a number of seconds"), ("-1", "between 0"), ("nan", "between 0")],
)
def test_a_bad_reload_interval_names_the_variable(value: str, message: str) -> None:
    from bot.config import load_settings
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match=f"LEVERAGE_RELOAD_SECONDS must be {message}"):
        load_settings({"LEVERAGE_RELOAD_SECONDS": value})

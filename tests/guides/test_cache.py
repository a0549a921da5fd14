"""The guide cache cannot be turned against the service: data only, private files only, and a
damaged cache is treated as absent."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.guides import load_library
from bot.guides.cache import cache_file
from tests.conftest import GUIDES, ROOT


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(GUIDES, tmp_path / "guides")
    return tmp_path / "guides"


def the_cache(folder: Path, cache: Path) -> Path:
    path = cache_file(folder, cache)
    assert path is not None and path.exists()
    return path


def test_the_cache_is_data_not_a_pickle(folder: Path, tmp_path: Path) -> None:
    load_library(folder, tmp_path / "c")
    data = the_cache(folder, tmp_path / "c").read_bytes()
    assert data.startswith(b"LEVERAGE-GUIDE-CACHE 3\n")
    with pytest.raises(Exception):  # noqa: B017 - whatever pickle makes of it, not a cache
        assert not isinstance(pickle.loads(data), dict)


def test_a_planted_pickle_is_never_run(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    load_library(folder, cache)
    path = the_cache(folder, cache)
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    path.write_bytes(pickle.dumps({"x": Exploit()}))
    os.chmod(path, 0o600)
    library = load_library(folder, cache)
    assert len(library.guides) == 8
    assert not marker.exists()


@pytest.mark.parametrize("where", [0, 30, 200, 0.5, -200, -1])
def test_one_flipped_byte_is_a_rebuild_with_one_log_line(
    folder: Path, tmp_path: Path, where: float, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "c"
    first = load_library(folder, cache)
    path = the_cache(folder, cache)
    data = bytearray(path.read_bytes())
    at = int(len(data) * where) if isinstance(where, float) else where
    data[at] ^= 0x40
    path.write_bytes(bytes(data))
    os.chmod(path, 0o600)
    with caplog.at_level(logging.WARNING, logger="leverage.cache"):
        again = load_library(folder, cache)
        assert list(again.guides) == list(first.guides)
        assert again.problems == first.problems
    assert len(caplog.records) == 1, [r.message for r in caplog.records]
    assert "damaged" in caplog.records[0].message


def test_a_cache_others_can_write_is_ignored(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    load_library(folder, cache)
    path = the_cache(folder, cache)
    os.chmod(path, 0o666)
    stamp = path.stat().st_mtime_ns
    assert len(load_library(folder, cache).guides) == 8
    assert path.stat().st_mode & 0o077 == 0, "rewritten as a private file"
    assert path.stat().st_mtime_ns >= stamp


def test_a_symlinked_cache_is_not_followed(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    load_library(folder, cache)
    path = the_cache(folder, cache)
    elsewhere = tmp_path / "elsewhere.cache"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    library = load_library(folder, cache)
    assert len(library.guides) == 8
    assert not path.is_symlink(), "replaced by a real file of ours"


def test_cache_files_are_private(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    load_library(folder, cache)
    assert the_cache(folder, cache).stat().st_mode & 0o077 == 0


def test_a_warm_start_reads_no_guide_and_imports_no_parser(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    load_library(folder, cache)
    code = (
        "import sys; from pathlib import Path; from bot.guides import load_library; "
        f"lib = load_library(Path({str(folder)!r}), Path({str(cache)!r})); "
        "assert len(lib.guides) == 8; "
        "heavy = [m for m in ('bot.guides.parse', 'ftfy', 'frontmatter', 'yaml') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"


def test_caches_of_other_parser_versions_are_removed(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    load_library(folder, cache)
    path = the_cache(folder, cache)
    older = path.with_name(path.name.replace(path.name.split("-")[1], "000000000000"))
    older.write_bytes(b"old")
    pickle_v1 = older.with_suffix(".pickle")
    pickle_v1.write_bytes(b"older")
    other_folder = cache / "guides-000000000000-ffffffffffffffff.cache"
    other_folder.write_bytes(b"another folder's")
    (folder / "strive-backend-engineer.md").touch()
    os.utime(folder / "strive-backend-engineer.md", ns=(5, 5))
    load_library(folder, cache)
    assert not older.exists() and not pickle_v1.exists()
    assert other_folder.exists() and path.exists()

"""Loading a folder: good guides load, broken ones are named and skipped, the cache is honest."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.guides import Severity, load_library
from bot.guides.load import guide_files
from tests.conftest import BROKEN, GUIDES


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    shutil.copytree(GUIDES, folder)
    for broken in BROKEN.iterdir():
        shutil.copy(broken, folder / broken.name)
    (folder / "nul.md").write_bytes(b"---\ncompany: a\x00\nrole: b\n---\n")
    (folder / "latin1.md").write_bytes(
        "---\ncompany: cafe\nrole: barista\n---\nCaf\xe9 levers\n".encode("latin-1")
    )
    (folder / "zz-duplicate.md").write_bytes((GUIDES / "strive-backend-engineer.md").read_bytes())
    (folder / ".hidden.md").write_text("---\ncompany: x\nrole: y\n---\n")
    (folder / "notes.json").write_text("{}")
    return folder


def test_mixed_folder_loads_every_good_guide_and_names_every_broken_one(mixed: Path) -> None:
    library = load_library(mixed)
    ids = {g.id for g in library.guides}
    assert ids == {
        "amazon/sde-ii",
        "flipkart/sde-2",
        "google/senior-software-engineer",
        "meta/machine-learning-engineer",
        "segment/ai-cdp-platform-engineer",
        "segment/data-engineer",
        "stripe/backend-engineer",
        "strive/backend-engineer",
        "cafe/barista",
    }
    errors = {Path(p.file).name: p.message for p in library.errors}
    assert set(errors) == {
        *(p.name for p in BROKEN.iterdir()),
        "nul.md",
        "zz-duplicate.md",
    }
    assert "NUL bytes" in errors["nul.md"]
    assert errors["zz-duplicate.md"].startswith("duplicate guide id strive/backend-engineer")
    latin1 = [p for p in library.problems if p.file.endswith("latin1.md")]
    assert {p.severity for p in latin1} == {Severity.WARNING}
    assert any("not valid UTF-8 (byte 39); read as cp1252" in p.message for p in latin1)
    cafe = next(g for g in library.guides if g.id == "cafe/barista")
    assert "Café levers" in cafe.body


def test_hidden_and_non_guide_files_are_ignored(mixed: Path) -> None:
    names = {p.name for p in guide_files(mixed)}
    assert ".hidden.md" not in names and "notes.json" not in names


def test_missing_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    library = load_library(tmp_path / "nope")
    assert library.guides == ()
    assert "does not exist" in library.errors[0].message


def test_cache_reuses_unchanged_files_and_reparses_changed_ones(tmp_path: Path) -> None:
    folder = tmp_path / "guides"
    shutil.copytree(GUIDES, folder)
    cache = tmp_path / "cache"
    first = load_library(folder, cache)
    assert list(cache.iterdir()), "a cache file is written"
    second = load_library(folder, cache)
    assert [g.id for g in second.guides] == [g.id for g in first.guides]
    assert second.guides == first.guides

    target = folder / "strive-backend-engineer.md"
    target.write_text(target.read_text().replace("Strive", "Strive Money"))
    third = load_library(folder, cache)
    strive = next(g for g in third.guides if g.id == "strive/backend-engineer")
    assert strive.company_display == "Strive Money"

    target.unlink()
    fourth = load_library(folder, cache)
    assert "strive/backend-engineer" not in {g.id for g in fourth.guides}


def test_touched_but_identical_file_keeps_its_parse(tmp_path: Path) -> None:
    folder = tmp_path / "guides"
    shutil.copytree(GUIDES, folder)
    cache = tmp_path / "cache"
    load_library(folder, cache)
    target = folder / "meta-machine-learning-engineer.md"
    os.utime(target, ns=(1, 1))
    again = load_library(folder, cache)
    assert any(g.id == "meta/machine-learning-engineer" for g in again.guides)


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_library(GUIDES, cache)
    for f in cache.iterdir():
        f.write_bytes(b"not a pickle")
    assert len(load_library(GUIDES, cache).guides) == 8


def test_parallel_and_serial_loading_agree(tmp_path: Path) -> None:
    from bot.synthetic import write_corpus

    write_corpus(tmp_path / "g", 300, seed=3)
    serial = load_library(tmp_path / "g", workers=1)
    parallel = load_library(tmp_path / "g", workers=2)
    assert len(serial.guides) == 300
    assert serial.guides == parallel.guides
    assert serial.problems == parallel.problems

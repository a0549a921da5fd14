"""The index kept in the guide cache answers exactly as one built from the guides, and a warm
start decodes no guide until a lookup returns it."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.guides.codec import unpack
from bot.index import GuideIndex
from bot.index.store import load_index
from bot.synthetic import write_corpus
from tests.conftest import GUIDES

QUERIES = [
    "segment cdp london",
    "sgement ai platfrom engineer",
    "amazon sde 2 seattle",
    "google L5 zurich",
    "meta E5 equivalent at segment",
    "backend engineer",
    "airbnb staff engineer",
    "twilio",
    "flipkart sde ii bangalore",
]


def answers(index: GuideIndex, queries: list[str]) -> list[object]:
    out = []
    for q in queries:
        r = index.lookup(q)
        out.append((r.status, [(c.guide.id, c.score) for c in r.candidates], r.region, r.level))
    return out


def test_a_warm_index_answers_as_a_built_one(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    shutil.copytree(GUIDES, folder)
    write_corpus(folder / "more", 300, seed=5)
    cache = tmp_path / "c"
    _, cold = load_index(folder, cache)
    library, warm = load_index(folder, cache)
    assert library.derived is not None
    built = GuideIndex(list(library.guides))
    assert answers(warm, QUERIES) == answers(cold, QUERIES) == answers(built, QUERIES)
    assert all(warm.get(g.id) == g for g in library.guides)


def test_a_warm_start_decodes_only_what_a_lookup_returns(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    write_corpus(folder, 300, seed=6)
    cache = tmp_path / "c"
    load_index(folder, cache)
    library, index = load_index(folder, cache)
    decoded = library.lazy_guides._results._done  # type: ignore[attr-defined]
    assert all(d is None for d in decoded)
    result = index.lookup(index.guides[0].title)
    assert result.candidates
    assert 0 < sum(d is not None for d in decoded) <= 8


def test_a_changed_guide_rebuilds_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    shutil.copytree(GUIDES, folder)
    cache = tmp_path / "c"
    load_index(folder, cache)
    target = folder / "strive-backend-engineer.md"
    target.write_text(target.read_text().replace("company: strive", "company: strivex"))
    _, index = load_index(folder, cache)
    assert index.get("strivex/backend-engineer") is not None
    assert index.get("strive/backend-engineer") is None


def test_the_state_is_plain_data(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    shutil.copytree(GUIDES, folder)
    library, _ = load_index(folder, tmp_path / "c")
    assert isinstance(unpack(library.derived or b""), dict)

"""The index kept in the guide cache: built once from the guides, read back on a warm start
without decoding a single guide (bot.guides.load keeps them lazy), rebuilt when a guide, the
matching code or the place names change."""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import msgpack

from bot.guides.codec import pack, unpack
from bot.guides.load import Derived, Library, load_library
from bot.guides.model import Guide
from bot.index.index import GuideIndex

log = logging.getLogger("leverage.cache")

# The code whose output the cached index is: a change to any of it rebuilds the index.
_INDEX_SOURCES = ("index", "prose")


@lru_cache(maxsize=1)
def index_version() -> str:
    package = Path(__file__).resolve().parent.parent
    hasher = hashlib.blake2b(b"index 1", digest_size=8)
    for name in _INDEX_SOURCES:
        for module in sorted((package / name).glob("*.py")):
            hasher.update(module.read_bytes())
    return hasher.hexdigest()


class _IndexBlob(Derived):
    """The Derived the loader caches: the index's state, and the index itself when it was just
    built (so a cold start does not build it twice)."""

    name = "index"

    def __init__(self) -> None:
        self.version = index_version()
        self.built: GuideIndex | None = None

    def build(self, guides: Sequence[Guide]) -> bytes:
        self.built = GuideIndex(guides)
        return pack(self.built.state())


def load_index(
    folder: Path, cache_dir: Path | None = None, *, workers: int | None = None
) -> tuple[Library, GuideIndex]:
    """The guides of ``folder`` and their index, both from the cache when nothing changed."""
    blob = _IndexBlob()
    library = load_library(folder, cache_dir, workers=workers, derived=blob)
    index = blob.built
    if index is None and library.derived is not None:
        try:
            index = GuideIndex.from_state(unpack(library.derived), library.lazy_guides)
        except (KeyError, TypeError, ValueError, IndexError, msgpack.UnpackException):
            log.warning("cached index for %s does not fit its guides; building it again", folder)
    if index is None:
        index = GuideIndex(library.lazy_guides)
    gc.freeze()  # the index lives as long as the process: the GC need not scan it again
    return library, index

"""The parsed-guide cache: one file per guides folder, named by a fingerprint of the parser.

Parsing is pure and deterministic, so a parsed guide can be cached against the file's content.
Entries are keyed on (path, size, mtime_ns) for speed and hold the content hash as well, so an
unchanged start skips reading the files at all, and a touched but identical file is not reparsed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

# One cached file: (size, mtime_ns), content digest, pickled ParsedGuide or error message.
# Pickled per file so the worker processes do the pickling and the main process only writes bytes.
Entry = tuple[tuple[int, int], str, bytes]


# The packages whose code decides what a parsed guide holds; a change to any of their modules
# (an upgrade) gives the cache a new name, so a stale cache is never read.
_PARSER_PACKAGES = ("guides", "prose")


def cache_file(folder: Path, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    key = hashlib.blake2b(str(folder.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir / f"guides-{_parser_fingerprint()}-{key}.pickle"


@lru_cache(maxsize=1)
def _parser_fingerprint() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=6)
    for name in _PARSER_PACKAGES:
        for module in sorted((package / name).glob("*.py")):
            digest.update(module.read_bytes())
    return digest.hexdigest()


def read_cache(cache_file: Path | None) -> dict[str, Entry]:
    """The cache, or nothing when it is missing, foreign or damaged (it is only a cache)."""
    if cache_file is None:
        return {}
    try:
        with cache_file.open("rb") as handle:
            if cache_file.stat().st_uid != os.getuid():
                return {}
            data = pickle.load(handle)
    except (
        OSError,
        pickle.PickleError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(cache_file: Path | None, entries: dict[str, Entry]) -> None:
    if cache_file is None:
        return
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, prefix=".guides-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    except OSError:
        pass  # a read-only or full cache dir only costs speed

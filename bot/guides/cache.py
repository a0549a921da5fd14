"""The parsed-guide cache: one file per guides folder, named by a fingerprint of the parser.

Parsing is pure and deterministic, so a parsed guide can be cached against its file's content.
Records are keyed on (path, size, mtime_ns) for speed and hold the content hash as well, so an
unchanged start reads no guide file, and a touched but identical file is not parsed again.

Safe against the service's neighbours: the file holds MessagePack data (bot.guides.codec), which
cannot run code; it is opened once, without following a symlink, and used only if that open
file is a regular file owned by this user and writable by no one else. Each section carries a
BLAKE2 digest: a damaged cache is treated as absent (logged once, then rebuilt), and a damaged
guide record, checked when first read, is parsed again from its file.

Layout: MAGIC, the header's length (8 bytes), the header (sections by name -> offset, length,
digest), then the sections: "files" (parallel arrays: names, sizes, mtimes, content digests,
record offsets, lengths and digests), "records" (the encoded results, read lazily through a
memory map, so a warm start touches only the records it uses) and any "derived" blobs built
from the guides (the matching index), each with the fingerprint of the guides it was built from.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import os
import stat
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgpack

from bot.guides.codec import pack, unpack

log = logging.getLogger("leverage.cache")

MAGIC = b"LEVERAGE-GUIDE-CACHE 3\n"
_LENGTH = struct.Struct("<Q")
DIGEST_SIZE = 16

# The packages whose code decides what a parsed guide holds; a change to any of their modules
# (an upgrade) gives the cache a new name, so a stale cache is never read.
_PARSER_PACKAGES = ("guides", "prose")


def digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


def cache_file(folder: Path, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    key = hashlib.blake2b(str(folder.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir / f"guides-{parser_fingerprint()}-{key}.cache"


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    package = Path(__file__).resolve().parent.parent
    hasher = hashlib.blake2b(digest_size=6)
    for name in _PARSER_PACKAGES:
        for module in sorted((package / name).glob("*.py")):
            hasher.update(module.read_bytes())
    return hasher.hexdigest()


@dataclass(frozen=True)
class Fresh:
    """One file's record to write: its stamp, content digest and encoded result."""

    name: str
    guide_id: str  # "" when the file cannot be used
    size: int
    mtime_ns: int
    content: bytes  # digest of the file's bytes
    record: bytes | memoryview


@dataclass
class CacheView:
    """A verified, read-only view of one cache file; empty when there is none (or it was
    damaged, foreign or unsafe). Records are read lazily from the memory map."""

    names: dict[str, int] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # the names in folder order
    ids: list[str] = field(default_factory=list)  # each file's guide id, "" for an error
    sizes: list[int] = field(default_factory=list)
    mtimes: list[int] = field(default_factory=list)
    contents: bytes = b""
    offsets: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    checks: bytes = b""
    derived: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)
    _map: mmap.mmap | None = None
    _records_at: int = 0
    path: Path | None = None

    def stamp(self, i: int) -> tuple[int, int]:
        return self.sizes[i], self.mtimes[i]

    def content(self, i: int) -> bytes:
        return self.contents[i * DIGEST_SIZE : (i + 1) * DIGEST_SIZE]

    def record(self, i: int) -> bytes | None:
        """Record ``i``'s bytes, or None when they do not match their digest (damaged)."""
        if self._map is None:
            return None
        start = self._records_at + self.offsets[i]
        data = self._map[start : start + self.lengths[i]]
        if digest(data) != self.checks[i * DIGEST_SIZE : (i + 1) * DIGEST_SIZE]:
            log.warning("guide cache %s: a record is damaged; parsing its file again", self.path)
            return None
        return data


def read_cache(path: Path | None) -> CacheView:
    """The cache at ``path``, or an empty view when it is missing, foreign, unsafe or damaged
    (it is only a cache: the guides are read again)."""
    if path is None:
        return CacheView()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return CacheView()  # missing (the usual first start), or a symlink: not ours to read
    try:
        info = os.fstat(fd)
        if not _safe(info):
            log.warning("guide cache %s is not a private file of this user; ignored", path)
            return CacheView()
        if info.st_size < len(MAGIC) + _LENGTH.size:
            return _damaged(path, "too short")
        mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except OSError:
        return CacheView()
    finally:
        os.close(fd)
    try:
        return _view(mapped, path)
    except (ValueError, KeyError, TypeError, IndexError, struct.error, msgpack.UnpackException):
        mapped.close()
        return _damaged(path, "unreadable")


def _safe(info: os.stat_result) -> bool:
    """A regular file of ours that no one else can write (a neighbour could plant records)."""
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_uid == os.geteuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _damaged(path: Path, why: str) -> CacheView:
    log.warning("guide cache %s is damaged (%s); rebuilding it", path, why)
    return CacheView()


def _view(mapped: mmap.mmap, path: Path) -> CacheView:
    if mapped[: len(MAGIC)] != MAGIC:
        raise ValueError("not a guide cache")
    (header_length,) = _LENGTH.unpack_from(mapped, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    header = unpack(mapped[start : start + header_length])
    body = start + header_length
    sections: dict[str, Any] = header["sections"]

    def section(name: str) -> bytes:
        offset, length, check = sections[name]
        data = mapped[body + offset : body + offset + length]
        if len(data) != length or digest(data) != check:
            raise ValueError(f"section {name} does not match its digest")
        return data

    files = unpack(section("files"))
    names, ids, sizes, mtimes, contents, offsets, lengths, checks = files
    if not (len(names) == len(ids) == len(sizes) == len(mtimes) == len(offsets) == len(lengths)):
        raise ValueError("files section arrays disagree")
    derived = {}
    for name in sections:
        if name.startswith("derived:"):
            fingerprint, version, blob = unpack(section(name))
            derived[name.removeprefix("derived:")] = (str(fingerprint), str(version), bytes(blob))
    records_offset = sections["records"][0]
    return CacheView(
        names={n: i for i, n in enumerate(names)},
        order=names,
        ids=ids,
        sizes=sizes,
        mtimes=mtimes,
        contents=bytes(contents),
        offsets=offsets,
        lengths=lengths,
        checks=bytes(checks),
        derived=derived,
        _map=mapped,
        _records_at=body + records_offset,
        path=path,
    )


def write_cache(
    path: Path | None, files: Iterable[Fresh], derived: dict[str, tuple[str, str, bytes]]
) -> None:
    """Write the cache atomically (a private temporary file, then a rename). A read-only or
    full cache folder only costs speed."""
    if path is None:
        return
    rows = list(files)
    offsets, lengths, at = [], [], 0
    for row in rows:
        offsets.append(at)
        lengths.append(len(row.record))
        at += len(row.record)
    table = pack(
        [
            [r.name for r in rows],
            [r.guide_id for r in rows],
            [r.size for r in rows],
            [r.mtime_ns for r in rows],
            b"".join(r.content for r in rows),
            offsets,
            lengths,
            b"".join(digest(r.record) for r in rows),
        ]
    )
    blobs = {f"derived:{name}": pack(list(entry)) for name, entry in derived.items()}
    order: list[tuple[str, bytes | None]] = [("files", table), *blobs.items(), ("records", None)]
    sections: dict[str, list[object]] = {}
    cursor = 0
    for name, data in order:
        if data is None:
            sections[name] = [cursor, at, b""]
        else:
            sections[name] = [cursor, len(data), digest(data)]
            cursor += len(data)
    header = pack({"sections": sections})
    try:
        import tempfile  # only a start that changed something writes

        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".guides-")
        with os.fdopen(fd, "wb") as handle:  # mkstemp makes it 0600
            handle.write(MAGIC + _LENGTH.pack(len(header)) + header)
            for _, data in order:
                if data is not None:
                    handle.write(data)
            for row in rows:
                handle.write(row.record)
        os.replace(tmp, path)
        _forget_older(path)
    except OSError:
        log.info("guide cache %s could not be written; the next start parses again", path)


def _forget_older(path: Path) -> None:
    """Remove this folder's caches made by other parser versions (each is as big as the
    folder's guides), and the pickles of the first cache format; only files of ours."""
    folder_key = path.stem.rsplit("-", 1)[-1]
    for old in path.parent.glob(f"guides-*-{folder_key}.*"):
        if old == path or old.suffix not in {".cache", ".pickle"}:
            continue
        try:
            if old.lstat().st_uid == os.geteuid():
                old.unlink()
        except OSError:
            pass

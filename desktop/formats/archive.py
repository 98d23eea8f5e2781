"""Reading the files of a folder or a ``.zip`` archive safely, for the importers that take many
files at once (brat, UIMA XMI).

Symbolic links are refused anywhere, and so are archive members with absolute paths or ``..``
components; only regular files are read. An archive is refused when the members read would
expand beyond :data:`MAX_ARCHIVE_BYTES` in total, or when a member above 1 MB is compressed more
than :data:`MAX_ARCHIVE_RATIO` times (a zip bomb), before it is expanded.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop.core.errors import InputError
from desktop.formats.guard import require_regular_file

__all__ = [
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_RATIO",
    "MAX_MEMBER_BYTES",
    "Member",
    "decode_utf8",
    "list_members",
    "read_file",
]

MAX_MEMBER_BYTES = 64 * 1024 * 1024
#: Archives: total uncompressed size of the members read, and the largest compression ratio of a
#: member above 1 MB (text compresses about 3-10 times; a zip bomb thousands of times).
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024
MAX_ARCHIVE_RATIO = 100


@dataclass(frozen=True)
class Member:
    """One file of a folder or archive: ``name`` is its POSIX path inside, ``where`` names it in
    error messages, ``read()`` returns its bytes (at most :data:`MAX_MEMBER_BYTES`)."""

    name: str
    where: str
    read: Callable[[], bytes]


def _unsafe_name(name: str) -> str | None:
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "is an absolute path"
    if ".." in re.split(r"[\\/]", name):
        return "contains '..'"
    return None


def list_members(path: Path, suffixes: tuple[str, ...]) -> list[Member]:
    """Files ending in one of ``suffixes`` in a folder (recursively), a ``.zip`` or a single file,
    sorted by name. Refuses symbolic links, absolute and ``..`` member paths, and files larger
    than :data:`MAX_MEMBER_BYTES`; reads nothing but the listing until ``read()`` is called."""
    path = Path(path)
    if path.is_symlink():
        raise InputError(path, "is a symbolic link; refusing to follow it")
    if path.is_dir():
        return _folder_members(path, suffixes)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    require_regular_file(path)
    if path.suffix.lower() == ".zip":
        return _zip_members(path, suffixes)
    return [Member(path.name, str(path), lambda p=path: read_file(p))]


def read_file(path: Path) -> bytes:
    try:
        if require_regular_file(path).st_size > MAX_MEMBER_BYTES:
            raise InputError(path, f"is larger than {MAX_MEMBER_BYTES >> 20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None


def _folder_members(root: Path, suffixes: tuple[str, ...]) -> list[Member]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            full = Path(dirpath) / name
            if full.is_symlink():
                raise InputError(full, "is a symbolic link; refusing to follow it")
        for name in filenames:
            full = Path(dirpath) / name
            if name.lower().endswith(suffixes):
                require_regular_file(full)  # a FIFO named a.txt must not hang the import
                rel = full.relative_to(root).as_posix()
                out.append(Member(rel, str(full), lambda p=full: read_file(p)))
    out.sort(key=lambda m: m.name)
    return out


def _zip_members(archive: Path, suffixes: tuple[str, ...]) -> list[Member]:
    try:
        zf = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(archive, f"not a readable zip archive ({exc})") from None
    out = []
    total = 0
    with zf:
        for info in zf.infolist():
            where = f"{archive}!{info.filename}"
            problem = _unsafe_name(info.filename)
            if problem:
                raise InputError(where, f"archive member {problem}; refusing the archive")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise InputError(where, "archive member is a symbolic link; refusing the archive")
            if info.is_dir() or not info.filename.lower().endswith(suffixes):
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                raise InputError(where, f"is larger than {MAX_MEMBER_BYTES >> 20} MB")
            total += info.file_size
            if total > MAX_ARCHIVE_BYTES:
                raise InputError(
                    archive,
                    f"members expand to more than {MAX_ARCHIVE_BYTES >> 20} MB; refusing the "
                    "archive (a zip bomb?)",
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1 << 20 and ratio > MAX_ARCHIVE_RATIO:
                raise InputError(
                    where,
                    f"is compressed {ratio:.0f} times (at most {MAX_ARCHIVE_RATIO}); refusing "
                    "the archive (a zip bomb?)",
                )
            out.append(
                Member(
                    PurePosixPath(info.filename).as_posix(),
                    where,
                    lambda i=info, w=where: _read_zip(archive, i, w),
                )
            )
    out.sort(key=lambda m: m.name)
    return out


def _read_zip(archive: Path, info: zipfile.ZipInfo, where: str) -> bytes:
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (OSError, zipfile.BadZipFile, RuntimeError, EOFError) as exc:
        raise InputError(where, f"cannot read the archive member ({exc})") from None
    if len(data) > info.file_size:  # the listing lied about the size
        raise InputError(where, "expands beyond the size the archive declares; refusing it")
    return data


def decode_utf8(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"invalid UTF-8 at byte {exc.start}") from None

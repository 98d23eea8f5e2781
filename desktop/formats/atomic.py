"""The one way an export reaches the disk: complete and durable, or not at all.

A single file is written to a temporary file in the target's folder, flushed and ``fsync``-ed,
renamed over the target, and then the folder is ``fsync``-ed so the rename itself survives a
power cut. A folder export (brat, XMI, spaCy shards) is written into a temporary folder beside
the target and renamed into place only when every file is in it, so a failed export leaves
nothing that looks like a valid export.

Rules every exporter follows through this module:

* **The output's folder must exist.** A missing folder is refused with a :class:`MizanError`
  naming it; nothing creates folders on the user's behalf (a typo would scatter exports).
* An existing target keeps its **file mode**; a target that is a **symbolic link** is written
  through (the file it points to is replaced, the link stays).
* Temporary names are ``.<name>.<pid>-<random>.tmp``. On error the temporary goes; a leftover of a
  run that was killed (its process is gone) is removed by the next export to the same target.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from desktop.core.errors import MizanError

__all__ = [
    "ExportError",
    "atomic_file",
    "atomic_folder",
    "atomic_path",
    "fsync_folder",
    "target_path",
]

_TMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{12}\.tmp")


class ExportError(MizanError):
    """An export that cannot be written: names the output, the document (and span) and why."""

    def __init__(self, path: str | os.PathLike, reason: str, *, document: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.document = document
        where = self.path + (f", document {document}" if document is not None else "")
        super().__init__(f"{where}: {reason}")


def target_path(path: Path | str) -> Path:
    """The file an export really replaces: a symbolic link's target, checked against the rules
    (its folder exists, it is not a folder)."""
    path = Path(path).absolute()
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.is_dir():
        raise ExportError(path, "is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(path.parent, "no such folder; create it first")
    return path


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (a no-op where folders cannot be
    opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _clean_leftovers(path: Path) -> None:
    """Remove temporaries for ``path`` left by a run that was killed (its process is gone)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            m = _TMP.fullmatch(entry.name)
            if m and m["name"] == path.name and not _alive(int(m["pid"])):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _temp_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(6)}.tmp"


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path`` for libraries that write by name (pyarrow, spaCy,
    cassis); when the block ends without error it is made durable and renamed over ``path``."""
    target = target_path(path)
    _clean_leftovers(target)
    tmp = _temp_name(target)
    mode = _mode_of(target)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(target.parent)


@contextlib.contextmanager
def atomic_file(
    path: Path | str,
    mode: str = "w",
    *,
    encoding: str | None = None,
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a new temporary file beside ``path`` (``mode`` ``"w"`` or ``"wb"``); when the block
    ends without error it replaces ``path`` durably, on error it is removed."""
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    with atomic_path(path) as tmp:
        existing = _mode_of(target_path(path))
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, existing or 0o666)
        if "b" in mode:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding or "utf-8", newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_folder(path: Path | str) -> Iterator[Path]:
    """A temporary folder beside ``path`` to write a folder export into; when the block ends
    without error every file in it is made durable and the folder is renamed to ``path``.

    ``path`` must not exist or be an empty folder (no stale mixture of two exports); its parent
    must exist. On error the temporary folder and everything in it are removed.
    """
    target = Path(path).absolute()
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ExportError(target, "the output must be a folder, and a file of that name exists")
    if target.is_dir() and any(target.iterdir()):
        raise ExportError(target, "the output folder is not empty")
    if not target.parent.is_dir():
        raise ExportError(target.parent, "no such folder; create it first")
    _clean_leftovers(target)
    tmp = _temp_name(target)
    tmp.mkdir()
    try:
        yield tmp
        for dirpath, _dirs, files in os.walk(tmp):
            for name in files:
                _fsync_file(Path(dirpath) / name)
            fsync_folder(Path(dirpath))
        if target.is_dir():
            target.rmdir()  # empty (checked above); Windows cannot rename over a folder
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_folder(target.parent)

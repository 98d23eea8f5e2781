"""Reading an import's large files in a second process, while the first stores what it read.

Decoding and checking annotated JSONL is about half of an import's work, storing it the other
half (docs/benchmarks.md, "Session 4: reading in a second process"); on a machine with two cores
the two halves run side by side. :func:`read` gives exactly what `registry.read` gives — the
same records in the same order, the same errors at the same place — and reads in this process
when a second one would not pay (a small file) or cannot be made safely (no ``fork``, or other
threads running: the window's import reads in its own process).

The reading process sends batches of records through a pipe as ``marshal`` data: plain tuples
and strings, which it writes and the importing process reads back in C. A document's mentions
arrive as rows (:class:`desktop.core.packed.MentionRows`) and are staged as rows, without
building one object per mention. A thread of the importing process drains the pipe into a short
queue, so the reader is not held up while the importer writes a batch.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import pickle
import queue
import signal
import stat
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.errors import InputError, MizanError
from desktop.core.model import (
    Document,
    DocumentMeta,
)
from desktop.core.packed import ClaimRows, MentionRows, claim_rows, mention_rows, packable, thawed
from desktop.formats import registry

#: Files smaller than this are read in this process: starting a second one and passing the
#: records across costs more than it saves below about a megabyte of JSONL.
MIN_BYTES = 1 << 20
#: Formats read in a second process: those whose reader takes only plain options (the plain
#: text reader fills a manifest table the importer reads back).
KINDS = frozenset({"jsonl", "doccano", "labelstudio", "brat", "xmi"})
_BATCH_BYTES = 1 << 19  # about half a megabyte of text per batch
_BATCH_RECORDS = 32
_FIRST_RECORDS = 2  # the first batches are smaller, doubling: the importer starts at once
_QUEUE_BATCHES = 8  # at most ~4 MB read ahead of the importer
_PIPE_BYTES = 1 << 20
_HEADER = 8
_LAST = 0x80  # in the header's last byte: the frame is the last one
_SIZE = (1 << 8 * (_HEADER - 1)) - 1  # the header's other bytes: the frame's size
_THREAD_EXIT_WAIT = 0.05  # seconds for a joined thread to be gone from the system's list

_META = tuple(f.name for f in fields(DocumentMeta))
_PUBLISHED = _META.index("published")


def read(kind: str, path: Path | str, **options: Any) -> Iterator[tuple[int | None, Any]]:
    """The records of ``path``, as `registry.read` gives them, read in a second process when
    that pays."""
    for line, record, _ in read_with(_nothing, kind, path, **options):
        yield line, record


def read_with(
    prepare: Callable[[Any], Any],
    kind: str,
    path: Path | str,
    *,
    started: Reading | None = None,
    **options: Any,
) -> Iterator[tuple[int | None, Any, Any]]:
    """(line, record, ``prepare(record)``) for the records of ``path``: work on each record
    done beside the reading, in the reading process when there is one (so off the importer's
    critical path). What ``prepare`` returns must be plain data (``marshal`` carries it).
    ``started``: the reading of this file begun earlier by :func:`start`, with these
    arguments."""
    if started is not None:
        yield from started.records()
        return
    if not _second_process(kind, path):
        for line, record in registry.read(kind, path, **options):
            yield line, record, prepare(record)
        return
    yield from Reading(kind, Path(path), options, prepare).records()


def start(
    prepare: Callable[[Any], Any], kind: str, path: Path | str, **options: Any
) -> Reading | None:
    """The reading process of ``path`` started now, before the importer is ready for its records
    (the command line starts it before it opens the database), or None where
    :func:`read_with` would read in this process. Give it to :func:`read_with`, or
    :meth:`Reading.close` it."""
    if not _second_process(kind, path):
        return None
    reading = Reading(kind, Path(path), options, prepare)
    reading.start()
    return reading


def _nothing(_record: Any) -> None:
    return None


def _second_process(kind: str, path: Path | str) -> bool:
    if kind not in KINDS or not hasattr(os, "fork") or not _one_thread():
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False  # the reader names the problem
    return stat.S_ISREG(info.st_mode) and info.st_size >= MIN_BYTES


def _one_thread() -> bool:
    """Whether this process runs one thread: a process forked while another thread holds a
    lock may hang, so the window (Qt's threads, an import in a worker) reads in its own process.
    Linux counts every thread, Qt's too; elsewhere Python's are counted. A Python thread just
    joined (the previous file's, the writer's) may take a moment to leave the system's list."""
    if threading.active_count() != 1:
        return False
    deadline = time.monotonic() + _THREAD_EXIT_WAIT
    while True:
        try:
            if len(os.listdir("/proc/self/task")) == 1:
                return True
        except OSError:
            return True  # no such list here: Python's count said one
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)


# ----------------------------------------------------------------- packing


def _pack(record: Any) -> tuple:
    """A record as marshal data: a document's fields as plain values, anything else pickled."""
    if (
        type(record) is not Document
        or record.id is not None
        or not packable(record.mentions)
        or not packable(record.claims)
    ):
        return ("p", pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
    mentions, claims = record.mentions, record.claims
    meta = [getattr(record.meta, name) for name in _META]
    if meta[_PUBLISHED] is not None:
        meta[_PUBLISHED] = meta[_PUBLISHED].isoformat()
    extra = {}
    if record.registry:
        extra["registry"] = record.registry
    if record.status:
        extra["status"] = record.status
    if record.imported_at is not None:
        extra["imported_at"] = record.imported_at
    return (
        "d",
        record.external_id,
        record.text,
        record.text_sha256,
        tuple(meta),
        mention_rows(mentions),
        claim_rows(claims),
        pickle.dumps(extra, pickle.HIGHEST_PROTOCOL) if extra else None,
    )


def _unpack(packed: tuple) -> Any:
    if packed[0] == "p":
        return pickle.loads(packed[1])
    _, external_id, text, sha, meta, mentions, claims, extra = packed
    if meta[_PUBLISHED] is not None:
        meta = (*meta[:_PUBLISHED], date.fromisoformat(meta[_PUBLISHED]), *meta[_PUBLISHED + 1 :])
    extra = pickle.loads(extra) if extra else {}
    meta = _META_CLASS(*meta)
    meta.__class__ = DocumentMeta
    doc = _DOCUMENT(
        external_id,
        text,
        meta,
        MentionRows(mentions),
        ClaimRows(claims),
        extra.get("registry", {}),
        sha,
        extra.get("status", {}),
        None,
        extra.get("imported_at"),
    )
    doc.__class__ = Document
    return doc


# Built without the frozen classes' per-field setattr (desktop/core/packed.py, `thawed`): a
# fifth of receiving 10,000 articles.
_DOCUMENT, _META_CLASS = thawed(Document), thawed(DocumentMeta)


# ----------------------------------------------------------------- the two processes


class Reading:
    """A file read in a second process: :meth:`start` forks it, :meth:`records` gives what it
    reads, :meth:`close` stops it (a reading left unfinished is killed) and waits for it."""

    def __init__(
        self, kind: str, path: Path, options: dict[str, Any], prepare: Callable[[Any], Any]
    ):
        self.kind, self.path, self.options, self.prepare = kind, path, options, prepare
        self.batches: queue.Queue = queue.Queue(_QUEUE_BATCHES)
        self.stop = threading.Event()
        self.pid: int | None = None
        self.drain: threading.Thread | None = None
        self.done = False  # the end frame came: the reading process is exiting by itself
        self.closed = False

    def start(self) -> None:
        read_end, write_end = os.pipe()
        _widen(write_end)
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the reading process (its records are tested)
            os.close(read_end)
            self._read(write_end)
        os.close(write_end)
        self.drain = threading.Thread(target=self._drain, args=(read_end,), daemon=True)
        self.drain.start()

    def records(self) -> Iterator[tuple[int | None, Any, Any]]:
        if self.pid is None:
            self.start()
        try:
            while True:
                frame = self.batches.get()
                if type(frame) is bytes:  # decoded here: see _drain
                    frame = marshal.loads(frame)
                if frame[0] == "records":
                    for line, packed, prepared in frame[1]:
                        yield line, _unpack(packed), prepared
                elif frame[0] == "end":
                    self.done = True
                    return
                else:
                    self._raise(frame)
        finally:
            self.close()

    def close(self) -> None:
        if self.pid is None or self.closed:
            return
        self.closed = True
        self.stop.set()
        if not self.done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        if self.drain is not None:
            self.drain.join()
        os.waitpid(self.pid, 0)

    def _read(self, fd: int) -> None:  # pragma: no cover - runs in the reading process
        """Read, pack and send every record, then an end or an error frame; never returns."""
        code = 0
        gc.disable()  # a short life, and no record in a reference cycle (core/collector.py)
        try:
            out = os.fdopen(fd, "wb")
            batch: list = []
            size = 0
            most = _FIRST_RECORDS
            try:
                prepare = self.prepare
                for line, record in registry.read(self.kind, self.path, **self.options):
                    packed = _pack(record)
                    batch.append((line, packed, prepare(record)))
                    size += len(packed[2]) if packed[0] == "d" else len(packed[1])
                    if size >= _BATCH_BYTES or len(batch) >= most:
                        _send(out, ("records", batch))
                        batch, size, most = [], 0, min(_BATCH_RECORDS, most * 2)
                _send(out, ("records", batch))
                _send(out, ("end",))
            except InputError as exc:
                _send(out, ("records", batch))
                _send(out, ("input", exc.path, exc.reason, exc.line, exc.span))
            except MizanError as exc:
                _send(out, ("records", batch))
                _send(out, ("mizan", str(exc)))
            except Exception:
                _send(out, ("records", batch))
                _send(out, ("bug", traceback.format_exc()))
            out.close()
        except BaseException:  # the importer went away (a closed pipe), or a signal
            code = 1
        finally:
            os._exit(code)

    def _drain(self, fd: int) -> None:
        """Frames from the pipe into the queue as bytes, until the pipe closes (the reading
        process has sent its end or its error, or is gone) or the importer stops. The frames
        are decoded by the importing thread: decoded here, each would hold the interpreter
        lock while the importer's inserts wait for it (docs/benchmarks.md, "Session 5")."""
        with os.fdopen(fd, "rb") as pipe:
            while not self.stop.is_set():
                header = pipe.read(_HEADER)
                size = int.from_bytes(header, "little") & _SIZE
                body = pipe.read(size) if len(header) == _HEADER else b""
                if len(body) < size or not body:  # cut short: the reading process died
                    self._put(("gone",))
                    return
                self._put(body)
                if header[-1] & _LAST:  # the end or an error: nothing follows
                    return

    def _put(self, frame: bytes | tuple) -> None:
        while not self.stop.is_set():
            try:
                self.batches.put(frame, timeout=0.1)
                return
            except queue.Full:
                continue

    def _raise(self, frame: tuple) -> None:
        kind = frame[0]
        if kind == "input":
            _, path, reason, line, span = frame
            raise InputError(path, reason, line=line, span=span)
        if kind == "mizan":
            raise MizanError(frame[1])
        if kind == "bug":
            raise RuntimeError(f"reading {self.path} failed in the reading process:\n{frame[1]}")
        raise InputError(self.path, "the reading process stopped before the end of the file")


def _widen(fd: int) -> None:
    """A pipe of 1 MB where Linux allows it (64 KB by default): a batch of about half a
    megabyte then crosses in one write instead of in eight turns of each process waking the
    other (docs/benchmarks.md, "Session 6")."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # another system, or a lower limit
        pass


def _send(out, frame: tuple) -> None:  # pragma: no cover - runs in the reading process
    """One frame: its size in the header's low bytes, and in its last byte whether it is the
    last (an end or an error frame)."""
    data = marshal.dumps(frame)
    last = 0 if frame[0] == "records" else _LAST << 8 * (_HEADER - 1)
    out.write((len(data) | last).to_bytes(_HEADER, "little"))
    out.write(data)
    out.flush()


__all__ = ["KINDS", "MIN_BYTES", "Reading", "read", "read_with", "start"]

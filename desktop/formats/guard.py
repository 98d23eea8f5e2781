"""Bounds every reader keeps on hostile input: regular files only, JSON that cannot blow the stack
or hide a huge number or a lone surrogate, and text and labels checked by
:mod:`desktop.text.validate`.

Each check fails with an :class:`InputError` (or a :class:`RecordError` the reader turns into
one) naming the file, line and span, never with an internal error.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import orjson

from desktop.core.errors import InputError, RecordError
from desktop.text.validate import label_problem, text_problem

__all__ = [
    "MAX_NUMBER_DIGITS",
    "JsonError",
    "check_label",
    "check_text",
    "checked_sha256",
    "loads",
    "loads_line",
    "require_regular_file",
]

#: An offset or id never needs more digits; longer numbers are refused.
MAX_NUMBER_DIGITS = 30
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonError(ValueError):
    """JSON that cannot be read safely; ``line`` counts within the string given to :func:`loads`."""

    def __init__(self, reason: str, line: int | None = None):
        self.reason = reason
        self.line = line
        super().__init__(reason)


def require_regular_file(path: Path | str) -> os.stat_result:
    """The file's ``stat``; refuses at once a FIFO, socket or device (reading one can hang)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "is not a regular file (a FIFO, socket or device); refusing it")
    return info


def _int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_DIGITS and len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise JsonError(f"a number has {len(digits)} digits (at most {MAX_NUMBER_DIGITS})")
    return int(digits)


def _float(digits: str) -> float:
    if len(digits) > 2 * MAX_NUMBER_DIGITS:
        raise JsonError(f"a number has {len(digits)} characters (at most {2 * MAX_NUMBER_DIGITS})")
    return float(digits)


def _constant(name: str):
    raise JsonError(f"{name} is not JSON")


def _find_surrogate(value: Any) -> str | None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            bad = _SURROGATE.search(item)
            if bad:
                return f"a lone surrogate U+{ord(bad.group()):04X} (\\u escape) in {item[:30]!r}"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


#: One decoder for every line: ``json.loads`` with hooks builds a new one per call (about
#: 0.035 s per 10,000 articles, docs/benchmarks.md).
_DECODER = json.JSONDecoder(parse_int=_int, parse_float=_float, parse_constant=_constant)
#: The same without the integer hook: integers read by the decoder's own C code.
_SHORT_INTEGERS = json.JSONDecoder(parse_float=_float, parse_constant=_constant)
#: Digits stay, every other byte becomes a space: a number of more than MAX_NUMBER_DIGITS digits
#: leaves a run of that many zeros (JSON numbers are ASCII, and no byte of a multi-byte UTF-8
#: character is an ASCII digit).
_DIGITS_ONLY = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_LONG_RUN = b"0" * (MAX_NUMBER_DIGITS + 1)


def loads(text: str) -> Any:
    """``json.loads`` with bounds: nesting that would exhaust the stack, numbers longer than
    :data:`MAX_NUMBER_DIGITS` digits, ``NaN``/``Infinity`` and lone surrogate escapes
    (``"\\ud800"``) raise :class:`JsonError`. The number hooks cost less than a regex over the
    text for long digit runs (which was most of the reading time). A line read from its bytes
    (:func:`loads_line`) skips the integer hook when the bytes hold no run of that many digits:
    the run is looked for in C (0.013 s per 14 MB), and the hook was a fifth of decoding a line
    of spans (docs/benchmarks.md, "Session 5")."""
    return _loads(text, False)


def _loads(text: str, short_integers: bool) -> Any:
    decoder = _SHORT_INTEGERS if short_integers else _DECODER
    try:
        if text.startswith("\ufeff"):  # what json.loads refuses before decoding
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        value = decoder.decode(text)
    except RecursionError:
        raise JsonError("JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise JsonError(f"not valid JSON ({exc.msg} at column {exc.colno})", exc.lineno) from None
    except JsonError:
        raise
    except ValueError as exc:  # the interpreter's own limit on integer digits
        raise JsonError(f"a number is too long ({str(exc).split(':')[0]})") from None
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        problem = _find_surrogate(value)
        if problem:
            raise JsonError(problem)
    return value


#: orjson reads integers within 64 bits exactly and others as floats: a line holding a run of
#: this many digits (the shortest run that can leave a signed 64-bit integer) is read by
#: :func:`loads`.
_ORJSON_RUN = b"0" * 19


def loads_line(raw: bytes) -> Any:
    """The value of one line of UTF-8 JSON, under the bounds of :func:`loads`, which names the
    problem of a line it refuses (and raises ``UnicodeDecodeError`` for bytes that are not
    UTF-8). A line with no run of 19 digits is read by orjson first: it takes half the time of
    decoding the bytes and parsing them with the standard library, which was a third of
    reading a file of spans (docs/benchmarks.md, "Session 6"). orjson accepts less than
    :func:`loads` does (no lone surrogate escapes, no ``NaN``, strict UTF-8, at most 1,024
    levels of nesting) and gives the same value for what both accept; anything it refuses is
    read again by :func:`loads`, which refuses it with the reason or takes it."""
    digits = raw.translate(_DIGITS_ONLY)
    if _ORJSON_RUN not in digits:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return _loads(raw.decode("utf-8"), _LONG_RUN not in digits)


def check_text(text: str, *, span: str | None = None) -> None:
    """RecordError when the text holds a character no export can carry (see text.validate)."""
    problem = text_problem(text)
    if problem:
        raise RecordError(problem, span=span)


#: Every byte UTF-8 may hold in a text that `check_text` accepts: C0 controls are the only
#: characters encoded with bytes below 0x20, and tab, line feed and carriage return are allowed.
_GOOD_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x100)])


def checked_sha256(text: str, *, span: str | None = None) -> str:
    """`check_text` and the text's SHA-256 from one UTF-8 encoding: a lone surrogate cannot be
    encoded, and a C0 control is the one character whose bytes the good ones leave behind.
    Looking at the bytes so takes a third of the time of the regular expression over the text
    (10,000 articles: 0.02 s against 0.07 s); a text it refuses goes through `check_text`,
    which names the first bad character."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = None
    if data is None or data.translate(None, _GOOD_BYTES):
        check_text(text, span=span)
        raise AssertionError(f"check_text took a text checked_sha256 refused: {text[:40]!r}")
    return hashlib.sha256(data).hexdigest()


_GOOD_LABELS: set[str] = set()  # labels already checked: a corpus has a few dozen


def check_label(label: Any, *, span: str | None = None) -> None:
    """RecordError when ``label`` is outside the label grammar (see text.validate)."""
    if label in _GOOD_LABELS:
        return
    problem = label_problem(label)
    if problem:
        raise RecordError(problem, span=span)
    if len(_GOOD_LABELS) < 10_000:
        _GOOD_LABELS.add(label)

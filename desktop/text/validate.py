"""Checks every importer runs on what it lets in: text characters and label names.

They are pure functions returning a short reason (``None`` when all is well); the importer adds
the file, line and span. See docs/data-model.md for the offset contract they protect.

* **Text** may hold any Unicode character except the C0 controls other than tab, line feed and
  carriage return (NUL, U+0001–U+0008, U+000B, U+000C, U+000E–U+001F: XML 1.0 cannot carry them,
  so an XMI export would fail later, and a NUL truncates text in many tools) and surrogate code
  points (a lone ``\\ud800`` escape in JSON: not a character, and UTF-8 cannot encode it).
* **Labels** follow one grammar so that every column format (CoNLL, brat) can write them:
  non-empty, at most :data:`MAX_LABEL_LENGTH` characters, no whitespace, no control or surrogate
  character, not ``O`` (the CoNLL "outside" tag) and not starting with ``B-`` or ``I-`` (IOB2
  prefixes: ``B-PERS`` as a label would be written ``B-B-PERS``).
"""

from __future__ import annotations

import re

from desktop.text.offsets import Utf16Map

__all__ = [
    "MAX_LABEL_LENGTH",
    "label_problem",
    "splits_surrogate_pair",
    "text_problem",
]

MAX_LABEL_LENGTH = 64
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_BAD_LABEL = re.compile("[\\s\x00-\x1f\x7f\ud800-\udfff\u2028\u2029\u0085]")


def _describe(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X}"
    return f"the control character U+{code:04X}"


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored (the first bad character and its offset), or ``None``."""
    bad = _BAD_TEXT.search(text)
    if bad is None:
        return None
    return f"the text holds {_describe(bad.group())} at offset {bad.start()}"


def label_problem(label: object) -> str | None:
    """Why ``label`` is not a valid label name (see the module docstring), or ``None``."""
    if not isinstance(label, str) or not label:
        return f"a label must be a non-empty string (got {label!r})"
    if len(label) > MAX_LABEL_LENGTH:
        return f"label {label[:20]!r}… is longer than {MAX_LABEL_LENGTH} characters"
    bad = _BAD_LABEL.search(label)
    if bad is not None:
        what = "whitespace" if bad.group().isspace() else _describe(bad.group())
        return f"label {label!r} holds {what}; labels are single words"
    if label == "O":
        return "label 'O' is the CoNLL 'outside' tag, not a label"
    if label.startswith(("B-", "I-")):
        return f"label {label!r} starts with an IOB2 prefix (B- or I-)"
    return None


def splits_surrogate_pair(umap: Utf16Map, utf16_offset: int) -> bool:
    """True when UTF-16 offset ``utf16_offset`` (in range) of the text behind ``umap`` falls
    between the two halves of a character outside the BMP (an emoji), where no code point offset
    corresponds; a converter would silently move the span."""
    return umap.to_utf16(umap.to_cp(utf16_offset)) != utf16_offset

"""Rules every span obeys, checked before anything is written."""

from __future__ import annotations

import hashlib

from desktop.core.errors import RecordError


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_span(
    text: str, start: object, end: object, *, expected: str | None = None, name: str = "span"
) -> None:
    """Raise RecordError unless `0 <= start < end <= len(text)` and the covered text matches."""
    if type(start) is not int or type(end) is not int:
        raise RecordError(f"start and end must be integers (got {start!r}, {end!r})", span=name)
    if not 0 <= start < end <= len(text):
        raise RecordError(
            f"offsets [{start}, {end}) are outside the text (length {len(text)}) or empty",
            span=name,
        )
    if expected is not None and text[start:end] != expected:
        raise RecordError(
            f"text {expected!r} does not match the text at [{start}, {end}): {text[start:end]!r}",
            span=name,
        )

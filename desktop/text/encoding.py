"""Decoding imported article files into the text Mizan stores.

The stored text is fixed at import and every offset points into it, so decoding must be exact and
must refuse rather than guess: a wrongly decoded file would put every annotation on garbage.
Detection order: byte order mark, then binary checks, then strict UTF-8, then Windows-1256 (still
common for Arabic files saved on Windows) only when the result is clearly Arabic.

After decoding, :func:`normalise_import_text` makes the only two changes the offset contract allows
(docs/data-model.md): drop one leading BOM and turn CRLF / lone CR into LF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DecodedText", "TextDecodeError", "decode_text", "normalise_import_text"]


class TextDecodeError(ValueError):
    """The file cannot be imported as text; the message is a short reason for the user."""


@dataclass(frozen=True)
class DecodedText:
    """A decoded, import-normalised text and how it was read."""

    text: str
    #: 'utf-8', 'utf-8-sig', 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be' or 'windows-1256'
    encoding: str
    had_bom: bool
    #: how many CRLF / lone CR line endings became LF
    newlines_normalised: int


# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be", "UTF-16"),
)

# C0 controls other than TAB LF VT FF CR, plus DEL. NUL is checked separately for a clearer message.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
_ASCII_BYTES = bytes(range(0x80))

# What Windows-1256 Arabic text is made of outside ASCII: the Arabic block (letters, harakat,
# ، ؛ ؟, Arabic-Indic digits), NBSP, « », typographic quotes and dashes, the ellipsis, ZWNJ/ZWJ and
# LRM/RLM. Windows-1256 also maps French letters and symbols; those do not count as Arabic, so a
# Latin-1 French file is not mistaken for Arabic.
_ARABIC_LIKE = re.compile(
    "[\u0600-\u06ff\u00a0\u00ab\u00bb\u200c-\u200f\u2013\u2014\u2018-\u201e\u2026]"
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_MIN_ARABIC_SHARE = 0.85

# A file must contain something other than whitespace, format controls and C0 controls.
_REAL_TEXT = re.compile(
    "[^\\s\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u00ad]"
)
_CR = re.compile("\r\n?")
_ASCII_RUNS = re.compile("[\x00-\x7f]+")


def normalise_import_text(text: str) -> tuple[str, int]:
    """Apply the two import-time changes: drop one leading U+FEFF, make every line ending LF.

    Returns ``(text, number of line endings changed)``. Nothing else changes (no NFC, no stripping):
    stored offsets must stay valid against exactly what the annotator saw.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    changed = text.count("\r")  # every CR is either part of a CRLF or a lone CR
    if changed:
        text = _CR.sub("\n", text)
    return text, changed


def _max_controls(n: int) -> int:
    # A stray control (e.g. a DOS end-of-file ^Z) is tolerated; more than 0.1 % is binary.
    return max(1, n // 1000)


def _check_decoded(text: str) -> None:
    if "\x00" in text:
        raise TextDecodeError("contains NUL characters (binary file?)")
    if len(_CONTROL_CHARS.findall(text)) > _max_controls(len(text)):
        raise TextDecodeError("looks like a binary file (control bytes)")


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """Arabic or Latin UTF-16 without a BOM: every other byte is 0x06 or 0x00."""
    if len(data) < 4 or len(data) % 2:
        return False
    for high in (data[1::2], data[0::2]):  # little-endian, big-endian
        if high.count(0) + high.count(6) >= 0.9 * len(high):
            return True
    return False


def _finish(text: str, encoding: str, had_bom: bool) -> DecodedText:
    text, changed = normalise_import_text(text)
    if not _REAL_TEXT.search(text):
        raise TextDecodeError("file has no text")
    return DecodedText(text=text, encoding=encoding, had_bom=had_bom, newlines_normalised=changed)


def _windows_1256_or_fail(data: bytes, bad_at: int) -> str:
    """Decode as Windows-1256 if the bytes are clearly Arabic text, else explain the failure."""
    escaped = data.decode("utf-8", "surrogateescape")
    invalid = len(re.findall("[\udc80-\udcff]", escaped))
    non_ascii = len(data.translate(None, _ASCII_BYTES))
    if non_ascii - invalid > invalid:
        # Most non-ASCII bytes are valid UTF-8: a damaged, truncated or mixed-encoding UTF-8 file.
        # Guessing another encoding here would silently corrupt the good part.
        raise TextDecodeError(
            f"invalid UTF-8 at byte {bad_at} (the rest is UTF-8: damaged or mixed-encoding file?)"
        )
    reason = f"invalid UTF-8 at byte {bad_at} and not Windows-1256 Arabic text"
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise TextDecodeError(reason) from None
    others = _ASCII_RUNS.sub("", text)
    arabic = len(_ARABIC_LIKE.findall(others))
    if not others or arabic < _MIN_ARABIC_SHARE * len(others) or not _ARABIC_LETTER.search(others):
        raise TextDecodeError(reason)
    return text


def decode_text(data: bytes) -> DecodedText:
    """Decode an imported file's bytes, or raise :class:`TextDecodeError` with a short reason."""
    data = bytes(data)
    if not data:
        raise TextDecodeError("file is empty")
    for bom, codec, name, label in _BOMS:
        if data.startswith(bom):
            try:
                # Decode with the BOM so that normalise_import_text removes exactly one U+FEFF.
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise TextDecodeError(f"invalid {label} at byte {exc.start}") from None
            _check_decoded(text)
            return _finish(text, name, True)
    if _looks_like_bomless_utf16(data):
        raise TextDecodeError("looks like UTF-16 without a byte order mark (save it as UTF-8)")
    if b"\x00" in data:
        raise TextDecodeError("contains NUL bytes (binary file?)")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _max_controls(len(data)):
        raise TextDecodeError("looks like a binary file (control bytes)")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        text, encoding = _windows_1256_or_fail(data, exc.start), "windows-1256"
    return _finish(text, encoding, False)

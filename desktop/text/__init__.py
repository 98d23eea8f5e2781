"""Mizan's pure-Python Arabic text engine (stdlib only).

Decoding imported files, code point <-> UTF-16 offsets, the folding function with its offset map,
Arabic-aware word boundaries and bidi control reporting. See docs/arabic.md and the offset contract
in docs/data-and-formats.md.
"""

from .bidi import BIDI_CONTROLS, OVERRIDE_CONTROLS, BidiControl, bidi_controls, bidi_report
from .encoding import DecodedText, TextDecodeError, decode_text, normalise_import_text
from .folding import HAMZA_MODES, Folded, fold, fold_key, fold_keys
from .occurrences import find_occurrences
from .offsets import Utf16Map, cp_to_utf16, utf16_to_cp
from .words import (
    PROCLITICS,
    is_word_char,
    proclitic_length,
    sentences,
    snap_to_words,
    tokenize,
)

__all__ = [
    "BIDI_CONTROLS",
    "HAMZA_MODES",
    "OVERRIDE_CONTROLS",
    "PROCLITICS",
    "BidiControl",
    "DecodedText",
    "Folded",
    "TextDecodeError",
    "Utf16Map",
    "bidi_controls",
    "bidi_report",
    "cp_to_utf16",
    "decode_text",
    "find_occurrences",
    "fold",
    "fold_key",
    "fold_keys",
    "is_word_char",
    "normalise_import_text",
    "proclitic_length",
    "sentences",
    "snap_to_words",
    "tokenize",
    "utf16_to_cp",
]

"""Mizan's pure-Python Arabic text engine (stdlib only).

Decoding imported files, code point <-> UTF-16 offsets, the folding function with its offset map,
occurrence search, word keys for a search index, keyword-in-context lines, Arabic-aware word
boundaries and bidi control reporting. See docs/arabic.md and the offset contract in
docs/data-model.md.
"""

from .bidi import BIDI_CONTROLS, OVERRIDE_CONTROLS, BidiControl, bidi_controls, bidi_report
from .context import KeywordInContext, keyword_in_context
from .encoding import DecodedText, TextDecodeError, decode_text, normalise_import_text
from .folding import HAMZA_MODES, Folded, fold, fold_key, fold_keys
from .occurrences import find_occurrences, query_cores
from .offsets import Utf16Map, cp_to_utf16, utf16_to_cp
from .wordkeys import query_keys, word_keys
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
    "KeywordInContext",
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
    "keyword_in_context",
    "normalise_import_text",
    "proclitic_length",
    "query_cores",
    "query_keys",
    "sentences",
    "snap_to_words",
    "tokenize",
    "utf16_to_cp",
    "word_keys",
]

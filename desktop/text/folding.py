"""The folding function (docs/arabic.md): matching keys with a map back to stored offsets.

Stored text is never normalised. Search, "annotate all occurrences", claim alignment and alias
lookup compare *folded keys* instead, and every hit maps back to exact stored offsets through the
key's offset map.

Folding, in order (docs/arabic.md, steps 1-11):

1. drop format and bidi controls U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+061C, U+FEFF;
2. expand presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFC) by per-character NFKC;
3. drop marks (harakat, Quranic marks, superscript alef) and tatweel;
4. alef forms آ أ إ ٱ ٲ ٳ ٵ -> ا;  5. ى -> ي;  6. ة -> ه;
7. hamza on a seat: kept ("keep"), ؤ->و ئ->ي ("seat"), or ؤ ئ ء -> ء ("bare");
8. ک ی ہ ے -> ك ي ه ي;
9. Arabic-Indic and Persian digits -> 0-9, ٫ -> ".", ٬ dropped, ٪ -> "%";
10. ، ؛ ؟ -> , ; ?   « » and U+201C-U+201F -> ";
11. runs of whitespace -> one space; cased letters case-folded (per character, BMP only).

Step 2's output goes through steps 3-11 too (ﻷ -> لأ -> لا). Every step is a per-character map
except the whitespace runs.

Offset map: ``key[i]`` comes from ``text[starts[i]:ends[i]]``. A key character's range extends
over the marks, tatweel and other dropped *marks* that follow it, so a hit never separates a letter
from its diacritics; it does not extend over trailing bidi/format controls (those stay outside
spans). A whitespace run folds to one space mapped to the whole run; a ligature's key characters
all map to the one source character.

Speed. Folding runs over every imported document, so it must cost little next to storing the text.
``str.translate`` looks every character up through a Python object (about 40 ns each), so the fast
path goes through the C charmap codec instead: the 250 characters of everyday Arabic and ASCII
text are encoded to one byte each and decoded through a 256-entry table (a few ns per character).
Any other character is encoded as an escape byte, and the decoder's error handler folds it from the
stored text through the full table, so the result is the same for every input. :func:`fold` maps
the same bytes to one class letter per character and builds the offset map from them with regular
expressions and array copies (:func:`_fold_fast`). Texts holding an expanding character (ligatures,
ß) take the general path (:func:`_fold_general`), which handles such characters one by one.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress

__all__ = ["HAMZA_MODES", "Folded", "fold", "fold_key", "fold_keys"]

HAMZA_MODES = ("keep", "seat", "bare")

# Step 1: dropped without extending the previous key character's range.
_CONTROLS = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u061c", "\ufeff"]
)

# Step 3 (and the dropped ٬ of step 9): dropped, extending the previous key character's range.
_MARK_RANGES = (
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x0640, 0x0640),  # tatweel
    (0x066C, 0x066C),  # Arabic thousands separator
)
_MARKS = frozenset(chr(c) for lo, hi in _MARK_RANGES for c in range(lo, hi + 1))

_SIMPLE: dict[str, str] = {}
for _c in "\u0622\u0623\u0625\u0671\u0672\u0673\u0675":  # step 4
    _SIMPLE[_c] = "\u0627"
_SIMPLE["\u0649"] = "\u064a"  # step 5
_SIMPLE["\u0629"] = "\u0647"  # step 6
_SIMPLE.update({"\u06a9": "\u0643", "\u06cc": "\u064a", "\u06c1": "\u0647", "\u06d2": "\u064a"})
for _i in range(10):  # step 9
    _SIMPLE[chr(0x0660 + _i)] = str(_i)
    _SIMPLE[chr(0x06F0 + _i)] = str(_i)
_SIMPLE.update({"\u066b": ".", "\u066a": "%"})
_SIMPLE.update({"\u060c": ",", "\u061b": ";", "\u061f": "?", "\u00ab": '"', "\u00bb": '"'})  # 10
for _c in range(0x201C, 0x2020):
    _SIMPLE[chr(_c)] = '"'

_HAMZA: dict[str, dict[str, str]] = {
    "keep": {},
    "seat": {"\u0624": "\u0648", "\u0626": "\u064a"},
    "bare": {"\u0624": "\u0621", "\u0626": "\u0621"},
}

_BMP = 0x10000
_PRESENTATION = (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD))


def _fold_plain(ch: str, hamza: dict[str, str]) -> str:
    """Steps 1 and 3-11 for one character that is not a presentation form (the definition)."""
    if ch in _CONTROLS or ch in _MARKS:
        return ""
    if ch in hamza:
        return hamza[ch]
    if ch in _SIMPLE:
        return _SIMPLE[ch]
    if ch.isspace():
        return " "
    return ch.casefold()


def _fold_char(ch: str, hamza: dict[str, str]) -> str:
    """All steps but the whitespace runs, for one character."""
    if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFC:
        return "".join(_fold_plain(c, hamza) for c in unicodedata.normalize("NFKC", ch))
    return _fold_plain(ch, hamza)


def _bmp_folds(mode: dict[str, str]) -> list[str]:
    """``_fold_char(chr(o), mode)`` for every BMP code point, computed in bulk.

    Same priorities as :func:`_fold_plain`, applied from the lowest up: case folding, whitespace,
    the simple maps, hamza, dropped characters; presentation forms last. Surrogates map to
    themselves.
    """
    chars = [chr(o) for o in range(_BMP)]
    out = list(map(str.casefold, chars))
    for o in compress(range(_BMP), map(str.isspace, chars)):
        out[o] = " "
    for table in (_SIMPLE, mode):
        for ch, to in table.items():
            out[ord(ch)] = to
    for ch in _CONTROLS | _MARKS:
        out[ord(ch)] = ""
    for o in _PRESENTATION:
        out[o] = _fold_char(chars[o], mode)
    out[0xD800:0xE000] = chars[0xD800:0xE000]
    return out


# --- the fast path's byte alphabet ----------------------------------------------------------------

# Characters of everyday Arabic/ASCII news text, one byte each; none of them expands.
_ALPHABET = "".join(
    [chr(o) for o in range(0x80) if o in (0, 9, 10, 11, 12, 13) or 0x1C <= o < 0x7F]
    + [chr(o) for o in range(0x060C, 0x066E)]
    + list("\u0670\u0671\u067e\u0686\u0698\u06a4\u06a9\u06af\u06c1\u06cc\u06d2")
    + [chr(o) for o in range(0x06F0, 0x06FA)]
    + list("\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u201f\u2026")
    + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    + ["\ufeff"]
)
_ESCAPE = b"\xff"  # stands for any character outside the alphabet
_UNDEFINED = "\ufffe"  # a charmap decoding table's "no mapping": calls the error handler
_DROP = "\ue000"  # what a dropped character decodes to, removed afterwards
assert len(_ALPHABET) < 255 and _DROP not in _ALPHABET
_ENCODING_MAP = codecs.charmap_build(_ALPHABET + _UNDEFINED * (256 - len(_ALPHABET)))

# Classes of the offset map, one byte per character (_Tables.classes): k one key character,
# s a whitespace character, m dropped and extending the previous key character (marks, tatweel),
# c dropped and not extending (controls), x expanding.

_state = threading.local()  # the text being decoded, for the error handlers below


def _escape_rare(err: UnicodeEncodeError) -> tuple[bytes, int]:
    return _ESCAPE * (err.end - err.start), err.end


def _fold_rare(err: UnicodeDecodeError) -> tuple[str, int]:
    """Fold the stored characters behind escape bytes (offsets are one byte per character)."""
    out = _state.text[err.start : err.end].translate(_state.table)
    if _DROP in out:  # the marker itself is in the text: the caller takes the general path
        _state.marked = True
    return out, err.end


codecs.register_error("mizan-fold-escape", _escape_rare)
codecs.register_error("mizan-fold-rare", _fold_rare)


class _Tables:
    """Per-hamza-mode tables: the 64 K translate list (general path) and the decoding table."""

    def __init__(self, hamza: str) -> None:
        folds = _bmp_folds(_HAMZA[hamza])
        table: list[int | str | None] = list(range(_BMP))
        special: list[int] = []  # code points that are not a one-for-one mapping
        spaces: list[int] = []  # code points that fold to a single space
        for o, out in enumerate(folds):
            if out == " ":
                spaces.append(o)
            if len(out) == 1:
                if out != chr(o):
                    table[o] = ord(out)
            else:
                table[o] = out if out else None
                special.append(o)
        self.table = table
        classes = bytearray(b"k" * _BMP)
        for o in spaces:
            classes[o] = ord("s")
        for o in special:
            classes[o] = ord("x" if folds[o] else "c" if chr(o) in _CONTROLS else "m")
        self.classes = bytes(classes)
        self.class_bytes = bytes(classes[ord(ch)] for ch in _ALPHABET).ljust(256, b"?")
        self.space_chars = frozenset(chr(o) for o in spaces)
        # Specials for the general path: dropped / expanding characters, or a run of 2+ spaces.
        self.special = re.compile(f"([{_char_class(spaces)}]{{2,}})|[{_char_class(special)}]")
        self.decoding = "".join(folds[ord(ch)] or _DROP for ch in _ALPHABET).ljust(256, _UNDEFINED)


def _char_class(codes: list[int]) -> str:
    parts = []
    codes = sorted(codes)
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = codes[i], codes[j]
        parts.append(
            re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        )
        i = j + 1
    return "".join(parts)


_TABLES: dict[str, _Tables] = {}


def _tables(hamza: str) -> _Tables:
    tables = _TABLES.get(hamza)
    if tables is None:
        if hamza not in _HAMZA:
            raise ValueError(f"hamza must be one of {HAMZA_MODES}, not {hamza!r}")
        tables = _TABLES[hamza] = _Tables(hamza)
    return tables


_SPACE_RUN = re.compile(" {2,}")


def _encode(text: str) -> bytes:
    return codecs.charmap_encode(text, "mizan-fold-escape", _ENCODING_MAP)[0]


def _key_of(text: str, data: bytes, tables: _Tables) -> str | None:
    """The key from ``_encode(text)``; None if ``text`` holds the fast path's marker character."""
    _state.text, _state.table, _state.marked = text, tables.table, False
    try:
        key = codecs.charmap_decode(data, "mizan-fold-rare", tables.decoding)[0]
    finally:
        _state.text = _state.table = None
    if _DROP in key:
        if _state.marked:
            return None
        key = key.replace(_DROP, "")
    if "  " in key:
        key = _SPACE_RUN.sub(" ", key)
    return key


def fold_key(text: str, *, hamza: str = "keep") -> str:
    """The folded key of ``text`` without an offset map (the fast path for indexing)."""
    tables = _tables(hamza)
    key = _key_of(text, _encode(text), tables)
    if key is None:
        key = text.translate(tables.table)
        if "  " in key:
            key = _SPACE_RUN.sub(" ", key)
    return key


def fold_keys(texts: Iterable[str], *, hamza: str = "keep") -> Iterator[str]:
    """:func:`fold_key` of each text, for bulk callers (import, index builds)."""
    for text in texts:
        yield fold_key(text, hamza=hamza)


@dataclass(frozen=True)
class Folded:
    """A folded key and its map: ``key[i]`` came from stored ``text[starts[i]:ends[i]]``."""

    key: str
    starts: array
    ends: array
    hamza: str = "keep"

    def __len__(self) -> int:
        return len(self.key)

    def span(self, k_start: int, k_end: int) -> tuple[int, int]:
        """Stored-offset span ``[start, end)`` of the key range ``[k_start, k_end)``."""
        if not 0 <= k_start < k_end <= len(self.key):
            raise IndexError(
                f"key range [{k_start}, {k_end}) invalid for key length {len(self.key)}"
            )
        return self.starts[k_start], self.ends[k_end - 1]


_identity = array("i")


def _identity_upto(n: int) -> array:
    """A shared array 0, 1, 2, ... of length > n.

    Runs of one-for-one characters copy their offsets out of it (a memcpy) instead of extending
    from ``range`` (one int object per character). Kept between calls; it costs 4 bytes per
    character of the longest text folded so far.
    """
    global _identity
    if len(_identity) <= n:
        _identity = array("i", range(n + 1 + n // 8 + 1024))
    return _identity


def fold(text: str, *, hamza: str = "keep") -> Folded:
    """Fold ``text`` as :func:`fold_key` does and keep the map back to stored offsets."""
    tables = _tables(hamza)
    if text:
        folded = _fold_fast(text, tables, hamza)
        if folded is not None:
            return folded
    return _fold_general(text, tables, hamza)


_EMITS = bytes.maketrans(b"ksmc", b"\x01\x01\x00\x00")
_EMIT_LETTERS = bytes.maketrans(b"ksmc", b"kkmm")
_C, _K = ord("c"), ord("k")
_IN_GROUP = frozenset(b"smc")
_EMITTING = frozenset(b"ks")


def _join_space_groups(cls: bytes | bytearray) -> bytes | bytearray:
    """Reclassify the later spaces of a whitespace group as ``m``: they extend its first space.

    A group is a space followed by spaces, marks and controls in any order (docs/arabic.md:
    a run of whitespace folds to one space).
    """
    n = len(cls)
    out = None
    i = min(k for k in (cls.find(b"ss"), cls.find(b"sm"), cls.find(b"sc"), n) if k >= 0)
    while i < n:
        j = i + 1
        while j < n and cls[j] in _IN_GROUP:
            j += 1
        if b"s" in cls[i + 1 : j]:
            if out is None:
                out = bytearray(cls)
            out[i + 1 : j] = cls[i + 1 : j].replace(b"s", b"m")
        found = [k for k in (cls.find(b"ss", j), cls.find(b"sm", j), cls.find(b"sc", j)) if k >= 0]
        i = min(found) if found else n
    return cls if out is None else out


def _fold_fast(text: str, tables: _Tables, hamza: str) -> Folded | None:
    """The offset map from one class letter per character; None if the general path must do it.

    Key characters come from ``k`` and from the first ``s`` of a whitespace group (later spaces of
    the group become ``m``: they extend it). So key character ``i`` starts at the ``i``-th
    emitting position and ends after the last character before the next one that is not a
    control: the next start, moved back over the controls right before it.
    """
    n = len(text)
    data = _encode(text)
    cls: bytes | bytearray = data.translate(tables.class_bytes)
    a = cls.find(b"?")
    if a >= 0:  # characters outside the alphabet: classify them from the full table
        cls = bytearray(cls)
        while a >= 0:
            o = ord(text[a])
            cls[a] = tables.classes[o] if o < _BMP else _K
            a = cls.find(b"?", a + 1)
        if b"x" in cls:
            return None
    key = _key_of(text, data, tables)
    if key is None:
        return None
    ident = _identity_upto(n)
    if len(key) == n:  # nothing dropped or joined: offsets are the identity
        return Folded(key, ident[:n], ident[1 : n + 1], hamza)
    if b"ss" in cls or b"sm" in cls or b"sc" in cls:
        cls = _join_space_groups(cls)
    if (n - len(key)) * 8 < n:  # few dropped characters: copy the runs between them
        starts = array("i")
        pos = 0
        for length in map(len, cls.translate(_EMIT_LETTERS).split(b"m")):
            if length:
                starts += ident[pos : pos + length]
            pos += length + 1
    else:
        starts = array("i", compress(range(n), cls.translate(_EMITS)))
    ends = starts[1:]
    if starts:
        ends.append(n)
    i = cls.find(b"c")
    while i >= 0:  # controls right before the next key character are outside the range before it
        j = i + 1
        while j < n and cls[j] == _C:
            j += 1
        if j == n or cls[j] in _EMITTING:
            k = len(starts) if j == n else bisect_left(starts, j)
            if k > 0:
                ends[k - 1] = i
        i = cls.find(b"c", j)
    return Folded(key, starts, ends, hamza)


def _fold_general(text: str, tables: _Tables, hamza: str) -> Folded:
    """Any text, expansions included: one-for-one runs in bulk, other characters one by one."""
    ident = _identity_upto(len(text))
    table = tables.table
    space_chars = tables.space_chars
    parts: list[str] = []
    starts = array("i")
    ends = array("i")
    last_space = False  # is the last key character a space (for merging whitespace runs)?

    def bulk(a: int, b: int) -> None:
        # text[a:b] holds only one-for-one characters and no two adjacent space-folding ones.
        nonlocal last_space
        if last_space and text[a] in space_chars:
            ends[-1] = a + 1
            a += 1
            if a == b:
                return
        parts.append(text[a:b].translate(table))
        starts.extend(ident[a:b])
        ends.extend(ident[a + 1 : b + 1])
        last_space = text[b - 1] in space_chars

    pos = 0
    for m in tables.special.finditer(text):
        a = m.start()
        if a > pos:
            bulk(pos, a)
        pos = m.end()
        if m.group(1) is not None:  # a whitespace run
            if last_space:
                ends[-1] = pos
            else:
                parts.append(" ")
                starts.append(a)
                ends.append(pos)
                last_space = True
            continue
        ch = text[a]
        out = table[ord(ch)]
        if out is None:
            if ch not in _CONTROLS and ends:
                ends[-1] = pos  # a mark stays with the character before it
            continue
        for k in out:  # an expansion: every key character maps to this one source character
            if k == " " and last_space:
                ends[-1] = pos
                continue
            parts.append(k)
            starts.append(a)
            ends.append(pos)
            last_space = k == " "
    if pos < len(text):
        bulk(pos, len(text))
    return Folded("".join(parts), starts, ends, hamza)

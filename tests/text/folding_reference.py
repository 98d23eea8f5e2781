"""Reference: the folding implementation as it was before the fast path (verbatim).

tests/text/test_folding_fast.py compares the library's ``fold``/``fold_key`` with these, so the
fast path must give exactly the same keys and offset maps. Below the marker line the code is
copied unchanged from ``desktop/text/folding.py`` at commit bb17450 (only its module docstring,
the ``.words`` import and the occurrence search are left out).
"""

# ruff: noqa
# fmt: off
# ---- verbatim below ----
from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass


__all__ = ["HAMZA_MODES", "Folded", "find_occurrences", "fold", "fold_key"]

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


def _is_presentation(o: int) -> bool:
    return 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFC


def _fold_plain(ch: str, hamza: dict[str, str]) -> str:
    """Steps 1 and 3-11 for one character that is not a presentation form."""
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
    if _is_presentation(ord(ch)):
        return "".join(_fold_plain(c, hamza) for c in unicodedata.normalize("NFKC", ch))
    return _fold_plain(ch, hamza)


class _Tables:
    """Per-hamza-mode translate table, built on first use (a 64 K list: the fastest lookup)."""

    def __init__(self, hamza: str) -> None:
        mode = _HAMZA[hamza]
        table: list[int | str | None] = list(range(_BMP))
        special: list[int] = []  # code points that are not a one-for-one mapping
        spaces: list[int] = []  # code points that fold to a single space
        for o in range(_BMP):
            ch = chr(o)
            if 0xD800 <= o <= 0xDFFF:
                continue
            out = _fold_char(ch, mode)
            if out == " ":
                spaces.append(o)
            if out == ch:
                continue
            if len(out) == 1:
                table[o] = ord(out)
            else:
                table[o] = out if out else None
                special.append(o)
        self.table = table
        self.space_chars = frozenset(chr(o) for o in spaces)
        # Specials for fold(): dropped / expanding characters, or a run of 2+ space-folding ones.
        self.special = re.compile(f"([{_char_class(spaces)}]{{2,}})|[{_char_class(special)}]")


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


def fold_key(text: str, *, hamza: str = "keep") -> str:
    """The folded key of ``text`` without an offset map (fast: one translate, one regex)."""
    key = text.translate(_tables(hamza).table)
    if "  " in key:
        key = _SPACE_RUN.sub(" ", key)
    return key


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
    from ``range`` (one int object per character), which makes :func:`fold` several times faster.
    Kept between calls; it costs 4 bytes per character of the longest text folded so far.
    """
    global _identity
    if len(_identity) <= n:
        _identity = array("i", range(n + 1 + n // 8 + 1024))
    return _identity


def fold(text: str, *, hamza: str = "keep") -> Folded:
    """Fold ``text`` as :func:`fold_key` does and keep the map back to stored offsets."""
    tables = _tables(hamza)
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

"""Code point <-> UTF-16 code unit conversion.

Mizan stores every offset in Unicode code points (Python ``str`` indices); Qt counts UTF-16 code
units, where a character outside the Basic Multilingual Plane (an emoji, say) takes two. This module
is the one tested place where the two units meet (see the offset contract in docs/data-model.md).

Only the positions of astral characters matter: the UTF-16 index of code point ``i`` is ``i`` plus
the number of astral characters before ``i``. :class:`Utf16Map` finds them once with one regex pass
and answers each conversion with a binary search, so a 1 MB article costs one scan, not one scan per
call. Texts without astral characters (most Arabic news) take an identity fast path.

Qt's ``QTextDocument`` also joins blocks with U+2029 instead of ``\\n``; that is a one-for-one
replacement and does not change any count, so it is not handled here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

__all__ = ["Utf16Map", "cp_to_utf16", "utf16_to_cp"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets of one text between code points and UTF-16 code units.

    Build it once per document (``Utf16Map(text)``) and reuse it for every conversion.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "_cp_len")

    def __init__(self, text: str) -> None:
        self._cp_len = len(text)
        # Code point index of each astral character, ascending.
        cps = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_cp: list[int] = cps
        # UTF-16 index where each astral character's surrogate pair starts.
        self._astral_u16: list[int] = [cp + k for k, cp in enumerate(cps)]

    @property
    def cp_length(self) -> int:
        """Length of the text in code points (``len(text)``)."""
        return self._cp_len

    @property
    def utf16_length(self) -> int:
        """Length of the text in UTF-16 code units (what Qt reports)."""
        return self._cp_len + len(self._astral_cp)

    @property
    def has_astral(self) -> bool:
        """True when the two units differ somewhere in this text."""
        return bool(self._astral_cp)

    def to_utf16(self, cp_index: int) -> int:
        """UTF-16 index of code point index ``cp_index`` (0 <= cp_index <= len(text))."""
        if not 0 <= cp_index <= self._cp_len:
            raise IndexError(f"code point index {cp_index} out of range 0..{self._cp_len}")
        if not self._astral_cp:
            return cp_index
        return cp_index + bisect_left(self._astral_cp, cp_index)

    def to_cp(self, utf16_index: int) -> int:
        """Code point index of UTF-16 index ``utf16_index``.

        An index that falls between the two halves of a surrogate pair rounds down to the start of
        that character, so a Qt cursor can never produce an offset inside a character.
        """
        if not 0 <= utf16_index <= self.utf16_length:
            raise IndexError(f"UTF-16 index {utf16_index} out of range 0..{self.utf16_length}")
        u16 = self._astral_u16
        if not u16:
            return utf16_index
        # Pairs that end at or before utf16_index lie wholly before it.
        before = bisect_right(u16, utf16_index - 2)
        if before < len(u16) and u16[before] == utf16_index - 1:
            # Inside the pair that starts one unit earlier: round down to its start.
            return utf16_index - 1 - before
        return utf16_index - before

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """Convert a code point span ``[start, end)`` to UTF-16 units."""
        return self.to_utf16(start), self.to_utf16(end)

    def span_to_cp(self, start: int, end: int) -> tuple[int, int]:
        """Convert a UTF-16 span to code points (each end rounds down, see :meth:`to_cp`)."""
        return self.to_cp(start), self.to_cp(end)

    def __repr__(self) -> str:
        return f"Utf16Map(cp_length={self._cp_len}, utf16_length={self.utf16_length})"


def cp_to_utf16(text: str, i: int) -> int:
    """One-off code point -> UTF-16 conversion; use :class:`Utf16Map` for repeated calls."""
    if not 0 <= i <= len(text):
        raise IndexError(f"code point index {i} out of range 0..{len(text)}")
    return i + len(_ASTRAL.findall(text, 0, i))


def utf16_to_cp(text: str, j: int) -> int:
    """One-off UTF-16 -> code point conversion (rounds down inside a surrogate pair)."""
    return Utf16Map(text).to_cp(j)

"""Keyword in context: a span with the words around it, for lists that must be judged at a glance.

A list of sources or suggestions that shows only the name (nine rows of «بوتين») or raw offsets
cannot be judged; the few words on each side can. Whole words only (never half a word), whitespace
collapsed to one space and bidi/format controls left out, so the line is safe to show as plain
text on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KeywordInContext", "keyword_in_context"]

_WORD = re.compile(r"\S+")
_CONTROLS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _clean(text: str) -> str:
    return " ".join(_CONTROLS.sub("", text).split())


@dataclass(frozen=True)
class KeywordInContext:
    before: str  # up to ``words`` whole words before the span
    keyword: str  # the span's text
    after: str  # up to ``words`` whole words after it
    cut_before: bool  # more text precedes ``before``
    cut_after: bool  # more text follows ``after``
    glued_before: str = ""  # the rest of the word the span starts in (a proclitic, a quote mark)
    glued_after: str = ""  # the rest of the word the span ends in (a suffix, punctuation)

    def line(self, mark: str = "[{}]") -> str:
        """One line: ``… before [keyword] after …`` (``mark`` frames the keyword)."""
        word = self.glued_before + mark.format(self.keyword) + self.glued_after
        parts = ["…" if self.cut_before else "", self.before, word]
        parts += [self.after, "…" if self.cut_after else ""]
        return " ".join(p for p in parts if p)

    def __str__(self) -> str:
        return self.line()


def keyword_in_context(text: str, start: int, end: int, *, words: int = 4) -> KeywordInContext:
    """The span ``text[start:end]`` with up to ``words`` whole words on each side.

    The rest of a word the span cuts is kept beside it and not counted as a context word:
    the span ``بوتين`` of ``وبوتين،`` reads ``و[بوتين]،``.
    """
    if not 0 <= start <= end <= len(text):
        raise IndexError(f"span [{start}, {end}) out of range for text of length {len(text)}")
    reach = 40 * (words + 1)  # characters looked at on each side: enough for `words` words
    left, right = text[max(0, start - reach) : start], text[end : end + reach]
    before_words = _WORD.findall(left)
    after_words = _WORD.findall(right)
    if start - reach > 0 and before_words and not text[start - reach - 1].isspace():
        before_words.pop(0)  # cut by the reach: not a whole word
    if end + reach < len(text) and after_words and not text[end + reach].isspace():
        after_words.pop()
    # the rest of a word the span cuts (a proclitic, a quote mark) is shown with it, not counted
    glued_before = before_words.pop() if before_words and not left[-1:].isspace() else ""
    glued_after = after_words.pop(0) if after_words and not right[:1].isspace() else ""
    cut_before = len(before_words) > words or bool(text[: max(0, start - reach)].strip())
    cut_after = len(after_words) > words or bool(text[end + reach :].strip())
    return KeywordInContext(
        before=_clean(" ".join(before_words[-words:]) if words else ""),
        keyword=_clean(text[start:end]),
        after=_clean(" ".join(after_words[:words]) if words else ""),
        cut_before=cut_before,
        cut_after=cut_after,
        glued_before=_clean(glued_before),
        glued_after=_clean(glued_after),
    )

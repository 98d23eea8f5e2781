"""Tokens and token-level IOB tags for κ and α.

The tokens are exactly those of :func:`desktop.text.tokenize` (a test compares the two on the seeds
and on generated text). ``tokenize`` asks ``unicodedata`` about every character, which costs about
a second per thousand articles; here each distinct character is classified once, the text is
mapped to a string of classes, and a regular expression finds the tokens. A whitespace-separated
chunk that holds a character needing ``tokenize``'s special care (invisible format controls, ZWJ,
skin tones, flags) is handed to ``tokenize`` itself: tokens never cross whitespace, so the result
is the same.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import itemgetter

from desktop.text import tokenize

__all__ = ["OUTSIDE", "classes", "iob_tags", "mention_tags", "token_count", "tokens"]

OUTSIDE = "O"
_SEPARATORS = frozenset(".,\u066b\u066c")  # inside a number between two digits
_CLASS: dict[int, str] = {}  # code point -> class letter, filled as characters are met
_UNCLASSIFIED = re.compile("[^sxdwmnp]")
_CHUNK = r"(?<![^s])[^sx]*x[^s]*"  # a chunk that needs tokenize() itself
_CHUNKS = re.compile(_CHUNK)
_WORD_OR_MARK = r"(?:[wdm]|(?<=d)n(?=d))+|[pn]m*"  # a word | a punctuation character + marks
_TOKEN = re.compile(_CHUNK + "|" + _WORD_OR_MARK)
_PLAIN_WORD = re.compile("[wd][wdm]*")
_PLAIN_WORDS = re.compile("[wd][wdm]*(?:s+[wd][wdm]*)*")
_WORDS_AND_MARKS = re.compile(_WORD_OR_MARK)
_NO_SEPARATOR = re.compile("[wdm]+|pm*")  # the same tokens when no "n" is in the text
# the same tokens when no separator stands between two digits: no look-around to try per letter
_NO_DIGIT_SEPARATOR = re.compile("[wdm]+|[pn]m*")
_DIGIT_SEPARATOR = re.compile("dn(?=d)")


def _classify(ch: str) -> str:
    o = ord(ch)
    if ch.isspace():
        return "s"
    category = unicodedata.category(ch)
    if (
        category == "Cf"
        or 0x1F1E6 <= o <= 0x1F1FF  # regional indicators (flags)
        or 0x1F3FB <= o <= 0x1F3FF  # skin tones
    ):
        return "x"
    if ch.isdecimal():
        return "d"
    if ch.isalnum():
        return "w"
    if category[0] == "M":
        return "m"
    if ch in _SEPARATORS:
        return "n"
    return "p"


# ASCII classified up front: an unclassified character stays itself after ``translate``, and the
# letters s x d w m n p must not pass for their own class.
_CLASS.update((o, _classify(chr(o))) for o in range(128))


def classes(text: str) -> str:
    """The text as one class letter per character: s(pace), x (special), d(igit), w(ord),
    m(ark), n(umber separator), p(unctuation or symbol)."""
    out = text.translate(_CLASS)
    if _UNCLASSIFIED.search(out):  # characters not met before: classify them once
        for ch in set(_UNCLASSIFIED.findall(out)):
            _CLASS[ord(ch)] = _classify(ch)
        out = text.translate(_CLASS)
    return out


def tokens(text: str, cls: str | None = None, lo: int = 0, hi: int | None = None):
    """``desktop.text.tokenize(text)``, computed faster.

    With ``lo`` and ``hi`` (whitespace positions or the ends of the text), only the tokens in
    ``text[lo:hi]``; ``cls`` is ``classes(text)`` when the caller has it already.
    """
    cls = classes(text) if cls is None else cls
    hi = len(text) if hi is None else hi
    spans = [m.span() for m in _TOKEN.finditer(cls, lo, hi)]
    if "x" not in cls[lo:hi]:
        return spans
    out: list[tuple[int, int]] = []
    done = 0
    for chunk in _CHUNKS.finditer(cls, lo, hi):  # replaced by tokenize()'s tokens, in place
        start, end = chunk.span()
        i = bisect_left(spans, (start, end), done)
        out += spans[done:i]
        out += [(start + a, start + b) for a, b in tokenize(text[start:end])]
        done = i + 1
    out += spans[done:]
    return out


def token_count(text: str, cls: str | None = None) -> int:
    """``len(tokenize(text))`` without building the tokens.

    The plain tokens are counted over the whole text by one regular expression that skips "x"
    characters; each chunk holding an "x" then trades its plain count for ``tokenize``'s.
    """
    cls = classes(text) if cls is None else cls
    if "n" not in cls:
        pattern = _NO_SEPARATOR
    elif _DIGIT_SEPARATOR.search(cls) is None:
        pattern = _NO_DIGIT_SEPARATOR
    else:
        pattern = _WORDS_AND_MARKS
    n = pattern.subn("", cls)[1]  # counted, no list of matches built
    size = len(cls)
    i = cls.find("x")
    while i >= 0:
        lo = cls.rfind("s", 0, i) + 1
        hi = cls.find("s", i)
        hi = size if hi < 0 else hi
        n += _chunk_tokens(text[lo:hi]) - len(pattern.findall(cls, lo, hi))
        i = cls.find("x", hi)
    return n


@lru_cache(maxsize=4096)
def _chunk_tokens(chunk: str) -> int:
    """``len(tokenize(chunk))``: the same emoji and joined words come back in every article."""
    return len(tokenize(chunk))


def mention_tags(
    text: str,
    cls: str,
    spans: Iterable[tuple[int, int, str]],
    label: str | None = None,
    runs_cache: dict[tuple[int, int], list[int]] | None = None,
) -> dict[int, str]:
    """The tags of :func:`iob_tags` that are not ``O``, keyed by the token's start offset.

    Tokens never cross whitespace, so only the whitespace-delimited stretch around each mention
    is tokenized. ``runs_cache`` (one dict per text) keeps the token starts of each span, so the
    spans several annotators share are tokenized once.
    """
    out: dict[int, str] = {}
    cache = {} if runs_cache is None else runs_cache
    # by start, the longer first, else in the order given: two stable sorts on C-level keys
    for start, end, key in sorted(sorted(spans, key=_END, reverse=True), key=_START):
        if label is not None and key != label:
            continue
        runs = cache.get((start, end))
        if runs is None:
            runs = cache[start, end] = _span_runs(text, cls, start, end)
        tag = "B-" + key
        for a in runs:
            if a not in out:
                out[a] = tag
                tag = "I-" + key
    return out


_START, _END = itemgetter(0), itemgetter(1)


def _span_runs(text: str, cls: str, start: int, end: int) -> list[int]:
    """Start offsets of the tokens a span overlaps."""
    size = len(text)
    if (
        (start == 0 or cls[start - 1] in "sp")
        and (end == size or cls[end] in "sp")
        and _PLAIN_WORDS.fullmatch(cls, start, end)
    ):  # the usual case: the mention is exactly some plain words
        if "s" not in cls[start:end]:
            return [start]
        return [m.start() for m in _PLAIN_WORD.finditer(cls, start, end)]
    lo = cls.rfind("s", 0, start) + 1
    hi = cls.find("s", end)
    found = tokens(text, cls, lo, size if hi < 0 else hi)
    return [a for a, b in found if a < end and b > start]


def iob_tags(
    token_spans: Sequence[tuple[int, int]],
    spans: Iterable[tuple[int, int, str]],
    label: str | None = None,
) -> list[str]:
    """One IOB tag per token: ``B-L`` on a mention's first token, ``I-L`` on the rest, else ``O``.

    A token belongs to a mention when they overlap. Where one annotator's mentions overlap each
    other, the earlier (then the longer) mention keeps the token. With ``label``, mentions of other
    labels are ignored.
    """
    tags = [OUTSIDE] * len(token_spans)
    starts = [s for s, _ in token_spans]
    ends = [e for _, e in token_spans]
    for start, end, key in sorted(spans, key=lambda m: (m[0], -m[1])):
        if label is not None and key != label:
            continue
        first = bisect_left(ends, start + 1)  # first token ending after the mention starts
        last = bisect_left(starts, end)  # tokens from here on start at or after its end
        tag = "B-" + key
        for i in range(first, last):
            if tags[i] is OUTSIDE:
                tags[i] = tag
                tag = "I-" + key
    return tags

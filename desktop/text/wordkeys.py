"""Folded word keys of a text, for a word-level search index (docs/arabic.md, clitic rule).

A word index stores, per document, the distinct keys of its words: each word folded
(:func:`desktop.text.fold_key`) and, beside it, the word without a leading proclitic
``(و|ف)?(ب|ك|ل)?`` and with a fused لل read as ال (للأسد also gives الأسد). It is much cheaper to
build than a trigram index, and it answers the searches the window makes — whole words, with or
without clitics — as a prefilter: a document with an occurrence always holds every key the query
asks for (:func:`query_keys`), and :func:`desktop.text.find_occurrences` then finds the exact
offsets. Substring searches (``whole_words=False``) cannot use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .folding import fold_key
from .occurrences import query_cores

__all__ = ["query_keys", "word_keys"]

_WORD = re.compile(r"[^\W_]+")  # letters and digits: the key's word characters, as words.py
_CLITIC = re.compile("(?:و|ف)?(?:ب|ك|ل)?")
_FUSED_LAM = re.compile("(?:و|ف)?ل")


def _variants(word: str) -> list[str]:
    out = [word]
    for k in (1, 2):
        if len(word) <= k:
            break
        prefix = word[:k]
        if _CLITIC.fullmatch(prefix):
            out.append(word[k:])
        if word[k] == "ل" and _FUSED_LAM.fullmatch(prefix):
            out.append("ا" + word[k:])
    return out


@lru_cache(maxsize=1 << 16)  # news vocabulary repeats: most tokens were seen before
def _token_keys(token: str) -> tuple[str, ...]:
    """The keys of one space-separated token of a folded key (``بوتين،`` gives بوتين ...)."""
    if token.isalnum():
        return tuple(_variants(token))
    return tuple(k for word in _WORD.findall(token) for k in _variants(word))


def word_keys(text: str, *, hamza: str = "keep") -> set[str]:
    """The distinct index keys of ``text``: its folded words and their clitic-stripped forms."""
    keys: set[str] = set()
    for token in set(fold_key(text, hamza=hamza).split(" ")):
        keys.update(_token_keys(token))
    return keys


def query_keys(
    query: str, *, clitic_insensitive: bool = False, hamza: str = "keep"
) -> list[tuple[str, ...]]:
    """What a document's keys must hold for a whole-word search of ``query`` to match.

    One tuple per query word: the document must hold at least one key of every tuple. Only the
    first word has alternatives (the query with and without its own proclitic, as
    :func:`desktop.text.find_occurrences` searches it). An empty list: the query has no word, and
    the index cannot narrow the search.
    """
    q = fold_key(query, hamza=hamza).strip(" ")
    words = _WORD.findall(q)
    if not words:
        return []
    out = [(w,) for w in words]
    if clitic_insensitive:
        firsts = {_WORD.findall(core)[0] for core in query_cores(q) if _WORD.findall(core)}
        out[0] = tuple(sorted(firsts | {words[0]}))
    return out

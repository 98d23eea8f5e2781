"""Finding every occurrence of a folded query in a text, as stored-offset spans.

Search, "annotate all occurrences" and the cue lexicon match through the folded key of
:mod:`desktop.text.folding` and map each hit back with its offset map; the word tests come from
:mod:`desktop.text.words`. Clitic-insensitive matching follows the clitic rule of docs/arabic.md.
"""

from __future__ import annotations

import re

from .folding import Folded, fold, fold_key
from .words import is_word_char

__all__ = ["find_occurrences", "query_cores"]

# Proclitics accepted before a match in clitic-insensitive mode, in folded form.
_CLITIC = re.compile("(?:و|ف)?(?:ب|ك|ل)?")
_FUSED_LAM = re.compile("(?:و|ف)?ل")
_MAX_CLITIC = 2


def query_cores(q: str) -> list[str]:
    """The folded query and the query without its own proclitic (clitic-insensitive search).

    A leading و/ف is stripped when at least three characters remain; ب/ك after it only when the
    article follows (بال...), and a leading لل becomes ال. A bare ب ك ل is never stripped from a
    query: too many names start with one (بوتين, لبنان, كركوك).
    """
    cores = [q]
    rest = q
    if rest[:1] in ("و", "ف") and len(rest) >= 4:
        rest = rest[1:]
        cores.append(rest)
    if rest[:1] in ("ب", "ك") and rest.startswith("ال", 1) and len(rest) >= 4:
        cores.append(rest[1:])
    elif rest.startswith("لل") and len(rest) >= 4:
        cores.append("ا" + rest[1:])
    return list(dict.fromkeys(cores))


def find_occurrences(
    text: str,
    query: str,
    *,
    clitic_insensitive: bool = False,
    whole_words: bool = True,
    folded: Folded | None = None,
    hamza: str | None = None,
) -> list[tuple[int, int]]:
    """Every occurrence of the folded ``query`` in ``text``, as sorted stored-offset spans.

    ``whole_words``: a match must not continue a word on either side (checked on the key, and only
    at a query edge that is itself a word character, so a query ending in punctuation still works).

    ``clitic_insensitive``: also match a word written with a leading proclitic ``(و|ف)?(ب|ك|ل)?``;
    the span then covers the whole written word (``وبوتين`` is one mention). The query's own
    proclitic is stripped as well (see :func:`query_cores`). The article ال is *not* treated as
    a clitic (رئيس does not find الرئيس), but a query that starts with ال also finds the fused
    form with لل (الأسد finds للأسد and وللأسد), which is the same word.

    ``folded``: pass ``fold(text)`` to search one document many times; its hamza mode is used.
    """
    if folded is None:
        folded = fold(text, hamza=hamza or "keep")
    elif hamza is not None and hamza != folded.hamza:
        raise ValueError(f"hamza={hamza!r} but folded was built with {folded.hamza!r}")
    q = fold_key(query, hamza=folded.hamza).strip(" ")
    if not q:
        return []
    key = folded.key
    n = len(key)
    # (needle, proclitic pattern allowed before it, proclitic required)
    needles: list[tuple[str, re.Pattern[str] | None, bool]] = []
    if clitic_insensitive:
        for core in query_cores(q):
            needles.append((core, _CLITIC, False))
            if core.startswith("ال") and len(core) > 2:
                needles.append((core[1:], _FUSED_LAM, True))
    else:
        needles.append((q, None, False))

    found: set[tuple[int, int]] = set()
    for needle, clitic, required in needles:
        left_word = is_word_char(needle[0])
        right_word = is_word_char(needle[-1])
        i = key.find(needle)
        while i != -1:
            s, e = i, i + len(needle)
            i = key.find(needle, i + 1)
            if whole_words and right_word and e < n and is_word_char(key[e]):
                continue
            if clitic is not None and left_word:
                w = s
                while w > 0 and s - w <= _MAX_CLITIC and is_word_char(key[w - 1]):
                    w -= 1
                at_word_start = w == 0 or not is_word_char(key[w - 1])
                if w < s and at_word_start and clitic.fullmatch(key, w, s):
                    s = w
                elif required or (whole_words and s > 0 and is_word_char(key[s - 1])):
                    continue
            elif whole_words and left_word and s > 0 and is_word_char(key[s - 1]):
                continue
            found.add(folded.span(s, e))
    return sorted(found)

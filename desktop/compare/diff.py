"""Word-level diff of two claim wordings, for the right-to-left side-by-side view.

Words are compared by their folded key (:func:`desktop.text.fold_key`), so a vowelled, tatweel or
hamza-variant spelling of the same word is *equal*, and ``٧`` equals ``7``. The output keeps the
original surface text, whitespace included: concatenating the ``a_text`` of every operation gives
back ``a`` exactly, and likewise for ``b``, so the view can colour the stored wording in place.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from desktop.text import fold_key, tokenize

__all__ = ["word_diff"]


def _cuts(text: str, tokens: list[tuple[int, int]]) -> list[int]:
    """Boundaries so that token ``i`` owns ``text[cuts[i]:cuts[i + 1]]``: the token and the
    whitespace after it (the first token also owns any leading whitespace)."""
    return [0] + [s for s, _ in tokens[1:]] + [len(text)]


def word_diff(a: str, b: str) -> list[tuple[str, str, str]]:
    """``(op, a_text, b_text)`` operations turning wording ``a`` into wording ``b``.

    ``op`` is ``"equal"``, ``"replace"``, ``"delete"`` (``b_text`` empty) or ``"insert"``
    (``a_text`` empty). Tokens are :func:`desktop.text.tokenize` tokens (proclitics stay on their
    word, punctuation is a token of its own) matched with :class:`difflib.SequenceMatcher`.
    An ``equal`` operation may differ in harakat, tatweel, letter variants or spacing.
    """
    ta, tb = tokenize(a), tokenize(b)
    if not ta or not tb:
        if not ta and not tb:
            return [("equal", a, b)] if a or b else []
        return [("insert", a, b)] if not ta else [("delete", a, b)]
    ka = [fold_key(a[s:e]) for s, e in ta]
    kb = [fold_key(b[s:e]) for s, e in tb]
    ca, cb = _cuts(a, ta), _cuts(b, tb)
    out: list[tuple[str, str, str]] = []
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        out.append((op, a[ca[i1] : ca[i2]], b[cb[j1] : cb[j2]]))
    return out

"""How alike two claims are worded: TF-IDF over character n-grams of stemmed words.

Arabic morphology makes whole-word overlap weak (التجارة / التجاري / وللتجارة); shared n-grams of
light stems are not. Each claim becomes a vector over the character 3-5-grams of its content
words (folded with ``desktop.text.fold_key``, function words dropped, the word's boundaries
marked, a light stem: leading و, the article and its clitic forms, common suffixes), and every
quantity one token of its normalised value, so ``7٪`` and ``سبعة بالمائة`` are the same text.

The similarity of two claims is the mean of the cosine of their vectors (sublinear tf, smoothed
idf, L2-normalised) and the containment of the shorter one's idf mass in the other, capped at 1.

Speed: the dot products of all candidate pairs are computed with numpy (already installed with
spaCy), one batch per claim: a dense row of the claim's weights is gathered at the n-grams of
all its candidates at once (docs/benchmarks.md, 200 documents x 50 claims).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain

import numpy as np

from desktop.text import fold_key

from .numbers import Quantity

__all__ = ["claim_grams", "claim_grams_and_4grams", "text_similarity"]

_STOP = {
    fold_key(w)
    for w in (
        "في من على إلى الى عن أن إن أنه إنه التي الذي الذين اللذين هذا هذه ذلك تلك هناك هنا مع "
        "أو ثم قد لقد كما حيث بين عند منذ خلال بعد قبل كل أي ما لا لم لن هو هي هم هما نحن أنا "
        "كان كانت يكون تكون وقد وقال قال أكد وأكد أشار وأشار أضاف وأضاف أوضح وأوضح بأن لأن "
        "ولا وهو وهي وفي ومن وعلى وإلى وأن وإن فإن كذلك أيضا أيضًا إنها أنها عليه فيه فيها "
        "به بها له لها"
    ).split()
}
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_WORD = re.compile(r"\w+")
_GRAM_CACHE: dict[str, tuple[str, ...]] = {}
_STEM_CACHE: dict[str, str] = {}


def _stem(w: str) -> str:
    """Light stemming in the spirit of Larkey's light10: clitics and common suffixes off."""
    stem = _STEM_CACHE.get(w)
    if stem is None:
        stem = _light10(w)
        if len(_STEM_CACHE) < 200_000:
            _STEM_CACHE[w] = stem
    return stem


def _light10(w: str) -> str:
    if len(w) > 3 and w[0] == "و":
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p) :]
            break
    for s in _SUFFIXES:
        if len(w) - len(s) >= 3 and w.endswith(s):
            w = w[: -len(s)]
    return w


def _grams(token: str) -> tuple[str, ...]:
    """Character 3-5-grams of one stemmed token with its boundaries marked (cached)."""
    g = _GRAM_CACHE.get(token)
    if g is None:
        s = f" {token} "
        g = tuple(s[i : i + n] for n in (3, 4, 5) for i in range(len(s) - n + 1))
        if len(_GRAM_CACHE) < 200_000:
            _GRAM_CACHE[token] = g
    return g


def _tokens(text: str, quantities: Sequence[Quantity]) -> list[str]:
    """Stemmed content tokens of a claim; each quantity becomes one token of its value."""
    parts: list[str] = []
    pos = 0
    for q in quantities:
        parts.append(text[pos : q.start])
        parts.append(" q" + re.sub(r"\W", "_", q.value) + " ")
        pos = q.end
    parts.append(text[pos:])
    out = []
    for w in _WORD.findall(fold_key("".join(parts))):
        if w in _STOP:
            continue
        out.append(w if w[0] == "q" or w.isdigit() else _stem(w))
    return out


def claim_grams(text: str, quantities: Sequence[Quantity]) -> Counter:
    """The n-gram counts of a claim's text (its quantities as value tokens)."""
    return Counter(chain.from_iterable(map(_grams, _tokens(text, quantities))))


def claim_grams_and_4grams(
    text: str, quantities: Sequence[Quantity]
) -> tuple[Counter, tuple[str, ...]]:
    """:func:`claim_grams` and its distinct 4-grams in order of first appearance (the
    alignment's index features), from one tokenisation."""
    tokens = _tokens(text, quantities)
    grams = Counter(chain.from_iterable(map(_grams, tokens)))
    return grams, tuple(dict.fromkeys(chain.from_iterable(map(_grams4, tokens))))


def _grams4(token: str) -> tuple[str, ...]:
    """The 4-grams of :func:`_grams` (after its 3-grams: ``len(token) + 2 - 2`` of them)."""
    n = len(token) + 2
    return _grams(token)[n - 2 : 2 * n - 5]


def text_similarity(grams: Sequence[Counter], pairs: Sequence[tuple[int, int]]) -> list[float]:
    """The text similarity (0..1) of each pair ``(i, j)`` of indices into ``grams``.

    Deterministic: a pair's sum runs over claim ``j``'s n-grams in their text order, so the same
    pair gives the same float whatever the order of the other claims."""
    n = len(grams)
    if not pairs:
        return []
    # an n-gram's id is its rank of first appearance (C-level loops: chain, fromkeys, map)
    vocabulary = {gram: i for i, gram in enumerate(dict.fromkeys(chain.from_iterable(grams)))}
    rows = [
        np.fromiter(map(vocabulary.__getitem__, g), dtype=np.int64, count=len(g)) for g in grams
    ]
    df = np.bincount(np.concatenate(rows), minlength=len(vocabulary)) if vocabulary else []
    idf = np.log((1 + n) / (1 + np.asarray(df, dtype=np.float64))) + 1.0
    weights: list[np.ndarray] = []
    mass = np.empty(n)
    for g, ids in zip(grams, rows, strict=True):
        w = (1.0 + np.log(np.fromiter(g.values(), dtype=np.float64, count=len(g)))) * idf[ids]
        norm = math.sqrt(float(w @ w)) or 1.0
        weights.append(w / norm)
        mass[len(weights) - 1] = float(idf[ids].sum()) or 1.0

    by_first: dict[int, list[int]] = {}
    for p, (i, _) in enumerate(pairs):
        by_first.setdefault(i, []).append(p)
    out = np.zeros(len(pairs))
    dense = np.zeros(len(vocabulary))
    for i, members in by_first.items():
        if not len(rows[i]):
            continue
        others = [pairs[p][1] for p in members]
        lengths = np.fromiter((len(rows[j]) for j in others), dtype=np.int64, count=len(others))
        keep = lengths > 0
        if not keep.all():
            members = [p for p, k in zip(members, keep, strict=True) if k]
            others = [j for j, k in zip(others, keep, strict=True) if k]
            lengths = lengths[keep]
            if not members:
                continue
        ids = np.concatenate([rows[j] for j in others])
        theirs = np.concatenate([weights[j] for j in others])
        starts = np.zeros(len(others), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        dense[rows[i]] = weights[i]
        mine = dense[ids]
        dense[rows[i]] = 0.0
        cosine = np.add.reduceat(mine * theirs, starts)
        inside = np.add.reduceat(np.where(mine > 0.0, idf[ids], 0.0), starts)
        inside /= np.minimum(mass[i], mass[np.array(others)])
        out[members] = np.minimum(1.0, (cosine + inside) / 2)
    return out.tolist()

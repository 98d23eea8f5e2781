"""Comparing two claims' figures: which quantities are the same figure, which conflict.

``7٪`` and ``سبعة بالمائة`` are one figure; ``--03-15`` and ``2023-03-15`` too (one side is less
precise); ``2020-01-07`` and ``2020-01-17`` are a conflict, and also evidence that both claims
talk about one event. :func:`compare_quantities` says how strongly two quantities suggest one
story; :func:`match_quantities` pairs the quantities of two claims, best pairs first, and
reports the leftovers of one kind on both sides as :class:`Conflict`\\ s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .numbers import Quantity, date_fields

__all__ = ["Conflict", "compare_quantities", "conflicts_of", "match_quantities", "quantity_keys"]

_DATE_KINDS = ("date", "year")
_FIGURE = {"ordinal": "number", "fraction": "percent"}
_NO_CONFLICT = {"ordinal"}  # the fifth visit and the first meeting count different things


@dataclass(frozen=True)
class Conflict:
    """Two figures of one kind that differ between the claims (both values kept)."""

    kind: str  # "number" | "percent" | "money" | "date" | "year"
    a: str  # normalised values
    b: str
    a_text: str  # surface forms
    b_text: str

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "a": self.a,
            "b": self.b,
            "a_text": self.a_text,
            "b_text": self.b_text,
        }


@lru_cache(maxsize=4096)
def _date_ranges(value: str) -> tuple[tuple[int | None, int | None, int | None], ...]:
    """The (year, month, day) fields of a date value; both ends of a range."""
    return tuple(f for f in map(date_fields, value.split("/")) if f is not None)


def compare_quantities(a: Quantity, b: Quantity) -> tuple[float, bool]:
    """``(strength, compatible)`` of two quantities.

    Compatible means "the same figure, possibly less precise on one side": equal values, or dates
    whose known fields agree (``--03-15`` and ``2023-03-15``; ``2020`` and ``2020-01-07``). The
    strength says how much the pair suggests one story, compatible or not: 1 for compatible
    values of one kind, 0.5 for a year and a date in it or two different dates of one month, 0.25
    for two dates of one year, else 0.
    """
    if a.kind in _DATE_KINDS and b.kind in _DATE_KINDS:
        best = (0.0, False)
        for fa in _date_ranges(a.value):
            for fb in _date_ranges(b.value):
                known = [
                    (x, y) for x, y in zip(fa, fb, strict=True) if x is not None and y is not None
                ]
                if known and all(x == y for x, y in known):
                    cand = (1.0 if a.kind == b.kind else 0.5, True)
                elif fa[0] is not None and fa[0] == fb[0]:
                    cand = (0.5 if fa[1] is not None and fa[1] == fb[1] else 0.25, False)
                else:
                    cand = (0.0, False)
                best = max(best, cand, key=lambda t: (t[1], t[0]))
        return best
    return _compare_figures(a.kind, a.value, b.kind, b.value)


def _bounds(kind: str, value: str) -> tuple[float, float, str] | None:
    """``(low, high, unit)`` of a number, percent, fraction, money value or range."""
    number, _, unit = value.partition(" ")
    number = number.rstrip("%")
    try:
        lo, _, hi = number.partition("..")
        low = float(lo)
        high = float(hi) if hi else low
    except ValueError:
        return None
    if kind == "fraction":
        low, high = low * 100, high * 100
    return low, high, unit


def _gregorian(hijri: int) -> tuple[int, int]:
    """The two Gregorian years a Hijri year overlaps (a Hijri year is ~354 days)."""
    first = int((hijri - 1) * 0.970229 + 622.54)
    return first, first + 1


def _compare_figures(ka: str, va: str, kb: str, vb: str) -> tuple[float, bool]:
    if "hijri" in (ka, kb):
        if ka == kb:
            return (1.0, True) if va == vb else (0.0, False)
        h, other = (va, vb) if ka == "hijri" else (vb, va)
        fields = date_fields(other) if (kb if ka == "hijri" else ka) in _DATE_KINDS else None
        if fields and fields[0] is not None and h.isdigit():
            return (0.5, True) if fields[0] in _gregorian(int(h)) else (0.0, False)
        return 0.0, False
    fa, fb = _FIGURE.get(ka, ka), _FIGURE.get(kb, kb)
    if fa != fb or fa in _DATE_KINDS:
        return 0.0, False
    if va == vb and ka == kb:
        return 1.0, True
    ba, bb = _bounds(ka, va), _bounds(kb, vb)
    if ba is None or bb is None or ba[2] != bb[2]:
        return 0.0, False
    if ba[:2] == bb[:2] or (abs(ba[0] - bb[0]) < 0.01 and abs(ba[1] - bb[1]) < 0.01):
        return 1.0, True  # الثمانين / الـ80, نصف / 50%
    if ba[0] <= bb[1] and bb[0] <= ba[1]:
        return 0.5, True  # a figure inside a range, or two overlapping ranges
    return 0.0, False


@lru_cache(maxsize=4096)
def _keys_of(kind: str, value: str) -> tuple[str, ...]:
    if kind == "fraction" and _bounds(kind, value):
        kind, value = "percent", f"{_bounds(kind, value)[0]:g}%"  # type: ignore[index]
    keys = [f"{_FIGURE.get(kind, kind)}:{value}"]
    if kind in _DATE_KINDS:
        for y, m, _ in _date_ranges(value):
            if y is not None:
                if m is not None:
                    keys.append(f"ym:{y}-{m:02d}")
                keys.append(f"y:{y}")
    return tuple(dict.fromkeys(keys))


def quantity_keys(q: Quantity) -> tuple[str, ...]:
    """Index keys of a quantity: its value, and for dates its year-month and year."""
    return _keys_of(q.kind, q.value)


def _more_specific(a: Quantity, b: Quantity) -> str:
    fa, fb = _date_ranges(a.value), _date_ranges(b.value)
    if fa and fb:
        na = sum(x is not None for x in fa[0])
        nb = sum(x is not None for x in fb[0])
        return b.value if nb > na else a.value
    return a.value


@lru_cache(maxsize=65536)
def _relation(ka: str, va: str, kb: str, vb: str) -> tuple[float, bool, tuple[str, ...]]:
    """compare_quantities on (kind, value) pairs, with the index keys whose rarity weighs the
    match: the two exact values when compatible, else the month (or year) both dates share."""
    strength, compatible = compare_quantities(
        Quantity(ka, va, "", 0, 0), Quantity(kb, vb, "", 0, 0)
    )
    if strength <= 0:
        return strength, compatible, ()
    kx, ky = _keys_of(ka, va), _keys_of(kb, vb)
    if compatible:
        return strength, compatible, (kx[0], ky[0])
    level = "ym:" if strength >= 0.5 else "y:"
    return strength, compatible, tuple(k for k in kx + ky if k.startswith(level))


def match_quantities(
    qa: Sequence[Quantity], qb: Sequence[Quantity], rarity: Callable[[str], float]
) -> tuple[float, list[str], list[tuple[int, int]]]:
    """Greedy matching of two claims' quantities: ``(score, shared values, conflicts)``, the
    conflicts as index pairs into ``qa`` and ``qb`` (see :func:`conflicts_of`).

    Best pairs first (compatible before merely related, stronger before weaker, then text order);
    each quantity is used once. Leftover quantities of one kind on both sides are conflicts. The
    score is the noisy-OR of ``strength * rarity`` (``rarity`` of the index keys, 0..1)."""
    cross = []
    for i, x in enumerate(qa):
        for j, y in enumerate(qb):
            strength, compatible, keys = _relation(x.kind, x.value, y.kind, y.value)
            if compatible or x.kind == y.kind:
                cross.append((-(strength + compatible), i, j, strength, compatible, keys))
    if len(cross) > 1:
        cross.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    miss = 1.0
    shared: list[str] = []
    conflicts: list[tuple[int, int]] = []
    for _, i, j, strength, compatible, keys in cross:
        if i in used_a or j in used_b:
            continue
        x, y = qa[i], qb[j]
        used_a.add(i)
        used_b.add(j)
        if keys:
            miss *= 1.0 - strength * max(rarity("Q:" + k) for k in keys)
        if compatible:
            shared.append(_more_specific(x, y))
        elif x.kind not in _NO_CONFLICT:
            conflicts.append((i, j))
    return 1.0 - miss, sorted(set(shared)), conflicts


def conflicts_of(
    qa: Sequence[Quantity], qb: Sequence[Quantity], pairs: Sequence[tuple[int, int]]
) -> tuple[Conflict, ...]:
    """The :class:`Conflict`\\ s of index pairs from :func:`match_quantities`."""
    return tuple(
        Conflict(qa[i].kind, qa[i].value, qb[j].value, qa[i].text, qb[j].text) for i, j in pairs
    )

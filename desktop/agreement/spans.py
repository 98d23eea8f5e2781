"""Matching two annotators' spans: exact (same start, end and label) and overlapping."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

__all__ = ["exact_matches", "matched_labels", "overlap_pairs"]

Spanlike = tuple[int, int, Hashable]  # start, end, label (None for unlabelled spans)


def exact_matches(a: Sequence[Spanlike], b: Sequence[Spanlike]) -> Counter:
    """Matches per label: spans with the same start, end and label (each span matched once)."""
    both = Counter(a) & Counter(b)
    out: Counter = Counter()
    for (_, _, label), count in both.items():
        out[label] += count
    return out


def overlap_pairs(a: Sequence[Spanlike], b: Sequence[Spanlike]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(index in a, index in b)`` of overlapping spans with the same label.

    Greedy by the largest overlap first (ties: the closer boundaries, then document order), so an
    exact match always pairs with its twin and a long span cannot take two short ones.
    """
    index_b = {span: j for j, span in enumerate(b)}
    if len(index_b) == len(b) and len(set(a)) == len(a):  # the usual case: no repeated span
        pairs = [(i, index_b[span]) for i, span in enumerate(a) if span in index_b]
        rest_a = [i for i, span in enumerate(a) if span not in index_b]
    else:
        pairs, rest_a = _twins(a, b)
    if not rest_a or len(pairs) == len(b):
        return pairs
    used_b = {j for _, j in pairs}
    rest_b = [j for j in range(len(b)) if j not in used_b]
    order_b = sorted(rest_b, key=lambda j: b[j][0])
    starts_b = [b[j][0] for j in order_b]
    longest = max(b[j][1] - b[j][0] for j in rest_b)
    candidates = []
    for i in rest_a:
        start, end, label = a[i]
        # only b spans that start before a's end and late enough to reach past a's start
        for k in range(bisect_left(starts_b, start - longest + 1), bisect_left(starts_b, end)):
            j = order_b[k]
            b_start, b_end, b_label = b[j]
            if b_end <= start or b_label != label:
                continue
            overlap = min(end, b_end) - max(start, b_start)
            distance = abs(start - b_start) + abs(end - b_end)
            candidates.append((-overlap, distance, i, j))
    candidates.sort()
    used_a: set[int] = set()
    for _, _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    pairs.sort()
    return pairs


def _twins(a: Sequence[Spanlike], b: Sequence[Spanlike]) -> tuple[list, list[int]]:
    """Exact twins paired in order (an exact twin has the largest overlap and distance 0), and
    the indices of the spans of ``a`` left without one."""
    twins: dict[Spanlike, list[int]] = {}
    for j, span in enumerate(b):
        twins.setdefault(span, []).append(j)
    pairs = []
    rest_a = []
    for i, span in enumerate(a):
        js = twins.get(span)
        if js:
            pairs.append((i, js.pop(0)))
        else:
            rest_a.append(i)
    return pairs, rest_a


def matched_labels(a: Sequence[Spanlike], b: Sequence[Spanlike]) -> tuple[list, list]:
    """The labels of the pairs :func:`overlap_pairs` makes, exact twins apart from the others:
    ``(labels of exact pairs, labels of the other overlapping pairs)``.

    The same pairing without the indices: the twins are found by set lookups and only the spans
    left over go through the greedy step (their order is kept, so its ties break the same way).
    """
    set_b = set(b)
    if len(set_b) != len(b) or len(set(a)) != len(a):  # a repeated span: pair by index
        exact, other = [], []
        for i, j in overlap_pairs(a, b):
            (exact if a[i] == b[j] else other).append(a[i][2])
        return exact, other
    exact = [span[2] for span in a if span in set_b]
    if len(exact) == len(a) or len(exact) == len(b):
        return exact, []
    set_a = set(a)
    rest_a = [span for span in a if span not in set_b]
    rest_b = [span for span in b if span not in set_a]
    return exact, [rest_a[i][2] for i, _ in overlap_pairs(rest_a, rest_b)]

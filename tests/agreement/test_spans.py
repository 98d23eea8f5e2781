"""`matched_labels` pairs spans exactly as `overlap_pairs` does (the report counts its labels)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.agreement.spans import matched_labels, overlap_pairs

spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["PERS", "GPE"])).map(
        lambda s: (s[0], s[0] + s[1], s[2])
    ),
    max_size=12,
)


@settings(max_examples=500, deadline=None)
@given(spans, spans)
def test_the_labels_are_those_of_the_overlap_pairs(a, b):
    pairs = overlap_pairs(a, b)
    exact, other = matched_labels(a, b)
    assert Counter(exact) == Counter(a[i][2] for i, j in pairs if a[i] == b[j])
    assert Counter(other) == Counter(a[i][2] for i, j in pairs if a[i] != b[j])


def test_a_worked_example():
    a = [(0, 5, "PERS"), (10, 20, "GPE"), (30, 35, "PERS")]
    b = [(0, 5, "PERS"), (12, 22, "GPE"), (30, 35, "GPE"), (40, 45, "PERS")]
    assert matched_labels(a, b) == (["PERS"], ["GPE"])

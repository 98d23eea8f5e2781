"""The coefficients: F1 from counts, Cohen's κ, Krippendorff's α (nominal) and B³.

Each returns ``None`` where the coefficient is undefined (nothing to compare, or chance agreement
already perfect), so a report never shows a made-up 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence

__all__ = [
    "alpha_from_units",
    "b_cubed",
    "cohen_kappa",
    "cohen_kappa_from_pairs",
    "f1",
    "krippendorff_alpha",
]


def f1(matched: int, size_a: int, size_b: int) -> float | None:
    """Dice form of F1 for two sets: ``2·matched / (|A| + |B|)`` (symmetric in A and B)."""
    total = size_a + size_b
    return None if total == 0 else 2 * matched / total


def ratio(part: float, whole: float) -> float | None:
    return None if whole == 0 else part / whole


def cohen_kappa_from_pairs(pairs: Mapping[tuple[Hashable, Hashable], int]) -> float | None:
    """Cohen's κ from counts of (A's category, B's category): (p_o − p_e) / (1 − p_e)."""
    n = sum(pairs.values())
    if n == 0:
        return None
    by_a: Counter = Counter()
    by_b: Counter = Counter()
    agree = 0
    for (a, b), count in pairs.items():
        by_a[a] += count
        by_b[b] += count
        if a == b:
            agree += count
    p_o = agree / n
    p_e = sum(count * by_b[cat] for cat, count in by_a.items()) / (n * n)
    if p_e == 1:
        return None
    return (p_o - p_e) / (1 - p_e)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's κ of two coders' categories for the same items, in the same order."""
    if len(a) != len(b):
        raise ValueError(f"the two codings differ in length ({len(a)} and {len(b)})")
    return cohen_kappa_from_pairs(Counter(zip(a, b, strict=True)))


def alpha_from_units(units: Mapping[tuple[Hashable, ...], int]) -> float | None:
    """Krippendorff's α (nominal) from units given as the tuple of values they received.

    ``units`` maps a unit's values (missing values left out) to how many units received exactly
    those values; units with fewer than two values are not pairable and are ignored. Uses the
    coincidence-matrix form: α = 1 − D_o / D_e with D_o = 1 − Σ_u Σ_c n_uc(n_uc − 1)/(m_u − 1) / n
    and D_e = 1 − Σ_c n_c(n_c − 1) / (n(n − 1)).
    """
    n = 0
    agree = 0.0
    totals: Counter = Counter()
    for values, weight in units.items():
        m = len(values)
        if m < 2 or weight <= 0:
            continue
        counts = Counter(values)
        n += m * weight
        agree += weight * sum(k * (k - 1) for k in counts.values()) / (m - 1)
        for value, k in counts.items():
            totals[value] += k * weight
    if n < 2:
        return None
    observed = 1 - agree / n
    expected = 1 - sum(k * (k - 1) for k in totals.values()) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's α for nominal data: one row per coder, one column per unit, None = missing.

    The layout of Krippendorff's own reliability-data matrices (and of the ``krippendorff``
    package's ``reliability_data``).
    """
    widths = {len(row) for row in data}
    if len(widths) > 1:
        raise ValueError("every coder's row must have one value per unit")
    units: Counter = Counter()
    for column in zip(*data, strict=True):
        units[tuple(v for v in column if v is not None)] += 1
    return alpha_from_units(units)


def b_cubed(
    reference: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]
) -> tuple[float | None, float | None, float | None]:
    """B³ precision, recall and F1 of two partitions (Bagga & Baldwin 1998), equal weights.

    Scored over the elements both partitions contain; an element listed twice in one partition
    counts in its first cluster.
    """
    ref = _cluster_of(reference)
    res = _cluster_of(response)
    shared = ref.keys() & res.keys()
    if not shared:
        return None, None, None
    precision = recall = 0.0
    for element in shared:
        r = ref[element] & shared
        s = res[element] & shared
        both = len(r & s)
        precision += both / len(s)
        recall += both / len(r)
    precision /= len(shared)
    recall /= len(shared)
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f


def _cluster_of(partition: Iterable[Iterable[Hashable]]) -> dict[Hashable, frozenset]:
    out: dict[Hashable, frozenset] = {}
    for cluster in partition:
        members = frozenset(cluster)
        for element in members:
            out.setdefault(element, members)
    return out

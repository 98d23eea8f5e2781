"""The coefficients against published worked examples."""

from __future__ import annotations

import pytest

from desktop.agreement import b_cubed, cohen_kappa, cohen_kappa_from_pairs, krippendorff_alpha

_ = None
# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), the nominal example:
# 4 observers (rows) x 12 units (columns), missing values allowed. Published: alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


def test_alpha_of_krippendorffs_nominal_example_is_0_743():
    assert round(krippendorff_alpha(KRIPPENDORFF_2011), 3) == 0.743


def test_alpha_agrees_with_the_krippendorff_package():
    krippendorff = pytest.importorskip("krippendorff")
    numpy = pytest.importorskip("numpy")
    data = numpy.array(
        [[numpy.nan if v is None else v for v in row] for row in KRIPPENDORFF_2011], dtype=float
    )
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(expected, abs=1e-12)


def test_alpha_ignores_units_with_one_value_and_is_undefined_without_variation():
    assert krippendorff_alpha([[1, 1, 2, _], [1, 1, 2, 7]]) == 1.0
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None  # one category only: no expectation
    assert krippendorff_alpha([[1, _], [_, 2]]) is None  # nothing pairable
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2], [1]])


def test_kappa_of_the_50_grant_applications_is_0_4():
    # Two readers say yes/no to 50 grant proposals (the textbook example on Wikipedia's
    # "Cohen's kappa"): both yes 20, A yes B no 5, A no B yes 10, both no 15.
    # p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = 0.4.
    table = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}
    assert cohen_kappa_from_pairs(table) == pytest.approx(0.4)
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_edge_cases():
    assert cohen_kappa(["O", "O"], ["O", "O"]) is None  # chance agreement is already perfect
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])


def test_b_cubed_of_bagga_and_baldwins_example():
    # Bagga & Baldwin (1998), "Algorithms for scoring coreference chains": the truth has
    # {1-5}, {6, 7}, {8-12}. Response 1 merges {6, 7} into {8-12}: B3 precision
    # (5·1 + 2·2/7 + 5·5/7) / 12 = 16/21 = 76 %; response 2 merges {1-5} with {8-12}:
    # (10·5/10 + 2·1) / 12 = 7/12 = 58 %. Both recalls are 100 % (MUC scores them the same).
    truth = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10, 11, 12]]
    p, r, f = b_cubed(truth, [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]])
    assert (round(p, 2), r) == (0.76, 1.0)
    assert p == pytest.approx(16 / 21)
    assert f == pytest.approx(2 * p / (p + 1))
    p, r, _f = b_cubed(truth, [[1, 2, 3, 4, 5, 8, 9, 10, 11, 12], [6, 7]])
    assert (round(p, 2), r) == (0.58, 1.0)
    # swapping the partitions swaps precision and recall
    assert b_cubed([[1, 2, 3, 4, 5, 8, 9, 10, 11, 12], [6, 7]], truth)[:2] == (1.0, p)


def test_b_cubed_scores_only_shared_elements():
    assert b_cubed([[1, 2], [3]], [[1, 2, 99]]) == (1.0, 1.0, 1.0)
    assert b_cubed([[1]], [[2]]) == (None, None, None)

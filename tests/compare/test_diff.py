"""Word-level diff of two claim wordings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.compare import word_diff

# The two outlets' wording of Putin's 7% (seeds 000 and 002).
ARABY = "وبلغ النمو خلال العام الماضي 7 بالمائة"
SPUTNIK = "حيث بلغ النمو العام الماضي 7٪"


def rebuilt(ops):
    return "".join(a for _, a, _ in ops), "".join(b for _, _, b in ops)


def test_seed_wordings():
    ops = word_diff(ARABY, SPUTNIK)
    assert rebuilt(ops) == (ARABY, SPUTNIK)
    assert ops == [
        ("replace", "وبلغ ", "حيث بلغ "),
        ("equal", "النمو ", "النمو "),
        ("delete", "خلال ", ""),
        ("equal", "العام الماضي 7 ", "العام الماضي 7"),
        ("replace", "بالمائة", "٪"),
    ]


def test_harakat_tatweel_and_digits_are_equal():
    a = "سُجلت زيادة بنسبة ٧ في المائة"
    b = "سجلت زيـــادة بنسبة 7 في المائة"
    assert word_diff(a, b) == [("equal", a, b)]


def test_hamza_forms_are_equal_but_clitics_are_not():
    assert [op for op, _, _ in word_diff("إلى أوكرانيا", "الى اوكرانيا")] == ["equal"]
    ops = word_diff("بوتين قال", "وبوتين قال")
    assert ops == [("replace", "بوتين ", "وبوتين "), ("equal", "قال", "قال")]


def test_insert_and_delete():
    assert word_diff("زار بوتين دمشق", "زار بوتين دمشق لأول مرة") == [
        ("equal", "زار بوتين دمشق", "زار بوتين دمشق "),
        ("insert", "", "لأول مرة"),
    ]
    assert word_diff("زار بوتين دمشق لأول مرة", "زار بوتين دمشق") == [
        ("equal", "زار بوتين دمشق ", "زار بوتين دمشق"),
        ("delete", "لأول مرة", ""),
    ]


def test_empty_and_blank_sides():
    assert word_diff("", "") == []
    assert word_diff("", "دمشق") == [("insert", "", "دمشق")]
    assert word_diff("دمشق", "") == [("delete", "دمشق", "")]
    assert word_diff("  ", " ") == [("equal", "  ", " ")]


def test_punctuation_is_its_own_token():
    assert word_diff("قال: «نعم»", "قال «نعم»") == [
        ("equal", "قال", "قال "),
        ("delete", ": ", ""),
        ("equal", "«نعم»", "«نعم»"),
    ]


WORDS = ["بوتين", "وبوتين", "الأسد", "الأَسَد", "دمشق", "7", "٧", "٪", "،", "قال", "إن", "ـ"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=12),
    st.lists(st.sampled_from(WORDS), max_size=12),
    st.sampled_from([" ", "  ", "\n", " \u200f"]),
)
def test_concatenation_gives_back_both_wordings(wa, wb, sep):
    a, b = sep.join(wa), " ".join(wb)
    ops = word_diff(a, b)
    assert rebuilt(ops) == (a, b)
    for op, x, y in ops:
        assert op in ("equal", "replace", "delete", "insert")
        if op == "insert":
            assert not x.strip()
        if op == "delete":
            assert not y.strip()

"""Code point <-> UTF-16 conversion: the one place the two units meet."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings

from desktop.text import Utf16Map, cp_to_utf16, utf16_to_cp
from tests.text.test_folding import SEEDS, arabic_texts


def u16len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_identity_without_astral_characters():
    text = (SEEDS / "002_b056ffaf7079958c.txt").read_text(encoding="utf-8")
    m = Utf16Map(text)
    assert not m.has_astral and m.utf16_length == m.cp_length == len(text)
    assert m.to_utf16(100) == 100 and m.to_cp(100) == 100


def test_emoji_counts_two_units():
    text = "a😀b👨\u200d👩\u200d👧c"
    m = Utf16Map(text)
    assert m.utf16_length == u16len(text) == len(text) + 4
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7, 9, 10, 12, 13]
    assert m.to_cp(3) == 2 and m.to_cp(6) == 4 and m.to_cp(13) == len(text)


def test_index_inside_a_surrogate_pair_rounds_down():
    m = Utf16Map("a😀b")
    assert m.to_cp(1) == 1
    assert m.to_cp(2) == 1  # between the two halves of 😀
    assert m.to_cp(3) == 2
    assert utf16_to_cp("😀😀", 3) == 1
    assert m.span_to_cp(2, 4) == (1, 3)
    assert m.span_to_utf16(1, 2) == (1, 3)


def test_out_of_range_raises_index_error():
    m = Utf16Map("a😀")
    for bad in (-1, 3):
        with pytest.raises(IndexError):
            m.to_utf16(bad)
    for bad in (-1, 4):
        with pytest.raises(IndexError):
            m.to_cp(bad)
    with pytest.raises(IndexError):
        cp_to_utf16("ab", 3)
    with pytest.raises(IndexError):
        utf16_to_cp("ab", 3)
    assert Utf16Map("").utf16_length == 0 and Utf16Map("").to_cp(0) == 0


def test_one_off_functions():
    text = "بوتين 👍🏽 الأسد"
    for i in range(len(text) + 1):
        assert cp_to_utf16(text, i) == u16len(text[:i])
        assert utf16_to_cp(text, cp_to_utf16(text, i)) == i


def test_building_on_a_megabyte_is_fast():
    text = (SEEDS / "002_b056ffaf7079958c.txt").read_text(encoding="utf-8") + " 😀 "
    text = text * (1_000_000 // len(text.encode("utf-8")) + 1)
    t = time.perf_counter()
    m = Utf16Map(text)
    built = time.perf_counter() - t
    assert built < 0.5
    assert m.to_utf16(len(text)) == u16len(text)
    assert m.to_cp(m.utf16_length) == len(text)


@settings(max_examples=150, deadline=None)
@given(arabic_texts())
def test_round_trips(text):
    m = Utf16Map(text)
    assert m.utf16_length == u16len(text)
    for i in range(len(text) + 1):
        j = m.to_utf16(i)
        assert j == u16len(text[:i])
        assert m.to_cp(j) == i
    for j in range(m.utf16_length + 1):
        i = m.to_cp(j)
        assert m.to_utf16(i) in (j, j - 1)  # equal, or rounded down out of a surrogate pair

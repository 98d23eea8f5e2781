"""The fast folding path gives exactly the keys and offset maps of the reference implementation.

The reference (tests/text/folding_reference.py) is the previous code, kept verbatim; a second,
per-character reference follows the definition directly (fold each character, then merge spaces).
"""

from __future__ import annotations

import re
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.text import fold, fold_key, fold_keys
from desktop.text import folding as fast
from tests.text import folding_reference as ref
from tests.text.test_folding import SEEDS, arabic_texts

HAMZAS = st.sampled_from(["keep", "keep", "seat", "bare"])


def per_character_key(text: str, hamza: str = "keep") -> str:
    """The definition: every character folded on its own, then runs of spaces merged. Case
    folding covers the Basic Multilingual Plane only (desktop/text/folding.py, step 11): a
    capital letter beyond it (Vithkuqi, Adlam, Deseret …) stays as it is."""
    mode = ref._HAMZA[hamza]
    key = "".join(ch if ord(ch) > 0xFFFF else ref._fold_char(ch, mode) for ch in text)
    return re.sub(" {2,}", " ", key)


def assert_same(text: str, hamza: str = "keep") -> None:
    expected = ref.fold(text, hamza=hamza)
    got = fold(text, hamza=hamza)
    assert got.key == expected.key
    assert got.starts.tolist() == expected.starts.tolist()
    assert got.ends.tolist() == expected.ends.tolist()
    assert got.hamza == hamza
    assert fold_key(text, hamza=hamza) == ref.fold_key(text, hamza=hamza) == expected.key


# Pieces the fast path treats specially: characters outside its byte alphabet (emoji, ZWJ
# sequences, ß, presentation forms, rare spaces), its private-use marker and the charmap codec's
# "undefined" character, lone surrogates, and runs mixing spaces, marks and controls.
_EDGE = [
    "\ue000",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "ß",
    "İ",
    "ﷺ",
    "ﻷ",
    "\ufe71",
    "\ufe76",
    "\u2003",
    "\u3000",
    "\u1680",
    "\x85",
    "\x00",
    "\x7f",
    "\x1c",
    "👍",
    "👨\u200d👩\u200d👧",
    " \u064e ",
    " \u200f ",
    "\u200f\u064e",
    "\u064e\u200f",
    "\u200f\u200e",
    "\u06d6\u06e5",
    "ـــ",
    "\u0674",
    "\u06c0",
    "Σ",
]


@st.composite
def edgy_texts(draw) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(_EDGE), arabic_texts(8)), max_size=30))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(arabic_texts(60), HAMZAS)
def test_same_as_reference_on_mixed_text(text, hamza):
    assert_same(text, hamza)
    assert fold_key(text, hamza=hamza) == per_character_key(text, hamza)


@settings(max_examples=400, deadline=None)
@given(edgy_texts(), HAMZAS)
def test_same_as_reference_on_edge_characters(text, hamza):
    assert_same(text, hamza)
    assert fold_key(text, hamza=hamza) == per_character_key(text, hamza)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), HAMZAS)
def test_same_as_reference_on_any_text(text, hamza):
    assert_same(text, hamza)


@pytest.mark.parametrize("hamza", ["keep", "seat", "bare"])
def test_same_as_reference_on_the_seeds(hamza):
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths
    for path in paths:
        assert_same(path.read_text(encoding="utf-8"), hamza)


def test_same_tables_as_reference():
    for hamza in ("keep", "seat", "bare"):
        new, old = fast._tables(hamza), ref._tables(hamza)
        assert new.table == old.table
        assert new.space_chars == old.space_chars
        assert new.special.pattern == old.special.pattern


def test_same_on_every_bmp_character_between_letters_marks_and_controls():
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    for sep in ["", "ب", " ", "\u064e", "\u200f", "\u064e\u200f "]:
        assert_same(sep.join(chars))
    # and in chunks without an expanding character, so the fast path builds the map
    alphabet = [ch for ch in chars if len(ref._fold_char(ch, {})) <= 1]
    for i in range(0, len(alphabet), 500):
        assert_same("ب".join(alphabet[i : i + 500]))
        assert_same(" \u064e".join(alphabet[i : i + 500]))


def test_marker_characters_in_the_text_are_folded_like_any_other():
    for text in ["a\ue000b", "\ue000", "بَ\ue000 \ufffe", "\ufffe\u064e", "x\uffffy"]:
        assert_same(text)
    assert fold_key("a\ue000\u064eb") == "a\ue000b"


def test_fold_keys_folds_each_text():
    texts = ["أَحْمَد", "", "إلى  المدرسة", "👍 ﻷن"]
    assert (
        list(fold_keys(texts))
        == [fold_key(t) for t in texts]
        == ["احمد", "", "الي المدرسه", "👍 لان"]
    )
    assert list(fold_keys(["مسؤول"], hamza="seat")) == ["مسوول"]


def test_threads_fold_at_the_same_time():
    texts = [f"مَرْحَبًا {i} 👍 ﷺ ß \u200f" * 50 for i in range(40)]
    expected = [ref.fold(t).key for t in texts]
    results: dict[int, list[str]] = {}

    def work(k: int) -> None:
        results[k] = [fold(t).key for t in texts] + [fold_key(t) for t in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected * 2 for k in range(4))

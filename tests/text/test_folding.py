"""The folding function of docs/arabic.md ("Folding steps"): keys, offset maps and occurrence search."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.text import Folded, find_occurrences, fold, fold_key
from desktop.text.words import is_word_char

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SPUTNIK = SEEDS / "002_b056ffaf7079958c.txt"

# --- a text strategy shared by the text tests ---------------------------------------------------

_PRESENTATION = [
    chr(c)
    for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]
    if unicodedata.category(chr(c)) != "Cn"
]
_PIECES = [
    *"ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    *"ءآأؤإئىة",  # hamza forms, alef maqsura, teh marbuta
    *"\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0654\u06e5",  # marks, small waw
    "\u0640",  # tatweel
    "\u0640\u0640\u0640",
    *"کیہےڤپ",
    *"٠١٢٣٤٥٦٧٨٩۰۴۵0123456789",
    *"٫٬٪",
    *'،؛؟«»“”"().:!?-',
    "\u00a0",
    *" \t\n",
    "  ",
    "\n\n",
    "\r\n",
    *"\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff",
    *"AbCzßİΣς",
    "😀",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "🇸🇾",
    "❤\ufe0f",
    "بوتين",
    "وبوتين",
    "الأسد",
    "للأسد",
    "لا",
]


@st.composite
def arabic_texts(draw, max_size: int = 40) -> str:
    """Mixed Arabic/Latin/emoji/control text, occasionally with arbitrary characters."""
    parts = draw(st.lists(st.one_of(_COMMON, _ANY_CHAR), max_size=max_size))
    return "".join(parts)


# Mostly the pieces above (with a sample of presentation forms; test_every_bmp_character covers
# them all), sometimes any character at all.
_COMMON = st.sampled_from(_PIECES * 4 + _PRESENTATION[::8])
_ANY_CHAR = st.characters(exclude_categories=("Cs",))


# --- docs/arabic.md test vectors ------------------------------------------------------------------


def test_harakat_are_dropped_and_map_back_to_letter_with_marks():
    f = fold("أَحْمَد")
    assert f.key == "احمد" == fold_key("احمد")
    # each key letter covers itself and its following haraka
    assert [f.span(i, i + 1) for i in range(4)] == [(0, 2), (2, 4), (4, 6), (6, 7)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("إلى", "الي"),
        ("مدرسة", "مدرسه"),
        ("٢٠٢٤", "2024"),
        ("۲۰۲۴", "2024"),
        ("ﻷن", "لان"),
        ("العـــربية", "العربيه"),
        ("\u200fبوتين", "بوتين"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("کیہے", "كيهي"),
        ("٣٫٥٪", "3.5%"),
        ("١٬٠٠٠", "1000"),
        ("قال، ثم؛ لماذا؟", "قال, ثم; لماذا?"),
        ("«بوتين» “الأسد”", '"بوتين" "الاسد"'),
        ("Hello   World", "hello world"),
        ("a \n\t\u00a0 b", "a b"),
        ("a \u200f b", "a b"),
        ("ﷺ", "صلي الله عليه وسلم"),
    ],
)
def test_vectors(text, key):
    assert fold(text).key == key
    assert fold_key(text) == key


def test_vector_offsets():
    f = fold("ﻷن")
    assert f.starts.tolist() == [0, 0, 1] and f.ends.tolist() == [1, 1, 2]
    f = fold("العـــربية")
    assert f.span(2, 4) == (2, 7)  # عر: the tatweel run stays with the ain
    assert f.span(6, 7) == (9, 10)
    f = fold("\u200fبوتين\u200f")
    assert f.span(0, 5) == (1, 6)  # bidi controls are outside, at both ends
    f = fold("Hello  \n World")
    assert f.key == "hello world"
    assert f.span(5, 6) == (5, 9)  # the space covers the whole whitespace run


def test_hamza_modes():
    text = "مسؤول رئيس سماء أسئلة"
    assert fold_key(text) == "مسؤول رئيس سماء اسئله"
    assert fold_key(text, hamza="seat") == "مسوول رييس سماء اسيله"
    assert fold_key(text, hamza="bare") == "مسءول رءيس سماء اسءله"
    assert fold(text, hamza="bare").key == fold_key(text, hamza="bare")
    with pytest.raises(ValueError):
        fold_key(text, hamza="drop")
    with pytest.raises(ValueError):
        fold(text, hamza="drop")


def test_marks_at_start_and_controls_in_the_middle():
    f = fold("\u064eب\u200fَت")
    assert f.key == "بت"
    assert f.span(0, 1) == (1, 4)  # a mark after a control still joins the letter
    assert f.span(1, 2) == (4, 5)
    assert fold("\u064e\u0640").key == ""


def test_span_validates():
    f = fold("بوتين")
    assert isinstance(f, Folded) and len(f) == 5
    for bad in [(0, 0), (3, 2), (-1, 2), (0, 6)]:
        with pytest.raises(IndexError):
            f.span(*bad)


def test_fold_key_is_fast_path_equal_on_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        f = fold(text)
        assert f.key == fold_key(text)
        assert len(f.starts) == len(f.ends) == len(f.key)


def test_every_bmp_character():
    """fold == fold_key and a sane map for every BMP character, alone and between letters/marks."""
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    for sep in ["", "ب", " ", "\u064e"]:
        text = sep.join(chars)
        f = fold(text)
        assert f.key == fold_key(text)
        starts, ends = f.starts.tolist(), f.ends.tolist()
        assert starts == sorted(starts) and ends == sorted(ends)
        assert all(s < e for s, e in zip(starts, ends, strict=True))


def test_case_folding_follows_str_casefold_in_the_bmp():
    sample = "ÀÉÎÕÜßẞİΣΑΩЖЯԱ"
    assert fold_key(sample) == "".join(ch.casefold() for ch in sample)
    assert fold_key("Ǆ Ⅻ") == "ǆ ⅻ"


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(arabic_texts(), st.sampled_from(["keep", "keep", "seat", "bare"]))
def test_fold_key_equals_fold_and_the_map_is_sane(text, hamza):
    f = fold(text, hamza=hamza)
    assert fold_key(text, hamza=hamza) == f.key
    starts, ends = f.starts.tolist(), f.ends.tolist()
    assert len(starts) == len(ends) == len(f.key)
    assert starts == sorted(starts) and ends == sorted(ends)
    for i, ch in enumerate(f.key):
        assert 0 <= starts[i] < ends[i] <= len(text)
        assert ch in fold_key(text[starts[i] : ends[i]], hamza=hamza)
    # a key character never starts on something folding drops
    for s in starts:
        assert fold_key(text[s], hamza=hamza) != ""


@settings(max_examples=150, deadline=None)
@given(arabic_texts(), st.integers(0, 60), st.integers(1, 8))
def test_span_of_any_key_range_folds_back(text, a, length):
    f = fold(text)
    if not f.key:
        return
    a = min(a, len(f.key) - 1)
    b = min(a + length, len(f.key))
    s, e = f.span(a, b)
    assert 0 <= s < e <= len(text)
    assert f.key[a:b].strip(" ") in fold_key(text[s:e])


# --- find_occurrences -----------------------------------------------------------------------------


def test_find_whole_words_only():
    text = "بوتين وبوتين البوتينية بوتين،"
    assert find_occurrences(text, "بوتين") == [(0, 5), (23, 28)]
    assert find_occurrences(text, "بوتين", whole_words=False) == [
        (0, 5),
        (7, 12),
        (15, 20),
        (23, 28),
    ]


def test_find_with_proclitics_covers_the_whole_written_word():
    text = "بوتين وبوتين لبوتين وببوتين فكبوتين البوتين سبوتين"
    spans = find_occurrences(text, "بوتين", clitic_insensitive=True)
    assert [text[s:e] for s, e in spans] == ["بوتين", "وبوتين", "لبوتين", "وببوتين", "فكبوتين"]


def test_find_strips_the_query_clitic():
    text = "التقى بوتين ثم قال وبوتين"
    spans = find_occurrences(text, "وبوتين", clitic_insensitive=True)
    assert [text[s:e] for s, e in spans] == ["بوتين", "وبوتين"]
    # without clitic mode only the literal word matches
    assert [text[s:e] for s, e in find_occurrences(text, "وبوتين")] == ["وبوتين"]
    # a bare ب is never stripped from a query: لبنان must not find بنان
    assert find_occurrences("بنان ولبنان", "لبنان", clitic_insensitive=True) == [(5, 11)]


def test_find_article_and_fused_lam():
    text = "الأسد والأسد بالأسد للأسد وللأسد لأسد أسد"
    spans = find_occurrences(text, "الأسد", clitic_insensitive=True)
    assert [text[s:e] for s, e in spans] == ["الأسد", "والأسد", "بالأسد", "للأسد", "وللأسد"]
    spans = find_occurrences(text, "للأسد", clitic_insensitive=True)
    assert [text[s:e] for s, e in spans] == ["الأسد", "والأسد", "بالأسد", "للأسد", "وللأسد"]


def test_find_folds_the_query_and_maps_marks_into_the_span():
    text = "قال بُوتِين إنَّ"
    assert find_occurrences(text, "بوتين") == [(4, 11)]
    assert find_occurrences("عام ٢٠٢٤ و2024", "2024") == [(4, 8)]
    assert find_occurrences("عام ٢٠٢٤ و2024", "2024", clitic_insensitive=True) == [(4, 8), (9, 14)]
    assert find_occurrences(text, "") == [] and find_occurrences(text, " \u064e ") == []


def test_find_query_edges_that_are_not_word_chars():
    text = "قال بوتين، ثم"
    assert find_occurrences(text, "بوتين،") == [(4, 10)]
    assert find_occurrences(text, "  بوتين ") == [(4, 9)]


def test_find_multiword_across_line_breaks():
    text = "فلاديمير\nبوتين و فلاديمير  بوتين"
    assert find_occurrences(text, "فلاديمير بوتين") == [(0, 14), (17, 32)]


def test_find_uses_a_prebuilt_fold_and_its_hamza_mode():
    text = "مسؤول مسوول"
    f = fold(text, hamza="seat")
    assert find_occurrences(text, "مسؤول", folded=f) == [(0, 5), (6, 11)]
    assert find_occurrences(text, "مسؤول") == [(0, 5)]
    with pytest.raises(ValueError):
        find_occurrences(text, "مسؤول", folded=f, hamza="keep")


def _disguise(word: str, i: int) -> str:
    """Insert harakat, tatweel and bidi marks into a written word (variant ``i``)."""
    inserts = ["\u064e", "\u0640", "\u200f", "\u0651\u064f", "\u0640\u0640", "\u200e"]
    out = []
    for k, ch in enumerate(word):
        out.append(ch)
        if k < len(word) - 1 and (k + i) % 2 == 0:
            out.append(inserts[(k + i) % len(inserts)])
    return "".join(out)


def test_find_putin_variants_in_the_sputnik_seed():
    text = SPUTNIK.read_text(encoding="utf-8")
    plain = find_occurrences(text, "بوتين")
    assert plain and all(text[s:e] == "بوتين" for s, e in plain)
    # disguise every occurrence differently; search must still find each one, fully covered
    pieces, last = [], 0
    for n, (s, e) in enumerate(plain):
        pieces += [text[last:s], "\u200f" + _disguise("بوتين", n)]
        last = e
    pieces.append(text[last:])
    disguised = "".join(pieces)
    spans = find_occurrences(disguised, "بوتين")
    assert len(spans) == len(plain)
    for n, (s, e) in enumerate(spans):
        assert disguised[s:e] == _disguise("بوتين", n)  # the leading RLM is outside the span
    # and with proclitics
    clitic = find_occurrences(text, "بوتين", clitic_insensitive=True)
    assert len(clitic) >= len(plain)
    assert all(fold_key(text[s:e]).endswith("بوتين") for s, e in clitic)


@settings(max_examples=150, deadline=None)
@given(
    arabic_texts(),
    st.sampled_from(["بوتين", "الأسد", "ا", "لا", "2024", "b", " ", "،", "بو"]),
    st.booleans(),
    st.booleans(),
)
def test_find_results_are_in_range_and_fold_to_the_query(text, query, clitic, whole):
    spans = find_occurrences(text, query, clitic_insensitive=clitic, whole_words=whole)
    assert spans == sorted(set(spans))
    q = fold_key(query).strip(" ")
    for s, e in spans:
        assert 0 <= s < e <= len(text)
        got = fold_key(text[s:e])
        if clitic:
            assert q in got or q[1:] in got
        else:
            assert q in got
        if whole and not clitic and is_word_char(q[0]):
            assert not (s > 0 and is_word_char(text[s - 1]))


@settings(max_examples=100, deadline=None)
@given(arabic_texts(), st.integers(0, 40), st.integers(1, 6))
def test_find_finds_every_substring_of_the_key(text, a, length):
    """Whatever key substring we pick, substring search returns a span covering it."""
    f = fold(text)
    key = f.key.strip(" ")
    if not key:
        return
    a = min(a, len(key) - 1)
    q = key[a : a + length].strip(" ")
    if not q:
        return
    spans = find_occurrences(text, q, whole_words=False, folded=f)
    assert spans and all(q in fold_key(text[s:e]) for s, e in spans)

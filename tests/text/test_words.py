"""Arabic-aware word boundaries, proclitics, tokens and sentences."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.text import (
    PROCLITICS,
    is_word_char,
    proclitic_length,
    sentences,
    snap_to_words,
    tokenize,
)
from tests.text.test_folding import SEEDS, SPUTNIK, arabic_texts

JOINERS = "\u200c\u200d"


def spans_text(text, spans):
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    "ch", [*"بوتينءأﻷaZ7٧۷", "\u064e", "\u0651", "\u0670", "\u0640", "\u200c", "\u200d", "\u0301"]
)
def test_word_chars(ch):
    assert is_word_char(ch)


@pytest.mark.parametrize(
    "ch", [*'،؛؟.:«»"()“”!?-٪%', " ", "\n", "\u00a0", "\u200f", "\u202e", "\ufeff", "😀"]
)
def test_not_word_chars(ch):
    assert not is_word_char(ch)


# --- snap_to_words ---------------------------------------------------------------------------------

TEXT = "قال الرئيس وبوتين، «الأسد» لا يُحِبُّ العـــربية."


def sel(word: str, text: str = TEXT) -> tuple[int, int]:
    s = text.index(word)
    return s, s + len(word)


def test_snap_expands_to_whole_words_with_proclitics():
    s, e = sel("بوت")
    assert snap_to_words(TEXT, s, e) == sel("وبوتين")
    assert snap_to_words(TEXT, s + 1, s + 1 + 1) == sel("وبوتين")


def test_snap_trims_space_and_punctuation():
    s, e = sel(" وبوتين، ")
    assert snap_to_words(TEXT, s, e) == sel("وبوتين")
    s, e = sel("«الأسد»")
    assert snap_to_words(TEXT, s, e) == sel("الأسد")
    s, e = sel("أسد» لا")
    assert snap_to_words(TEXT, s, e) == sel("الأسد» لا")


def test_snap_never_splits_marks_or_lam_alef():
    word = "يُحِبُّ"
    s, _ = sel(word)
    assert snap_to_words(TEXT, s, s + 3) == sel(word)  # ends after the shadda and damma
    s, _ = sel(" لا ")
    assert snap_to_words(TEXT, s + 1, s + 2) == (s + 1, s + 3)  # لا stays whole
    s, e = sel("العـــربية")
    assert snap_to_words(TEXT, s + 3, s + 4) == (s, e)  # inside the tatweel run


def test_snap_keeps_whole_word_selections_unchanged():
    for word in ["قال", "الرئيس", "وبوتين", "الأسد", "لا", "يُحِبُّ", "العـــربية"]:
        assert snap_to_words(TEXT, *sel(word)) == sel(word)
    assert snap_to_words(TEXT, 0, len(TEXT)) == (0, len(TEXT) - 1)  # final "." trimmed


def test_snap_without_word_chars_returns_the_selection_unchanged():
    s, e = sel("، «")
    assert snap_to_words(TEXT, s, e) == (s, e)
    assert snap_to_words(TEXT, 3, 3) == (3, 3)
    assert snap_to_words("😀 😀", 0, 3) == (0, 3)


def test_snap_through_invisible_controls_and_numbers():
    text = "قال بو\u200fتين \u200fالأسد ٣٫٥ مليار"
    s, e = sel("بو", text)
    assert text[slice(*snap_to_words(text, s, e))] == "بو\u200fتين"
    s, e = sel("\u200fالأسد", text)
    assert text[slice(*snap_to_words(text, s, e))] == "الأسد"  # RLM at the edge stays out
    s, _ = sel("٣٫٥", text)
    assert text[slice(*snap_to_words(text, s, s + 1))] == "٣٫٥"


def test_snap_validates_range():
    with pytest.raises(IndexError):
        snap_to_words("abc", 2, 1)
    with pytest.raises(IndexError):
        snap_to_words("abc", 0, 4)


@settings(max_examples=150, deadline=None)
@given(arabic_texts(), st.integers(0, 80), st.integers(0, 20))
def test_snap_is_idempotent_and_keeps_the_selected_word_chars(text, a, length):
    a = min(a, len(text))
    b = min(a + length, len(text))
    s, e = snap_to_words(text, a, b)
    assert 0 <= s <= e <= len(text)
    assert snap_to_words(text, s, e) == (s, e)
    inside = [i for i in range(a, b) if is_word_char(text[i]) and text[i] not in JOINERS]
    if inside:
        assert s <= inside[0] and inside[-1] < e
        assert is_word_char(text[s]) or text[s] in ".,\u066b\u066c"
        # never a mark right after the end, never a split before a mark
        assert not (e < len(text) and text[e] in "\u064b\u064e\u0650\u0651\u0652\u0640")
    else:
        assert (s, e) == (a, b)


# --- proclitics ----------------------------------------------------------------------------------


def test_proclitics_constant():
    assert set(PROCLITICS) == {"و", "ف", "ب", "ك", "ل", "ال", "لل"}


@pytest.mark.parametrize(
    ("word", "base", "expected"),
    [
        ("وبوتين", "بوتين", 1),
        ("بوتين", "بوتين", 0),
        ("وَبوتين", "بوتين", 2),  # harakat on the clitic count
        ("وـبوتين", "بوتين", 2),
        ("فبوتين", "بوتين", 1),
        ("لبوتين", "بوتين", 1),
        ("وبِبوتين", "بوتين", 3),
        ("بالأسد", "الأسد", 1),
        ("والأسد", "الأسد", 1),
        ("للأسد", "الأسد", 1),
        ("وللأسد", "الأسد", 2),
        ("الرئيس", "رئيس", 2),
        ("للرئيس", "رئيس", 2),
        ("وبالرئيس", "رئيس", 4),
        ("سبوتين", "بوتين", 0),
        ("بوتينا", "بوتين", 0),
        ("وبوتين", "", 0),
    ],
)
def test_proclitic_length_with_base(word, base, expected):
    assert proclitic_length(word, base) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وبوتين", 1),
        ("فقال", 1),
        ("والرئيس", 3),
        ("وبالأسد", 4),
        ("وللرئيس", 3),
        ("وَالرئيس", 4),
        ("بوتين", 0),  # no conjunction: nothing is stripped
        ("الرئيس", 0),
        ("ولبنان", 1),  # a bare ل after و is kept
        ("وزير", 0),  # root و
        ("وزارة", 0),
        ("فرنسا", 0),
        ("فلاديمير", 0),
        ("في", 0),
        ("ولد", 0),  # fewer than three letters would remain
        ("", 0),
    ],
)
def test_proclitic_length_heuristic(word, expected):
    assert proclitic_length(word) == expected


# --- tokens and sentences ------------------------------------------------------------------------


def test_tokenize_words_punctuation_and_clitics():
    text = "قال الرئيس وبوتين، «الأسد»: ٣٫٥٪ (2023)؟"
    assert spans_text(text, tokenize(text)) == [
        "قال",
        "الرئيس",
        "وبوتين",
        "،",
        "«",
        "الأسد",
        "»",
        ":",
        "٣٫٥",
        "٪",
        "(",
        "2023",
        ")",
        "؟",
    ]


def test_tokenize_controls_and_emoji():
    text = "\u200fبو\u200fتين\u200f 👨\u200d👩\u200d👧👍🏽 🇸🇾 ❤\ufe0f ok\u200e"
    assert spans_text(text, tokenize(text)) == [
        "بو\u200fتين",
        "👨\u200d👩\u200d👧",
        "👍🏽",
        "🇸🇾",
        "❤\ufe0f",
        "ok",
    ]
    assert tokenize("") == [] and tokenize(" \u200f\n") == []


def test_tokenize_keeps_harakat_and_sentence_final_dot():
    text = "يُحِبُّ العـــربية. 2023."
    assert spans_text(text, tokenize(text)) == ["يُحِبُّ", "العـــربية", ".", "2023", "."]


@settings(max_examples=150, deadline=None)
@given(arabic_texts())
def test_tokens_cover_everything_but_space_and_controls(text):
    tokens = tokenize(text)
    covered = set()
    last = 0
    for s, e in tokens:
        assert last <= s < e <= len(text)
        last = e
        covered.update(range(s, e))
        assert not text[s].isspace() and not text[e - 1].isspace()
    for i, ch in enumerate(text):
        if i not in covered:
            assert ch.isspace() or unicodedata.category(ch) == "Cf"


def test_sentences():
    text = "قال بوتين: «أهلاً.» ثم غادر؟ نعم!\nسطر جديد بلا نقطة\n\n  3.5 مليار. www.sana.sy موقع"
    assert spans_text(text, sentences(text)) == [
        "قال بوتين: «أهلاً.»",
        "ثم غادر؟",
        "نعم!",
        "سطر جديد بلا نقطة",
        "3.5 مليار.",
        "www.sana.sy موقع",
    ]
    assert sentences("") == [] and sentences(" \n ") == []


def test_sentences_on_seeds_align_with_tokens():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        tokens = tokenize(text)
        sents = sentences(text)
        assert sents
        starts = {s for s, _ in tokens}
        ends = {e for _, e in tokens}
        for s, e in sents:
            assert s in starts and e in ends
            assert text[s:e] == text[s:e].strip()
    text = SPUTNIK.read_text(encoding="utf-8")
    assert any("بوتين" in text[s:e] for s, e in sentences(text))


def test_joiners_stay_inside_words_but_never_on_an_edge():
    text = "می\u200cخواهم \u200dب\u200d"
    assert spans_text(text, tokenize(text)) == ["می\u200cخواهم", "ب"]
    assert snap_to_words(text, 0, 1) == (0, 8)
    assert snap_to_words(text, 8, 12) == (10, 11)

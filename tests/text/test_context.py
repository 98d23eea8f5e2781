"""Keyword in context lines: whole words around a span, one clean line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.text.context import keyword_in_context
from tests.text.test_folding import arabic_texts

TEXT = "قال الرئيس الروسي فلاديمير بوتين، في مؤتمر صحفي عقده في موسكو، إن العلاقات جيدة"


def test_words_on_each_side_and_ellipses_where_text_continues():
    s = TEXT.index("فلاديمير")
    k = keyword_in_context(TEXT, s, s + len("فلاديمير بوتين"))
    assert k.line() == "قال الرئيس الروسي [فلاديمير بوتين]، في مؤتمر صحفي عقده …"
    assert (k.before, k.keyword, k.glued_after) == ("قال الرئيس الروسي", "فلاديمير بوتين", "،")
    assert keyword_in_context(TEXT, s, s + 8, words=1).line() == "… الروسي [فلاديمير] بوتين، …"
    assert keyword_in_context(TEXT, 0, 3, words=2).line() == "[قال] الرئيس الروسي …"


def test_a_cut_word_stays_whole_beside_the_span():
    text = "ثم وبوتين «قال» لا"
    s = text.index("بوتين")
    assert keyword_in_context(text, s, s + 5).line() == "ثم و[بوتين] «قال» لا"
    s = text.index("قال")
    assert keyword_in_context(text, s, s + 3).line("<{}>") == "ثم وبوتين «<قال>» لا"


def test_controls_and_line_breaks_do_not_reach_the_line():
    text = "أ\u202eب\nج  \u200fبوتين\u2066 د\r\nهـ"
    s = text.index("بوتين")
    assert keyword_in_context(text, s, s + 5).line() == "أب ج [بوتين] د هـ"


def test_range_is_checked():
    with pytest.raises(IndexError):
        keyword_in_context("abc", 2, 5)


@settings(max_examples=200, deadline=None)
@given(arabic_texts(), st.integers(0, 50), st.integers(0, 10), st.integers(0, 5))
def test_context_words_are_whole_words_of_the_text(text, a, length, words):
    a = min(a, len(text))
    b = min(a + length, len(text))
    k = keyword_in_context(text, a, b, words=words)
    assert "\n" not in k.line()
    assert len(k.before.split()) <= words and len(k.after.split()) <= words
    # the context words are the nearest whole words on each side (the cut word's rest aside)
    left, right = text[:a].split(), text[b:].split()
    if left and not text[:a][-1].isspace():
        left.pop()
    if right and not text[b:][0].isspace():
        right.pop(0)
    assert clean(" ".join(left)).endswith(k.before)
    assert clean(" ".join(right)).startswith(k.after)


def clean(text: str) -> str:
    for ch in "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff":
        text = text.replace(ch, "")
    return " ".join(text.split())

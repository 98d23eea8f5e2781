"""Text and label checks shared by every importer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import RecordError
from desktop.core.rules import text_sha256
from desktop.formats.guard import checked_sha256
from desktop.text.offsets import Utf16Map
from desktop.text.validate import (
    MAX_LABEL_LENGTH,
    label_problem,
    splits_surrogate_pair,
    text_problem,
)


def test_text_allows_tab_newline_cr_and_any_real_character():
    text = "قال\tبوتين\r\nإن 👨\u200d👩\u200d👧 \u00a0\u200f\ufeffأَسَد\x7f\u2028"
    assert text_problem(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ab\x00c", "the control character U+0000 at offset 2"),
        ("\x01", "the control character U+0001 at offset 0"),
        ("abc\x0bd", "U+000B at offset 3"),
        ("abc\x0c", "U+000C at offset 3"),
        ("x\x1f", "U+001F at offset 1"),
        ("بوتين\ud800", "a lone surrogate U+D800 at offset 5"),
        ("\udfff", "a lone surrogate U+DFFF at offset 0"),
    ],
)
def test_text_refuses_controls_and_lone_surrogates(text, reason):
    assert reason in text_problem(text)


@pytest.mark.parametrize("label", ["PERS", "GPE", "شخص", "Claim_2", "X-1", "BI-X", "OCC"])
def test_good_labels(label):
    assert label_problem(label) is None


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("", "non-empty"),
        (None, "non-empty string"),
        (3, "non-empty string"),
        ("PER S", "whitespace"),
        ("PERS\t", "whitespace"),
        ("\u00a0PERS", "whitespace"),
        ("PE\x00RS", "U+0000"),
        ("O", "outside"),
        ("B-PERS", "IOB2 prefix"),
        ("I-ORG", "IOB2 prefix"),
        ("X" * (MAX_LABEL_LENGTH + 1), "longer than"),
        ("P\ud800", "lone surrogate"),
    ],
)
def test_bad_labels(label, reason):
    assert reason in label_problem(label)


def test_offsets_inside_a_surrogate_pair():
    umap = Utf16Map("a😀b")  # UTF-16: a=0, 😀=1..3, b=3
    assert [splits_surrogate_pair(umap, i) for i in range(5)] == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert not splits_surrogate_pair(Utf16Map("abc"), 2)


# Any character a text may hold, and the ones it may not: every C0 control, DEL, the surrogates,
# characters encoded on two, three and four bytes.
_CHARS = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x7F),
    st.sampled_from("قال\u200f\u202e\u0600\ufeff\U0001f468\u00a0"),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.characters(),
)


@given(st.text(_CHARS, max_size=40))
def test_the_importer_s_byte_check_refuses_what_the_text_check_refuses(text):
    """`checked_sha256` looks at the UTF-8 bytes instead of the characters: it takes exactly
    the texts `text_problem` takes, with their SHA-256, and refuses the others with its reason."""
    problem = text_problem(text)
    if problem is None:
        assert checked_sha256(text, span="t") == text_sha256(text)
    else:
        with pytest.raises(RecordError) as refused:
            checked_sha256(text, span="t")
        assert refused.value.reason == problem and refused.value.span == "t"

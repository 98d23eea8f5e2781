"""Bidi controls: found, named and reported, never removed."""

from __future__ import annotations

from hypothesis import given, settings

from desktop.text import (
    BIDI_CONTROLS,
    OVERRIDE_CONTROLS,
    BidiControl,
    bidi_controls,
    bidi_report,
    fold_key,
)
from tests.text.test_folding import SEEDS, arabic_texts


def test_control_sets():
    assert len(BIDI_CONTROLS) == 12 and len(OVERRIDE_CONTROLS) == 9
    assert OVERRIDE_CONTROLS < BIDI_CONTROLS
    assert {"\u200e", "\u200f", "\u061c"} == BIDI_CONTROLS - OVERRIDE_CONTROLS
    assert "\u200d" not in BIDI_CONTROLS and "\u200c" not in BIDI_CONTROLS  # ZWJ/ZWNJ are fine


def test_bidi_controls_found_with_offsets_and_names():
    text = "abc\u202edcb\u202c \u200fبوتين\u2067x\u2069\u061c"
    found = bidi_controls(text)
    assert found == [
        BidiControl(3, "\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        BidiControl(7, "\u202c", "POP DIRECTIONAL FORMATTING"),
        BidiControl(9, "\u200f", "RIGHT-TO-LEFT MARK"),
        BidiControl(15, "\u2067", "RIGHT-TO-LEFT ISOLATE"),
        BidiControl(17, "\u2069", "POP DIRECTIONAL ISOLATE"),
        BidiControl(18, "\u061c", "ARABIC LETTER MARK"),
    ]
    assert [c.offset for c in bidi_controls(text, overrides_only=True)] == [3, 7, 15, 17]


def test_report():
    assert bidi_report("بوتين والأسد") is None
    assert bidi_report("") is None
    assert bidi_report("\u200fبوتين") == "1 bidi control character (1 × RIGHT-TO-LEFT MARK at 0)"
    text = "a" * 10 + "\u202e" + "b" * 41 + "\u202e" + "c" * 7 + "\u202c"
    assert bidi_report(text) == (
        "3 bidi control characters (2 × RIGHT-TO-LEFT OVERRIDE at 10, 52; "
        "1 × POP DIRECTIONAL FORMATTING at 60); 3 can reorder the displayed text"
    )
    many = "\u200f" * 7
    assert bidi_report(many) == (
        "7 bidi control characters (7 × RIGHT-TO-LEFT MARK at 0, 1, 2, 3, 4, …)"
    )


def test_seeds_have_no_bidi_controls():
    for path in SEEDS.glob("*.txt"):
        assert bidi_report(path.read_text(encoding="utf-8")) is None


@settings(max_examples=150, deadline=None)
@given(arabic_texts())
def test_every_control_is_reported_and_folding_drops_them(text):
    found = bidi_controls(text)
    assert [c.offset for c in found] == [i for i, ch in enumerate(text) if ch in BIDI_CONTROLS]
    assert all(text[c.offset] == c.char for c in found)
    assert (bidi_report(text) is None) == (not found)
    assert not BIDI_CONTROLS & set(fold_key(text))

"""Decoding imported files: exact text or a clear refusal."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.text import DecodedText, TextDecodeError, decode_text, normalise_import_text
from tests.text.test_folding import SEEDS, arabic_texts

SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}

BOMS = {
    "utf-16-le": b"\xff\xfe",
    "utf-16-be": b"\xfe\xff",
    "utf-32-le": b"\xff\xfe\x00\x00",
    "utf-32-be": b"\x00\x00\xfe\xff",
}


UTF16_NO_BOM = "looks like UTF-16 without a byte order mark (save it as UTF-8)"


def cp1256_safe(text: str) -> str:
    """The Sputnik seed has ٪ and ڤ, which Windows-1256 cannot encode; use its own equivalents."""
    return text.replace("\u066a", "%").replace("\u06a4", "\u0641")


@pytest.mark.parametrize("name", SEED_TEXTS)
def test_seed_utf8(name):
    text = SEED_TEXTS[name]
    got = decode_text((SEEDS / name).read_bytes())
    assert got == DecodedText(text, "utf-8", False, 0)


@pytest.mark.parametrize("name", SEED_TEXTS)
def test_seed_with_utf8_bom(name):
    text = SEED_TEXTS[name]
    got = decode_text(b"\xef\xbb\xbf" + text.encode())
    assert got == DecodedText(text, "utf-8-sig", True, 0)


@pytest.mark.parametrize("name", SEED_TEXTS)
@pytest.mark.parametrize("codec", BOMS)
def test_seed_utf16_utf32_with_bom(name, codec):
    text = SEED_TEXTS[name]
    got = decode_text(BOMS[codec] + text.encode(codec))
    assert got == DecodedText(text, codec, True, 0)


@pytest.mark.parametrize("name", SEED_TEXTS)
def test_seed_windows_1256(name):
    text = cp1256_safe(SEED_TEXTS[name])
    got = decode_text(text.encode("cp1256"))
    assert got == DecodedText(text, "windows-1256", False, 0)


@pytest.mark.parametrize("name", SEED_TEXTS)
@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "windows-1256"])
def test_seed_with_crlf_equals_lf(name, codec):
    text = cp1256_safe(SEED_TEXTS[name])
    crlf = text.replace("\n", "\r\n")
    data = crlf.encode("cp1256" if codec == "windows-1256" else codec)
    if codec == "utf-16-le":
        data = BOMS[codec] + data
    got = decode_text(data)
    assert got.text == text and got.encoding == codec
    assert got.newlines_normalised == text.count("\n")


def test_only_one_bom_is_removed_and_nothing_else_changes():
    text = "\ufeff\u200fأَحْمَد\u0640  \n\u202e"
    assert decode_text(b"\xef\xbb\xbf" + text.encode()).text == text
    assert decode_text(b"\xff\xfe" + text.encode("utf-16-le")).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b"\xef\xbb\xbf", "file has no text"),
        (b"\xff\xfe", "file has no text"),
        (b" \n\t\r\n", "file has no text"),
        ("\u00a0\u200f\n".encode(), "file has no text"),
        (b"abc\x00def", "contains NUL bytes (binary file?)"),
        ("بوتين".encode("utf-16-le"), UTF16_NO_BOM),
        ("بوتين".encode("utf-16-be"), UTF16_NO_BOM),
        ("Putin!".encode("utf-16-le"), UTF16_NO_BOM),
        (b"\xff\xfe" + "a\x00b".encode("utf-16-le"), "contains NUL characters (binary file?)"),
        (b"\x01\x02text\x03", "looks like a binary file (control bytes)"),
        (
            b"\xff\xfe" + "a\x01b\x02".encode("utf-16-le"),
            "looks like a binary file (control bytes)",
        ),
        (
            "café crème".encode("latin-1"),
            "invalid UTF-8 at byte 3 and not Windows-1256 Arabic text",
        ),
        (b"\xff\xfe\x41", "invalid UTF-16 at byte 2"),
        (b"\xef\xbb\xbfab\xff", "invalid UTF-8 at byte 5"),
    ],
)
def test_rejections(data, reason):
    with pytest.raises(TextDecodeError) as info:
        decode_text(data)
    assert str(info.value) == reason
    assert isinstance(info.value, ValueError)


def test_damaged_utf8_names_the_first_bad_byte():
    good = SEED_TEXTS["002_b056ffaf7079958c.txt"].encode()
    truncated = good[:1000].decode(errors="ignore").encode() + "ب".encode()[:1]
    with pytest.raises(TextDecodeError, match=r"invalid UTF-8 at byte \d+ \(the rest is UTF-8"):
        decode_text(truncated)
    mixed = good[:500] + "بوتين".encode("cp1256") + good[500:]
    with pytest.raises(TextDecodeError, match="invalid UTF-8 at byte 500 "):
        decode_text(mixed)


def test_a_stray_control_byte_is_tolerated_and_kept():
    got = decode_text("بوتين\x1a".encode())
    assert got.text == "بوتين\x1a"


def test_random_bytes_are_rejected():
    for n in [64, 100, 1000, 4096] * 50:
        with pytest.raises(TextDecodeError):
            decode_text(os.urandom(n))


def test_random_high_bytes_are_not_windows_1256_arabic():
    for _ in range(200):
        data = bytes(b | 0x80 for b in os.urandom(200))
        with pytest.raises(TextDecodeError):
            decode_text(data)


def test_normalise_import_text():
    assert normalise_import_text("\ufeff\ufeffa\r\nb\rc\n\r\n") == ("\ufeffa\nb\nc\n\n", 3)
    assert normalise_import_text("a\u2028b\u0085 \u200f") == ("a\u2028b\u0085 \u200f", 0)
    assert normalise_import_text("") == ("", 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["\r", "\n", "\r\n", "\r\r", "a", "ب", "\ufeff"])).map("".join))
def test_normalise_leaves_no_cr(text):
    out, changed = normalise_import_text(text)
    assert "\r" not in out
    assert changed == text.count("\r")
    assert out.replace("\n", "") == text.removeprefix("\ufeff").replace("\r", "").replace("\n", "")


@settings(max_examples=100, deadline=None)
@given(arabic_texts())
def test_any_text_survives_utf8_and_utf16(text):
    try:
        expected, _ = normalise_import_text(text)
        got = decode_text(text.encode("utf-8"))
    except TextDecodeError:
        return  # empty, no text, or binary-looking controls: refusing is allowed
    assert got.text == expected
    # the BOM is the only U+FEFF removed, even when the text itself starts with one
    expected16, _ = normalise_import_text("\ufeff" + text)
    assert decode_text(b"\xff\xfe" + text.encode("utf-16-le")).text == expected16

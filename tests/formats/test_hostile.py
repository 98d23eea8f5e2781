"""A hostile-file corpus for every importer, generated here: each file must be refused with an
InputError naming the file (line, span) and the reason, quickly, never an internal error."""

from __future__ import annotations

import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import InputError
from desktop.formats import archive as archives
from desktop.formats.brat import read_brat
from desktop.formats.doccano import read_doccano
from desktop.formats.guard import JsonError, loads, loads_line
from desktop.formats.jsonl import read_jsonl
from desktop.formats.labelstudio import read_labelstudio
from desktop.formats.plaintext import read_manifest, read_text_file
from desktop.formats.xmi import read_xmi, write_xmi

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 5000


def jsonl_record(**over) -> dict:
    record = {
        "id": "d1",
        "text": "زار بوتين دمشق",
        "entities": [{"id": "m1", "start": 4, "end": 9, "label": "PERS", "text": "بوتين"}],
    }
    record.update(over)
    return record


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_all(reader, path):
    out = reader(path)
    return list(out)


GOOD_JSONL = json.dumps(jsonl_record(), ensure_ascii=False)
JSONL_CASES = {
    "deep": (f'{{"id": "x", "text": {DEEP}}}', "nested too deeply"),
    "huge number": (GOOD_JSONL.replace('"start": 4', f'"start": {HUGE}'), "digits"),
    "31-digit number": (
        GOOD_JSONL.replace('"start": 4', f'"start": -{"1" * 31}'),
        "a number has 32 digits (at most 30)",
    ),
    "31 digits in an unknown field": (
        GOOD_JSONL.replace('"start": 4', f'"start": 4, "x": [{"7" * 31}]'),
        "a number has 31 digits (at most 30)",
    ),
    "lone surrogate": (GOOD_JSONL.replace("دمشق", "\\ud800"), "lone surrogate U+D800"),
    "NUL": (json.dumps(jsonl_record(text="زار\u0000 بوتين دمشق")), "U+0000 at offset 3"),
    "C0": (json.dumps(jsonl_record(text="زار \x1bبوتين دمشق")), "U+001B"),
    "label tab": (GOOD_JSONL.replace('"PERS"', '"PE\\tRS"'), "whitespace"),
    "label O": (GOOD_JSONL.replace('"PERS"', '"O"'), "'outside' tag"),
    "label B-": (GOOD_JSONL.replace('"PERS"', '"B-PERS"'), "IOB2 prefix"),
    "NaN": (GOOD_JSONL.replace('"start": 4', '"start": NaN'), "NaN is not JSON"),
    "wrong type": (GOOD_JSONL.replace('"start": 4', '"start": "4"'), "span entities[0]"),
}


@pytest.mark.parametrize("case", list(JSONL_CASES))
def test_native_jsonl(tmp_path, case):
    line, reason = JSONL_CASES[case]
    path = write_lines(tmp_path / "in.jsonl", GOOD_JSONL.replace("d1", "d0"), line)
    with pytest.raises(InputError, match=re.escape(reason)) as err:
        read_all(read_jsonl, path)
    assert str(err.value).startswith(f"{path}, line 2")


DOCCANO = json.dumps({"id": 1, "text": "زار بوتين دمشق", "label": [[4, 9, "PERS"]]})
DOCCANO_CASES = {
    "deep": (f'{{"id": 2, "text": "x", "label": {DEEP}}}', "nested too deeply"),
    "huge number": (DOCCANO.replace("[[4,", f"[[{HUGE},"), "digits"),
    "lone surrogate": (DOCCANO.replace('"id": 1', '"id": 2, "title": "\\udc00"'), "U+DC00"),
    "NUL": (json.dumps({"id": 2, "text": "a\u0000b", "label": []}), "U+0000"),
    "label space": (DOCCANO.replace('"PERS"', '"PER S"'), "whitespace"),
    "label I-": (DOCCANO.replace('"PERS"', '"I-PERS"'), "IOB2 prefix"),
}


@pytest.mark.parametrize("case", list(DOCCANO_CASES))
def test_doccano(tmp_path, case):
    line, reason = DOCCANO_CASES[case]
    path = write_lines(tmp_path / "in.jsonl", DOCCANO.replace('"id": 1', '"id": 0'), line)
    with pytest.raises(InputError, match=re.escape(reason)) as err:
        read_doccano(path)
    assert str(err.value).startswith(f"{path}, line 2")


def ls_task(text="زار بوتين دمشق", labels=("PERS",), start=4, end=9) -> dict:
    value = {"start": start, "end": end, "labels": list(labels)}
    return {
        "id": 1,
        "data": {"text": text},
        "annotations": [{"result": [{"id": "r1", "type": "labels", "value": value}]}],
    }


LS_CASES = {
    "deep": (DEEP, "nested too deeply"),
    "huge number": (json.dumps([ls_task()]).replace('"start": 4', f'"start": {HUGE}'), "digits"),
    "lone surrogate": (json.dumps([ls_task(text="زار بوتين \ud800")]), "U+D800"),
    "NUL": (json.dumps([ls_task(text="زار\x00بوتين دمشق")]), "U+0000"),
    "label O": (json.dumps([ls_task(labels=("O",))]), "outside"),
    "label newline": (json.dumps([ls_task(labels=("PE\nRS",))]), "whitespace"),
}


@pytest.mark.parametrize("case", list(LS_CASES))
def test_label_studio(tmp_path, case):
    content, reason = LS_CASES[case]
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(reason)) as err:
        read_labelstudio(path)
    assert str(err.value).startswith(str(path))


MANIFEST_CASES = {
    "deep": (f'{{"documents": {DEEP}}}', "nested too deeply"),
    "huge number": (f'{{"documents": [], "n": {HUGE}}}', "digits"),
    "lone surrogate": ('{"documents": [{"file": "a.txt", "title": "\\ud800"}]}', "U+D800"),
    "wrong type": ('{"documents": [{"file": "a.txt", "outlet": 5}]}', "documents[0]"),
}


@pytest.mark.parametrize("case", list(MANIFEST_CASES))
def test_manifest(tmp_path, case):
    content, reason = MANIFEST_CASES[case]
    path = tmp_path / "manifest.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(reason)) as err:
        read_manifest(path)
    assert str(err.value).startswith(str(path))


# --------------------------------------------------------------------------- brat


def brat_pair(folder: Path, text: str, ann: str, stem: str = "a") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.txt").write_bytes(text.encode("utf-8"))
    (folder / f"{stem}.ann").write_bytes(ann.encode("utf-8"))
    return folder


@pytest.mark.parametrize(
    ("text", "ann", "reason"),
    [
        ("زار بوتين دمشق", "T1\tPERS ²4 9\tبوتين\n", "bad offsets '²4 9'"),
        ("زار بوتين دمشق", "T1\tPERS 4 ٩\tبوتين\n", "bad offsets"),
        ("زار\x00 بوتين", "", "U+0000 at offset 3"),
        ("زار بوتين دمشق", "T1\tO 4 9\tبوتين\n", "'outside' tag"),
        ("زار بوتين دمشق", "T1\tB-PERS 4 9\tبوتين\n", "IOB2 prefix"),
    ],
)
def test_brat(tmp_path, text, ann, reason):
    folder = brat_pair(tmp_path / "brat", text, ann)
    with pytest.raises(InputError, match=re.escape(reason)) as err:
        read_brat(folder)
    assert str(err.value).startswith(str(folder / "a"))


def test_brat_zip_bomb_is_refused_by_ratio(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "ب" * (4 << 20))  # 8 MB of one letter: about 8 KB compressed
    assert archive.stat().st_size < 100_000
    with pytest.raises(InputError, match="compressed .* times"):
        read_brat(archive)


def test_brat_zip_total_size_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "MAX_ARCHIVE_BYTES", 10_000)
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for i in range(3):
            zf.writestr(f"d{i}.txt", os.urandom(2000).hex())  # incompressible
    with pytest.raises(InputError, match="expand to more than"):
        read_brat(archive)


def test_brat_zip_member_larger_than_declared_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a.txt", "زار بوتين دمشق")
    data = buffer.getvalue()
    size = len("زار بوتين دمشق".encode())
    # lower the declared size in the central directory only
    central = data.rindex(b"PK\x01\x02")
    patched = bytearray(data)
    patched[central + 24 : central + 28] = (size - 4).to_bytes(4, "little")
    archive = tmp_path / "lying.zip"
    archive.write_bytes(bytes(patched))
    with pytest.raises(InputError):
        read_brat(archive)


# --------------------------------------------------------------------------- XMI


def xmi_file(tmp_path: Path, text: str, begin: int, end: int, value: str = "PERS") -> Path:
    write_xmi([], tmp_path / "ts")  # a TypeSystem.xml to read with
    from desktop.core.model import Document, Mention

    out = tmp_path / "xmi"
    write_xmi([Document("a", text, mentions=(Mention(0, 1, "PERS"),))], out)
    path = out / "a.xmi"
    raw = path.read_text(encoding="utf-8")
    raw = raw.replace(
        'begin="0" end="1" value="PERS"', f'begin="{begin}" end="{end}" value="{value}"'
    )
    assert f'value="{value}"' in raw
    path.write_text(raw, encoding="utf-8")
    return out


def test_xmi_offset_inside_a_surrogate_pair_is_refused(tmp_path):
    folder = xmi_file(tmp_path, "a😀b بوتين", 2, 4)  # UTF-16: 😀 is units 1..3
    with pytest.raises(InputError, match="begin=2 falls inside a character outside the BMP"):
        read_xmi(folder)


def test_xmi_label_outside_the_grammar_is_refused(tmp_path):
    folder = xmi_file(tmp_path, "زار بوتين", 4, 9, value="B-PERS")
    with pytest.raises(InputError, match="IOB2 prefix") as err:
        read_xmi(folder)
    assert "NamedEntity xmi:id=" in str(err.value)


def test_xmi_with_100k_attributes_is_refused_quickly(tmp_path):
    attrs = " ".join(f'a{i}="1"' for i in range(100_000))
    path = tmp_path / "wide.xmi"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI" '
        f'xmi:version="2.0"><x {attrs}/></xmi:XMI>',
        encoding="utf-8",
    )
    started = time.monotonic()
    with pytest.raises(InputError, match="100000 attributes"):
        read_xmi(path)
    assert time.monotonic() - started < 30  # a bound against a hang, not a speed figure


# --------------------------------------------------------------------------- FIFOs

FIFO_READERS = {
    "jsonl": lambda p: read_all(read_jsonl, p),
    "doccano": read_doccano,
    "labelstudio": read_labelstudio,
    "brat": read_brat,
    "xmi": read_xmi,
    "txt": read_text_file,
    "manifest": read_manifest,
}


@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("name", list(FIFO_READERS))
def test_a_fifo_is_refused_at_once(tmp_path, name):
    suffix = {"brat": ".ann", "xmi": ".xmi", "txt": ".txt", "labelstudio": ".json"}.get(
        name, ".jsonl"
    )
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        FIFO_READERS[name](fifo)


@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_inside_a_brat_folder_is_refused(tmp_path):
    folder = brat_pair(tmp_path / "brat", "زار بوتين", "")
    os.mkfifo(folder / "b.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_brat(folder)


# JSON values with integers of up to 40 digits, floats, and strings of digits and Arabic letters
_JSON = st.recursive(
    st.one_of(
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(st.sampled_from("0123456789٠١٢قال -.e"), max_size=45),
        st.booleans(),
        st.none(),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=12,
)


@given(_JSON)
def test_a_line_read_with_its_bytes_gives_what_the_hooks_give(value):
    """`guard.loads_line` reads a line without the integer hook when its bytes hold no run of
    more than 30 digits (the JSONL reader's way): the same value or the same refusal as
    `guard.loads` with every hook."""
    text = json.dumps(value, ensure_ascii=False)
    outcomes = []
    for read in (lambda: loads(text), lambda: loads_line(text.encode("utf-8"))):
        try:
            outcomes.append(("value", read()))
        except JsonError as exc:
            outcomes.append(("refused", exc.reason))
    assert outcomes[0] == outcomes[1]


def _outcome(read, raw: bytes):
    try:
        return ("value", repr(read(raw)))  # repr: -0.0 is not 0, an int is not a float
    except JsonError as exc:
        return ("refused", exc.reason)
    except UnicodeDecodeError as exc:
        return ("not UTF-8", exc.start)


def _reference(raw: bytes):
    """The standard library's reading, with every hook: what `loads_line` must agree with."""
    return loads(raw.decode("utf-8"))


# Pieces that one reader may take and the other refuse, spliced anywhere into a valid line
_SPLICES = st.sampled_from(
    [
        "",
        "NaN",
        "-Infinity",
        "1e400",
        "-0",
        "-9999999999999999999",  # 19 digits: below a signed 64-bit integer
        "18446744073709551616",
        "\\ud800",
        "\\udc00\\ud800",
        "\\u0000",
        '{"a": 1, "a": [2]}',
        "\ufeff",
        "\x00",
        "\t\n",
        "[" * 50 + "]" * 50,
        '"\\',
        "٣",
    ]
)


@given(_JSON, _SPLICES, st.integers(min_value=0), st.binary(max_size=2))
def test_a_line_read_by_orjson_gives_what_the_standard_library_gives(value, piece, at, junk):
    """`loads_line` reads a line with orjson when it can: whatever it gives, a value or a
    refusal with its reason, is what the standard library's reading with the hooks gives."""
    text = json.dumps(value, ensure_ascii=False)
    at %= len(text) + 1
    raw = (text[:at] + piece + text[at:]).encode("utf-8", "surrogatepass")
    for line in (raw, raw + junk):
        assert _outcome(loads_line, line) == _outcome(_reference, line)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (b'{"start": -9999999999999999999}', {"start": -9999999999999999999}),
        (b"[9223372036854775808, 1e400]", [9223372036854775808, float("inf")]),
        (b'{"a": 1, "b": 2, "a": 3}', {"a": 3, "b": 2}),
        (b'["\\u0000", -0.0]', ["\x00", -0.0]),
    ],
)
def test_numbers_and_keys_read_from_a_line_keep_their_type_and_order(raw, value):
    got = loads_line(raw)
    assert repr(got) == repr(value)

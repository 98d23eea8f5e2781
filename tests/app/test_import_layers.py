"""Importing another annotator's spans on a text already stored: a layer, idempotent, conflicts
named by file, line and span (issue 11, item 1)."""

from __future__ import annotations

import json

import pytest

from desktop.app.project import Project
from desktop.core.errors import InputError
from tests.conftest import dump

TEXT = "قال الرئيس فلاديمير بوتين في موسكو إن المحادثات كانت جيدة"


def _record(annotator: str, *spans: tuple[str, int, int, str]) -> dict:
    return {
        "id": "doc-1",
        "text": TEXT,
        "entities": [
            {"id": i, "start": s, "end": e, "label": lb, "text": TEXT[s:e], "annotator": annotator}
            for i, s, e, lb in spans
        ],
    }


def _write(path, *records) -> str:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return str(path)


def _layers(project) -> dict[str, list[tuple[int, int, str]]]:
    (doc,) = project.iter_documents()
    out: dict[str, list] = {}
    for m in doc.mentions:
        out.setdefault(m.annotator, []).append((m.start, m.end, m.label))
    return out


PUTIN = ("m1", 20, 25, "PERS")
MOSCOW = ("m2", 29, 34, "GPE")


def test_a_colleagues_spans_on_the_same_text_become_their_layer(project, tmp_path):
    project.import_paths([_write(tmp_path / "a.jsonl", _record("amina", PUTIN))])
    report = project.import_paths([_write(tmp_path / "b.jsonl", _record("bilal", PUTIN, MOSCOW))])
    assert report.documents == [] and report.mentions == 2
    assert ("doc-1", "bilal") in report.layers
    assert _layers(project) == {
        "amina": [(20, 25, "PERS")],
        "bilal": [(20, 25, "PERS"), (29, 34, "GPE")],
    }
    assert project.stats()["documents"] == 1


def test_importing_the_same_layer_twice_changes_nothing(project, db_path, tmp_path):
    path = _write(tmp_path / "b.jsonl", _record("bilal", PUTIN, MOSCOW))
    project.import_paths([_write(tmp_path / "a.jsonl", _record("amina", PUTIN))])
    project.import_paths([path])
    before = dump(db_path)
    report = project.import_paths([path])
    assert report.mentions == 0 and report.layers == []
    assert dump(db_path) == before


def test_the_same_span_id_at_other_offsets_is_a_conflict_and_nothing_lands(
    project, db_path, tmp_path
):
    project.import_paths([_write(tmp_path / "a.jsonl", _record("bilal", PUTIN))])
    before = dump(db_path)
    other = {**_record("bilal", ("m1", 29, 34, "GPE")), "id": "doc-1"}
    fresh = {"id": "doc-2", "text": "خبر آخر لا علاقة له"}
    with pytest.raises(InputError) as err:
        project.import_paths([_write(tmp_path / "c.jsonl", fresh, other)])
    message = str(err.value)
    assert "c.jsonl, line 2, span m1" in message and "[20, 25)" in message
    assert dump(db_path) == before


def test_a_layer_lands_on_postgresql_too(postgres_url, tmp_path):
    project = Project.open(postgres_url, "tester")
    try:
        project.import_paths([_write(tmp_path / "a.jsonl", _record("amina", PUTIN))])
        path = _write(tmp_path / "b.jsonl", _record("bilal", PUTIN, MOSCOW))
        project.import_paths([path])
        again = project.import_paths([path])
        assert again.mentions == 0
        assert _layers(project)["bilal"] == [(20, 25, "PERS"), (29, 34, "GPE")]
    finally:
        project.close()


def test_a_failing_record_at_the_end_of_a_file_imports_nothing(project, db_path, tmp_path):
    good = [{"id": f"d{i}", "text": f"نص رقم {i} سليم"} for i in range(1200)]  # > one batch
    bad = {"id": "bad", "text": TEXT, "entities": [{"start": 0, "end": 999, "label": "PERS"}]}
    before = dump(db_path)
    with pytest.raises(InputError) as err:
        project.import_paths([_write(tmp_path / "big.jsonl", *good, bad)])
    assert "big.jsonl, line 1201" in str(err.value)
    assert dump(db_path) == before

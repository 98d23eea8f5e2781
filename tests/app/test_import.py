"""Importing articles: whole or nothing, named errors, seeds with their manifest."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from desktop.core.errors import InputError
from desktop.core.model import DocumentMeta
from tests.conftest import SEEDS, SPUTNIK, dump, seed_text


def docs_by_id(project):
    return {d.external_id: d for d in project.iter_documents()}


def test_seeds_import_with_their_manifest_metadata(project):
    report = project.import_paths(sorted(SEEDS.glob("*.txt")))
    assert len(report.documents) == 5
    assert project.stats()["documents"] == 5
    docs = docs_by_id(project)
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        doc = docs[entry["file"].removesuffix(".txt")]
        assert doc.text == seed_text(doc.external_id)
        assert doc.meta.outlet == entry["outlet"]
        assert doc.meta.title == entry["title"]
        assert doc.meta.event == entry["event"]
        assert doc.meta.original_source == entry["original_source"]
        assert str(doc.meta.published) == entry["published"]
        assert doc.meta.source_file == entry["file"]


def test_importing_a_folder_picks_its_text_files(project):
    report = project.import_paths([SEEDS])
    assert sorted(e for e, _ in report.documents) == sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_reimporting_the_same_text_is_reported_not_duplicated(seeded):
    report = seeded.import_paths([SEEDS / f"{SPUTNIK}.txt"])
    assert report.documents == []
    assert len(report.skipped) == 1 and SPUTNIK in report.skipped[0]
    assert seeded.stats()["documents"] == 5


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", bytes(range(256)) * 8, "NUL"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2000).replace(b"\0", b"\1"), ""),
        ("empty.txt", b"", "empty"),
        ("nul.txt", "بوتين".encode() + b"\x00" + "الأسد".encode(), "NUL"),
        ("broken.txt", "قال بوتين".encode() * 50 + b"\xd8" + "الأسد".encode() * 50, "UTF-8"),
    ],
)
def test_bad_files_are_refused_by_name_and_change_nothing(
    seeded, db_path, tmp_path, name, content, reason
):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("نص جديد سليم تماما", encoding="utf-8")
    before = dump(db_path)
    with pytest.raises(InputError) as err:
        seeded.import_paths([good, bad])
    assert name in str(err.value)
    assert reason in str(err.value)
    assert dump(db_path) == before


# 002 (Sputnik) holds ڤ and ٪, which Windows-1256 cannot encode; the other four seeds can be.
CP1256_SEEDS = [p.stem for p in sorted(SEEDS.glob("*.txt")) if p.stem != SPUTNIK]


@pytest.mark.parametrize("stem", CP1256_SEEDS)
def test_windows_1256_copies_of_seeds_import_to_the_same_text(project, tmp_path, stem):
    copy = tmp_path / f"{stem}-1256.txt"
    copy.write_bytes(seed_text(stem).encode("cp1256"))
    project.import_paths([copy])
    (doc,) = project.iter_documents()
    assert doc.text == seed_text(stem)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_other_encodings_of_a_seed_import_to_the_same_text(project, tmp_path, encoding):
    text = seed_text(SPUTNIK)
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(data)
    project.import_paths([copy])
    (doc,) = project.iter_documents()
    assert doc.text == text


def test_windows_1256_copy_of_an_imported_seed_is_seen_as_a_duplicate(seeded, tmp_path):
    stem = CP1256_SEEDS[0]
    copy = tmp_path / "copy-1256.txt"
    copy.write_bytes(seed_text(stem).encode("cp1256"))
    report = seeded.import_paths([copy])
    assert report.documents == [] and stem in report.skipped[0]


def test_only_bom_and_line_endings_change_at_import(project, tmp_path):
    body = "\ufeffسطر أول\r\nسطر\u200d ثانٍ\rثالث\u202e بوتين\u202c\n"
    f = tmp_path / "crlf.txt"
    f.write_bytes(body.encode("utf-8"))
    report = project.import_paths([f])
    (doc,) = project.iter_documents()
    assert doc.text == "سطر أول\nسطر\u200d ثانٍ\nثالث\u202e بوتين\u202c\n"
    assert any("RIGHT-TO-LEFT OVERRIDE" in w for w in report.warnings)


def test_outlet_and_event_options_fill_metadata(project, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("خبر قصير عن القمة", encoding="utf-8")
    project.import_paths([f], outlet="سانا", event="قمة")
    (doc,) = project.iter_documents()
    assert (doc.meta.outlet, doc.meta.event, doc.meta.source_file) == ("سانا", "قمة", "a.txt")


def test_same_file_name_in_two_folders_gets_a_distinct_id(project, tmp_path):
    for folder, body in (("x", "نص أول"), ("y", "نص ثان")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(body, encoding="utf-8")
    report = project.import_paths([tmp_path / "x", tmp_path / "y"])
    assert [e for e, _ in report.documents] == ["article", "article-2"]


def test_missing_path_is_named(project, tmp_path):
    with pytest.raises(InputError, match="nowhere.txt: no such file"):
        project.import_paths([tmp_path / "nowhere.txt"])


def test_broken_manifest_is_named(project, tmp_path):
    shutil.copy(SEEDS / f"{SPUTNIK}.txt", tmp_path)
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="manifest.json"):
        project.import_paths([tmp_path])
    assert project.stats()["documents"] == 0


def test_meta_defaults(project, tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("خبر", encoding="utf-8")
    project.import_paths([f])
    (doc,) = project.iter_documents()
    assert doc.meta == DocumentMeta(source_file="plain.txt")

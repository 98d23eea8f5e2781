"""``:memory:`` is SQLite's in-memory database, as in SQLite itself: an import into it lands
(the staging connection sees the same database) and no file of that name appears."""

from __future__ import annotations

from desktop.app.project import Project
from tests.conftest import SEEDS


def test_an_import_into_memory_lands_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = Project.open(":memory:", "tester")
    try:
        report = project.import_paths([SEEDS])
        assert len(report.documents) == 5
        assert project.stats()["documents"] == 5
        assert sorted(d.external_id for d in project.iter_documents()) == sorted(
            p.stem for p in SEEDS.glob("*.txt")
        )
    finally:
        project.close()
    assert list(tmp_path.iterdir()) == []


def test_two_in_memory_projects_are_two_databases(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = Project.open(":memory:", "tester")
    try:
        first.import_paths([SEEDS])
        second = Project.open(":memory:", "tester")
        try:
            assert second.stats()["documents"] == 0
        finally:
            second.close()
    finally:
        first.close()

"""The folded search index is built after the import, and search is complete before and after
(every match, with a total); on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from desktop.app.project import Project
from desktop.storage import search
from tests.conftest import SEEDS

QUERIES = ["بوتين", "الاسد", "الأسد", "موسكو", "روسيا", "قمة", "الى", "zz"]


def _found(project: Project) -> dict[str, list[int]]:
    with project.db.reading() as session:
        return {q: search.search_document_ids(session, q) for q in QUERIES}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "mizan.db")
    return request.getfixturevalue("postgres_url")


def test_search_is_the_same_before_and_after_the_index_is_built(url):
    project = Project.open(url, "tester")
    try:
        project.import_paths([SEEDS])
        with project.db.reading() as session:
            assert search.pending_count(session) == 5  # stored and listed, not yet indexed
        before = _found(project)
        assert project.build_search_index(batch=2) == 5
        with project.db.reading() as session:
            assert search.pending_count(session) == 0
        assert _found(project) == before
        assert all(before[q] for q in QUERIES if q != "zz") and before["zz"] == []
    finally:
        project.close()


def test_plain_rows_and_a_session_find_the_same_documents_at_every_stage(url):
    """The window searches on plain rows (`Database.rows()`: `sqlite3` on an SQLite file, a
    session on PostgreSQL); code inside a unit of work passes its session. Both find the same
    documents before, during and after the index is built."""
    from desktop.app.workspace import Workspace

    project = Project.open(url, "tester")
    try:
        project.import_paths([SEEDS])
        workspace = Workspace(project)
        for step in range(4):
            with project.db.rows() as rows:
                by_rows = {q: search.search_documents(rows, q).ids for q in QUERIES}
            assert by_rows == _found(project), step
            assert {q: workspace.search(q) for q in QUERIES} == by_rows
            with project.db.writing() as session:
                search.index_pending(session, 2)  # two more documents indexed each step
        assert by_rows["بوتين"] and by_rows["zz"] == []
    finally:
        project.close()


def test_every_match_is_returned_with_a_total(tmp_path):
    project = Project.open(str(tmp_path / "mizan.db"), "tester")
    try:
        files = []
        for i in range(1100):
            f = tmp_path / f"a{i}.txt"
            f.write_text(f"خبر رقم {i} عن بوتين", encoding="utf-8")
            files.append(f)
        project.import_paths(files)
        project.build_search_index()
        with project.db.reading() as session:
            hits = search.search_documents(session, "بوتين", limit=10)
            assert hits.total == 1100 and len(hits.ids) == 10
            assert len(search.search_document_ids(session, "بوتين")) == 1100
    finally:
        project.close()


def test_an_interrupted_index_build_resumes(tmp_path):
    project = Project.open(str(tmp_path / "mizan.db"), "tester")
    try:
        project.import_paths([SEEDS])
        with project.db.writing() as session:
            assert search.index_pending(session, 2) == 2  # then the indexer is killed
        with project.db.reading() as session:
            assert search.pending_count(session) == 3
            assert len(search.search_document_ids(session, "بوتين")) >= 1
        assert project.build_search_index() == 3
    finally:
        project.close()

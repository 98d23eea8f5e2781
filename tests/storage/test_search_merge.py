"""Building the search index merges the index segments its batches leave; the index stays
consistent and search finds the same documents."""

from __future__ import annotations

from sqlalchemy import text

from desktop.app.project import Project
from desktop.storage import search


def _segments(project: Project) -> int:
    """FTS5 segments: the structure record lists them (a query reads every one)."""
    with project.db.reading() as session:
        rows = session.execute(text("SELECT count(*) FROM document_fts_idx")).scalar_one()
    return rows


def test_the_index_is_merged_after_it_is_built(tmp_path):
    project = Project.open(str(tmp_path / "m.db"), "tester")
    try:
        files = []
        for i in range(120):
            f = tmp_path / f"a{i}.txt"
            f.write_text(f"خبر رقم {i} عن بوتين والوفد {i * 7}", encoding="utf-8")
            files.append(f)
        project.import_paths(files)
        with project.db.reading() as session:
            before = search.search_document_ids(session, "بوتين")
        # small batches leave many segments, as a big import does
        for _ in range(12):
            with project.db.writing() as session:
                search.index_pending(session, 10)
        unmerged = _segments(project)
        assert project.build_search_index() == 0  # nothing pending: nothing merged either
        assert _segments(project) == unmerged
        project.import_paths([_one(tmp_path)])
        assert project.build_search_index(batch=10) == 1
        assert _segments(project) < unmerged
        with project.db.writing() as session:
            assert search.merge_index(session) is False  # nothing left to merge
            session.execute(
                text("INSERT INTO document_fts(document_fts) VALUES ('integrity-check')")
            )
        with project.db.reading() as session:
            after = search.search_document_ids(session, "بوتين")
        assert after[:-1] == before and len(after) == 121
    finally:
        project.close()


def _one(tmp_path):
    f = tmp_path / "last.txt"
    f.write_text("خبر أخير عن بوتين", encoding="utf-8")
    return f

"""The window's first reads (storage/listing.py: the corpus list and its filters, the label set,
the Undo and Redo texts, an article whole and in part) give the same answers read with sqlite3
from an SQLite file, through a SQLAlchemy session on that file, and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.filters import CorpusFilter
from desktop.core.model import DocStatus
from tests.conftest import ROOT

DEMO = ROOT / "seeds" / "demo" / "demo.ndjson"


def _window_reads(url: str, *, lean: bool | None = None) -> tuple:
    project = Project.open(url, "importer")  # the demo's statuses are the importer's
    try:
        project.import_paths([DEMO])
    finally:
        project.close()
    project = Project.open(url, "carol")
    try:
        ws = Workspace(project)
        first, second, third = (d.id for d in ws.documents()[:3])
        ws.set_status(first, DocStatus.DONE)
        ws.set_status(second, DocStatus.IN_PROGRESS)
        ws.set_status(third, DocStatus.DONE)
        ws.undo()  # a redo is left to show
    finally:
        project.close()
    reopened = Project.open(url, "carol", create=False)
    try:
        if lean is False:
            reopened.db.lean = False  # the same file, read through a session
        ws = Workspace(reopened)
        outlets, events = ws.outlets_and_events()
        filters = [
            None,
            CorpusFilter(outlet=outlets[0]),
            CorpusFilter(event=events[0]),
            CorpusFilter(status=DocStatus.DONE),
            CorpusFilter(status=DocStatus.NOT_STARTED),
            CorpusFilter(document_ids=(first, third)),
            CorpusFilter(document_ids=()),
        ]
        lists = [ws.documents(f) for f in filters]
        # the time of each import is its own: everything else is compared
        docs = [replace(ws.document(d.id), imported_at=None) for d in lists[0]]
        part = replace(ws.document_part(first, 0, 400), imported_at=None)
        return (
            reopened.db.lean,
            lists,
            (outlets, events),
            ws.labels,
            ws.undo_state(),
            docs,
            part,
        )
    finally:
        reopened.close()


def test_the_window_reads_agree_on_every_path(db_path, tmp_path):
    lean, *read = _window_reads(str(db_path))
    on_session, *through_session = _window_reads(str(tmp_path / "other.db"), lean=False)
    assert lean and not on_session
    assert read == through_session
    lists, (outlets, _events), labels, undo, docs, part = read
    assert len(lists[0]) == 5 and lists[-1] == []
    assert [d.status for d in lists[0][:3]] == [
        DocStatus.DONE,
        DocStatus.IN_PROGRESS,
        DocStatus.NOT_STARTED,
    ]
    assert [d.id for d in lists[3]] == [lists[0][0].id]
    assert len(lists[4]) == 3 and len(lists[5]) == 2
    assert all(d.meta.outlet == outlets[0] for d in lists[1]) and lists[1]
    assert (undo.undo_text, undo.redo_text) == ("mark in progress", "mark done")
    assert labels.labels and sum(len(d.mentions) for d in docs) == 252
    assert part.mentions and all(m.start < 400 for m in part.mentions)
    assert part.claims == docs[0].claims


def test_the_window_reads_agree_on_sqlite_and_postgresql(postgres_url, db_path):
    lean, *sqlite_read = _window_reads(str(db_path))
    on_session, *pg_read = _window_reads(postgres_url)
    assert lean and not on_session
    assert sqlite_read == pg_read

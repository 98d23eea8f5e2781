"""What the window reads to show its first screen: the corpus list and its filters' names, the
label set, the annotator's id, the Undo and Redo texts, and the document it opens.

SQL text run by `desktop.storage.rows.Rows`, so the window's first paint on an SQLite file at
the newest revision reads through `Database.rows()` and imports no SQLAlchemy; on PostgreSQL, or
handed a session, the same text runs through SQLAlchemy (docs/architecture.md, "Start-up
rule"). The ORM rooms re-export these under their old names (`storage/documents.py`,
`storage/labels.py`, `storage/mentions.py`, `storage/history.py`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from desktop.core import model as core
from desktop.core.filters import CorpusFilter, ExportFilter
from desktop.storage.corpus import MENTION_SELECT, SPAN_ORDER, iter_documents
from desktop.storage.rows import Rows, meta_of

if TYPE_CHECKING:
    from desktop.storage.database import Database

_DOC_STATUS = {s.value: s for s in core.DocStatus}

# The corpus list: every document's details and counts, the text's first 160 characters for a
# document without a title, and the annotator's status (the `:annotator` condition is filled in
# by `_annotator`, since NULL needs IS NULL).
_SUMMARY_SELECT = """
SELECT d.id, d.external_id, d.title, d.url, d.published, d.original_source, d.source_file,
       d.notes, d.language, d.length, substr(d.text, 1, 160), o.name, e.name,
       coalesce(m.n, 0), coalesce(c.n, 0), coalesce(s.n, 0),
       coalesce(st.status, 'not_started')
FROM document d
LEFT JOIN outlet o ON d.outlet_id = o.id
LEFT JOIN event e ON d.event_id = e.id
LEFT JOIN (SELECT document_id, count(*) AS n FROM mention
           WHERE status IN ('manual', 'accepted') GROUP BY document_id) m
       ON m.document_id = d.id
LEFT JOIN (SELECT document_id, count(*) AS n FROM claim GROUP BY document_id) c
       ON c.document_id = d.id
LEFT JOIN (SELECT document_id, count(*) AS n FROM mention
           WHERE status = 'suggested' GROUP BY document_id) s
       ON s.document_id = d.id
LEFT JOIN (SELECT document_id, status FROM document_status
           WHERE annotator_id {annotator}) st
       ON st.document_id = d.id
"""
_SUMMARY_ORDER = " ORDER BY d.published IS NULL, d.published, d.id"


def _annotator(annotator_id: int | None) -> str:
    return "IS NULL" if annotator_id is None else "= :annotator"


def annotator_id(source: Any, name: str) -> int | None:
    return Rows.of(source).scalar("SELECT id FROM annotator WHERE name = :name", name=name)


def add_annotator(db: Database, name: str) -> int | None:
    """The id of a new annotator, stored now on the `sqlite3` module: the one write of opening
    a window as someone new, so a first start needs no SQLAlchemy. None when the database is
    not an SQLite file (`documents.Lookup` in a session then). Another process may store the
    name meanwhile: its id is taken."""
    con = db.sqlite_writer()
    if con is None:
        return None
    with db.sqlite_transaction(con):
        found = con.execute("SELECT id FROM annotator WHERE name = ?", (name,)).fetchone()
        if found is None:
            # the time as SQLAlchemy's SQLite dialect writes it (orm.utcnow, as text)
            now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
            sql = "INSERT INTO annotator (name, created_at) VALUES (?, ?)"
            found = (con.execute(sql, (name, now)).lastrowid,)
    return found[0]


def list_documents(
    source: Any, annotator_id: int | None, flt: CorpusFilter | None = None
) -> list[core.DocumentSummary]:
    """The corpus list, in the order of publication (undated last), with the counts and the
    status of one annotator."""
    flt = flt or CorpusFilter()
    where: list[str] = []
    params: dict[str, Any] = {"annotator": annotator_id}
    if flt.outlet:
        where.append("o.name = :outlet")
        params["outlet"] = flt.outlet
    if flt.event:
        where.append("e.name = :event")
        params["event"] = flt.event
    if flt.status:
        where.append("coalesce(st.status, 'not_started') = :status")
        params["status"] = flt.status.value
    if flt.document_ids is not None:
        if not flt.document_ids:
            return []
        where.append("d.id IN :ids")
        params["ids"] = tuple(flt.document_ids)
    if annotator_id is None:
        del params["annotator"]
    sql = _SUMMARY_SELECT.format(annotator=_annotator(annotator_id))
    if where:
        sql += " WHERE " + " AND ".join(where)
    summary, status = core.DocumentSummary, _DOC_STATUS
    return [
        summary(
            id=doc_id,
            external_id=external_id,
            meta=meta_of(
                outlet,
                original_source,
                title or _first_line(head),
                url,
                published,
                event,
                source_file,
                notes,
                language,
            ),
            length=length,
            mentions=mentions,
            claims=claims,
            status=status[state],
            suggestions=suggestions,
        )
        for (
            doc_id,
            external_id,
            title,
            url,
            published,
            original_source,
            source_file,
            notes,
            language,
            length,
            head,
            outlet,
            event,
            mentions,
            claims,
            suggestions,
            state,
        ) in Rows.of(source).all(sql + _SUMMARY_ORDER, **params)
    ]


def _first_line(head: str) -> str:
    line = head.strip().split("\n", 1)[0]
    return line if len(line) < 120 else line[:117] + "…"


def outlets_and_events(source: Any) -> tuple[list[str], list[str]]:
    rows = Rows.of(source)
    outlets = [r[0] for r in rows.all("SELECT name FROM outlet ORDER BY name")]
    events = [r[0] for r in rows.all("SELECT name FROM event ORDER BY name")]
    return outlets, events


def load_label_set(source: Any, name: str | None = None) -> core.LabelSet | None:
    """The label set called ``name``, or the first one installed."""
    rows = Rows.of(source)
    if name:
        found = rows.one("SELECT id, name FROM label_set WHERE name = :name ORDER BY id", name=name)
    else:
        found = rows.one("SELECT id, name FROM label_set ORDER BY id")
    if found is None:
        return None
    labels = rows.all(
        'SELECT "key", name_en, name_ar, color, shortcut, description FROM label '
        "WHERE label_set_id = :set ORDER BY position",
        set=found[0],
    )
    return core.LabelSet(
        found[1],
        tuple(core.Label(k, en, ar, rgb, key, text or "") for k, en, ar, rgb, key, text in labels),
    )


def undo_texts(source: Any, annotator_id: int | None) -> tuple[str | None, str | None]:
    """The descriptions of the entries `history.next_undo` and `history.next_redo` would replay
    (None when there is none), read without their operations: the window asks after every
    edit."""
    mine = f"annotator_id {_annotator(annotator_id)}"
    params = {} if annotator_id is None else {"annotator": annotator_id}
    row = Rows.of(source).one(
        f"SELECT (SELECT description FROM history WHERE {mine} AND state = 'done' "
        "ORDER BY id DESC LIMIT 1), "
        f"(SELECT description FROM history WHERE {mine} AND state = 'undone' "
        "ORDER BY id LIMIT 1)",
        **params,
    )
    return row[0], row[1]


# --------------------------------------------------------------------------- one document


def load_document(source: Any, doc_id: int) -> core.Document:
    """One document with every layer. Its mentions come as the driver's plain tuples: the
    article view opens 50,000 of them, and row objects would cost as much as the query
    (docs/benchmarks.md)."""
    return _document(source, doc_id, "", {})


def document_part(source: Any, doc_id: int, start: int, end: int) -> core.Document:
    """The document as `load_document` gives it, but with only the mentions that start in
    ``[start, end)``: the first screen of a long article is shown from these while the rest
    loads (docs/benchmarks.md, "Opening the big article"). A few hundred rows, not 50,000."""
    where = " AND m.start >= :start AND m.start < :end"
    return _document(source, doc_id, where, {"start": start, "end": end})


def _document(source: Any, doc_id: int, where: str, params: dict[str, Any]) -> core.Document:
    rows = Rows.of(source)
    mention_rows = rows.all(
        f"{MENTION_SELECT} WHERE m.document_id = :doc{where} ORDER BY {SPAN_ORDER}",
        doc=doc_id,
        **params,
    )
    flt = ExportFilter(document_ids=(doc_id,), include_rejected=True)
    docs = list(iter_documents(rows, flt, mention_rows=mention_rows))
    if not docs:
        raise KeyError(doc_id)
    return docs[0]

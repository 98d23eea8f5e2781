"""Search over the folded text of documents (docs/arabic.md): every document whose folded text
contains the folded query, as a substring.

The index: an FTS5 trigram table on SQLite, a pg_trgm GIN index over a folded-text table on
PostgreSQL. It is built off the import's critical path: an import marks each new document in
`search_pending`, and :func:`index_pending` folds and indexes them afterwards in small batches
(resumable: a killed indexer leaves the rest marked). Until then, search folds the pending
documents' text on the fly, so results are complete at every moment.

Why trigrams and not a word-level index of folded words (docs/benchmarks.md, search index):
measured on 10,000 generated articles, the word index was about 1.3× cheaper to build in all
(folding, key extraction and B-tree inserts), not 3×, and it answers whole words only, so phrases
need a second pass over every candidate and a word glued to another (``مع‍الوفد``) is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.storage.rows import Rows
from desktop.text import fold_key

_PENDING_SCAN_BATCH = 200


@dataclass(frozen=True)
class SearchHits:
    """Matching document ids in id order (at most the asked limit) and how many match in all."""

    ids: list[int]
    total: int


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def fts_available(session: Session | Rows) -> bool:
    rows = Rows.of(session)
    if not rows.is_sqlite:
        return False
    return rows.one("SELECT 1 FROM sqlite_master WHERE name = 'document_fts'") is not None


def _like_pattern(key: str) -> str:
    return "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _indexed_matches(rows: Rows, key: str) -> list[tuple] | None:
    """Ids of indexed documents containing ``key`` (one-value rows); None when the index cannot
    answer."""
    if rows.is_sqlite:
        if len(key) < 3 or not fts_available(rows):
            return None
        phrase = '"' + key.replace('"', '""') + '"'
        return rows.all("SELECT rowid FROM document_fts WHERE document_fts MATCH :q", q=phrase)
    return rows.all(
        "SELECT document_id FROM document_folded WHERE folded LIKE :p ESCAPE '\\'",
        p=_like_pattern(key),
    )


def _scan(rows: Rows, key: str, sql: str) -> set[int]:
    return {
        doc_id
        for doc_id, body in rows.stream(sql, batch=_PENDING_SCAN_BATCH)
        if key in fold_key(body)
    }


def search_documents(session: Session | Rows, query: str, limit: int | None = None) -> SearchHits:
    """Documents whose folded text contains the folded query: the first ``limit`` ids (all when
    None) and the total. Indexed documents are answered by the index, pending ones by folding
    their text now. ``session``: a SQLAlchemy session, or plain rows (`Database.rows()`: an
    SQLite file read with `sqlite3`, ~10,000 matching ids fetched in a millisecond or two
    instead of ~8 ms through the session; docs/benchmarks.md, "Session 6")."""
    key = fold_key(query).strip()
    if not key:
        return SearchHits([], 0)
    rows = Rows.of(session)
    indexed = _indexed_matches(rows, key)
    if indexed is None:  # short query or no FTS5: scan every text
        found = _scan(rows, key, "SELECT id, text FROM document")
    else:
        found = {doc_id for (doc_id,) in indexed}
        found |= _scan(  # by id: a join would walk every document to find none pending
            rows,
            key,
            "SELECT d.id, d.text FROM document d "
            "WHERE d.id IN (SELECT document_id FROM search_pending)",
        )
    ids = sorted(found)
    return SearchHits(ids if limit is None else ids[:limit], len(ids))


def search_document_ids(session: Session, query: str, limit: int | None = None) -> list[int]:
    """Ids of the documents containing the folded query, in id order (every match by default)."""
    return search_documents(session, query, limit).ids


def pending_count(session: Session) -> int:
    """Documents stored but not yet in the search index."""
    return session.execute(text("SELECT count(*) FROM search_pending")).scalar_one()


def index_pending(session: Session, limit: int = 200) -> int:
    """Fold and index up to ``limit`` pending documents; returns how many were indexed. Each call
    is meant to run in its own short write transaction, so other writers are not held up."""
    rows = session.execute(
        text(
            "SELECT d.id, d.text FROM search_pending p JOIN document d ON d.id = p.document_id "
            "ORDER BY p.document_id LIMIT :n"
        ),
        {"n": limit},
    ).all()
    if not rows:
        return 0
    params = [{"id": doc_id, "folded": fold_key(body)} for doc_id, body in rows]
    ids = [{"id": doc_id} for doc_id, _ in rows]
    if _dialect(session) == "sqlite":
        if fts_available(session):
            session.execute(text("DELETE FROM document_fts WHERE rowid = :id"), ids)
            session.execute(
                text("INSERT INTO document_fts(rowid, folded) VALUES (:id, :folded)"), params
            )
    else:
        session.execute(text("DELETE FROM document_folded WHERE document_id = :id"), ids)
        session.execute(
            text("INSERT INTO document_folded (document_id, folded) VALUES (:id, :folded)"),
            params,
        )
    session.execute(text("DELETE FROM search_pending WHERE document_id = :id"), ids)
    return len(rows)


def merge_index(session: Session, pages: int = 500) -> bool:
    """One bounded step of merging the FTS5 index's segments (each batch of
    :func:`index_pending` adds one; a query reads them all). True while there was work, so the
    caller runs steps in short transactions until False. PostgreSQL's GIN index needs none."""
    if _dialect(session) != "sqlite" or not fts_available(session):
        return False
    before = session.execute(text("SELECT total_changes()")).scalar_one()
    session.execute(
        text("INSERT INTO document_fts(document_fts, rank) VALUES ('merge', :n)"), {"n": pages}
    )
    # SQLite's FTS5 page: a difference of 2 or more in total_changes() means work was done
    return session.execute(text("SELECT total_changes()")).scalar_one() - before >= 2

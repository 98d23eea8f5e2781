"""Full-text search over the folded text of documents.

Documents are indexed by their folded form (docs/arabic.md) in an FTS5 trigram table where SQLite
offers one; elsewhere, and for queries shorter than a trigram, search scans the folded texts.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.storage import orm
from desktop.text import fold_key


def fts_available(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'document_fts'")).first()
    return found is not None


def search_document_ids(session: Session, query: str, limit: int = 1000) -> list[int]:
    """Documents whose folded text contains the folded query (substring, like the trigram
    index), in id order. Falls back to a scan where FTS5 is not available or the query is short.
    (Ranking by bm25 would cost more than the search itself when every article matches.)"""
    key = fold_key(query).strip()
    if not key:
        return []
    if len(key) >= 3 and fts_available(session):
        phrase = '"' + key.replace('"', '""') + '"'
        rows = session.execute(
            text("SELECT rowid FROM document_fts WHERE document_fts MATCH :q LIMIT :limit"),
            {"q": phrase, "limit": limit},
        )
        return [r[0] for r in rows]
    out = []
    for doc_id, body in session.execute(select(orm.Document.id, orm.Document.text)):
        if key in fold_key(body):
            out.append(doc_id)
            if len(out) >= limit:
                break
    return out


def index_document(session: Session, doc_id: int, body: str, *, fts: bool | None = None) -> None:
    if fts_available(session) if fts is None else fts:
        session.execute(
            text("INSERT INTO document_fts(rowid, folded) VALUES (:id, :folded)"),
            {"id": doc_id, "folded": fold_key(body)},
        )

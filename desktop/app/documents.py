"""Document use cases: the corpus list and its filters, search, one document with its
annotations, and a document's details and status."""

from __future__ import annotations

from desktop.app.recording import UseCases
from desktop.core import model as core
from desktop.core.changes import Change, ChangeKind
from desktop.core.filters import CorpusFilter
from desktop.storage import documents as stored_documents
from desktop.storage import listing
from desktop.storage import search as stored_search
from desktop.storage.ops import Ops


class DocumentUseCases(UseCases):
    def documents(self, flt: CorpusFilter | None = None) -> list[core.DocumentSummary]:
        with self.db.rows() as rows:  # SQL text: the window's start imports no SQLAlchemy
            return listing.list_documents(rows, self.annotator_id, flt)

    def outlets_and_events(self) -> tuple[list[str], list[str]]:
        with self.db.rows() as rows:
            return listing.outlets_and_events(rows)

    def search(self, query: str, limit: int | None = None) -> list[int]:
        """Ids of documents containing `query` through Arabic folding (every match by default)."""
        return self.search_hits(query, limit).ids

    def search_hits(self, query: str, limit: int | None = None) -> stored_search.SearchHits:
        """The first `limit` matching ids (all when None) and how many match in all, so a
        list that shows fewer can say so."""
        with self.db.rows() as rows:
            return stored_search.search_documents(rows, query, limit)

    def document(self, doc_id: int) -> core.Document:
        with self.db.rows() as rows:
            return listing.load_document(rows, doc_id)

    def update_meta(self, doc_id: int, meta: core.DocumentMeta) -> Change:
        with self.db.writing() as session:
            lookup = stored_documents.Lookup(session)
            ops = Ops()
            ops.update_document(
                doc_id,
                meta,
                outlet_id=lookup.outlet(meta.outlet),
                event_id=lookup.event(meta.event),
            )
            return self._record(
                session,
                ops,
                action="update_meta",
                description="edit document details",
                document_id=doc_id,
                kinds={ChangeKind.META, ChangeKind.CORPUS},
            )

    def set_status(self, doc_id: int, status: core.DocStatus) -> Change:
        with self.db.writing() as session:
            ops = Ops()
            exists = stored_documents.status_exists(session, doc_id, self.annotator_id)
            ops.set_status(doc_id, self.annotator_id, status, exists=exists)
            return self._record(
                session,
                ops,
                action="set_status",
                description=f"mark {status.value.replace('_', ' ')}",
                document_id=doc_id,
                kinds={ChangeKind.STATUS, ChangeKind.CORPUS},
            )

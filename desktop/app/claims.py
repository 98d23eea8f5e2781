"""Claim use cases: the proposal of the claim form, creating and changing claims with their
source, cue and topics, and the corpus-wide claims list."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from desktop.app.recording import UseCases, shorten
from desktop.app.resources import resources_dir
from desktop.core import model as core
from desktop.core.attribution import ClaimProposal, CueLexicon, propose_claim
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import MizanError
from desktop.core.filters import ClaimFilter
from desktop.storage import claims as stored_claims
from desktop.storage import documents
from desktop.storage.ops import Ops

if TYPE_CHECKING:  # storage's ORM rooms are loaded at first use (desktop/storage/__init__.py)
    from desktop.storage.claims import ClaimContext


@cache
def cue_lexicon() -> CueLexicon:
    path = resources_dir() / "lexicons" / "cues_ar.json"
    return CueLexicon.from_json(json.loads(path.read_text(encoding="utf-8")))


def _topics(topics: Iterable[str]) -> list[str]:
    return [t for t in dict.fromkeys(t.strip() for t in topics) if t]


def _source(ctx: ClaimContext, source: core.ClaimSource | None) -> dict:
    """The source columns of a claim, refused when the mention or entity is not there."""
    if source is None:
        return {"source": None, "source_mention_id": None, "source_entity_id": None}
    if source.kind is core.SourceKind.MENTION and ctx.source_mention_id is None:
        raise MizanError(f"the source mention {source.mention!r} is not in this document")
    if source.kind is core.SourceKind.ENTITY and ctx.source_entity_id is None:
        raise MizanError(f"no registry entity {source.entity!r}")
    return {
        "source": source.kind,
        "source_mention_id": ctx.source_mention_id,
        "source_entity_id": ctx.source_entity_id,
    }


class ClaimUseCases(UseCases):
    def propose_claim(self, doc_id: int, start: int, end: int) -> ClaimProposal:
        """What the claim form proposes for content [start, end): cue, source, quote type."""
        with self.db.reading() as session:
            doc = documents.load_document(session, doc_id)
        self.check_range(doc.text, start, end)
        return propose_claim(doc.text, start, end, doc.mentions, cue_lexicon())

    def create_claim(
        self,
        doc_id: int,
        start: int,
        end: int,
        *,
        source: core.ClaimSource | None = None,
        cue: core.Span | None = None,
        quote_type: core.QuoteType = core.QuoteType.INDIRECT,
        polarity: core.Polarity = core.Polarity.ASSERTED,
        topics: Iterable[str] = (),
        note: str | None = None,
    ) -> Change:
        with self.db.writing() as session:
            ctx = stored_claims.claim_context(
                session, doc_id, source=source, new=True, annotator_id=self.annotator_id
            )
            assert ctx is not None and ctx.ext_id is not None
            self.check_range(ctx.text, start, end)
            if cue is not None:
                self.check_range(ctx.text, cue.start, cue.end)
            ops = Ops()
            claim = ops.add_claim(
                doc_id,
                ctx.ext_id,
                start,
                end,
                **_source(ctx, source),
                cue=cue,
                quote_type=quote_type,
                polarity=polarity,
                note=note,
                annotator_id=self.annotator_id,
            )
            for topic in _topics(topics):
                ops.add_topic(claim, topic)
            return self._create(
                session,
                ChangeKind.CLAIM,
                f"claim «{shorten(ctx.text[start:end])}»",
                ops,
                doc_id,
                ctx.has_status,
            )

    def update_claim(self, claim_id: int, **values) -> Change:
        """Change any of: start, end, source, cue, quote_type, polarity, topics, note."""
        with self.db.writing() as session:
            ctx = stored_claims.claim_context(
                session, claim_id=claim_id, source=values.get("source")
            )
            if ctx is None or ctx.claim is None:
                raise MizanError("that claim no longer exists")
            old = ctx.claim
            new: dict = {}
            if "start" in values or "end" in values:
                start, end = values.get("start", old.start), values.get("end", old.end)
                self.check_range(ctx.text, start, end)
                new.update(start=start, end=end)
            if "source" in values:
                new.update(_source(ctx, values["source"]))
            if "cue" in values:
                cue = values["cue"]
                if cue is not None:
                    self.check_range(ctx.text, cue.start, cue.end)
                new["cue"] = cue
            for name in ("quote_type", "polarity", "note"):
                if name in values:
                    new[name] = values[name]
            ops = Ops()
            if new:
                ops.update_claim(claim_id, **new)
            if "topics" in values:
                wanted = _topics(values["topics"])
                for topic in old.topics:
                    if topic not in wanted:
                        ops.delete_topic(claim_id, topic)
                for topic in wanted:
                    if topic not in old.topics:
                        ops.add_topic(claim_id, topic)
            if not ops:
                return Change("nothing changed")
            return self._record(
                session,
                ops,
                action="update_claim",
                description=f"change claim «{shorten(ctx.text[old.start : old.end])}»",
                document_id=ctx.document_id,
                kinds={ChangeKind.CLAIM},
            )

    def delete_claims(self, claim_ids: Iterable[int]) -> Change:
        ids = sorted(set(claim_ids))
        with self.db.writing() as session:
            docs = stored_claims.claim_documents(session, ids)
            ops = Ops()
            for i in ids:
                if i in docs:
                    ops.delete_claim(i)
            if not ops:
                return Change("nothing to delete")
            return self._record(
                session,
                ops,
                action="delete_claims",
                description=f"delete {len(ops)} claim(s)",
                document_id=next(iter(docs.values())),
                document_ids=docs.values(),
                kinds={ChangeKind.CLAIM},
            )

    def claims(self, flt: ClaimFilter | None = None) -> list[core.ClaimRow]:
        with self.db.reading() as session:
            return stored_claims.list_claims(session, flt)

    def topics(self) -> list[str]:
        with self.db.reading() as session:
            return stored_claims.used_topics(session)

    def speakers(self) -> list[tuple[str, str]]:
        with self.db.reading() as session:
            return stored_claims.speakers(session)

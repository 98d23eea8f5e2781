"""Use cases of the annotating window. Each user action is one transaction and one undoable
history entry, and returns a `Change` saying what the window must refresh."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from desktop.app.project import Project
from desktop.app.resources import resources_dir
from desktop.core import model as core
from desktop.core.attribution import ClaimProposal, CueLexicon, propose_claim
from desktop.core.changes import Change, ChangeKind, Origin
from desktop.core.errors import Cancelled, MizanError
from desktop.core.filters import ClaimFilter, CorpusFilter
from desktop.storage import annotations as store
from desktop.storage.edits import EditConflict
from desktop.storage.repo import Lookup, load_label_set
from desktop.text import find_occurrences, fold, fold_key, proclitic_length


@dataclass(frozen=True)
class Occurrence:
    document_id: int
    start: int
    end: int
    text: str
    context: str = ""


@dataclass
class UndoState:
    can_undo: bool = False
    can_redo: bool = False
    undo_text: str = ""
    redo_text: str = ""


class Workspace:
    """The project as the window sees it: one annotator working on one database."""

    def __init__(self, project: Project):
        self.project = project
        self.db = project.db
        self.annotator = project.annotator
        with self.db.reading() as session:
            self.annotator_id = store.annotator_id(session, self.annotator)
            self.labels = load_label_set(session) or core.LabelSet("empty", ())
        if self.annotator_id is None:  # a new annotator: the only write of opening
            with self.db.writing() as session:
                self.annotator_id = Lookup(session).annotator(self.annotator)

    # ----------------------------------------------------------------- reading

    def documents(self, flt: CorpusFilter | None = None) -> list[core.DocumentSummary]:
        with self.db.reading() as session:
            return store.list_documents(session, self.annotator_id, flt)

    def outlets_and_events(self) -> tuple[list[str], list[str]]:
        with self.db.reading() as session:
            return store.outlets_and_events(session)

    def search(self, query: str, limit: int = 1000) -> list[int]:
        """Ids of documents containing `query` through Arabic folding."""
        with self.db.reading() as session:
            return store.search_document_ids(session, query, limit)

    def document(self, doc_id: int) -> core.Document:
        with self.db.reading() as session:
            return store.load_document(session, doc_id)

    def entities(self, query: str = "", limit: int = 50) -> list[core.RegistryEntity]:
        with self.db.reading() as session:
            return store.find_entities(session, query, limit)

    def undo_state(self) -> UndoState:
        with self.db.reading() as session:
            u = store.next_undo(session, self.annotator_id)
            r = store.next_redo(session, self.annotator_id)
        return UndoState(
            u is not None, r is not None, u.description if u else "", r.description if r else ""
        )

    # ----------------------------------------------------------------- recording

    def _act(
        self,
        session,
        *,
        action: str,
        description: str,
        ops: list[dict],
        document_id: int | None,
        kinds: Iterable[str],
        document_ids: Iterable[int] = (),
    ) -> Change:
        store.record_action(
            session,
            annotator_id=self.annotator_id,
            document_id=document_id,
            action=action,
            description=description,
            ops=ops,
        )
        docs = set(document_ids)
        if document_id is not None:
            docs.add(document_id)
        change = store.edits.change_of(description, ops, document_ids=docs)
        extra = frozenset(ChangeKind(k) for k in kinds)
        return replace(change, kinds=change.kinds | extra)

    def _create(self, session, kind: str, description: str, ops: list[dict], doc_id: int) -> Change:
        """Record a new annotation; the first one moves the document to 'in progress'."""
        status_ops = self._mark_in_progress(session, doc_id)
        return self._act(
            session,
            action=f"create_{kind}",
            description=description,
            ops=ops + status_ops,
            document_id=doc_id,
            kinds={kind, "status"} if status_ops else {kind},
        )

    def _mark_in_progress(self, session, doc_id: int) -> list[dict]:
        """Annotating a document that was 'not started' moves it to 'in progress'."""
        current = store.edits.row_of(
            session, "document_status", {"document_id": doc_id, "annotator_id": self.annotator_id}
        )
        if current is None:
            return [store.status_op(session, doc_id, self.annotator_id, "in_progress")]
        return []

    # ----------------------------------------------------------------- mentions

    def check_range(self, text: str, start: int, end: int) -> None:
        if not (0 <= start < end <= len(text)):
            raise MizanError(f"span [{start}, {end}) is outside the text (length {len(text)})")

    def create_mention(
        self,
        doc_id: int,
        start: int,
        end: int,
        label: str,
        *,
        entity: str | None = None,
        status: core.MentionStatus = core.MentionStatus.MANUAL,
    ) -> Change:
        with self.db.writing() as session:
            text = store.document_text(session, doc_id)
            self.check_range(text, start, end)
            entity_id = store.entity_id(session, entity) if entity else None
            (ext_id,) = store.fresh_ext_ids(session, store.orm.Mention, doc_id, "m", 1)
            prefix = self._prefix_len(session, text[start:end], entity_id)
            ops = [
                {
                    "op": "insert",
                    "table": "mention",
                    "row": store.mention_row(
                        doc_id,
                        ext_id,
                        start,
                        end,
                        label,
                        entity_id=entity_id,
                        prefix_len=prefix,
                        status=status,
                        annotator_id=self.annotator_id,
                    ),
                }
            ]
            return self._create(
                session, "mention", f"{label} «{shorten(text[start:end])}»", ops, doc_id
            )

    def _prefix_len(self, session, surface: str, entity_id: int | None) -> int | None:
        if entity_id is None:
            return None
        entity = store.registry_entities(session, [entity_id])[entity_id]
        return _prefix_for(surface, (entity.name, *entity.aliases))

    def delete_mentions(self, mention_ids: Iterable[int]) -> Change:
        ids = sorted(set(mention_ids))
        if not ids:
            return Change("nothing to delete")
        with self.db.writing() as session:
            docs = store.mention_documents(session, ids)
            ops = [{"op": "delete", "table": "mention", "key": {"id": i}} for i in ids if i in docs]
            return self._act(
                session,
                action="delete_mentions",
                description=f"delete {len(ops)} mention(s)",
                ops=ops,
                document_id=next(iter(docs.values()), None),
                document_ids=docs.values(),
                kinds={"mention"},
            )

    def update_mention(self, mention_id: int, **values) -> Change:
        """Relabel (`label`), adjust (`start`, `end`), link (`entity`: key or None) or change the
        `status` of one mention."""
        with self.db.writing() as session:
            row = store.edits.row_of(session, "mention", {"id": mention_id})
            if row is None:
                raise MizanError("that mention no longer exists")
            doc_id = row["document_id"]
            new: dict = {}
            if "label" in values:
                new["label"] = values["label"]
            if "start" in values or "end" in values:
                text = store.document_text(session, doc_id)
                start = values.get("start", row["start"])
                end = values.get("end", row["end"])
                self.check_range(text, start, end)
                new.update(start=start, end=end)
            if "entity" in values:
                key = values["entity"]
                new["entity_id"] = store.entity_id(session, key) if key else None
                if key and new["entity_id"] is None:
                    raise MizanError(f"no registry entity {key!r}")
                text = store.document_text(session, doc_id)
                surface = text[new.get("start", row["start"]) : new.get("end", row["end"])]
                new["prefix_len"] = self._prefix_len(session, surface, new["entity_id"])
            if "status" in values:
                new["status"] = core.MentionStatus(values["status"]).value
            if not new:
                return Change("nothing changed")
            new["updated_at"] = {"$dt": store.orm.utcnow().isoformat()}
            what = ", ".join(k for k in values)
            return self._act(
                session,
                action="update_mention",
                description=f"change mention ({what})",
                ops=[
                    {"op": "update", "table": "mention", "key": {"id": mention_id}, "values": new}
                ],
                document_id=doc_id,
                kinds={"mention"},
            )

    def set_status_of_mentions(
        self, mention_ids: Iterable[int], status: core.MentionStatus
    ) -> Change:
        """Accept or reject suggestions; rejected ones stay stored and are not proposed again."""
        ids = sorted(set(mention_ids))
        if not ids:
            return Change("nothing to change")
        with self.db.writing() as session:
            docs = store.mention_documents(session, ids)
            stamp = {"$dt": store.orm.utcnow().isoformat()}
            ops = [
                {
                    "op": "update",
                    "table": "mention",
                    "key": {"id": i},
                    "values": {
                        "status": status.value,
                        "updated_at": stamp,
                        "annotator_id": self.annotator_id,
                    },
                }
                for i in ids
                if i in docs
            ]
            verb = {"accepted": "accept", "rejected": "reject"}.get(status.value, status.value)
            return self._act(
                session,
                action=f"{verb}_mentions",
                description=f"{verb} {len(ops)} suggestion(s)",
                ops=ops,
                document_id=next(iter(docs.values()), None),
                document_ids=docs.values(),
                kinds={"mention"},
            )

    # ----------------------------------------------------------------- registry

    def create_entity(
        self,
        name: str,
        type_: str | None,
        aliases: Iterable[str] = (),
        *,
        link_mention: int | None = None,
    ) -> tuple[str, Change]:
        """A new registry entity, optionally linked to a mention at once, as one undoable step."""
        name = name.strip()
        if not name:
            raise MizanError("an entity needs a name")
        names = [a.strip() for a in dict.fromkeys((name, *aliases)) if a.strip()]
        with self.db.writing() as session:
            key = store.fresh_entity_key(session, name)
            ops: list[dict] = [
                {
                    "op": "insert",
                    "table": "entity",
                    "row": {"key": key, "name": name, "type": type_},
                }
            ]
            ops += [
                {
                    "op": "insert",
                    "table": "entity_alias",
                    "row": {"entity_id": {"$ref": 0}, "alias": a, "folded": fold_key(a)},
                }
                for a in names
            ]
            doc_id = None
            if link_mention is not None:
                row = store.edits.row_of(session, "mention", {"id": link_mention})
                if row is None:
                    raise MizanError("that mention no longer exists")
                doc_id = row["document_id"]
                surface = store.document_text(session, doc_id)[row["start"] : row["end"]]
                ops.append(
                    {
                        "op": "update",
                        "table": "mention",
                        "key": {"id": link_mention},
                        "values": {
                            "entity_id": {"$ref": 0},
                            "prefix_len": _prefix_for(surface, names),
                        },
                    }
                )
            change = self._act(
                session,
                action="create_entity",
                description=f"new entity «{shorten(name)}»",
                ops=ops,
                document_id=doc_id,
                kinds={"entity", "mention"},
            )
            return key, change

    # ----------------------------------------------------------------- occurrences

    def find_occurrences(
        self,
        query: str,
        *,
        document_id: int | None = None,
        clitic_insensitive: bool = True,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Occurrence]:
        """Every place `query` occurs (through folding) in one document or the whole corpus,
        without the spans that already carry a mention (in any state)."""
        with self.db.reading() as session:
            if document_id is not None:
                texts = [(document_id, store.document_text(session, document_id))]
            else:
                ids = store.search_document_ids(session, query, limit=1_000_000)
                texts = [(i, store.document_text(session, i)) for i in sorted(ids)]
            taken = store.existing_mention_spans(session, [i for i, _ in texts])
        out: list[Occurrence] = []
        for n, (doc_id, text) in enumerate(texts, start=1):
            if cancelled and cancelled():
                raise Cancelled()
            for start, end in find_occurrences(
                text, query, clitic_insensitive=clitic_insensitive, folded=fold(text)
            ):
                if (doc_id, start, end) not in taken:
                    out.append(
                        Occurrence(doc_id, start, end, text[start:end], _context(text, start, end))
                    )
            if progress:
                progress(n, len(texts))
        return out

    def add_suggestions(
        self, occurrences: Iterable[Occurrence], label: str, entity: str | None = None
    ) -> Change:
        """Store occurrences as suggested mentions, one undoable step."""
        occurrences = list(occurrences)
        if not occurrences:
            return Change("no suggestions")
        with self.db.writing() as session:
            entity_id = store.entity_id(session, entity) if entity else None
            by_doc: dict[int, list[Occurrence]] = {}
            for occ in occurrences:
                by_doc.setdefault(occ.document_id, []).append(occ)
            ops = []
            for doc_id, items in by_doc.items():
                ext_ids = store.fresh_ext_ids(session, store.orm.Mention, doc_id, "m", len(items))
                for occ, ext_id in zip(items, ext_ids, strict=True):
                    ops.append(
                        {
                            "op": "insert",
                            "table": "mention",
                            "row": store.mention_row(
                                doc_id,
                                ext_id,
                                occ.start,
                                occ.end,
                                label,
                                entity_id=entity_id,
                                prefix_len=self._prefix_len(session, occ.text, entity_id),
                                status=core.MentionStatus.SUGGESTED,
                                annotator_id=self.annotator_id,
                            ),
                        }
                    )
            return self._act(
                session,
                action="add_suggestions",
                description=f"suggest {len(ops)} × {label}",
                ops=ops,
                document_id=next(iter(by_doc)),
                document_ids=by_doc,
                kinds={"mention"},
            )

    # ----------------------------------------------------------------- claims

    def propose_claim(self, doc_id: int, start: int, end: int) -> ClaimProposal:
        """What the claim form proposes for content [start, end): cue, source, quote type."""
        doc = self.document(doc_id)
        self.check_range(doc.text, start, end)
        return propose_claim(doc.text, start, end, doc.mentions, cue_lexicon())

    def _source_values(self, session, doc_id: int, source: core.ClaimSource | None) -> dict:
        if source is None:
            return {"source_kind": None, "source_mention_id": None, "source_entity_id": None}
        mention_id = entity_id = None
        if source.kind is core.SourceKind.MENTION:
            mention_id = store.mention_id_by_ext(session, doc_id, source.mention or "")
            if mention_id is None:
                raise MizanError(f"the source mention {source.mention!r} is not in this document")
        elif source.kind is core.SourceKind.ENTITY:
            entity_id = store.entity_id(session, source.entity or "")
            if entity_id is None:
                raise MizanError(f"no registry entity {source.entity!r}")
        return {
            "source_kind": source.kind.value,
            "source_mention_id": mention_id,
            "source_entity_id": entity_id,
        }

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
            text = store.document_text(session, doc_id)
            self.check_range(text, start, end)
            if cue is not None:
                self.check_range(text, cue.start, cue.end)
            (ext_id,) = store.fresh_ext_ids(session, store.orm.Claim, doc_id, "c", 1)
            src = self._source_values(session, doc_id, source)
            row = store.claim_row(
                doc_id,
                ext_id,
                start,
                end,
                **src,
                cue=(cue.start, cue.end) if cue else None,
                quote_type=core.QuoteType(quote_type).value,
                polarity=core.Polarity(polarity).value,
                note=note,
                annotator_id=self.annotator_id,
            )
            ops = [{"op": "insert", "table": "claim", "row": row}]
            ops += _topic_ops(topics, {"$ref": 0})
            return self._create(
                session, "claim", f"claim «{shorten(text[start:end])}»", ops, doc_id
            )

    def update_claim(self, claim_id: int, **values) -> Change:
        """Change any of: start, end, source, cue, quote_type, polarity, topics, note."""
        with self.db.writing() as session:
            row = store.edits.row_of(session, "claim", {"id": claim_id})
            if row is None:
                raise MizanError("that claim no longer exists")
            doc_id = row["document_id"]
            text = store.document_text(session, doc_id)
            new: dict = {}
            if "start" in values or "end" in values:
                start, end = values.get("start", row["start"]), values.get("end", row["end"])
                self.check_range(text, start, end)
                new.update(start=start, end=end)
            if "source" in values:
                new.update(self._source_values(session, doc_id, values["source"]))
            if "cue" in values:
                cue = values["cue"]
                if cue is not None:
                    self.check_range(text, cue.start, cue.end)
                new.update(cue_start=cue.start if cue else None, cue_end=cue.end if cue else None)
            if "quote_type" in values:
                new["quote_type"] = core.QuoteType(values["quote_type"]).value
            if "polarity" in values:
                new["polarity"] = core.Polarity(values["polarity"]).value
            if "note" in values:
                new["note"] = values["note"] or None
            ops: list[dict] = []
            if new:
                new["updated_at"] = {"$dt": store.orm.utcnow().isoformat()}
                ops.append(
                    {"op": "update", "table": "claim", "key": {"id": claim_id}, "values": new}
                )
            if "topics" in values:
                old = store.claim_topics(session, claim_id)
                wanted = list(dict.fromkeys(t.strip() for t in values["topics"] if t.strip()))
                ops += [
                    {
                        "op": "delete",
                        "table": "claim_topic",
                        "key": {"claim_id": claim_id, "topic": t},
                    }
                    for t in old
                    if t not in wanted
                ]
                ops += _topic_ops([t for t in wanted if t not in old], claim_id)
            if not ops:
                return Change("nothing changed")
            return self._act(
                session,
                action="update_claim",
                description=f"change claim «{shorten(text[row['start'] : row['end']])}»",
                ops=ops,
                document_id=doc_id,
                kinds={"claim"},
            )

    def delete_claims(self, claim_ids: Iterable[int]) -> Change:
        ids = sorted(set(claim_ids))
        with self.db.writing() as session:
            docs = store.claim_documents(session, ids)
            ops = [{"op": "delete", "table": "claim", "key": {"id": i}} for i in ids if i in docs]
            if not ops:
                return Change("nothing to delete")
            return self._act(
                session,
                action="delete_claims",
                description=f"delete {len(ops)} claim(s)",
                ops=ops,
                document_id=next(iter(docs.values())),
                document_ids=docs.values(),
                kinds={"claim"},
            )

    def claims(self, flt: ClaimFilter | None = None) -> list[core.ClaimRow]:
        with self.db.reading() as session:
            return store.list_claims(session, flt)

    def topics(self) -> list[str]:
        with self.db.reading() as session:
            return store.used_topics(session)

    def speakers(self) -> list[tuple[str, str]]:
        with self.db.reading() as session:
            return store.speakers(session)

    # ----------------------------------------------------------------- comparing

    def documents_with_claims(self, doc_ids: Iterable[int]) -> list[core.Document]:
        with self.db.reading() as session:
            return [store.load_document(session, i) for i in doc_ids]

    def clusters(self, doc_ids: Iterable[int] | None = None) -> list[core.ClaimCluster]:
        with self.db.reading() as session:
            return store.load_clusters(session, None if doc_ids is None else list(doc_ids))

    def suggestions(self, doc_ids: Iterable[int]) -> list:
        """Likely same-proposition claim pairs across these documents, best first, without
        rejected pairs and pairs already in one cluster (`desktop.compare.Suggestion`s)."""
        from desktop.compare import suggest_alignments

        docs = self.documents_with_claims(doc_ids)
        with self.db.reading() as session:
            rejected = store.rejected_pairs(session)
            clusters = store.load_clusters(session, [d.id for d in docs])
        together = {
            frozenset(((a.document, a.claim), (b.document, b.claim)))
            for cluster in clusters
            for a in cluster.members
            for b in cluster.members
            if a != b
        }
        return [s for s in suggest_alignments(docs, rejected) if frozenset(s.pair) not in together]

    def _cluster_ops(self, session, claim_ids: list[int], label: str, relation) -> list[dict]:
        event_id = store.claim_event_id(session, claim_ids[0])
        ops: list[dict] = [
            {
                "op": "insert",
                "table": "claim_cluster",
                "row": {
                    "label": label,
                    "event_id": event_id,
                    "annotator_id": self.annotator_id,
                    "created_at": {"$dt": store.orm.utcnow().isoformat()},
                },
            }
        ]
        ops += [self._member_op({"$ref": 0}, claim_id, relation) for claim_id in claim_ids]
        return ops

    @staticmethod
    def _member_op(cluster_id, claim_id: int, relation) -> dict:
        return {
            "op": "insert",
            "table": "cluster_member",
            "row": {
                "cluster_id": cluster_id,
                "claim_id": claim_id,
                "relation": core.Relation(relation).value,
            },
        }

    def _cluster_act(self, session, description: str, ops: list[dict], claim_ids) -> Change:
        docs = store.claim_documents(session, list(claim_ids))
        return self._act(
            session,
            action="cluster",
            description=description,
            ops=ops,
            document_id=None,
            document_ids=docs.values(),
            kinds={"cluster"},
        )

    def create_cluster(
        self, claim_ids: Iterable[int], label: str, relation=core.Relation.AGREES
    ) -> Change:
        """A new cluster of claims; claims already in another cluster move into it."""
        claim_ids = list(dict.fromkeys(claim_ids))
        if not claim_ids:
            raise MizanError("a cluster needs at least one claim")
        with self.db.writing() as session:
            current = store.cluster_of_claims(session, claim_ids)
            ops = [
                {"op": "delete", "table": "cluster_member", "key": {"cluster_id": k, "claim_id": c}}
                for c, k in current.items()
            ]
            ops += self._cluster_ops(session, claim_ids, label.strip() or "—", relation)
            ref = len(ops) - len(claim_ids) - 1  # the index of the cluster insert
            for op in ops[ref + 1 :]:
                op["row"]["cluster_id"] = {"$ref": ref}
            return self._cluster_act(session, f"new cluster «{shorten(label)}»", ops, claim_ids)

    def accept_suggestion(self, a_claim: int, b_claim: int, label: str = "") -> Change:
        """Put two claims in one cluster: join the cluster one of them is in, or start one."""
        with self.db.writing() as session:
            current = store.cluster_of_claims(session, [a_claim, b_claim])
            if a_claim in current and b_claim in current:
                if current[a_claim] == current[b_claim]:
                    return Change("already in one cluster")
                return self._merge(session, current[a_claim], current[b_claim])
            if current:
                ((member, cluster_id),) = current.items()
                other = b_claim if member == a_claim else a_claim
                ops = [self._member_op(cluster_id, other, core.Relation.AGREES)]
                return self._cluster_act(session, "add to cluster", ops, [a_claim, b_claim])
            ops = self._cluster_ops(session, [a_claim, b_claim], label.strip() or "—", "agrees")
            return self._cluster_act(
                session, f"new cluster «{shorten(label)}»", ops, [a_claim, b_claim]
            )

    def reject_suggestion(self, a_claim: int, b_claim: int) -> Change:
        a, b = sorted((a_claim, b_claim))
        with self.db.writing() as session:
            ops = [
                {
                    "op": "insert",
                    "table": "alignment_rejection",
                    "row": {
                        "claim_a_id": a,
                        "claim_b_id": b,
                        "annotator_id": self.annotator_id,
                        "at": {"$dt": store.orm.utcnow().isoformat()},
                    },
                }
            ]
            return self._cluster_act(session, "reject suggestion", ops, [a, b])

    def set_relation(self, claim_id: int, relation) -> Change:
        with self.db.writing() as session:
            cluster_id = store.cluster_of_claims(session, [claim_id]).get(claim_id)
            if cluster_id is None:
                raise MizanError("that claim is not in a cluster")
            key = {"cluster_id": cluster_id, "claim_id": claim_id}
            ops = [
                {
                    "op": "update",
                    "table": "cluster_member",
                    "key": key,
                    "values": {"relation": core.Relation(relation).value},
                }
            ]
            return self._cluster_act(
                session, f"relation: {core.Relation(relation).value}", ops, [claim_id]
            )

    def move_to_cluster(self, claim_id: int, cluster_id: int | None, relation=None) -> Change:
        """Move a claim into another cluster, or out of any cluster (`cluster_id=None`)."""
        with self.db.writing() as session:
            current = store.cluster_of_claims(session, [claim_id]).get(claim_id)
            ops: list[dict] = []
            old_relation = core.Relation.AGREES
            if current is not None:
                old_relation = core.Relation(
                    dict(store.cluster_members(session, current))[claim_id]
                )
                key = {"cluster_id": current, "claim_id": claim_id}
                ops.append({"op": "delete", "table": "cluster_member", "key": key})
            if cluster_id is not None:
                ops.append(self._member_op(cluster_id, claim_id, relation or old_relation))
            if not ops:
                return Change("nothing changed")
            what = "remove from cluster" if cluster_id is None else "move to cluster"
            return self._cluster_act(session, what, ops, [claim_id])

    def _merge(self, session, keep: int, other: int) -> Change:
        members = store.cluster_members(session, other)
        ops = [{"op": "delete", "table": "claim_cluster", "key": {"id": other}}]
        ops += [self._member_op(keep, claim_id, relation) for claim_id, relation in members]
        return self._cluster_act(session, "merge clusters", ops, [c for c, _ in members])

    def merge_clusters(self, keep: int, other: int) -> Change:
        with self.db.writing() as session:
            return self._merge(session, keep, other)

    def split_cluster(self, cluster_id: int, claim_ids: Iterable[int], label: str) -> Change:
        """Move some members of a cluster into a new cluster."""
        claim_ids = list(claim_ids)
        with self.db.writing() as session:
            members = dict(store.cluster_members(session, cluster_id))
            moving = [c for c in claim_ids if c in members]
            if not moving:
                raise MizanError("none of those claims is in that cluster")
            ops = [
                {
                    "op": "delete",
                    "table": "cluster_member",
                    "key": {"cluster_id": cluster_id, "claim_id": c},
                }
                for c in moving
            ]
            first = len(ops)
            ops += self._cluster_ops(session, moving, label.strip() or "—", "agrees")
            for op, claim in zip(ops[first + 1 :], moving, strict=True):
                op["row"]["cluster_id"] = {"$ref": first}
                op["row"]["relation"] = members[claim]
            return self._cluster_act(session, f"split cluster «{shorten(label)}»", ops, moving)

    def rename_cluster(self, cluster_id: int, label: str) -> Change:
        with self.db.writing() as session:
            ops = [
                {
                    "op": "update",
                    "table": "claim_cluster",
                    "key": {"id": cluster_id},
                    "values": {"label": label.strip() or "—"},
                }
            ]
            return self._cluster_act(session, f"rename cluster «{shorten(label)}»", ops, [])

    def delete_cluster(self, cluster_id: int) -> Change:
        with self.db.writing() as session:
            members = [c for c, _ in store.cluster_members(session, cluster_id)]
            ops = [{"op": "delete", "table": "claim_cluster", "key": {"id": cluster_id}}]
            return self._cluster_act(session, "delete cluster", ops, members)

    # ----------------------------------------------------------------- documents

    def update_meta(self, doc_id: int, meta: core.DocumentMeta) -> Change:
        with self.db.writing() as session:
            values = store.meta_values(Lookup(session), meta)
            return self._act(
                session,
                action="update_meta",
                description="edit document details",
                ops=[
                    {"op": "update", "table": "document", "key": {"id": doc_id}, "values": values}
                ],
                document_id=doc_id,
                kinds={"meta", "corpus"},
            )

    def set_status(self, doc_id: int, status: core.DocStatus) -> Change:
        with self.db.writing() as session:
            return self._act(
                session,
                action="set_status",
                description=f"mark {status.value.replace('_', ' ')}",
                ops=[store.status_op(session, doc_id, self.annotator_id, status.value)],
                document_id=doc_id,
                kinds={"status", "corpus"},
            )

    # ----------------------------------------------------------------- undo / redo

    def undo(self) -> Change | None:
        return self._replay(undo=True)

    def redo(self) -> Change | None:
        return self._replay(undo=False)

    def _replay(self, *, undo: bool) -> Change | None:
        with self.db.writing() as session:
            entry = (store.next_undo if undo else store.next_redo)(session, self.annotator_id)
            if entry is None:
                return None
            try:
                store.replay(session, entry, undo=undo)
            except EditConflict:
                raise MizanError(
                    f"cannot {'undo' if undo else 'redo'} «{entry.description}»: "
                    "the annotations changed since (another annotator or window?)"
                ) from None
            ops = entry.undo if undo else entry.redo
            docs = {entry.document_id} if entry.document_id else set()
            verb = "undo" if undo else "redo"
            return store.edits.change_of(
                f"{verb} {entry.description}",
                ops,
                origin=Origin.UNDO if undo else Origin.REDO,
                document_ids=docs,
            )


def _topic_ops(topics: Iterable[str], claim_id) -> list[dict]:
    return [
        {"op": "insert", "table": "claim_topic", "row": {"claim_id": claim_id, "topic": t}}
        for t in dict.fromkeys(t.strip() for t in topics)
        if t
    ]


@cache
def cue_lexicon() -> CueLexicon:
    path = resources_dir() / "lexicons" / "cues_ar.json"
    return CueLexicon.from_json(json.loads(path.read_text(encoding="utf-8")))


def _prefix_for(surface: str, names: Iterable[str]) -> int:
    """Proclitic letters before the entity's bare name in this written form (وبوتين -> 1)."""
    for base in names:
        n = proclitic_length(surface, base)
        if n:
            return n
    return 0


def shorten(text: str, n: int = 30) -> str:
    """One line of at most n characters, for undo descriptions and lists."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].rsplit("\n", 1)[-1]
    right = text[end : end + width].split("\n", 1)[0]
    return f"{left}[{text[start:end]}]{right}"

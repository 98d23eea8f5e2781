"""Cluster use cases of the Compare window: suggested same-proposition pairs, and clusters
created, joined, split, merged, renamed and deleted (each one undoable step)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from desktop.app.recording import UseCases, shorten
from desktop.core import model as core
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import MizanError
from desktop.storage import claims, documents, registry
from desktop.storage import clusters as stored_clusters
from desktop.storage.ops import Ops


class ClusterUseCases(UseCases):
    def documents_with_claims(self, doc_ids: Iterable[int]) -> list[core.Document]:
        with self.db.reading() as session:
            return [documents.load_document(session, i) for i in doc_ids]

    def clusters(self, doc_ids: Iterable[int] | None = None) -> list[core.ClaimCluster]:
        with self.db.reading() as session:
            return stored_clusters.load_clusters(
                session, None if doc_ids is None else list(doc_ids)
            )

    def suggestions(self, doc_ids: Iterable[int], *, k: int = 3) -> list:
        """For every claim of these documents, its ``k`` best candidates in each other document
        (strong tier first, weaker ones down to ``FLOOR``; ``evidence["tier"]``), best first,
        without rejected pairs and pairs already in one cluster (`desktop.compare.Suggestion`s).

        The whole registry is passed, not only the entities linked in these documents: names
        and aliases found in a claim's text are evidence even when nobody marked them."""
        from desktop.compare import suggest_alignments
        from desktop.compare.align import FLOOR

        docs = self.documents_with_claims(doc_ids)
        with self.db.reading() as session:
            rejected = stored_clusters.rejected_pairs(session)
            found = stored_clusters.load_clusters(session, [d.id for d in docs])
            entities = registry.find_entities(session, "", limit=None)
        together = {
            frozenset(((a.document, a.claim), (b.document, b.claim)))
            for cluster in found
            for a in cluster.members
            for b in cluster.members
            if a != b
        }
        return [
            s
            for s in suggest_alignments(docs, rejected, k=k, threshold=FLOOR, registry=entities)
            if frozenset(s.pair) not in together
        ]

    def claim_candidates(self, claim_id: int, *, k: int = 3) -> list[tuple[int, int, object]]:
        """The claim's candidates in other documents, before any cluster exists: ``(document
        id, claim id, Suggestion)`` of the other claim, the Suggestion turned so that ``a`` is
        this claim and ``b`` the candidate (conflicts and ranks turned with it); strong tier
        first, then best first.

        Searched among every document with claims (a claim often recalls another event);
        rejected pairs are left out, pairs already in one cluster kept (they show where the
        claim stands)."""
        from desktop.compare import claim_id as span_id
        from desktop.compare import suggest_alignments
        from desktop.compare.align import FLOOR

        with self.db.reading() as session:
            doc_id = claims.claim_documents(session, [claim_id]).get(claim_id)
            if doc_id is None:
                return []
            own = documents.load_document(session, doc_id)
            others = [
                d.id for d in documents.list_documents(session, None) if d.claims and d.id != doc_id
            ]
            docs = [own] + [documents.load_document(session, i) for i in others]
            rejected = stored_clusters.rejected_pairs(session)
            entities = registry.find_entities(session, "", limit=None)
        refs = {
            (d.external_id, span_id(c, i)): (d.id, c.id)
            for d in docs
            for i, c in enumerate(d.claims)
        }
        index = next(i for i, c in enumerate(own.claims) if c.id == claim_id)
        mine = (own.external_id, span_id(own.claims[index], index))
        out = []
        found = suggest_alignments(
            docs, rejected, k=k, threshold=FLOOR, registry=entities, around=own.external_id
        )
        for s in found:
            a, b = s.pair
            if mine == a:
                out.append((*refs[b], s))
            elif mine == b:
                out.append((*refs[a], _turned(s)))
        out.sort(key=lambda t: t[2].evidence.get("tier") != "strong")  # stable: best first
        return out

    # ----------------------------------------------------------------- editing

    def _new_cluster(self, session, ops: Ops, claim_ids: list[int], label: str, relations) -> None:
        """A cluster of `claim_ids` (event of the first claim's document); `relations` gives
        each claim's relation."""
        cluster = ops.add_cluster(
            label.strip() or "—",
            event_id=stored_clusters.claim_event_id(session, claim_ids[0]),
            annotator_id=self.annotator_id,
        )
        for claim_id in claim_ids:
            ops.add_member(cluster, claim_id, relations(claim_id))

    def _cluster_act(self, session, description: str, ops: Ops, claim_ids) -> Change:
        docs = claims.claim_documents(session, list(claim_ids))
        return self._record(
            session,
            ops,
            action="cluster",
            description=description,
            document_ids=docs.values(),
            kinds={ChangeKind.CLUSTER},
        )

    def create_cluster(
        self, claim_ids: Iterable[int], label: str, relation=core.Relation.AGREES
    ) -> Change:
        """A new cluster of claims; claims already in another cluster move into it."""
        claim_ids = list(dict.fromkeys(claim_ids))
        if not claim_ids:
            raise MizanError("a cluster needs at least one claim")
        with self.db.writing() as session:
            ops = Ops()
            for claim_id, cluster_id in stored_clusters.cluster_of_claims(
                session, claim_ids
            ).items():
                ops.delete_member(cluster_id, claim_id)
            self._new_cluster(session, ops, claim_ids, label, lambda _: relation)
            return self._cluster_act(session, f"new cluster «{shorten(label)}»", ops, claim_ids)

    def accept_suggestion(self, a_claim: int, b_claim: int, label: str = "") -> Change:
        """Put two claims in one cluster: join the cluster one of them is in, or start one."""
        with self.db.writing() as session:
            current = stored_clusters.cluster_of_claims(session, [a_claim, b_claim])
            if a_claim in current and b_claim in current:
                if current[a_claim] == current[b_claim]:
                    return Change("already in one cluster")
                return self._merge(session, current[a_claim], current[b_claim])
            ops = Ops()
            if current:
                ((member, cluster_id),) = current.items()
                other = b_claim if member == a_claim else a_claim
                ops.add_member(cluster_id, other, core.Relation.AGREES)
                return self._cluster_act(session, "add to cluster", ops, [a_claim, b_claim])
            self._new_cluster(
                session, ops, [a_claim, b_claim], label, lambda _: core.Relation.AGREES
            )
            return self._cluster_act(
                session, f"new cluster «{shorten(label)}»", ops, [a_claim, b_claim]
            )

    def reject_suggestion(self, a_claim: int, b_claim: int) -> Change:
        a, b = sorted((a_claim, b_claim))
        with self.db.writing() as session:
            ops = Ops()
            ops.add_rejection(a, b, annotator_id=self.annotator_id)
            return self._cluster_act(session, "reject suggestion", ops, [a, b])

    def set_relation(self, claim_id: int, relation) -> Change:
        with self.db.writing() as session:
            cluster_id = stored_clusters.cluster_of_claims(session, [claim_id]).get(claim_id)
            if cluster_id is None:
                raise MizanError("that claim is not in a cluster")
            ops = Ops()
            ops.set_relation(cluster_id, claim_id, relation)
            return self._cluster_act(
                session, f"relation: {core.Relation(relation).value}", ops, [claim_id]
            )

    def move_to_cluster(self, claim_id: int, cluster_id: int | None, relation=None) -> Change:
        """Move a claim into another cluster, or out of any cluster (`cluster_id=None`)."""
        with self.db.writing() as session:
            current = stored_clusters.cluster_of_claims(session, [claim_id]).get(claim_id)
            ops = Ops()
            old_relation = core.Relation.AGREES
            if current is not None:
                members = dict(stored_clusters.cluster_members(session, current))
                old_relation = core.Relation(members[claim_id])
                ops.delete_member(current, claim_id)
            if cluster_id is not None:
                ops.add_member(cluster_id, claim_id, relation or old_relation)
            if not ops:
                return Change("nothing changed")
            what = "remove from cluster" if cluster_id is None else "move to cluster"
            return self._cluster_act(session, what, ops, [claim_id])

    def _merge(self, session, keep: int, other: int) -> Change:
        members = stored_clusters.cluster_members(session, other)
        ops = Ops()
        ops.delete_cluster(other)  # its members go with it, and join `keep`
        for claim_id, relation in members:
            ops.add_member(keep, claim_id, relation)
        return self._cluster_act(session, "merge clusters", ops, [c for c, _ in members])

    def merge_clusters(self, keep: int, other: int) -> Change:
        with self.db.writing() as session:
            return self._merge(session, keep, other)

    def split_cluster(self, cluster_id: int, claim_ids: Iterable[int], label: str) -> Change:
        """Move some members of a cluster into a new cluster, keeping their relations."""
        claim_ids = list(claim_ids)
        with self.db.writing() as session:
            members = dict(stored_clusters.cluster_members(session, cluster_id))
            moving = [c for c in claim_ids if c in members]
            if not moving:
                raise MizanError("none of those claims is in that cluster")
            ops = Ops()
            for claim_id in moving:
                ops.delete_member(cluster_id, claim_id)
            self._new_cluster(session, ops, moving, label, members.__getitem__)
            return self._cluster_act(session, f"split cluster «{shorten(label)}»", ops, moving)

    def rename_cluster(self, cluster_id: int, label: str) -> Change:
        with self.db.writing() as session:
            ops = Ops()
            ops.update_cluster(cluster_id, label=label.strip() or "—")
            return self._cluster_act(session, f"rename cluster «{shorten(label)}»", ops, [])

    def delete_cluster(self, cluster_id: int) -> Change:
        with self.db.writing() as session:
            members = [c for c, _ in stored_clusters.cluster_members(session, cluster_id)]
            ops = Ops()
            ops.delete_cluster(cluster_id)
            return self._cluster_act(session, "delete cluster", ops, members)


def _turned(s):
    """The same suggestion seen from its other claim: ``a`` and ``b`` swapped."""
    evidence = dict(s.evidence, ranks=list(reversed(s.evidence.get("ranks", [None, None]))))
    conflicts = tuple(
        replace(c, a=c.b, b=c.a, a_text=c.b_text, b_text=c.a_text) for c in s.conflicts
    )
    return replace(s, a=s.b, b=s.a, evidence=evidence, conflicts=conflicts)

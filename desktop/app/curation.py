"""Curation use cases: the curated layer of a document is built from the annotators' layers.

The curated layer belongs to the annotator named `CURATION`; the curation window works through
a `Workspace` opened as that annotator, so each decision is one undoable action of the curated
layer (docs/architecture.md, "The change flow"). Spans every annotator agrees on are merged in
one step, on their own (M) or with the first decision taken on the document; each disagreement
is resolved by taking one annotator's version, an edited span, or by dropping it. A dropped
mention region keeps a rejected mention in the curated layer, which exports leave out and which
marks the region as decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.app.annotators import CURATION
from desktop.app.recording import UseCases, shorten
from desktop.core import model as core
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import MizanError
from desktop.storage import documents as stored_documents
from desktop.storage import layers as stored_layers
from desktop.storage import registry as stored_registry
from desktop.storage.ops import Ops

if TYPE_CHECKING:  # the agreement package is imported when a curation is first planned
    from desktop.agreement.curation import CurationPlan, Disagreement

__all__ = ["CURATION", "ClaimEdit", "CurationUseCases", "Edit", "layer_names"]

DROP = "drop"


@dataclass(frozen=True)
class Edit:
    """The curator's own span for a region (mentions)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class ClaimEdit:
    """The curator's own claim for a region: its bounds, quote type and polarity, and the
    annotator whose claim gives the rest (speaker, cue, topics, note)."""

    start: int
    end: int
    quote_type: core.QuoteType
    polarity: core.Polarity
    speaker_of: str


def layer_names(doc: core.Document) -> list[str]:
    """The annotators who worked on the document (spans, or a status past "not started")."""
    names = {m.annotator for m in doc.mentions} | {c.annotator for c in doc.claims}
    names |= {n for n, s in doc.status.items() if s is not core.DocStatus.NOT_STARTED}
    return sorted(n for n in names if n and n != CURATION)


def _plan(doc: core.Document, *args) -> CurationPlan:
    """`desktop.agreement.curation.plan_curation`, imported at the first curation."""
    from desktop.agreement.curation import plan_curation

    return plan_curation(doc, *args)


class CurationUseCases(UseCases):
    def curation(
        self, doc_id: int, annotators: Sequence[str] | None = None
    ) -> tuple[core.Document, CurationPlan]:
        """The document with every layer, and what is left to decide."""
        with self.db.reading() as session:
            doc = stored_documents.load_document(session, doc_id)
            dropped = stored_layers.dropped_claim_regions(session, doc_id)
        return doc, _plan(doc, annotators or layer_names(doc), CURATION, dropped)

    def merge_agreed(self, doc_id: int, annotators: Sequence[str] | None = None) -> Change:
        """Copy the spans all annotators agree on into the curated layer (one undoable step)."""
        self._require_curator()
        with self.db.writing() as session:
            doc = stored_documents.load_document(session, doc_id)
            plan = _plan(doc, annotators or layer_names(doc), CURATION)
            if not plan.agreed_mentions and not plan.agreed_claims:
                return Change("nothing to merge")
            ops = Ops()
            n = _merge(_Copier(session, ops, doc, self.annotator_id), plan)
            return self._curate(session, ops, doc, f"merge {n} agreed span(s)")

    def resolve(
        self,
        doc_id: int,
        key: str,
        choice: str | Edit | ClaimEdit,
        annotators: Sequence[str] | None = None,
    ) -> Change:
        """Decide one disagreement (`key` from the plan): `choice` is an annotator's name (take
        their version), an `Edit` (a mention region) or `ClaimEdit` (a claim region), or
        "drop"."""
        self._require_curator()
        with self.db.writing() as session:
            doc = stored_documents.load_document(session, doc_id)
            dropped = stored_layers.dropped_claim_regions(session, doc_id)
            plan = _plan(doc, annotators or layer_names(doc), CURATION, dropped)
            found = next((d for d in plan.disagreements if d.key == key), None)
            if found is None:
                raise MizanError("that disagreement is no longer there (the layers changed)")
            ops = Ops()
            self._clear_region(ops, doc, found, dropped)
            copier = _Copier(session, ops, doc, self.annotator_id)
            surface = shorten(doc.text[found.start : found.end])
            if isinstance(choice, Edit):
                if found.layer != "mention":
                    raise MizanError("only a mention can be edited here")
                self.check_range(doc.text, choice.start, choice.end)
                copier.mention(choice.start, choice.end, choice.label, None, None)
                what = f"edit «{surface}»"
            elif isinstance(choice, ClaimEdit):
                if found.layer != "claim":
                    raise MizanError("only a claim can be edited this way")
                self.check_range(doc.text, choice.start, choice.end)
                base = next(
                    (c for v in found.versions if v.annotator == choice.speaker_of
                     for c in v.claims),
                    None,
                )  # fmt: skip
                if base is None:
                    raise MizanError(f"{choice.speaker_of} has no claim here")
                copier.claim(
                    replace(
                        base,
                        start=choice.start,
                        end=choice.end,
                        quote_type=choice.quote_type,
                        polarity=choice.polarity,
                    )
                )
                what = f"edit «{surface}»"
            elif choice == DROP:
                if found.layer == "mention":  # a rejected span keeps the decision
                    label = next(m.label for v in found.versions for m in v.mentions)
                    copier.mention(
                        found.start, found.end, label, None, None, core.MentionStatus.REJECTED
                    )
                else:  # a claim region is remembered as dropped
                    ops.add_drop(doc.id, found.start, found.end, annotator_id=self.annotator_id)
                what = f"drop «{surface}»"
            else:
                version = next((v for v in found.versions if v.annotator == choice), None)
                if version is None:
                    raise MizanError(f"{choice} has no version of this region")
                for m in version.mentions:
                    copier.mention(m.start, m.end, m.label, m.entity, m.prefix_len)
                for c in version.claims:
                    copier.claim(c)
                what = f"take {choice} «{surface}»"
            if not ops:
                return Change("nothing changed")
            merged = _merge(copier, plan)  # what everyone agrees on comes along, undone with it
            if merged:
                what += f", merge {merged} agreed span(s)"
            return self._curate(session, ops, doc, what)

    # ----------------------------------------------------------------- helpers

    def _require_curator(self) -> None:
        if self.annotator != CURATION:
            raise MizanError(f"curation writes the layer of the annotator «{CURATION}»")

    def _clear_region(
        self,
        ops: Ops,
        doc: core.Document,
        region: Disagreement,
        dropped: Sequence[tuple[int, int]] = (),
    ) -> None:
        def inside(x) -> bool:
            return x.annotator == CURATION and x.start < region.end and region.start < x.end

        if region.layer == "mention":
            for m in doc.mentions:
                if inside(m):
                    ops.delete_mention(m.id)
        else:
            for c in doc.claims:
                if inside(c):
                    ops.delete_claim(c.id)
            for start, end in dropped:
                if start < region.end and region.start < end:
                    ops.delete_drop(doc.id, start, end)

    def _curate(self, session, ops: Ops, doc: core.Document, what: str) -> Change:
        kinds = {ChangeKind.MENTION, ChangeKind.CLAIM}
        if not stored_documents.status_exists(session, doc.id, self.annotator_id):
            ops.set_status(doc.id, self.annotator_id, core.DocStatus.IN_PROGRESS, exists=False)
            kinds.add(ChangeKind.STATUS)
        return self._record(
            session,
            ops,
            action="curate",
            description=f"curate: {what}",
            document_id=doc.id,
            kinds=kinds,
        )


class _Copier:
    """Adds copies of spans to the curated layer, with fresh span ids and resolved links."""

    def __init__(self, session, ops: Ops, doc: core.Document, annotator_id: int | None):
        self.session, self.ops, self.doc, self.annotator_id = session, ops, doc, annotator_id
        taken = {m.ext_id for m in doc.mentions} | {c.ext_id for c in doc.claims}
        self._ids = _fresh(taken)
        self._entities: dict[str, int | None] = {}
        self._by_ext = {m.ext_id: m for m in doc.mentions}
        # a claim's source becomes the curated layer's mention at the same place when there is one
        self._curated_at = {(m.start, m.end): m.id for m in doc.mentions if m.annotator == CURATION}

    def entity(self, key: str | None) -> int | None:
        if key is None:
            return None
        if key not in self._entities:
            self._entities[key] = stored_registry.entity_id(self.session, key)
        return self._entities[key]

    def mention(self, start, end, label, entity, prefix_len, status=core.MentionStatus.MANUAL):
        entity_id = self.entity(entity)
        self.ops.add_mention(
            self.doc.id,
            self._ids("m"),
            start,
            end,
            label,
            entity=entity_id,
            prefix_len=prefix_len if entity_id is not None else None,
            status=status,
            annotator_id=self.annotator_id,
        )

    def claim(self, c: core.Claim) -> None:
        src = c.source
        mention_id = entity_id = None
        if src is not None and src.kind is core.SourceKind.MENTION:
            m = self._by_ext.get(src.mention)
            if m is not None:
                mention_id = self._curated_at.get((m.start, m.end), m.id)
        elif src is not None and src.kind is core.SourceKind.ENTITY:
            entity_id = self.entity(src.entity)
        handle = self.ops.add_claim(
            self.doc.id,
            self._ids("c"),
            c.start,
            c.end,
            source=None if src is None else src.kind,
            source_mention_id=mention_id,
            source_entity_id=entity_id,
            cue=c.cue,
            quote_type=c.quote_type,
            polarity=c.polarity,
            note=c.note,
            annotator_id=self.annotator_id,
        )
        for topic in c.topics:
            self.ops.add_topic(handle, topic)


def _merge(copier: _Copier, plan: CurationPlan) -> int:
    """Copy the spans everyone agrees on that the curated layer lacks; how many."""
    for m in plan.agreed_mentions:
        copier.mention(m.start, m.end, m.label, m.entity, m.prefix_len)
    for c in plan.agreed_claims:
        copier.claim(c)
    return len(plan.agreed_mentions) + len(plan.agreed_claims)


def _fresh(taken: Iterable[str | None]):
    used = set(taken)
    counters = {"m": 0, "c": 0}

    def next_id(prefix: str) -> str:
        while True:
            counters[prefix] += 1
            candidate = f"{prefix}{len(used) + counters[prefix]}"
            if candidate not in used:
                used.add(candidate)
                return candidate

    return next_id

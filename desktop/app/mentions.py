"""Mention use cases: create from a selection, relabel, adjust, link, delete, and the
suggestions found by searching the corpus (accepted or rejected later)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.app.recording import UseCases, prefix_for, shorten
from desktop.core import model as core
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import Cancelled, MizanError
from desktop.storage import documents, mentions, search
from desktop.storage.ops import Ops
from desktop.text import find_occurrences, fold, fold_key, query_cores


@dataclass(frozen=True)
class Occurrence:
    document_id: int
    start: int
    end: int
    text: str
    context: str = ""


@dataclass(frozen=True)
class Annotations:
    """Some mentions and claims of one document, read back after an edit."""

    mentions: tuple[core.Mention, ...]
    claims: tuple[core.Claim, ...]
    registry: dict[str, core.RegistryEntity]


class MentionUseCases(UseCases):
    def annotations(
        self, doc_id: int, mention_ids: Iterable[int] = (), claim_ids: Iterable[int] = ()
    ) -> Annotations:
        """Only these mentions and claims of a document, as `document` gives them: a window
        updates its open document from them after an edit, without reading the whole of it."""
        with self.db.reading() as session:
            found = documents.annotations_of(session, doc_id, mention_ids, claim_ids)
        return Annotations(*found)

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
            ctx = mentions.mention_context(
                session,
                doc_id,
                entity=entity,
                new=1,
                annotator_id=self.annotator_id,
                with_text=False,  # the length and the span's words, not a 1 MB text per key
                span=(start, end),
            )
            assert ctx is not None and ctx.length is not None
            if not (0 <= start < end <= ctx.length):
                raise MizanError(f"span [{start}, {end}) is outside the text (length {ctx.length})")
            surface = ctx.surface or ""
            ops = Ops()
            ops.add_mention(
                doc_id,
                ctx.ext_ids[0],
                start,
                end,
                label,
                entity=ctx.entity_id,
                prefix_len=None if ctx.entity_id is None else prefix_for(surface, ctx.entity_names),
                status=status,
                annotator_id=self.annotator_id,
            )
            change = self._create(
                session,
                ChangeKind.MENTION,
                f"{label} «{shorten(surface)}»",
                ops,
                doc_id,
                ctx.has_status,
            )
            assert ctx.count is not None
            remember = mentions.counted(session, doc_id, ctx.count + 1)
        remember()  # committed: the next label key in this document need not count its spans
        return change

    def delete_mentions(self, mention_ids: Iterable[int]) -> Change:
        ids = sorted(set(mention_ids))
        if not ids:
            return Change("nothing to delete")
        with self.db.writing() as session:
            docs = mentions.mention_documents(session, ids)
            ops = Ops()
            for i in ids:
                if i in docs:
                    ops.delete_mention(i)
            return self._record(
                session,
                ops,
                action="delete_mentions",
                description=f"delete {len(ops)} mention(s)",
                document_id=next(iter(docs.values()), None),
                document_ids=docs.values(),
                kinds={ChangeKind.MENTION},
            )

    def update_mention(self, mention_id: int, **values) -> Change:
        """Relabel (`label`), adjust (`start`, `end`), link (`entity`: key or None) or change the
        `status` of one mention."""
        with self.db.writing() as session:
            ctx = mentions.mention_context(
                session,
                mention_id=mention_id,
                entity=values.get("entity"),
                with_text=bool({"start", "end", "entity"} & values.keys()),
            )
            if ctx is None:
                raise MizanError("that mention no longer exists")
            new: dict = {}
            if "label" in values:
                new["label"] = values["label"]
            start, end = values.get("start", ctx.start), values.get("end", ctx.end)
            if "start" in values or "end" in values:
                self.check_range(ctx.text, start, end)
                new.update(start=start, end=end)
            if "entity" in values:
                key = values["entity"]
                if key and ctx.entity_id is None:
                    raise MizanError(f"no registry entity {key!r}")
                new["entity"] = ctx.entity_id
                new["prefix_len"] = (
                    None
                    if ctx.entity_id is None
                    else prefix_for(ctx.text[start:end], ctx.entity_names)
                )
            if "status" in values:
                new["status"] = core.MentionStatus(values["status"])
            if not new:
                return Change("nothing changed")
            ops = Ops()
            ops.update_mention(mention_id, **new)
            what = ", ".join(k for k in values)
            return self._record(
                session,
                ops,
                action="update_mention",
                description=f"change mention ({what})",
                document_id=ctx.document_id,
                kinds={ChangeKind.MENTION},
            )

    def set_status_of_mentions(
        self, mention_ids: Iterable[int], status: core.MentionStatus
    ) -> Change:
        """Accept or reject suggestions; rejected ones stay stored and are not proposed again."""
        ids = sorted(set(mention_ids))
        if not ids:
            return Change("nothing to change")
        with self.db.writing() as session:
            docs = mentions.mention_documents(session, ids)
            ops = Ops()
            for i in ids:
                if i in docs:
                    ops.update_mention(i, status=status, annotator_id=self.annotator_id)
            verb = {"accepted": "accept", "rejected": "reject"}.get(status.value, status.value)
            return self._record(
                session,
                ops,
                action=f"{verb}_mentions",
                description=f"{verb} {len(ops)} suggestion(s)",
                document_id=next(iter(docs.values()), None),
                document_ids=docs.values(),
                kinds={ChangeKind.MENTION},
            )

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
                texts = [(document_id, documents.document_text(session, document_id))]
            else:
                ids: set[int] = set()
                for needle in _prefilter_needles(query, clitic_insensitive):
                    ids.update(search.search_document_ids(session, needle, limit=1_000_000))
                texts = [(i, documents.document_text(session, i)) for i in sorted(ids)]
            taken = mentions.existing_mention_spans(session, [i for i, _ in texts])
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
        by_doc: dict[int, list[Occurrence]] = {}
        for occ in occurrences:
            by_doc.setdefault(occ.document_id, []).append(occ)
        with self.db.writing() as session:
            ctx = mentions.suggestion_context(
                session, {d: len(items) for d, items in by_doc.items()}, entity
            )
            ops = Ops()
            for doc_id, items in by_doc.items():
                for occ, ext_id in zip(items, ctx.ext_ids[doc_id], strict=True):
                    ops.add_mention(
                        doc_id,
                        ext_id,
                        occ.start,
                        occ.end,
                        label,
                        entity=ctx.entity_id,
                        prefix_len=None
                        if ctx.entity_id is None
                        else prefix_for(occ.text, ctx.entity_names),
                        status=core.MentionStatus.SUGGESTED,
                        annotator_id=self.annotator_id,
                    )
            return self._record(
                session,
                ops,
                action="add_suggestions",
                description=f"suggest {len(ops)} × {label}",
                document_id=next(iter(by_doc)),
                document_ids=by_doc,
                kinds={ChangeKind.MENTION},
            )


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].rsplit("\n", 1)[-1]
    right = text[end : end + width].split("\n", 1)[0]
    return f"{left}[{text[start:end]}]{right}"


def _prefilter_needles(query: str, clitic_insensitive: bool) -> list[str]:
    """What the corpus pre-filter searches: the same cores the matcher looks for (the query
    without its own proclitic, and ال fused with a lam), so no matching document is skipped."""
    q = fold_key(query).strip(" ")
    if not clitic_insensitive or not q:
        return [query]
    cores = query_cores(q)
    return [*cores, *(c[1:] for c in cores if c.startswith("ال") and len(c) > 2)]

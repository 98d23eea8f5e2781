"""A stored document as the database gives it: its spans left as rows, not `Mention`/`Claim`s.

One format writes straight from these rows: the native JSONL export, which writes a million
spans in the time building their objects would take (docs/benchmarks.md, "Session 3: exporting
a million annotations, stats"). Its `desktop.formats.registry.Format` says so with
``stored=True``; every other format keeps taking `Document`s. The columns are the JSON's own
values, read by `desktop.storage.corpus.iter_stored`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from desktop.core.model import Document

#: A mention row: the document's id first (the rows come grouped by it), then the values, and
#: its database id last (it orders spans that start and end alike).
MENTION_COLUMNS = (
    "document_id", "ext_id", "start", "end", "label", "entity", "prefix_len", "status",
    "annotator", "id",
)  # fmt: skip
#: A claim row: ``source_mention`` is that mention's span id, ``source_entity`` a registry key;
#: ``id`` is the claim's database id, the key of `StoredDocument.topics`.
CLAIM_COLUMNS = (
    "document_id", "ext_id", "start", "end", "source_kind", "source_mention", "source_entity",
    "cue_start", "cue_end", "quote_type", "polarity", "note", "annotator", "id",
)  # fmt: skip


class StoredDocument(NamedTuple):
    """`document` holds everything but the spans (its mentions and claims are empty); the
    spans are `mentions` and `claims`, rows of `MENTION_COLUMNS` and `CLAIM_COLUMNS` in the
    order every reader gives them (by start, the longer first, then by id)."""

    document: Document
    mentions: list[tuple]
    claims: list[tuple]
    topics: Mapping[int, list[str]]  # claim id -> its topics, shared by every document read

    @property
    def external_id(self) -> str:
        return self.document.external_id

    def claim_ids(self) -> list[str]:
        """The span ids of the claims (what a claim cluster's members name)."""
        return [c[1] for c in self.claims]

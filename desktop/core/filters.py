"""What a listing or an export covers: plain values the GUI and the CLI build and storage reads.

They live in `core` so that the window can filter the corpus without importing storage
(docs/architecture.md, "Layers").
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import DocStatus


@dataclass(frozen=True)
class CorpusFilter:
    """The corpus list: documents of one outlet, event or status, or a given set (search hits)."""

    outlet: str | None = None
    event: str | None = None
    status: DocStatus | None = None
    document_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class ClaimFilter:
    """The corpus-wide claims list."""

    speaker: str | None = None  # registry key: the claim's entity or its source mention's entity
    outlet: str | None = None
    event: str | None = None
    topic: str | None = None
    quote_type: str | None = None
    document_ids: tuple[int, ...] | None = None


@dataclass
class ExportFilter:
    """Which documents and annotations an export or a listing covers."""

    annotators: tuple[str, ...] = ()  # empty: all
    outlets: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    document_ids: tuple[int, ...] = ()
    include_rejected: bool = False
    # documents whose status (for the `annotators`, or for anyone) is one of these
    statuses: tuple[str, ...] = ()
    # with no `annotators`: a document this annotator has spans or a status in gives only
    # their layer (the curated one), the others give every layer
    curated_layer: str = ""

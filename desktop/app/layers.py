"""The curated layer, which exports prefer. Imports nothing else of `desktop.app`, so the
export room can use it without an import circle."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.filters import ExportFilter
from desktop.storage import corpus

#: The curated layer is the layer of the annotator with this name.
CURATION = "curation"


def with_curated_layer(project, flt: ExportFilter | None) -> ExportFilter | None:
    """The export filter with the curated layer chosen when the filter names no annotator and
    the database has curated spans (an export names another annotator to get theirs)."""
    db = getattr(project, "db", None)
    if db is None or (flt is not None and flt.annotators):
        return flt
    with db.rows() as rows:
        curated = corpus.has_spans(rows, CURATION)
    return replace(flt or ExportFilter(), annotators=(CURATION,)) if curated else flt

"""The curated layer, which exports prefer. Imports nothing else of `desktop.app`, so the
export room can use it without an import circle."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.filters import ExportFilter

#: The curated layer is the layer of the annotator with this name.
CURATION = "curation"


def with_curated_layer(project, flt: ExportFilter | None) -> ExportFilter | None:
    """The export filter preferring the curated layer document by document: a document the
    curator worked on (curated spans, or a curation status) gives only that layer, one not yet
    curated gives what it gave before curation existed. A filter naming annotators is left as
    it is (``--annotator`` picks a layer for every document)."""
    if flt is not None and flt.annotators:
        return flt
    return replace(flt or ExportFilter(), curated_layer=CURATION)

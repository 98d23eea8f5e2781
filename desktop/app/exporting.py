"""Exporting a dataset: one entry point for every format, with subset, split and label map.

Each format is written through the one format registry (`desktop.formats.registry`); this module
picks the documents (a filter), streams them from the database, and, with a split, writes
`train`, `dev` and `test` beside each other.

Every option means the same for every format, or does not apply to it (:func:`applies`): the
window disables it and the command line refuses it, so no format silently ignores a choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from desktop.app.layers import with_curated_layer
from desktop.core.errors import Cancelled, MizanError
from desktop.core.filters import ExportFilter
from desktop.core.model import ClaimCluster, Document
from desktop.core.stored import StoredDocument
from desktop.formats import registry
from desktop.formats.registry import Format
from desktop.formats.split import COARSE_LABELS, ExportCounts, split_of
from desktop.storage import corpus
from desktop.storage.database import Database

FORMATS: dict[str, Format] = {n: registry.FORMATS[n] for n in registry.EXPORT_FORMATS}
SPLITS = ("train", "dev", "test")

#: Formats whose output holds mentions with labels: the only ones where the mention options
#: (suggestions, coarse labels) mean something. JSONL is left out on purpose: it is the native
#: format and always carries every mention with its status and its own label.
MENTION_FORMATS = ("conll", "spacy", "brat", "xmi")
#: Option -> the formats it applies to. The filters (annotator, outlet, event, status), the
#: split and its seed select documents and apply to every format.
OPTION_FORMATS: dict[str, tuple[str, ...]] = {
    "include_suggested": MENTION_FORMATS,
    "coarse": MENTION_FORMATS,
    "filter": tuple(FORMATS),
    "split": tuple(FORMATS),
    **{
        option: (fmt.name,)
        for fmt in FORMATS.values()
        for option in fmt.write_options
        if option != "seed"
    },
}
OPTION_FLAGS = {
    "include_suggested": "--include-suggested",
    "coarse": "--coarse",
    "docs_per_file": "--docs-per-file",
    "max_levels": "--max-levels",
    "unrelated_per_pair": "--unrelated-per-pair",
}


class Corpus(Protocol):
    """What an export reads (a `desktop.app.project.Project`)."""

    db: Database  # a format marked `stored` is given the documents' rows (`stored_documents`)

    def iter_documents(self, flt: ExportFilter | None = None) -> Iterator[Document]: ...

    def document_ids(self, flt: ExportFilter | None = None) -> list[int]: ...

    def clusters(self, document_ids: Iterable[int] | None = None) -> list[ClaimCluster]: ...


def applies(fmt_name: str, option: str) -> bool:
    """Whether export option `option` means something for format `fmt_name`."""
    return fmt_name in OPTION_FORMATS.get(option, ())


def parse_split(value: str | None) -> tuple[float, float, float] | None:
    """'80/10/10' -> (80, 10, 10)."""
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.replace(",", "/").split("/"))
    except ValueError:
        parts = ()
    if len(parts) != 3 or any(p < 0 for p in parts) or sum(parts) <= 0:
        raise MizanError(f"--split {value!r}: give three proportions like 80/10/10")
    return parts  # type: ignore[return-value]


def split_path(out: Path, part: str, fmt: Format) -> Path:
    if not fmt.suffix:
        return out / part
    return out.with_name(f"{out.stem}.{part}{out.suffix or fmt.suffix}")


def _refuse_options(fmt: Format, chosen: dict[str, Any]) -> None:
    for option, value in chosen.items():
        if value and not applies(fmt.name, option):
            flag = OPTION_FLAGS.get(option, option)
            raise MizanError(
                f"{flag} does not apply to the {fmt.name} export ({fmt.title}); "
                f"it applies to {', '.join(OPTION_FORMATS.get(option, ())) or 'no format'}"
            )


def export(
    project: Corpus,
    fmt_name: str,
    out: Path | str,
    *,
    flt: ExportFilter | None = None,
    split: tuple[float, float, float] | None = None,
    seed: int = 0,
    coarse: bool = False,
    include_suggested: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **options: Any,
) -> dict[str, ExportCounts]:
    """Write one export (or three, with a split); returns counts per part. `options` are the
    format's own (spaCy ``docs_per_file``, CoNLL ``max_levels``…); an option that does not
    apply to the format is refused before anything is written."""
    fmt = FORMATS.get(fmt_name)
    if fmt is None:
        raise MizanError(f"unknown format {fmt_name!r} (choose from {', '.join(FORMATS)})")
    _refuse_options(fmt, {"coarse": coarse, "include_suggested": include_suggested, **options})
    flt = with_curated_layer(project, flt)  # the curated layer when there is one
    out = Path(out)
    total = sum(1 for _ in project.document_ids(flt))
    parts = SPLITS if split else (None,)
    done = 0
    results: dict[str, ExportCounts] = {}

    for part in parts:

        def documents(part=part):
            nonlocal done
            source = stored_documents(project, flt) if fmt.stored else project.iter_documents(flt)
            for doc in source:
                if part is not None and split_of(doc.external_id, split, seed) != part:
                    continue
                if cancelled and cancelled():
                    raise Cancelled()
                done += 1
                if progress:
                    progress(done, total)
                yield doc

        target = split_path(out, part, fmt) if part else out
        results[part or "all"] = write(
            project, fmt, target, documents(), coarse, include_suggested, **options
        )
    return results


def stored_documents(project: Corpus, flt: ExportFilter | None) -> Iterator[StoredDocument]:
    """The documents of `project.iter_documents(flt)` with their spans as rows, for a format
    that writes from rows (`desktop.core.stored`)."""
    with project.db.rows() as rows:
        yield from corpus.iter_stored(rows, flt)


def write(
    project: Corpus,
    fmt: Format,
    target: Path,
    documents: Iterable[Document | StoredDocument],
    coarse: bool,
    include_suggested: bool,
    **options: Any,
) -> ExportCounts:
    """One file (or folder) of format `fmt` through the format registry."""
    return registry.write(
        fmt.name,
        documents,
        target,
        clusters=project.clusters,
        include_suggested=include_suggested,
        label_map=COARSE_LABELS if coarse else None,
        **options,
    )


def write_jsonl_export(project: Corpus, docs: Iterable[Document], out: Path | str) -> int:
    """Documents, then the claim clusters among them (members outside the export dropped)."""
    return registry.write("jsonl", docs, Path(out), clusters=project.clusters).documents

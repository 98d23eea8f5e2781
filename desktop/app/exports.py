"""Exporting a dataset: one entry point for every format, with subset, split and label map.

Each format is written by `desktop.formats`; this module picks the documents (a filter), streams
them from the database, and, with a split, writes `train`, `dev` and `test` beside each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from desktop.core.errors import Cancelled, MizanError
from desktop.core.filters import ExportFilter
from desktop.core.model import ClaimCluster, Document
from desktop.formats import brat, claims_table, conll, pairs, spacy_docbin, xmi
from desktop.formats.atomic import atomic_file
from desktop.formats.jsonl import write_jsonl
from desktop.formats.split import COARSE_LABELS, ExportCounts, split_of


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    suffix: str  # "" for a folder
    who: str


FORMATS = {
    f.name: f
    for f in (
        Format("jsonl", "Mizan JSONL", ".jsonl", "Mizan, any JSON reader"),
        Format("conll", "CoNLL IOB2 (Wojood, nested columns)", ".conll", "NER trainers, seqeval"),
        Format("spacy", "spaCy DocBin", ".spacy", "spaCy 3 training"),
        Format("brat", "brat standoff", "", "brat, many NLP toolkits"),
        Format("xmi", "UIMA CAS XMI", "", "INCEpTION, DKPro, cassis"),
        Format("claims-csv", "Claims table (CSV)", ".csv", "spreadsheets, pandas"),
        Format("claims-parquet", "Claims table (Parquet)", ".parquet", "pandas, Arrow, DuckDB"),
        Format("pairs", "Claim pairs (JSONL)", ".jsonl", "stance / NLI training"),
    )
}
SPLITS = ("train", "dev", "test")


class Corpus(Protocol):
    """What an export reads (a `desktop.app.project.Project`)."""

    def iter_documents(self, flt: ExportFilter | None = None) -> Iterator[Document]: ...

    def document_ids(self, flt: ExportFilter | None = None) -> list[int]: ...

    def clusters(self, document_ids: Iterable[int] | None = None) -> list[ClaimCluster]: ...


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
) -> dict[str, ExportCounts]:
    """Write one export (or three, with a split); returns counts per part."""
    fmt = FORMATS.get(fmt_name)
    if fmt is None:
        raise MizanError(f"unknown format {fmt_name!r} (choose from {', '.join(FORMATS)})")
    out = Path(out)
    total = sum(1 for _ in project.document_ids(flt))
    parts = SPLITS if split else (None,)
    done = 0
    results: dict[str, ExportCounts] = {}

    for part in parts:

        def documents(part=part):
            nonlocal done
            for doc in project.iter_documents(flt):
                if part is not None and split_of(doc.external_id, split, seed) != part:
                    continue
                if cancelled and cancelled():
                    raise Cancelled()
                done += 1
                if progress:
                    progress(done, total)
                yield doc

        target = split_path(out, part, fmt) if part else out
        results[part or "all"] = write(project, fmt, target, documents(), coarse, include_suggested)
    return results


def write(
    project: Corpus, fmt: Format, target: Path, documents, coarse: bool, include_suggested: bool
):
    label_map = COARSE_LABELS if coarse else None
    options = {"include_suggested": include_suggested, "label_map": label_map}
    if fmt.name == "jsonl":
        return ExportCounts(documents=write_jsonl_export(project, documents, target))
    if fmt.name == "conll":
        return conll.write_conll(documents, target, **options)
    if fmt.name == "spacy":
        return spacy_docbin.write_docbin(documents, target, **options)
    if fmt.name == "brat":
        return brat.write_brat(documents, target, **options)
    if fmt.name == "xmi":
        return xmi.write_xmi(documents, target, **options)
    if fmt.name == "claims-csv":
        return claims_table.write_claims_csv(documents, target)
    if fmt.name == "claims-parquet":
        return claims_table.write_claims_parquet(documents, target)
    if fmt.name == "pairs":
        return pairs.write_pairs(documents, project.clusters(), target)
    raise MizanError(f"unknown format {fmt.name!r}")  # pragma: no cover


def write_jsonl_export(project: Corpus, docs: Iterable[Document], out: Path | str) -> int:
    """Documents, then the claim clusters among them (members outside the export dropped)."""
    with atomic_file(Path(out), "w", encoding="utf-8", newline="\n") as handle:
        exported: set[str] = set()

        def documents():
            for doc in docs:
                exported.update(f"{doc.external_id}\0{c.ext_id}" for c in doc.claims)
                yield doc

        n = write_jsonl(documents(), handle)
        clusters = []
        for cluster in project.clusters():
            members = tuple(m for m in cluster.members if f"{m.document}\0{m.claim}" in exported)
            if members:
                clusters.append(replace(cluster, members=members))
        write_jsonl((), handle, clusters)
        return n

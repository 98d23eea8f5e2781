"""Every format Mizan reads or writes, in one table: name, direction, suffixes, detection, and the
reader / writer behind ordinary imports (function-level, so spaCy, pyarrow and cassis load only
when used, yet import-linter sees every edge).

The app asks this module three things: which reader takes a path (:func:`expand_import_paths`),
the records of a file (:func:`read`), and an export (:func:`write`). Adding a format is one
:class:`Format` entry here plus its module (see CONTRIBUTING.md).

Uniform shapes:

* a reader is ``read(path, **options)`` and yields ``(line or None, Document | ClaimCluster)``;
  every record is validated before the app writes anything;
* a writer is ``write(documents, out, *, clusters, include_suggested, label_map, **options)``
  and returns :class:`ExportCounts`; ``out`` is a file, or a folder for folder formats (its parent
  must exist, see :mod:`desktop.formats.atomic`). The documents are `Document`s; a format marked
  ``stored`` (JSONL) also takes `StoredDocument`s, its spans as database rows.
"""

from __future__ import annotations

import json
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.core.errors import InputError, MizanError
from desktop.core.model import ClaimCluster, Document, DocumentMeta
from desktop.core.stored import StoredDocument
from desktop.formats.split import ExportCounts

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "IMPORT_FORMATS",
    "Format",
    "detect_format",
    "expand_import_paths",
    "export_format",
    "looks_like_doccano",
    "read",
    "write",
]

Record = tuple[int | None, Document | ClaimCluster]
Clusters = Iterable[ClaimCluster] | Callable[[], Iterable[ClaimCluster]]


@dataclass(frozen=True)
class Format:
    """One format. ``export_suffix`` is ``""`` for a folder export and ``None`` when the format
    is not exported; ``read`` / ``write`` are ``None`` for a direction it does not have."""

    name: str
    title: str
    who: str  # who reads (or writes) it
    read: Callable[..., Iterable[Record]] | None = None
    write: Callable[..., ExportCounts] | None = None
    suffixes: tuple[str, ...] = ()  # file suffixes the reader takes (detection)
    export_suffix: str | None = None
    folder_reader: bool = False  # the reader takes a whole folder (brat, XMI)
    read_options: tuple[str, ...] = ()
    write_options: tuple[str, ...] = ()
    #: The writer also takes `desktop.core.stored.StoredDocument`s (spans as rows), and an
    #: export gives it those: the one format that writes a million spans without building them
    #: (docs/benchmarks.md). Every other writer takes `Document`s only.
    stored: bool = False

    @property
    def suffix(self) -> str:
        """The export suffix (``""`` for a folder), as app/exports.py's ``Format.suffix``."""
        return self.export_suffix or ""


# --------------------------------------------------------------------------- readers


def _read_txt(path: Path, *, manifests: dict[Path, dict[str, DocumentMeta]] | None = None):
    """One plain-text article, with the metadata of a ``manifest.json`` beside it (read once per
    folder when the caller passes a ``manifests`` cache)."""
    from desktop.formats.plaintext import read_manifest, read_text_file

    cache = {} if manifests is None else manifests
    folder = path.parent
    if folder not in cache:
        manifest = folder / "manifest.json"
        cache[folder] = read_manifest(manifest) if manifest.is_file() else {}
    yield None, read_text_file(path, cache[folder].get(path.name, DocumentMeta()))


def _read_jsonl(path: Path) -> Iterator[Record]:
    from desktop.formats.jsonl import read_jsonl

    return read_jsonl(path)


def _documents(docs: Iterable[Document]) -> Iterator[Record]:
    return ((None, doc) for doc in docs)


def _read_doccano(path: Path, *, units: str = "utf16") -> Iterator[Record]:
    from desktop.formats.doccano import read_doccano

    return _documents(read_doccano(path, units=units))


def _read_labelstudio(
    path: Path, *, text_key: str | None = None, include_predictions: bool = False
) -> Iterator[Record]:
    from desktop.formats.labelstudio import read_labelstudio

    return _documents(
        read_labelstudio(path, text_key=text_key, include_predictions=include_predictions)
    )


def _read_brat(path: Path) -> Iterator[Record]:
    from desktop.formats.brat import read_brat

    return _documents(read_brat(path))


def _read_xmi(path: Path) -> Iterator[Record]:
    from desktop.formats.xmi import read_xmi

    return _documents(read_xmi(path))


# --------------------------------------------------------------------------- writers


def _clusters(clusters: Clusters) -> Iterable[ClaimCluster]:
    return clusters() if callable(clusters) else clusters


def _write_jsonl(documents, out, *, clusters: Clusters = (), **_ignored) -> ExportCounts:
    """Documents, then the claim clusters among them (members outside the export dropped)."""
    from desktop.formats.atomic import atomic_file
    from desktop.formats.jsonl_writer import write_jsonl

    exported: set[str] = set()

    def stream():
        for doc in documents:
            ids = doc.claim_ids() if type(doc) is StoredDocument else [c.ext_id for c in doc.claims]
            exported.update(f"{doc.external_id}\0{i}" for i in ids)
            yield doc

    with atomic_file(out, "w", encoding="utf-8", newline="\n") as handle:
        n = write_jsonl(stream(), handle)
        kept = []
        for cluster in _clusters(clusters):
            members = tuple(m for m in cluster.members if f"{m.document}\0{m.claim}" in exported)
            if members:
                kept.append(replace(cluster, members=members))
        write_jsonl((), handle, kept)
    return ExportCounts(documents=n, files=1)


def _write_conll(documents, out, *, include_suggested=False, label_map=None, max_levels=None, **_):
    from desktop.formats.conll import write_conll

    return write_conll(
        documents,
        out,
        include_suggested=include_suggested,
        label_map=label_map,
        max_levels=max_levels,
    )


def _write_spacy(
    documents, out, *, include_suggested=False, label_map=None, docs_per_file=None, **_
):
    from desktop.formats.spacy_docbin import write_docbin

    return write_docbin(
        documents,
        out,
        include_suggested=include_suggested,
        label_map=label_map,
        docs_per_file=docs_per_file,
    )


def _write_brat(documents, out, *, include_suggested=False, label_map=None, **_):
    from desktop.formats.brat import write_brat

    return write_brat(documents, out, include_suggested=include_suggested, label_map=label_map)


def _write_xmi(documents, out, *, include_suggested=False, label_map=None, **_):
    from desktop.formats.xmi import write_xmi

    return write_xmi(documents, out, include_suggested=include_suggested, label_map=label_map)


def _write_claims_csv(documents, out, **_):
    from desktop.formats.claims_table import write_claims_csv

    return write_claims_csv(documents, out)


def _write_claims_parquet(documents, out, **_):
    from desktop.formats.claims_table import write_claims_parquet

    return write_claims_parquet(documents, out)


def _write_pairs(documents, out, *, clusters: Clusters = (), unrelated_per_pair=0, seed=0, **_):
    from desktop.formats.pairs import write_pairs

    return write_pairs(
        documents, _clusters(clusters), out, unrelated_per_pair=unrelated_per_pair, seed=seed
    )


# --------------------------------------------------------------------------- the table

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", "Plain text", "any editor", read=_read_txt,
               suffixes=(".txt", ".text")),
        Format("jsonl", "Mizan JSONL", "Mizan, any JSON reader", read=_read_jsonl,
               write=_write_jsonl, suffixes=(".jsonl", ".ndjson"), export_suffix=".jsonl",
               stored=True),
        Format("doccano", "doccano JSONL", "doccano", read=_read_doccano,
               suffixes=(".jsonl", ".ndjson"), read_options=("units",)),
        Format("labelstudio", "Label Studio JSON", "Label Studio", read=_read_labelstudio,
               suffixes=(".json",), read_options=("text_key", "include_predictions")),
        Format("conll", "CoNLL IOB2 (Wojood, nested columns)", "NER trainers, seqeval",
               write=_write_conll, export_suffix=".conll", write_options=("max_levels",)),
        Format("spacy", "spaCy DocBin", "spaCy 3 training", write=_write_spacy,
               export_suffix=".spacy", write_options=("docs_per_file",)),
        Format("brat", "brat standoff", "brat, many NLP toolkits", read=_read_brat,
               write=_write_brat, suffixes=(".ann", ".zip"), export_suffix="",
               folder_reader=True),
        Format("xmi", "UIMA CAS XMI", "INCEpTION, DKPro, cassis", read=_read_xmi,
               write=_write_xmi, suffixes=(".xmi", ".zip"), export_suffix="",
               folder_reader=True),
        Format("claims-csv", "Claims table (CSV)", "spreadsheets, pandas",
               write=_write_claims_csv, export_suffix=".csv"),
        Format("claims-parquet", "Claims table (Parquet)", "pandas, Arrow, DuckDB",
               write=_write_claims_parquet, export_suffix=".parquet"),
        Format("pairs", "Claim pairs (JSONL)", "stance / NLI training", write=_write_pairs,
               export_suffix=".jsonl", write_options=("unrelated_per_pair", "seed")),
    )
}  # fmt: skip
#: ``--format`` choices of ``mizan import`` (``auto`` detects) and of ``mizan export``.
IMPORT_FORMATS: tuple[str, ...] = ("auto", *(f.name for f in FORMATS.values() if f.read))
EXPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS.values() if f.write)


def export_format(name: str) -> Format:
    """The export format called ``name``; MizanError listing the choices otherwise."""
    fmt = FORMATS.get(name)
    if fmt is None or fmt.write is None:
        raise MizanError(f"unknown format {name!r} (choose from {', '.join(EXPORT_FORMATS)})")
    return fmt


def _import_format(name: str) -> Format:
    fmt = FORMATS.get(name)
    if fmt is None or fmt.read is None:
        raise MizanError(
            f"unknown import format {name!r} (choose from {', '.join(IMPORT_FORMATS)})"
        )
    return fmt


# --------------------------------------------------------------------------- detection


def looks_like_doccano(path: Path) -> bool:
    """doccano lines have `label: [[start, end, label]]` or `entities` with `start_offset`."""
    try:
        with Path(path).open(encoding="utf-8-sig") as handle:
            first = next((line for line in handle if line.strip()), "")
        record = json.loads(first)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    if not isinstance(record, dict) or "meta" in record or "claims" in record:
        return False
    entities = record.get("entities")
    if isinstance(entities, list) and entities and isinstance(entities[0], dict):
        return "start_offset" in entities[0]
    return isinstance(record.get("label"), list)


def detect_format(path: Path, fmt: str = "auto") -> str:
    """The reader for one file: ``fmt`` unless it is ``auto``, else by suffix and a look inside
    (the first line of a ``.jsonl``, the member names of a ``.zip``); plain text otherwise."""
    if fmt != "auto":
        return _import_format(fmt).name
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "doccano" if looks_like_doccano(path) else "jsonl"
    if suffix == ".json":
        return "labelstudio"
    if suffix == ".ann":
        return "brat"
    if suffix == ".xmi":
        return "xmi"
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
        except (OSError, zipfile.BadZipFile) as exc:
            raise InputError(path, f"not a readable zip archive ({exc})") from None
        return "xmi" if any(n.lower().endswith(".xmi") for n in names) else "brat"
    return "txt"


def _check_kind(path: Path) -> str:
    """'dir' or 'file'; refuses at once what is neither (a FIFO would hang the reader)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        return "dir"
    if not stat.S_ISREG(mode):
        raise InputError(path, "is not a regular file (a FIFO, socket or device); refusing it")
    return "file"


_FOLDER_FILES = (".txt", ".text", ".jsonl")


def expand_import_paths(paths: Iterable[Path | str], fmt: str = "auto") -> list[tuple[Path, str]]:
    """(path, format) pairs to read: files as given; a folder is read whole by brat or XMI (given,
    or detected by its ``.ann`` / ``.xmi`` files), else its ``.txt`` and ``.jsonl`` files
    (sorted, recursive; only regular files)."""
    if fmt != "auto":
        _import_format(fmt)
    out: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if _check_kind(path) == "file":
            out.append((path, detect_format(path, fmt)))
            continue
        if fmt in ("brat", "xmi"):
            out.append((path, fmt))
            continue
        if fmt == "auto" and any(path.glob("*.ann")):
            out.append((path, "brat"))
            continue
        if fmt == "auto" and any(path.glob("*.xmi")):
            out.append((path, "xmi"))
            continue
        found = sorted(
            p for p in path.rglob("*") if p.suffix.lower() in _FOLDER_FILES and p.is_file()
        )
        if not found:
            raise InputError(path, "folder holds no .txt or .jsonl files")
        out.extend((p, detect_format(p, fmt)) for p in found)
    return out


# --------------------------------------------------------------------------- use


def read(fmt: str, path: Path | str, **options: Any) -> Iterator[Record]:
    """The validated records of one path in format ``fmt`` (``line`` is None where the format
    has no lines). ``options`` are the format's ``read_options`` (doccano ``units``…)."""
    entry = _import_format(fmt)
    unknown = set(options) - set(entry.read_options) - ({"manifests"} if fmt == "txt" else set())
    if unknown:
        raise MizanError(f"{fmt} import has no option {', '.join(sorted(unknown))}")
    assert entry.read is not None
    return iter(entry.read(Path(path), **options))


def write(
    fmt: str,
    documents: Iterable[Document],
    out: Path | str,
    *,
    clusters: Clusters = (),
    include_suggested: bool = False,
    label_map: Mapping[str, str | None] | None = None,
    **options: Any,
) -> ExportCounts:
    """Write one export of ``documents`` to ``out``; ``options`` are the format's
    ``write_options`` (spaCy ``docs_per_file``, CoNLL ``max_levels``…)."""
    entry = export_format(fmt)
    unknown = set(options) - set(entry.write_options)
    if unknown:
        raise MizanError(f"{fmt} export has no option {', '.join(sorted(unknown))}")
    assert entry.write is not None
    return entry.write(
        documents,
        Path(out),
        clusters=clusters,
        include_suggested=include_suggested,
        label_map=label_map,
        **options,
    )

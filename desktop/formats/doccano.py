"""doccano sequence-labelling exports (JSONL) → Documents.

Two record shapes are accepted, one JSON object per line (a JSON array of such objects is accepted
too):

* ``{"id": 1, "text": "…", "label": [[start, end, "LABEL"], …]}`` — the sequence-labelling export
  (older releases call the list ``labels`` and the text ``data``);
* ``{"id": 1, "text": "…", "entities": [{"id": …, "start_offset": …, "end_offset": …,
  "label": "…"}], "relations": […]}`` — the export of projects with relations (relations are
  ignored).

**Offset units.** doccano's front end is JavaScript: in current releases (1.x) offsets count
UTF-16 code units unless the project enables "Count grapheme clusters as one character" (see
doccano issue #2290; releases before 1.0 converted to Python code points, PR #108). Therefore
``units="utf16"`` is the default and converts with :class:`desktop.text.Utf16Map`;
``units="codepoint"`` reads files from old releases or from Python tools. The two agree on text
without characters outside the BMP (emoji), which is most Arabic news. Grapheme-cluster offsets
are not supported. doccano records carry no covered text, so a wrong unit choice cannot be
detected except by an offset falling inside a surrogate pair or past the end (both refused).

The text is normalised as at every import (one leading BOM dropped, CRLF / CR → LF) and the
offsets are moved with it. The document id is ``<file stem>-<record id>`` (``-<line>`` without
an id); top-level string fields ``outlet``, ``original_source``, ``title``, ``url``,
``published``, ``event`` become metadata. The whole file is validated before anything is
returned; an error names the file, the line and the span (``label[2]``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.errors import InputError, RecordError
from desktop.core.model import Document, DocumentMeta, Mention
from desktop.core.rules import text_sha256
from desktop.formats.guard import JsonError, check_label, check_text, loads, require_regular_file
from desktop.formats.plaintext import parse_date
from desktop.formats.split import normalise_with_map
from desktop.text import Utf16Map

__all__ = [
    "MAX_BYTES",
    "UNITS",
    "OffsetConverter",
    "meta_from_fields",
    "read_doccano",
    "read_json_bytes",
]

UNITS = ("utf16", "codepoint")
MAX_BYTES = 512 * 1024 * 1024
META_FIELDS = ("outlet", "original_source", "title", "url", "published", "event")


class OffsetConverter:
    """Turns a tool's ``[start, end)`` into Mizan's code points of the normalised text."""

    def __init__(self, raw: str, units: str) -> None:
        if units not in UNITS:
            raise ValueError(f"units must be one of {', '.join(UNITS)}, not {units!r}")
        self.raw = raw
        self.units = units
        self.umap = Utf16Map(raw) if units == "utf16" else None
        self.text, self.to_new = normalise_with_map(raw)
        self.length = self.umap.utf16_length if self.umap else len(raw)

    def raw_span(self, start: Any, end: Any, span: str) -> tuple[int, int]:
        """Check the tool's offsets and return code points of the raw (unnormalised) text."""
        if type(start) is not int or type(end) is not int:
            raise RecordError(f"start and end must be integers (got {start!r}, {end!r})", span=span)
        unit = "UTF-16 units" if self.umap else "characters"
        if not 0 <= start < end <= self.length:
            raise RecordError(
                f"offsets [{start}, {end}) are outside the text ({self.length} {unit}) or empty",
                span=span,
            )
        if self.umap is None:
            return start, end
        s, e = self.umap.to_cp(start), self.umap.to_cp(end)
        if self.umap.to_utf16(s) != start or self.umap.to_utf16(e) != end:
            raise RecordError(
                f"offsets [{start}, {end}) fall inside a character outside the BMP (an emoji): "
                "are they really UTF-16 units?",
                span=span,
            )
        return s, e

    def stored(self, s: int, e: int, span: str) -> tuple[int, int]:
        """Raw code points → stored code points (after BOM / line-ending normalisation)."""
        if self.to_new is None:
            return s, e
        s2, e2 = self.to_new(s), self.to_new(e)
        if s2 >= e2:
            raise RecordError("the span covers only a line break", span=span)
        return s2, e2


def read_json_bytes(path: Path) -> str:
    """The file decoded as UTF-8 (a BOM allowed); InputError for unreadable, huge or binary."""
    path = Path(path)
    try:
        size = require_regular_file(path).st_size
        if size > MAX_BYTES:
            raise InputError(path, f"file is too large ({size >> 20} MB; the limit is 512 MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise InputError(path, "contains NUL bytes (binary file?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"invalid UTF-8 at byte {exc.start}", line=line) from None


def meta_from_fields(record: dict) -> DocumentMeta:
    kw: dict[str, Any] = {}
    for key in META_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise RecordError(f'"{key}" must be a string')
        kw[key] = value
    if "published" in kw:
        try:
            kw["published"] = parse_date(kw["published"], '"published"')
        except ValueError as exc:
            raise RecordError(str(exc)) from None
    return DocumentMeta(**kw)


def _spans(record: dict) -> list[tuple[str, Any, Any, Any]]:
    """(span name, start, end, label) of every span, whichever shape the record has."""
    if "entities" in record:
        items = record["entities"]
        if not isinstance(items, list):
            raise RecordError('"entities" must be a list')
        out = []
        for i, item in enumerate(items):
            name = f"entities[{i}]"
            if not isinstance(item, dict):
                raise RecordError("an entity must be an object", span=name)
            out.append((name, item.get("start_offset"), item.get("end_offset"), item.get("label")))
        return out
    key = "label" if "label" in record else "labels"
    items = record.get(key) or []
    if not isinstance(items, list):
        raise RecordError(f'"{key}" must be a list of [start, end, label]')
    out = []
    for i, item in enumerate(items):
        name = f"{key}[{i}]"
        if isinstance(item, str):
            raise RecordError(
                f'"{key}" holds plain labels: this is a text-classification export, not '
                "sequence labelling",
                span=name,
            )
        if not isinstance(item, list) or len(item) != 3:
            raise RecordError("a span must be [start, end, label]", span=name)
        out.append((name, *item))
    return out


def parse_record(record: Any, *, units: str, stem: str, number: int) -> Document:
    if not isinstance(record, dict):
        raise RecordError(f"a record must be a JSON object (got {type(record).__name__})")
    raw = record.get("text", record.get("data"))
    if not isinstance(raw, str) or not raw.strip():
        raise RecordError('"text" must be a non-empty string')
    check_text(raw, span='"text"')
    conv = OffsetConverter(raw, units)
    mentions = []
    for name, start, end, label in _spans(record):
        s, e = conv.stored(*conv.raw_span(start, end, name), name)
        check_label(label, span=name)
        mentions.append((s, e, label))
    mentions.sort(key=lambda m: (m[0], -m[1], m[2]))
    ident = record.get("id")
    if ident is not None and not isinstance(ident, int | str):
        raise RecordError(f'"id" must be a number or a string (got {ident!r})')
    text = conv.text
    return Document(
        external_id=f"{stem}-{number if ident is None else ident}",
        text=text,
        meta=meta_from_fields(record),
        mentions=tuple(
            Mention(s, e, label, ext_id=f"m{k}") for k, (s, e, label) in enumerate(mentions, 1)
        ),
        text_sha256=text_sha256(text),
    )


def read_doccano(path: Path, *, units: str = "utf16") -> list[Document]:
    """All documents of a doccano JSONL (or JSON array) export, validated as a whole."""
    path = Path(path)
    if units not in UNITS:
        raise ValueError(f"units must be one of {', '.join(UNITS)}, not {units!r}")
    content = read_json_bytes(path)
    records: list[tuple[int, Any]] = []
    if content.lstrip().startswith("["):
        try:
            items = loads(content)
        except JsonError as exc:
            raise InputError(path, exc.reason, line=exc.line) from None
        if not isinstance(items, list):
            raise InputError(path, "a JSON doccano export is a list of records")
        # a JSON array has no per-record lines; number the records from 1 instead
        records = list(enumerate(items, start=1))
        where = "record"
    else:
        where = "line"
        for number, line in enumerate(content.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                records.append((number, loads(line)))
            except JsonError as exc:
                raise InputError(path, exc.reason, line=number) from None
    if not records:
        raise InputError(path, "file has no records")
    docs: list[Document] = []
    seen: dict[str, int] = {}
    for number, record in records:
        try:
            doc = parse_record(record, units=units, stem=path.stem, number=number)
        except RecordError as exc:
            if where == "line":
                raise InputError(path, exc.reason, line=number, span=exc.span) from None
            span = f"record {number}" + (f" {exc.span}" if exc.span else "")
            raise InputError(path, exc.reason, span=span) from None
        if doc.external_id in seen:
            raise InputError(
                path,
                f"document id {doc.external_id!r} was already used at {where} "
                f"{seen[doc.external_id]}",
                line=number if where == "line" else None,
            )
        seen[doc.external_id] = number
        docs.append(doc)
    return docs

"""Plain-text articles, and the `manifest.json` that may sit beside them (as in `seeds/`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.model import Document, DocumentMeta
from desktop.formats.guard import JsonError, loads, require_regular_file
from desktop.text import TextDecodeError, decode_text

MAX_TEXT_BYTES = 64 * 1024 * 1024  # a 64 MB "article" is a mistake, not a news story
TEXT_SUFFIXES = (".txt", ".text")


def read_text_file(path: Path, meta: DocumentMeta | None = None) -> Document:
    """One article: decoded, BOM dropped, line endings made LF, and nothing else changed."""
    try:
        size = require_regular_file(path).st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(path, f"file is too large ({size / 2**20:.0f} MB; the limit is 64 MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    try:
        decoded = decode_text(data)
    except TextDecodeError as exc:
        raise InputError(path, str(exc)) from None
    meta = meta or DocumentMeta()
    if meta.source_file is None:
        meta = DocumentMeta(**{**_asdict(meta), "source_file": path.name})
    return Document(external_id=path.stem, text=decoded.text, meta=meta)


def _asdict(meta: DocumentMeta) -> dict:
    return {name: getattr(meta, name) for name in DocumentMeta.__slots__}


def parse_date(value: object, what: str = "date") -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string YYYY-MM-DD (got {value!r})")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a date YYYY-MM-DD") from None


MANIFEST_FIELDS = ("outlet", "original_source", "title", "url", "event", "notes", "language")
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def read_manifest(path: Path) -> dict[str, DocumentMeta]:
    """`manifest.json`: {"documents": [{"file", "title", "outlet", ...}]} -> file name -> meta.

    Every field is checked (strings or null); an error names the manifest and the entry."""
    size = require_regular_file(path).st_size
    if size > MAX_MANIFEST_BYTES:
        raise InputError(path, f"manifest is too large ({size >> 20} MB)")
    try:
        data = loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise InputError(path, f"cannot read the manifest ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid UTF-8 at byte {exc.start}") from None
    except JsonError as exc:
        raise InputError(
            path, f"not a readable JSON manifest: {exc.reason}", line=exc.line
        ) from None
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        raise InputError(path, 'a manifest needs a "documents" list')
    out: dict[str, DocumentMeta] = {}
    for i, entry in enumerate(docs):
        where = f"documents[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise InputError(path, f'{where} needs a "file" name')
        for key in MANIFEST_FIELDS:
            value = entry.get(key)
            if value is not None and not isinstance(value, str):
                raise InputError(
                    path, f'"{key}" must be a string (got {type(value).__name__})', span=where
                )
        try:
            published = parse_date(entry.get("published"), "published")
        except ValueError as exc:
            raise InputError(path, f"{where}: {exc}") from None
        out[entry["file"]] = DocumentMeta(
            outlet=entry.get("outlet"),
            original_source=entry.get("original_source"),
            title=entry.get("title"),
            url=entry.get("url"),
            published=published,
            event=entry.get("event"),
            source_file=entry["file"],
            notes=entry.get("notes"),
            language=entry.get("language") or "ar",
        )
    return out

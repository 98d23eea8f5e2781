"""Native JSONL: one document per line, with its spans, claims, registry and metadata.

The reader validates every record completely (offsets, covered text, references) before the app
writes anything; an error names the file, the line and the span. The writer is
`desktop.formats.jsonl_writer`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.core.errors import InputError, RecordError
from desktop.core.model import (
    Claim,
    ClaimCluster,
    ClaimSource,
    ClusterMember,
    DocStatus,
    Document,
    DocumentMeta,
    Mention,
    MentionStatus,
    Polarity,
    QuoteType,
    RegistryEntity,
    Relation,
    SourceKind,
    Span,
)
from desktop.core.packed import (
    POLARITY_OF,
    QUOTE_TYPE_OF,
    STATUS_OF,
    MentionRow,
    MentionRows,
    ThawedClaim,
    mention_row,
)
from desktop.core.rules import check_span
from desktop.formats.guard import (
    JsonError,
    check_label,
    checked_sha256,
    loads_line,
    require_regular_file,
)
from desktop.formats.jsonl_writer import (  # noqa: F401 - the writer, where callers look for it
    META_KEYS,
    cluster_to_json,
    document_to_json,
    write_jsonl,
)
from desktop.formats.plaintext import parse_date

_META_FIELDS = tuple((k, f'"meta.{k}"') for k in META_KEYS if k != "published")


def _str(value: Any, what: str, *, span: str | None = None, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise RecordError(f"{what} must be a non-empty string (got {value!r})", span=span)
    return value


def _enum(enum, value: Any, what: str, default, span: str | None):
    if value is None:
        return default
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise RecordError(f"{what} {value!r} is not one of {allowed}", span=span) from None


def _span_name(kind: str, index: int, item: dict) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{kind}[{index}]" + (f" ({ident})" if isinstance(ident, str) else "")


def parse_cluster(record: dict) -> ClaimCluster:
    """A `{"type": "cluster", ...}` record: members point at (document id, claim id)."""
    members = []
    for i, item in enumerate(_list(record.get("members"), "members")):
        where = f"members[{i}]"
        if not isinstance(item, dict):
            raise RecordError(f"{where} must be an object", span=where)
        members.append(
            ClusterMember(
                document=_str(item.get("document"), "document", span=where, required=True),
                claim=_str(item.get("claim"), "claim", span=where, required=True),
                relation=_enum(Relation, item.get("relation"), "relation", Relation.AGREES, where),
            )
        )
    if not members:
        raise RecordError("a cluster needs members")
    return ClaimCluster(
        key=_str(record.get("id"), '"id"') or "",
        label=_str(record.get("label"), '"label"') or "—",
        event=_str(record.get("event"), '"event"'),
        members=tuple(members),
        note=_str(record.get("note"), '"note"'),
        annotator=_str(record.get("annotator"), '"annotator"'),
    )


def parse_record(record: Any, *, default_id: str) -> Document | ClaimCluster:
    """Turn one decoded JSON value into a validated Document (or ClaimCluster record)."""
    if not isinstance(record, dict):
        raise RecordError(f"a record must be a JSON object (got {type(record).__name__})")
    kind = record.get("type", "document")
    if kind == "cluster":
        return parse_cluster(record)
    if kind != "document":
        raise RecordError(f'unknown record type {kind!r} (expected "document" or "cluster")')
    text = record.get("text")
    if not isinstance(text, str) or not text:
        raise RecordError('"text" must be a non-empty string')
    sha = checked_sha256(text, span='"text"')
    external_id = _str(record.get("id"), '"id"') or default_id
    given_sha = record.get("text_sha256")
    if given_sha is not None and given_sha != sha:
        raise RecordError(f'"text_sha256" {given_sha!r} does not match the text ({sha})')

    meta_in = record.get("meta") or {}
    if not isinstance(meta_in, dict):
        raise RecordError('"meta" must be an object')
    try:
        published = parse_date(meta_in.get("published"), '"meta.published"')
    except ValueError as exc:
        raise RecordError(str(exc)) from None
    meta = DocumentMeta(
        **{k: _str(meta_in.get(k), what) for k, what in _META_FIELDS},
        published=published,
        notes=_str(meta_in.get("notes"), '"meta.notes"'),
        language=_str(meta_in.get("language"), '"meta.language"') or "ar",
    )

    registry = _parse_registry(record.get("registry"))
    mentions = _parse_mentions(record.get("entities"), text)
    mention_ids = {row[7] for row in mentions if row[7]}
    claims = _parse_claims(record.get("claims"), text, mention_ids)

    status_in = record.get("status") or {}
    if not isinstance(status_in, dict):
        raise RecordError('"status" must be an object {annotator: status}')
    status = {
        _str(k, "status annotator", required=True): _enum(DocStatus, v, "status", None, None)
        for k, v in status_in.items()
    }
    return Document(
        external_id=external_id,
        text=text,
        meta=meta,
        mentions=MentionRows(mentions),
        claims=tuple(claims),
        registry=registry,
        text_sha256=sha,
        status=status,
    )


def _parse_registry(value: Any) -> dict[str, RegistryEntity]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError('"registry" must be an object {key: entity}')
    out = {}
    for key, item in value.items():
        where = f"registry.{key}"
        if not isinstance(item, dict):
            raise RecordError(f"{where} must be an object")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise RecordError(f"{where}.aliases must be a list of strings")
        out[key] = RegistryEntity(
            key=key,
            name=_str(item.get("name"), f"{where}.name", required=True),
            type=_str(item.get("type"), f"{where}.type"),
            aliases=tuple(aliases),
            external_id=_str(item.get("external_id"), f"{where}.external_id"),
            notes=_str(item.get("notes"), f"{where}.notes"),
        )
    return out


def _list(value: Any, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f'"{what}" must be a list')
    return value


def _check_ids(seen: set[str], ext_id: str | None, span: str) -> None:
    if ext_id is None:
        return
    if ext_id in seen:
        raise RecordError(f"span id {ext_id!r} is used twice", span=span)
    seen.add(ext_id)


_LABELS_OK: set[str] = set()  # labels that passed check_label in this process (a few dozen)


def _parse_mentions(value: Any, text: str) -> list[MentionRow]:
    """The mentions of a record, as rows (desktop/core/packed.py: the import stores rows, and
    anything else iterating them gets `Mention` objects). A span that is plainly valid (int
    offsets inside the text, covered text equal, a label seen before, string fields) is taken at
    once; any other goes through the checks that name what is wrong (:func:`_parse_mention`).
    Reading 100,000 spans was most of an import's time before this fast path."""
    out: list[MentionRow] = []
    seen: set[str] = set()
    n = len(text)
    labels_ok = _LABELS_OK
    statuses = STATUS_OF
    manual = MentionStatus.MANUAL.value
    for i, item in enumerate(_list(value, "entities")):
        try:
            get = item.get
            start, end, label = item["start"], item["end"], item["label"]
            covered, ext_id, status = get("text"), get("id"), get("status")
            entity, annotator = get("entity"), get("annotator")
            if (
                type(start) is int
                and type(end) is int
                and 0 <= start < end <= n
                and label in labels_ok
                and (covered is None or text[start:end] == covered)
                and (ext_id is None or (type(ext_id) is str and ext_id not in seen))
                and get("prefix_len") is None
                and (entity is None or type(entity) is str)
                and (annotator is None or type(annotator) is str)
                and (status is None or status in statuses)
            ):
                if ext_id is not None:
                    seen.add(ext_id)
                out.append(
                    (
                        start,
                        end,
                        label,
                        entity,
                        None,
                        manual if status is None else status,
                        annotator,
                        ext_id,
                    )
                )
                continue
        except (KeyError, TypeError, AttributeError):
            pass
        out.append(mention_row(_parse_mention(item, i, text, seen)))
    return out


def _parse_mention(item: Any, i: int, text: str, seen: set[str]) -> Mention:
    """One mention, every check naming the span: the slow path of :func:`_parse_mentions`."""
    span = _span_name("entities", i, item)
    if not isinstance(item, dict):
        raise RecordError("a span must be an object", span=span)
    start, end = item.get("start"), item.get("end")
    check_span(text, start, end, expected=_str(item.get("text"), "text", span=span), name=span)
    label = _str(item.get("label"), "label", span=span, required=True)
    check_label(label, span=span)
    if len(_LABELS_OK) < 10_000:
        _LABELS_OK.add(label)
    prefix_len = item.get("prefix_len")
    if prefix_len is not None and (
        type(prefix_len) is not int or not 0 <= prefix_len < end - start
    ):
        raise RecordError(f"prefix_len {prefix_len!r} does not fit the span", span=span)
    ext_id = item.get("id")
    if ext_id is not None:
        _str(ext_id, "id", span=span)
        _check_ids(seen, ext_id, span)
    status = item.get("status")
    entity = item.get("entity")
    annotator = item.get("annotator")
    return Mention(
        start=start,
        end=end,
        label=label,
        entity=None if entity is None else _str(entity, "entity", span=span),
        prefix_len=prefix_len,
        status=MentionStatus.MANUAL
        if status is None
        else _enum(MentionStatus, status, "status", None, span),
        annotator=None if annotator is None else _str(annotator, "annotator", span=span),
        ext_id=ext_id,
    )


def _parse_source(value: Any, mention_ids: set[str], span: str) -> ClaimSource | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) != 1:
        raise RecordError(
            'source must be {"mention": id}, {"entity": key}, {"outlet": true} or '
            '{"unnamed": true}',
            span=span,
        )
    ((kind, ref),) = value.items()
    if kind == "mention":
        if ref not in mention_ids:
            raise RecordError(f"source mention {ref!r} is not a span of this document", span=span)
        return ClaimSource(SourceKind.MENTION, mention=ref)
    if kind == "entity":
        return ClaimSource(
            SourceKind.ENTITY, entity=_str(ref, "source entity", span=span, required=True)
        )
    if kind in ("outlet", "unnamed") and ref is True:
        return ClaimSource(SourceKind(kind))
    raise RecordError(f"unknown source {value!r}", span=span)


def _parse_claims(value: Any, text: str, mention_ids: set[str]) -> list[Claim]:
    """The claims of a record; as for mentions, a plainly valid claim (no cue, a source naming
    a mention of the record or none) is built at once, any other gets every check."""
    out: list[Claim] = []
    seen = set(mention_ids)
    n = len(text)
    for i, item in enumerate(_list(value, "claims")):
        try:
            get = item.get
            start, end, covered, ext_id = get("start"), get("end"), get("text"), get("id")
            source, topics = get("source"), get("topics")
            quote, polarity = get("quote_type"), get("polarity")
            note, annotator = get("note"), get("annotator")
            ref = None if source is None else source["mention"]
            if (
                type(start) is int
                and type(end) is int
                and 0 <= start < end <= n
                and (covered is None or text[start:end] == covered)
                and get("cue") is None
                and (ext_id is None or (type(ext_id) is str and ext_id not in seen))
                and (source is None or (len(source) == 1 and ref in mention_ids))
                and (topics is None or (type(topics) is list and _strings(topics)))
                and (quote is None or quote in QUOTE_TYPE_OF)
                and (polarity is None or polarity in POLARITY_OF)
                and (note is None or type(note) is str)
                and (annotator is None or type(annotator) is str)
            ):
                if ext_id is not None:
                    seen.add(ext_id)
                claim = ThawedClaim(
                    start,
                    end,
                    None if ref is None else ClaimSource(SourceKind.MENTION, mention=ref),
                    None,
                    QuoteType.INDIRECT if quote is None else QUOTE_TYPE_OF[quote],
                    Polarity.ASSERTED if polarity is None else POLARITY_OF[polarity],
                    () if topics is None else tuple(topics),
                    note,
                    annotator,
                    ext_id,
                )
                claim.__class__ = Claim
                out.append(claim)
                continue
        except (KeyError, TypeError, AttributeError):
            pass
        out.append(_parse_claim(item, i, text, mention_ids, seen))
    return out


def _strings(values: list) -> bool:
    return all(type(v) is str and v for v in values)


def _parse_claim(item: Any, i: int, text: str, mention_ids: set[str], seen: set[str]) -> Claim:
    """One claim, every check naming the span: the slow path of :func:`_parse_claims`."""
    span = _span_name("claims", i, item)
    if not isinstance(item, dict):
        raise RecordError("a claim must be an object", span=span)
    start, end = item.get("start"), item.get("end")
    check_span(text, start, end, expected=_str(item.get("text"), "text", span=span), name=span)
    cue = None
    cue_in = item.get("cue")
    if cue_in is not None:
        if not isinstance(cue_in, dict):
            raise RecordError("cue must be an object {start, end, text}", span=span)
        check_span(
            text,
            cue_in.get("start"),
            cue_in.get("end"),
            expected=_str(cue_in.get("text"), "cue text", span=span),
            name=f"{span} cue",
        )
        cue = Span(cue_in["start"], cue_in["end"])
    topics = _list(item.get("topics"), "topics")
    if not all(isinstance(t, str) and t for t in topics):
        raise RecordError("topics must be non-empty strings", span=span)
    ext_id = _str(item.get("id"), "id", span=span)
    _check_ids(seen, ext_id, span)
    return Claim(
        start=start,
        end=end,
        source=_parse_source(item.get("source"), mention_ids, span),
        cue=cue,
        quote_type=_enum(QuoteType, item.get("quote_type"), "quote_type", QuoteType.INDIRECT, span),
        polarity=_enum(Polarity, item.get("polarity"), "polarity", Polarity.ASSERTED, span),
        topics=tuple(topics),
        note=_str(item.get("note"), "note", span=span),
        annotator=_str(item.get("annotator"), "annotator", span=span),
        ext_id=ext_id,
    )


def read_jsonl(path: Path) -> Iterator[tuple[int, Document | ClaimCluster]]:
    """Stream (line number, validated document or cluster); errors name file, line and span."""
    require_regular_file(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    with handle:
        seen_any = False
        stem = path.stem
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                record = loads_line(raw)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid UTF-8 at byte {exc.start}", line=number) from None
            except JsonError as exc:
                raise InputError(path, exc.reason, line=number) from None
            try:
                doc = parse_record(record, default_id=f"{stem}-{number}")
            except RecordError as exc:
                raise InputError(path, exc.reason, line=number, span=exc.span) from None
            seen_any = True
            yield number, doc
        if not seen_any:
            raise InputError(path, "file has no records")

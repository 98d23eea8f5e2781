"""Writing native JSONL (read by `desktop.formats.jsonl`): one document per line, then one
line per claim cluster, from `Document`s or from a document's stored rows
(`desktop.core.stored.StoredDocument`), the same bytes from either."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring
from typing import IO, Any

from desktop.core.model import Claim, ClaimCluster, Document, DocumentMeta, RegistryEntity
from desktop.core.rules import text_sha256
from desktop.core.stored import StoredDocument

META_KEYS = ("outlet", "original_source", "title", "url", "published", "event", "source_file")


def cluster_to_json(cluster: ClaimCluster) -> dict:
    out: dict[str, Any] = {
        "type": "cluster",
        "id": cluster.key,
        "label": cluster.label,
        "event": cluster.event,
        "members": [
            {"document": m.document, "claim": m.claim, "relation": m.relation.value}
            for m in cluster.members
        ],
    }
    if cluster.note:
        out["note"] = cluster.note
    if cluster.annotator:
        out["annotator"] = cluster.annotator
    return out


def _meta_json(meta: DocumentMeta) -> dict:
    out: dict[str, Any] = {k: getattr(meta, k) for k in META_KEYS}
    out["published"] = meta.published.isoformat() if meta.published else None
    if meta.notes:
        out["notes"] = meta.notes
    if meta.language and meta.language != "ar":
        out["language"] = meta.language
    return out


def document_to_json(doc: Document) -> dict:
    text = doc.text
    return _record(
        doc,
        [
            {
                "id": m.ext_id,
                "start": (start := m.start),
                "end": (end := m.end),
                "label": m.label,
                "text": text[start:end],
                "entity": m.entity,
                "prefix_len": m.prefix_len,
                "status": str(m.status),
                "annotator": m.annotator,
            }
            for m in doc.mentions
        ],
        [_claim_json(c, text) for c in doc.claims],
    )


def stored_line(stored: StoredDocument, encode: Callable[[Any], str]) -> str:
    """The line `encode(document_to_json(doc))` of a document read as rows
    (`desktop.core.stored`), without a `Mention` or `Claim` per span.

    Each mention is written out here, its strings by the encoder's own `encode_basestring`
    and its numbers by `int.__repr__` as the encoder does: a million mentions cost ~20 % less
    than as a dict each for the encoder. The rest of the record is the encoder's, written on
    either side of the mentions (docs/benchmarks.md, "Session 3: exporting a million
    annotations, stats"); a test compares the bytes with `document_to_json`'s."""
    doc, topics = stored.document, stored.topics
    text = doc.text
    q = encode_basestring
    entities = ", ".join(
        [
            f'{{"id": {q(ext_id)}, "start": {start}, "end": {end}, "label": {q(label)}, '
            f'"text": {q(text[start:end])}, "entity": {"null" if entity is None else q(entity)}, '
            f'"prefix_len": {"null" if plen is None else int(plen)}, "status": {q(status)}, '
            f'"annotator": {"null" if who is None else q(who)}}}'
            for (_, ext_id, start, end, label, entity, plen, status, who, _) in stored.mentions
        ]
    )
    record = _record(doc, [], [_stored_claim_json(row, text, topics) for row in stored.claims])
    keys = list(record)
    at = keys.index("entities")
    before = encode({k: record[k] for k in keys[:at]})
    after = encode({k: record[k] for k in keys[at + 1 :]})
    return f'{before[:-1]}, "entities": [{entities}], {after[1:]}'


def _record(doc: Document, entities: list, claims: list) -> dict:
    text = doc.text
    record: dict[str, Any] = {
        "id": doc.external_id,
        "text": text,
        "text_sha256": doc.text_sha256 or text_sha256(text),
        "meta": _meta_json(doc.meta),
        "entities": entities,
        "claims": claims,
        "registry": {key: _entity_json(entity) for key, entity in sorted(doc.registry.items())},
    }
    if doc.status:
        record["status"] = {k: str(v) for k, v in sorted(doc.status.items())}
    return record


def _claim_json(c: Claim, text: str) -> dict:
    out: dict[str, Any] = {
        "id": c.ext_id,
        "start": c.start,
        "end": c.end,
        "text": text[c.start : c.end],
        "source": c.source.to_json() if c.source else None,
        "cue": {"start": c.cue.start, "end": c.cue.end, "text": text[c.cue.start : c.cue.end]}
        if c.cue
        else None,
        "quote_type": str(c.quote_type),
        "polarity": str(c.polarity),
        "topics": list(c.topics),
        "annotator": c.annotator,
    }
    if c.note:
        out["note"] = c.note
    return out


def _stored_claim_json(row: tuple, text: str, topics) -> dict:
    """`_claim_json` of a stored claim row (`desktop.core.stored.CLAIM_COLUMNS`)."""
    (
        _, ext_id, start, end, kind, mention, entity,
        cue_start, cue_end, quote_type, polarity, note, annotator, id_,
    ) = row  # fmt: skip
    if kind == "mention":
        source = None if mention is None else {"mention": mention}
    elif kind == "entity":
        source = None if entity is None else {"entity": entity}
    else:
        source = {kind: True} if kind in ("outlet", "unnamed") else None
    out: dict[str, Any] = {
        "id": ext_id,
        "start": start,
        "end": end,
        "text": text[start:end],
        "source": source,
        "cue": {"start": cue_start, "end": cue_end, "text": text[cue_start:cue_end]}
        if cue_start is not None
        else None,
        "quote_type": quote_type,
        "polarity": polarity,
        "topics": list(topics.get(id_, ())),
        "annotator": annotator,
    }
    if note:
        out["note"] = note
    return out


def _entity_json(e: RegistryEntity) -> dict:
    out: dict[str, Any] = {"name": e.name, "type": e.type, "aliases": list(e.aliases)}
    if e.external_id:
        out["external_id"] = e.external_id
    if e.notes:
        out["notes"] = e.notes
    return out


def write_jsonl(
    docs: Iterable[Document | StoredDocument],
    out: IO[str],
    clusters: Iterable[ClaimCluster] = (),
) -> int:
    """One line per document (a `Document`, or a `StoredDocument` read for this writer), then
    one per claim cluster; returns the documents written.

    The standard encoder, made once: its bytes are the format's (``", "`` and ``": "``
    separators, which orjson cannot write), and the C encoder it runs is not where an export
    spends its time (docs/benchmarks.md)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps(…, ensure_ascii=False)
    write = out.write
    n = 0
    for doc in docs:
        if type(doc) is StoredDocument:
            write(stored_line(doc, encode) + "\n")
        else:
            write(encode(document_to_json(doc)) + "\n")
        n += 1
    for cluster in clusters:
        write(encode(cluster_to_json(cluster)) + "\n")
    return n

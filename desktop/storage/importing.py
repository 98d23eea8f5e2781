"""Bulk import: documents with their spans, staged batch by batch and published at once
(desktop/storage/staging.py), and claim clusters, added when the import is published.

Rows go to the driver's executemany in its own types: the ORM unit of work manages about 30,000
rows/s, executemany several times that (docs/benchmarks.md, import).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import itemgetter

from desktop.core import model as core
from desktop.core.packed import claim_rows, mention_rows
from desktop.storage.staging import Connection, ImportStage, Names, existing_status_pairs, utcnow


def documents_by_sha(conn: Connection, shas: Iterable[str]) -> dict[str, tuple[int, str]]:
    """(id, external id) of the stored documents with these text hashes: one query per chunk."""
    rows = conn.rows_in(
        "SELECT text_sha256, id, external_id FROM document WHERE text_sha256 IN",
        list(dict.fromkeys(shas)),
    )
    return {sha: (doc_id, ext) for sha, doc_id, ext in rows}


def external_ids_taken(conn: Connection, external_ids: Iterable[str]) -> set[str]:
    ids = list(dict.fromkeys(external_ids))
    rows = conn.rows_in("SELECT external_id FROM document WHERE external_id IN", ids)
    return {ext for (ext,) in rows}


def external_id_taken(conn: Connection, external_id: str) -> bool:
    found = conn.execute("SELECT 1 FROM document WHERE external_id = ?", (external_id,))
    return found.fetchone() is not None


def _unique_ext_ids(given: list[str | None], prefix: str, taken: set[str] | None = None) -> list:
    """Keep given span ids; give the others the first free `prefix<n>`."""
    if all(given):  # the usual case: every span has its id (the reader made them unique)
        return given
    taken = set(taken or ()) | {ext for ext in given if ext}
    out, n = [], 0
    for ext in given:
        if ext:
            out.append(ext)
            continue
        n += 1
        while f"{prefix}{n}" in taken:
            n += 1
        out.append(f"{prefix}{n}")
        taken.add(out[-1])
    return out


@dataclass
class InsertedDocument:
    id: int
    mentions: int
    claims: int


@dataclass
class NewDocument:
    """One validated document for :func:`insert_documents`. ``id`` set: the text is stored
    already and only the spans (another annotator's layer) are added to it."""

    doc: core.Document
    sha: str
    entity_ids: dict[str, int]
    id: int | None = None
    taken_ext_ids: set[str] = field(default_factory=set)  # span ids stored on that document


_DOCUMENT_COLUMNS = tuple(
    "id external_id outlet_id original_source event_id title url published language text length "
    "text_sha256 source_file notes imported_at".split()
)
_MENTION_COLUMNS = tuple(
    "id document_id ext_id start end label entity_id prefix_len status annotator_id".split()
)
_CLAIM_COLUMNS = tuple(
    "id document_id ext_id start end source_kind source_mention_id source_entity_id cue_start "
    "cue_end quote_type polarity note annotator_id".split()
)


_WHO, _EXT = itemgetter(6), itemgetter(7)  # fields of a mention row (core/packed.py)
# fields of a claim row (core/packed.py): its source's kind, annotator, span id
_CLAIM_SOURCE, _CLAIM_WHO, _CLAIM_EXT = itemgetter(2), itemgetter(11), itemgetter(12)
_DETAILS = itemgetter(3, 4, 5, 6)  # entity, prefix_len, status, annotator
_PLAIN = {(None, None, core.MentionStatus.MANUAL.value, None)}
_BOUNDS = (itemgetter(0), itemgetter(1), itemgetter(2))  # start, end, label


def stage_documents(
    stage: ImportStage,
    items: list[NewDocument],
    lookup: Names,
    annotator: str | None,
    statuses_seen: set[tuple[int, int]],
) -> list[InsertedDocument]:
    """Stage a batch of validated documents with their spans (desktop/storage/staging.py): one
    executemany per table, rows in the driver's own types. New documents get local ids;
    spans without an annotator are credited to ``annotator``. ``statuses_seen`` holds the
    (document, annotator) statuses this import staged already (the first one wins)."""
    conn = stage.conn
    stamp = conn.time(stage.now)
    new = [item for item in items if item.id is None]
    for item in new:
        item.id = stage.new_id("document")
    new_ids = {item.id for item in new}  # positive too when the tables are written directly
    outlet, event = lookup.outlet, lookup.event
    stage.add(
        "document",
        [
            (
                item.id,
                doc.external_id,
                outlet(meta.outlet),
                meta.original_source,
                event(meta.event),
                meta.title,
                meta.url,
                conn.date(meta.published),
                meta.language or "ar",
                doc.text,
                len(doc.text),
                item.sha,
                meta.source_file,
                meta.notes,
                stamp if doc.imported_at is None else conn.time(doc.imported_at),
            )
            for item in new
            for doc in (item.doc,)
            for meta in (doc.meta,)
        ],
        _DOCUMENT_COLUMNS,
    )
    default_annotator = lookup.annotator(annotator)
    stored = [item.id for item in items if item.id > 0 and item.id not in new_ids]
    have = existing_status_pairs(conn, stored) if stored else set()
    status_rows, mention_rows_out, claim_rows_out, topic_rows = [], [], [], []
    mention_ids: dict[int, dict[str, int]] = {}  # document -> span id -> local mention id
    annotator_ids = lookup.annotator
    manual = core.MentionStatus.MANUAL.value
    plain_values = []  # no entity, no proclitic, manual, the importing annotator: six values
    flat = chain.from_iterable
    for item in items:
        doc = item.doc
        rows = mention_rows(doc.mentions)  # as the reader sent them, or made here
        statuses = dict(doc.status)
        if not statuses:  # annotated elsewhere: the work is in progress for whoever annotated
            who = dict.fromkeys(map(_WHO, rows))  # each annotator once, in order, in C
            who.update(dict.fromkeys(map(_CLAIM_WHO, claim_rows(doc.claims))))
            statuses = dict.fromkeys((w or annotator for w in who), core.DocStatus.IN_PROGRESS)
        statuses.pop(None, None)
        for name, status in statuses.items():
            key = (item.id, lookup.annotator(name))
            if key in have or key in statuses_seen:
                continue
            statuses_seen.add(key)
            status_rows.append(
                {"document_id": key[0], "annotator_id": key[1], "status": str(status)}
            )
        doc_id = item.id
        if not rows:
            continue
        m_ext = _unique_ext_ids(list(map(_EXT, rows)), "m", item.taken_ext_ids)
        entity_ids = item.entity_ids
        local_ids = stage.new_ids("mention", len(rows))
        if any(map(_CLAIM_SOURCE, claim_rows(doc.claims))):  # claims may name these mentions
            mention_ids[doc_id] = dict(zip(m_ext, local_ids, strict=True))
        if set(map(_DETAILS, rows)) == _PLAIN:  # every mention plain: values laid out in C
            plain_values.extend(
                flat(zip(local_ids, repeat(doc_id), m_ext, *(map(get, rows) for get in _BOUNDS)))
            )
            continue
        for (start, end, label, entity, prefix_len, status, who, _), ext_id, mention_id in zip(
            rows, m_ext, local_ids, strict=True
        ):
            if entity is prefix_len is who is None and status == manual:
                plain_values += (mention_id, doc_id, ext_id, start, end, label)
                continue
            mention_rows_out.append(
                (
                    mention_id,
                    doc_id,
                    ext_id,
                    start,
                    end,
                    label,
                    entity_ids[entity] if entity else None,
                    prefix_len,
                    status,
                    annotator_ids(who) if who else default_annotator,
                )
            )
    stored_mentions = {}
    layers = [item for item in items if item.id not in new_ids]
    if any(
        kind == "mention"
        for item in layers
        for kind in map(_CLAIM_SOURCE, claim_rows(item.doc.claims))
    ):  # a layer's claim may name a mention stored (or staged) before
        stored_mentions = _mention_ids(conn, [item.id for item in layers if item.id > 0])
        stored_mentions.update(
            stage.staged_mention_ids([item.id for item in layers if item.id < 0])
        )
    for item in items:
        doc_id = item.id
        rows = claim_rows(item.doc.claims)  # as the reader sent them, or made here
        c_ext = _unique_ext_ids(list(map(_CLAIM_EXT, rows)), "c", item.taken_ext_ids)
        for row, ext_id in zip(rows, c_ext, strict=True):
            start, end, kind, mention, entity, cue_start, cue_end, quote, polarity = row[:9]
            topics, note, who = row[9:12]
            claim_id = stage.new_id("claim")
            source_mention = None
            if kind == "mention":
                source_mention = (
                    mention_ids.get(doc_id, {}).get(mention) or stored_mentions[(doc_id, mention)]
                )
            topic_rows.extend(
                {"claim_id": claim_id, "topic": topic} for topic in dict.fromkeys(topics)
            )
            claim_rows_out.append(
                (
                    claim_id,
                    doc_id,
                    ext_id,
                    start,
                    end,
                    kind,
                    source_mention,
                    item.entity_ids[entity] if kind == "entity" else None,
                    cue_start,
                    cue_end,
                    quote,
                    polarity,
                    note,
                    lookup.annotator(who) if who else default_annotator,
                )
            )
    stage.add("document_status", status_rows)
    stage.add("mention", mention_rows_out, _MENTION_COLUMNS)
    stage.add(
        "mention",
        plain_values,
        _MENTION_COLUMNS[:6],
        {
            "entity_id": None,
            "prefix_len": None,
            "status": manual,
            "annotator_id": default_annotator,
        },
        flat=True,
    )
    stage.add("claim", claim_rows_out, _CLAIM_COLUMNS)
    stage.add("claim_topic", topic_rows)
    return [
        InsertedDocument(item.id, len(item.doc.mentions), len(item.doc.claims)) for item in items
    ]


def _mention_ids(conn: Connection, doc_ids: list[int]) -> dict[tuple[int, str], int]:
    """(document, span id) -> id of the mentions stored on these documents."""
    rows = conn.rows_in("SELECT document_id, ext_id, id FROM mention WHERE document_id IN", doc_ids)
    return {(d, e): row_id for d, e, row_id in rows}


def claim_ids_by_ref(
    conn: Connection, refs: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str, str], int]:
    """Claim ids by (document external id, claim span id, annotator): how a cluster record
    names its claims. Several annotators' layers may each hold a claim ``c1`` (the later ones
    stored as ``c1@name``, desktop/app/importing.py): the annotator's own claim is taken, and
    another's only when the annotator has none of that id (docs/data-model.md)."""
    refs = set(refs)
    if not refs:
        return {}
    rows = conn.rows_in(
        "SELECT d.external_id, c.ext_id, c.id, a.name FROM claim c "
        "JOIN document d ON d.id = c.document_id "
        "LEFT JOIN annotator a ON a.id = c.annotator_id WHERE d.external_id IN",
        sorted({d for d, _, _ in refs}),
    )
    claims: dict[tuple[str, str], list[tuple[int, str | None]]] = {}
    for d, ext, claim_id, who in rows:
        claims.setdefault((d, ext), []).append((claim_id, who))
    out = {}
    for ref in refs:
        d, ext, who = ref
        own = claims.get((d, f"{ext}@{who}")) or [
            found for found in claims.get((d, ext), ()) if found[1] == who
        ]
        found = own or sorted(claims.get((d, ext), ()))
        if found:
            out[ref] = found[0][0]
    return out


def cluster_stored(
    conn: Connection, cluster: core.ClaimCluster, claim_ids: list[int], annotator_id: int | None
) -> bool:
    """Whether a cluster with this label and annotator holds exactly these claims, with these
    relations already: importing the same file again adds nothing."""
    members = {
        claim_id: (cluster_id, relation)
        for claim_id, cluster_id, relation in conn.rows_in(
            "SELECT claim_id, cluster_id, relation FROM cluster_member WHERE claim_id IN",
            claim_ids,
        )
    }
    wanted = {c: m.relation.value for c, m in zip(claim_ids, cluster.members, strict=True)}
    clusters = {cluster_id for cluster_id, _ in members.values()}
    if members.keys() != wanted.keys() or len(clusters) != 1:
        return False
    if any(members[c][1] != relation for c, relation in wanted.items()):
        return False
    (cluster_id,) = clusters
    row = conn.execute(
        "SELECT label, annotator_id, (SELECT count(*) FROM cluster_member m "
        "WHERE m.cluster_id = k.id) FROM claim_cluster k WHERE k.id = ?",
        (cluster_id,),
    ).fetchone()
    return tuple(row) == (cluster.label, annotator_id, len(wanted))


def insert_cluster(
    conn: Connection,
    cluster: core.ClaimCluster,
    claim_ids: list[int],
    names: Names,
    annotator: str | None,
) -> int | None:
    """A claim cluster from an import; a claim already in another cluster moves to this one.
    None when the same cluster is stored already."""
    annotator_id = names.annotator(cluster.annotator or annotator)
    if cluster_stored(conn, cluster, claim_ids, annotator_id):
        return None
    cluster_id = conn.scalar(
        "INSERT INTO claim_cluster (label, event_id, note, annotator_id, created_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id",
        (
            cluster.label,
            names.event(cluster.event),
            cluster.note,
            annotator_id,
            conn.time(utcnow()),
        ),
    )
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM cluster_member WHERE claim_id IN ({marks})", chunk)
    conn.executemany(
        "INSERT INTO cluster_member (cluster_id, claim_id, relation) VALUES (?, ?, ?)",
        [
            (cluster_id, claim_id, m.relation.value)
            for claim_id, m in zip(claim_ids, cluster.members, strict=True)
        ],
    )
    return cluster_id


@dataclass(frozen=True)
class StoredSpan:
    kind: str  # "mention" or "claim"
    ext_id: str
    annotator: str | None
    start: int
    end: int
    label: str | None  # mentions only


def stored_spans(conn: Connection, doc_id: int, stage: ImportStage) -> list[StoredSpan]:
    """Every mention and claim on a document, with its annotator: what a layer import compares
    its spans with (same annotator and offsets: already there; same id elsewhere: a conflict).
    A negative ``doc_id`` is a document staged earlier by this import."""
    if doc_id < 0:
        return stage.staged_spans(doc_id, StoredSpan)
    names = dict(iter(conn.execute("SELECT id, name FROM annotator")))
    out = [
        StoredSpan("mention", e, names.get(a), s, t, lb)
        for e, a, s, t, lb in conn.execute(
            'SELECT ext_id, annotator_id, start, "end", label FROM mention WHERE document_id = ?',
            (doc_id,),
        )
    ]
    out += [
        StoredSpan("claim", e, names.get(a), s, t, None)
        for e, a, s, t in conn.execute(
            'SELECT ext_id, annotator_id, start, "end" FROM claim WHERE document_id = ?',
            (doc_id,),
        )
    ]
    return out

"""The corpus as the read commands and every export read it: whole documents streamed with
their mentions, claims, statuses and registry entries, the claim clusters among them, and the
small questions an export asks first (is a label set installed, has an annotator any span).

Each read is SQL text, written once here and run through `desktop.storage.rows.Rows`: on an
SQLite file at the newest revision with the standard `sqlite3` module (the read commands import
no SQLAlchemy), under a session's transaction for the window, through SQLAlchemy on PostgreSQL
(docs/architecture.md, "Units of work and durability"; docs/benchmarks.md).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from desktop.core import model as core
from desktop.core.filters import ExportFilter
from desktop.core.stored import StoredDocument
from desktop.storage.rows import Rows, as_datetime, meta_of

# What a document's readers use: the bookkeeping timestamps are left out, so no row pays for
# parsing two datetimes (on a 50,000-mention article that was most of the read).
# The document id comes second in both, which `_Peek.take` relies on.
MENTION_SELECT = (
    'SELECT m.id, m.document_id, m.ext_id, m.start, m."end", m.label, m.entity_id, '
    "m.prefix_len, m.status, m.annotator_id FROM mention m"
)
CLAIM_SELECT = (
    'SELECT c.id, c.document_id, c.ext_id, c.start, c."end", c.source_kind, '
    "c.source_mention_id, c.source_entity_id, c.cue_start, c.cue_end, c.quote_type, "
    "c.polarity, c.note, c.annotator_id FROM claim c"
)
#: Spans in the order every reader gives them: by start, the longer first, then by id.
SPAN_ORDER = 'start, "end" DESC, id'
_DOCUMENT_SELECT = (
    "SELECT d.id, d.external_id, d.text, d.text_sha256, d.imported_at, d.original_source, "
    "d.title, d.url, d.published, d.source_file, d.notes, d.language, o.name, e.name "
    "FROM document d LEFT JOIN outlet o ON d.outlet_id = o.id "
    "LEFT JOIN event e ON d.event_id = e.id"
)
_MENTION_STATUS = {s.value: s for s in core.MentionStatus}
_QUOTE_TYPE = {q.value: q for q in core.QuoteType}
_POLARITY = {p.value: p for p in core.Polarity}
_DOC_STATUS = {s.value: s for s in core.DocStatus}


# --------------------------------------------------------------------------- which documents


def _where(flt: ExportFilter) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (over `_DOCUMENT_SELECT`'s aliases) choosing the documents of `flt`."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if flt.outlets:
        conditions.append("o.name IN :outlets")
        params["outlets"] = tuple(flt.outlets)
    if flt.events:
        conditions.append("e.name IN :events")
        params["events"] = tuple(flt.events)
    if flt.document_ids:
        conditions.append("d.id IN :document_ids")
        params["document_ids"] = tuple(flt.document_ids)
    if flt.statuses:
        who = ""
        if flt.annotators:
            who = " AND annotator_id IN (SELECT id FROM annotator WHERE name IN :who)"
            params["who"] = tuple(flt.annotators)
        condition = (
            f"d.id IN (SELECT document_id FROM document_status WHERE status IN :statuses{who})"
        )
        params["statuses"] = tuple(flt.statuses)
        if "not_started" in flt.statuses:
            any_status = f"SELECT document_id FROM document_status WHERE 1 = 1{who}"
            condition = f"({condition} OR d.id NOT IN ({any_status}))"
        conditions.append(condition)
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def document_ids(rows: Any, flt: ExportFilter | None = None) -> list[int]:
    """The ids of the documents `flt` chooses, in id order."""
    where, params = _where(flt or ExportFilter())
    sql = (
        "SELECT d.id FROM document d LEFT JOIN outlet o ON d.outlet_id = o.id "
        f"LEFT JOIN event e ON d.event_id = e.id{where} ORDER BY d.id"
    )
    return [r[0] for r in Rows.of(rows).all(sql, **params)]


def annotator_names(rows: Any) -> dict[int, str]:
    return dict(Rows.of(rows).all("SELECT id, name FROM annotator"))


# --------------------------------------------------------------------------- whole documents


@dataclasses.dataclass
class _Selection:
    """What both document readers ask first: the chosen documents' WHERE clause and the spans'
    (`where`, and `spans` per table alias), their parameters, the annotators' names, every
    claim's topics and every document's statuses."""

    names: dict[int, str]
    where: str
    params: dict[str, Any]
    spans: dict[str, str]
    topics: dict[int, list[str]]
    statuses: dict[int, dict[str, core.DocStatus]]


def _select(rows: Rows, flt: ExportFilter) -> _Selection:
    names = annotator_names(rows)
    where, params = _where(flt)
    if where:
        chosen = (
            "IN (SELECT d.id FROM document d LEFT JOIN outlet o ON d.outlet_id = o.id "
            f"LEFT JOIN event e ON d.event_id = e.id{where})"
        )
        in_docs = {t: f" WHERE {t}.document_id {chosen}" for t in ("m", "c", "s")}
    else:  # every document: no subquery, the cursors walk the (document, start) indexes
        in_docs = {t: " WHERE 1 = 1" for t in ("m", "c", "s")}
    span_where = {"m": in_docs["m"], "c": in_docs["c"]}
    if flt.annotators:
        wanted = sorted(i for i, n in names.items() if n in set(flt.annotators))
        for t in ("m", "c"):
            span_where[t] += f" AND {t}.annotator_id IN :annotator_ids" if wanted else " AND 1 = 0"
        if wanted:
            params = {**params, "annotator_ids": tuple(wanted)}
    elif flt.curated_layer and flt.curated_layer in names.values():  # per document
        curated = " UNION ".join(
            f"SELECT document_id FROM {t} WHERE annotator_id = :curator"
            for t in ("mention", "claim", "document_status")
        )
        for t in ("m", "c"):
            span_where[t] += (
                f" AND ({t}.annotator_id = :curator OR {t}.document_id NOT IN ({curated}))"
            )
        curator = next(i for i, n in names.items() if n == flt.curated_layer)
        params = {**params, "curator": curator}
    if not flt.include_rejected:
        span_where["m"] += " AND m.status != 'rejected'"

    topics: dict[int, list[str]] = {}
    for claim_id, topic in rows.all(
        "SELECT t.claim_id, t.topic FROM claim_topic t JOIN claim c ON c.id = t.claim_id"
        f"{in_docs['c']} ORDER BY t.claim_id, t.topic",
        **params,
    ):
        topics.setdefault(claim_id, []).append(topic)

    statuses: dict[int, dict[str, core.DocStatus]] = {}
    for doc_id, annotator, status in rows.all(
        f"SELECT s.document_id, s.annotator_id, s.status FROM document_status s{in_docs['s']} "
        "ORDER BY s.document_id, s.annotator_id",
        **params,
    ):
        statuses.setdefault(doc_id, {})[names[annotator]] = _DOC_STATUS[status]
    return _Selection(names, where, params, span_where, topics, statuses)


def _document(row: tuple, statuses: dict, **spans: Any) -> core.Document:
    """A document from a row of `_DOCUMENT_SELECT`, with `spans` (mentions, claims, registry)."""
    (
        doc_id, external_id, text, sha, imported_at, original_source,
        title, url, published, source_file, notes, language, outlet, event,
    ) = row  # fmt: skip
    return core.Document(
        external_id=external_id,
        text=text,
        meta=meta_of(
            outlet, original_source, title, url, published, event, source_file, notes, language
        ),
        text_sha256=sha,
        status=statuses.get(doc_id, {}),
        id=doc_id,
        imported_at=as_datetime(imported_at),
        **spans,
    )


def iter_documents(
    rows: Any, flt: ExportFilter | None = None, *, mention_rows: Iterable | None = None
) -> Iterator[core.Document]:
    """Stream whole documents with their annotations, in id order, without loading the corpus.

    `rows` is `Rows` or a SQLAlchemy session. Documents, mentions and claims are read by three
    cursors ordered by document id and merged. `mention_rows` (rows of `MENTION_SELECT` in that
    order) stand for the mention cursor.
    """
    rows = Rows.of(rows)
    sel = _select(rows, flt or ExportFilter())
    names, params, span_where, topics = sel.names, sel.params, sel.spans, sel.topics
    entity_cache: dict[int, core.RegistryEntity] = {}
    if mention_rows is None:
        mention_rows = rows.stream(
            f"{MENTION_SELECT}{span_where['m']} ORDER BY m.document_id, "
            + _prefixed("m", SPAN_ORDER),
            **params,
        )
    mentions = _Peek(mention_rows)
    claims = _Peek(
        rows.stream(
            f"{CLAIM_SELECT}{span_where['c']} ORDER BY c.document_id, "
            + _prefixed("c", SPAN_ORDER),
            **params,
        )
    )
    docs = rows.stream(f"{_DOCUMENT_SELECT}{sel.where} ORDER BY d.id", batch=200, **params)
    for row in docs:
        doc_id = row[0]
        m_rows = mentions.take(doc_id)
        c_rows = claims.take(doc_id)
        # span ids of the mentions claims name as their source (rows are MENTION_SELECT's)
        sources = {c[6] for c in c_rows} - {None}
        mention_ext = {m[0]: m[2] for m in m_rows if m[0] in sources} if sources else {}
        if len(mention_ext) < len(sources):  # a mention of another annotator
            missing = sorted(sources - mention_ext.keys())
            mention_ext.update(
                rows.all("SELECT id, ext_id FROM mention WHERE id IN :ids", ids=missing)
            )
        wanted = {m[6] for m in m_rows} | {c[7] for c in c_rows}
        wanted.discard(None)
        new = wanted - entity_cache.keys()
        if new:
            entity_cache.update(registry_entities(rows, new))
        yield _document(
            row,
            sel.statuses,
            mentions=mentions_of(m_rows, names, entity_cache),
            claims=tuple(claim_of(c, names, entity_cache, mention_ext, topics) for c in c_rows),
            registry={entity_cache[i].key: entity_cache[i] for i in sorted(wanted)},
        )


# The spans of `iter_stored`, in `desktop.core.stored`'s columns: names instead of ids.
_STORED_MENTION_SELECT = (
    'SELECT m.document_id, m.ext_id, m.start, m."end", m.label, ent.key, m.prefix_len, '
    "m.status, ann.name, m.id FROM mention m LEFT JOIN entity ent ON ent.id = m.entity_id "
    "LEFT JOIN annotator ann ON ann.id = m.annotator_id"
)
_STORED_CLAIM_SELECT = (
    'SELECT c.document_id, c.ext_id, c.start, c."end", c.source_kind, sm.ext_id, ent.key, '
    "c.cue_start, c.cue_end, c.quote_type, c.polarity, c.note, ann.name, c.id FROM claim c "
    "LEFT JOIN mention sm ON sm.id = c.source_mention_id "
    "LEFT JOIN entity ent ON ent.id = c.source_entity_id "
    "LEFT JOIN annotator ann ON ann.id = c.annotator_id"
)


def iter_stored(rows: Any, flt: ExportFilter | None = None) -> Iterator[StoredDocument]:
    """The documents of `iter_documents` (same choice, same order, same values) with their
    spans left as rows, for a format that writes from rows (`desktop.core.stored`): a million
    mentions are not each made a `Mention` only to be written out."""
    rows = Rows.of(rows)
    sel = _select(rows, flt or ExportFilter())
    params, span_where = sel.params, sel.spans
    # Ordered as the (document_id, start) indexes give them; the rest of the span order (the
    # longer first, then by id) is put right per document below, where SQLite would sort every
    # row again in a temporary B-tree (a million mentions: ~0.5 s; docs/benchmarks.md,
    # "Session 6").
    mentions = _Groups(
        rows.stream(
            f"{_STORED_MENTION_SELECT}{span_where['m']} ORDER BY m.document_id, m.start",
            **params,
        )
    )
    claims = _Groups(
        rows.stream(
            f"{_STORED_CLAIM_SELECT}{span_where['c']} ORDER BY c.document_id, c.start",
            **params,
        )
    )
    by_key: dict[str, core.RegistryEntity] = {}
    docs = rows.stream(f"{_DOCUMENT_SELECT}{sel.where} ORDER BY d.id", batch=200, **params)
    for row in docs:
        doc_id = row[0]
        m_rows = mentions.take(doc_id)
        c_rows = claims.take(doc_id)
        if len(m_rows) > 1:
            m_rows.sort(key=_span_order)
        if len(c_rows) > 1:
            c_rows.sort(key=_span_order)
        keys = {m[5] for m in m_rows}
        keys.update(c[6] for c in c_rows)
        keys.discard(None)
        new = keys - by_key.keys()
        if new:
            by_key.update((e.key, e) for e in _entities(rows, "key", new).values())
        registry = {k: by_key[k] for k in sorted(keys)}
        yield StoredDocument(
            _document(row, sel.statuses, registry=registry), m_rows, c_rows, sel.topics
        )


def _span_order(row: tuple) -> tuple:
    """`SPAN_ORDER` for a stored row: its start, its end (the longer first), its id (last)."""
    return row[2], -row[3], row[-1]


class _Groups:
    """Rows ordered by their first column (a document id), handed out a group at a time;
    `itertools.groupby` cuts the groups, so no Python step runs per row."""

    def __init__(self, it: Iterable):
        self._groups = groupby(it, itemgetter(0))
        self._key, self._group = next(self._groups, (None, ()))

    def take(self, doc_id: int) -> list:
        """The rows of `doc_id`; the groups of documents before it are skipped."""
        while self._key is not None and self._key < doc_id:
            self._key, self._group = next(self._groups, (None, ()))
        if self._key != doc_id:
            return []
        out = list(self._group)
        self._key, self._group = next(self._groups, (None, ()))
        return out


def _prefixed(alias: str, order: str) -> str:
    return ", ".join(f"{alias}.{part.strip()}" for part in order.split(","))


class _Peek:
    """An iterator one can look ahead in, to merge ordered cursors."""

    _END = object()

    def __init__(self, it: Iterable):
        # a list of rows (one document's, read at once) is sliced, not walked row by row
        self._rows = it if isinstance(it, list) else None
        self._pos = 0
        # a result is read a batch at a time (`partitions`): per-row fetches cost more than rows
        parts = getattr(it, "partitions", None)
        self._it = chain.from_iterable(parts()) if parts is not None else iter(it)
        self._next = next(self._it, self._END)

    def take(self, doc_id: int) -> list:
        """The rows of `doc_id` at the head of the cursor (its second column is the document)."""
        rows = self._rows
        if rows is not None:
            pos = self._pos
            if pos == len(rows) or rows[pos][1] != doc_id:
                return []
            self._pos = end = bisect_right(rows, doc_id, lo=pos, key=itemgetter(1))
            return rows[pos:end]
        out = []
        end, it = self._END, self._it
        row = self._next
        while row is not end and row[1] == doc_id:
            out.append(row)
            row = next(it, end)
        self._next = row
        return out


def _mention_twin() -> type:
    """A class laid out like `core.Mention` (same slots, same order) but not frozen.

    A frozen dataclass stores each field through `object.__setattr__`, which makes building
    50,000 mentions cost more than reading their rows; the twin's `__init__` stores plainly, and
    each object then becomes a `core.Mention` by `__class__` assignment, which Python allows
    between classes of the same layout. The result is an ordinary, frozen `core.Mention`
    (docs/benchmarks.md, "Opening the big article").
    """
    fields = dataclasses.fields(core.Mention)
    body = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    body["__annotations__"] = {f.name: f.type for f in fields}
    twin = dataclasses.dataclass(slots=True, eq=False, repr=False)(type("_Mention", (), body))
    assert twin.__slots__ == core.Mention.__slots__
    return twin


_MENTION_TWIN = _mention_twin()


def mentions_of(rows, names, entities) -> tuple[core.Mention, ...]:
    """Mentions from rows of `MENTION_SELECT`, positionally: this runs once per stored mention
    on every open and export, so it avoids keyword arguments, enum calls and the frozen
    dataclass's slow `__init__` (see `_mention_twin`)."""
    twin, status, annotator = _MENTION_TWIN, _MENTION_STATUS, names.get
    out = [
        twin(
            start,
            end,
            label,
            entities[ent].key if ent else None,
            plen,
            status[st],
            annotator(who),
            ext,
            id_,
            doc,
        )
        for (id_, doc, ext, start, end, label, ent, plen, st, who) in rows
    ]
    cls = core.Mention
    for m in out:
        m.__class__ = cls
    return tuple(out)


def claim_of(row, names, entities, mention_ext, topics) -> core.Claim:
    """A claim from a row of `CLAIM_SELECT`, read by position (cheaper than by name)."""
    (
        id_, doc_id, ext_id, start, end, kind, mention_id, entity_id,
        cue_start, cue_end, quote_type, polarity, note, annotator_id,
    ) = row  # fmt: skip
    source = None
    if kind == "mention" and mention_id is not None:
        source = core.ClaimSource(core.SourceKind.MENTION, mention=mention_ext[mention_id])
    elif kind == "entity" and entity_id is not None:
        source = core.ClaimSource(core.SourceKind.ENTITY, entity=entities[entity_id].key)
    elif kind in ("outlet", "unnamed"):
        source = core.ClaimSource(core.SourceKind(kind))
    return core.Claim(
        start=start,
        end=end,
        source=source,
        cue=core.Span(cue_start, cue_end) if cue_start is not None else None,
        quote_type=_QUOTE_TYPE[quote_type],
        polarity=_POLARITY[polarity],
        topics=tuple(topics.get(id_, ())),
        note=note,
        annotator=names.get(annotator_id),
        ext_id=ext_id,
        id=id_,
        document_id=doc_id,
    )


# --------------------------------------------------------------------------- what comes with them


def registry_entities(rows: Any, ids: Iterable[int]) -> dict[int, core.RegistryEntity]:
    """Registry entities by id, with their aliases (the name itself left out)."""
    return _entities(rows, "id", ids)


def _entities(rows: Any, column: str, values: Iterable) -> dict[int, core.RegistryEntity]:
    """The registry entities whose `column` ("id" or "key") is one of `values`, by id."""
    rows = Rows.of(rows)
    values = sorted(set(values))
    if not values:
        return {}
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in rows.all(
        "SELECT a.entity_id, a.alias FROM entity_alias a JOIN entity e ON e.id = a.entity_id "
        f'WHERE e."{column}" IN :values ORDER BY a.id',
        values=values,
    ):
        aliases.setdefault(entity_id, []).append(alias)
    out = {}
    for id_, key, name, type_, external_id, notes in rows.all(
        f'SELECT id, "key", name, type, external_id, notes FROM entity WHERE "{column}" IN :values',
        values=values,
    ):
        out[id_] = core.RegistryEntity(
            key=key,
            name=name,
            type=type_,
            aliases=tuple(a for a in aliases.get(id_, []) if a != name),
            external_id=external_id,
            notes=notes,
            id=id_,
        )
    return out


def load_clusters(rows: Any, document_ids: Iterable[int] | None = None) -> list[core.ClaimCluster]:
    """Clusters with their members (those in `document_ids` when given), oldest first."""
    rows = Rows.of(rows)
    where, params = "", {}
    if document_ids is not None:
        params["ids"] = list(document_ids)
        if not params["ids"]:
            return []
        where = " WHERE c.document_id IN :ids"
    members: dict[int, list[core.ClusterMember]] = {}
    for cluster_id, claim_id, relation, doc_ext, claim_ext in rows.all(
        "SELECT m.cluster_id, m.claim_id, m.relation, d.external_id, c.ext_id "
        "FROM cluster_member m JOIN claim c ON c.id = m.claim_id "
        f"JOIN document d ON d.id = c.document_id{where} "
        "ORDER BY m.cluster_id, d.id, c.start",
        **params,
    ):
        members.setdefault(cluster_id, []).append(
            core.ClusterMember(doc_ext, claim_ext, core.Relation(relation), claim_id)
        )
    clusters = rows.all(
        "SELECT k.id, k.label, k.note, e.name, a.name FROM claim_cluster k "
        "LEFT JOIN event e ON e.id = k.event_id "
        "LEFT JOIN annotator a ON a.id = k.annotator_id ORDER BY k.id"
    )
    return [
        core.ClaimCluster(
            key=f"k{id_}",
            label=label,
            event=event,
            members=tuple(members.get(id_, ())),
            note=note,
            annotator=annotator,
            id=id_,
        )
        for id_, label, note, event, annotator in clusters
        if document_ids is None or id_ in members
    ]


def has_label_set(rows: Any) -> bool:
    """Whether a label set is installed (a new database gets the default one)."""
    return Rows.of(rows).one("SELECT 1 FROM label_set LIMIT 1") is not None

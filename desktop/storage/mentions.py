"""Mentions: what creating, changing and finding mentions needs from the database, each read
in one call (the document's text, fresh span ids, the linked entity's names, whether the
document has a status yet)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.storage import orm
from desktop.storage.documents import document_text, status_exists
from desktop.storage.listing import document_part  # noqa: F401 - read without SQLAlchemy
from desktop.storage.registry import entity_id, entity_names
from desktop.storage.rows import Rows


@dataclass(frozen=True)
class MentionContext:
    """One document as a mention use case needs it."""

    document_id: int
    text: str
    ext_ids: tuple[str, ...]  # fresh span ids for the mentions about to be created
    entity_id: int | None  # the entity asked for, None when not asked or not in the registry
    entity_names: tuple[str, ...]  # its name and aliases
    has_status: bool  # whether the annotator has given the document a status yet (asked
    # only when creating: True otherwise)
    start: int | None = None  # the span of the mention being changed
    end: int | None = None
    length: int | None = None  # the text's length and the words of `span`, when asked for
    surface: str | None = None  # (a new mention reads these, not the whole text)
    count: int | None = None  # the document's span count before the new ones (when creating)


_SPAN_SQL = "SELECT length, substr(text, :a, :n) FROM document WHERE id = :doc"
_COUNT_SQL = "(SELECT count(*) FROM mention WHERE document_id = :doc)"
_STATUS_SQL = (
    "EXISTS (SELECT 1 FROM document_status WHERE document_id = :doc AND annotator_id = :who)"
)
_TAKEN_SQL = "SELECT ext_id FROM {table} WHERE document_id = :doc AND ext_id IN :ids"
#: where a connection keeps the span count of the document of its last label key
#: (`counted`), in the info of its pool record: it lives as long as that sqlite3 connection
_KNOWN_COUNT = "mizan_span_count"


def _new_span_sql(count_known: bool, annotator: bool) -> str:
    status = _STATUS_SQL if annotator else _STATUS_SQL.replace("= :who", "IS NULL")
    count = ":count" if count_known else _COUNT_SQL
    return f"SELECT length, substr(text, :a, :n), {count}, {status} FROM document WHERE id = :doc"


_NEW_SPAN_SQL = {(k, a): _new_span_sql(k, a) for k in (False, True) for a in (False, True)}


def _sqlite_record(session: Session):
    """The pool's record of the session's connection and its `sqlite3` connection; None for
    other databases."""
    fairy = session.connection().connection
    raw = fairy.dbapi_connection
    return (fairy, raw) if isinstance(raw, sqlite3.Connection) else None


def _state(raw: sqlite3.Connection) -> tuple[int, int]:
    """What moves when anything is written: ``data_version`` when another connection commits,
    ``total_changes`` when this one changes a row (committed or not)."""
    return raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes


def _known_count(session: Session, doc_id: int) -> int | None:
    """The document's span count as this connection left it (`counted`), if nothing was
    written since by anybody, this connection included."""
    found = _sqlite_record(session)
    if found is None:
        return None
    fairy, raw = found
    known = fairy.info.get(_KNOWN_COUNT)
    if known is None or known[0] != doc_id or known[2] != _state(raw):
        return None
    return known[1]


def counted(session: Session, doc_id: int, count: int) -> Callable[[], None]:
    """Call the returned function once the write transaction of `session` has committed: the
    document then has `count` spans, and its next label key need not count them again (a
    document of 50,000 mentions: 1.5-3 ms; docs/benchmarks.md). Call this after the
    transaction's last write; any other write, here or anywhere, makes the count read again."""
    found = _sqlite_record(session)
    if found is None:
        return lambda: None
    fairy, raw = found
    state = _state(raw)  # the commit changes neither

    def remember() -> None:
        fairy.info[_KNOWN_COUNT] = (doc_id, count, state)

    return remember


def mention_context(
    session: Session,
    doc_id: int | None = None,
    *,
    mention_id: int | None = None,
    entity: str | None = None,
    new: int = 0,
    annotator_id: int | None = None,
    with_text: bool = True,
    span: tuple[int, int] | None = None,
) -> MentionContext | None:
    """Everything a mention use case reads, for a document or for an existing mention
    (None when that mention no longer exists); `text` is "" unless `with_text`; `span` asks
    for the text's length and the words of that span only."""
    start = end = None
    if mention_id is not None:
        row = session.execute(
            select(orm.Mention.document_id, orm.Mention.start, orm.Mention.end).where(
                orm.Mention.id == mention_id
            )
        ).first()
        if row is None:
            return None
        doc_id, start, end = row
    assert doc_id is not None
    found = entity_id(session, entity) if entity else None
    length = surface = count = has_status = None
    if span is not None:
        a, b = max(span[0], 0), max(span[1], span[0], 0)
        # SQL text on the session's own connection: a label key's statement is not built,
        # compiled and looked up in SQLAlchemy's cache each time (docs/benchmarks.md)
        sql = _SPAN_SQL
        params = {"doc": doc_id, "a": a + 1, "n": b - a}
        if new:  # the span count and the status asked in the same statement (a label key)
            known = _known_count(session, doc_id)
            sql = _NEW_SPAN_SQL[known is not None, annotator_id is not None]
            if known is not None:
                params["count"] = known
            if annotator_id is not None:
                params["who"] = annotator_id
        row = Rows.of(session).one(sql, **params)
        if row is None:
            raise KeyError(doc_id)  # as `document_text` does
        length, surface = row[0], row[1]
        if new:
            count, has_status = row[2], bool(row[3])
    if new and has_status is None:
        has_status = status_exists(session, doc_id, annotator_id)
    return MentionContext(
        document_id=doc_id,
        text=document_text(session, doc_id) if with_text else "",
        ext_ids=tuple(fresh_ext_ids(session, orm.Mention, doc_id, "m", new, stored=count))
        if new
        else (),
        entity_id=found,
        entity_names=entity_names(session, found) if found is not None else (),
        has_status=has_status if new else True,
        start=start,
        end=end,
        length=length,
        surface=surface,
        count=count,
    )


def fresh_ext_ids(
    session: Session, table, doc_id: int, prefix: str, count: int, *, stored: int | None = None
) -> list[str]:
    """`count` span ids (`m7`, `c3` …) not yet used in the document: the first free ones after
    the document's span count (`stored` when the caller read it already). Only the candidates
    are looked up (the unique index on document and span id), not every id of the document:
    one new mention in an article of 50,000 reads a few rows."""
    if count > 64:  # many at once (suggestions): one read of every id is cheaper
        taken = set(
            session.execute(select(table.ext_id).where(table.document_id == doc_id)).scalars()
        )
        out, n = [], len(taken)
        while len(out) < count:
            n += 1
            if f"{prefix}{n}" not in taken:
                out.append(f"{prefix}{n}")
        return out
    n = stored
    if n is None:
        n = session.execute(
            select(func.count()).select_from(table).where(table.document_id == doc_id)
        ).scalar_one()
    out = []
    rows = Rows.of(session)
    sql = _TAKEN_SQL.format(table=table.__tablename__)
    while len(out) < count:
        candidates = [f"{prefix}{i}" for i in range(n + 1, n + 1 + max(count - len(out), 8))]
        n += len(candidates)
        taken = {ext for (ext,) in rows.all(sql, doc=doc_id, ids=candidates)}
        out.extend(c for c in candidates if c not in taken)
    return out[:count]


def mention_documents(session: Session, ids: list[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(orm.Mention.id, orm.Mention.document_id).where(orm.Mention.id.in_(ids))
        ).all()
    )


def existing_mention_spans(session: Session, doc_ids: list[int]) -> set[tuple[int, int, int]]:
    """(document id, start, end) of every mention (any status) in these documents."""
    return set(
        session.execute(
            select(orm.Mention.document_id, orm.Mention.start, orm.Mention.end).where(
                orm.Mention.document_id.in_(doc_ids)
            )
        ).all()
    )


def mention_id_by_ext(session: Session, doc_id: int, ext_id: str) -> int | None:
    return session.execute(
        select(orm.Mention.id).where(
            orm.Mention.document_id == doc_id, orm.Mention.ext_id == ext_id
        )
    ).scalar()


@dataclass(frozen=True)
class SuggestionContext:
    """Fresh span ids per document, and the entity the suggestions link to."""

    ext_ids: dict[int, list[str]]
    entity_id: int | None
    entity_names: tuple[str, ...]


def suggestion_context(
    session: Session, counts: dict[int, int], entity: str | None = None
) -> SuggestionContext:
    """What storing `counts[document id]` suggested mentions needs, in one call."""
    found = entity_id(session, entity) if entity else None
    return SuggestionContext(
        ext_ids={
            doc_id: fresh_ext_ids(session, orm.Mention, doc_id, "m", n)
            for doc_id, n in counts.items()
        },
        entity_id=found,
        entity_names=entity_names(session, found) if found is not None else (),
    )

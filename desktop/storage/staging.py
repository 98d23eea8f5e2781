"""An import staged outside the database's tables, published in one short write transaction.

A long import must not hold the write lock for its whole run (other windows and processes keep
annotating), and it must still land whole or not at all (docs/architecture.md, "Units of work
and durability"). So an import writes its rows, batch by batch, into TEMP tables of its own
connection: they need no write lock on the database, nobody else sees them, and a killed import
leaves nothing behind (temporary tables die with the connection). Rows there carry negative
local ids (documents, mentions, claims) and negative placeholders for names and registry
entities not stored yet. :meth:`ImportStage.publishing` then takes the write lock once, creates
the names, reserves id ranges, and copies every table with ``INSERT … SELECT`` (no row goes
through Python again): a few hundred milliseconds for 10,000 articles.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.core.errors import MizanError
from desktop.storage import orm
from desktop.storage.database import Database
from desktop.storage.documents import Lookup
from desktop.storage.registry import merge_registry_entity

#: The tables an import stages, in the order they are published (parents first).
TABLES = ("document", "document_status", "mention", "claim", "claim_topic")
#: Columns holding a staged (negative) row id, by the table that row lives in.
_LOCAL = {
    ("document", "id"): "document",
    ("document_status", "document_id"): "document",
    ("mention", "id"): "mention",
    ("mention", "document_id"): "document",
    ("claim", "id"): "claim",
    ("claim", "document_id"): "document",
    ("claim", "source_mention_id"): "mention",
    ("claim_topic", "claim_id"): "claim",
}
#: Columns that may hold a placeholder for a name or registry entity created at publishing, and
#: the table of what they name.
_NAMED = {
    ("document", "outlet_id"): "outlet",
    ("document", "event_id"): "event",
    ("document_status", "annotator_id"): "annotator",
    ("mention", "annotator_id"): "annotator",
    ("mention", "entity_id"): "entity",
    ("claim", "annotator_id"): "annotator",
    ("claim", "source_entity_id"): "entity",
}
#: Time columns every staged row of the table holds the same value in: the import's time, put in
#: by the copy instead of staged with each row (two text values fewer per mention to stage).
_STAMPED = {
    "document_status": ("updated_at",),
    "mention": ("created_at", "updated_at"),
    "claim": ("created_at", "updated_at"),
}
_CHUNK = 500
#: Up to this many names created by an import, the copy maps their placeholders with an inline
#: CASE instead of a lookup in stage_names per row (a quarter of copying 90,000 mentions).
_INLINE_NAMES = 32
_MAX_PARAMETERS = 999  # bound parameters per statement (SQLite's old default limit)


class StagedLookup(Lookup):
    """Name -> id for rows being staged: a stored name gives its id, a new one a negative
    placeholder; the names are created when the import is published, not before."""

    def __init__(self, stage: ImportStage):
        super().__init__(stage.session)
        self.stage = stage

    def _create(self, table: type, name: str, column: str) -> int:
        return self.stage.placeholder(("name", table, column, name))


class ImportStage:
    """The rows of one import, held in TEMP tables of one connection until published."""

    def __init__(self, db: Database):
        if db.read_only:
            raise MizanError(f"{db.display_name}: the database is read-only; nothing was saved")
        self.db = db
        self.conn = db.engine.connect()
        self.session = Session(bind=self.conn, autoflush=False)
        self.sqlite = db.is_sqlite
        self.counts = dict.fromkeys(("document", "mention", "claim"), 0)
        self.columns: dict[str, list[str]] = {}
        self._placeholders: dict[tuple, int] = {}
        self._entities: list[tuple[int, core.RegistryEntity]] = []
        self._names: dict[str, dict[int, int]] = {}  # table -> placeholder -> id, at publishing
        self.bases: dict[str, int] = {}
        self.now = orm.utcnow()  # when the rows were imported, the same for all of them
        try:
            for table in TABLES:
                self.session.execute(text(f"DROP TABLE IF EXISTS stage_{table}"))
                self.session.execute(
                    text(f"CREATE TEMP TABLE stage_{table} AS SELECT * FROM {table} WHERE 1 = 0")
                )
            self.session.commit()
        except BaseException:
            self.close()
            raise

    # ----------------------------------------------------------------- ids

    def new_id(self, kind: str) -> int:
        """A local id for a staged document, mention or claim: -1, -2, …"""
        self.counts[kind] += 1
        return -self.counts[kind]

    def new_ids(self, kind: str, n: int) -> range:
        """``n`` local ids at once (one document's mentions)."""
        first = self.counts[kind]
        self.counts[kind] = first + n
        return range(-first - 1, -first - n - 1, -1)

    def placeholder(self, key: tuple) -> int:
        found = self._placeholders.get(key)
        if found is None:
            found = self._placeholders[key] = -(len(self._placeholders) + 1)
        return found

    def entity(self, entity: core.RegistryEntity) -> int:
        """A placeholder for a registry entity of the import, merged into the registry when the
        import is published (the same key always gets the same placeholder)."""
        found = self.placeholder(("entity", entity.key))
        self._entities.append((found, entity))
        return found

    def staged_entity(self, key: str) -> int | None:
        """The placeholder of a registry entity an earlier record of this import brought."""
        return self._placeholders.get(("entity", key))

    def staged_spans(self, doc_id: int, make) -> list:
        """``make(kind, ext_id, annotator, start, end, label)`` for every span staged on the
        staged document ``doc_id`` (a text that comes twice in one import: the second may be
        another annotator's layer)."""
        names = dict(self.session.execute(select(orm.Annotator.id, orm.Annotator.name)).all())
        names.update(
            (p, key[3])
            for key, p in self._placeholders.items()
            if key[0] == "name" and key[1] is orm.Annotator
        )
        out = [
            make("mention", e, names.get(a), s, t, lb)
            for e, a, s, t, lb in self.session.execute(
                text('SELECT ext_id, annotator_id, start, "end", label FROM stage_mention '
                     "WHERE document_id = :d"),
                {"d": doc_id},
            )
        ]  # fmt: skip
        out += [
            make("claim", e, names.get(a), s, t, None)
            for e, a, s, t in self.session.execute(
                text('SELECT ext_id, annotator_id, start, "end" FROM stage_claim '
                     "WHERE document_id = :d"),
                {"d": doc_id},
            )
        ]  # fmt: skip
        return out

    def staged_mention_ids(self, doc_ids: list[int]) -> dict[tuple[int, str], int]:
        """(staged document id, span id) -> local id of the mentions staged on them."""
        out: dict[tuple[int, str], int] = {}
        for i in range(0, len(doc_ids), _CHUNK):
            chunk = ", ".join(str(int(d)) for d in doc_ids[i : i + _CHUNK])
            rows = self.session.execute(
                text(f"SELECT document_id, ext_id, id FROM stage_mention "
                     f"WHERE document_id IN ({chunk})")
            )  # fmt: skip
            out.update(((d, e), m) for d, e, m in rows)
        return out

    def real_id(self, kind: str, local: int) -> int:
        """The stored id of a staged row, once published."""
        return self.bases[kind] - local if local < 0 else local

    # ----------------------------------------------------------------- staging

    def add(
        self,
        table: str,
        rows: list,
        columns: tuple[str, ...] | None = None,
        fixed: dict[str, int | str | None] | None = None,
    ) -> None:
        """Stage rows of ``table`` in one or two executemany: dicts with the same keys, or
        tuples in the order of ``columns``. ``fixed`` columns hold the same value in every row:
        written once into the statement, not bound per row (each bound value costs)."""
        if not rows:
            return
        if columns is None:
            columns = tuple(rows[0])
            rows = [tuple(r.values()) for r in rows]
        fixed = fixed or {}
        columns = list(columns)
        every = [*columns, *fixed]
        known = self.columns.setdefault(table, every)
        if sorted(known) != sorted(every):  # pragma: no cover - a programming error
            raise AssertionError(f"stage_{table}: columns {every} after {known}")
        dialect = self.conn.dialect
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        quoted = ", ".join(dialect.identifier_preparer.quote(c) for c in every)
        head = f"INSERT INTO stage_{table} ({quoted}) VALUES "
        values = [mark for _ in columns]
        values += [_literal(v) for v in fixed.values()]
        one = f"({', '.join(values)})"
        conn = self.session.connection()
        # Many rows per statement: a quarter less time than one statement per row (90,000
        # mentions), within the 999 parameters every SQLite build takes.
        per = max(1, _MAX_PARAMETERS // len(columns))
        full = len(rows) - len(rows) % per
        if full:
            flat = itertools.chain.from_iterable
            conn.exec_driver_sql(
                head + ", ".join([one] * per),
                [tuple(flat(rows[i : i + per])) for i in range(0, full, per)],
            )
        if full < len(rows):
            conn.exec_driver_sql(head + one, rows[full:])

    def end_batch(self) -> None:
        """Commit the staged batch: ends the read snapshot, so nobody waits on this import."""
        self.session.commit()

    # ----------------------------------------------------------------- publishing

    @contextmanager
    def publishing(self) -> Iterator[Session]:
        """One write transaction: names and entities created, id ranges reserved, every staged
        table copied; the caller adds what refers to the copied rows (claim clusters) with the
        session given, and the whole import commits at the end, or nothing does."""
        self.session.commit()
        self.conn.execution_options(sqlite_begin="IMMEDIATE")  # the write lock, as writing()
        try:
            self._check_still_new()
            self._create_names()
            self._reserve_ids()
            for table in TABLES:
                self._copy(table)
            self._copy_search_pending()
            yield self.session
            self.session.commit()
        except DBAPIError as exc:
            self.session.rollback()
            if isinstance(exc, IntegrityError):
                raise
            raise self.db._error(exc) from None
        except BaseException:
            self.session.rollback()
            raise

    def _check_still_new(self) -> None:
        """Another import may have stored one of these texts or ids since they were checked."""
        row = self.session.execute(
            text(
                "SELECT s.external_id FROM stage_document s JOIN document d "
                "ON d.text_sha256 = s.text_sha256 OR d.external_id = s.external_id"
            )
        ).first()
        if row is not None:
            raise MizanError(
                f"{self.db.display_name}: another import stored document {row[0]} while this "
                "one ran; nothing was imported, run the import again (it skips what is stored)"
            )

    def _create_names(self) -> None:
        self.session.execute(text("DROP TABLE IF EXISTS stage_names"))
        self.session.execute(
            text("CREATE TEMP TABLE stage_names (placeholder INTEGER PRIMARY KEY, id INTEGER)")
        )
        if not self._placeholders:
            return
        lookup = Lookup(self.session)
        real: dict[int, int] = {}
        for key, placeholder in self._placeholders.items():
            if key[0] == "name":
                _, table, column, name = key
                real[placeholder] = found = lookup.id_of(table, name, column=column)
                self._names.setdefault(table.__tablename__, {})[placeholder] = found
        for placeholder, entity in self._entities:
            real[placeholder] = found = merge_registry_entity(self.session, entity)
            self._names.setdefault("entity", {})[placeholder] = found
        self.session.execute(
            text("INSERT INTO stage_names (placeholder, id) VALUES (:p, :i)"),
            [{"p": p, "i": i} for p, i in real.items()],
        )

    def _reserve_ids(self) -> None:
        """Room for the staged rows after every id ever given out (ids are never reused)."""
        for kind, count in self.counts.items():
            if self.sqlite:
                self.bases[kind] = self.session.execute(
                    text(
                        f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = "
                        f"'{kind}'), 0), coalesce((SELECT max(id) FROM {kind}), 0))"
                    )
                ).scalar_one()
            elif count:
                seq = f"pg_get_serial_sequence('{kind}', 'id')"
                first = self.session.execute(text(f"SELECT nextval({seq})")).scalar_one()
                self.session.execute(text(f"SELECT setval({seq}, {first + count - 1})"))
                self.bases[kind] = first - 1
            else:
                self.bases[kind] = 0

    def _expr(self, table: str, column: str) -> str:
        quoted = "s." + self.conn.dialect.identifier_preparer.quote(column)
        kind = _LOCAL.get((table, column))
        if kind is not None:
            base = self.bases[kind]
            return f"CASE WHEN {quoted} < 0 THEN {base} - {quoted} ELSE {quoted} END"
        named = _NAMED.get((table, column))
        if named is not None:
            names = self._names.get(named, {})
            if len(names) <= _INLINE_NAMES:  # a few names: no lookup per row
                cases = " ".join(f"WHEN {p} THEN {i}" for p, i in names.items())
                found = f"CASE {quoted} {cases} END" if cases else "NULL"
            else:
                found = f"(SELECT n.id FROM stage_names n WHERE n.placeholder = {quoted})"
            return f"CASE WHEN {quoted} < 0 THEN {found} ELSE {quoted} END"
        return quoted

    def _copy(self, table: str) -> None:
        columns = self.columns.get(table)
        if not columns:
            return
        stamped = _STAMPED.get(table, ())
        quote = self.conn.dialect.identifier_preparer.quote
        quoted = ", ".join(quote(c) for c in (*columns, *stamped))
        stamp = self.now.isoformat(sep=" ", timespec="microseconds")  # as SQLAlchemy stores it
        stamp = (f"'{stamp}'" if self.sqlite else f"TIMESTAMP '{stamp}'").replace(":", "\\:")
        exprs = ", ".join([*(self._expr(table, c) for c in columns), *(stamp for _ in stamped)])
        where = ""
        if table == "document_status":  # someone may have set one meanwhile: theirs stays
            where = (
                " WHERE NOT EXISTS (SELECT 1 FROM document_status d WHERE d.document_id = "
                f"{self._expr(table, 'document_id')} AND d.annotator_id = "
                f"{self._expr(table, 'annotator_id')})"
            )
        self.session.execute(
            text(f"INSERT INTO {table} ({quoted}) SELECT {exprs} FROM stage_{table} s{where}")
        )

    def _copy_search_pending(self) -> None:
        """Every new document waits for the search index (desktop/storage/search.py)."""
        if self.counts["document"]:
            base = self.bases["document"]
            self.session.execute(
                text(f"INSERT INTO search_pending (document_id) SELECT {base} - id "
                     "FROM stage_document")
            )  # fmt: skip

    # ----------------------------------------------------------------- the end

    def close(self) -> None:
        """Close the connection for good: the staged rows (published or not) go with its TEMP
        tables. Dropping them first would free every page a large import staged, about 0.1 s
        for 10,000 articles (docs/benchmarks.md, "Importing")."""
        try:
            self.session.rollback()
            if self.db.engine.url.database in (None, "", ":memory:"):  # the database itself
                self.conn.execution_options(sqlite_begin="DEFERRED")  # lives in this connection
                for table in (*TABLES, "names"):
                    self.session.execute(text(f"DROP TABLE IF EXISTS stage_{table}"))
                self.session.commit()
            else:
                self.conn.invalidate()  # not back to the pool with its TEMP tables
        except DBAPIError:  # pragma: no cover - a broken connection: it goes away anyway
            self.conn.invalidate()
        finally:
            self.session.close()
            self.conn.close()


def _literal(value: int | str | None) -> str:
    """A fixed staged value as SQL: NULL, an integer or a plain word (an enum's value)."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(int(value))
    if not value.isidentifier() or not value.isascii():  # pragma: no cover - a programming error
        raise AssertionError(f"not a plain word: {value!r}")
    return f"'{value}'"


def existing_status_pairs(session: Session, doc_ids: list[int]) -> set[tuple[int, int]]:
    """(document, annotator) pairs that have a status already, among stored documents."""
    have: set[tuple[int, int]] = set()
    for i in range(0, len(doc_ids), _CHUNK):
        have.update(
            session.execute(
                select(orm.DocumentStatus.document_id, orm.DocumentStatus.annotator_id).where(
                    orm.DocumentStatus.document_id.in_(doc_ids[i : i + _CHUNK])
                )
            ).all()
        )
    return have

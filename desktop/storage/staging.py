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

Staging is for the others: when nobody else has the file open as the import begins
(`Database.alone`; or this process has just created it and it holds no document), the import
skips it, takes the write lock at once and writes the tables directly, in the same one
transaction (:attr:`ImportStage.direct`). Every row is then written once instead of twice,
while the files are still being read (docs/benchmarks.md, "Session 4" and "Session 7"). A window
opened meanwhile reads as usual; its first write waits, with the wait announced, until the
import is in. References are checked once before the commit: over the whole file when it held no
document, over the rows the import added when it did.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from desktop.core import model as core
from desktop.core.errors import MizanError, RecordError
from desktop.storage.database import Database
from desktop.text import fold_key

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
#: The import's page cache (negative: KiB), 8 times SQLite's default: the index pages rows are
#: added to stay in memory instead of going to the WAL again and again while a batch is written
#: (docs/benchmarks.md, "Session 6").
_CACHE_KIB = -16384


def utcnow() -> datetime:
    """The time rows are stamped with, as the models' defaults take it (naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Connection:
    """The import's one connection, spoken to in SQL text with ``?`` marks.

    An SQLite file is written through the standard ``sqlite3`` module
    (`Database.sqlite_writer`: the engine's WAL, ``synchronous=FULL``, foreign keys, busy
    timeout, and ``BEGIN IMMEDIATE`` with its waiting notice for the write), so an import into
    a current file imports no SQLAlchemy (docs/benchmarks.md, "Session 3: importing without
    SQLAlchemy"); PostgreSQL and in-memory SQLite go through a SQLAlchemy connection."""

    def __init__(self, db: Database):
        self.db = db
        self.sqlite = db.is_sqlite
        self.raw = db.sqlite_writer()
        self.sa = None
        if self.raw is None:
            self.sa = db.engine.connect()
            self._format = self.sa.dialect.paramstyle != "qmark"

    def execute(self, sql: str, params: tuple | list = ()):
        """Rows of one statement (a cursor: iterate it, or ``fetchone()``)."""
        if self.raw is not None:
            if not self.raw.in_transaction:
                self.raw.execute("BEGIN")
            return self.raw.execute(sql, params)
        if self._format:
            sql = sql.replace("?", "%s")
        if params:
            return self.sa.exec_driver_sql(sql, tuple(params))
        return self.sa.exec_driver_sql(sql)

    def executemany(self, sql: str, rows: list) -> None:
        if not rows:
            return
        if self.raw is not None:
            if not self.raw.in_transaction:
                self.raw.execute("BEGIN")
            self.raw.executemany(sql, rows)
            return
        if self._format:
            sql = sql.replace("?", "%s")
        self.sa.exec_driver_sql(sql, rows)

    def scalar(self, sql: str, params: tuple | list = ()):
        rows = self.execute(sql, params).fetchall()  # all: an INSERT … RETURNING ends
        return rows[0][0] if rows else None

    def time(self, value: datetime):
        """A timestamp as SQLAlchemy's SQLite dialect stores it (text), or as is elsewhere."""
        return _sqlite_time(value) if self.sqlite else value

    def date(self, value: date | None):
        return value.isoformat() if self.sqlite and value is not None else value

    def commit(self) -> None:
        if self.raw is not None:
            if self.raw.in_transaction:
                self.raw.execute("COMMIT")
        else:
            self.sa.commit()

    def rollback(self) -> None:
        if self.raw is not None:
            if self.raw.in_transaction:
                self.raw.execute("ROLLBACK")
        else:
            self.sa.rollback()

    def begin_write(self) -> None:
        """The write lock, as `Database.writing()` takes it: BEGIN IMMEDIATE on SQLite (a wait
        is announced, then `DatabaseBusy`), the advisory lock on PostgreSQL."""
        self.commit()
        if self.raw is not None:
            self.db.begin_immediate(self.raw)
        else:
            self.sa.execution_options(sqlite_begin="IMMEDIATE")

    def insert_if_absent(self, table: str, values: dict, unique: str) -> None:
        """INSERT … ON CONFLICT DO NOTHING: another writer may have inserted the row."""
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        self.execute(
            f'INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT ("{unique}") DO NOTHING',
            tuple(values.values()),
        )

    def rows_in(self, query: str, values: list, before: tuple = ()) -> Iterator[tuple]:
        """Rows of ``query``, which ends in ``IN``, for each chunk of ``values``."""
        for i in range(0, len(values), _CHUNK):
            chunk = tuple(values[i : i + _CHUNK])
            marks = ", ".join("?" for _ in chunk)
            yield from self.execute(f"{query} ({marks})", (*before, *chunk))

    def close(self, staged: tuple[str, ...] = ()) -> None:
        """Close for good; the TEMP tables go with the connection. An in-memory database lives
        in SQLAlchemy's one connection: its ``staged`` tables are dropped instead."""
        if self.raw is not None:
            self.raw.close()
            return
        from sqlalchemy.exc import DBAPIError

        conn = self.sa
        try:
            conn.rollback()
            if self.db.engine.url.database in (None, "", ":memory:"):  # the database itself
                conn.execution_options(sqlite_begin="DEFERRED")  # lives in this connection
                for table in staged:
                    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
                conn.commit()
            else:
                conn.invalidate()  # not back to the pool with its TEMP tables
        except DBAPIError:  # pragma: no cover - a broken connection: it goes away anyway
            conn.invalidate()
        finally:
            conn.close()


class Names:
    """Name -> id of annotators, outlets and events, cached: bulk imports do not query per
    row. A name not stored yet is created (the clusters, at publishing)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self._cache: dict[tuple[str, str], int] = {}

    def id_of(self, table: str, name: str) -> int:
        key = (table, name)
        found = self._cache.get(key)
        if found is None:
            found = self.conn.scalar(f"SELECT id FROM {table} WHERE name = ?", (name,))
            if found is None:
                found = self._create(table, name)
            self._cache[key] = found
        return found

    def _create(self, table: str, name: str) -> int:
        values: dict = {"name": name}
        if table == "annotator":
            values["created_at"] = self.conn.time(utcnow())
        self.conn.insert_if_absent(table, values, "name")
        return self.conn.scalar(f"SELECT id FROM {table} WHERE name = ?", (name,))

    def annotator(self, name: str | None) -> int | None:
        return None if name is None else self.id_of("annotator", name)

    def outlet(self, name: str | None) -> int | None:
        return None if not name else self.id_of("outlet", name)

    def event(self, name: str | None) -> int | None:
        return None if not name else self.id_of("event", name)


class StagedLookup(Names):
    """Name -> id for rows being staged: a stored name gives its id, a new one a negative
    placeholder; the names are created when the import is published, not before (at once when
    the import writes the tables directly)."""

    def __init__(self, stage: ImportStage):
        super().__init__(stage.conn)
        self.stage = stage

    def _create(self, table: str, name: str) -> int:
        if self.stage.direct:  # the tables are written directly: the name is made now
            return super()._create(table, name)
        return self.stage.placeholder(("name", table, name))


def entity_ids(conn: Connection, keys, known: dict[str, int]) -> None:
    """Fill ``known`` with the stored registry entities of ``keys``; a key nowhere is an error
    of the record."""
    missing = set(keys) - known.keys()
    if missing:
        known.update(conn.rows_in("SELECT key, id FROM entity WHERE key IN", sorted(missing)))
        still = sorted(set(keys) - known.keys())
        if still:
            raise RecordError(f"entity {still[0]!r} is not in the registry")


def merge_entity(conn: Connection, entity: core.RegistryEntity) -> int:
    """Insert a registry entity, or add new aliases to the one with the same key (also when
    another writer inserted that key a moment ago)."""
    find = "SELECT id, type, external_id FROM entity WHERE key = ?"
    row = conn.execute(find, (entity.key,)).fetchone()
    if row is None:
        values = {
            "key": entity.key,
            "name": entity.name,
            "type": entity.type,
            "external_id": entity.external_id,
            "notes": entity.notes,
        }
        conn.insert_if_absent("entity", values, "key")
        row = conn.execute(find, (entity.key,)).fetchone()
    entity_id, kind, external_id = row
    known = {a for (a,) in conn.execute(
        "SELECT alias FROM entity_alias WHERE entity_id = ?", (entity_id,)
    )}  # fmt: skip
    if kind is None and entity.type:
        conn.execute("UPDATE entity SET type = ? WHERE id = ?", (entity.type, entity_id))
    if external_id is None and entity.external_id:
        conn.execute(
            "UPDATE entity SET external_id = ? WHERE id = ?", (entity.external_id, entity_id)
        )
    new = [a for a in dict.fromkeys((entity.name, *entity.aliases)) if a and a not in known]
    conn.executemany(
        "INSERT INTO entity_alias (entity_id, alias, folded) VALUES (?, ?, ?)",
        [(entity_id, alias, fold_key(alias)) for alias in new],
    )
    return entity_id


class ImportStage:
    """The rows of one import, held in TEMP tables of one connection until published."""

    def __init__(self, db: Database):
        if db.read_only:
            raise MizanError(f"{db.display_name}: the database is read-only; nothing was saved")
        self.db = db
        # Asked before this import's own connection opens the file (it would count).
        alone = not db.created_here and db.alone()
        self.conn = Connection(db)
        self.sqlite = db.is_sqlite
        self.counts = dict.fromkeys(("document", "mention", "claim"), 0)
        self.columns: dict[str, list[str]] = {}
        self._placeholders: dict[tuple, int] = {}
        self._entities: list[tuple[int, core.RegistryEntity]] = []
        self._names: dict[str, dict[int, int]] = {}  # table -> placeholder -> id, at publishing
        self.bases: dict[str, int] = {}
        self.now = utcnow()  # when the rows were imported, the same for all of them
        self.direct = False
        self.fresh = False  # written directly into a file holding no document yet
        #: written directly into a file in use: each table that names rows of another, its
        #: last rowid when the import took the lock and its references (_check_references)
        self._added: dict[str, tuple[int, list[tuple[str, str, str]]]] = {}
        try:
            with self._errors():
                if self.conn.raw is not None:  # a connection of its own, closed at the end
                    self.conn.raw.execute(f"PRAGMA main.cache_size = {_CACHE_KIB}")
                    self.conn.raw.execute(f"PRAGMA temp.cache_size = {_CACHE_KIB}")
                if self.conn.raw is not None and (db.created_here or alone):
                    self.fresh = self.conn.scalar("SELECT 1 FROM document LIMIT 1") is None
                    self.conn.commit()
                    # References are checked once at publishing, not per row as the rows are
                    # written (a tenth of the writing: _check_references).
                    self.conn.raw.execute("PRAGMA foreign_keys = OFF")
                    self.conn.begin_write()
                    self.direct = (
                        alone or self.conn.scalar("SELECT 1 FROM document LIMIT 1") is None
                    )
                    if self.direct:
                        self._reserve_ids()  # ids after these, given out as rows are written
                        if not self.fresh:  # the rows there were before, not to check again
                            self._added = self._last_rowids()
                        return
                    self.fresh = False
                    self.conn.rollback()
                    self.conn.raw.execute("PRAGMA foreign_keys = ON")
                for table in TABLES:
                    self.conn.execute(f"DROP TABLE IF EXISTS stage_{table}")
                    self.conn.execute(
                        f"CREATE TEMP TABLE stage_{table} AS SELECT * FROM {table} WHERE 1 = 0"
                    )
                self.conn.commit()
        except BaseException:
            self.close()
            raise

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """A driver error a user can cause (busy, damaged, read-only) as one line naming the
        database; integrity errors stay as they are (a bug to report)."""
        if self.conn.raw is None:
            from sqlalchemy.exc import DBAPIError, IntegrityError

            try:
                yield
            except DBAPIError as exc:
                if isinstance(exc, IntegrityError):
                    raise
                raise self.db._error(exc) from None
            return
        try:
            yield
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise self.db._driver_error(exc) from None

    # ----------------------------------------------------------------- ids

    def new_id(self, kind: str) -> int:
        """A local id for a staged document, mention or claim: -1, -2, … (the stored id when
        the import writes the tables directly)."""
        self.counts[kind] += 1
        if self.direct:
            return self.bases[kind] + self.counts[kind]
        return -self.counts[kind]

    def new_ids(self, kind: str, n: int) -> range:
        """``n`` local ids at once (one document's mentions)."""
        first = self.counts[kind]
        self.counts[kind] = first + n
        if self.direct:
            base = self.bases[kind] + first
            return range(base + 1, base + n + 1)
        return range(-first - 1, -first - n - 1, -1)

    def placeholder(self, key: tuple) -> int:
        found = self._placeholders.get(key)
        if found is None:
            found = self._placeholders[key] = -(len(self._placeholders) + 1)
        return found

    def entity(self, entity: core.RegistryEntity) -> int:
        """A placeholder for a registry entity of the import, merged into the registry when the
        import is published (the same key always gets the same placeholder)."""
        if self.direct:  # into the registry at once, aliases merged as at publishing
            found = merge_entity(self.conn, entity)
            self._placeholders[("entity", entity.key)] = found
            return found
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
        names = dict(iter(self.conn.execute("SELECT id, name FROM annotator")))
        names.update(
            (p, key[2])
            for key, p in self._placeholders.items()
            if key[0] == "name" and key[1] == "annotator"
        )
        out = [
            make("mention", e, names.get(a), s, t, lb)
            for e, a, s, t, lb in self.conn.execute(
                'SELECT ext_id, annotator_id, start, "end", label FROM stage_mention '
                "WHERE document_id = ?",
                (doc_id,),
            )
        ]
        out += [
            make("claim", e, names.get(a), s, t, None)
            for e, a, s, t in self.conn.execute(
                'SELECT ext_id, annotator_id, start, "end" FROM stage_claim WHERE document_id = ?',
                (doc_id,),
            )
        ]
        return out

    def staged_mention_ids(self, doc_ids: list[int]) -> dict[tuple[int, str], int]:
        """(staged document id, span id) -> local id of the mentions staged on them."""
        rows = self.conn.rows_in(
            "SELECT document_id, ext_id, id FROM stage_mention WHERE document_id IN", doc_ids
        )
        return {(d, e): m for d, e, m in rows}

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
        *,
        flat: bool = False,
    ) -> None:
        """Stage rows of ``table`` in as few statements as the parameter limit allows: dicts
        with the same keys, or tuples in the order of ``columns``, or with ``flat`` one list of
        every row's values one after the other (no tuple per row: the import's plain mentions).
        ``fixed`` columns hold the same value in every row: written once into the statement,
        not bound per row (each bound value costs)."""
        if not rows:
            return
        if columns is None:
            columns = tuple(rows[0])
            rows = [r.values() for r in rows]
        values = rows if flat else list(itertools.chain.from_iterable(rows))
        fixed = fixed or {}
        target = f"stage_{table}"
        if self.direct:  # the table itself, with the import's time the copy would add
            target = table
            fixed = {**fixed, **dict.fromkeys(_STAMPED.get(table, ()), self.now)}
        columns = list(columns)
        every = [*columns, *fixed]
        known = self.columns.setdefault(table, every)
        if sorted(known) != sorted(every):  # pragma: no cover - a programming error
            raise AssertionError(f"stage_{table}: columns {every} after {known}")
        quoted = ", ".join(f'"{c}"' for c in every)
        # OR FAIL on SQLite: a statement of many rows that may break a constraint part way (an
        # ABORT, SQLite's default) first copies each page it changes to a statement journal, to
        # undo only itself; for 90,000 mentions that was 12,000 pages copied to a temporary
        # file, a sixth of storing them (docs/benchmarks.md, "Session 6"). A failing row fails
        # the import, and the import's transaction is rolled back whole, so the statement's
        # own undo is never needed.
        verb = "INSERT OR FAIL INTO" if self.sqlite else "INSERT INTO"
        head = f"{verb} {target} ({quoted}) VALUES "
        marks = ["?" for _ in columns]
        marks += [_literal(v) for v in fixed.values()]
        one = f"({', '.join(marks)})"
        # Many rows per statement: a quarter less time than one statement per row (90,000
        # mentions), within the 999 parameters every SQLite build takes; the rows left over
        # go in one statement of their own.
        width = len(columns)
        per = max(1, _MAX_PARAMETERS // width) * width  # values per full statement
        full = len(values) - len(values) % per
        with self._errors():
            if full:
                self.conn.executemany(
                    head + ", ".join([one] * (per // width)),
                    [tuple(values[i : i + per]) for i in range(0, full, per)],
                )
            if full < len(values):
                rest = values[full:]
                self.conn.execute(head + ", ".join([one] * (len(rest) // width)), rest)

    def end_batch(self) -> None:
        """Commit the staged batch: ends the read snapshot, so nobody waits on this import.
        Writing the tables directly, the one transaction goes on."""
        if self.direct:
            return
        with self._errors():
            self.conn.commit()

    # ----------------------------------------------------------------- publishing

    @contextmanager
    def publishing(self) -> Iterator[Connection]:
        """One write transaction: names and entities created, id ranges reserved, every staged
        table copied; the caller adds what refers to the copied rows (claim clusters) on the
        connection given, and the whole import commits at the end, or nothing does."""
        try:
            with self._errors():
                if not self.direct:  # written directly, the rows are in their tables already
                    self.conn.begin_write()
                    self._check_still_new()
                    self._create_names()
                    self._reserve_ids()
                    for table in TABLES:
                        self._copy(table)
                self._copy_search_pending()
                yield self.conn
                if self.direct:
                    self._check_references()
                self.conn.commit()
        except BaseException:
            with self._errors():
                self.conn.rollback()
            raise

    def _check_references(self) -> None:
        """Every row written directly names rows that exist. The tables were written with
        SQLite's per-row reference checks off. Into a file that held no document, one
        ``foreign_key_check`` over it costs a tenth of checking 100,000 rows one by one as they
        are written (docs/benchmarks.md, "Session 5"). Into a file in use, that would read
        every stored row too: the rows added since the import began are checked instead, by
        rowid, one query per reference (about half of what per-row checks cost: "Session 7").
        The import holds the write lock from its start, so every such row is its own. A row
        naming nothing is a bug: the import is rolled back."""
        if not self._added:
            bad = self.conn.execute("PRAGMA foreign_key_check").fetchone()
            if bad is not None:
                table, rowid, parent, _ = bad
                raise _missing(table, rowid, parent)
            return
        for table, (before, references) in self._added.items():
            for parent, column, key in references:
                bad = self.conn.execute(
                    f'SELECT c.rowid FROM "{table}" c WHERE c.rowid > ? AND c."{column}" IS NOT '
                    f'NULL AND NOT EXISTS (SELECT 1 FROM "{parent}" p WHERE p."{key}" = '
                    f'c."{column}") LIMIT 1',
                    (before,),
                ).fetchone()
                if bad is not None:
                    raise _missing(table, bad[0], parent)

    def _last_rowids(self) -> dict[str, tuple[int, list[tuple[str, str, str]]]]:
        """Each table that names rows of another: its last rowid (rows after it are new) and
        its references."""
        tables = [
            name
            for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite%'"
            ).fetchall()
        ]
        out = {}
        for table in tables:
            references = _references(self.conn, table)
            if references:
                last = self.conn.scalar(f'SELECT coalesce(max(rowid), 0) FROM "{table}"')
                out[table] = (last, references)
        return out

    def _check_still_new(self) -> None:
        """Another import may have stored one of these texts or ids since they were checked."""
        row = self.conn.execute(
            "SELECT s.external_id FROM stage_document s JOIN document d "
            "ON d.text_sha256 = s.text_sha256 OR d.external_id = s.external_id"
        ).fetchone()
        if row is not None:
            raise MizanError(
                f"{self.db.display_name}: another import stored document {row[0]} while this "
                "one ran; nothing was imported, run the import again (it skips what is stored)"
            )

    def _create_names(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS stage_names")
        self.conn.execute(
            "CREATE TEMP TABLE stage_names (placeholder INTEGER PRIMARY KEY, id INTEGER)"
        )
        if not self._placeholders:
            return
        names = Names(self.conn)
        real: dict[int, int] = {}
        for key, placeholder in self._placeholders.items():
            if key[0] == "name":
                _, table, name = key
                real[placeholder] = found = names.id_of(table, name)
                self._names.setdefault(table, {})[placeholder] = found
        for placeholder, entity in self._entities:
            real[placeholder] = found = merge_entity(self.conn, entity)
            self._names.setdefault("entity", {})[placeholder] = found
        self.conn.executemany(
            "INSERT INTO stage_names (placeholder, id) VALUES (?, ?)", list(real.items())
        )

    def _reserve_ids(self) -> None:
        """Room for the staged rows after every id ever given out (ids are never reused)."""
        for kind, count in self.counts.items():
            if self.sqlite:
                self.bases[kind] = self.conn.scalar(
                    f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = "
                    f"'{kind}'), 0), coalesce((SELECT max(id) FROM {kind}), 0))"
                )
            elif count:
                seq = f"pg_get_serial_sequence('{kind}', 'id')"
                first = self.conn.scalar(f"SELECT nextval({seq})")
                self.conn.execute(f"SELECT setval({seq}, {first + count - 1})")
                self.bases[kind] = first - 1
            else:
                self.bases[kind] = 0

    def _expr(self, table: str, column: str) -> str:
        quoted = f's."{column}"'
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
        quoted = ", ".join(f'"{c}"' for c in (*columns, *stamped))
        stamp = _literal(self.now)
        stamp = stamp if self.sqlite else f"TIMESTAMP {stamp}"
        exprs = ", ".join([*(self._expr(table, c) for c in columns), *(stamp for _ in stamped)])
        where = ""
        if table == "document_status":  # someone may have set one meanwhile: theirs stays
            where = (
                " WHERE NOT EXISTS (SELECT 1 FROM document_status d WHERE d.document_id = "
                f"{self._expr(table, 'document_id')} AND d.annotator_id = "
                f"{self._expr(table, 'annotator_id')})"
            )
        self.conn.execute(
            f"INSERT INTO {table} ({quoted}) SELECT {exprs} FROM stage_{table} s{where}"
        )

    def _copy_search_pending(self) -> None:
        """Every new document waits for the search index (desktop/storage/search.py)."""
        if self.counts["document"]:
            base = self.bases["document"]
            self.conn.execute(
                "INSERT INTO search_pending (document_id) "
                + (
                    f"SELECT id FROM document WHERE id > {base}"
                    if self.direct
                    else f"SELECT {base} - id FROM stage_document"
                )
            )

    # ----------------------------------------------------------------- the end

    def close(self) -> None:
        """Close the connection for good: the staged rows (published or not) go with its TEMP
        tables. Dropping them first would free every page a large import staged, about 0.1 s
        for 10,000 articles (docs/benchmarks.md, "Importing")."""
        self.conn.close(tuple(f"stage_{t}" for t in (*TABLES, "names")))


def _references(conn: Connection, table: str) -> list[tuple[str, str, str]]:
    """(parent table, column, the parent's key column) of each reference ``table`` makes (every
    one of a single column in this schema)."""
    out = []
    for row in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
        if row[1]:  # pragma: no cover - a programming error, caught by the tests
            raise AssertionError(f"{table}: a reference of several columns")
        parent, column, key = row[2], row[3], row[4]
        if key is None:  # the parent's primary key
            key = next(
                r[1] for r in conn.execute(f'PRAGMA table_info("{parent}")').fetchall() if r[5]
            )
        out.append((parent, column, key))
    return out


def _missing(table: str, rowid: int, parent: str) -> sqlite3.IntegrityError:
    return sqlite3.IntegrityError(
        f"FOREIGN KEY constraint failed: row {rowid} of {table} names a missing {parent}"
    )


def _sqlite_time(value: datetime) -> str:
    """A time as SQLAlchemy's SQLite dialect stores it: 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    return value.isoformat(sep=" ", timespec="microseconds")


def _literal(value: int | str | datetime | None) -> str:
    """A fixed staged value as SQL: NULL, an integer, a plain word (an enum's value) or the
    import's time (as SQLAlchemy stores it on SQLite, the one engine writing directly)."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, datetime):
        return f"'{_sqlite_time(value)}'"
    if not value.isidentifier() or not value.isascii():  # pragma: no cover - a programming error
        raise AssertionError(f"not a plain word: {value!r}")
    return f"'{value}'"


def existing_status_pairs(conn: Connection, doc_ids: list[int]) -> set[tuple[int, int]]:
    """(document, annotator) pairs that have a status already, among stored documents."""
    rows = conn.rows_in(
        "SELECT document_id, annotator_id FROM document_status WHERE document_id IN", doc_ids
    )
    return {(d, a) for d, a in rows}

"""Opening a database: engine set-up, migrations on open, and the two kinds of session.

SQLite is tuned for not losing work (docs/architecture.md, "Units of work and durability"):
WAL, `synchronous=FULL`, foreign keys, a busy timeout, and write transactions that begin
IMMEDIATE so two processes never meet with "database is locked" half-way through a transaction.
On PostgreSQL every write transaction first takes one advisory lock, so writers queue the same
way and no get-or-create or "next id" can race.

A file is looked at read-only before anything is written to it: a foreign SQLite file, a
database from a newer Mizan, a file that is not a database or a mistyped path is refused by name
and left byte-identical; a read-only file opens for reading without `-wal`/`-shm` files.

SQLAlchemy is imported when a session or an engine is first needed. An SQLite file already at
the newest revision is recognised by a plain query, and the read commands read it through
`rows()` on the standard `sqlite3` module (`desktop/storage/rows.py`): importing SQLAlchemy and
the models would cost more than the whole read (docs/benchmarks.md, "Session 3: read commands").
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from desktop.core.errors import MizanError
from desktop.storage.rows import Rows

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session

BUSY_TIMEOUT_MS = 15_000
#: A writer first tries for this long before it says it is waiting for another Mizan.
FIRST_TRY_MS = 200
#: How long a writer waits for another one before giving up with `DatabaseBusy`.
WAIT_SECONDS = 60.0
MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration. Opening a database at this revision skips Alembic entirely (about a
#: quarter of a second of start-up); a test keeps it equal to Alembic's own head.
HEAD_REVISION = "0008"
#: PostgreSQL advisory lock keys: one for migrations, one every write transaction takes.
MIGRATION_LOCK = 0x4D5A_0001
WRITE_LOCK = 0x4D5A_0002
SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLSTATEs of a transaction PostgreSQL gave up on; running it again is safe.
RETRYABLE = {"40001", "40P01"}  # serialization_failure, deadlock_detected

WaitNotice = Callable[[str], None]


class DatabaseBusy(MizanError):
    """Another process kept the database busy for longer than a writer waits."""


def to_url(path_or_url: str | os.PathLike) -> str:
    """A file path becomes an SQLite URL; anything with `://` is taken as a URL. ``:memory:``
    is SQLite's in-memory database (``sqlite://``), as in SQLite itself, not a file of that
    name."""
    value = os.fspath(path_or_url)
    if value == ":memory:":
        return "sqlite://"
    if "://" in value:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(value)
        except ArgumentError as exc:
            raise MizanError(f"{redact(value)}: not a database URL ({exc})") from None
        return value
    path = Path(value).expanduser().absolute()
    return f"sqlite:///{path}"


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<database URL>"


def _is_busy(exc: BaseException) -> bool:
    message = str(exc).lower()
    return "database is locked" in message or "database is busy" in message


def _sqlite_path(url: str) -> str | None:
    """The file of an SQLite URL without options (what `make_url(url).database` gives), without
    importing SQLAlchemy; ``None`` when the URL needs SQLAlchemy to read it."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    return url[len(prefix) :]


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


# --------------------------------------------------------------------------- looking first


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that reads `path` without creating or changing any file: `immutable`
    unless a `-wal` file holds data only a real (read-only) connection sees."""
    wal = Path(f"{path}-wal")
    shm = Path(f"{path}-shm")
    if wal.exists() and shm.exists():
        return f"file:{quote(str(path))}?mode=ro"
    return f"file:{quote(str(path))}?mode=ro&immutable=1"


def _rw_uri(path: Path) -> str:
    """An SQLite URI that opens `path` to read and write but never creates it."""
    return f"file:{quote(str(path))}?mode=rw"


def file_is_read_only(path: Path) -> bool:
    """No write permission bits (the user marked it read-only, which root would ignore), no
    write access, or a folder where the `-wal`/`-shm` files cannot be created."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not mode & 0o222 or not os.access(path, os.W_OK):
        return True
    wal_missing = not Path(f"{path}-wal").exists()
    return wal_missing and not os.access(path.parent, os.W_OK)


def inspect_sqlite_file(path: Path, *, create: bool) -> tuple[bool, str | None]:
    """(exists, schema revision) of an SQLite file, read without writing anything; a missing
    file (unless `create`), a file that is not SQLite, a foreign SQLite database or one from a
    newer Mizan is refused here, by name, before the engine opens it."""
    if not path.exists():
        if not create:
            raise MizanError(f"{path}: no such database (check --db or $MIZAN_DB)")
        return False, None
    if path.is_dir():
        raise MizanError(f"{path}: is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise MizanError(f"{path}: cannot read the database ({exc.strerror or exc})") from None
    if not header:
        return True, None  # an empty file is an empty database
    if header != SQLITE_HEADER:
        raise MizanError(f"{path}: not a Mizan database (not an SQLite file)")
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise MizanError(f"{path}: cannot open the database: {exc}") from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            return True, None  # corrupt pages: opened as it is, so `mizan check` can report
        raise MizanError(f"{path}: not a Mizan database ({exc})") from None
    finally:
        con.close()
    _refuse_foreign(str(path), tables, revision)
    return True, revision


def _refuse_foreign(name: str, tables: set[str], revision: str | None) -> None:
    if tables - {"alembic_version"} and "alembic_version" not in tables:
        raise MizanError(
            f"{name}: not a Mizan database (has tables {', '.join(sorted(tables)[:5])} but no "
            "Mizan schema version); it was left unchanged"
        )
    if revision is not None and revision != HEAD_REVISION and not _known_revision(revision):
        raise MizanError(
            f"{name}: made by a newer Mizan (schema revision {revision}; this version knows up "
            f"to {HEAD_REVISION}); update Mizan to open it. It was left unchanged"
        )


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory(str(MIGRATIONS)).get_revision(revision) is not None
    except (CommandError, KeyError, ValueError):
        return False


def _is_new_file(path: Path) -> bool:
    """No file yet, or an empty one: a new database, made without SQLAlchemy."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


# --------------------------------------------------------------------------- the database


class Database:
    """One open database. Create it once per process and share it.

    ``create=False`` refuses a missing SQLite file (read commands, a mistyped ``--db``);
    ``on_wait`` is called with a message when a writer has to wait for another process.
    """

    def __init__(
        self,
        path_or_url: str | os.PathLike,
        *,
        upgrade: bool = True,
        create: bool = True,
        read_only: bool = False,
        on_wait: WaitNotice | None = None,
        wait_seconds: float | None = None,
    ):
        self.url = to_url(path_or_url)
        self.is_sqlite = self.url.startswith("sqlite")
        self.on_wait = on_wait
        self.wait_seconds = WAIT_SECONDS if wait_seconds is None else wait_seconds
        self.read_only = read_only
        self._file = _sqlite_path(self.url) if self.is_sqlite else None
        self._create = create
        #: An SQLite file at the newest revision, read through `rows()` without SQLAlchemy.
        self.lean = False
        #: This object made the SQLite file (it did not exist, or was empty): nobody else had
        #: it open, and an import into it may write its tables directly (storage/staging.py).
        self.created_here = False
        if self._file and self._file != ":memory:":
            exists, revision = inspect_sqlite_file(Path(self._file), create=create)
            if exists and file_is_read_only(Path(self._file)):
                self.read_only = True
            if upgrade and not self.read_only and _is_new_file(Path(self._file)):
                revision = self._create_sqlite_file()
            self.lean = upgrade and revision == HEAD_REVISION
            if self.lean:
                return  # the engine is made when a session first needs it
        self._open_engine(upgrade)

    def _open_engine(self, upgrade: bool) -> None:
        from sqlalchemy.exc import DBAPIError, NoSuchModuleError

        try:
            self.engine  # noqa: B018 - made here, so its errors are reported as opening errors
            if upgrade:
                self.upgrade()
        except NoSuchModuleError as exc:
            raise MizanError(f"{redact(self.url)}: unsupported database URL ({exc})") from None
        except DBAPIError as exc:
            raise self._error(exc) from None

    @cached_property
    def engine(self) -> Engine:
        from sqlalchemy import create_engine

        if self.is_sqlite:
            return self._sqlite_engine()
        engine = create_engine(self.url, pool_pre_ping=True)
        self._postgres_events(engine)
        return engine

    def prepare_writes(self) -> None:
        """Make ready what the first write needs, so it does not wait for it: the engine, the
        ORM's mappers configured (~20 ms the first edit otherwise spends), and one connection
        opened into the engine's pool (the window asks just after its first paint:
        `Workspace.prepare_writes`)."""
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import configure_mappers

        from desktop.storage import orm  # noqa: F401 - the models the mappers are made for

        configure_mappers()
        # busy, gone or damaged: not now; the write itself will say so, by name
        with suppress(DBAPIError):
            self.engine.connect().close()  # back into the pool, open

    @cached_property
    def _read(self):
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    @cached_property
    def _write(self):
        from sqlalchemy.orm import sessionmaker

        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        return sessionmaker(writer, expire_on_commit=False)

    @property
    def display_name(self) -> str:
        if self.is_sqlite:
            if self._file is not None:
                return self._file or ":memory:"
            from sqlalchemy.engine import make_url

            return make_url(self.url).database or ":memory:"
        return redact(self.url)

    # ----------------------------------------------------------------- engines

    def _sqlite_engine(self) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.engine import make_url

        db_path = make_url(self.url).database
        memory = not db_path or db_path == ":memory:"
        url = self.url
        if not memory:
            path = Path(db_path)
            if self._file is None:  # an SQLite URL with options: looked at here
                exists, _revision = inspect_sqlite_file(path, create=self._create)
                if exists and file_is_read_only(path):
                    self.read_only = True
            if self.read_only:
                url = f"sqlite:///{_read_only_uri(path)}&uri=true"
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        read_only = self.read_only

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
            # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite driver would defer it).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not read_only:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            if mode != "IMMEDIATE":
                conn.exec_driver_sql(f"BEGIN {mode}")
                return
            self._begin_immediate(conn.connection.dbapi_connection)

        return engine

    def sqlite_writer(self) -> sqlite3.Connection | None:
        """A write connection to the SQLite file on the standard `sqlite3` module, set up as
        the engine's connections are (busy timeout, WAL, `synchronous=FULL`, foreign keys; no
        implicit transactions: the caller begins them, a write with `begin_immediate`). None
        when there is no such file to write (PostgreSQL, an in-memory or read-only database, a
        URL with options): the caller goes through the engine. The import writes through it
        without importing SQLAlchemy (desktop/storage/staging.py)."""
        if not self._file or self._file == ":memory:" or self.read_only:
            return None
        return self._sqlite_connect(
            "journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", reader=False
        )

    def alone(self) -> bool:
        """Whether no other connection, of this process or another, has the SQLite file open
        at this moment. In WAL mode every open connection holds a shared lock on the file's
        WAL index, and a connection in exclusive locking mode can read the file only when
        there is none (how SQLite itself tells the last connection at close). False for
        anything but a writable SQLite file, and whenever the answer is not a plain yes; a
        connection opened right after the answer is not seen (an import then makes it wait:
        desktop/storage/staging.py)."""
        if not self._file or self._file == ":memory:" or self.read_only:
            return False
        try:
            con = sqlite3.connect(
                _rw_uri(Path(self._file)), uri=True, timeout=0, isolation_level=None
            )
        except sqlite3.Error:
            return False
        try:
            con.execute("PRAGMA locking_mode = EXCLUSIVE")
            con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return True
        except sqlite3.Error:
            return False
        finally:
            con.close()

    def _sqlite_connect(self, *pragmas: str, reader: bool) -> sqlite3.Connection:
        """A connection to the SQLite file on the standard `sqlite3` module, without implicit
        transactions (the caller begins them), with the busy timeout and then ``pragmas``. A
        reader opens the file through a URI, read-only when the file is; no path creates a
        file."""
        if reader:
            path = Path(self._file)
            target, uri = (_read_only_uri(path) if self.read_only else _rw_uri(path)), True
        else:
            target, uri = self._file, False
        try:
            con = sqlite3.connect(
                target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise self._driver_error(exc) from None
        try:
            for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", *pragmas):
                con.execute(f"PRAGMA {pragma}")
        except sqlite3.Error as exc:
            con.close()
            raise self._driver_error(exc) from None
        return con

    @contextmanager
    def sqlite_transaction(self, con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """One write transaction on a `sqlite_writer` connection: BEGIN IMMEDIATE (as
        `begin_immediate`), COMMIT when the block ends, the driver's errors as Mizan's, and the
        connection closed in any case (what was not committed is rolled back)."""
        try:
            self.begin_immediate(con)
            yield con
            con.execute("COMMIT")
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise self._driver_error(exc) from None
        finally:
            con.close()

    def begin_immediate(self, con: sqlite3.Connection) -> None:
        """BEGIN IMMEDIATE on a `sqlite_writer` connection, as `writing()` begins: a wait for
        another Mizan is announced through `on_wait`, then fails with `DatabaseBusy`."""
        self._begin_immediate(con)

    def _begin_immediate(self, raw) -> None:
        """BEGIN IMMEDIATE: at once, or after saying that another Mizan is writing, waiting
        up to `wait_seconds`, and then failing with `DatabaseBusy`."""
        try:
            raw.execute(f"PRAGMA busy_timeout = {FIRST_TRY_MS}")
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
            self._notify_wait()
            raw.execute(f"PRAGMA busy_timeout = {int(self.wait_seconds * 1000)}")
            try:
                raw.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if _is_busy(exc):
                    raise self._busy() from None
                raise
        finally:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _postgres_events(self, engine: Engine) -> None:
        from sqlalchemy import event
        from sqlalchemy.exc import DBAPIError

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            if conn.get_execution_options().get("sqlite_begin") != "IMMEDIATE":
                return
            # The writer's queue: the same order SQLite's BEGIN IMMEDIATE gives.
            got = conn.exec_driver_sql(f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK})").scalar()
            if got:
                return
            self._notify_wait()
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(self.wait_seconds * 1000)}ms'")
            try:
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            except DBAPIError as exc:
                if _sqlstate(exc) == "55P03":  # lock_not_available
                    raise self._busy() from None
                raise
            conn.exec_driver_sql("SET LOCAL lock_timeout = 0")

    def _notify_wait(self) -> None:
        if self.on_wait is not None:
            self.on_wait(f"waiting for another Mizan to finish writing to {self.display_name}…")

    def _busy(self) -> DatabaseBusy:
        return DatabaseBusy(
            f"{self.display_name}: another Mizan kept the database busy for "
            f"{self.wait_seconds:g} s; nothing was saved, try again"
        )

    def _error(self, exc: DBAPIError) -> MizanError:
        """A driver error a user can cause, as one line naming the database."""
        return self._driver_error(exc.orig, _sqlstate(exc))

    def _driver_error(self, orig: BaseException, sqlstate: str | None = None) -> MizanError:
        """`_error` for the driver's own exception (what `rows()` sees on SQLite)."""
        reason = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
        reason = reason or type(orig).__name__
        if _is_busy(orig):
            return self._busy()
        if sqlstate in RETRYABLE:
            return MizanError(
                f"{self.display_name}: the write conflicted with another writer ({reason}); "
                "nothing was saved, try again"
            )
        if "not a database" in reason:
            reason = f"not a Mizan database ({reason})"
        elif "malformed" in reason:
            reason = f"the database is damaged ({reason}); run `mizan check`"
        elif "readonly" in reason or "read-only" in reason:
            reason = "the database is read-only"
        return MizanError(f"{self.display_name}: cannot open the database: {reason}")

    # ----------------------------------------------------------------- schema

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is current).

        The migration runs inside the write lock (BEGIN IMMEDIATE on SQLite, an advisory lock on
        PostgreSQL) and looks at the schema again once it holds it, so several processes
        opening a brand-new database at once all succeed and migrate it once."""
        from sqlalchemy import inspect, text

        if self.schema_revision() == HEAD_REVISION:
            return
        if self.read_only:
            raise MizanError(
                f"{self.display_name}: the database is read-only and needs an upgrade to this "
                "version of Mizan; make it writable once to upgrade it"
            )
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        with writer.begin() as conn:
            if not self.is_sqlite:
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision == HEAD_REVISION:
                return  # another process migrated it while this one waited
            _refuse_foreign(self.display_name, tables, revision)
            if not tables:  # a new database: the schema in one step (desktop/storage/schema.py)
                from desktop.storage.schema import create_fresh

                create_fresh(conn, HEAD_REVISION)
                return
            from alembic import command

            config = alembic_config(conn)
            command.upgrade(config, "head")

    def _create_sqlite_file(self) -> str | None:
        """A new SQLite file made without SQLAlchemy (`desktop/storage/schema.py`) in one write
        transaction: the revision it has then. One another process filled meanwhile is looked
        at again; when it is not current, `upgrade()` handles it as before."""
        from desktop.storage.schema import create_if_empty

        path = Path(self._file)
        path.parent.mkdir(parents=True, exist_ok=True)
        con = self.sqlite_writer()
        try:
            self.begin_immediate(con)
            if create_if_empty(con, HEAD_REVISION):
                self.created_here = True
                return HEAD_REVISION
        except sqlite3.Error as exc:
            raise self._driver_error(exc) from None
        finally:
            con.close()  # rolls back what was not committed
        return inspect_sqlite_file(path, create=True)[1]

    def schema_revision(self) -> str | None:
        from sqlalchemy import inspect, text

        with self.engine.connect() as conn:
            if "alembic_version" not in inspect(conn).get_table_names():
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    # ----------------------------------------------------------------- units of work

    @contextmanager
    def rows(self) -> Iterator[Rows]:
        """A read-only unit of work giving plain rows of SQL text (`desktop/storage/rows.py`).

        An SQLite file at the newest revision is read with the standard `sqlite3` module: its
        own connection (the same busy timeout and foreign keys, `query_only`, opened read-only
        when the file is), one deferred transaction, rolled back at the end. Anything else
        reads through a SQLAlchemy session (`reading()`)."""
        if not self.lean:
            with self.reading() as session:
                yield Rows.of(session)
            return
        con = self._sqlite_connect("foreign_keys = ON", "query_only = ON", reader=True)
        try:
            con.execute("BEGIN DEFERRED")
            yield Rows(con)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise self._driver_error(exc) from None
        finally:
            con.close()  # ends the transaction: nothing was written

    def watch_connection(self) -> sqlite3.Connection | None:
        """A `sqlite3` connection of its own that only reads, kept open by whoever watches the
        file for other writers (`desktop/storage/watch.py`: its ``PRAGMA data_version`` moves
        when any other connection commits); None when the database is not an SQLite file."""
        if not self._file or self._file == ":memory:":
            return None
        return self._sqlite_connect("query_only = ON", reader=True)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (a deferred transaction, rolled back at the end)."""
        from sqlalchemy.exc import DBAPIError, IntegrityError

        session = self._read()
        try:
            yield session
        except DBAPIError as exc:
            if isinstance(exc, IntegrityError):
                raise
            raise self._error(exc) from None
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write unit of work: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error.

        A busy database waits (and says so through `on_wait`), then fails with `DatabaseBusy`;
        other driver errors a user can cause become one-line `MizanError`s naming the
        database. Integrity errors stay as they are: they are the caller's bug to report."""
        if self.read_only:
            raise MizanError(f"{self.display_name}: the database is read-only; nothing was saved")
        from sqlalchemy.exc import DBAPIError, IntegrityError

        session = self._write()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            if isinstance(exc, IntegrityError):
                raise
            raise self._error(exc) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def write(self, work: Callable[[Session], object], *, attempts: int = 3):
        """Run `work(session)` in one write unit of work; a transaction PostgreSQL aborted as a
        serialization failure or deadlock is run again (up to `attempts` times)."""
        from sqlalchemy.exc import DBAPIError, IntegrityError

        for attempt in range(1, attempts + 1):
            try:
                with self._write() as session, session.begin():
                    return work(session)
            except DBAPIError as exc:
                if _sqlstate(exc) in RETRYABLE and attempt < attempts:
                    time.sleep(0.05 * attempt)
                    continue
                if isinstance(exc, IntegrityError):
                    raise
                raise self._error(exc) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def dispose(self) -> None:
        if "engine" in self.__dict__:  # never made: nothing to close
            self.engine.dispose()


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config

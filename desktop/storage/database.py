"""Opening a database: engine set-up, migrations on open, and the two kinds of session.

SQLite is tuned for not losing work (docs/architecture.md, "Units of work and durability"):
WAL, `synchronous=FULL`, foreign keys, a busy timeout, and write transactions that begin
IMMEDIATE so two processes never meet with "database is locked" half-way through a transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import MizanError

BUSY_TIMEOUT_MS = 15_000
MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration. Opening a database at this revision skips Alembic entirely (about a
#: quarter of a second of start-up); a test keeps it equal to Alembic's own head.
HEAD_REVISION = "0003"


def to_url(path_or_url: str | os.PathLike) -> str:
    """A file path becomes an SQLite URL; anything with `://` is taken as a URL."""
    value = os.fspath(path_or_url)
    if "://" in value:
        try:
            make_url(value)
        except ArgumentError as exc:
            raise MizanError(f"{redact(value)}: not a database URL ({exc})") from None
        return value
    path = Path(value).expanduser().absolute()
    return f"sqlite:///{path}"


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<database URL>"


def _sqlite_engine(url: str) -> Engine:
    db_path = make_url(url).database
    if db_path and db_path != ":memory:":
        parent = Path(db_path).parent
        parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite driver would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Database:
    """One open database. Create it once per process and share it."""

    def __init__(self, path_or_url: str | os.PathLike, *, upgrade: bool = True):
        self.url = to_url(path_or_url)
        self.is_sqlite = self.url.startswith("sqlite")
        try:
            if self.is_sqlite:
                self.engine = _sqlite_engine(self.url)
            else:
                self.engine = create_engine(self.url, pool_pre_ping=True)
            if upgrade:
                self.upgrade()
        except NoSuchModuleError as exc:
            raise MizanError(f"{redact(self.url)}: unsupported database URL ({exc})") from None
        except DBAPIError as exc:
            reason = str(exc.orig).strip() or type(exc.orig).__name__
            if "not a database" in reason:
                reason = f"not a Mizan database ({reason})"
            raise MizanError(f"{self.display_name}: cannot open the database: {reason}") from None
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(writer, expire_on_commit=False)

    @property
    def display_name(self) -> str:
        if self.is_sqlite:
            return make_url(self.url).database or ":memory:"
        return redact(self.url)

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is current)."""
        if self.schema_revision() == HEAD_REVISION:
            return
        from alembic import command

        with self.engine.begin() as conn:
            tables = set(inspect(conn).get_table_names())
            foreign = bool(tables - {"alembic_version"}) and "alembic_version" not in tables
            if foreign:
                raise MizanError(
                    f"{self.display_name}: not a Mizan database (has tables "
                    f"{', '.join(sorted(tables)[:5])} but no Mizan schema version)"
                )
            config = alembic_config(conn)
            command.upgrade(config, "head")

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if "alembic_version" not in inspect(conn).get_table_names():
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (a deferred transaction, rolled back at the end)."""
        session = self._read()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write unit of work: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
        session = self._write()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config

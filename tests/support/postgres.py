"""A throw-away PostgreSQL cluster for the tests, on 127.0.0.1 and a free port.

``postgres_server`` (session) runs ``initdb`` in a temporary folder and starts ``postgres`` with
password authentication over TCP; at the end it stops the server and deletes the folder.
``postgres_url`` (per test) creates a fresh database on it and yields its
``postgresql+psycopg://`` URL. As root the server programs run as the ``postgres`` user.

Without the server programs (or psycopg) the tests are skipped with the reason, except when
``MIZAN_REQUIRE_POSTGRES=1`` (CI): then they fail.
"""

from __future__ import annotations

import glob
import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PROGRAMS = ("initdb", "pg_ctl", "postgres")


@dataclass
class PostgresServer:
    host: str
    port: int
    user: str
    password: str
    data_dir: Path
    started_in: float  # seconds
    _counter = itertools.count(1)

    def url(self, database: str = "postgres", *, password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{self.user}:{secret}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = name or f"mizan_test_{os.getpid()}_{next(self._counter)}"
        dsn = f"host={self.host} port={self.port} user={self.user} password={self.password}"
        with psycopg.connect(dsn + " dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _unavailable(reason: str):
    if os.environ.get("MIZAN_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (MIZAN_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"no PostgreSQL server for the tests: {reason}")


def _find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: PATH, else Debian's versioned folders."""
    found = [shutil.which(p) for p in PROGRAMS]
    if all(found):
        return Path(found[0]).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if all((Path(folder) / p).exists() for p in PROGRAMS):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], as_user: str | None, **kw) -> subprocess.CompletedProcess:
    if as_user:
        cmd = ["runuser", "-u", as_user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = _find_bin_dir()
    if bin_dir is None:
        _unavailable(f"{', '.join(PROGRAMS)} are not on PATH")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed")
    as_user = None
    if os.geteuid() == 0:  # initdb refuses to run as root
        as_user = "postgres"
        if shutil.which("runuser") is None:
            _unavailable("running as root and runuser is missing")
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="mizan-pg-"))
    data, log = root / "data", root / "server.log"
    password = secrets.token_urlsafe(16)
    (root / "pw").write_text(password + "\n")
    if as_user:
        shutil.chown(root, as_user)
        shutil.chown(root / "pw", as_user)
    port = _free_port()
    r = _run(
        [
            str(bin_dir / "initdb"),
            "-D", str(data), "-U", "postgres", "--pwfile", str(root / "pw"),
            "--auth-host=scram-sha-256", "--auth-local=trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        ],
        as_user,
    )  # fmt: skip
    if r.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"initdb failed: {r.stderr.strip()[-500:]}")
    options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
    r = _run(
        [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
        as_user,
    )
    if r.returncode != 0:
        text = log.read_text(errors="replace") if log.exists() else r.stderr
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the server did not start: {text.strip()[-500:]}")
    server = PostgresServer(
        "127.0.0.1", port, "postgres", password, data, time.perf_counter() - started
    )
    try:
        yield server
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], as_user)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the throw-away server, as a SQLAlchemy URL."""
    return postgres_server.create_database()

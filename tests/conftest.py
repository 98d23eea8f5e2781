"""Shared fixtures. Qt always runs offscreen; no test touches the user's real data folder."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest_plugins = ["tests.support.postgres"]  # postgres_server, postgres_url

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SPUTNIK = "002_b056ffaf7079958c"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Never read MIZAN_* from the developer's shell; user data goes to a temp folder."""
    for name in ("MIZAN_DB", "MIZAN_ANNOTATOR", "MIZAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "mizan.db"


@pytest.fixture
def project(db_path):
    from desktop.app.project import Project

    p = Project.open(str(db_path), "tester")
    yield p
    p.close()


@pytest.fixture
def seeded(project):
    project.import_paths([SEEDS])
    return project


def seed_text(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def dump(db_path: Path) -> list[str]:
    """Every row of every table, to prove a failed import changed nothing."""
    con = sqlite3.connect(db_path)
    try:
        return list(con.iterdump())
    finally:
        con.close()

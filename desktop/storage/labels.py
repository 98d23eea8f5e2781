"""Label sets: the mention labels (key, names in English and Arabic, colour, shortcut) a
project annotates with, installed once and then owned by the user."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from desktop.core import model as core
from desktop.storage import listing

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.storage.database import Database

#: read as SQL text, without SQLAlchemy, by the window's start (storage/listing.py)
load_label_set = listing.load_label_set


def install_label_set(db: Database, labels: core.LabelSet) -> None:
    """`ensure_label_set` in a write transaction of its own. An SQLite file gets it as SQL text
    on the `sqlite3` module, so a new file's first import or window needs no SQLAlchemy
    (docs/benchmarks.md, "Session 3: a new database without SQLAlchemy")."""
    con = db.sqlite_writer()
    if con is None:
        with db.writing() as session:
            ensure_label_set(session, labels)
        return
    with db.sqlite_transaction(con):
        _seed_label_set(con, labels)


def _seed_label_set(con: sqlite3.Connection, labels: core.LabelSet) -> None:
    """The rows `ensure_label_set` writes, under the write lock BEGIN IMMEDIATE took (so
    nobody can have installed the set between the look and the insert)."""
    if con.execute("SELECT 1 FROM label_set WHERE name = ?", (labels.name,)).fetchone():
        return
    set_id = con.execute("INSERT INTO label_set (name) VALUES (?)", (labels.name,)).lastrowid
    con.executemany(
        'INSERT INTO label (label_set_id, "key", name_en, name_ar, color, shortcut, description, '
        "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (set_id, lb.key, lb.name_en, lb.name_ar, lb.color, lb.shortcut, lb.description, i)
            for i, lb in enumerate(labels.labels)
        ],
    )


def ensure_label_set(session: Session, labels: core.LabelSet) -> int:
    """Install a label set once; later runs keep the user's edits. Two processes opening a
    new database at once install it once (the loser of the race finds the winner's)."""
    from sqlalchemy import insert, select

    from desktop.storage import orm
    from desktop.storage.registry import insert_if_absent

    found = session.execute(
        select(orm.LabelSet.id).where(orm.LabelSet.name == labels.name)
    ).scalar()
    if found is not None:
        return found
    set_id = insert_if_absent(session, orm.LabelSet, {"name": labels.name}, "name")
    if set_id is None:
        return session.execute(
            select(orm.LabelSet.id).where(orm.LabelSet.name == labels.name)
        ).scalar_one()
    session.execute(
        insert(orm.Label),
        [
            {
                "label_set_id": set_id,
                "key": lb.key,
                "name_en": lb.name_en,
                "name_ar": lb.name_ar,
                "color": lb.color,
                "shortcut": lb.shortcut,
                "description": lb.description,
                "position": i,
            }
            for i, lb in enumerate(labels.labels)
        ],
    )
    return set_id

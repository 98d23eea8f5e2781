"""Label sets: the mention labels (key, names in English and Arabic, colour, shortcut) a
project annotates with, installed once and then owned by the user."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.storage import listing, orm
from desktop.storage.registry import insert_if_absent

#: read as SQL text, without SQLAlchemy, by the window's start (storage/listing.py)
load_label_set = listing.load_label_set


def ensure_label_set(session: Session, labels: core.LabelSet) -> int:
    """Install a label set once; later runs keep the user's edits. Two processes opening a
    new database at once install it once (the loser of the race finds the winner's)."""
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

"""The entity registry: people, organisations and places with a stable key, a display name and
aliases (stored with their folded form, so lookups ignore diacritics and letter variants)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.storage import orm
from desktop.storage.corpus import registry_entities  # read without SQLAlchemy (exports)
from desktop.text import fold_key


def insert_if_absent(session: Session, table: type, values: dict, *unique: str) -> int | None:
    """INSERT ... ON CONFLICT (unique) DO NOTHING: the id of the new row, or None when the row
    was already there (perhaps inserted a moment ago by another writer). Get-or-create is this
    followed by a SELECT, so two writers never race into a unique-constraint error."""
    # imported when used: PostgreSQL's dialect module costs ~40 ms at every start on SQLite
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(values).on_conflict_do_nothing(index_elements=unique)
    return session.execute(stmt.returning(table.id)).scalar()


def find_entities(session: Session, query: str = "", limit: int = 50) -> list[core.RegistryEntity]:
    """Registry entities whose name or an alias contains the folded query."""
    q = select(orm.EntityAlias.entity_id).distinct()
    key = fold_key(query).strip()
    if key:
        q = q.where(orm.EntityAlias.folded.contains(key, autoescape=True))
    ids = session.execute(q.limit(limit)).scalars().all()
    found = registry_entities(session, ids)
    return sorted(found.values(), key=lambda e: (e.name, e.key))


def entity_id(session: Session, key: str) -> int | None:
    return session.execute(select(orm.Entity.id).where(orm.Entity.key == key)).scalar()


def entity_names(session: Session, entity_id: int) -> tuple[str, ...]:
    """The name and aliases of one entity: the bare forms a mention's proclitics are cut from."""
    entity = registry_entities(session, [entity_id])[entity_id]
    return (entity.name, *entity.aliases)


def fresh_entity_key(session: Session, name: str) -> str:
    base = re.sub(r"\W+", "_", name.strip().lower()).strip("_") or "entity"
    taken = set(
        session.execute(select(orm.Entity.key).where(orm.Entity.key.startswith(base))).scalars()
    )
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key

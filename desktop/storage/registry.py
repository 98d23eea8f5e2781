"""The entity registry: people, organisations and places with a stable key, a display name and
aliases (stored with their folded form, so lookups ignore diacritics and letter variants)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.core.errors import RecordError
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


def merge_registry_entity(session: Session, entity: core.RegistryEntity) -> int:
    """Insert a registry entity, or add new aliases to the one with the same key (also when
    another writer inserted that key a moment ago)."""
    row = session.execute(select(orm.Entity).where(orm.Entity.key == entity.key)).scalar()
    if row is None:
        values = {
            "key": entity.key,
            "name": entity.name,
            "type": entity.type,
            "external_id": entity.external_id,
            "notes": entity.notes,
        }
        insert_if_absent(session, orm.Entity, values, "key")
        row = session.execute(select(orm.Entity).where(orm.Entity.key == entity.key)).scalar_one()
    known = set(
        session.execute(
            select(orm.EntityAlias.alias).where(orm.EntityAlias.entity_id == row.id)
        ).scalars()
    )
    if row.type is None and entity.type:
        row.type = entity.type
    if row.external_id is None and entity.external_id:
        row.external_id = entity.external_id
    for alias in dict.fromkeys((entity.name, *entity.aliases)):
        if alias and alias not in known:
            session.add(orm.EntityAlias(entity_id=row.id, alias=alias, folded=fold_key(alias)))
            known.add(alias)
    session.flush()
    return row.id


def entity_ids_for(session: Session, keys: Iterable[str]) -> dict[str, int]:
    keys = set(keys)
    if not keys:
        return {}
    return dict(
        session.execute(select(orm.Entity.key, orm.Entity.id).where(orm.Entity.key.in_(keys))).all()
    )


def require_entities(session: Session, keys: Iterable[str], known: dict[str, int]) -> None:
    missing = set(keys) - known.keys()
    if missing:
        known.update(entity_ids_for(session, missing))
        still = sorted(set(keys) - known.keys())
        if still:
            raise RecordError(f"entity {still[0]!r} is not in the registry")

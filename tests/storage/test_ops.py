"""Typed operation builders: handles join the rows of one action, and what is recorded can be
undone and read back after the database is reopened."""

from __future__ import annotations

from desktop.core.changes import ChangeKind, Origin
from desktop.storage import history, registry
from desktop.storage.database import Database
from desktop.storage.ops import Ops


def test_aliases_reach_the_entity_created_before_them_through_its_handle(db_path):
    db = Database(db_path)
    ops = Ops()
    entity = ops.add_entity("putin", "فلاديمير بوتين", "PERS")
    for alias in ("فلاديمير بوتين", "بوتين"):
        ops.add_alias(entity, alias)
    with db.writing() as session:
        change = history.record(
            session, ops, action="create_entity", description="new entity", annotator_id=None
        )
    assert change.kinds == {ChangeKind.ENTITY} and len(change.entities.added) == 1
    db.dispose()

    reopened = Database(db_path)
    with reopened.reading() as session:
        (found,) = registry.find_entities(session, "بُوتين")  # folded alias, diacritics ignored
        assert (found.key, found.aliases, found.id) == ("putin", ("بوتين",), *change.entities.added)
        entry = history.next_undo(session, None)
    with reopened.writing() as session:
        undone = history.replay(session, entry, undo=True)
    assert undone.origin is Origin.UNDO and undone.entities.removed == change.entities.added
    with reopened.reading() as session:
        assert registry.find_entities(session, "بوتين") == []
    reopened.dispose()


def test_an_update_that_keeps_every_column_adds_no_operation():
    ops = Ops()
    ops.update_mention(7)
    ops.update_claim(3)
    assert not ops and len(ops) == 0
    ops.update_mention(7, label="ORG")
    assert len(ops) == 1

"""The app speaks to storage through typed builders and context reads, and every use case
says precisely what it changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.changes import ChangeKind, Origin
from desktop.core.model import Relation
from desktop.formats.jsonl import write_jsonl
from tests.compare import seed_corpus
from tests.conftest import ROOT, SPUTNIK, seed_text

APP = ROOT / "desktop" / "app"
# storage's operation format ("op"/"table" dicts, "$ref" indices) and its ORM stay in storage
FORBIDDEN = re.compile(r'"table"|"op"\s*:|"\$ref"|\borm\b')


def test_the_app_never_writes_storage_operations_or_names_orm_classes():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(APP.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FORBIDDEN.search(line)
    ]
    assert found == []


def test_the_boundary_check_sees_a_hand_built_operation(tmp_path: Path):
    line = 'ops = [{"op": "insert", "table": "mention", "row": {"entity_id": {"$ref": 0}}}]'
    assert FORBIDDEN.search(line) and FORBIDDEN.search("from desktop.storage import orm")
    assert not FORBIDDEN.search("from desktop.formats import conll  # information, normal")


@pytest.fixture
def ws(seeded):
    return Workspace(seeded)


def _doc(ws, external_id=SPUTNIK) -> int:
    return next(d.id for d in ws.documents() if d.external_id == external_id)


def test_undo_and_redo_report_the_rows_they_replayed(ws, db_path):
    did = _doc(ws)
    text = seed_text(SPUTNIK)
    start = text.index("بوتين")
    made = ws.create_mention(did, start, start + 5, "PERS")
    (mid,) = made.mentions.added
    assert made.origin is Origin.ACTION and made.kinds == {ChangeKind.MENTION, ChangeKind.STATUS}

    undone = ws.undo()
    assert undone.origin is Origin.UNDO and undone.is_undo_or_redo
    assert undone.mentions.removed == {mid} and not undone.mentions.added
    assert undone.document_ids == {did} and ChangeKind.MENTION in undone.kinds

    redone = ws.redo()
    assert redone.origin is Origin.REDO and redone.mentions.added == {mid}
    ws.project.close()
    again = Workspace(Project.open(str(db_path), "tester"))
    assert [m.id for m in again.document(did).mentions] == [mid]


def test_a_new_entity_linked_at_once_reaches_the_mention_through_its_handle(ws):
    did = _doc(ws)
    text = seed_text(SPUTNIK)
    start = text.index("بوتين")
    (mid,) = ws.create_mention(did, start, start + 5, "PERS").mention_ids
    key, change = ws.create_entity("فلاديمير بوتين", "PERS", ["بوتين"], link_mention=mid)
    (entity,) = change.entities.added
    assert change.mentions.updated == {mid} and change.document_ids == {did}
    assert [e.id for e in ws.entities("بوتين")] == [entity]
    assert ws.document(did).mentions[0].entity == key


@pytest.fixture
def annotated(project, tmp_path):
    path = tmp_path / "annotated-seeds.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(seed_corpus(), out)
    project.import_paths([path])
    return Workspace(project)


def _claim(ws, doc_ext, claim_ext) -> int:
    doc = ws.document(next(d.id for d in ws.documents() if d.external_id == doc_ext))
    return next(c.id for c in doc.claims if c.ext_id == claim_ext)


def test_split_moves_members_with_their_relations_into_the_new_cluster(annotated):
    ws = annotated
    c1 = _claim(ws, "000_90a49cccec282318", "c1")
    c2 = _claim(ws, "002_b056ffaf7079958c", "c1")
    c3 = _claim(ws, "002_b056ffaf7079958c", "c6")
    ws.create_cluster([c1, c2, c3], "trade")
    (old,) = ws.clusters()
    ws.set_relation(c2, Relation.CONTRADICTS)
    ws.set_relation(c3, Relation.ADDS_DETAIL)
    change = ws.split_cluster(old.id, [c2, c3], "disputed")
    (new_id,) = change.clusters.added
    kept, new = ws.clusters()
    assert (kept.id, new.id, new.label) == (old.id, new_id, "disputed")
    assert {m.claim_id: m.relation for m in new.members} == {
        c2: Relation.CONTRADICTS,
        c3: Relation.ADDS_DETAIL,
    }
    assert ChangeKind.CLUSTER in change.kinds and len(change.document_ids) == 1
    back = ws.undo()
    assert back.clusters.removed == {new_id}
    (only,) = ws.clusters()
    assert {m.claim_id for m in only.members} == {c1, c2, c3}

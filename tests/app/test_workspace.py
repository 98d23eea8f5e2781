"""The window's use cases: every change committed at once, undoable, and still there after a
restart."""

from __future__ import annotations

import json

import pytest

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.errors import MizanError
from desktop.core.model import DocStatus, DocumentMeta, MentionStatus
from desktop.storage.annotations import CorpusFilter
from tests.conftest import SPUTNIK, seed_text


@pytest.fixture
def ws(seeded):
    return Workspace(seeded)


def doc_id(ws, external_id=SPUTNIK):
    return next(d.id for d in ws.documents() if d.external_id == external_id)


def first(text, word):
    start = text.index(word)
    return start, start + len(word)


def test_create_mention_undo_redo_and_restart(ws, db_path):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    start, end = first(text, "بوتين")
    change = ws.create_mention(did, start, end, "PERS")
    assert change.document_ids == {did} and len(change.mention_ids) == 1
    (m,) = ws.document(did).mentions
    assert (m.start, m.end, m.label, text[m.start : m.end]) == (start, end, "PERS", "بوتين")
    assert ws.undo_state().can_undo and "PERS" in ws.undo_state().undo_text

    ws.undo()
    assert ws.document(did).mentions == ()
    assert ws.undo_state().can_redo
    ws.redo()
    (again,) = ws.document(did).mentions
    assert (again.id, again.ext_id) == (m.id, m.ext_id)  # the same row comes back

    ws.project.close()
    reopened = Workspace(Project.open(str(db_path), "tester"))
    (after,) = reopened.document(did).mentions
    assert (after.start, after.end, after.label) == (start, end, "PERS")
    reopened.undo()  # history is in the database: undo works after a restart too
    assert reopened.document(did).mentions == ()


def test_annotating_marks_the_document_in_progress(ws):
    did = doc_id(ws)
    assert {d.id: d.status for d in ws.documents()}[did] is DocStatus.NOT_STARTED
    ws.create_mention(did, 0, 3, "PERS")
    assert {d.id: d.status for d in ws.documents()}[did] is DocStatus.IN_PROGRESS
    ws.set_status(did, DocStatus.DONE)
    assert [d.id for d in ws.documents(CorpusFilter(status=DocStatus.DONE))] == [did]
    ws.undo()
    assert {d.id: d.status for d in ws.documents()}[did] is DocStatus.IN_PROGRESS


def test_a_new_action_drops_the_redo_stack(ws):
    did = doc_id(ws)
    ws.create_mention(did, 0, 3, "PERS")
    ws.undo()
    ws.create_mention(did, 5, 9, "ORG")
    assert not ws.undo_state().can_redo
    assert [m.label for m in ws.document(did).mentions] == ["ORG"]


def test_relabel_adjust_delete_are_undoable(ws):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    start, end = first(text, "بوتين")
    (mid,) = ws.create_mention(did, start, end - 1, "ORG").mention_ids
    ws.update_mention(mid, label="PERS")
    ws.update_mention(mid, end=end)
    (m,) = ws.document(did).mentions
    assert (m.label, m.end) == ("PERS", end)
    ws.delete_mentions([mid])
    assert ws.document(did).mentions == ()
    ws.undo()
    ws.undo()
    ws.undo()
    (m,) = ws.document(did).mentions
    assert (m.label, m.end) == ("ORG", end - 1)


def test_out_of_range_span_is_refused(ws):
    did = doc_id(ws)
    with pytest.raises(MizanError, match="outside the text"):
        ws.create_mention(did, 10, 10**6, "PERS")


def test_create_entity_from_a_mention_links_it_and_records_prefix(ws):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    start = text.index("وبوتين") if "وبوتين" in text else text.index("بوتين")
    word = "وبوتين" if "وبوتين" in text else "بوتين"
    (mid,) = ws.create_mention(did, start, start + len(word), "PERS").mention_ids
    key, _ = ws.create_entity("فلاديمير بوتين", "PERS", ["بوتين"], link_mention=mid)
    (m,) = ws.document(did).mentions
    assert m.entity == key
    assert m.prefix_len == (1 if word == "وبوتين" else 0)
    assert [e.key for e in ws.entities("بوتين")] == [key]
    assert [e.key for e in ws.entities("بُوتِين")] == [key]  # folded alias search
    ws.undo()
    assert ws.entities("بوتين") == []
    assert ws.document(did).mentions[0].entity is None


def test_deleting_a_claim_source_mention_and_undo_restores_the_link(ws, tmp_path):
    src = tmp_path / "c.jsonl"
    body = "قال بوتين إن التجارة نمت"
    src.write_text(
        json.dumps(
            {
                "id": "c-doc",
                "text": body,
                "entities": [{"id": "m1", "start": 4, "end": 9, "label": "PERS"}],
                "claims": [{"id": "c1", "start": 13, "end": 24, "source": {"mention": "m1"}}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    ws.project.import_paths([src])
    did = doc_id(ws, "c-doc")
    (m,) = ws.document(did).mentions
    ws.delete_mentions([m.id])
    assert ws.document(did).claims[0].source is None
    ws.undo()
    claim = ws.document(did).claims[0]
    assert claim.source is not None and claim.source.mention == "m1"


def test_annotate_all_occurrences_finds_folded_variants(ws, tmp_path):
    f = tmp_path / "variants.txt"
    f.write_text(
        "التقى بُوتِين بالأسد. وقال بوتـــين إن ‏بوتين سيزور دمشق، ولبوتين رأي.", encoding="utf-8"
    )
    ws.project.import_paths([f])
    did = doc_id(ws, "variants")
    found = ws.find_occurrences("بوتين", document_id=did)
    assert [o.text for o in found] == ["بُوتِين", "بوتـــين", "بوتين", "ولبوتين"]
    corpus = ws.find_occurrences("بوتين")
    assert {o.document_id for o in corpus} >= {did, doc_id(ws)}
    ws.add_suggestions(found, "PERS")
    mentions = ws.document(did).mentions
    assert {m.status for m in mentions} == {MentionStatus.SUGGESTED}
    ws.set_status_of_mentions([mentions[0].id], MentionStatus.ACCEPTED)
    ws.set_status_of_mentions([m.id for m in mentions[1:]], MentionStatus.REJECTED)
    statuses = [m.status for m in ws.document(did).mentions]
    assert statuses == [MentionStatus.ACCEPTED] + [MentionStatus.REJECTED] * 3
    # spans already annotated (even rejected) are not suggested again
    assert ws.find_occurrences("بوتين", document_id=did) == []
    ws.undo()
    ws.undo()
    ws.undo()
    assert ws.document(did).mentions == ()


def test_search_ignores_diacritics_tatweel_and_letter_variants(ws, tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("يَتَحَدَّثُ الرئيسُ عن العـــربية في مدرسة إلى جانب ٢٠٢٤", encoding="utf-8")
    ws.project.import_paths([f])
    did = doc_id(ws, "s")
    for query in ("يتحدث", "العربية", "العربيه", "مدرسه", "الى جانب", "2024", "الرئيس"):
        assert did in ws.search(query), query
    assert ws.search("لا يوجد هذا النص") == []
    assert set(ws.search("بوتين")) >= {doc_id(ws)}


def test_metadata_edit_is_undoable(ws):
    did = doc_id(ws)
    before = next(d for d in ws.documents() if d.id == did).meta
    ws.update_meta(did, DocumentMeta(outlet="سبوتنيك عربي", title="عنوان", event=before.event))
    after = next(d for d in ws.documents() if d.id == did).meta
    assert (after.outlet, after.title) == ("سبوتنيك عربي", "عنوان")
    ws.undo()
    assert next(d for d in ws.documents() if d.id == did).meta.outlet == before.outlet


def test_corpus_list_shows_titles_outlets_and_filters(ws):
    docs = ws.documents()
    assert len(docs) == 5
    assert all(d.meta.title for d in docs)  # the first line stands in for a missing title
    outlets, events = ws.outlets_and_events()
    assert "عنب بلدي" in outlets
    assert "Putin-Assad summit, Moscow, 15 March 2023" in events
    one_event = [
        d for d in ws.documents(CorpusFilter(event="Putin-Assad summit, Moscow, 15 March 2023"))
    ]
    assert len(one_event) == 2


def test_two_windows_undo_their_own_actions(seeded, db_path):
    a = Workspace(seeded)
    b = Workspace(Project.open(str(db_path), "second"))
    did = doc_id(a)
    a.create_mention(did, 0, 3, "PERS")
    b.create_mention(did, 5, 9, "ORG")
    a.undo()
    assert [m.label for m in a.document(did).mentions] == ["ORG"]

"""The window's use cases: every change committed at once, undoable, and still there after a
restart."""

from __future__ import annotations

import json

import pytest

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.errors import MizanError
from desktop.core.filters import CorpusFilter
from desktop.core.model import DocStatus, DocumentMeta, MentionStatus
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


# --------------------------------------------------------------------------- claims

QUOTE_START = "أقترح تنفيذ عملنا اليوم على مرحلتين"
QUOTE_END = "في تعاوننا"


def quote_span(text):
    return text.index(QUOTE_START), text.index(QUOTE_END) + len(QUOTE_END)


def mark_putin(ws, did, text):
    ids = []
    for i in range(len(text)):
        if text.startswith("بوتين", i) and (i == 0 or not text[i - 1].isalpha()):
            ids += ws.create_mention(did, i, i + 5, "PERS").mention_ids
    return ids


def test_proposal_for_putins_quoted_proposal_in_the_sputnik_seed(ws):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    mark_putin(ws, did, text)
    start, end = quote_span(text)
    p = ws.propose_claim(did, start, end)
    assert text[p.cue.start : p.cue.end] == "وأشار"
    assert p.quote_type.value == "direct"
    assert p.polarity.value == "asserted"
    source = next(m for m in ws.document(did).mentions if m.ext_id == p.source.mention)
    assert text[source.start : source.end] == "بوتين"
    assert source.end < start and text.rfind("بوتين", 0, start) == source.start
    assert any("quotation marks" in r for r in p.reasons)


def test_claim_with_every_field_round_trips_undo_redo_and_restart(ws, db_path):
    from desktop.core.model import ClaimSource, Polarity, QuoteType, SourceKind, Span

    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    mark_putin(ws, did, text)
    start, end = quote_span(text)
    p = ws.propose_claim(did, start, end)
    change = ws.create_claim(
        did,
        start,
        end,
        source=p.source,
        cue=Span(p.cue.start, p.cue.end),
        quote_type=p.quote_type,
        polarity=p.polarity,
        topics=["summit", "bilateral"],
        note="proposal for the meeting",
    )
    assert "claim" in change.kinds

    def check(doc):
        (c,) = doc.claims
        assert (c.start, c.end) == (start, end)
        assert c.source == p.source and c.cue == Span(p.cue.start, p.cue.end)
        assert (c.quote_type, c.polarity) == (QuoteType.DIRECT, Polarity.ASSERTED)
        assert sorted(c.topics) == ["bilateral", "summit"]
        assert c.note == "proposal for the meeting" and c.annotator == "tester"
        return c

    c = check(ws.document(did))
    ws.undo()
    assert ws.document(did).claims == ()
    ws.redo()
    check(ws.document(did))
    ws.update_claim(
        c.id, polarity=Polarity.HEDGED, topics=["summit"], source=ClaimSource(SourceKind.UNNAMED)
    )
    (c2,) = ws.document(did).claims
    assert (c2.polarity, c2.topics, c2.source.kind) == (
        Polarity.HEDGED,
        ("summit",),
        SourceKind.UNNAMED,
    )
    ws.undo()
    check(ws.document(did))
    ws.project.close()
    reopened = Workspace(Project.open(str(db_path), "tester"))
    check(reopened.document(did))
    assert reopened.topics()[:2] in (["bilateral", "summit"], ["summit", "bilateral"])


def test_claims_list_filters_by_speaker_outlet_topic_and_quote_type(ws):
    from desktop.core.filters import ClaimFilter
    from desktop.core.model import ClaimSource, QuoteType, SourceKind

    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    (first, *_rest) = mark_putin(ws, did, text)
    key, _ = ws.create_entity("فلاديمير بوتين", "PERS", ["بوتين"], link_mention=first)
    start, end = quote_span(text)
    ws.create_claim(
        did,
        start,
        end,
        source=ClaimSource(SourceKind.MENTION, mention=ws.document(did).mentions[0].ext_id),
        quote_type=QuoteType.DIRECT,
        topics=["summit"],
    )
    other = doc_id(ws, "001_2ecffe47322c837b")
    ws.create_claim(
        other, 0, 30, source=ClaimSource(SourceKind.OUTLET), quote_type=QuoteType.OUTLET_ASSERTION
    )
    everything = ws.claims()
    assert len(everything) == 2
    (row,) = ws.claims(ClaimFilter(speaker=key))
    assert (
        row.speaker == "فلاديمير بوتين" and row.document == SPUTNIK and row.text == text[start:end]
    )
    assert [r.document for r in ws.claims(ClaimFilter(quote_type="outlet_assertion"))] == [
        "001_2ecffe47322c837b"
    ]
    assert len(ws.claims(ClaimFilter(topic="summit"))) == 1
    assert len(ws.claims(ClaimFilter(outlet="عنب بلدي"))) == 1
    assert ws.speakers() == [(key, "فلاديمير بوتين")]
    stats = ws.project.stats()
    assert stats["claims_by_quote_type"] == {"direct": 1, "outlet_assertion": 1}
    assert stats["claims_by_speaker"] == {"فلاديمير بوتين": 1, "(outlet)": 1}

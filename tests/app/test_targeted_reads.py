"""Reading back only what an edit changed: `Workspace.annotations` gives the same mentions and
claims as a whole `Workspace.document`, and new span ids are the same as before."""

from __future__ import annotations

import pytest

from desktop.app.workspace import Workspace
from desktop.core.errors import MizanError
from desktop.core.model import ClaimSource, QuoteType, SourceKind, Span
from tests.conftest import SPUTNIK, seed_text


@pytest.fixture
def ws(seeded):
    return Workspace(seeded)


def doc_id(ws, external_id=SPUTNIK):
    return next(d.id for d in ws.documents() if d.external_id == external_id)


def test_annotations_are_the_documents_own_rows(ws):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    for word, label in (("بوتين", "PERS"), ("موسكو", "GPE"), ("سوريا", "GPE")):
        start = text.index(word)
        ws.create_mention(did, start, start + len(word), label)
    ws.create_entity("فلاديمير بوتين", "PERS", (), link_mention=ws.document(did).mentions[0].id)
    putin = next(m for m in ws.document(did).mentions if text[m.start : m.end] == "بوتين")
    quote = text.index("بوتين"), len(text) // 2
    ws.create_claim(
        did,
        *quote,
        source=ClaimSource(SourceKind.MENTION, mention=putin.ext_id),
        cue=Span(quote[0], quote[0] + 3),
        quote_type=QuoteType.DIRECT,
        topics=("حرب", "اقتصاد"),
    )
    whole = ws.document(did)
    (claim,) = whole.claims
    some = [m.id for m in whole.mentions[:2]]

    got = ws.annotations(did, mention_ids=some, claim_ids=[claim.id])

    assert got.mentions == whole.mentions[:2]  # equal objects, in the document's order
    assert got.claims == (claim,)
    assert got.claims[0].source.mention == putin.ext_id  # a source read from outside the set
    assert got.claims[0].topics == ("اقتصاد", "حرب")
    assert got.registry == {k: e for k, e in whole.registry.items()}
    assert ws.annotations(did).mentions == () and ws.annotations(did).claims == ()
    ws.delete_mentions([some[0]])
    assert [m.id for m in ws.annotations(did, mention_ids=some).mentions] == some[1:]


def test_new_span_ids_take_the_first_free_number(ws):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    words = [w for w in dict.fromkeys(text.split()) if len(w) > 3][:4]
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    for start, end in spans[:3]:
        ws.create_mention(did, start, end, "PERS")
    assert sorted(m.ext_id for m in ws.document(did).mentions) == ["m1", "m2", "m3"]
    ws.delete_mentions([next(m.id for m in ws.document(did).mentions if m.ext_id == "m1")])
    ws.create_mention(did, *spans[3], "PERS")  # two stored: m3 is taken, so m4
    assert sorted(m.ext_id for m in ws.document(did).mentions) == ["m2", "m3", "m4"]


def test_a_new_mention_checks_its_range_against_the_stored_text(ws):
    did = doc_id(ws)
    text = seed_text(SPUTNIK)
    start = text.index("موسكو")
    ws.create_mention(did, start, start + len("موسكو"), "GPE")
    (m,) = ws.document(did).mentions
    assert text[m.start : m.end] == "موسكو"
    assert "موسكو" in ws.undo_state().undo_text  # the description quotes the stored words
    with pytest.raises(MizanError, match="outside the text"):
        ws.create_mention(did, len(text) - 2, len(text) + 1, "GPE")
    with pytest.raises(MizanError, match="outside the text"):
        ws.create_mention(did, 5, 5, "GPE")
    assert len(ws.document(did).mentions) == 1

"""Suggested alignments over claims from the real seed articles, and over a generated event."""

from __future__ import annotations

import json
import random

import pytest

from desktop.compare import (
    THRESHOLD,
    Conflict,
    Quantity,
    Suggestion,
    compare_quantities,
    suggest_alignments,
)
from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    DocumentMeta,
    Mention,
    MentionStatus,
    SourceKind,
)
from tests.compare import seed_corpus
from tests.support.event import generate_event

ARABY, SPUTNIK, ITALIANI = "000_90a49cccec282318", "002_b056ffaf7079958c", "003_6acceb298fece1cb"


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    return seed_corpus()


@pytest.fixture(scope="module")
def suggestions(corpus) -> list[Suggestion]:
    return suggest_alignments(corpus)


def find(suggestions, a, b) -> tuple[int, Suggestion] | None:
    for rank, s in enumerate(suggestions):
        if {(s.a.document, s.a.claim), (s.b.document, s.b.claim)} == {a, b}:
            return rank, s
    return None


def test_seven_percent_trade_growth_is_the_top_suggestion(suggestions):
    # al-Araby: "...وبلغ النمو خلال العام الماضي 7 بالمائة"; Sputnik: "...بلغ النمو العام الماضي 7٪"
    hit = find(suggestions, (ARABY, "c1"), (SPUTNIK, "c1"))
    assert hit is not None
    rank, s = hit
    assert rank == 0
    assert s.conflicts == ()
    assert s.evidence["shared_quantities"] == ["7%"]
    assert s.evidence["shared_speaker"] == "putin"
    assert s.evidence["same_event"] is True
    assert s.a.text.endswith("7 بالمائة")
    assert s.b.text.endswith("7٪")


def test_seven_percent_written_in_words_matches_too(suggestions):
    # Sputnik's direct quote: "سُجلت زيادة بنسبة 7 في المائة في التجارة"
    hit = find(suggestions, (ARABY, "c1"), (SPUTNIK, "c6"))
    assert hit is not None
    assert hit[1].conflicts == ()
    assert hit[1].evidence["shared_quantities"] == ["7%"]


def test_first_visit_to_damascus_is_suggested_with_a_date_conflict(suggestions):
    # Sputnik: 7 January 2020; Italiani News: 17 January 2020
    hit = find(suggestions, (SPUTNIK, "c3"), (ITALIANI, "c1"))
    assert hit is not None
    rank, s = hit
    assert rank < 5
    assert s.score >= THRESHOLD
    assert s.conflicts == (
        Conflict(
            "date", "2020-01-07", "2020-01-17", "7 يناير / كانون الثاني 2020", "17 يناير 2020"
        ),
    )
    assert {"putin", "damascus"} <= set(s.evidence["shared_entities"])


def test_same_arrival_reported_by_two_outlets(suggestions):
    hit = find(suggestions, (ARABY, "c4"), (SPUTNIK, "c5"))
    assert hit is not None
    assert hit[0] < 3
    assert hit[1].conflicts == ()


def test_unrelated_claims_score_low(corpus):
    every = suggest_alignments(corpus, threshold=0.0)
    # Shoigu on terrorism vs Putin's 2017 announcement on ISIS; Assad's visit vs the %90 claim
    for a, b in [
        ((ARABY, "c5"), (SPUTNIK, "c4")),
        ((ARABY, "c2"), (ITALIANI, "c2")),
        ((ARABY, "c1"), (ITALIANI, "c1")),
    ]:
        hit = find(every, a, b)
        assert hit is None or hit[1].score < THRESHOLD
    # and nothing below the threshold comes out by default
    default = suggest_alignments(corpus)
    assert default == [s for s in every if s.score >= THRESHOLD]


def test_only_pairs_across_documents(suggestions):
    assert suggestions
    for s in suggestions:
        assert s.a.document != s.b.document
        assert 0.0 <= s.score <= 1.0


def test_sorted_best_first(suggestions):
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)


def test_rejected_pairs_are_not_suggested_in_either_order(corpus, suggestions):
    top = suggestions[0]
    forward = suggest_alignments(corpus, rejected={top.pair})
    backward = suggest_alignments(corpus, rejected={(top.pair[1], top.pair[0])})
    assert find(forward, *top.pair) is None
    assert find(backward, *top.pair) is None
    assert forward == backward == suggestions[1:]


def test_deterministic_whatever_the_document_order(corpus, suggestions):
    again = suggest_alignments(list(corpus))
    shuffled = list(corpus)
    random.Random(3).shuffle(shuffled)
    assert again == suggestions
    assert suggest_alignments(shuffled) == suggestions
    assert [s.to_json() for s in suggest_alignments(list(reversed(corpus)))] == [
        s.to_json() for s in suggestions
    ]


def test_to_json_is_the_align_json_item(suggestions):
    hit = find(suggestions, (SPUTNIK, "c3"), (ITALIANI, "c1"))
    assert hit is not None
    item = hit[1].to_json()
    assert list(item) == ["score", "conflicts", "evidence", "a", "b"]
    assert item["conflicts"] == [
        {
            "kind": "date",
            "a": "2020-01-07",
            "b": "2020-01-17",
            "a_text": "7 يناير / كانون الثاني 2020",
            "b_text": "17 يناير 2020",
        }
    ]
    assert set(item["evidence"]) >= {
        "text_similarity",
        "shared_entities",
        "shared_speaker",
        "shared_quantities",
    }
    assert item["a"] == {
        "document": SPUTNIK,
        "claim": "c3",
        "start": hit[1].a.start,
        "end": hit[1].a.end,
        "text": "وفي 7 يناير / كانون الثاني 2020، زار بوتين دمشق لأول مرة",
        "outlet": "سبوتنيك",
    }
    assert item["b"]["outlet"] == "الإيطالية نيوز"
    json.dumps(item, ensure_ascii=False)  # plain JSON types only


def test_claim_refs_point_into_the_stored_text(corpus, suggestions):
    texts = {d.external_id: d.text for d in corpus}
    for s in suggestions:
        for ref in (s.a, s.b):
            assert texts[ref.document][ref.start : ref.end] == ref.text


# --- small hand-made documents -----------------------------------------------------------------


def doc(ext_id: str, sentences: list[str], **meta) -> Document:
    text = ""
    claims = []
    for k, s in enumerate(sentences):
        claims.append(Claim(len(text), len(text) + len(s), ext_id=f"c{k + 1}"))
        text += s + ". "
    return Document(ext_id, text, meta=DocumentMeta(**meta), claims=tuple(claims))


def test_digit_systems_and_vowels_do_not_matter():
    a = doc("a", ["ارتفع حجم التجارة بين البلدين بنسبة 12 في المائة خلال عام 2022"])
    b = doc("b", ["ارتفعَ حجمُ التّجارة بين البلدين بنسبة ١٢٪ خلال عام ٢٠٢٢"])
    (s,) = suggest_alignments([a, b])
    assert s.score > 0.6
    assert s.conflicts == ()
    assert s.evidence["shared_quantities"] == ["12%", "2022"]


def test_a_different_figure_is_a_conflict_a_shared_one_is_not():
    a = doc("a", ["ارتفع حجم التجارة بين البلدين بنسبة 12 في المائة خلال عام 2022"])
    b = doc("b", ["ارتفع حجم التجارة بين البلدين بنسبة 21 في المائة خلال عام 2022"])
    (s,) = suggest_alignments([a, b])
    assert s.conflicts == (Conflict("percent", "12%", "21%", "12 في المائة", "21 في المائة"),)
    assert s.evidence["shared_quantities"] == ["2022"]


def test_a_date_without_year_matches_the_full_date():
    a = doc("a", ["وصل الرئيس إلى موسكو اليوم الأربعاء 15 مارس/آذار في زيارة رسمية"])
    b = doc("b", ["وصل الرئيس إلى موسكو يوم 15 مارس 2023 في زيارة رسمية"])
    (s,) = suggest_alignments([a, b])
    assert s.conflicts == ()
    assert s.evidence["shared_quantities"] == ["2023-03-15"]


def test_same_event_boosts_and_other_events_do_not():
    sentence_a = "بحث الجانبان سبل تطوير التعاون الاقتصادي والاستثمارات في قطاع الطاقة"
    sentence_b = "ناقش الطرفان تطوير التعاون الاقتصادي والاستثمار في مجال الطاقة"
    same = suggest_alignments(
        [doc("a", [sentence_a], event="summit"), doc("b", [sentence_b], event="summit")],
        threshold=0.0,
    )
    other = suggest_alignments(
        [doc("a", [sentence_a], event="summit"), doc("b", [sentence_b], event="another")],
        threshold=0.0,
    )
    assert same[0].score > other[0].score
    assert same[0].evidence["same_event"] and not other[0].evidence["same_event"]


def test_same_speaker_through_a_linked_source_mention():
    def speaker_doc(ext_id: str, name: str, claim: str, entity: str | None) -> Document:
        text = f"{name} قال إن {claim}."
        mention = Mention(0, len(name), "PERS", entity=entity, ext_id="m1")
        start = text.index(claim)
        return Document(
            ext_id,
            text,
            mentions=(mention,),
            claims=(
                Claim(
                    start,
                    start + len(claim),
                    source=ClaimSource(SourceKind.MENTION, mention="m1"),
                    ext_id="c1",
                ),
            ),
        )

    claim = "العلاقات بين البلدين تدخل مرحلة جديدة"
    linked = suggest_alignments(
        [
            speaker_doc("a", "الشيباني", claim, "shaibani"),
            speaker_doc("b", "وزير الخارجية السوري", claim, "shaibani"),
        ]
    )
    assert linked[0].evidence["shared_speaker"] == "shaibani"
    assert "shaibani" in linked[0].evidence["shared_entities"]
    by_name = suggest_alignments(
        [speaker_doc("a", "الشيباني", claim, None), speaker_doc("b", "الشَّيباني", claim, None)]
    )
    assert by_name[0].evidence["shared_speaker"] == "الشيباني"


def test_rejected_and_suggested_mentions_are_not_evidence():
    text = "زار بوتين دمشق في زيارة رسمية"
    start = text.index("بوتين")

    def one(ext_id: str, status: MentionStatus) -> Document:
        m = Mention(start, start + 5, "PERS", entity="putin", status=status, ext_id="m1")
        return Document(ext_id, text, mentions=(m,), claims=(Claim(0, len(text), ext_id="c1"),))

    accepted = suggest_alignments(
        [one("a", MentionStatus.ACCEPTED), one("b", MentionStatus.MANUAL)]
    )
    assert accepted[0].evidence["shared_entities"] == ["putin"]
    rejected = suggest_alignments(
        [one("a", MentionStatus.REJECTED), one("b", MentionStatus.SUGGESTED)]
    )
    assert rejected[0].evidence["shared_entities"] == []


def test_claims_of_one_document_are_never_paired():
    d = doc("a", ["ارتفع حجم التجارة بنسبة 7٪", "ارتفع حجم التجارة بنسبة 7٪"])
    assert suggest_alignments([d]) == []
    assert suggest_alignments([]) == []


def test_claims_without_ext_id_get_a_positional_id():
    text = "ارتفع حجم التجارة بين البلدين بنسبة 7٪"
    a = Document("a", text, claims=(Claim(0, len(text)),))
    b = Document("b", text, claims=(Claim(0, len(text), id=42),))
    (s,) = suggest_alignments([a, b])
    assert (s.a.claim, s.b.claim) == ("c1", "42")
    assert suggest_alignments([a, b], rejected={(("a", "c1"), ("b", "42"))}) == []


def test_compare_quantities():
    def q(kind, value):
        return Quantity(kind, value, value, 0, len(value))

    assert compare_quantities(q("date", "2020-01-07"), q("date", "2020-01-07")) == (1.0, True)
    assert compare_quantities(q("date", "--03-15"), q("date", "2023-03-15")) == (1.0, True)
    assert compare_quantities(q("year", "2020"), q("date", "2020-01-07")) == (0.5, True)
    assert compare_quantities(q("date", "2020-01-07"), q("date", "2020-01-17")) == (0.5, False)
    assert compare_quantities(q("date", "2020-01-07"), q("date", "2020-05-07")) == (0.25, False)
    assert compare_quantities(q("date", "2010-05-10/2010-05-11"), q("date", "2010-05-11")) == (
        1.0,
        True,
    )
    assert compare_quantities(q("percent", "7%"), q("percent", "7%")) == (1.0, True)
    assert compare_quantities(q("percent", "7%"), q("number", "7")) == (0.0, False)


# --- generated event (the S8 benchmark data) ---------------------------------------------------


@pytest.fixture(scope="module")
def event() -> list[Document]:
    return generate_event(n_docs=6, n_claims=20, seed=11)


def test_generated_event_retellings_are_found(event):
    out = suggest_alignments(event)
    assert len(out) > 20
    top = out[0]
    assert top.score > 0.6
    # identical propositions told with different digits and month names still agree
    assert all(s.a.document != s.b.document for s in out)


def test_generated_event_is_deterministic(event):
    first = [s.to_json() for s in suggest_alignments(event)]
    second = [s.to_json() for s in suggest_alignments(list(reversed(event)))]
    assert first == second
    assert generate_event(n_docs=6, n_claims=20, seed=11) == event


def test_around_one_document_gives_the_same_pairs_as_the_whole_run(corpus):
    from desktop.compare.align import FLOOR

    every = suggest_alignments(corpus, threshold=FLOOR)
    around = suggest_alignments(corpus, threshold=FLOOR, around=SPUTNIK)
    assert around == [s for s in every if SPUTNIK in (s.a.document, s.b.document)]
    assert around and len(around) < len(every)


def test_aligning_again_after_the_document_date_changed_reads_the_new_date():
    """Claims' figures are cached between runs: a relative date must follow the document's date."""
    from datetime import date

    text = ["وصل الرئيس إلى موسكو أمس في زيارة رسمية"]
    b = doc("b", ["وصل الرئيس إلى موسكو يوم 15 مارس 2023 في زيارة رسمية"])
    (s,) = suggest_alignments([doc("a", text, published=date(2023, 3, 16)), b])
    assert s.conflicts == ()
    assert s.evidence["shared_quantities"] == ["2023-03-15"]
    (s,) = suggest_alignments([doc("a", text, published=date(2023, 3, 21)), b])
    assert [(c.a, c.b) for c in s.conflicts] == [("2023-03-20", "2023-03-15")]
    assert s.evidence["shared_quantities"] == []

"""Claim proposals: what the claim form proposes, and why (polarity of ما, the source)."""

from __future__ import annotations

import json

import pytest

from desktop.app.resources import resources_dir
from desktop.core.attribution import (
    REASONS,
    CueLexicon,
    propose_claim,
    quotations,
    source_candidates,
)
from desktop.core.model import ClaimSource, Mention, MentionStatus, Polarity, QuoteType, SourceKind


@pytest.fixture(scope="module")
def lexicon() -> CueLexicon:
    path = resources_dir() / "lexicons" / "cues_ar.json"
    return CueLexicon.from_json(json.loads(path.read_text(encoding="utf-8")))


def span_of(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return i, i + len(part)


def mention(text, part, label, ext_id, nth=0, entity=None, status=MentionStatus.MANUAL):
    s, e = span_of(text, part, nth)
    return Mention(s, e, label, entity=entity, ext_id=ext_id, status=status)


def polarity(text: str, content: str, lexicon: CueLexicon):
    s, e = span_of(text, content)
    p = propose_claim(text, s, e, [], lexicon)
    return p.polarity, p.reason_keys


# --- ما: negation or relative pronoun -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("وأكد الوزير ما قاله الرئيس عن الاتفاق.", "ما قاله الرئيس عن الاتفاق"),
        ("قال الوزير إن الحكومة ستفعل كل ما يلزم لحماية المدنيين.", "الحكومة ستفعل كل ما يلزم"),
        ("قال الوزير إن الحكومة ستفعل كل ما يلزم لحماية المدنيين.", "ما يلزم لحماية المدنيين"),
        ("وقال المتحدث إن ما حدث كان خطأ.", "ما حدث كان خطأ"),
        ("وأضاف أن الجيش ما زال يسيطر على المدينة.", "الجيش ما زال يسيطر على المدينة"),
        ("وتساءل الكاتب: ما المشكلة في ذلك؟", "ما المشكلة في ذلك؟"),
        ("وأوضح: «ما أعلنته الوزارة صحيح».", "ما أعلنته الوزارة صحيح"),
    ],
)
def test_ma_as_relative_or_other_is_not_proposed_as_denied(lexicon, text, content):
    pol, reasons = polarity(text, content, lexicon)
    assert pol is Polarity.ASSERTED
    if content.split()[:4].count("ما"):
        # the form says why ما was not taken as a negation
        assert ("not_negation", {"word": "ما"}) in reasons


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("وقال الوزير: «ما قلنا ذلك أبدا».", "ما قلنا ذلك أبدا"),
        ("وأكد أنه ما كان يعلم بالخطة.", "أنه ما كان يعلم بالخطة"),
        ("وقال المسؤول: ما تغير شيء في الموقف.", "ما تغير شيء في الموقف"),
        ("وقال الوزير إن الحكومة لم توقع الاتفاق.", "الحكومة لم توقع الاتفاق"),
        ("وقال الوزير إن الحكومة لن توقع الاتفاق.", "الحكومة لن توقع الاتفاق"),
    ],
)
def test_negation_at_the_head_of_the_clause_is_still_denied(lexicon, text, content):
    pol, reasons = polarity(text, content, lexicon)
    assert pol is Polarity.DENIED
    assert reasons[-1][0] == "negated"


def test_denial_cue_wins_and_reasons_are_translatable_templates(lexicon):
    text = "ونفى الوزير ما قاله المتحدث."
    s, e = span_of(text, "ما قاله المتحدث")
    p = propose_claim(text, s, e, [], lexicon)
    assert p.polarity is Polarity.DENIED
    assert "polarity: denied — the cue نفى is a denial" in p.reasons
    for key, values in p.reason_keys:
        assert REASONS[key].format(**values)  # every reason is a template of REASONS


# --- the source -----------------------------------------------------------------------------------

# A speech continued over two quotations; an organisation is named inside the first quotation.
SPEECH = (
    "قال الرئيس الروسي فلاديمير بوتين في مؤتمر صحفي عقده في موسكو يوم الخميس بعد لقائه عددا من "
    "المسؤولين إن «حلف الناتو يواصل التوسع شرقا رغم كل التحذيرات التي وجهتها موسكو خلال السنوات "
    "الماضية، ووزارة الخارجية أبلغت الحلف بذلك مرارا». وأضاف: «لن نقبل بهذا الوضع بعد اليوم»."
)


def speech_mentions(text: str = SPEECH, linked: bool = True) -> list[Mention]:
    return [
        mention(text, "فلاديمير بوتين", "PERS", "m1", entity="putin" if linked else None),
        mention(text, "موسكو", "GPE", "m2"),
        mention(text, "حلف الناتو", "ORG", "m3"),
        mention(text, "موسكو", "GPE", "m4", nth=1),
        mention(text, "وزارة الخارجية", "ORG", "m5"),
    ]


def test_quote_continuing_a_speech_gets_the_speaker_not_an_organisation_in_the_previous_quote(
    lexicon,
):
    s, e = span_of(SPEECH, "لن نقبل بهذا الوضع بعد اليوم")
    p = propose_claim(SPEECH, s, e, speech_mentions(), lexicon)
    assert SPEECH[p.cue.start : p.cue.end] == "وأضاف"
    # the speaker is far from the cue: proposed as the registry entity of the last person named
    assert p.source == ClaimSource(SourceKind.ENTITY, entity="putin")
    assert SPEECH[p.source_span.start : p.source_span.end] == "فلاديمير بوتين"
    assert p.quote_type is QuoteType.DIRECT
    keys = [k for k, _ in p.reason_keys]
    assert "source_entity" in keys
    # the organisation inside the previous quotation is named as skipped, with the reason
    assert ("skipped_quoted", {"source": "وزارة الخارجية"}) in p.reason_keys
    assert "not proposed: وزارة الخارجية — inside another quotation" in p.reasons


def test_unlinked_far_speaker_is_proposed_as_the_mention(lexicon):
    s, e = span_of(SPEECH, "لن نقبل بهذا الوضع بعد اليوم")
    p = propose_claim(SPEECH, s, e, speech_mentions(linked=False), lexicon)
    assert p.source == ClaimSource(SourceKind.MENTION, mention="m1")
    assert ("source_continues", {"source": "فلاديمير بوتين", "label": "PERS"}) in p.reason_keys


def test_a_person_named_with_the_cue_is_preferred_over_a_nearer_organisation(lexicon):
    text = SPEECH.replace("وأضاف:", "وأضاف بوتين أمام ممثلي وزارة الدفاع:")
    ms = [
        *speech_mentions(text),
        mention(text, "بوتين", "PERS", "m6", nth=1, entity="putin"),
        mention(text, "وزارة الدفاع", "ORG", "m7"),
    ]
    s, e = span_of(text, "لن نقبل بهذا الوضع بعد اليوم")
    p = propose_claim(text, s, e, ms, lexicon)
    assert p.source == ClaimSource(SourceKind.MENTION, mention="m6")
    assert ("source", {"source": "بوتين", "label": "PERS"}) in p.reason_keys


def test_an_organisation_named_with_the_cue_is_the_source_when_no_person_is(lexicon):
    text = "وقالت وزارة الخارجية الروسية في بيان إن المحادثات كانت مثمرة."
    ms = [mention(text, "وزارة الخارجية الروسية", "ORG", "m1")]
    s, e = span_of(text, "المحادثات كانت مثمرة")
    p = propose_claim(text, s, e, ms, lexicon)
    assert p.source == ClaimSource(SourceKind.MENTION, mention="m1")
    assert p.quote_type is QuoteType.INDIRECT


def test_suggestions_and_non_speakers_are_not_sources(lexicon):
    text = "وقال بوتين في موسكو إن العلاقات جيدة."
    ms = [
        mention(text, "بوتين", "PERS", "m1", status=MentionStatus.SUGGESTED),
        mention(text, "موسكو", "LOC", "m2"),
    ]
    s, e = span_of(text, "العلاقات جيدة")
    p = propose_claim(text, s, e, ms, lexicon)
    assert p.source is None and p.candidates == ()
    assert p.quote_type is QuoteType.INDIRECT  # the cue still makes it attributed


def test_candidates_in_text_order_with_words_around_them(lexicon):
    s, e = span_of(SPEECH, "لن نقبل بهذا الوضع بعد اليوم")
    p = propose_claim(SPEECH, s, e, speech_mentions(), lexicon)
    assert [c.mention for c in p.candidates] == ["m1", "m2", "m3", "m4", "m5"]
    first = p.candidates[0]
    assert first.text == "فلاديمير بوتين" and first.entity == "putin" and first.label == "PERS"
    assert first.context == "قال الرئيس الروسي [فلاديمير بوتين] في مؤتمر صحفي عقده …"
    assert [c.in_quotation for c in p.candidates] == [False, False, True, True, True]
    assert p.candidates[2].context.startswith("… ") and "[حلف الناتو]" in p.candidates[2].context


def test_mentions_inside_the_content_are_not_candidates():
    text = "قال بوتين إن لافروف سيزور دمشق."
    ms = [mention(text, "بوتين", "PERS", "m1"), mention(text, "لافروف", "PERS", "m2")]
    s, e = span_of(text, "لافروف سيزور دمشق")
    assert [c.mention for c in source_candidates(text, s, e, ms)] == ["m1"]


def test_quotations():
    text = 'قال «أ» ثم “ب” و"ج" ثم «د'
    assert [text[a:b] for a, b in quotations(text)] == ["«أ»", "“ب”", '"ج"', "«د"]


def test_cue_inside_another_quotation_is_not_the_cue(lexicon):
    text = "وأشار لافروف إلى «أن الوزير قال ذلك أمس» مضيفا أن الحوار مستمر."
    s, e = span_of(text, "الحوار مستمر")
    p = propose_claim(text, s, e, [], lexicon)
    assert text[p.cue.start : p.cue.end] == "مضيفا"
    text = "وأشار لافروف إلى «أن الوزير قال ذلك أمس» وأن الحوار مستمر."
    s, e = span_of(text, "الحوار مستمر")
    p = propose_claim(text, s, e, [], lexicon)
    assert text[p.cue.start : p.cue.end] == "وأشار"

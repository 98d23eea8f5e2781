"""Claim proposals for quotes on the seed articles: the speaker is the cue's subject, a part of a
longer quotation is direct, and a cue word inside the quotation is not the cue (issue 13)."""

from __future__ import annotations

from desktop.app.workspace import cue_lexicon
from desktop.core.attribution import propose_claim
from desktop.core.model import Mention, QuoteType
from desktop.text import find_occurrences
from tests.compare import seed_text


def proposal(prefix: str, content: str, *names: str):
    text = seed_text(prefix)
    start = text.index(content)
    mentions = tuple(
        Mention(s, e, "PERS", ext_id=f"m{i}")
        for i, (s, e) in enumerate(
            sorted(occ for name in names for occ in find_occurrences(text, name))
        )
    )
    found = propose_claim(text, start, start + len(content), mentions, cue_lexicon())
    by_id = {m.ext_id: text[m.start : m.end] for m in mentions}
    cue = text[found.cue.start : found.cue.end] if found.cue else None
    source = by_id.get(found.source.mention) if found.source else None
    return found, cue, source


def test_the_speaker_is_the_subject_after_the_cue_not_the_last_person_named():
    # «قال الرئيس الروسي خلال لقائه مع الأسد إن حجم التجارة …»: Putin speaks, not Assad
    _found, cue, source = proposal("002", "حجم التجارة بين روسيا وسوريا", "الرئيس الروسي", "الأسد")
    assert (cue, source) == ("قال", "الرئيس الروسي")
    # «ورأى بشار الأسد خلال الاجتماع مع بوتين أن …»
    _found, cue, source = proposal("000", "ستمهد لمرحلة جديدة", "بشار الأسد", "بوتين")
    assert (cue, source) == ("ورأى", "بشار الأسد")


def test_the_person_an_agency_quotes_is_the_source():
    # «ونقلت وكالة أنباء "سانا" … عن الأسد قوله إن زيارته …»: the agency is no person
    _found, cue, source = proposal("000", "زيارته إلى موسكو، اليوم", "الأسد", "بوتين")
    assert (cue, source) == ("ونقلت", "الأسد")


def test_a_sentence_inside_a_longer_quotation_is_direct_and_keeps_the_speakers_cue():
    # وقال بوتين في تغريدة له على "تويتر": "أقترح … هذه فرص لمناقشة …": «أقترح» is quoted speech
    found, cue, source = proposal("000", "هذه فرص لمناقشة كل الموضوعات", "بوتين")
    assert found.quote_type is QuoteType.DIRECT
    assert (cue, source) == ("وقال", "بوتين")

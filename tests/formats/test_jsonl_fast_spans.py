"""The JSONL reader's fast path for plainly valid spans gives the same mentions as the full
checks, and every span it cannot vouch for still gets the full checks and their messages."""

from __future__ import annotations

import pytest

from desktop.core.errors import RecordError
from desktop.core.model import MentionStatus
from desktop.core.packed import MentionRows
from desktop.formats.jsonl import _parse_mention, _parse_mentions

TEXT = "قال الرئيس بوتين في موسكو إن المحادثات جيدة"


def _spans() -> list[dict]:
    return [
        {"id": "m1", "start": 4, "end": 10, "label": "PERS", "text": "الرئيس"},
        {"start": 11, "end": 16, "label": "PERS", "status": "accepted", "annotator": "salma"},
        {"id": "m3", "start": 20, "end": 25, "label": "LOC", "entity": "moscow"},
        {"id": "m4", "start": 11, "end": 16, "label": "PERS", "prefix_len": 1},
        {"id": "", "start": 0, "end": 3, "label": "MISC", "status": None},
    ]


def test_the_fast_path_gives_what_the_full_checks_give():
    fast = MentionRows(_parse_mentions(_spans(), TEXT))  # rows, seen as mentions
    seen: set[str] = set()
    slow = [_parse_mention(item, i, TEXT, seen) for i, item in enumerate(_spans())]
    assert fast == tuple(slow) and list(fast) == slow
    assert fast[1].status is MentionStatus.ACCEPTED and fast[1].annotator == "salma"
    assert fast[3].prefix_len == 1 and fast[2].entity == "moscow"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"id": "m1", "start": 4, "end": 10, "label": "PERS"}, "used twice"),
        ({"start": 4, "end": 10, "label": "B-PERS"}, "IOB2"),
        ({"start": 4, "end": 10, "label": "PERS", "text": "موسكو"}, "does not match"),
        ({"start": 4, "end": 99, "label": "PERS"}, "outside the text"),
        ({"start": "4", "end": 10, "label": "PERS"}, "must be integers"),
        ({"start": 4, "end": 10, "label": "PERS", "status": "maybe"}, "status 'maybe'"),
        ({"start": 4, "end": 10, "label": "PERS", "entity": 7}, "entity"),
        (["not", "an", "object"], "must be an object"),
    ],
)
def test_a_doubtful_span_gets_the_full_checks(item, message):
    spans = [{"id": "m1", "start": 4, "end": 10, "label": "PERS"}, item]
    with pytest.raises(RecordError, match=message) as info:
        _parse_mentions(spans, TEXT)
    assert info.value.span.startswith("entities[1]")  # the error names the span


def _claims() -> list[dict]:
    return [
        {"id": "c1", "start": 0, "end": 16, "source": {"mention": "m1"}, "quote_type": "direct"},
        {"start": 4, "end": 16, "topics": ["trade", "talks"], "polarity": "denied", "note": "x"},
        {"id": "c3", "start": 0, "end": 10, "cue": {"start": 0, "end": 3, "text": "قال"}},
        {"id": "c4", "start": 0, "end": 10, "source": {"entity": "putin"}, "annotator": "omar"},
        {"id": "c5", "start": 0, "end": 10, "source": {"outlet": True}, "text": "قال الرئيس"},
    ]


def test_the_claims_fast_path_gives_what_the_full_checks_give():
    from desktop.formats.jsonl import _parse_claim, _parse_claims

    fast = _parse_claims(_claims(), TEXT, {"m1"})
    seen = {"m1"}
    slow = [_parse_claim(item, i, TEXT, {"m1"}, seen) for i, item in enumerate(_claims())]
    assert fast == slow
    assert fast[0].source.mention == "m1" and fast[1].topics == ("trade", "talks")
    assert fast[2].cue is not None and fast[3].source.entity == "putin"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"id": "m1", "start": 0, "end": 5}, "used twice"),
        ({"start": 0, "end": 5, "source": {"mention": "c9"}}, "not a span of this document"),
        ({"start": 0, "end": 5, "topics": ["", "x"]}, "topics must be"),
        ({"start": 0, "end": 5, "quote_type": "shouted"}, "quote_type 'shouted'"),
        ({"start": 5, "end": 5}, "outside the text"),
        ({"start": 0, "end": 5, "note": 3}, "note"),
    ],
)
def test_a_doubtful_claim_gets_the_full_checks(item, message):
    from desktop.formats.jsonl import _parse_claims

    with pytest.raises(RecordError, match=message) as info:
        _parse_claims([{"start": 0, "end": 3}, item], TEXT, {"m1"})
    assert info.value.span.startswith("claims[1]")

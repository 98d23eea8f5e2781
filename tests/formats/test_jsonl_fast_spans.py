"""The JSONL reader's fast path for plainly valid spans gives the same mentions as the full
checks, and every span it cannot vouch for still gets the full checks and their messages."""

from __future__ import annotations

import pytest

from desktop.core.errors import RecordError
from desktop.core.model import MentionStatus
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
    fast = _parse_mentions(_spans(), TEXT)
    seen: set[str] = set()
    slow = [_parse_mention(item, i, TEXT, seen) for i, item in enumerate(_spans())]
    assert fast == slow
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

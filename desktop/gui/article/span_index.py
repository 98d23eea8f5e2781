"""The spans of one article, indexed by text block: the highlighter formats a block from its own
spans.

Offsets are code points of the stored text (docs/data-model.md). The index is built once per
article and then kept up to date by `SpanIndex.replace` as single mentions and claims change, so
an edit touches only the blocks of the spans it adds or removes.
"""

from __future__ import annotations

import logging
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, islice
from typing import NamedTuple

log = logging.getLogger(__name__)

KINDS = ("mention", "suggestion", "other", "claim", "cue")
MAX_CLAIM_LANES = 3


class ViewSpan(NamedTuple):
    """One highlighted span, offsets in code points of the stored text. A named tuple: an
    article makes one per mention when it opens, and a tuple is the cheapest to build."""

    id: object
    start: int
    end: int
    kind: str  # "mention" | "suggestion" | "other" (another annotator's mention) | "claim" | "cue"
    color: str  # "#rrggbb"
    label: str = ""
    tooltip: str = ""


class SpanIndex:
    """Spans sorted by start, with per-block slices; built once per ``set_spans``.

    Spans are kept in one list sorted by start, so the spans that start in block ``n`` are the
    slice ``first[n]:first[n + 1]``; the few that run on from an earlier block (a claim over two
    paragraphs) are listed in ``carried[n]``. Building costs a handful of C-level passes plus a sort
    when the input is not already in document order (storage returns it ordered), which keeps a
    50,000-span article well inside the open budget (docs/benchmarks.md).
    """

    __slots__ = ("_by_id", "_claims", "_lanes", "carried", "ends", "first", "spans", "starts")

    def __init__(self, spans: Sequence[ViewSpan], line_starts: list[int], length: int) -> None:
        spans = list(spans)
        starts = [s.start for s in spans]
        ends = [s.end for s in spans]
        if spans and not (
            min(starts) >= 0 and max(ends) <= length and all(map(operator.lt, starts, ends))
        ):
            valid = [0 <= a < b <= length for a, b in zip(starts, ends, strict=True)]
            log.warning(
                "article view: ignored %d spans outside the text or empty", valid.count(False)
            )
            spans = list(compress(spans, valid))
            starts = list(compress(starts, valid))
            ends = list(compress(ends, valid))
        if not all(map(operator.le, starts, islice(starts, 1, None))):
            order = sorted(range(len(spans)), key=starts.__getitem__)
            spans = [spans[i] for i in order]
            starts = [starts[i] for i in order]
            ends = [ends[i] for i in order]
        self.spans = spans
        self.starts = starts
        self.ends = ends
        self.first = _firsts(starts, line_starts)
        self.carried = _carried(spans, ends, self.first, line_starts)
        self._claims: list[ViewSpan] | None = None
        self._by_id: dict[object, ViewSpan] | None = None
        self._lanes: dict[object, int] | None = None

    def replace(
        self,
        removed: set[object],
        added: Sequence[ViewSpan],
        line_starts: list[int],
        length: int,
    ) -> list[ViewSpan] | None:
        """Take out the spans with ids in `removed` and put in `added`, in place: the spans
        gone, or None when the index must be built again instead (an id held by two spans).

        An edit changes a span or two of thousands: each is found and inserted by bisection,
        so the label key does not pay for rebuilding a 50,000-span index."""
        by_id = self.by_id
        if len(by_id) != len(self.spans):
            return None
        spans, starts, ends = self.spans, self.starts, self.ends
        gone = []
        for span_id in removed:
            span = by_id.pop(span_id, None)
            if span is None:
                continue
            i = bisect_left(starts, span.start)
            while spans[i] is not span:
                i += 1
            del spans[i], starts[i], ends[i]
            gone.append(span)
        valid = [s for s in added if 0 <= s.start < s.end <= length]
        if len(valid) != len(added):
            log.warning("article view: ignored %d spans outside the text or empty", len(added))
        for span in valid:
            i = bisect_right(starts, span.start)
            spans.insert(i, span)
            starts.insert(i, span.start)
            ends.insert(i, span.end)
            by_id.setdefault(span.id, span)
        if len(gone) + len(valid) > 16:
            self.first = _firsts(starts, line_starts)
        else:  # the blocks after each span's own count one span less or more
            first = self.first
            for span, delta in [*((s, -1) for s in gone), *((s, 1) for s in valid)]:
                k = bisect_right(line_starts, span.start)
                first[k:] = [f + delta for f in first[k:]]
        moved = [*gone, *valid]
        if any(_crosses(s, line_starts) for s in moved):  # others are in no `carried` list
            self.carried = _carried(spans, ends, self.first, line_starts)
        if any(s.kind == "claim" for s in moved):
            self._claims = self._lanes = None
        return gone

    def block(self, n: int) -> list[ViewSpan]:
        """Spans overlapping block ``n``: carried-over ones first, then by start."""
        if n + 1 >= len(self.first):
            return []
        own = self.spans[self.first[n] : self.first[n + 1]]
        extra = self.carried.get(n)
        return extra + own if extra else own

    def has_block(self, n: int) -> bool:
        return (n + 1 < len(self.first) and self.first[n] != self.first[n + 1]) or (
            n in self.carried
        )

    @property
    def claims(self) -> list[ViewSpan]:
        if self._claims is None:
            self._claims = [s for s in self.spans if s.kind == "claim"]
        return self._claims

    @property
    def by_id(self) -> dict[object, ViewSpan]:
        if self._by_id is None:
            # Reversed, so the first span with a given id wins.
            self._by_id = {s.id: s for s in reversed(self.spans)}
        return self._by_id

    @property
    def claim_lanes(self) -> dict[object, int]:
        """Lane of each claim's margin bar: overlapping claims sit side by side."""
        if self._lanes is None:
            lanes: dict[object, int] = {}
            lane_ends: list[int] = []
            for s in self.claims:
                for lane, end in enumerate(lane_ends):
                    if end <= s.start:
                        lane_ends[lane] = s.end
                        break
                else:
                    lane = min(len(lane_ends), MAX_CLAIM_LANES - 1)
                    if lane == len(lane_ends):
                        lane_ends.append(s.end)
                    else:
                        lane_ends[lane] = max(lane_ends[lane], s.end)
                lanes[s.id] = lane
            self._lanes = lanes
        return self._lanes


def _firsts(starts: list[int], line_starts: list[int]) -> list[int]:
    """Index of the first span of each block, and the span count at the end."""
    first = [bisect_left(starts, ls) for ls in line_starts]
    first.append(len(starts))
    return first


def _crosses(span: ViewSpan, line_starts: list[int]) -> bool:
    """Whether `span` runs past the end of the block it starts in."""
    b = bisect_right(line_starts, span.start)
    return b < len(line_starts) and span.end > line_starts[b]


def _carried(spans, ends, first, line_starts) -> dict[int, list[ViewSpan]]:
    """Spans that reach past the end of the block they start in, by each block they run on in."""
    carried: dict[int, list[ViewSpan]] = {}
    nblocks = len(line_starts)
    for b in range(nblocks - 1):
        f0, f1 = first[b], first[b + 1]
        if f0 == f1:
            continue
        limit = line_starts[b + 1]
        if max(ends[f0:f1]) <= limit:
            continue
        for i in range(f0, f1):
            if ends[i] > limit:
                e = ends[i]
                for c in range(b + 1, nblocks):
                    if line_starts[c] >= e:
                        break
                    carried.setdefault(c, []).append(spans[i])
    return carried


def qt_text(text: str) -> str:
    """``text`` as handed to Qt: the same length, with characters Qt would treat as extra block
    breaks (``\r`` merges with a following ``\n``; U+FDD0/U+FDD1 are frame markers) replaced
    one-for-one, so every offset stays valid."""
    if "\r" in text:
        text = text.replace("\r", "\n")
    if "\ufdd0" in text or "\ufdd1" in text:
        text = text.replace("\ufdd0", "\ufffd").replace("\ufdd1", "\ufffd")
    return text


#: Characters that are not ordinary text to Qt's layout: controls other than tab and newline,
#: line and paragraph separators but the paragraph break Qt and `block_starts` both count,
#: surrogates and noncharacters (U+FDD0..U+FDEF, U+FFFE, U+FFFF).
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def qt_text_strict(text: str) -> str:
    """``text`` for Qt when `qt_text` was not enough (Qt made other lines than expected): every
    character that is not ordinary text is replaced one for one by U+FFFD, so offsets stay
    exact and only newlines and U+2029 end a line."""
    return _NOT_TEXT.sub("\ufffd", text)


def block_starts(qt_text: str) -> list[int]:
    """Code point offset where each QTextDocument block starts ("\n" and U+2029 end a block)."""
    starts = [0]
    for sep in ("\n", "\u2029"):
        if sep not in qt_text:
            continue
        found = []
        i = qt_text.find(sep)
        while i >= 0:
            found.append(i + 1)
            i = qt_text.find(sep, i + 1)
        starts = sorted(starts + found) if len(starts) > 1 else starts + found
    return starts

"""CoNLL IOB2 export, Wojood style: one token per line, one tag column per nesting level.

Layout (UTF-8, no BOM, LF)::

    -DOCSTART-<TAB>O<TAB>O
    <blank>
    الرئيس<TAB>B-OCC<TAB>O
    الروسي<TAB>I-OCC<TAB>B-NORP
    فلاديمير<TAB>B-PERS<TAB>O
    ...
    <blank line between sentences>

* A ``-DOCSTART-`` line (padded with ``O``) and a blank line open every document.
* Tokens come from :func:`desktop.text.tokenize`: split on whitespace and punctuation, proclitics
  stay in the word (``وبوتين`` is one token), an emoji sequence is one token. Token text never
  contains whitespace (that is checked) and nothing is escaped.
* Sentences come from :func:`desktop.text.sentences`; sentences that a mention crosses are merged,
  so no mention is ever cut by a blank line.
* Nesting: a mention's level is the lowest column in which it overlaps no other mention; mentions
  are placed outermost first (by start, then longest), so level 0 holds the outermost mentions,
  level 1 the mentions nested directly inside them, and so on. Crossing (non-nested) mentions also
  go to a deeper column. The number of tag columns is the deepest level used in the whole export
  (at least 1), every row padded with ``O``. Because the depth is only known at the end, the
  export is written in two streaming passes through a temporary file.
* A mention that does not start and end on token boundaries (``بوتين`` inside the token
  ``وبوتين``) is extended to the tokens it touches; :attr:`ExportCounts.adjusted` counts those.
  A mention touching no token (only spaces or invisible controls) is left out and counted in
  ``dropped``, as are two mentions with the same label on the same tokens (one is written).
* ``label_map`` (e.g. :data:`desktop.formats.split.COARSE_LABELS`) relabels mentions before
  nesting is computed; labels it maps to ``None`` (or does not list) are left out.
"""

from __future__ import annotations

import os
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from pathlib import Path

from desktop.core.model import Document
from desktop.formats.atomic import ExportError, atomic_file, target_path
from desktop.formats.split import ExportCounts, exported_mentions
from desktop.text import sentences, tokenize

__all__ = ["assign_levels", "sentence_groups", "token_spans", "write_conll"]

DOCSTART = "-DOCSTART-"


def token_spans(
    tokens: list[tuple[int, int]], spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int] | None]:
    """Token index range ``[first, last + 1)`` of every character span: the tokens it touches
    (overlaps by at least one character); ``None`` when it touches none."""
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    out: list[tuple[int, int] | None] = []
    for s, e in spans:
        first = bisect_right(ends, s)  # first token ending after s
        stop = bisect_left(starts, e)  # tokens starting before e
        out.append((first, stop) if first < stop else None)
    return out


def assign_levels(ranges: list[tuple[int, int]]) -> list[int]:
    """Nesting level of each range (already sorted by start, then longest first): the lowest level
    at which it overlaps nothing placed before it."""
    level_end: list[int] = []  # per level: the furthest end placed there so far
    out: list[int] = []
    for start, end in ranges:
        for level, furthest in enumerate(level_end):
            if furthest <= start:
                level_end[level] = end
                out.append(level)
                break
        else:
            level_end.append(end)
            out.append(len(level_end) - 1)
    return out


def sentence_groups(
    text: str, tokens: list[tuple[int, int]], ranges: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences as token index ranges, merged wherever one of ``ranges`` (token index ranges of
    mentions) crosses a sentence boundary."""
    if not tokens:
        return []
    starts = [s for s, _ in tokens]
    first_tokens = [bisect_left(starts, s) for s, _ in sentences(text)]
    if not first_tokens or first_tokens[0] != 0:
        first_tokens.insert(0, 0)
    # sentence k spans tokens [first_tokens[k], first_tokens[k + 1])
    joined = [False] * len(first_tokens)  # joined[k]: sentence k continues into k + 1
    for a, b in ranges:
        ka = bisect_right(first_tokens, a) - 1
        kb = bisect_right(first_tokens, b - 1) - 1
        for k in range(ka, kb):
            joined[k] = True
    groups: list[tuple[int, int]] = []
    begin = 0
    for k in range(len(first_tokens)):
        end = first_tokens[k + 1] if k + 1 < len(first_tokens) else len(tokens)
        if not joined[k] or k + 1 == len(first_tokens):
            if end > begin:
                groups.append((begin, end))
            begin = end
    return groups


def _document_rows(
    doc: Document,
    counts: ExportCounts,
    include_suggested: bool,
    label_map: Mapping[str, str | None] | None,
    max_levels: int | None,
    path: Path,
) -> tuple[list[str], list[list[str]], list[tuple[int, int]], int]:
    """Tokens, tags per token (one list per level used), sentence groups and depth."""
    text = doc.text
    tokens = tokenize(text)
    mentions, skipped = exported_mentions(
        doc, include_suggested=include_suggested, label_map=label_map
    )
    counts.skipped += skipped
    placed: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int, str]] = set()
    for m, rng in zip(
        mentions, token_spans(tokens, [(m.start, m.end) for m in mentions]), strict=True
    ):
        if rng is None:
            counts.dropped += 1
            continue
        first, stop = rng
        if tokens[first][0] != m.start or tokens[stop - 1][1] != m.end:
            counts.adjusted += 1
        key = (first, stop, m.label)
        if key in seen:
            counts.dropped += 1
            continue
        seen.add(key)
        placed.append(key)
    placed.sort(key=lambda r: (r[0], -r[1], r[2]))
    levels = assign_levels([(a, b) for a, b, _ in placed])
    words = []
    for s, e in tokens:
        word = text[s:e]
        if any(ch.isspace() for ch in word):  # tokenize() never does this; guard the format
            raise ExportError(path, f"token {word!r} contains whitespace", document=doc.external_id)
        words.append(word)
    columns: list[list[str]] = []
    kept = []
    for (a, b, label), level in zip(placed, levels, strict=True):
        if max_levels is not None and level >= max_levels:
            counts.dropped += 1
            continue
        while len(columns) <= level:
            columns.append(["O"] * len(tokens))
        col = columns[level]
        col[a] = f"B-{label}"
        for i in range(a + 1, b):
            col[i] = f"I-{label}"
        kept.append((a, b))
        counts.mentions += 1
    return words, columns, sentence_groups(text, tokens, kept), len(columns)


def write_conll(
    documents: Iterable[Document],
    path: Path,
    *,
    include_suggested: bool = False,
    label_map: Mapping[str, str | None] | None = None,
    max_levels: int | None = None,
) -> ExportCounts:
    """Write ``documents`` to ``path`` (a ``.conll`` file), one document at a time.

    ``max_levels`` caps the number of tag columns (deeper mentions are counted in ``dropped``);
    by default it is the deepest nesting found. Returns the counts.
    """
    path = Path(path)
    if max_levels is not None and max_levels < 1:
        raise ValueError("max_levels must be at least 1")
    target_path(path)  # refuse a missing folder before the first pass, not after it
    counts = ExportCounts()
    depth = 1
    fd, first_pass = tempfile.mkstemp(prefix="mizan-conll-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as tmp:
            for doc in documents:
                words, columns, groups, levels = _document_rows(
                    doc, counts, include_suggested, label_map, max_levels, path
                )
                depth = max(depth, levels)
                tmp.write(f"{DOCSTART}\n\n")
                for a, b in groups:
                    for i in range(a, b):
                        tmp.write(words[i])
                        for col in columns:
                            tmp.write("\t")
                            tmp.write(col[i])
                        tmp.write("\n")
                    tmp.write("\n")
                counts.documents += 1
        with (
            open(first_pass, encoding="utf-8", newline="\n") as src,
            atomic_file(path, "w", encoding="utf-8", newline="\n") as out,
        ):
            for line in src:
                if line == "\n":
                    out.write(line)
                    continue
                missing = depth - line.count("\t")
                out.write(line[:-1] + "\tO" * missing + "\n" if missing else line)
    finally:
        os.unlink(first_pass)
    counts.files = 1
    return counts

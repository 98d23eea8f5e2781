"""spaCy ``DocBin`` export (``*.spacy``), built from Mizan's own tokens.

Each document becomes ``Doc(Vocab(), words=..., spaces=...)`` with ``doc.text == text`` exactly:

* words are :func:`desktop.text.tokenize` tokens, further split at **every** boundary of an
  exported span (mention, claim, cue), so ``doc.char_span(start, end, alignment_mode="strict")``
  works for every span (``بوتين`` annotated inside ``وبوتين`` becomes the tokens ``و`` + ``بوتين``);
* the text between tokens is kept: a single space becomes the previous token's trailing space,
  any other gap (newlines, NBSP, several spaces, bidi controls outside words) becomes a whitespace
  or control token of its own, as spaCy's own tokenizer does;
* sentence starts come from :func:`desktop.text.sentences`.

Annotations: the outermost non-overlapping mentions are ``doc.ents`` (label, ``kb_id_`` = registry
key, ``id_`` = span id); **all** exported mentions are in ``doc.spans["sc"]``; claims are in
``doc.spans["claims"]`` (label = quote type, ``id_`` = claim id) and their cues in
``doc.spans["cues"]`` (label ``CUE``, ``id_`` = claim id). ``doc.user_data`` holds
``external_id``, ``text_sha256``, the document metadata (``outlet``, ``original_source``,
``title``, ``url``, ``published`` as ISO date, ``event``, ``source_file``), a ``claims`` list
(id, start, end, quote_type, polarity, source, cue, topics, note, annotator) and the ``registry``.

A ``DocBin`` is written in one piece, so it is held in memory (about 50 bytes per token). For a
large corpus pass ``docs_per_file``: ``path`` is then a folder of ``part-00000.spacy`` shards,
which ``spacy train`` and ``spacy.training.Corpus`` read as one corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

from desktop.core.model import Document
from desktop.core.rules import text_sha256
from desktop.formats.atomic import ExportError, atomic_folder, atomic_path, target_path
from desktop.formats.split import ExportCounts, exported_mentions, mention_ids
from desktop.text import sentences, tokenize

__all__ = ["ATTRS", "build_words", "write_docbin"]

#: Token attributes stored in the DocBin (``SPACY``, the trailing-space flag, always is).
ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "SENT_START")


def build_words(
    text: str, span_starts: set[int], span_ends: set[int]
) -> tuple[list[str], list[bool], list[int]]:
    """``(words, spaces, starts)`` covering ``text`` exactly, with a token boundary at every
    offset in ``span_starts`` / ``span_ends`` and at every :func:`tokenize` boundary."""
    n = len(text)
    cuts = {0, n}
    for s, e in tokenize(text):
        cuts.add(s)
        cuts.add(e)
    cuts.update(span_starts)
    cuts.update(span_ends)
    points = sorted(c for c in cuts if 0 <= c <= n)
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    for a, b in pairwise(points):
        piece = text[a:b]
        if b in span_ends or not piece.endswith(" "):
            words.append(piece)
            spaces.append(False)
            starts.append(a)
        elif len(piece) > 1:  # a gap such as "\n " or RLM + space: tokens never hold a space
            words.append(piece[:-1])
            spaces.append(True)
            starts.append(a)
        elif words and not spaces[-1] and a not in span_starts:
            spaces[-1] = True  # a single space after a word: its trailing whitespace
        else:
            words.append(piece)
            spaces.append(False)
            starts.append(a)
    return words, spaces, starts


def _user_data(doc: Document) -> dict[str, Any]:
    meta = doc.meta
    text = doc.text
    return {
        "external_id": doc.external_id,
        "text_sha256": doc.text_sha256 or text_sha256(text),
        "outlet": meta.outlet,
        "original_source": meta.original_source,
        "title": meta.title,
        "url": meta.url,
        "published": meta.published.isoformat() if meta.published else None,
        "event": meta.event,
        "source_file": meta.source_file,
        "language": meta.language,
        "claims": [
            {
                "id": c.ext_id,
                "start": c.start,
                "end": c.end,
                "quote_type": str(c.quote_type),
                "polarity": str(c.polarity),
                "source": c.source.to_json() if c.source else None,
                "cue": [c.cue.start, c.cue.end] if c.cue else None,
                "topics": list(c.topics),
                "note": c.note,
                "annotator": c.annotator,
            }
            for c in doc.claims
        ],
        "registry": {
            key: {
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "external_id": e.external_id,
            }
            for key, e in sorted(doc.registry.items())
        },
    }


def _to_doc(vocab, doc: Document, counts: ExportCounts, opts: dict, path: Path):
    from spacy.tokens import Doc

    text = doc.text
    mentions, skipped = exported_mentions(doc, **opts)
    counts.skipped += skipped
    claim_spans = [(c.start, c.end) for c in doc.claims]
    cue_spans = [(c.cue.start, c.cue.end) for c in doc.claims if c.cue]
    all_spans = [(m.start, m.end) for m in mentions] + claim_spans + cue_spans
    words, spaces, starts = build_words(text, {s for s, _ in all_spans}, {e for _, e in all_spans})
    sent_starts = {s for s, _ in sentences(text)}
    sent_flags = [i == 0 or start in sent_starts for i, start in enumerate(starts)]
    sdoc = Doc(vocab, words=words, spaces=spaces, sent_starts=sent_flags)
    if sdoc.text != text:  # build_words guarantees this; never write a shifted corpus
        raise ExportError(path, "spaCy tokens do not rebuild the text", document=doc.external_id)

    def span(start: int, end: int, label: str, kb_id: str = "", span_id: str = ""):
        out = sdoc.char_span(
            start, end, label=label, kb_id=kb_id, span_id=span_id, alignment_mode="strict"
        )
        if out is None:
            raise ExportError(
                path, f"span [{start}, {end}) does not align with tokens", document=doc.external_id
            )
        return out

    sc = []
    ents = []
    last_end = -1
    for ext_id, m in mention_ids(mentions):
        s = span(m.start, m.end, m.label, m.entity or "", ext_id)
        sc.append(s)
        if m.start >= last_end:  # outermost first: sorted by start, longest first
            ents.append(s)
            last_end = m.end
    sdoc.set_ents(ents, default="outside")
    sdoc.spans["sc"] = sc
    sdoc.spans["claims"] = [
        span(c.start, c.end, str(c.quote_type), span_id=c.ext_id or "") for c in doc.claims
    ]
    sdoc.spans["cues"] = [
        span(c.cue.start, c.cue.end, "CUE", span_id=c.ext_id or "") for c in doc.claims if c.cue
    ]
    sdoc.user_data.update(_user_data(doc))
    counts.mentions += len(sc)
    counts.claims += len(doc.claims)
    return sdoc


def write_docbin(
    documents: Iterable[Document],
    path: Path,
    *,
    include_suggested: bool = False,
    label_map: Mapping[str, str | None] | None = None,
    docs_per_file: int | None = None,
) -> ExportCounts:
    """Write a ``.spacy`` file (or, with ``docs_per_file``, a folder of shards); see module doc."""
    path = Path(path)
    if docs_per_file is None:
        target_path(path)
        return _write_bins(documents, path, None, include_suggested, label_map)
    if docs_per_file < 1:
        raise ValueError("docs_per_file must be at least 1")
    with atomic_folder(path) as tmp:
        return _write_bins(documents, path, (tmp, docs_per_file), include_suggested, label_map)


def _write_bins(documents, path: Path, shards, include_suggested, label_map) -> ExportCounts:
    """One DocBin at ``path``, or with ``shards = (folder, n)`` one per ``n`` documents; a shard
    is written as soon as it is full, so memory holds one shard at most."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    counts = ExportCounts()
    opts = {"include_suggested": include_suggested, "label_map": label_map}
    vocab = Vocab()
    bin_ = DocBin(attrs=list(ATTRS), store_user_data=True)
    in_bin = 0

    def flush() -> None:
        nonlocal bin_, in_bin, vocab
        if shards is None:
            with atomic_path(path) as tmp:
                bin_.to_disk(tmp)
        else:
            bin_.to_disk(shards[0] / f"part-{counts.files:05d}.spacy")
        counts.files += 1
        bin_ = DocBin(attrs=list(ATTRS), store_user_data=True)
        vocab = Vocab()  # a fresh StringStore per shard keeps memory flat
        in_bin = 0

    for doc in documents:
        bin_.add(_to_doc(vocab, doc, counts, opts, path))
        counts.documents += 1
        in_bin += 1
        if shards is not None and in_bin >= shards[1]:
            flush()
    if shards is None or in_bin or counts.files == 0:
        flush()
    return counts

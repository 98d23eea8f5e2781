"""Native JSONL corpora on disk: ~4 KB Arabic articles, optionally annotated, and one big article.

The benchmark's whole-command figures (`mizan import`, `mizan export`, the window opening a 1 MB
article) read these files, so the sizes here are the sizes in docs/benchmarks.md. Spans cover
whole words (as an annotator's would) and every span carries its covered ``text``, which the
importer checks against the offsets (docs/data-model.md).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

__all__ = [
    "article_text",
    "big_article_record",
    "record",
    "rich_corpus",
    "rich_records",
    "write_corpus",
]

WORDS = (
    "قال الرئيس الروسي فلاديمير بوتين إن التبادل التجاري بين البلدين نما بنسبة سبعة بالمائة "
    "وأكد الأسد أن العلاقات الروسية السورية تدخل مرحلة جديدة في موسكو ودمشق خلال القمة "
    "وزير الخارجية سيرغي لافروف أشار إلى أن المحادثات كانت جيدة ومثمرة ٢٠٢٣ كانون الثاني "
    "يَتَحَدَّثُ العـــربية 👍 مع\u200dالوفد"
).split()
LABELS = ("PERS", "ORG", "GPE", "LOC", "DATE", "OCC", "NORP", "CARDINAL")


def article_text(rng: random.Random, n_bytes: int = 4096) -> tuple[str, list[tuple[int, int]]]:
    """About ``n_bytes`` of UTF-8 Arabic in sentences and paragraphs, and its words' offsets."""
    parts: list[str] = []
    words: list[tuple[int, int]] = []
    pos = size = 0
    k = 0
    while size < n_bytes:
        if k:
            sep = ".\n" if k % 39 == 0 else ". " if k % 13 == 0 else " "
            parts.append(sep)
            pos += len(sep)
            size += len(sep)
        w = rng.choice(WORDS)
        parts.append(w)
        words.append((pos, pos + len(w)))
        pos += len(w)
        size += len(w.encode("utf-8"))
        k += 1
    return "".join(parts), words


def _spans(rng: random.Random, text: str, words: list, n_spans: int) -> tuple[list, list]:
    """Word-aligned entities (1–3 words, nesting allowed) and a claim per tenth span."""
    n_claims = n_spans // 10
    n_entities = n_spans - n_claims
    entities = []
    for k in range(n_entities):
        w0 = rng.randrange(len(words))
        w1 = min(len(words) - 1, w0 + rng.randint(0, 2))
        start, end = words[w0][0], words[w1][1]
        entities.append(
            {
                "id": f"m{k + 1}",
                "start": start,
                "end": end,
                "label": rng.choice(LABELS),
                "text": text[start:end],
            }
        )
    entities.sort(key=lambda e: (e["start"], e["end"]))
    claims = []
    for k in range(n_claims):
        w0 = rng.randrange(max(1, len(words) - 12))
        start, end = words[w0][0], words[min(len(words) - 1, w0 + rng.randint(4, 11))][1]
        claim = {"id": f"c{k + 1}", "start": start, "end": end, "text": text[start:end]}
        claim["source"] = {"mention": entities[k]["id"]} if entities else {"unnamed": True}
        claim["quote_type"] = "indirect"
        claims.append(claim)
    return entities, claims


def record(rng: random.Random, i: int, n_spans: int = 0, n_bytes: int = 4096) -> dict:
    """One native JSONL record: a ~``n_bytes`` article with ``n_spans`` mentions + claims."""
    text, words = article_text(rng, n_bytes)
    text += f" ({i})"  # every text distinct, so no import skips a duplicate
    entities, claims = _spans(rng, text, words, n_spans)
    return {
        "id": f"gen-{i:05d}",
        "text": text,
        "meta": {
            "outlet": f"outlet {i % 7}",
            "event": f"event {i % 20}",
            "published": "2024-01-01",
        },
        "entities": entities,
        "claims": claims,
    }


def write_corpus(path: Path, n_docs: int, n_spans: int = 0, seed: int = 1234) -> int:
    """Write ``n_docs`` records to ``path``; returns the number of spans written."""
    rng = random.Random(seed)
    spans = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_docs):
            rec = record(rng, i, n_spans)
            spans += len(rec["entities"]) + len(rec["claims"])
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return spans


RICH_TEXT = "قال الرئيس بوتين في موسكو"  # قال 0-3, الرئيس 4-10, بوتين 11-16, في 17-19, موسكو 20-25


def rich_records() -> list[dict]:
    """A registry, linked and detailed mentions, every kind of claim, a status, a second
    annotator's layer on the same text, an id taken twice, and a cluster."""
    return [
        {
            "id": "reg",
            "text": RICH_TEXT,
            "meta": {"outlet": "RT", "event": "summit", "published": "2023-01-05",
                     "title": "عنوان", "url": "https://example.org/a"},
            "registry": {"putin": {"name": "فلاديمير بوتين", "type": "PERS",
                                   "aliases": ["بوتين"]}},
            "status": {"omar": "done"},
            "entities": [
                {"id": "m1", "start": 4, "end": 10, "label": "OCC"},
                {"id": "m2", "start": 11, "end": 16, "label": "PERS", "entity": "putin",
                 "status": "accepted", "annotator": "omar"},
                {"id": "m3", "start": 20, "end": 25, "label": "GPE", "prefix_len": 0},
                {"start": 17, "end": 19, "label": "MISC"},
            ],
            "claims": [
                {"id": "c1", "start": 0, "end": 16, "source": {"mention": "m1"},
                 "quote_type": "direct"},
                {"id": "c2", "start": 4, "end": 16, "cue": {"start": 0, "end": 3, "text": "قال"},
                 "topics": ["trade", "talks"], "polarity": "denied", "note": "x"},
                {"id": "c3", "start": 0, "end": 10, "source": {"entity": "putin"},
                 "annotator": "omar"},
                {"start": 0, "end": 25, "source": {"outlet": True}},
            ],
        },
        {"id": "twice", "text": RICH_TEXT,
         "entities": [{"id": "m1", "start": 4, "end": 10, "label": "PERS", "annotator": "salma"}],
         "claims": [{"id": "c1", "start": 0, "end": 16, "annotator": "salma"}]},
        {"id": "gen-00001", "text": RICH_TEXT + " مرة أخرى", "meta": {"outlet": "BBC"},
         "entities": [{"id": "m1", "start": 11, "end": 16, "label": "PERS", "entity": "putin"}],
         "claims": [{"id": "c1", "start": 0, "end": 16, "source": {"entity": "putin"}}]},
        {"type": "cluster", "label": "the summit", "event": "summit",
         "members": [{"document": "reg", "claim": "c1"},
                     {"document": "reg", "claim": "c3", "relation": "contradicts"}]},
    ]  # fmt: skip


def rich_corpus(folder: Path) -> Path:
    """`corpus.jsonl` in ``folder``: 120 generated articles, then :func:`rich_records`."""
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, 120, 12)  # more than one batch of plain generated articles
    with corpus.open("a", encoding="utf-8") as f:
        for record in rich_records():
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return corpus


def big_article_record(
    n_chars: int = 1_000_000, n_mentions: int = 50_000, seed: int = 5, doc_id: str = "big"
) -> dict:
    """One article of about ``n_chars`` code points with ``n_mentions`` word-aligned mentions."""
    rng = random.Random(seed)
    text, words = article_text(rng, n_chars * 19 // 10)  # ~1.9 UTF-8 bytes per code point here
    text = text[:n_chars]
    words = [w for w in words if w[1] <= len(text)]
    entities, _ = _spans(rng, text, words, n_mentions * 10 // 9 + 1)
    entities = entities[:n_mentions]
    return {"id": doc_id, "text": text, "meta": {"outlet": "big outlet"}, "entities": entities}

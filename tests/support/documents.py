"""A stream of annotated core documents for export tests and the 1M-annotation export figure.

A pool of 40 distinct ~4 KB Arabic articles is built once and each yielded document is a copy
with its own id, so generating costs next to nothing and an exporter never sees a list.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import date

from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    DocumentMeta,
    Mention,
    Polarity,
    QuoteType,
    RegistryEntity,
    SourceKind,
    Span,
)
from desktop.core.rules import text_sha256

__all__ = ["generate_documents"]

_WORDS = (
    "قال الرئيس الروسي فلاديمير بوتين إن التبادل التجاري بين البلدين نما بنسبة سبعة بالمائة "
    "وأكد الأسد أن العلاقات الروسية السورية تدخل مرحلة جديدة في موسكو ودمشق خلال القمة "
    "وزير الخارجية سيرغي لافروف أشار إلى أن المحادثات كانت جيدة ومثمرة ٢٠٢٣ كانون الثاني "
    "يَتَحَدَّثُ العـــربية 👍 مع\u200dالوفد =مثير"
).split()
_LABELS = ("PERS", "ORG", "GPE", "LOC", "DATE", "OCC", "NORP", "CARDINAL")
_SOURCES = (
    ClaimSource(SourceKind.MENTION, mention="m1"),
    ClaimSource(SourceKind.ENTITY, entity="putin"),
    ClaimSource(SourceKind.OUTLET),
    ClaimSource(SourceKind.UNNAMED),
)
_REGISTRY = {"putin": RegistryEntity("putin", "فلاديمير بوتين", "PERS", ("بوتين",))}


def _template(rng: random.Random, i: int, n_mentions: int, n_claims: int) -> Document:
    words = [rng.choice(_WORDS) for _ in range(700)]
    text = " ".join(words)
    # word boundaries, so spans are whole words as in real annotations
    bounds, pos = [], 0
    for w in words:
        bounds.append((pos, pos + len(w)))
        pos += len(w) + 1
    picks = sorted(rng.sample(range(len(bounds) - 3), n_mentions))
    mentions = tuple(
        Mention(
            bounds[k][0],
            bounds[k + rng.randint(0, 2)][1],
            rng.choice(_LABELS),
            entity="putin" if k % 5 == 0 else None,
            annotator="annotator-1",
            ext_id=f"m{j + 1}",
        )
        for j, k in enumerate(picks)
    )
    claims = []
    for j in range(n_claims):
        k = rng.randrange(len(bounds) - 12)
        source = _SOURCES[j % 4] if mentions or j % 4 else _SOURCES[2]
        claims.append(
            Claim(
                bounds[k + 1][0],
                bounds[k + rng.randint(2, 10)][1],
                source=source,
                cue=Span(*bounds[k]),
                quote_type=QuoteType.INDIRECT if j % 3 else QuoteType.DIRECT,
                polarity=Polarity.ASSERTED,
                topics=("trade", "summit") if j % 2 else (),
                annotator="annotator-1",
                ext_id=f"c{j + 1}",
            )
        )
    return Document(
        external_id=f"template-{i}",
        text=text,
        meta=DocumentMeta(
            outlet=("سبوتنيك", "RT Arabic", "الجزيرة")[i % 3],
            title=f"مقال {i}",
            published=date(2023, 3, 1 + i % 28),
            event="Putin-Assad summit",
        ),
        mentions=mentions,
        claims=tuple(claims),
        registry=_REGISTRY,
        text_sha256=text_sha256(text),
    )


def generate_documents(
    n_annotations: int, *, mentions_per_doc: int = 90, claims_per_doc: int = 10, seed: int = 0
) -> Iterator[Document]:
    """Yield documents until ``n_annotations`` mentions + claims have been produced."""
    rng = random.Random(seed)
    per_doc = mentions_per_doc + claims_per_doc
    pool = [_template(rng, i, mentions_per_doc, claims_per_doc) for i in range(40)]
    n_docs = -(-n_annotations // per_doc)
    for i in range(n_docs):
        yield dataclasses.replace(pool[i % len(pool)], external_id=f"bench-{i:07d}")

"""S6: export 1,000,000 annotations — JSONL ≤ 10 s, claims CSV ≤ 5 s, memory flat.

``python -m desktop.formats.bench_formats [N]`` prints one JSON object per line, like
``desktop.bench``. Documents are generated in memory and **streamed**: a pool of 40 distinct
~4 KB Arabic articles is built once and each exported document is a copy with its own id, so
generating costs next to nothing and the exporter never sees a list. Timings include writing to
a file in a temporary folder. Memory is the process's peak RSS (``resource.getrusage``); the
growth is measured against the peak after a warm-up export of a tenth of the size, so a flat
exporter shows (near) zero growth while a materialising one grows with the corpus.
"""

from __future__ import annotations

import dataclasses
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

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

__all__ = ["generate_documents", "measure_export"]

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


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _time_jsonl(n: int, path: Path) -> float:
    from desktop.formats.jsonl import write_jsonl

    docs = generate_documents(n)
    t0 = time.perf_counter()
    with path.open("w", encoding="utf-8", newline="\n") as out:
        write_jsonl(docs, out)
    return time.perf_counter() - t0


def _time_csv(n: int, path: Path) -> float:
    from desktop.formats.claims_table import write_claims_csv

    # n claim rows; 10 mentions per document so that mention sources are exercised too
    docs = generate_documents(n * 110 // 100, mentions_per_doc=10, claims_per_doc=100)
    t0 = time.perf_counter()
    write_claims_csv(docs, path)
    return time.perf_counter() - t0


def measure_export(n_annotations: int = 1_000_000) -> dict:
    """Time JSONL (``n_annotations`` mentions + claims) and claims CSV (``n_annotations`` claim
    rows) exports to files; report seconds, sizes and peak memory (see the module docstring)."""
    out: dict = {"annotations": n_annotations}
    with tempfile.TemporaryDirectory(prefix="mizan-s6-") as tmp:
        folder = Path(tmp)
        warm = max(1, n_annotations // 10)
        _time_jsonl(warm, folder / "warm.jsonl")
        _time_csv(warm, folder / "warm.csv")
        base = _peak_rss_mib()
        out["S6_export_jsonl_s"] = round(_time_jsonl(n_annotations, folder / "a.jsonl"), 3)
        after_jsonl = _peak_rss_mib()
        out["S6_export_csv_s"] = round(_time_csv(n_annotations, folder / "claims.csv"), 3)
        after_csv = _peak_rss_mib()
        out["jsonl_mib"] = round((folder / "a.jsonl").stat().st_size / 2**20, 1)
        out["csv_mib"] = round((folder / "claims.csv").stat().st_size / 2**20, 1)
    out["peak_rss_mib"] = round(after_csv, 1)
    out["rss_growth_jsonl_mib"] = round(after_jsonl - base, 1)
    out["rss_growth_csv_mib"] = round(after_csv - after_jsonl, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 1_000_000
    result = measure_export(n)
    units = {"_s": "s", "_mib": "MiB"}
    for name, value in result.items():
        unit = next((u for suffix, u in units.items() if name.endswith(suffix)), "count")
        print(json.dumps({"metric": name, "value": value, "unit": unit}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

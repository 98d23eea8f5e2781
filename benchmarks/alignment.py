"""Claim alignment: quality on the seed gold set and speed on generated events.

``python -m benchmarks.alignment`` prints, for every annotation variant of the gold set
(tests/compare/gold: clause / sentence / mixed spans, linked / bare annotations), recall@1, @3,
@10, MRR and the precision of the strong tier; then the median time of
:func:`desktop.compare.suggest_alignments` over generated events (tests/support/event.py) of
20 x 50 and 200 x 50 claims (targets 1 s and 5 s, docs/benchmarks.md). ``--json`` prints one
JSON object instead.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from desktop.compare import suggest_alignments
from desktop.compare.align import FLOOR
from tests.compare.gold import VARIANTS, evaluate
from tests.support.event import generate_event

SIZES = ((20, 50, 1.0), (200, 50, 5.0))


def quality() -> list[dict]:
    rows = []
    for variant in VARIANTS:
        r = evaluate(variant)
        rows.append({k: r[k] for k in r if k not in ("misses", "conflicts")})
    return rows


def speed(repeat: int = 3) -> list[dict]:
    rows = []
    for n_docs, n_claims, target in SIZES:
        docs = generate_event(n_docs, n_claims)
        suggest_alignments(docs[:2])  # warm-up: folding tables, caches
        times, found = [], 0
        for _ in range(repeat if n_docs <= 20 else 1):
            t = time.perf_counter()
            found = len(suggest_alignments(docs, threshold=FLOOR))
            times.append(time.perf_counter() - t)
        rows.append(
            {
                "documents": n_docs,
                "claims": n_docs * n_claims,
                "seconds": round(statistics.median(times), 3),
                "target": target,
                "suggestions": found,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.alignment")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quality-only", action="store_true")
    args = parser.parse_args(argv)
    result = {"quality": quality()}
    if not args.quality_only:
        result["speed"] = speed()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"{'variant':<18}{'r@1':>6}{'r@3':>6}{'r@10':>6}{'MRR':>6}{'strong P':>10}{'queries':>9}")
    for r in result["quality"]:
        print(
            f"{r['variant']:<18}{r['recall@1']:>6.2f}{r['recall@3']:>6.2f}{r['recall@10']:>6.2f}"
            f"{r['mrr']:>6.2f}{r['strong_precision']:>10.2f}{r['queries']:>9}"
        )
    for r in result.get("speed", []):
        print(
            f"{r['documents']} docs x {r['claims'] // r['documents']} claims: {r['seconds']:.2f} s "
            f"(target {r['target']:.0f} s), {r['suggestions']} suggestions"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

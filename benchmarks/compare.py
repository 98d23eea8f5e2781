"""Claim alignment suggestions over a generated event (docs/benchmarks.md, target ≤ 1 s)."""

from __future__ import annotations

import statistics
import time

from benchmarks.measure import Bench
from benchmarks.report import Figure
from desktop.compare.align import suggest_alignments
from tests.support.event import generate_event


def measure_alignment(n_docs: int = 20, n_claims: int = 50, repeat: int = 3) -> float:
    """Median wall time in ms of suggest_alignments over ``n_docs`` × ``n_claims``."""
    docs = generate_event(n_docs, n_claims)
    suggest_alignments(docs[:2])  # warm-up: builds the folding tables once per process
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        suggest_alignments(docs)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def alignment(bench: Bench) -> None:
    for n_docs, n_claims in bench.sizes.alignments:
        ms = measure_alignment(n_docs, n_claims)
        target, limit = ("≤ 1000 ms", 1000) if n_docs <= 20 else ("≤ 5000 ms", 5000)
        bench.report.add(
            Figure(f"align_{n_docs}_docs_x_{n_claims}_claims", ms, "ms", target, limit=limit)
        )

"""Folded search over the imported corpus through the Workspace, returning every match."""

from __future__ import annotations

import statistics
import time

from benchmarks.measure import Bench
from benchmarks.report import Figure

# spread over the corpus: vowelled, tatweel, a phrase, Arabic-Indic digits, one with no match
QUERIES = ("بوتين", "يتحدث", "العربية", "لافروف أشار", "مدرسه", "٢٠٢٣", "الوفد", "يَتَحَدَّثُ")


def search(bench: Bench) -> None:
    from desktop.app.project import Project
    from desktop.app.workspace import Workspace

    n = bench.sizes.docs
    project = Project.open(str(bench.imported(n, 0)), "bench")
    workspace = Workspace(project)
    first = workspace.search(QUERIES[0], limit=n + 1)  # nothing indexed yet: folded on the fly
    t0 = time.perf_counter()
    indexed = project.build_search_index()  # what the window does in the background
    bench.report.add(
        Figure(
            f"search_index_build_{n}_docs",
            time.perf_counter() - t0,
            "s",
            "off the import's critical path",
            note=f"{indexed} documents, in the background after `mizan import`",
        )
    )
    if workspace.search(QUERIES[0], limit=n + 1) != first:
        raise RuntimeError("search found other documents once the index was built")
    times, hits = [], 0
    for _ in range(3):
        for query in QUERIES:
            t0 = time.perf_counter()
            found = workspace.search(query, limit=n + 1)  # every match, not the first page
            times.append((time.perf_counter() - t0) * 1000)
            hits = max(hits, len(found))
    project.close()
    bench.report.add(
        Figure(
            f"search_{n}_articles_p50",
            statistics.median(times),
            "ms",
            "≤ 20 ms",
            limit=20,
            note=f"max {max(times):.0f} ms, up to {hits} documents per query",
        )
    )

"""`mizan import` as a whole command against the import floor, on ~4 KB generated articles."""

from __future__ import annotations

from benchmarks.measure import Bench
from benchmarks.report import LABEL_STUDIO, Figure


def import_documents(bench: Bench) -> None:
    """Plain articles (no spans): every document stored and listed."""
    n = bench.sizes.docs
    _, floor = bench.floor_db(n, 0)
    db = bench.path(f"mizan-{n}x0.db")
    cmd = bench.import_into(db, n, 0)
    add = bench.report.add
    add(Figure(f"import_floor_{n}_docs", floor.seconds, "s", note="read, parse, hash, insert"))
    add(
        Figure(
            f"mizan_import_{n}_docs",
            cmd.seconds,
            "s",
            "≤ 2× floor",
            floor=floor.seconds,
            limit=2.0,
            reference=LABEL_STUDIO["import"],
        )
    )
    add(
        Figure(
            f"peak_rss_import_{n}_docs",
            cmd.peak_rss_mib,
            "MiB",
            "≤ 200 MiB",
            limit=200,
            reference=LABEL_STUDIO["memory"],
        )
    )


def import_spans(bench: Bench) -> None:
    """Annotated articles, 100 spans each (90 mentions, 10 claims)."""
    n = bench.sizes.span_docs
    _, floor = bench.floor_db(n, 100)
    cmd = bench.import_into(bench.path(f"mizan-{n}x100.db"), n, 100)
    add = bench.report.add
    add(Figure(f"import_floor_{n}x100_spans", floor.seconds, "s"))
    add(
        Figure(
            f"mizan_import_{n}x100_spans",
            cmd.seconds,
            "s",
            "≤ 2.5× floor",
            floor=floor.seconds,
            limit=2.5,
        )
    )
    rate = n * 100 / cmd.seconds
    add(Figure("mizan_import_spans_per_s", rate, "spans/s", "≥ 100,000/s", limit=100_000))

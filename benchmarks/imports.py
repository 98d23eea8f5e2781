"""`mizan import` as a whole command against the import floor, on ~4 KB generated articles."""

from __future__ import annotations

from pathlib import Path

from benchmarks.measure import Bench, Run
from benchmarks.report import LABEL_STUDIO, Figure


def _median_runs(bench: Bench, db: Path, n: int, spans: int) -> tuple[Run, Run]:
    """(floor, command): the median of `sizes.runs` runs of each, by turns (one run of either
    varies by a third on a 2-core machine, the commits waiting on the disk); the command's peak
    RSS is the largest of its runs."""
    floors, cmds = [], []
    for _ in range(bench.sizes.runs):
        floors.append(bench.floor_db(n, spans)[1])
        cmds.append(bench.import_into(db, n, spans))
    floor = sorted(floors, key=lambda r: r.seconds)[len(floors) // 2]
    cmd = sorted(cmds, key=lambda r: r.seconds)[len(cmds) // 2]
    peak = max(r.peak_rss_mib for r in cmds)
    return floor, Run(cmd.seconds, peak, cmd.stdout)


def import_documents(bench: Bench) -> None:
    """Plain articles (no spans): every document stored and listed."""
    n = bench.sizes.docs
    floor, cmd = _median_runs(bench, bench.path(f"mizan-{n}x0.db"), n, 0)
    add = bench.report.add
    note = "read, parse, hash, insert; median of runs by turns with the command"
    add(Figure(f"import_floor_{n}_docs", floor.seconds, "s", note=note))
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
    floor, cmd = _median_runs(bench, bench.path(f"mizan-{n}x100.db"), n, 100)
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

"""`mizan export --format jsonl` as a whole command against the export floor, read from the
database: 1,000 annotated articles (10 spans each), and 1,000,000 annotations in the full run;
`mizan stats` on 10,000 articles × 100 spans against a floor of the main counts."""

from __future__ import annotations

import statistics

from benchmarks.measure import Bench, by_turns, python_module, run
from benchmarks.report import LABEL_STUDIO, Figure


def _export(bench: Bench, db, name: str) -> tuple:
    out = bench.path(name)
    result = bench.mizan(db, "export", "--format", "jsonl", "--out", str(out))
    return result, out


def _lines(path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


def export_documents(bench: Bench) -> None:
    n = bench.sizes.export_docs
    floor_db, _ = bench.floor_db(n, 10)
    floor_out = bench.path("floor-export.jsonl")
    floor = run(
        [*python_module("benchmarks.floors"), "export", str(floor_db), str(floor_out)], bench.tmp
    )
    cmd, out = _export(bench, bench.imported(n, 10), "export.jsonl")
    if _lines(out) != n:
        raise RuntimeError(f"mizan export wrote {_lines(out)} documents, not {n}")
    add = bench.report.add
    add(Figure(f"export_floor_{n}_docs_{n * 10}_spans", floor.seconds, "s"))
    add(
        Figure(
            f"mizan_export_jsonl_{n}_docs",
            cmd.seconds,
            "s",
            "≤ 3× floor",
            floor=floor.seconds,
            limit=3.0,
            reference=LABEL_STUDIO["export"],
        )
    )


def export_million(bench: Bench) -> None:
    """10,000 articles × 100 spans imported by `mizan import`, then exported to JSONL."""
    n = 10_000
    floor_db, floor_import = bench.floor_db(n, 100)
    db = bench.path(f"mizan-{n}x100.db")
    imported = bench.import_into(db, n, 100)
    floor_out = bench.path("floor-export-1m.jsonl")
    floor = run(
        [*python_module("benchmarks.floors"), "export", str(floor_db), str(floor_out)], bench.tmp
    )
    cmd, out = _export(bench, db, "export-1m.jsonl")
    add = bench.report.add
    add(
        Figure(
            f"mizan_import_{n}x100_spans",
            imported.seconds,
            "s",
            "≤ 2.5× floor",
            floor=floor_import.seconds,
            limit=2.5,
        )
    )
    add(  # S5 at the size of a bulk import, beside the rate at 100,000 spans (imports.py)
        Figure(
            f"mizan_import_spans_per_s_{n}x100",
            n * 100 / imported.seconds,
            "spans/s",
            "≥ 100,000/s",
            limit=100_000,
        )
    )
    add(Figure("export_floor_1m_annotations", floor.seconds, "s"))
    add(
        Figure(
            "mizan_export_jsonl_1m_annotations",
            cmd.seconds,
            "s",
            "≤ 10 s",
            floor=floor.seconds,
            limit=10.0,
            note=f"{out.stat().st_size / 2**20:.0f} MiB written",
        )
    )
    add(Figure("peak_rss_export_1m_annotations", cmd.peak_rss_mib, "MiB", "≤ 200 MiB", limit=200))


def stats(bench: Bench) -> None:
    """`mizan stats` (text) on the articles × 100 spans database, whole command: the median of
    three runs and of three of the floor, by turns (one run of either varies by a third on a
    2-core machine shared with other jobs)."""
    n = bench.sizes.docs
    db = bench.imported(n, 100)
    runs = max(3, bench.sizes.runs)
    floors, cmds = by_turns(
        runs,
        lambda: run([*python_module("benchmarks.floors"), "stats", str(db)], bench.tmp),
        lambda: bench.mizan(db, "stats"),
    )
    for done in cmds:
        if f"documents   {n}" not in done.stdout:
            raise RuntimeError(f"mizan stats did not count {n} documents: {done.stdout[:200]}")
    floor_s = statistics.median(r.seconds for r in floors)
    add = bench.report.add
    add(Figure(f"stats_floor_{n}_docs_x100_spans", floor_s, "s"))
    add(
        Figure(
            f"mizan_stats_{n}_docs_x100_spans",
            statistics.median(r.seconds for r in cmds),
            "s",
            "≤ 3× floor",
            floor=floor_s,
            limit=3.0,
            note=f"median of {runs}",
        )
    )

"""`mizan import` as a whole command against the import floor, on ~4 KB generated articles."""

from __future__ import annotations

from pathlib import Path

from benchmarks.measure import Bench, Run, by_turns
from benchmarks.report import LABEL_STUDIO, Figure


def _median(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def _median_runs(
    bench: Bench, db: Path, n: int, spans: int, *, existing: bool = False
) -> tuple[Run, Run, list[Run]]:
    """(floor, command into a new database, with ``existing`` the command into one holding
    the seeds and into that one while another process has it open): the median
    of `sizes.import_runs` runs of each, by turns (one run of any varies by a third on a
    2-core machine, the commits waiting on the disk), none of them watched for memory (see
    `benchmarks.measure.run`)."""
    jobs = [
        lambda: bench.floor_db(n, spans, watch=False)[1],
        lambda: bench.import_into(db, n, spans, watch=False),
    ]
    if existing:
        in_use = bench.path(f"in-use-{db.name}")
        jobs.append(lambda: bench.import_into(in_use, n, spans, existing=True, watch=False))
        jobs.append(lambda: bench.import_into(in_use, n, spans, held_open=True, watch=False))
    floors, cmds, *into = by_turns(bench.sizes.import_runs, *jobs)
    return _median(floors), _median(cmds), [_median(runs) for runs in into]


def import_documents(bench: Bench) -> None:
    """Plain articles (no spans): every document stored and listed."""
    n = bench.sizes.docs
    db = bench.path(f"mizan-{n}x0.db")
    floor, cmd, _ = _median_runs(bench, db, n, 0)
    memory = bench.import_into(db, n, 0)  # one more run, watched for its peak memory
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
            memory.peak_rss_mib,
            "MiB",
            "≤ 200 MiB",
            limit=200,
            reference=LABEL_STUDIO["memory"],
        )
    )


def import_spans(bench: Bench) -> None:
    """Annotated articles, 100 spans each (90 mentions, 10 claims)."""
    n = bench.sizes.span_docs
    db = bench.path(f"mizan-{n}x100.db")
    floor, cmd, (into, held) = _median_runs(bench, db, n, 100, existing=True)
    add = bench.report.add
    add(Figure(f"import_floor_{n}x100_spans", floor.seconds, "s"))
    # Bulk imports, nobody else in the file (written directly): into a new database and into
    # one holding the seeds. S5's rate is theirs.
    for run, suffix in ((cmd, ""), (into, "_into_existing_db")):
        add(
            Figure(
                f"mizan_import_{n}x100_spans{suffix}",
                run.seconds,
                "s",
                "≤ 2.5× floor",
                floor=floor.seconds,
                limit=2.5,
            )
        )
        rate = n * 100 / run.seconds
        add(
            Figure(
                f"mizan_import_spans_per_s{suffix}",
                rate,
                "spans/s",
                "≥ 100,000/s",
                limit=100_000,
            )
        )
    # While another process has the file open (a window): staged beside the tables and copied
    # in one short write, so that process keeps saving while the file is read; every row is
    # written twice (docs/benchmarks.md, "Session 7").
    note = "staged: the other process keeps saving while the file is read"
    add(
        Figure(
            f"mizan_import_{n}x100_spans_while_open_elsewhere",
            held.seconds,
            "s",
            "≤ 2.5× floor",
            floor=floor.seconds,
            limit=2.5,
            note=note,
        )
    )
    add(
        Figure(
            "mizan_import_spans_per_s_while_open_elsewhere",
            n * 100 / held.seconds,
            "spans/s",
            note=note,
        )
    )

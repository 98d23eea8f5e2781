"""Window figures: start-up against a bare Qt window, and the 1 MB article opened from the
database, scrolled and annotated with the label key, each in its own process."""

from __future__ import annotations

import json
import statistics

from benchmarks.measure import ROOT, Bench, by_turns, mizan, percentile, python_module, run
from benchmarks.report import LABEL_STUDIO, Figure

SEED, OTHER_SEED = "000_90a49cccec282318", "001_2ecffe47322c837b"


def _by_turns(bench: Bench, *commands: list[str]) -> list[tuple[float, float]]:
    """(median seconds, largest peak RSS) of each command, run `sizes.runs` times by turns."""
    runs = by_turns(bench.sizes.runs, *(lambda a=args: run(a, bench.tmp) for args in commands))
    return [
        (statistics.median(r.seconds for r in done), max(r.peak_rss_mib for r in done))
        for done in runs
    ]


def _seeds_db(bench: Bench):
    db = bench.path("seeds.db")
    if not db.exists():
        bench.mizan(db, "import", str(ROOT / "seeds"))
    return db


def startup(bench: Bench) -> None:
    db = _seeds_db(bench)
    shot = str(bench.path("shot.png"))
    (floor, _), (screenshot, _), (probe, rss) = _by_turns(
        bench,
        [*python_module("benchmarks.floors"), "window"],
        [*mizan(), "--db", str(db), "--annotator", "bench", "--screenshot", shot],
        [*python_module("benchmarks.probes"), "start", str(db)],
    )
    empty = bench.path("first-start.db")
    first = run(
        [*mizan(), "--db", str(empty), "--annotator", "bench", "--screenshot", shot], bench.tmp
    )
    add = bench.report.add
    add(Figure("start_floor_bare_qt_window", floor, "s"))
    add(
        Figure(
            "mizan_screenshot_seeds",
            screenshot,
            "s",
            "≤ 4× floor",
            floor=floor,
            limit=4.0,
            reference=LABEL_STUDIO["start"],
        )
    )
    add(Figure("start_to_painted_window_seeds", probe, "s", "≤ 1.0 s", floor=floor, limit=1.0))
    add(
        Figure(
            "first_start_empty_db_screenshot",
            first.seconds,
            "s",
            "≤ 1.0 s",
            floor=floor,
            limit=1.0,
        )
    )
    add(Figure("peak_rss_start_seeds", rss, "MiB"))


def big_article(bench: Bench) -> None:
    from tests.support.corpus import big_article_record

    s = bench.sizes
    db = bench.path("big.db")
    if not db.exists():
        big = bench.path("big.jsonl")
        record = big_article_record(s.big_chars, s.big_mentions)
        big.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        bench.mizan(db, "import", str(ROOT / "seeds"), str(big))
        run([*python_module("benchmarks.probes"), "index", str(db)], bench.tmp, timeout=1800)
    args = [*python_module("benchmarks.probes"), "article", str(db), "big", SEED, OTHER_SEED]
    probe = run([*args, str(s.presses)], bench.tmp, timeout=1800)
    got = json.loads(probe.stdout.strip().splitlines()[-1])
    size = f"{s.big_chars // 1000}k_chars_{s.big_mentions // 1000}k_spans"
    add = bench.report.add
    add(Figure("open_seed_article", got["open_seed_ms"], "ms", note="for comparison"))
    add(
        Figure(
            f"open_{size}_db_to_painted",
            got["open_big_ms"],
            "ms",
            "≤ 300 ms",
            limit=300,
            reference=LABEL_STUDIO["open"],
        )
    )
    add(
        Figure(
            f"open_{size}_panels_filled",
            got["open_big_panels_ms"],
            "ms",
            note="every span, the mention tree, the counts: read after the first paint",
        )
    )
    add(Figure(f"peak_rss_open_{size}", got["rss_open"], "MiB", "≤ 300 MiB", limit=300))
    scroll = got["scroll_ms"]
    add(Figure("scroll_page_p50", statistics.median(scroll), "ms", "≤ 16 ms", limit=16))
    keys = got["key_ms"]
    note = f"{got['mentions_added']} of {len(keys)} presses stored"
    add(
        Figure(
            "label_key_to_visible_first_press",
            keys[0],
            "ms",
            "≤ 100 ms",
            limit=100,
            note="the window's first edit, once it has settled after its start",
        )
    )
    for q, limit in ((0.5, 50), (0.99, 100)):
        add(
            Figure(
                f"label_key_to_visible_p{round(q * 100)}",
                percentile(keys, q),
                "ms",
                f"≤ {limit} ms",
                limit=limit,
                reference=LABEL_STUDIO["edit"],
                note=note,
            )
        )

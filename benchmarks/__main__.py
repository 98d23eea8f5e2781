"""Speed and memory figures on generated data: `python -m desktop.bench [--only PREFIX]`.

Prints one JSON object per line: {"metric": ..., "value": ..., "unit": ...}. A metric with an id
in quality.md starts with it (S5_..., S10_...). Times are in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WORDS = (
    "قال الرئيس الروسي فلاديمير بوتين إن التبادل التجاري بين البلدين نما بنسبة سبعة بالمائة "
    "وأكد الأسد أن العلاقات الروسية السورية تدخل مرحلة جديدة في موسكو ودمشق خلال القمة "
    "وزير الخارجية سيرغي لافروف أشار إلى أن المحادثات كانت جيدة ومثمرة ٢٠٢٣ كانون الثاني "
    "يَتَحَدَّثُ العـــربية 👍 مع\u200dالوفد"
).split()
LABELS = ("PERS", "ORG", "GPE", "LOC", "DATE", "OCC", "NORP", "CARDINAL")
METRICS: list[tuple[str, Callable]] = []


def metric(fn: Callable) -> Callable:
    METRICS.append((fn.__name__, fn))
    return fn


def emit(name: str, value: float, unit: str, **extra) -> None:
    print(json.dumps({"metric": name, "value": round(value, 3), "unit": unit, **extra}), flush=True)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate_text(rng: random.Random, n_words: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n_words)]
    for i in range(12, n_words, 13):
        words[i] += "."
        if i % 39 == 0:
            words[i] += "\n"
    return " ".join(words)


def generate_record(rng: random.Random, i: int, n_words: int = 600, n_spans: int = 100) -> dict:
    text = generate_text(rng, n_words) + f" ({i})"
    starts = sorted(rng.sample(range(len(text) - 20), n_spans)) if n_spans else []
    entities = []
    for k, start in enumerate(starts):
        end = start + rng.randint(1, 15)
        entities.append(
            {
                "id": f"m{k}",
                "start": start,
                "end": end,
                "label": rng.choice(LABELS),
                "text": text[start:end],
            }
        )
    claims = [
        {
            "id": f"c{k}",
            "start": s,
            "end": s + 40,
            "source": {"mention": f"m{k}"},
            "quote_type": "indirect",
        }
        for k, s in enumerate(starts[:5])
    ]
    return {
        "id": f"gen-{i:05d}",
        "text": text,
        "meta": {
            "outlet": f"outlet {i % 7}",
            "event": f"event {i % 20}",
            "published": "2024-01-01",
        },
        "entities": entities,
        "claims": claims,
    }


def write_corpus(path: Path, n_docs: int, **kw) -> tuple[int, int]:
    rng = random.Random(1234)
    spans = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_docs):
            rec = generate_record(rng, i, **kw)
            spans += len(rec["entities"]) + len(rec["claims"])
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n_docs, spans


@metric
def import_export(tmp: Path) -> None:
    from desktop.app.project import Project

    src = tmp / "corpus.jsonl"
    n_docs, n_spans = write_corpus(src, 1000)
    project = Project.open(str(tmp / "bench.db"), "bench")
    t0 = time.perf_counter()
    project.import_paths([src])
    elapsed = time.perf_counter() - t0
    emit("S5_import_spans_per_s", n_spans / elapsed, "spans/s", documents=n_docs, spans=n_spans)
    emit("import_1000_documents_ms", elapsed * 1000, "ms")

    out = tmp / "out.jsonl"
    t0 = time.perf_counter()
    project.export_jsonl(out)
    elapsed = time.perf_counter() - t0
    emit("export_jsonl_annotations_per_s", n_spans / elapsed, "annotations/s")
    emit(
        "export_jsonl_1000_documents_ms",
        elapsed * 1000,
        "ms",
        mb=round(out.stat().st_size / 2**20, 2),
    )
    emit("S10_peak_rss_import_export_1000_docs", peak_rss_mib(), "MiB")
    project.close()


@metric
def folding(tmp: Path) -> None:
    from desktop.text import fold, fold_key

    text = generate_text(random.Random(7), 200_000)  # about 1.3 MB
    mb = len(text.encode("utf-8")) / 2**20
    for name, fn in (("fold_key", fold_key), ("fold_with_map", fold)):
        t0 = time.perf_counter()
        fn(text)
        emit(f"{name}_mb_per_s", mb / (time.perf_counter() - t0), "MB/s", mb=round(mb, 2))


@metric
def window(tmp: Path) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.window import measure_create_mention, measure_startup
    from desktop.app.project import Project
    from desktop.app.resources import seeds_dir

    empty = tmp / "empty.db"
    emit("S9_first_start_empty_db_ms", measure_startup(empty, runs=1), "ms")
    seeded = tmp / "seeded.db"
    project = Project.open(str(seeded), "bench")
    project.import_paths([seeds_dir()])
    project.close()
    emit("S1_start_to_window_ms", measure_startup(seeded), "ms")
    figures = measure_create_mention(seeded)
    emit("S4_create_mention_commit_p50_ms", figures["commit_p50"], "ms")
    emit("S4_create_mention_commit_p99_ms", figures["commit_p99"], "ms")
    emit("S4_create_mention_visible_p50_ms", figures["visible_p50"], "ms")
    emit("S4_create_mention_visible_p99_ms", figures["visible_p99"], "ms")


@metric
def article_view(tmp: Path) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.view import measure_jump, measure_open, measure_scroll

    measure_open(n_chars=200_000, n_spans=1_000)  # warm-up: fonts, first layout
    for spans in (10_000, 50_000):
        emit(f"S2_open_1mb_{spans // 1000}k_spans_ms", measure_open(1_000_000, spans), "ms")
    jump = measure_jump(1_000_000, 10_000)
    emit("S3_jump_to_span_p50_ms", jump["p50"], "ms", max=round(jump["max"], 2))
    scroll = measure_scroll(1_000_000, 10_000)
    emit(
        "S3_scroll_frame_p50_ms",
        scroll["p50"],
        "ms",
        p95=round(scroll["p95"], 2),
        max=round(scroll["max"], 2),
    )


@metric
def exports(tmp: Path) -> None:
    from benchmarks.exports import measure_export

    figures = measure_export(1_000_000)
    emit("S6_export_1m_annotations_jsonl_ms", figures["S6_export_jsonl_s"] * 1000, "ms")
    emit("S6_export_1m_annotations_csv_ms", figures["S6_export_csv_s"] * 1000, "ms")
    emit(
        "S6_export_peak_rss",
        figures["peak_rss_mib"],
        "MiB",
        growth_jsonl_mib=figures["rss_growth_jsonl_mib"],
        growth_csv_mib=figures["rss_growth_csv_mib"],
    )


@metric
def alignment(tmp: Path) -> None:
    from benchmarks.compare import measure_alignment

    emit("S8_align_20_docs_x_50_claims_ms", measure_alignment(20, 50), "ms")


@metric
def search(tmp: Path) -> None:
    """S7: folded search over 10,000 generated articles through the FTS5 trigram index."""
    import statistics

    from desktop.app.project import Project
    from desktop.app.workspace import Workspace

    src = tmp / "search.jsonl"
    write_corpus(src, 10_000, n_words=500, n_spans=0)
    project = Project.open(str(tmp / "search.db"), "bench")
    project.import_paths([src])
    workspace = Workspace(project)
    times = []
    for query in ("بوتين", "يتحدث", "العربية", "لافروف أشار", "مدرسه", "٢٠٢٣", "الوفد") * 5:
        t0 = time.perf_counter()
        workspace.search(query)
        times.append((time.perf_counter() - t0) * 1000)
    emit("S7_search_10k_articles_p50_ms", statistics.median(times), "ms", max=round(max(times), 2))
    project.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.bench", description=__doc__)
    parser.add_argument("--only", help="run the metrics whose function name starts with this")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mizan-bench-") as tmp:
        for name, fn in METRICS:
            if args.only and not name.startswith(args.only):
                continue
            fn(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())

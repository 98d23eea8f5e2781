"""S6: export 1,000,000 annotations — JSONL ≤ 10 s, claims CSV ≤ 5 s, memory flat.

Documents are generated in memory and **streamed**: a pool of 40 distinct
~4 KB Arabic articles is built once and each exported document is a copy with its own id, so
generating costs next to nothing and the exporter never sees a list. Timings include writing to
a file in a temporary folder. Memory is the process's peak RSS (``resource.getrusage``); the
growth is measured against the peak after a warm-up export of a tenth of the size, so a flat
exporter shows (near) zero growth while a materialising one grows with the corpus.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from tests.support.documents import generate_documents

__all__ = ["measure_export"]


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

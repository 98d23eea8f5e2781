"""Speed and memory figures on generated data: ``python -m benchmarks [--quick] [--only NAME…]``.

Prints one line per figure: name, value, unit, target, the multiple of its floor where a floor
applies (timed in the same run), and Label Studio's figure for reference. What each figure times:
docs/benchmarks.md. ``--quick`` runs smaller sizes (a check that the benchmark still works, not
figures to quote); ``--json`` prints one JSON object per figure instead.
"""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import agreement, compare, exports, imports, search, window
from benchmarks.measure import QUICK, ROOT, Bench, Sizes
from benchmarks.report import Report

FIGURES = {
    "import": imports.import_documents,
    "import_spans": imports.import_spans,
    "export": exports.export_documents,
    "export_million": exports.export_million,
    "stats": exports.stats,
    "startup": window.startup,
    "article": window.big_article,
    "search": search.search,
    "align": compare.alignment,
    "agreement": agreement.agreement,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, one launch per figure")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        choices=sorted(FIGURES),
        help="run only these groups of figures",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per figure")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else Sizes()
    names = args.only or [n for n in FIGURES if sizes.million or n != "export_million"]
    report = Report(as_json=args.json)
    # Bytecode as an installed Mizan has it (pip and the bundle compile it at install): with
    # PYTHONDONTWRITEBYTECODE set, edited modules would be compiled again at every launch, and
    # each command would time that (docs/benchmarks.md, "Principles").
    compileall.compile_dir(ROOT / "desktop", quiet=1)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mizan-bench-") as tmp:
        bench = Bench(Path(tmp), sizes, report)
        for name in names:
            FIGURES[name](bench)
    if not args.json:
        missed = [f.name for f in report.figures if f.met is False]
        print(
            f"# {len(report.figures)} figures in {time.perf_counter() - t0:.0f} s; "
            f"targets missed: {', '.join(missed) or 'none'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

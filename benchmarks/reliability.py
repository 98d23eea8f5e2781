"""The long crash loop: ``python -m benchmarks.reliability [--runs 1000] [--quick]``.

A writer records mentions and prints each id once committed; it is killed with SIGKILL at a
random moment, ``--runs`` times; every acknowledged mention must survive and SQLite's
integrity_check must say ok. The tests run the same loop six times (tests/reliability).
Exit status 1 if anything acknowledged was lost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.support.crash import crash_loop, prepare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reliability", description=__doc__)
    parser.add_argument("--runs", type=int, default=1000, help="writers killed (default 1000)")
    parser.add_argument("--quick", action="store_true", help="20 runs: a check that it works")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    runs = 20 if args.quick else args.runs
    with tempfile.TemporaryDirectory(prefix="mizan-crash-") as folder:
        db = Path(folder) / "mizan.db"
        prepare(db)
        started = time.perf_counter()
        report = crash_loop(db, runs, seed=args.seed, max_life=0.6)
        seconds = time.perf_counter() - started
    print(f"crash runs           {report.runs}")
    print(f"acknowledged writes  {report.acknowledged}")
    print(f"lost                 {len(report.lost)}")
    print(f"integrity failures   {len(report.integrity)}")
    print(f"time                 {seconds:.0f} s")
    for line in report.integrity[:10]:
        print(f"  {line}")
    return 1 if report.lost or report.integrity else 0


if __name__ == "__main__":
    sys.exit(main())

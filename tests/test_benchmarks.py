"""The benchmark (``python -m benchmarks``) keeps running: one cheap figure, as a user runs it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_alignment_figure_prints_one_line():
    r = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "align"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stdout.splitlines() if not line.startswith("#")]
    assert len(lines) == 1
    assert re.match(r"align_20_docs_x_50_claims +[\d.,]+ ms +target ≤ 1000 ms", lines[0])

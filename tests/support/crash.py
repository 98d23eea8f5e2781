"""The crash loop shared by tests/reliability and `python -m benchmarks.reliability`: a writer
process records mentions and prints each id once its transaction committed; it is killed with
SIGKILL at a random moment; every acknowledged id must still be there and the file intact."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = ROOT / "seeds" / "002_b056ffaf7079958c.txt"

WRITER = """
import sys
from desktop.app.project import Project
from desktop.app.workspace import Workspace
ws = Workspace(Project.open(sys.argv[1], "crash-test"))
doc = ws.documents()[0].id
i = int(sys.argv[2])
while True:
    change = ws.create_mention(doc, i % 500, i % 500 + 3, "PERS")
    print(change.mention_ids[0], flush=True)  # acknowledged: committed before this line
    i += 1
"""


@dataclass
class CrashReport:
    runs: int = 0
    acknowledged: int = 0
    lost: list[int] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)


def prepare(db_path: Path) -> None:
    from desktop.app.project import Project

    project = Project.open(str(db_path), "setup")
    project.import_paths([SEED_FILE])
    project.close()


def crash_loop(db_path: Path, runs: int, *, seed: int = 7, max_life: float = 1.2) -> CrashReport:
    """`runs` writers, each killed after a random 0.05-`max_life` s of writing."""
    rng = random.Random(seed)
    report = CrashReport()
    acknowledged: list[int] = []
    for run in range(runs):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(run * 7)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        first = proc.stdout.readline()  # started: the first write is acknowledged
        if first:
            acknowledged.append(int(first))
        deadline = time.monotonic() + rng.uniform(0.05, max_life)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        acknowledged.extend(int(x) for x in proc.stdout.read().split())  # printed before death
        proc.stdout.close()
        report.runs += 1
        con = sqlite3.connect(db_path)
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            report.integrity.append(f"run {run}: {check}")
        stored = {r[0] for r in con.execute("SELECT id FROM mention")}
        con.close()
        report.lost.extend(sorted(set(acknowledged) - stored - set(report.lost)))
    report.acknowledged = len(acknowledged)
    return report

"""kill -9 in the middle of a stream of annotation commits loses nothing acknowledged."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from desktop.app.project import Project
from tests.conftest import SEEDS, SPUTNIK

WRITER = """
import sys
from desktop.app.project import Project
from desktop.app.workspace import Workspace
ws = Workspace(Project.open(sys.argv[1], "crash-test"))
doc = ws.documents()[0].id
i = 0
while True:
    change = ws.create_mention(doc, i % 500, i % 500 + 3, "PERS")
    print(change.mention_ids[0], flush=True)  # acknowledged: committed before this line
    i += 1
"""


def test_killing_the_writer_never_loses_an_acknowledged_annotation(db_path):
    project = Project.open(str(db_path), "setup")
    project.import_paths([SEEDS / f"{SPUTNIK}.txt"])
    project.close()
    rng = random.Random(7)
    acknowledged: list[int] = []
    for _round in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + rng.uniform(0.3, 1.2) + 2.0  # start-up, then writes
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        acknowledged.extend(int(x) for x in proc.stdout.read().split())  # printed before death
        con = sqlite3.connect(db_path)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {r[0] for r in con.execute("SELECT id FROM mention")}
        con.close()
        assert set(acknowledged) <= stored
    assert len(acknowledged) > 50  # the test did exercise many commits

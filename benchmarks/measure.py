"""Running whole commands as the user would, and reading their wall time and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mib: float
    stdout: str


def mizan() -> list[str]:
    """The installed `mizan` console script next to this interpreter, else `python -m desktop`."""
    script = Path(sys.executable).parent / "mizan"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "desktop"]


def python_module(module: str) -> list[str]:
    return [sys.executable, "-m", module]


def environment(tmp: Path) -> dict[str, str]:
    """Offscreen Qt, settings and data folders inside the run's temporary folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIZAN_")}
    env.update(
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    return env


def high_water_kib(pid: int) -> int:
    """The process's own peak RSS so far (``VmHWM``), 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def children(pid: int) -> list[int]:
    """The process's children now (an import's reading process), [] when it cannot be read."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as f:
            return [int(part) for part in f.read().split()]
    except (OSError, ValueError):
        return []


def _hold_open(db: Path) -> subprocess.Popen:
    """Another process with ``db`` open, as a window keeps it (a connection that has read it),
    until its standard input closes."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM document').fetchall(); print('open', flush=True); "
            "sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    if holder.stdout.readline() != "open\n":
        raise RuntimeError(f"{db.name}: the process holding it open did not start")
    return holder


def run(args: list[str], tmp: Path, timeout: float = 3600, *, watch: bool = True) -> Run:
    """Wall time from launch to exit and, when ``watch``ed, the child's own peak RSS (0 when
    not). Watching reads /proc every 2 ms: on two cores that takes time from a command that
    uses both (an import reading in a second process, about 0.1 s of a 1 s import), so the
    timed import runs are not watched and their peak comes from a run of its own
    (docs/benchmarks.md, "Principles"). The peak is the child's
    ``VmHWM``, read while it runs: ``wait4``'s ``ru_maxrss`` also counts the memory of this
    process at the moment the child was started (Linux keeps the high-water mark of the address
    space the child replaces at exec), so late in a run every figure read this process's size.
    ``ru_maxrss`` is the fallback where /proc is missing. A command that starts processes of its
    own (an import reading in a second process) counts theirs too: the sum of each one's peak,
    more than the memory they ever held at once (a forked process shares its parent's pages).
    A non-zero exit raises with the child's stderr."""
    out_path, err_path = tmp / "cmd.out", tmp / "cmd.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=environment(tmp), cwd=ROOT)
        try:
            peak_mib = _watched(proc, t0 + timeout) if watch else 0.0
            proc.wait(max(0.0, t0 + timeout - time.perf_counter()))
        except subprocess.TimeoutExpired:
            proc.kill()
            raise TimeoutError(f"{' '.join(args)}: still running after {timeout} s") from None
        seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {err_path.read_text()}")
    return Run(seconds, peak_mib, out_path.read_text(encoding="utf-8"))


def _watched(proc: subprocess.Popen, deadline: float) -> float:
    """The peak RSS in MiB of ``proc`` and of the processes it starts, read until it exits
    (its exit status then set on ``proc``)."""
    peak_kib = 0
    helpers: dict[int, int] = {}  # the command's own children -> their peak
    while True:
        peak_kib = max(peak_kib, high_water_kib(proc.pid))
        for helper in children(proc.pid):
            helpers[helper] = max(helpers.get(helper, 0), high_water_kib(helper))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return ((peak_kib or usage.ru_maxrss) + sum(helpers.values())) / 1024
        if time.perf_counter() > deadline:
            raise subprocess.TimeoutExpired(proc.args, 0)
        time.sleep(0.002)


def by_turns(times: int, *jobs: Callable[[], Run]) -> list[list[Run]]:
    """The runs of each job, ``times`` each, by turns (one of every job, then again): the
    machine's speed drifts between minutes, and a floor taken in another minute than its
    figure moves the multiple."""
    runs: list[list[Run]] = [[] for _ in jobs]
    for _ in range(times):
        for out, job in zip(runs, jobs, strict=True):
            out.append(job())
    return runs


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: p99 of 100 values is the 99th smallest."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q * len(ordered) + 0.4999)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Sizes:
    """The data each figure runs on; --quick shrinks them to check the benchmark still runs."""

    docs: int = 10_000  # ~4 KB articles for the import and search figures
    span_docs: int = 1_000  # articles × 100 spans for the span import figure
    export_docs: int = 1_000  # articles × 10 spans for the export figure
    big_chars: int = 1_000_000  # the big article …
    big_mentions: int = 50_000  # … and its mentions
    presses: int = 100  # label key presses for p50/p99
    runs: int = 3  # launches per start-up figure (median)
    import_runs: int = 5  # imports (and their floors) per import figure, by turns (median)
    alignments: tuple = ((20, 50), (200, 50))
    million: bool = True  # 1M annotations exported from the database


QUICK = Sizes(
    docs=1_000,
    span_docs=200,
    export_docs=200,
    big_chars=200_000,
    big_mentions=10_000,
    presses=20,
    runs=1,
    import_runs=1,
    alignments=((20, 50),),
    million=False,
)


class Bench:
    """What the figures share in one run: the temporary folder, sizes, generated files and
    databases (built once, by whichever figure needs them first)."""

    def __init__(self, tmp: Path, sizes: Sizes, report) -> None:
        self.tmp = tmp
        self.sizes = sizes
        self.report = report
        self.files: dict[str, Path] = {}

    def path(self, name: str) -> Path:
        return self.tmp / name

    def corpus(self, n_docs: int, n_spans: int) -> Path:
        from tests.support.corpus import write_corpus

        key = f"corpus-{n_docs}x{n_spans}.jsonl"
        if key not in self.files:
            write_corpus(self.path(key), n_docs, n_spans)
            self.files[key] = self.path(key)
        return self.files[key]

    def mizan(self, db: Path, *args: str, watch: bool = True) -> Run:
        return run(
            [*mizan(), "--db", str(db), "--annotator", "bench", *args], self.tmp, watch=watch
        )

    def imported(self, n_docs: int, n_spans: int) -> Path:
        """A Mizan database holding that corpus (imported by `mizan import`)."""
        key = f"mizan-{n_docs}x{n_spans}.db"
        if key not in self.files:
            self.import_into(self.path(key), n_docs, n_spans)
            self.files[key] = self.path(key)
        return self.files[key]

    def import_into(
        self,
        db: Path,
        n_docs: int,
        n_spans: int,
        *,
        existing: bool = False,
        held_open: bool = False,
        watch: bool = True,
    ) -> Run:
        """`mizan import` into a new database, or with ``existing`` into one holding the seeds
        already (both written directly: nobody else has the file open), or with ``held_open``
        into that one while another process has it open, as a window does (staged, then
        copied: docs/architecture.md); checked: every document stored and listed.
        ``watch``: its peak memory read too (see `run`)."""
        for old in db.parent.glob(db.name + "*"):
            old.unlink()
        seeds = 0
        if existing or held_open:
            self.mizan(db, "import", str(ROOT / "seeds"))
            seeds = json.loads(self.mizan(db, "stats", "--json").stdout)["documents"]
        holder = _hold_open(db) if held_open else None
        try:
            result = self.mizan(db, "import", str(self.corpus(n_docs, n_spans)), watch=watch)
        finally:
            if holder is not None:
                holder.communicate("", timeout=60)
        stats = json.loads(self.mizan(db, "stats", "--json").stdout)
        if stats["documents"] != n_docs + seeds:
            raise RuntimeError(f"{db.name}: {stats['documents']} documents, not {n_docs}")
        self.files[db.name] = db
        return result

    def floor_db(self, n_docs: int, n_spans: int, *, watch: bool = True) -> tuple[Path, Run]:
        db = self.path(f"floor-{n_docs}x{n_spans}.db")
        for old in db.parent.glob(db.name + "*"):
            old.unlink()
        corpus = self.corpus(n_docs, n_spans)
        return db, run(
            [*python_module("benchmarks.floors"), "import", str(db), str(corpus)],
            self.tmp,
            watch=watch,
        )

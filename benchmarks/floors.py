"""Floors: the least work any tool must do for a job, timed in the same run as Mizan's figure.

Absolute times differ between machines of the same size, so each figure is also printed as a
multiple of its floor (docs/benchmarks.md). Run as whole commands, like `mizan` itself:

    python -m benchmarks.floors import DB CORPUS.jsonl   # read, parse, SHA-256, executemany
    python -m benchmarks.floors export DB OUT.jsonl      # stream the rows, json.dumps them
    python -m benchmarks.floors stats MIZAN.db           # the main counts, with sqlite3
    python -m benchmarks.floors window                   # a bare PySide6 window painted
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys

SCHEMA = """
CREATE TABLE document (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE NOT NULL,
                       text TEXT NOT NULL, text_sha256 TEXT NOT NULL, meta TEXT NOT NULL);
CREATE TABLE span (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, kind TEXT NOT NULL,
                   ext_id TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT);
"""
BATCH = 1000


def import_floor(db: str, corpus: str) -> None:
    """One transaction; WAL and synchronous=FULL, as Mizan stores user data."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.executescript(SCHEMA)
    con.execute("BEGIN IMMEDIATE")
    docs: list[tuple] = []
    spans: list[tuple] = []
    with open(corpus, encoding="utf-8") as lines:
        for doc_id, line in enumerate(lines, 1):
            rec = json.loads(line)
            text = rec["text"]
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            docs.append((doc_id, rec["id"], text, sha, json.dumps(rec.get("meta", {}))))
            for kind in ("entities", "claims"):
                for s in rec.get(kind, ()):
                    spans.append((doc_id, kind, s.get("id"), s["start"], s["end"], s.get("label")))
            if len(docs) >= BATCH:
                _flush(con, docs, spans)
    _flush(con, docs, spans)
    con.execute("COMMIT")
    con.close()


def _flush(con: sqlite3.Connection, docs: list, spans: list) -> None:
    con.executemany("INSERT INTO document VALUES (?, ?, ?, ?, ?)", docs)
    con.executemany(
        'INSERT INTO span (document_id, kind, ext_id, start, "end", label) '
        "VALUES (?, ?, ?, ?, ?, ?)",
        spans,
    )
    docs.clear()
    spans.clear()


def export_floor(db: str, out: str) -> None:
    """Two ordered cursors merged by document, one json.dumps per document line."""
    con = sqlite3.connect(db)
    span_rows = con.execute(
        'SELECT document_id, kind, ext_id, start, "end", label FROM span ORDER BY document_id, id'
    )
    pending = next(span_rows, None)
    with open(out, "w", encoding="utf-8") as f:
        for doc_id, ext, text, sha, meta in con.execute(
            "SELECT id, external_id, text, text_sha256, meta FROM document ORDER BY id"
        ):
            rec = {"id": ext, "text": text, "text_sha256": sha, "meta": json.loads(meta)}
            rec["entities"], rec["claims"] = entities, claims = [], []
            while pending is not None and pending[0] == doc_id:
                _, kind, sid, start, end, label = pending
                span = {"id": sid, "start": start, "end": end, "text": text[start:end]}
                if kind == "entities":
                    span["label"] = label
                    entities.append(span)
                else:
                    claims.append(span)
                pending = next(span_rows, None)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    con.close()


def stats_floor(db: str) -> None:
    """`mizan stats`'s main counts read from the same Mizan database with sqlite3 alone:
    documents, reviewed mentions per label, claims per quote type, printed as JSON."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    counts = {
        "documents": con.execute("SELECT COUNT(*) FROM document").fetchone()[0],
        "mentions_by_label": dict(
            con.execute(
                "SELECT label, COUNT(*) FROM mention WHERE status IN ('manual', 'accepted') "
                "GROUP BY label"
            )
        ),
        "claims_by_quote_type": dict(
            con.execute("SELECT quote_type, COUNT(*) FROM claim GROUP BY quote_type")
        ),
    }
    print(json.dumps(counts, ensure_ascii=False))
    con.close()


def window_floor() -> None:
    """A bare top-level window, shown and painted; exits at once, as the probes do."""
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1500, 900)
    window.show()
    app.processEvents()
    window.grab()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    job, *args = sys.argv[1:]
    jobs = {"import": import_floor, "export": export_floor, "stats": stats_floor}
    {**jobs, "window": window_floor}[job](*args)

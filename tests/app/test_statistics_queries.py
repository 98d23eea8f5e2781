"""`mizan stats` reads every count of mentions and of claims in one pass over each table
(`desktop/storage/health.py`). Here the whole result, and the order of every table in it, is
compared with the plain way of counting: one GROUP BY … ORDER BY query per count, on SQLite
(read with sqlite3) and on PostgreSQL (read through SQLAlchemy)."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest
from sqlalchemy import text

from desktop.app.project import Project
from desktop.app.statistics import as_text, statistics
from desktop.core.errors import MizanError
from desktop.core.model import DocumentMeta
from desktop.core.speakers import speaker_label
from desktop.formats import registry
from desktop.storage import health
from tests.formats.test_exports import CLUSTERS, make_corpus

REVIEWED = "status IN ('manual', 'accepted')"
OUTLET = "coalesce(o.name, '(none)')"


def _corpus(tmp_path):
    """Three outlets and a document without one; mentions reviewed, suggested and rejected by
    two annotators; claims of every source kind and quote type by two annotators."""
    docs = make_corpus()
    docs += [
        replace(d, external_id=f"{d.external_id}-2", text=d.text + ".", text_sha256=None)
        for d in docs
    ]
    docs.append(
        replace(
            docs[0],
            external_id="no-outlet",
            text=docs[0].text + "..",
            text_sha256=None,
            meta=DocumentMeta(),
        )
    )
    source = tmp_path / "corpus.jsonl"
    registry.write("jsonl", docs, source, clusters=CLUSTERS)
    return source


def _plainly(rows) -> dict:
    """Every count of `mizan stats` by its own query, ordered by the database."""

    def grouped(sql: str) -> dict:
        out: dict = {}
        for outer, inner, n in rows.all(sql):
            out.setdefault(outer, {})[inner] = n
        return out

    documents = rows.scalar("SELECT COUNT(*) FROM document")
    mentions_by_annotator = rows.all(
        "SELECT a.name, COUNT(*) FROM mention m LEFT JOIN annotator a ON a.id = m.annotator_id "
        f"WHERE m.{REVIEWED} GROUP BY a.name ORDER BY a.name"
    )
    claims_by_annotator = rows.all(
        "SELECT a.name, COUNT(*) FROM claim c LEFT JOIN annotator a ON a.id = c.annotator_id "
        "GROUP BY a.name ORDER BY a.name"
    )
    by_annotator: dict = {}
    for column, counts in (("mentions", mentions_by_annotator), ("claims", claims_by_annotator)):
        for name, n in counts:
            by_annotator.setdefault(name or "(none)", {"mentions": 0, "claims": 0})[column] = n
    progress: dict = {}
    for name, status, n in rows.all(
        "SELECT a.name, s.status, COUNT(*) FROM document_status s "
        "JOIN annotator a ON a.id = s.annotator_id GROUP BY a.name, s.status ORDER BY a.name"
    ):
        row = progress.setdefault(name, {"done": 0, "in_progress": 0, "not_started": documents})
        row[status] += n
        row["not_started"] -= n
    for name, work in by_annotator.items():
        if name != "(none)":
            progress.setdefault(name, {"done": 0, "in_progress": 0, "not_started": documents})
            progress[name].update(work)
    speakers: dict[str, dict[str, int]] = {}
    overall: dict[str, int] = {}
    for outlet, kind, key, name, m_key, m_name, m_text in rows.all(
        "SELECT o.name, c.source_kind, de.key, de.name, me.key, me.name, "
        'substr(d.text, sm.start + 1, sm."end" - sm.start) '
        "FROM claim c JOIN document d ON d.id = c.document_id "
        "LEFT JOIN mention sm ON sm.id = c.source_mention_id "
        "LEFT JOIN entity me ON me.id = sm.entity_id "
        "LEFT JOIN entity de ON de.id = c.source_entity_id "
        "LEFT JOIN outlet o ON o.id = d.outlet_id"
    ):
        if kind != "entity":
            key, name = m_key, m_name
        speaker = speaker_label(kind, entity_key=key, entity_name=name, mention_text=m_text)
        per_outlet = speakers.setdefault(outlet or "(none)", {})
        per_outlet[speaker or "(none)"] = per_outlet.get(speaker or "(none)", 0) + 1
        overall[speaker or "(none)"] = overall.get(speaker or "(none)", 0) + 1

    def most_first(counts: dict) -> dict:
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    return {
        "documents": documents,
        "mentions": rows.scalar(f"SELECT COUNT(*) FROM mention WHERE {REVIEWED}"),
        "suggestions": rows.scalar("SELECT COUNT(*) FROM mention WHERE status = 'suggested'"),
        "claims": rows.scalar("SELECT COUNT(*) FROM claim"),
        "entities": rows.scalar("SELECT COUNT(*) FROM entity"),
        "clusters": rows.scalar("SELECT COUNT(*) FROM claim_cluster"),
        "mentions_by_label": dict(
            rows.all(
                f"SELECT label, COUNT(*) FROM mention WHERE {REVIEWED} GROUP BY label ORDER BY label"
            )
        ),
        "documents_by_outlet": {
            name or "(none)": n
            for name, n in rows.all(
                "SELECT o.name, COUNT(*) FROM document d LEFT JOIN outlet o ON o.id = d.outlet_id "
                "GROUP BY o.name ORDER BY o.name"
            )
        },
        "by_annotator": by_annotator,
        "claims_by_quote_type": dict(
            rows.all("SELECT quote_type, COUNT(*) FROM claim GROUP BY quote_type ORDER BY 1")
        ),
        "mentions_by_outlet_label": grouped(
            f"SELECT {OUTLET}, m.label, COUNT(*) FROM mention m "
            "JOIN document d ON d.id = m.document_id LEFT JOIN outlet o ON o.id = d.outlet_id "
            f"WHERE m.{REVIEWED} GROUP BY {OUTLET}, m.label ORDER BY 1, 2"
        ),
        "claims_by_outlet_quote_type": grouped(
            f"SELECT {OUTLET}, c.quote_type, COUNT(*) FROM claim c "
            "JOIN document d ON d.id = c.document_id LEFT JOIN outlet o ON o.id = d.outlet_id "
            f"GROUP BY {OUTLET}, c.quote_type ORDER BY 1, 2"
        ),
        "progress_by_annotator": dict(sorted(progress.items())),
        "claims_by_speaker": most_first(overall),
        "claims_by_outlet_speaker": {o: most_first(c) for o, c in sorted(speakers.items())},
    }


def _both(url: str, source) -> tuple[dict, dict]:
    project = Project.open(url, "tester")
    try:
        project.import_paths([source])
        with project.db.writing() as session:  # spans stored without an annotator
            for table, ext_id in (("mention", "m3"), ("claim", "c2")):
                session.execute(
                    text(f"UPDATE {table} SET annotator_id = NULL WHERE ext_id = :e"), {"e": ext_id}
                )
    finally:
        project.close()
    reopened = Project.open(url, "tester", create=False)
    try:
        with reopened.db.rows() as rows:
            plain = _plainly(rows)
        return statistics(reopened), plain
    finally:
        reopened.close()


def _same(stats: dict, plain: dict) -> None:
    assert stats == plain
    # the same order in every table: JSON without sorted keys, and the text of `mizan stats`
    assert json.dumps(stats, ensure_ascii=False) == json.dumps(plain, ensure_ascii=False)
    assert as_text(stats) == as_text(plain)


def test_one_pass_counts_equal_one_query_per_count_on_sqlite(db_path, tmp_path):
    stats, plain = _both(str(db_path), _corpus(tmp_path))
    assert stats["suggestions"] and stats["mentions"] and stats["claims"]
    assert "(none)" in stats["documents_by_outlet"]  # a document without an outlet
    assert {"other", "tester", "(none)"} <= set(stats["by_annotator"])
    assert len(stats["claims_by_quote_type"]) == 4
    assert len(stats["claims_by_speaker"]) >= 5
    _same(stats, plain)


def test_one_pass_counts_equal_one_query_per_count_on_postgresql(postgres_url, tmp_path):
    stats, plain = _both(postgres_url, _corpus(tmp_path))
    assert list(stats["by_annotator"])[:2] == ["other", "tester"]  # NULL sorts last here
    _same(stats, plain)


def test_mentions_counted_beside_the_claims_give_the_same_counts(db_path, tmp_path):
    """On an SQLite file `statistics` counts the mentions on a second connection, in a thread,
    while it counts the claims (`health.stats`): the same result as counting them in turn, and
    a failure there is raised here."""
    beside, _ = _both(str(db_path), _corpus(tmp_path))
    project = Project.open(str(db_path), "tester", create=False)
    try:
        assert project.db.lean  # the file is read with sqlite3: statistics() counted beside
        with project.db.rows() as rows:
            in_turn = health.stats(rows)
            threads = []
            _same(health.stats(rows, _opened(project.db.rows, threads)), in_turn)
            assert threads == ["mizan-stats"]

            def gone():
                raise MizanError("the second connection could not be opened")

            with pytest.raises(MizanError, match="could not be opened"):
                health.stats(rows, gone)
    finally:
        project.close()
    _same(beside, in_turn)


def _opened(open_rows, threads: list):
    """``open_rows``, noting the thread that opens it."""

    def opened():
        threads.append(threading.current_thread().name)
        return open_rows()

    return opened

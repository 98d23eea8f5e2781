"""The JSONL export written straight from stored rows (`desktop.core.stored`) gives the bytes of
the export written from whole `Document`s, for every filter, on SQLite and on PostgreSQL.

The corpus (tests/formats/test_exports.py) holds every kind of span: claims naming a mention, an
entity, the outlet or nobody, cues, topics, notes, registry entries, another annotator's spans,
suggested and rejected mentions, statuses and claim clusters."""

from __future__ import annotations

import json

from desktop.app.exporting import FORMATS, export, stored_documents, write
from desktop.app.project import Project
from desktop.core.filters import ExportFilter
from desktop.core.model import ClaimSource, Document, RegistryEntity, SourceKind
from desktop.formats import registry
from desktop.formats.jsonl import read_jsonl
from tests.formats.test_exports import CLUSTERS, claim, make_corpus, mention

# Strings the JSON escapes, in every field a mention row writes out.
QUOTED = 'قال "الرئيس" \\ في\tالبيان: «نعم»'


def _corpus() -> list[Document]:
    quoted = Document(
        external_id='doc "q" \\ 1',
        text=QUOTED,
        mentions=(
            mention(QUOTED, '"الرئيس"', "PERS", 'm"1\\', entity='k"ey', annotator='a "b"'),
            mention(QUOTED, "\\ في\tالبيان", "MISC", "m\t2", prefix_len=1),
        ),
        claims=(claim(QUOTED, "«نعم»", 'c"1', ClaimSource(SourceKind.MENTION, mention='m"1\\')),),
        registry={'k"ey': RegistryEntity('k"ey', 'الاسم "x"', "PERS")},
    )
    # spans that tie on their start, and on start and end: the span order (by start, the
    # longer first, then by id) decides between them
    tied_text = "بشار الأسد رئيس سوريا قال إن الوفد وصل"
    tied = Document(
        external_id="tied",
        text=tied_text,
        mentions=(
            mention(tied_text, "بشار", "PERS", "t1"),
            mention(tied_text, "بشار الأسد", "PERS", "t2"),
            mention(tied_text, "بشار الأسد رئيس سوريا", "OCC", "t3"),
            mention(tied_text, "بشار الأسد", "MISC", "t4"),
            mention(tied_text, "الوفد", "ORG", "t5"),
        ),
        claims=(
            claim(tied_text, "الوفد وصل", "k1", None),
            claim(tied_text, "بشار الأسد رئيس سوريا", "k2", None),
            claim(tied_text, "الوفد وصل", "k3", None),
        ),
    )
    return [*make_corpus(), quoted, tied]


FILTERS = [
    ExportFilter(),
    ExportFilter(include_rejected=True),
    ExportFilter(annotators=("annotator-1",)),  # a claim whose speaker is another's mention
    ExportFilter(annotators=("nobody",)),
    ExportFilter(curated_layer="other"),  # one document gives only that layer
    ExportFilter(outlets=("RT Arabic",)),
    ExportFilter(statuses=("not_started",)),
    ExportFilter(document_ids=(2,)),
]


def _project(url: str, tmp_path) -> Project:
    source = tmp_path / "corpus.jsonl"
    registry.write("jsonl", _corpus(), source, clusters=CLUSTERS)
    project = Project.open(url, "tester")
    project.import_paths([source])
    project.close()
    return Project.open(url, "tester", create=False)


def _both(project: Project, flt: ExportFilter, tmp_path) -> tuple[bytes, bytes]:
    jsonl = FORMATS["jsonl"]
    from_docs, from_rows = tmp_path / "docs.jsonl", tmp_path / "rows.jsonl"
    write(project, jsonl, from_docs, project.iter_documents(flt), False, False)
    write(project, jsonl, from_rows, stored_documents(project, flt), False, False)
    return from_docs.read_bytes(), from_rows.read_bytes()


def _check_every_filter(project: Project, tmp_path) -> list[bytes]:
    outputs = []
    for flt in FILTERS:
        from_docs, from_rows = _both(project, flt, tmp_path)
        assert from_rows == from_docs, flt
        outputs.append(from_rows)
    return outputs


def test_rows_and_documents_give_the_same_bytes_for_every_filter(tmp_path):
    project = _project(str(tmp_path / "mizan.db"), tmp_path)
    try:
        assert project.db.lean  # rows read with sqlite3, not SQLAlchemy
        everything, *_ = outputs = _check_every_filter(project, tmp_path)
    finally:
        project.close()
    records = [json.loads(line) for line in everything.decode("utf-8").splitlines()]
    docs = [r for r in records if r.get("type") != "cluster"]
    assert len(docs) == len(_corpus()) and any(r.get("type") == "cluster" for r in records)
    claims = [c for d in docs for c in d["claims"]]
    assert {next(iter(c["source"])) for c in claims if c["source"]} >= {
        "mention",
        "entity",
        "outlet",
        "unnamed",
    }
    assert any(c["cue"] for c in claims) and any(c["topics"] for c in claims)
    assert any(d["registry"] for d in docs)
    (tied,) = (d for d in docs if d["id"] == "tied")
    assert [m["id"] for m in tied["entities"]] == ["t3", "t2", "t4", "t1", "t5"]
    assert [c["id"] for c in tied["claims"]] == ["k2", "k1", "k3"]
    (quoted,) = (d for d in docs if d["text"] == QUOTED)
    assert [m["id"] for m in quoted["entities"]] == ['m"1\\', "m\t2"]
    assert (
        quoted["entities"][0]["entity"] == 'k"ey' and quoted["entities"][0]["annotator"] == 'a "b"'
    )
    assert len(set(outputs)) > 4  # the filters do choose different documents and spans


def test_the_export_command_reads_back_as_the_documents_it_exported(tmp_path):
    """`export` (the path of `mizan export` and the window) writes from rows; Mizan's reader
    takes the file back with every span of the documents."""
    project = _project(str(tmp_path / "mizan.db"), tmp_path)
    try:
        out = tmp_path / "export.jsonl"
        export(project, "jsonl", out)
        stored = {d.external_id: d for d in project.iter_documents()}
    finally:
        project.close()
    read = [doc for _, doc in read_jsonl(out) if hasattr(doc, "external_id")]
    assert [d.external_id for d in read] == list(stored)
    for doc in read:
        want = stored[doc.external_id]
        assert [(m.ext_id, m.start, m.end, m.label, m.entity) for m in doc.mentions] == [
            (m.ext_id, m.start, m.end, m.label, m.entity) for m in want.mentions
        ]
        assert [(c.ext_id, c.source, c.cue, c.topics) for c in doc.claims] == [
            (c.ext_id, c.source, c.cue, c.topics) for c in want.claims
        ]


def test_rows_and_documents_give_the_same_bytes_on_postgresql(postgres_url, tmp_path):
    project = _project(postgres_url, tmp_path)
    try:
        assert not project.db.lean
        on_server = _check_every_filter(project, tmp_path)
    finally:
        project.close()
    local = _project(str(tmp_path / "mizan.db"), tmp_path)
    try:
        assert _check_every_filter(local, tmp_path) == on_server
    finally:
        local.close()

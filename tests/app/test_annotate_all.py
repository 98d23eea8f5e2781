"""Annotate all occurrences over the corpus finds what it finds in each document (issue 14:
the pre-filter searched the exact query while the matcher strips the query's proclitic)."""

from __future__ import annotations

from desktop.app.workspace import Workspace


def test_corpus_wide_annotate_all_finds_every_document_one_document_finds(project, tmp_path):
    texts = {
        "a.txt": "قال لبوتين إن الأمر انتهى.",
        "b.txt": "وبوتين أكد ذلك أمس.",
        "c.txt": "التقى بوتين بالوفد.",
    }
    for name, body in texts.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    project.import_paths([tmp_path / n for n in texts])
    ws = Workspace(project)
    per_document = sorted(
        (o.document_id, o.text)
        for d in ws.documents()
        for o in ws.find_occurrences("وبوتين", document_id=d.id)
    )
    corpus = sorted((o.document_id, o.text) for o in ws.find_occurrences("وبوتين"))
    assert sorted(t for _, t in per_document) == sorted(["لبوتين", "وبوتين", "بوتين"])
    assert corpus == per_document

"""Exports prefer the curated layer document by document: a curated document (curated spans, or
a curation status) gives only its curated layer, a document not yet curated gives every
annotator's layer as before curation existed, and ``--annotator`` picks one layer everywhere.
Each export is read back by its consumer: JSON lines, spaCy's DocBin, the brat and XMI readers,
CoNLL columns, the claims CSV."""

from __future__ import annotations

import csv
import json

import pytest

from desktop.app.exporting import export
from desktop.app.layers import CURATION
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.filters import ExportFilter
from desktop.core.model import DocStatus
from desktop.formats import registry

TEXTS = {
    "curated": "قال الرئيس بوتين في موسكو إن شركة غازبروم ستزيد الصادرات",
    "open": "وصل بوتين إلى موسكو مساء أمس بعد زيارة قصيرة",
    "status-only": "أعلنت غازبروم في موسكو أن بوتين سيحضر القمة",
}


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("layers")
    for name, text in TEXTS.items():
        (tmp / f"{name}.txt").write_text(text, encoding="utf-8")
    project = Project.open(str(tmp / "team.db"), "ali")
    project.import_paths(sorted(tmp.glob("*.txt")))
    ali, badr = Workspace(project), Workspace(Project(project.db, "badr"))
    curator = Workspace(Project(project.db, CURATION))
    ids = {d.external_id.split(".")[0].split("/")[-1]: d.id for d in ali.documents()}
    assert set(ids) == set(TEXTS), ids
    for name, did in ids.items():
        ali.create_mention(did, *at(TEXTS[name], "بوتين"), "PERS")
        badr.create_mention(did, *at(TEXTS[name], "موسكو"), "GPE")
        ali.create_claim(did, 0, len(TEXTS[name]))
    text = TEXTS["curated"]
    curator.create_mention(ids["curated"], *at(text, "غازبروم"), "ORG")
    curator.set_status(ids["status-only"], DocStatus.DONE)  # curated: nothing kept there
    yield project, tmp
    project.close()


CURATED = {
    "curated": {("غازبروم", "ORG")},
    "open": {("بوتين", "PERS"), ("موسكو", "GPE")},
    "status-only": set(),
}
BADR = {name: {("موسكو", "GPE")} for name in TEXTS}


def read_back(fmt: str, out) -> dict[str, set[tuple[str, str]]]:
    """Covered text and label of each mention, per document (named by its text)."""
    by_text = {text: name for name, text in TEXTS.items()}
    found: dict[str, set] = {name: set() for name in TEXTS}
    if fmt == "jsonl":
        for line in out.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("type", "document") == "document":
                found[by_text[rec["text"]]] = {(e["text"], e["label"]) for e in rec["entities"]}
    elif fmt == "spacy":
        import spacy
        from spacy.tokens import DocBin

        for doc in DocBin().from_disk(out).get_docs(spacy.blank("ar").vocab):
            found[by_text[doc.text]] = {(s.text, s.label_) for s in doc.spans["sc"]}
    elif fmt in ("brat", "xmi"):
        for _, doc in registry.read(fmt, out):
            found[by_text[doc.text]] = {(doc.text[m.start : m.end], m.label) for m in doc.mentions}
    return found


def conll_spans(out) -> set[tuple[str, str]]:
    """(words, label) of each B-/I- run of a CoNLL file (token first, IOB tag last)."""
    spans, current = set(), None
    for line in [*out.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split()
        tag = cols[-1] if len(cols) > 1 else "O"
        if current and not tag.startswith("I-"):
            spans.add((" ".join(current[1]), current[0]))
            current = None
        if tag.startswith("B-"):
            current = (tag[2:], [cols[0]])
        elif tag.startswith("I-") and current:
            current[1].append(cols[0])
    return spans


@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "brat", "xmi"])
def test_each_document_exports_its_curated_layer_or_every_layer(team, fmt):
    project, tmp = team
    out = tmp / f"default-{fmt}{registry.FORMATS[fmt].suffix or ''}"
    export(project, fmt, out)
    assert read_back(fmt, out) == CURATED
    chosen = tmp / f"badr-{fmt}{registry.FORMATS[fmt].suffix or ''}"
    export(project, fmt, chosen, flt=ExportFilter(annotators=("badr",)))
    assert read_back(fmt, chosen) == BADR


def test_conll_tags_follow_the_same_layers(team):
    project, tmp = team
    out = tmp / "default.conll"
    export(project, "conll", out)
    assert conll_spans(out) == set().union(*CURATED.values())
    chosen = tmp / "badr.conll"
    export(project, "conll", chosen, flt=ExportFilter(annotators=("badr",)))
    assert conll_spans(chosen) == {("موسكو", "GPE")}


def test_claims_come_from_the_same_layers(team):
    project, tmp = team
    out = tmp / "claims.csv"
    export(project, "claims-csv", out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    # ali's claims: on the document not yet curated only (the curator marked no claim)
    assert len(rows) == 1
    assert TEXTS["open"] in json.dumps(rows, ensure_ascii=False)

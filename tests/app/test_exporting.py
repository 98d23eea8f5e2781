"""Every export option means the same for every format, or is refused where it cannot apply.

The corpus (tests/formats/test_exports.py) is imported into a real project; each format ×
option is exported through `desktop.app.exporting` and read back (counts, labels read by the
format's reader or parsed from the file)."""

from __future__ import annotations

import pytest

from desktop.app.exporting import FORMATS, MENTION_FORMATS, applies, export
from desktop.app.project import Project
from desktop.core.errors import MizanError
from desktop.core.filters import ExportFilter
from desktop.formats import registry
from desktop.formats.split import COARSE_LABELS
from tests.formats.test_exports import CLUSTERS, make_corpus

COARSE = {v for v in COARSE_LABELS.values() if v} | {"MISC"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exporting")
    source = folder / "corpus.jsonl"
    registry.write("jsonl", make_corpus(), source, clusters=CLUSTERS)
    p = Project.open(str(folder / "mizan.db"), "tester")
    p.import_paths([source])
    yield p
    p.close()


def _suggested_and_kept() -> tuple[int, int]:
    docs = make_corpus()
    suggested = sum(m.status.value == "suggested" for d in docs for m in d.mentions)
    return suggested, sum(
        m.status.value in ("manual", "accepted") for d in docs for m in d.mentions
    )


def _out(tmp_path, fmt):
    return tmp_path / f"out{FORMATS[fmt].suffix or '_folder'}"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_include_suggested_adds_exactly_the_suggested_mentions_or_is_refused(
    project, tmp_path, fmt
):
    out = _out(tmp_path, fmt)
    if not applies(fmt, "include_suggested"):
        with pytest.raises(MizanError, match="--include-suggested does not apply"):
            export(project, fmt, out, include_suggested=True)
        assert not out.exists()
        return
    without = export(project, fmt, out)["all"].mentions
    other = tmp_path / f"b{FORMATS[fmt].suffix or '_f'}"
    with_ = export(project, fmt, other, include_suggested=True)
    suggested, kept = _suggested_and_kept()
    assert suggested > 0
    assert (without, with_["all"].mentions) == (kept, kept + suggested)


def _labels(fmt, out) -> set[str]:
    """The mention labels a consumer reads back from one export."""
    if fmt in ("brat", "xmi"):
        return {m.label for _, doc in registry.read(fmt, out) for m in doc.mentions}
    if fmt == "conll":
        tags = set()
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                tags.update(t[2:] for t in line.split()[1:] if t[:2] in ("B-", "I-"))
        return tags
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    docs = DocBin().from_disk(out).get_docs(nlp.vocab)
    return {span.label_ for doc in docs for span in doc.spans["sc"]}  # every mention


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_coarse_labels_mean_the_four_coarse_labels_or_are_refused(project, tmp_path, fmt):
    out = _out(tmp_path, fmt)
    if fmt not in MENTION_FORMATS:
        with pytest.raises(MizanError, match="--coarse does not apply"):
            export(project, fmt, out, coarse=True)
        assert not out.exists()
        return
    export(project, fmt, out, coarse=True)
    found = _labels(fmt, out)
    assert found and found <= COARSE, found
    fine = tmp_path / f"fine{FORMATS[fmt].suffix or '_f'}"
    export(project, fmt, fine)
    assert _labels(fmt, fine) - COARSE  # without the option the fine labels are kept


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize(
    "flt",
    [
        ExportFilter(annotators=("nobody",)),
        ExportFilter(statuses=("done",)),
        ExportFilter(outlets=("no such outlet",)),
        ExportFilter(),
    ],
    ids=["annotator", "status", "outlet", "none"],
)
def test_filters_select_the_same_documents_in_every_format(project, tmp_path, fmt, flt):
    assert applies(fmt, "filter")
    counts = export(project, fmt, _out(tmp_path, fmt), flt=flt)["all"]
    assert counts.documents == len(project.document_ids(flt))


def test_an_option_of_another_format_is_refused(project, tmp_path):
    with pytest.raises(MizanError, match="--docs-per-file does not apply to the conll"):
        export(project, "conll", tmp_path / "x.conll", docs_per_file=2)
    counts = export(project, "spacy", tmp_path / "shards", docs_per_file=2)["all"]
    assert counts.files == 2 and counts.documents == 3

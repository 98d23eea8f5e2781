"""The installable bundle (`bash packaging/build.sh`): its binary runs the window offscreen and
the CLI, and writes the same datasets as the Python package, read back by their consumers.

Builds `packaging/dist/mizan/` once per run, or reuses it when it is newer than every source it
is made of.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from desktop import __version__
from tests.conftest import ROOT, SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]

DIST = ROOT / "packaging" / "dist"
APP = DIST / "mizan"
BINARY = APP / "mizan"
SOURCES = ("desktop", "resources", "seeds", "packaging", "pyproject.toml")


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            built = DIST in f.parents or ROOT / "packaging" / "build" in f.parents
            if f.is_file() and "__pycache__" not in f.parts and not built:
                newest = max(newest, f.stat().st_mtime)
    return newest


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not (BINARY.is_file() and BINARY.stat().st_mtime > _newest_source()):
        started = time.monotonic()
        subprocess.run(
            ["bash", str(ROOT / "packaging" / "build.sh")],
            check=True,
            env={**os.environ, "MIZAN_BUILD_VENV": sys.prefix},
            timeout=2000,
        )
        print(f"bundle built in {time.monotonic() - started:.0f} s")
    assert BINARY.is_file()
    return BINARY


def run(binary: Path, *args: str, home: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("MIZAN_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )
    result = subprocess.run(
        [str(binary), *args], capture_output=True, text=True, env=env, timeout=timeout
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def corpus(bundle, tmp_path_factory) -> Path:
    """A database made by the bundle: the annotated seed articles (JSONL) and the demo seeds."""
    from desktop.formats.jsonl import write_jsonl
    from tests.compare import seed_corpus

    home = tmp_path_factory.mktemp("bundle")
    src = home / "annotated.jsonl"
    with src.open("w", encoding="utf-8") as out:
        write_jsonl(seed_corpus(), out)
    db = home / "corpus.db"
    run(bundle, "--db", str(db), "--annotator", "tester", "import", str(src), home=home)
    out = run(bundle, "--db", str(db), "--annotator", "tester", "import", str(SEEDS), home=home)
    assert "imported 2 document(s)" in out.stdout  # three of the five seeds came annotated
    return db


def test_version(bundle, tmp_path):
    assert run(bundle, "--version", home=tmp_path).stdout.strip() == f"mizan {__version__}"


def test_window_renders_offscreen(bundle, corpus, tmp_path):
    from PySide6.QtGui import QImage

    shot = tmp_path / "window.png"
    out = run(
        bundle,
        "--db",
        str(corpus),
        "--annotator",
        "tester",
        "--screenshot",
        str(shot),
        "--ui-language",
        "ar",
        home=tmp_path,
    )
    assert f"wrote {shot}" in out.stdout
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1500, 900)
    colours = {image.pixel(x, y) for x in range(0, 1500, 25) for y in range(0, 900, 25)}
    assert len(colours) > 20  # panels, text and label colours, not a blank frame


def _export(binary: Path, db: Path, fmt: str, out: Path, home: Path) -> str:
    out.parent.mkdir(parents=True, exist_ok=True)
    return run(
        binary,
        "--db",
        str(db),
        "--annotator",
        "tester",
        "export",
        "--format",
        fmt,
        "--out",
        str(out),
        home=home,
    ).stdout


@pytest.mark.parametrize("fmt, name", [("conll", "corpus.conll"), ("spacy", "corpus.spacy")])
def test_datasets_match_the_python_package(bundle, corpus, tmp_path, fmt, name):
    """The bundle writes byte for byte what `python -m desktop export` writes."""
    _export(bundle, corpus, fmt, tmp_path / "bundle" / name, tmp_path)
    reference = tmp_path / "package" / name
    reference.parent.mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--db",
            str(corpus),
            "--annotator",
            "tester",
            "export",
            "--format",
            fmt,
            "--out",
            str(reference),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert (tmp_path / "bundle" / name).read_bytes() == reference.read_bytes()


def test_spacy_and_conll_read_back(bundle, corpus, tmp_path):
    from seqeval.metrics.sequence_labeling import get_entities
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from tests.compare import seed_corpus

    _export(bundle, corpus, "spacy", tmp_path / "corpus.spacy", tmp_path)
    _export(bundle, corpus, "conll", tmp_path / "corpus.conll", tmp_path)
    _export(bundle, corpus, "jsonl", tmp_path / "corpus.jsonl", tmp_path)
    lines = (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    exported = {row["id"]: row["text"] for row in map(json.loads, lines) if "text" in row}
    seeds = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert {d: exported[d] for d in seeds} == seeds

    docs = list(DocBin().from_disk(tmp_path / "corpus.spacy").get_docs(Vocab()))
    assert sorted(d.text for d in docs) == sorted(seeds.values())
    annotated = {d.external_id: len(d.mentions) for d in seed_corpus()}
    assert sum(len(d.ents) for d in docs) > 0
    assert sum(len(d.ents) for d in docs) <= sum(annotated.values())

    tags = [
        line.split("\t")[-1]
        for line in (tmp_path / "corpus.conll").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("-DOCSTART-")
    ]
    assert len(get_entities(tags)) == sum(len(d.ents) for d in docs)


def test_every_export_format_works_in_the_bundle(bundle, corpus, tmp_path):
    import pyarrow.parquet as pq
    from cassis import load_cas_from_xmi, load_typesystem

    for fmt in ("jsonl", "conll", "spacy", "brat", "xmi", "claims-csv", "claims-parquet", "pairs"):
        out = _export(bundle, corpus, fmt, tmp_path / fmt, tmp_path)
        assert "5 documents" in out, (fmt, out)
    table = pq.read_table(tmp_path / "claims-parquet")
    assert table.num_rows == 14  # the claims of the three annotated seed articles
    xmi = tmp_path / "xmi"
    with (xmi / "TypeSystem.xml").open("rb") as f:
        typesystem = load_typesystem(f)
    cases = sorted(p for p in xmi.glob("*.xmi"))
    assert len(cases) == 5
    with cases[0].open("rb") as f:
        assert load_cas_from_xmi(f, typesystem=typesystem).sofa_string


def test_archive_holds_the_folder(bundle):
    (archive,) = DIST.glob(f"mizan-{__version__}-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert "mizan/mizan" in names
    assert "mizan/_internal/desktop/_data/resources/labels/wojood.json" in names
    assert "mizan/share/applications/mizan.desktop" in names


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="desktop entries are Linux's")
def test_desktop_entry_and_icons(bundle):
    from PySide6.QtGui import QImage

    for size in (16, 32, 48, 128, 256, 512):
        icon = QImage(
            str(APP / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "mizan.png")
        )
        assert (icon.width(), icon.height()) == (size, size)
    entry = APP / "share" / "applications" / "mizan.desktop"
    validate = _desktop_file_validate()
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def _desktop_file_validate() -> str:
    """The validator, installed from Debian's desktop-file-utils when it is missing."""
    found = shutil.which("desktop-file-validate")
    if not found and shutil.which("apt-get") and os.geteuid() == 0:
        for command in (
            ["apt-get", "install", "-y", "-q", "desktop-file-utils"],
            ["apt-get", "update", "-q"],
            ["apt-get", "install", "-y", "-q", "desktop-file-utils"],
        ):
            subprocess.run(
                command,
                capture_output=True,
                timeout=600,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
            found = shutil.which("desktop-file-validate")
            if found:
                break
    if not found:
        if os.environ.get("CI"):
            pytest.fail("desktop-file-validate is missing and could not be installed")
        pytest.skip("desktop-file-validate is missing (apt-get install desktop-file-utils)")
    return found

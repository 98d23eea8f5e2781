"""Render the README screenshots from a checkout: `python packaging/screenshots.py`.

Builds a throw-away database with the demo articles, the annotated seed claims used by the
tests and one claim cluster, then renders the main window in English and Arabic.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.app.project import Project  # noqa: E402
from desktop.app.workspace import Workspace  # noqa: E402
from desktop.formats.jsonl import write_jsonl  # noqa: E402
from tests.compare import seed_corpus  # noqa: E402

SPUTNIK = "002_b056ffaf7079958c"


def build(db: Path) -> None:
    src = db.with_suffix(".jsonl")
    with src.open("w", encoding="utf-8") as out:
        write_jsonl(seed_corpus(), out)
    project = Project.open(str(db), "annotator-1")
    project.import_paths([src])
    project.import_paths([ROOT / "seeds"])  # the two other demo articles; the rest are skipped
    ws = Workspace(project)
    suggestion = ws.suggestions([d.id for d in ws.documents()])[0]
    claims = {
        (d.external_id, c.ext_id): c.id
        for d in ws.documents_with_claims([x.id for x in ws.documents()])
        for c in d.claims
    }
    ws.accept_suggestion(
        claims[(suggestion.a.document, suggestion.a.claim)],
        claims[(suggestion.b.document, suggestion.b.claim)],
        "التبادل التجاري نما 7٪",
    )
    project.close()


def main() -> None:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build(db)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tmp}
        for language in ("en", "ar"):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "desktop",
                    "--db",
                    str(db),
                    "--screenshot",
                    str(out / f"screenshot-{language}.png"),
                    "--document",
                    SPUTNIK,
                    "--ui-language",
                    language,
                    "--annotator",
                    "annotator-1",
                ],
                check=True,
                env=env,
            )


if __name__ == "__main__":
    main()

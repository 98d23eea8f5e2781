"""Render the README screenshots from a checkout: `python packaging/screenshots.py`.

Builds a throw-away database from the first-run demo (`demo_corpus()`: the sample articles with
their annotated claims and clusters across outlets, one with the date conflict), then renders the
main window in English and Arabic and the Compare window.
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
from desktop.app.resources import demo_corpus  # noqa: E402

SPUTNIK = "002_b056ffaf7079958c"
SIZE = "1600x1000"


def build(db: Path) -> None:
    project = Project.open(str(db), "annotator-1")
    try:
        project.import_paths([demo_corpus()])
    finally:
        project.close()


def shoot(db: Path, out: Path, language: str, env: dict, *extra: str) -> None:
    command = [sys.executable, "-m", "desktop", "--db", str(db), "--screenshot", str(out)]
    command += ["--document", SPUTNIK, "--ui-language", language, "--annotator", "annotator-1"]
    subprocess.run([*command, "--size", SIZE, *extra], check=True, env=env)


def main() -> None:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build(db)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tmp}
        for language in ("en", "ar"):
            shoot(db, out / f"screenshot-{language}.png", language, env)
        shoot(db, out / "screenshot-compare.png", "en", env, "--view", "compare")


if __name__ == "__main__":
    main()

"""Where the shipped data files are: `resources/` and `seeds/` in a checkout, or inside the
installed package (the wheel copies them to `desktop/_data/`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from desktop.core.model import Label, LabelSet

_PACKAGE = Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Mizan's {name}/ folder is missing from the installation")


def resources_dir() -> Path:
    return _data_dir("resources")


def seeds_dir() -> Path:
    return _data_dir("seeds")


def demo_corpus() -> Path:
    """The first-run demo: the seed articles with claims and clusters (packaging/demo.py)."""
    return seeds_dir() / "demo" / "demo.ndjson"


@cache
def default_label_set() -> LabelSet:
    data = json.loads((resources_dir() / "labels" / "wojood.json").read_text(encoding="utf-8"))
    return LabelSet(
        data["name"],
        tuple(
            Label(
                key=item["key"],
                name_en=item["en"],
                name_ar=item["ar"],
                color=item["color"],
                shortcut=item.get("shortcut"),
                description=item.get("description", ""),
            )
            for item in data["labels"]
        ),
    )

"""How a Compare cell is described to its delegate: paragraphs of styled runs (no Qt drawing).

A cell is drawn from paragraphs: (direction, alignment, runs), run = (text, style).
direction: "rtl" (document text), "ui" (follows the interface) or "auto" (first strong letter);
alignment: "start", "center" or "gap" (a claim after another one in the same cell). Styles are
keys of `CellDelegate.formats()`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from PySide6.QtCore import Qt

from desktop.text.bidi import OVERRIDE_CONTROLS

SPEC_ROLE = Qt.ItemDataRole.UserRole + 20  # how the delegate draws a cell: a list of paragraphs
CELL_KIND_ROLE = (
    Qt.ItemDataRole.UserRole + 21
)  # "claims" | "missing" | "blank" | "section" | "empty"
CONFLICT_COLOR = "#c62828"
PARTIAL_COLOR = "#b25e00"
_ARABIC = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile("[A-Za-z]")
_CONTROLS = re.compile("([" + "".join(sorted(OVERRIDE_CONTROLS)) + "])")

Run = tuple[str, str]
Para = tuple[str, str, list[Run]]


def rtl_text(text: str) -> bool:
    a, b = _ARABIC.search(text), _LATIN.search(text)
    return a is not None and (b is None or a.start() < b.start())


def plain_tip(text: str) -> str:
    """A tooltip that Qt cannot mistake for rich text (document text is never HTML)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def text_runs(text: str, marks: Iterable[tuple[int, int]] = (), style: str = "text") -> list[Run]:
    """Runs of a claim's wording: `marks` (offsets into `text`) styled "conflict", bidi override
    controls made visible, whitespace collapsed."""
    cuts: list[tuple[int, int, str]] = []
    pos = 0
    for start, end in sorted(marks):
        if start < pos:
            continue
        cuts.append((pos, start, style))
        cuts.append((start, end, "conflict"))
        pos = end
    cuts.append((pos, len(text), style))
    runs: list[Run] = []
    for start, end, st in cuts:
        piece = re.sub(r"\s+", " ", text[start:end])
        if not piece:
            continue
        for part in _CONTROLS.split(piece):
            if not part:
                continue
            if part in OVERRIDE_CONTROLS:
                runs.append((f"⟨U+{ord(part):04X}⟩", "control"))
            else:
                runs.append((part, st))
    if runs:  # no stray space at either end of the wording
        runs[0] = (runs[0][0].lstrip(), runs[0][1])
        runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
    return runs

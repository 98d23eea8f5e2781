"""Finding bidi control characters in imported text.

Bidi overrides and isolates can make displayed text lie about its order ("Trojan Source",
CVE-2021-42574). Mizan keeps them in the stored text (the offset contract forbids changing it) but
makes them visible in the view and reports them at import; these helpers find them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["BIDI_CONTROLS", "OVERRIDE_CONTROLS", "BidiControl", "bidi_controls", "bidi_report"]

#: Embeddings/overrides and isolates: these can reorder what the reader sees.
OVERRIDE_CONTROLS: frozenset[str] = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
)
#: All bidi controls: the overrides plus the harmless marks LRM, RLM and ALM (U+061C).
BIDI_CONTROLS: frozenset[str] = OVERRIDE_CONTROLS | {"\u200e", "\u200f", "\u061c"}

_ALL = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_OVERRIDES = re.compile("[" + "".join(sorted(OVERRIDE_CONTROLS)) + "]")
_MAX_OFFSETS = 5  # offsets listed per kind in a report


@dataclass(frozen=True)
class BidiControl:
    """One bidi control character at code point ``offset`` of the stored text."""

    offset: int
    char: str
    name: str  # Unicode name, e.g. "RIGHT-TO-LEFT OVERRIDE"


def bidi_controls(text: str, *, overrides_only: bool = False) -> list[BidiControl]:
    """Every bidi control in ``text`` (only the dangerous overrides/isolates if asked), in order."""
    pattern = _OVERRIDES if overrides_only else _ALL
    return [
        BidiControl(m.start(), m.group(), unicodedata.name(m.group()))
        for m in pattern.finditer(text)
    ]


def bidi_report(text: str) -> str | None:
    """One-line summary for the import warnings, or None when the text has no bidi controls.

    Example: ``3 bidi control characters (2 × RIGHT-TO-LEFT OVERRIDE at 10, 52; 1 × POP
    DIRECTIONAL FORMATTING at 60); 3 can reorder the displayed text``. At most five offsets are
    listed per kind.
    """
    found = bidi_controls(text)
    if not found:
        return None
    by_name: dict[str, list[int]] = defaultdict(list)
    for control in found:
        by_name[control.name].append(control.offset)
    parts = []
    for name, offsets in by_name.items():
        shown = ", ".join(str(o) for o in offsets[:_MAX_OFFSETS])
        if len(offsets) > _MAX_OFFSETS:
            shown += ", …"
        parts.append(f"{len(offsets)} × {name} at {shown}")
    noun = "character" if len(found) == 1 else "characters"
    report = f"{len(found)} bidi control {noun} ({'; '.join(parts)})"
    dangerous = sum(1 for control in found if control.char in OVERRIDE_CONTROLS)
    if dangerous:
        report += f"; {dangerous} can reorder the displayed text"
    return report

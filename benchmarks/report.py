"""One printed line per figure: name, value, unit, target, multiple of the floor, reference.

Label Studio figures are constants measured once side by side on a 2-core machine (Label Studio
1.23, its default SQLite); they are printed for reference and never re-measured here.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass

LABEL_STUDIO = {
    "import": "5.1 s to import 10,000 docs (HTTP, warm server)",
    "export": "3.5 s to export 1,000 docs / 10k spans",
    "start": "5-6.5 s server start",
    "open": "~30 s to open a 50 KB task (its issue #1124)",
    "edit": "98 ms per annotation request",
    "memory": "455 MiB peak importing 10,000 docs",
}


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str = ""
    floor: float | None = None  # the floor in the same unit, timed in this run
    limit: float | None = None  # the target's number: of floors when it ends in "floor"
    reference: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        value = self.ratio if self.target.endswith("floor") else self.value
        if value is None:
            return None
        return value >= self.limit if self.target.startswith("≥") else value <= self.limit


class Report:
    def __init__(self, as_json: bool = False, out=None) -> None:
        self.as_json = as_json
        self.out = out or sys.stdout
        self.figures: list[Figure] = []

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        if self.as_json:
            data = asdict(figure) | {"x_floor": figure.ratio, "met": figure.met}
            print(json.dumps(data, ensure_ascii=False), file=self.out, flush=True)
        else:
            print(self.line(figure), file=self.out, flush=True)
        return figure

    @staticmethod
    def line(f: Figure) -> str:
        value = f"{f.value:,.0f}" if abs(f.value) >= 1000 else f"{f.value:.3g}"
        parts = [f"{f.name:<42} {value:>9} {f.unit:<8}"]
        parts.append(f"target {f.target or '-':<14}")
        parts.append(f"{f.ratio:5.1f}×floor" if f.ratio is not None else " " * 11)
        parts.append({True: "ok  ", False: "MISS", None: "    "}[f.met])
        if f.reference:
            parts.append(f"| Label Studio: {f.reference}")
        if f.note:
            parts.append(f"({f.note})")
        return "  ".join(parts).rstrip()

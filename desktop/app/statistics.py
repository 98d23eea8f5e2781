"""Statistics of a database: the counts and breakdowns shown by `mizan stats` (text and JSON)
and the statistics window, from one function so the two always agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from desktop.storage import health

TOTALS = ("documents", "mentions", "suggestions", "claims", "entities", "clusters")


@dataclass(frozen=True)
class Breakdown:
    """One table of counts: rows × columns (a single ``count`` column for flat ones)."""

    key: str  # its key in the JSON of `mizan stats --json`
    title: str  # English; the window translates it
    row_title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: dict[str, dict[str, int]]

    def value(self, row: str, column: str) -> int:
        return self.values.get(row, {}).get(column, 0)

    def table(self) -> list[list[str]]:
        """Header and rows as text, as they are copied or written to CSV."""
        out = [[self.row_title, *self.columns]]
        for row in self.rows:
            get = self.values.get(row, {}).get
            out.append([row, *[str(get(c, 0)) for c in self.columns]])
        return out


def statistics(project) -> dict:
    """Every count of ``project`` (a plain dict, the JSON of `mizan stats --json`). On an
    SQLite file the mentions are counted on a second connection beside the claims
    (`health.stats`)."""
    db = project.db
    with db.rows() as rows:
        return health.stats(rows, db.rows if db.lean else None)


def _nested(key, title, row_title, values: dict[str, dict[str, int]], columns=None) -> Breakdown:
    if columns is None:
        totals: Counter = Counter()
        for row in values.values():
            totals.update(row)
        ranked = sorted(totals.items())  # by name, then stably by total: most first
        ranked.sort(key=itemgetter(1), reverse=True)
        columns = [c for c, _ in ranked]
    return Breakdown(key, title, row_title, tuple(values), tuple(columns), values)


def breakdowns(stats: dict) -> list[Breakdown]:
    """The breakdowns the window charts and `mizan stats` prints, in that order."""
    progress_columns = ("done", "in_progress", "not_started", "mentions", "claims")
    return [
        _nested(
            "mentions_by_outlet_label",
            "Labels per outlet",
            "outlet",
            stats["mentions_by_outlet_label"],
        ),
        _nested(
            "claims_by_outlet_speaker",
            "Claims per speaker per outlet",
            "outlet",
            stats["claims_by_outlet_speaker"],
            # the speakers in all are these rows' totals, already most first, then by name
            stats["claims_by_speaker"],
        ),
        _nested(
            "claims_by_outlet_quote_type",
            "Quote types per outlet",
            "outlet",
            stats["claims_by_outlet_quote_type"],
        ),
        _nested(
            "progress_by_annotator",
            "Progress per annotator",
            "annotator",
            stats["progress_by_annotator"],
            progress_columns,
        ),
    ]


def as_text(stats: dict) -> str:
    """`mizan stats` in plain text: the totals, then every breakdown as an aligned table."""
    lines = [f"{key:<12}{stats[key]}" for key in TOTALS]
    for title, key in (
        ("mentions by label", "mentions_by_label"),
        ("documents by outlet", "documents_by_outlet"),
        ("claims by quote type", "claims_by_quote_type"),
    ):
        if stats[key]:
            lines += ["", f"{title}:"]
            lines += [f"  {n:>7}  {name}" for name, n in stats[key].items()]
    for b in breakdowns(stats):
        if not b.rows:
            continue
        lines += ["", f"{b.title.lower()}:"]
        table = b.table()
        widths = [max(map(len, column)) for column in zip(*table, strict=True)]
        for r in table:
            cells = [r[0].ljust(widths[0])]
            cells += [v.rjust(w) for v, w in zip(r[1:], widths[1:], strict=True)]
            lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


def write_csv(breakdown: Breakdown, path: Path | str) -> None:
    """One breakdown as CSV (UTF-8 with a BOM so spreadsheet programs read the Arabic), written
    atomically like every export. Cells are escaped against formula injection."""
    import csv  # here: `mizan stats` does not write CSV (start-up, docs/benchmarks.md)

    from desktop.formats.atomic import atomic_file

    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in breakdown.table():
            writer.writerow([_safe(cell) for cell in row])


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell

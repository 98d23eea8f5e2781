"""The clusters × documents grid of the Compare window, and the conflicts inside each row. No Qt.

One column per document, one row per claim cluster (the same proposition reported by several
outlets): a cell holds that document's members of the cluster, an empty cell is an outlet that
did not report it. Claims in no cluster follow under one section row, one row per rank in text
order. A cluster row whose members (in different documents) carry different figures or dates of
one kind gets a `RowConflict`, and the conflicting figures are marked in the members' wording
(docs/architecture.md, "compare").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.compare.align import compare_quantities
from desktop.compare.numbers import Quantity, extract_quantities
from desktop.core.model import Claim, ClaimCluster, Document, Relation
from desktop.core.speakers import Speaker, claim_speaker


def document_heading(doc: Document) -> str:
    """A document's column name: its outlet, else the original source, else its external id."""
    return doc.meta.outlet or doc.meta.original_source or doc.external_id


def default_label(text: str, words: int = 6) -> str:
    """A cluster label from a claim's wording: its first few words."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def speaker_of(doc: Document, claim: Claim) -> Speaker:
    """Who `claim` is attributed to, by the one rule of `desktop.core.speakers`."""
    mentions = {m.ext_id: m for m in doc.mentions}
    names = {key: entity.name for key, entity in doc.registry.items()}
    return claim_speaker(claim.source, doc.text, mentions, names)


@dataclass
class CellClaim:
    """One claim shown in a cell."""

    doc: Document
    claim: Claim
    relation: Relation | None = None  # None: not in a cluster
    marks: list[tuple[int, int]] = field(default_factory=list)  # conflicting figures, in wording

    @property
    def text(self) -> str:
        return self.doc.text[self.claim.start : self.claim.end]

    @property
    def speaker(self) -> Speaker:
        return speaker_of(self.doc, self.claim)


@dataclass
class RowConflict:
    kind: str
    a: str  # normalised values, `a` from the left-most document
    b: str
    a_text: str
    b_text: str
    a_outlet: str
    b_outlet: str

    @property
    def badge(self) -> str:
        low, high = sorted((self.a, self.b))
        return f"⚠ {low} ≠ {high}"


@dataclass
class Row:
    kind: str  # "cluster" | "section" | "single"
    cells: list[list[CellClaim]]
    cluster: ClaimCluster | None = None
    conflicts: list[RowConflict] = field(default_factory=list)


def quantity_conflicts(qa: list[Quantity], qb: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Figures of one kind that differ between two wordings, paired as suggest_alignments pairs
    them: compatible values first (they are shared, not conflicts), then the closest values of
    one kind; each figure is used once."""
    cross = []
    for i, x in enumerate(qa):
        for j, y in enumerate(qb):
            strength, compatible = compare_quantities(x, y)
            if compatible or x.kind == y.kind:
                cross.append((-(strength + compatible), i, j, compatible))
    cross.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, i, j, compatible in cross:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if not compatible:
            out.append((qa[i], qb[j]))
    return out


def find_conflicts(cells: list[list[CellClaim]], headings: list[str]) -> list[RowConflict]:
    """Conflicting figures between members of one cluster (in different documents); marks the
    conflicting figures in the members' wording."""
    members = [
        (col, cc, extract_quantities(cc.text)) for col, cell in enumerate(cells) for cc in cell
    ]
    found: dict[tuple, RowConflict] = {}
    for i, (col_a, a, qa) in enumerate(members):
        for col_b, b, qb in members[i + 1 :]:
            if col_a == col_b or not qa or not qb:
                continue
            for x, y in quantity_conflicts(qa, qb):
                a.marks.append((x.start, x.end))
                b.marks.append((y.start, y.end))
                key = (x.kind, frozenset((x.value, y.value)))
                if key not in found:
                    found[key] = RowConflict(
                        x.kind, x.value, y.value, x.text, y.text, headings[col_a], headings[col_b]
                    )
    for cell in cells:
        for cc in cell:
            cc.marks = sorted(set(cc.marks))
    return list(found.values())


def build_rows(docs: list[Document], clusters: list[ClaimCluster]) -> list[Row]:
    """The grid's rows: clusters in reading order, then a section row and the claims in no
    cluster, one row per rank, per document in text order."""
    headings = [document_heading(d) for d in docs]
    col_of = {d.external_id: i for i, d in enumerate(docs)}
    claims = {(d.external_id, c.ext_id): (d, c) for d in docs for c in d.claims}
    by_id = {c.id: (d, c) for d in docs for c in d.claims}
    clustered: set[int] = set()
    rows: list[Row] = []
    for cluster in clusters:
        cells: list[list[CellClaim]] = [[] for _ in docs]
        for m in cluster.members:
            found = by_id.get(m.claim_id) or claims.get((m.document, m.claim))
            if found is None or m.document not in col_of:
                continue
            doc, claim = found
            clustered.add(claim.id)
            cells[col_of[m.document]].append(CellClaim(doc, claim, m.relation))
        if not any(cells):
            continue
        for cell in cells:
            cell.sort(key=lambda cc: cc.claim.start)
        rows.append(Row("cluster", cells, cluster, find_conflicts(cells, headings)))
    # reading order: by the first document that reports the cluster, then by position there
    rows.sort(
        key=lambda r: min((col, cell[0].claim.start) for col, cell in enumerate(r.cells) if cell)
    )
    loose = [
        [CellClaim(d, c) for c in sorted(d.claims, key=lambda c: c.start) if c.id not in clustered]
        for d in docs
    ]
    depth = max((len(x) for x in loose), default=0)
    if depth:
        rows.append(Row("section", [[] for _ in docs]))
        for k in range(depth):
            rows.append(Row("single", [[x[k]] if k < len(x) else [] for x in loose]))
    return rows

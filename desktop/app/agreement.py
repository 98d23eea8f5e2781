"""Inter-annotator agreement on the database: the documents are streamed to
`desktop.agreement.agreement_report` with every annotator's layer, and the report is returned as
one JSON-ready dict (its layout is described in `desktop/agreement/report.py`) or as text.

Only reviewed mentions count (manual or accepted, not pending suggestions or rejected ones), and
the curated layer (`CURATION`) is left out unless it is asked for by name: it is derived from the
others, not an independent annotation.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.agreement import agreement_report_rows
from desktop.agreement.report import UNKNOWN_ANNOTATOR
from desktop.app.layers import CURATION
from desktop.core.collector import collector_paused
from desktop.storage.agreement_rows import agreement_rows
from desktop.storage.database import Database


def agreement(
    db: Database, *, annotators: Iterable[str] | None = None, label: str | None = None
) -> dict:
    """The agreement report; each entry of ``documents`` also carries the database ``id``.

    The layers are read as plain rows (`desktop/storage/agreement_rows.py`), not as documents:
    on 1,000 articles × 3 annotators building the documents cost more than the report."""
    wanted = None if annotators is None else [a for a in annotators if a]
    skip = set() if wanted and CURATION in wanted else {CURATION}
    # ~10^5 tuples that all live until the end: collecting finds nothing to free
    with collector_paused():
        with db.rows() as read:
            rows = agreement_rows(read, skip, UNKNOWN_ANNOTATOR)
        ids = {sha: doc_id for doc_id, _, sha, _ in rows.documents}
        report = agreement_report_rows(
            rows.documents, rows.mentions, rows.claims, rows.statuses, rows.clusters,
            annotators=wanted or None, label=label,
        )  # fmt: skip
    for entry in report["documents"]:
        entry["id"] = ids.get(entry["text_sha256"])
    return report


# --------------------------------------------------------------------------- text


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def as_text(report: dict, *, documents: int = 10) -> str:
    """The report for a terminal: overall figures, per label, per pair, the most disputed
    documents (at most `documents` of them)."""
    names = report["annotators"]
    lines = [
        f"Agreement between {', '.join(names) or 'nobody'}"
        + (f" on {report['label']}" if report["label"] else "")
        + f": {report['documents_compared']} document(s) compared"
    ]
    if len(names) < 2 or not report["documents_compared"]:
        lines.append("  (needs two annotators who worked on the same documents)")
        return "\n".join(lines)
    m = report["mentions"]
    lines += [
        "",
        "Mentions",
        f"  span F1 exact    {_num(m['span_f1_exact'])}",
        f"  span F1 overlap  {_num(m['span_f1_overlap'])}",
        f"  Cohen's kappa    {_num(m['kappa'])}   (tokens, IOB tags)",
        f"  Krippendorff α   {_num(m['alpha'])}   ({m['tokens']} tokens)",
    ]
    if m["per_label"]:
        width = max(len(k) for k in m["per_label"])
        lines.append("  per label            exact  overlap  spans")
        for key, v in m["per_label"].items():
            lines.append(
                f"    {key:<{width}}  {' ' * max(0, 15 - width)}{_num(v['span_f1_exact'])}"
                f"    {_num(v['span_f1_overlap'])}  {v['spans']:>5}"
            )
    if len(m["pairs"]) > 1:
        lines.append("  per pair")
        for p in m["pairs"]:
            a, b = p["annotators"]
            lines.append(
                f"    {a} – {b}: exact {_num(p['span_f1_exact'])}, overlap "
                f"{_num(p['span_f1_overlap'])}, kappa {_num(p['kappa'])} "
                f"({p['documents']} documents)"
            )
    c = report["claims"]
    lines += [
        "",
        "Claims",
        f"  span F1 exact    {_num(c['span_f1_exact'])}",
        f"  span F1 overlap  {_num(c['span_f1_overlap'])}   ({c['matched']} matched)",
    ]
    for name, v in c["attributes"].items():
        lines.append(
            f"  {name.replace('_', ' '):<15}  agree {_pct(v['percent'])}, kappa "
            f"{_num(v['kappa'])}, alpha {_num(v['alpha'])}"
        )
    k = report["clusters"]
    lines += [
        "",
        "Clusters",
        f"  B³ precision {_num(k['b3_precision'])}, recall {_num(k['b3_recall'])}, "
        f"F1 {_num(k['b3_f1'])}   ({k['shared_claims']} shared claims)",
    ]
    disputed = [d for d in report["documents"] if d["disagreement"] > 0][:documents]
    if disputed:
        lines += ["", "Most disagreement"]
        for d in disputed:
            lines.append(f"  {d['disagreement']:.2f}  {d['document']}")
    return "\n".join(lines)

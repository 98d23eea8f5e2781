"""The state of a database as a whole: counts for `mizan stats`, and the integrity check of
`mizan check` (stored text hashes and lengths, every span inside its text, SQLite's own checks).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, literal, select, text, true
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.core.rules import text_sha256
from desktop.storage import orm

REVIEWED = ("manual", "accepted")  # what the window counts as mentions; "suggested" is pending


def stats(session: Session) -> dict:
    """Counts for `mizan stats` and the statistics window. ``mentions`` are reviewed mentions
    (made by hand or accepted), ``suggestions`` the pending ones; rejected ones count nowhere."""
    count = lambda table: session.execute(select(func.count()).select_from(table)).scalar_one()  # noqa: E731
    m, d, c = orm.Mention, orm.Document, orm.Claim
    outlet_name = func.coalesce(orm.Outlet.name, "(none)")

    def by_status(statuses) -> int:
        q = select(func.count()).select_from(m).where(m.status.in_(statuses))
        return session.execute(q).scalar_one()

    by_label = dict(
        session.execute(
            select(m.label, func.count())
            .where(m.status.in_(REVIEWED))
            .group_by(m.label)
            .order_by(m.label)
        ).all()
    )
    by_outlet = {
        (name or "(none)"): n
        for name, n in session.execute(
            select(orm.Outlet.name, func.count(d.id))
            .select_from(d)
            .outerjoin(orm.Outlet, d.outlet_id == orm.Outlet.id)
            .group_by(orm.Outlet.name)
            .order_by(orm.Outlet.name)
        )
    }
    label_by_outlet: dict[str, dict[str, int]] = {}
    for outlet, label, n in session.execute(
        select(outlet_name, m.label, func.count())
        .select_from(m)
        .join(d, d.id == m.document_id)
        .outerjoin(orm.Outlet, d.outlet_id == orm.Outlet.id)
        .where(m.status.in_(REVIEWED))
        .group_by(outlet_name, m.label)
        .order_by(outlet_name, m.label)
    ):
        label_by_outlet.setdefault(outlet, {})[label] = n
    quote_by_outlet: dict[str, dict[str, int]] = {}
    for outlet, quote, n in session.execute(
        select(outlet_name, c.quote_type, func.count())
        .select_from(c)
        .join(d, d.id == c.document_id)
        .outerjoin(orm.Outlet, d.outlet_id == orm.Outlet.id)
        .group_by(outlet_name, c.quote_type)
        .order_by(outlet_name, c.quote_type)
    ):
        quote_by_outlet.setdefault(outlet, {})[quote] = n
    by_annotator: dict[str, dict[str, int]] = {}
    for table, key, where in (
        (m, "mentions", m.status.in_(REVIEWED)),
        (c, "claims", true()),
    ):
        for name, n in session.execute(
            select(orm.Annotator.name, func.count(table.id))
            .select_from(table)
            .outerjoin(orm.Annotator, table.annotator_id == orm.Annotator.id)
            .where(where)
            .group_by(orm.Annotator.name)
            .order_by(orm.Annotator.name)
        ):
            by_annotator.setdefault(name or "(none)", {"mentions": 0, "claims": 0})[key] = n
    documents = count(d)
    progress: dict[str, dict[str, int]] = {}
    for name, status, n in session.execute(
        select(orm.Annotator.name, orm.DocumentStatus.status, func.count())
        .join(orm.Annotator, orm.Annotator.id == orm.DocumentStatus.annotator_id)
        .group_by(orm.Annotator.name, orm.DocumentStatus.status)
        .order_by(orm.Annotator.name)
    ):
        row = progress.setdefault(name, {"done": 0, "in_progress": 0, "not_started": documents})
        if status in ("done", "in_progress"):
            row[status] += n
            row["not_started"] -= n
    for name, work in by_annotator.items():
        if name != "(none)":
            progress.setdefault(name, {"done": 0, "in_progress": 0, "not_started": documents})
            progress[name].update(work)
    for row in progress.values():
        row.setdefault("mentions", 0)
        row.setdefault("claims", 0)
    by_quote = dict(
        session.execute(
            select(c.quote_type, func.count()).group_by(c.quote_type).order_by(c.quote_type)
        ).all()
    )
    return {
        "documents": documents,
        "mentions": by_status(REVIEWED),
        "suggestions": by_status(("suggested",)),
        "claims": count(c),
        "entities": count(orm.Entity),
        "clusters": count(orm.ClaimCluster),
        "mentions_by_label": by_label,
        "documents_by_outlet": by_outlet,
        "by_annotator": by_annotator,
        "claims_by_quote_type": by_quote,
        "mentions_by_outlet_label": label_by_outlet,
        "claims_by_outlet_quote_type": quote_by_outlet,
        "progress_by_annotator": dict(sorted(progress.items())),
    }


@dataclass(frozen=True)
class Problem:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def check(session: Session, is_sqlite: bool) -> list[Problem]:
    """Integrity: the engine's own check, stored text hashes and lengths, every span inside its
    text and covering text (not only blanks, not starting on a combining mark), proclitic
    lengths inside their mention. A damaged database is reported as findings: each part that
    cannot be read says so and the others still run."""
    problems: list[Problem] = []
    parts = [_document_problems, _span_problems, _covered_text_problems]
    if is_sqlite:
        parts.insert(0, _engine_problems)
    for part in parts:
        try:
            part(session, problems)
        except DBAPIError as exc:
            session.rollback()
            reason = str(exc.orig).strip() or type(exc.orig).__name__
            problems.append(Problem("database", f"cannot read it all ({reason})"))
    return problems


def _engine_problems(session: Session, problems: list[Problem]) -> None:
    for (row,) in session.execute(text("PRAGMA integrity_check")):
        if row != "ok":
            problems.append(Problem("database", f"integrity_check: {row}"))
    for row in session.execute(text("PRAGMA foreign_key_check")):
        problems.append(Problem("database", f"foreign key violation in {row[0]} row {row[1]}"))


def _document_problems(session: Session, problems: list[Problem]) -> None:
    for doc in session.execute(
        select(
            orm.Document.external_id,
            orm.Document.text,
            orm.Document.text_sha256,
            orm.Document.length,
        ).execution_options(yield_per=200)
    ):
        if text_sha256(doc.text) != doc.text_sha256:
            problems.append(
                Problem(f"document {doc.external_id}", "text does not match its SHA-256")
            )
        if len(doc.text) != doc.length:
            problems.append(Problem(f"document {doc.external_id}", "stored length is wrong"))


def _span_problems(session: Session, problems: list[Problem]) -> None:
    for table, what in ((orm.Mention, "mention"), (orm.Claim, "claim")):
        bad = session.execute(
            select(orm.Document.external_id, table.ext_id, table.start, table.end)
            .join(orm.Document, orm.Document.id == table.document_id)
            .where(
                (table.start < 0) | (table.end <= table.start) | (table.end > orm.Document.length)
            )
        )
        for ext_doc, ext_id, start, end in bad:
            problems.append(
                Problem(
                    f"document {ext_doc}, {what} {ext_id}", f"offsets [{start}, {end}) out of range"
                )
            )
    bad_cues = session.execute(
        select(orm.Document.external_id, orm.Claim.ext_id)
        .join(orm.Document, orm.Document.id == orm.Claim.document_id)
        .where(orm.Claim.cue_end > orm.Document.length)
    )
    for ext_doc, ext_id in bad_cues:
        problems.append(Problem(f"document {ext_doc}, claim {ext_id}", "cue out of range"))
    m = orm.Mention
    for ext_doc, ext_id in session.execute(
        select(orm.Document.external_id, m.ext_id)
        .join(orm.Document, orm.Document.id == m.document_id)
        .where(m.prefix_len.is_not(None) & (m.prefix_len >= m.end - m.start))
    ):
        problems.append(
            Problem(f"document {ext_doc}, mention {ext_id}", "proclitic longer than the mention")
        )


def _covered_text_problems(session: Session, problems: list[Problem]) -> None:
    """What each span covers, one document at a time (its spans read in the same order)."""
    spans = []
    for table, what in ((orm.Mention, "mention"), (orm.Claim, "claim")):
        spans.append(
            iter(
                session.execute(
                    select(table.document_id, table.ext_id, table.start, table.end, literal(what))
                    .order_by(table.document_id)
                    .execution_options(yield_per=2000)
                )
            )
        )
    pending = [next(rows, None) for rows in spans]
    docs = session.execute(
        select(orm.Document.id, orm.Document.external_id, orm.Document.text)
        .order_by(orm.Document.id)
        .execution_options(yield_per=200)
    )
    for doc_id, ext_doc, body in docs:
        for i, rows in enumerate(spans):
            while pending[i] is not None and pending[i][0] <= doc_id:
                _, ext_id, start, end, what = pending[i]
                if pending[i][0] == doc_id and 0 <= start < end <= len(body):
                    reason = _covered_text_problem(body[start:end])
                    if reason:
                        problems.append(Problem(f"document {ext_doc}, {what} {ext_id}", reason))
                pending[i] = next(rows, None)


def _covered_text_problem(covered: str) -> str | None:
    if not covered.strip():
        return "covers only blanks"
    if unicodedata.category(covered[0]) == "Mn":
        return f"starts on a combining mark (U+{ord(covered[0]):04X}) inside a letter"
    return None

"""The state of a database as a whole: counts for `mizan stats`, and the integrity check of
`mizan check` (stored text hashes and lengths, every span inside its text, SQLite's own checks).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.core.rules import text_sha256
from desktop.storage import orm


def stats(session: Session) -> dict:
    count = lambda table: session.execute(select(func.count()).select_from(table)).scalar_one()  # noqa: E731
    mentions_q = (
        select(func.count()).select_from(orm.Mention).where(orm.Mention.status != "rejected")
    )
    by_label = dict(
        session.execute(
            select(orm.Mention.label, func.count())
            .where(orm.Mention.status != "rejected")
            .group_by(orm.Mention.label)
            .order_by(orm.Mention.label)
        ).all()
    )
    by_outlet = {
        (name or "(none)"): n
        for name, n in session.execute(
            select(orm.Outlet.name, func.count(orm.Document.id))
            .select_from(orm.Document)
            .outerjoin(orm.Outlet, orm.Document.outlet_id == orm.Outlet.id)
            .group_by(orm.Outlet.name)
            .order_by(orm.Outlet.name)
        )
    }
    by_annotator: dict[str, dict[str, int]] = {}
    for table, key in ((orm.Mention, "mentions"), (orm.Claim, "claims")):
        for name, n in session.execute(
            select(orm.Annotator.name, func.count(table.id))
            .select_from(table)
            .outerjoin(orm.Annotator, table.annotator_id == orm.Annotator.id)
            .group_by(orm.Annotator.name)
            .order_by(orm.Annotator.name)
        ):
            by_annotator.setdefault(name or "(none)", {"mentions": 0, "claims": 0})[key] = n
    by_quote = dict(
        session.execute(
            select(orm.Claim.quote_type, func.count())
            .group_by(orm.Claim.quote_type)
            .order_by(orm.Claim.quote_type)
        ).all()
    )
    return {
        "documents": count(orm.Document),
        "mentions": session.execute(mentions_q).scalar_one(),
        "claims": count(orm.Claim),
        "entities": count(orm.Entity),
        "clusters": count(orm.ClaimCluster),
        "mentions_by_label": by_label,
        "documents_by_outlet": by_outlet,
        "by_annotator": by_annotator,
        "claims_by_quote_type": by_quote,
    }


@dataclass(frozen=True)
class Problem:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def check(session: Session, is_sqlite: bool) -> list[Problem]:
    """Integrity: stored text hashes, every span inside its text, and the engine's own check."""
    problems: list[Problem] = []
    if is_sqlite:
        for (row,) in session.execute(text("PRAGMA integrity_check")):
            if row != "ok":
                problems.append(Problem("database", f"integrity_check: {row}"))
        for row in session.execute(text("PRAGMA foreign_key_check")):
            problems.append(Problem("database", f"foreign key violation in {row[0]} row {row[1]}"))
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
    return problems

"""CHECK constraints on a column's values compare with ``=`` and OR instead of ``IN (…)``.

SQLite builds a lookup table for an ``IN`` list of three or more values at every row it checks:
the mention's status check was a third of inserting a mention, the claim's three checks more
than that (docs/benchmarks.md, "Session 5"). The OR form accepts exactly the same values.

On SQLite a CHECK is text in the table's definition and the stored rows do not change, so the
definitions are edited in place, as SQLite documents for changing constraints
(https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"):
no table is copied, and no foreign key action runs. A build of SQLite that refuses such edits
keeps its ``IN`` checks, which mean the same and are only slower. On PostgreSQL each constraint
is dropped and added again.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: (table, constraint, column, values, whether NULL is allowed), as the models have them.
CHECKS = (
    ("document_status", "status", "status", ("not_started", "in_progress", "done"), False),
    ("mention", "status", "status", ("manual", "suggested", "accepted", "rejected"), False),
    ("history", "state", "state", ("done", "undone", "dropped"), False),
    ("claim", "source_kind", "source_kind", ("mention", "entity", "outlet", "unnamed"), True),
    (
        "claim",
        "quote_type",
        "quote_type",
        ("direct", "indirect", "mixed", "outlet_assertion"),
        False,
    ),
    ("claim", "polarity", "polarity", ("asserted", "denied", "hedged"), False),
    (
        "cluster_member",
        "relation",
        "relation",
        ("agrees", "contradicts", "adds_detail", "reframes"),
        False,
    ),
)


def _texts(column: str, values: tuple[str, ...], nullable: bool, as_or: bool) -> str:
    if as_or:
        text = " OR ".join(f"{column} = '{v}'" for v in values)
    else:
        text = f"{column} IN ({', '.join(repr(v) for v in values)})"
    return f"{column} IS NULL OR {text}" if nullable else text


def upgrade() -> None:
    _rewrite(as_or=True)


def downgrade() -> None:
    _rewrite(as_or=False)


def _rewrite(*, as_or: bool) -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        _sqlite(conn, as_or)
        return
    for table, name, column, values, nullable in CHECKS:
        constraint = op.f(f"ck_{table}_{name}")
        op.drop_constraint(constraint, table, type_="check")
        op.create_check_constraint(constraint, table, _texts(column, values, nullable, as_or))


def _sqlite(conn, as_or: bool) -> None:
    """Each table's definition with its checks' text replaced, schema_version moved on so every
    connection reads the definitions again."""
    tables: dict[str, str] = {}
    for table, _, column, values, nullable in CHECKS:
        sql = tables.get(table)
        if sql is None:
            sql = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).scalar_one()
        old = f"CHECK ({_texts(column, values, nullable, not as_or)})"
        if sql.count(old) != 1:  # not the definition this migration knows: left as it is
            continue
        tables[table] = sql.replace(old, f"CHECK ({_texts(column, values, nullable, as_or)})")
    if not tables:
        return
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("SAVEPOINT one_of_checks")
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        for table, sql in tables.items():
            conn.exec_driver_sql(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, table)
            )
        conn.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    except Exception as exc:  # a build that refuses edits (SQLITE_DBCONFIG_DEFENSIVE)
        if not _refused(exc):
            raise
        conn.exec_driver_sql("ROLLBACK TO one_of_checks")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
        conn.exec_driver_sql("RELEASE one_of_checks")


def _refused(exc: Exception) -> bool:
    message = str(exc)
    return "may not be modified" in message or "not authorized" in message

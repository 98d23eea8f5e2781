"""The state of a database as a whole: counts for `mizan stats`, and the integrity check of
`mizan check` (stored text hashes and lengths, every span inside its text, SQLite's own checks).
"""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from desktop.core.rules import text_sha256
from desktop.core.speakers import speaker_label
from desktop.storage.rows import Rows

REVIEWED = ("manual", "accepted")  # what the window counts as mentions; "suggested" is pending
_OUTLET = "coalesce(o.name, '(none)')"


def stats(rows: Any, beside: Callable[[], AbstractContextManager[Rows]] | None = None) -> dict:
    """Counts for `mizan stats` and the statistics window. ``mentions`` are reviewed mentions
    (made by hand or accepted), ``suggestions`` the pending ones; rejected ones count nowhere.
    `rows` is `Rows` or a SQLAlchemy session.

    ``beside`` opens a second reading connection (`Database.rows`): the mentions are then
    counted on it, in a thread, while the claims are counted here. They are the two long
    passes, and SQLite runs its queries without Python's lock, so on two cores the counts take
    about two thirds of the time (docs/benchmarks.md, "Session 5"). Each is counted in one
    snapshot; a write committed between the two connections' first reads may show in the
    mention counts and not in the claim counts, as it would between two runs."""
    rows = Rows.of(rows)
    outlets = dict(rows.all("SELECT id, name FROM outlet"))
    annotators = dict(rows.all("SELECT id, name FROM annotator"))
    if beside is None:
        mentions = _mention_counts(rows, outlets, annotators)
        claims = _claim_counts(rows, outlets, annotators)
    else:
        counting = _Beside(_counted_beside, beside, outlets, annotators)
        try:
            claims = _claim_counts(rows, outlets, annotators)
        finally:
            mentions = counting.result()
    by_outlet = {
        (name or "(none)"): n
        for name, n in rows.all(
            "SELECT o.name, COUNT(d.id) FROM document d LEFT JOIN outlet o ON d.outlet_id = o.id "
            "GROUP BY o.name ORDER BY o.name"
        )
    }
    by_annotator: dict[str, dict[str, int]] = {}
    for name, n in mentions.by_annotator:
        by_annotator.setdefault(name or "(none)", {"mentions": 0, "claims": 0})["mentions"] = n
    for name, n in claims.by_annotator:
        by_annotator.setdefault(name or "(none)", {"mentions": 0, "claims": 0})["claims"] = n
    documents = rows.scalar("SELECT COUNT(*) FROM document")
    progress: dict[str, dict[str, int]] = {}
    for name, status, n in rows.all(
        "SELECT a.name, s.status, COUNT(*) FROM document_status s "
        "JOIN annotator a ON a.id = s.annotator_id GROUP BY a.name, s.status ORDER BY a.name"
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
    return {
        "documents": documents,
        "mentions": mentions.reviewed,
        "suggestions": mentions.suggested,
        "claims": claims.total,
        "entities": rows.scalar("SELECT COUNT(*) FROM entity"),
        "clusters": rows.scalar("SELECT COUNT(*) FROM claim_cluster"),
        "mentions_by_label": mentions.by_label,
        "documents_by_outlet": by_outlet,
        "by_annotator": by_annotator,
        "claims_by_quote_type": claims.by_quote_type,
        "mentions_by_outlet_label": mentions.by_outlet_label,
        "claims_by_outlet_quote_type": claims.by_outlet_quote_type,
        "progress_by_annotator": dict(sorted(progress.items())),
        "claims_by_speaker": claims.by_speaker,
        "claims_by_outlet_speaker": claims.by_outlet_speaker,
    }


class _Beside(threading.Thread):
    """``fn(*args)`` run in a thread of its own; `result` waits for it and gives its value, or
    raises what it raised."""

    def __init__(self, fn: Callable[..., Any], *args: Any):
        super().__init__(name="mizan-stats", daemon=True)
        self._call = (fn, args)
        self._value: Any = None
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        fn, args = self._call
        try:
            self._value = fn(*args)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def result(self) -> Any:
        self.join()
        if self._error is not None:
            raise self._error
        return self._value


def _counted_beside(
    beside: Callable[[], AbstractContextManager[Rows]], outlets: dict, annotators: dict
) -> _MentionCounts:
    with beside() as rows:
        return _mention_counts(rows, outlets, annotators)


def _nulls_placed(rows: Rows, names: list, has_none: bool) -> list:
    """`names` (in the database's order) with None where the database's ORDER BY puts NULL:
    first in SQLite, last in PostgreSQL."""
    if not has_none:
        return names
    return [None, *names] if rows.is_sqlite else [*names, None]


class _MentionCounts(NamedTuple):
    reviewed: int
    suggested: int
    by_label: dict[str, int]
    by_outlet_label: dict[str, dict[str, int]]
    by_annotator: list[tuple[str | None, int]]  # reviewed, in the database's order of names


def _mention_counts(rows: Rows, outlets: dict, annotators: dict) -> _MentionCounts:
    """Every count of mentions from one grouped pass over the table (the largest by far):
    per outlet, label, status and annotator. Names are put in the order the database sorts
    them (`_in_database_order`), as separate ORDER BY queries gave them."""
    reviewed = suggested = 0
    by_label: Counter = Counter()
    by_outlet: dict[str, Counter] = {}
    by_annotator: Counter = Counter()
    for outlet_id, label, status, annotator_id, n in _mention_groups(rows):
        if status == "suggested":
            suggested += n
        if status not in REVIEWED:
            continue
        reviewed += n
        by_label[label] += n
        by_outlet.setdefault(outlets.get(outlet_id) or "(none)", Counter())[label] += n
        by_annotator[annotators.get(annotator_id)] += n
    labels = _in_database_order(rows, by_label)
    names = _in_database_order(rows, [a for a in by_annotator if a is not None])
    names = _nulls_placed(rows, names, None in by_annotator)
    return _MentionCounts(
        reviewed,
        suggested,
        {label: by_label[label] for label in labels},
        {
            outlet: {
                label: by_outlet[outlet][label] for label in labels if label in by_outlet[outlet]
            }
            for outlet in _in_database_order(rows, by_outlet)
        },
        [(name, by_annotator[name]) for name in names],
    )


_MENTION_GROUPS = (
    "SELECT d.outlet_id, m.label, m.status, m.annotator_id, COUNT(*) FROM mention m "
    "JOIN document d ON d.id = m.document_id "
    "GROUP BY d.outlet_id, m.label, m.status, m.annotator_id"
)
# The same groups counted document by document (each document's as one JSON array), then
# added up across documents by the database too.
_MENTION_GROUPS_PER_DOCUMENT = (
    "SELECT p.outlet_id, json_extract(g.value, '$[0]'), json_extract(g.value, '$[1]'), "
    "json_extract(g.value, '$[2]'), SUM(json_extract(g.value, '$[3]')) "
    "FROM (SELECT d.outlet_id, (SELECT json_group_array(json_array(label, status, "
    "annotator_id, n)) FROM (SELECT label, status, annotator_id, COUNT(*) AS n FROM mention "
    "WHERE document_id = d.id GROUP BY label, status, annotator_id)) AS groups "
    "FROM document d) p, json_each(p.groups) g GROUP BY 1, 2, 3, 4"
)


def _mention_groups(rows: Rows) -> list[tuple]:
    """(outlet id, label, status, annotator id, count) for every such group of mentions.

    PostgreSQL groups by hashing. SQLite groups by sorting, and one sort of a million mentions
    costs more than a sort of each document's hundred, walked by the (document, start) index
    (10,000 articles x 100 spans: 0.93 -> 0.55-0.69 s of CPU; docs/benchmarks.md, "Session 3:
    exporting a million annotations, stats"). The documents' groups are added up by SQLite as
    well, so the whole pass runs without Python's lock, beside the claims (`stats`). An SQLite
    without its JSON functions (built without them) gets the single GROUP BY."""
    if not rows.is_sqlite:
        return rows.all(_MENTION_GROUPS)
    try:
        return rows.all(_MENTION_GROUPS_PER_DOCUMENT)
    except sqlite3.OperationalError:  # no JSON functions
        return rows.all(_MENTION_GROUPS)


def _in_database_order(rows: Rows, values) -> list[str]:
    """`values` sorted as the database's ORDER BY sorts text (its collation, not Python's)."""
    values = list(values)
    if len(values) < 2:
        return values
    params = {f"v{i}": v for i, v in enumerate(values)}
    listed = ", ".join(f"(:v{i})" for i in range(len(values)))
    return [
        r[0] for r in rows.all(f"SELECT column1 FROM (VALUES {listed}) AS v ORDER BY 1", **params)
    ]


def _speaker(kind, key, name, m_text) -> str:
    """The speaker rule on a claim row's source: its kind, the entity (the registry entity of an
    entity source, else the source mention's), the mention's covered text; "(none)" for no
    source."""
    speaker = speaker_label(kind, entity_key=key, entity_name=name, mention_text=m_text)
    return speaker or "(none)"


class _ClaimCounts(NamedTuple):
    total: int
    by_quote_type: dict[str, int]
    by_outlet_quote_type: dict[str, dict[str, int]]
    by_annotator: list[tuple[str | None, int]]  # in the database's order of names
    by_speaker: dict[str, int]
    by_outlet_speaker: dict[str, dict[str, int]]


# One row per claim, every count of claims is made from: its document (NULL when missing: such
# a claim is counted in all, per quote type and per annotator, but has no outlet or speaker),
# outlet, quote type, annotator and source (kind; the registry entity of an entity source, else
# the source mention's, as the speaker rule takes them; the mention's covered text).
_CLAIM_ROWS = (
    "SELECT d.id IS NOT NULL, d.outlet_id, c.quote_type, c.annotator_id, c.source_kind, "
    'e.key, e.name, substr(d.text, sm.start + 1, sm."end" - sm.start) '
    "FROM claim c LEFT JOIN document d ON d.id = c.document_id "
    "LEFT JOIN mention sm ON sm.id = c.source_mention_id "
    "LEFT JOIN entity e ON e.id = CASE WHEN c.source_kind = 'entity' "
    "THEN c.source_entity_id ELSE sm.entity_id END"
)


def _claim_counts(rows: Rows, outlets: dict, annotators: dict) -> _ClaimCounts:
    """Every count of claims from one pass over the table: in all, per quote type, per outlet
    and quote type, per annotator, and per speaker, in all and per outlet, most first.

    The rows are counted by a `Counter`, not by the database's GROUP BY: sorting 100,000 rows
    on several columns, one of them the covered text, cost SQLite three times the reading
    (docs/benchmarks.md). The speaker rule of `desktop.core.speakers` names each distinct source
    once, as the claims list does (`desktop.storage.claims.speaker_name`). Names and quote
    types are put in the order the database sorts them (`_in_database_order`), as separate
    ORDER BY queries gave them."""
    groups: Counter = Counter()  # (in a document, outlet id, quote type, annotator id)
    speakers: dict[tuple, str] = {}  # source -> its name, each named once
    per_outlet_id: defaultdict[Any, Counter] = defaultdict(Counter)
    for row, n in Counter(rows.stream(_CLAIM_ROWS)).items():
        groups[row[:4]] += n
        if row[0]:
            source = row[4:]
            speaker = speakers.get(source)
            if speaker is None:
                speaker = speakers[source] = _speaker(*source)
            per_outlet_id[row[1]][speaker] += n
    total = 0
    by_quote: Counter = Counter()
    quote_by_outlet: defaultdict[str, Counter] = defaultdict(Counter)
    by_annotator: Counter = Counter()
    for (in_document, outlet_id, quote, annotator_id), n in groups.items():
        total += n
        by_quote[quote] += n
        by_annotator[annotators.get(annotator_id)] += n
        if in_document:
            outlet = outlets.get(outlet_id)
            quote_by_outlet["(none)" if outlet is None else outlet][quote] += n
    per_outlet: defaultdict[str, Counter] = defaultdict(Counter)
    overall: Counter = Counter()
    for outlet_id, counts in per_outlet_id.items():
        per_outlet[outlets.get(outlet_id) or "(none)"].update(counts)
        overall.update(counts)
    quotes = _in_database_order(rows, by_quote)
    names = _in_database_order(rows, [a for a in by_annotator if a is not None])
    names = _nulls_placed(rows, names, None in by_annotator)

    def most_first(counts: Counter) -> dict[str, int]:
        """By count, most first, then by name: by name, then a stable sort by count (no key
        tuple per speaker; there can be one speaker per claim)."""
        items = sorted(counts.items(), key=itemgetter(0))  # names are distinct
        items.sort(key=itemgetter(1), reverse=True)
        return dict(items)

    return _ClaimCounts(
        total,
        {quote: by_quote[quote] for quote in quotes},
        {
            outlet: {q: quote_by_outlet[outlet][q] for q in quotes if q in quote_by_outlet[outlet]}
            for outlet in _in_database_order(rows, quote_by_outlet)
        },
        [(name, by_annotator[name]) for name in names],
        most_first(overall),
        {o: most_first(c) for o, c in sorted(per_outlet.items())},
    )


@dataclass(frozen=True)
class Problem:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def check(rows: Any, is_sqlite: bool) -> list[Problem]:
    """Integrity: the engine's own check, stored text hashes and lengths, every span inside its
    text and covering text (not only blanks, not starting on a combining mark), proclitic
    lengths inside their mention. A damaged database is reported as findings: each part that
    cannot be read says so and the others still run."""
    rows = Rows.of(rows)
    problems: list[Problem] = []
    parts = [_document_problems, _span_problems, _covered_text_problems]
    if is_sqlite:
        parts.insert(0, _engine_problems)
    for part in parts:
        try:
            part(rows, problems)
        except rows.errors as exc:
            rows.restart()
            orig = getattr(exc, "orig", exc)
            reason = str(orig).strip() or type(orig).__name__
            problems.append(Problem("database", f"cannot read it all ({reason})"))
    return problems


def _engine_problems(rows: Rows, problems: list[Problem]) -> None:
    for (row,) in rows.all("PRAGMA integrity_check"):
        if row != "ok":
            problems.append(Problem("database", f"integrity_check: {row}"))
    for row in rows.all("PRAGMA foreign_key_check"):
        problems.append(Problem("database", f"foreign key violation in {row[0]} row {row[1]}"))


def _document_problems(rows: Rows, problems: list[Problem]) -> None:
    for external_id, body, sha, length in rows.stream(
        "SELECT external_id, text, text_sha256, length FROM document", batch=200
    ):
        if text_sha256(body) != sha:
            problems.append(Problem(f"document {external_id}", "text does not match its SHA-256"))
        if len(body) != length:
            problems.append(Problem(f"document {external_id}", "stored length is wrong"))


def _span_problems(rows: Rows, problems: list[Problem]) -> None:
    for table, what in (("mention", "mention"), ("claim", "claim")):
        for ext_doc, ext_id, start, end in rows.all(
            f'SELECT d.external_id, t.ext_id, t.start, t."end" FROM {table} t '
            "JOIN document d ON d.id = t.document_id "
            'WHERE t.start < 0 OR t."end" <= t.start OR t."end" > d.length'
        ):
            problems.append(
                Problem(
                    f"document {ext_doc}, {what} {ext_id}", f"offsets [{start}, {end}) out of range"
                )
            )
    for ext_doc, ext_id in rows.all(
        "SELECT d.external_id, c.ext_id FROM claim c JOIN document d ON d.id = c.document_id "
        "WHERE c.cue_end > d.length"
    ):
        problems.append(Problem(f"document {ext_doc}, claim {ext_id}", "cue out of range"))
    for ext_doc, ext_id in rows.all(
        "SELECT d.external_id, m.ext_id FROM mention m JOIN document d ON d.id = m.document_id "
        'WHERE m.prefix_len IS NOT NULL AND m.prefix_len >= m."end" - m.start'
    ):
        problems.append(
            Problem(f"document {ext_doc}, mention {ext_id}", "proclitic longer than the mention")
        )


def _covered_text_problems(rows: Rows, problems: list[Problem]) -> None:
    """What each span covers, one document at a time (its spans read in the same order)."""
    spans = [
        rows.stream(
            f"SELECT document_id, ext_id, start, \"end\", '{what}' FROM {what} ORDER BY document_id"
        )
        for what in ("mention", "claim")
    ]
    pending = [next(it, None) for it in spans]
    docs = rows.stream("SELECT id, external_id, text FROM document ORDER BY id", batch=200)
    for doc_id, ext_doc, body in docs:
        for i, it in enumerate(spans):
            while pending[i] is not None and pending[i][0] <= doc_id:
                _, ext_id, start, end, what = pending[i]
                if pending[i][0] == doc_id and 0 <= start < end <= len(body):
                    reason = _covered_text_problem(body[start:end])
                    if reason:
                        problems.append(Problem(f"document {ext_doc}, {what} {ext_id}", reason))
                pending[i] = next(it, None)


def _covered_text_problem(covered: str) -> str | None:
    if not covered.strip():
        return "covers only blanks"
    if unicodedata.category(covered[0]) == "Mn":
        return f"starts on a combining mark (U+{ord(covered[0]):04X}) inside a letter"
    return None

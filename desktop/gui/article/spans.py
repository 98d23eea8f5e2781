"""The highlighted spans of a document's annotations: what the article view shows for each
mention, suggestion, claim and cue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from desktop.core.model import Claim, Document, LabelSet, Mention, MentionStatus
from desktop.gui.article.span_index import ViewSpan
from desktop.gui.i18n import tr
from desktop.gui.names import label_name

CLAIM_COLOR = "#7e57c2"
CUE_COLOR = "#5e35b1"


def mention_span(
    m: Mention,
    labels: LabelSet,
    names: Mapping[str, str],
    looks: dict | None = None,
    annotator: str | None = None,
) -> ViewSpan | None:
    """A mention's span; None for a rejected suggestion, which is not shown.

    `looks` caches kind, colour and tooltip per (label, entity, status, other annotator): an
    article has a few dozen of those for thousands of mentions (`document_spans` shares one).
    A mention of an annotator other than `annotator` (shown read-only) is of kind "other"."""
    if m.status is MentionStatus.REJECTED:
        return None
    key = (m.label, m.entity, m.status, _other(m, annotator))
    look = looks.get(key) if looks is not None else None
    if look is None:
        look = _look(m, labels, names, key[3])
        if looks is not None:
            looks[key] = look
    return ViewSpan(m.id, m.start, m.end, *look)


def _other(item: Mention | Claim, annotator: str | None) -> str | None:
    """The name of the item's annotator when it is someone else's layer (None when own)."""
    who = item.annotator
    return who if annotator is not None and who is not None and who != annotator else None


def _look(
    m: Mention, labels: LabelSet, names: Mapping[str, str], other: str | None = None
) -> tuple[str, str, str, str]:
    label = labels.get(m.label)
    entity = names.get(m.entity) if m.entity else None
    tip = f"{m.label} · {label_name(labels, m.label)}"
    if entity:
        tip += f" → {entity}"
    kind = "suggestion" if m.status is MentionStatus.SUGGESTED else "mention"
    if kind == "suggestion":
        tip += f" ({tr('suggestion')})"
    if other is not None:
        kind = "other"
        tip += f" ({tr('Annotator')}: {other})"
    return kind, label.color if label else "#dddddd", m.label, tip


def claim_spans(c: Claim, annotator: str | None = None) -> list[ViewSpan]:
    """A claim's span, and its cue's when it has one; the tooltip names the annotator when the
    claim is another annotator's (`annotator` is the one working)."""
    other = _other(c, annotator)
    whose = f" ({tr('Annotator')}: {other})" if other is not None else ""
    spans = [
        ViewSpan(
            ("claim", c.id),
            c.start,
            c.end,
            "claim",
            CLAIM_COLOR,
            "CLAIM",
            f"{tr('Claim')} · {c.quote_type.value} · {c.polarity.value}{whose}",
        )
    ]
    if c.cue:
        spans.append(
            ViewSpan(
                ("cue", c.id),
                c.cue.start,
                c.cue.end,
                "cue",
                CUE_COLOR,
                "CUE",
                tr("Reporting cue") + whose,
            )
        )
    return spans


def claim_span_ids(claim_ids: Iterable[int]) -> list[tuple[str, int]]:
    """Ids of the spans a claim may have in the view (its own and its cue's)."""
    return [(kind, i) for i in claim_ids for kind in ("claim", "cue")]


def document_spans(doc: Document, labels: LabelSet, annotator: str | None = None) -> list[ViewSpan]:
    """The spans of a document; other annotators' than `annotator` are drawn apart (kind
    "other", their tooltip names them)."""
    names = {k: e.name for k, e in doc.registry.items()}
    looks: dict = {}
    spans = []
    add, rejected, new = spans.append, MentionStatus.REJECTED, tuple.__new__
    for m in doc.mentions:  # `mention_span` inlined: this runs for each of 50,000 mentions
        if m.status is rejected:
            continue
        who = m.annotator
        other = who if annotator is not None and who is not None and who != annotator else None
        look = looks.get(key := (m.label, m.entity, m.status, other))
        if look is None:
            look = looks[key] = _look(m, labels, names, other)
        add(new(ViewSpan, (m.id, m.start, m.end, *look)))  # ViewSpan(…) without its call
    for c in doc.claims:
        spans.extend(claim_spans(c, annotator))
    return spans

"""What an edit changes in the open document: only the mentions and claims a `Change` names are
read back (`Workspace.annotations`) and merged into the document the window holds, so a label key
on a 50,000-mention article costs a few rows, not a reload (docs/architecture.md, "The change
flow")."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from desktop.core.changes import Change, ChangeKind
from desktop.core.model import Claim, Document, Mention


def _order(item: Mention | Claim) -> tuple:
    """Storage's order of a document's mentions and claims: by start, longer first, then id."""
    return (item.start, -item.end, item.id or 0)


def merge_annotations(workspace, doc: Document, change: Change):
    """`doc` after `change`, and what moved: (new document, changed mentions, ids of mentions
    gone, changed claims, ids of claims gone, (mentions taken out, mentions put in)). Removed
    rows need no read; rows the change added or updated are read back once. A claim change
    that names no claim rows (its topics) reads the document's claims again; they are few."""
    cm, cc = change.mentions, change.claims
    read_m = cm.added | cm.updated
    read_c = cc.added | cc.updated
    if ChangeKind.CLAIM in change.kinds and not cc:
        read_c = read_c | {c.id for c in doc.claims}
    got = workspace.annotations(doc.id, read_m, read_c) if read_m or read_c else None

    # rows a change adds are not in the document yet: only removed and updated ones are looked for
    mentions, prior_m = _without(doc.mentions, cm.removed | cm.updated)
    claims, prior_c = _without(doc.claims, cc.removed | (read_c - cc.added))
    changed_m: list[Mention] = []
    changed_c: list[Claim] = []
    registry = doc.registry
    if got is not None:
        changed_m = [m for m in got.mentions if prior_m.get(m.id) != m]
        changed_c = [c for c in got.claims if prior_c.get(c.id) != c]
        for m in got.mentions:
            _put(mentions, m)
        for c in got.claims:
            _put(claims, c)
        if got.registry.keys() - registry.keys():
            registry = {**registry, **got.registry}
    gone_m = prior_m.keys() - {m.id for m in got.mentions} if got else set(prior_m)
    gone_c = prior_c.keys() - {c.id for c in got.claims} if got else set(prior_c)
    new = replace(doc, mentions=tuple(mentions), claims=tuple(claims), registry=registry)
    swapped = (list(prior_m.values()), list(got.mentions) if got is not None else [])
    return new, changed_m, gone_m, changed_c, gone_c, swapped


def _put(items: list, item) -> None:
    """Insert `item` at its place in storage order; the same row already there is replaced."""
    i = bisect_left(items, _order(item), key=_order)
    if i < len(items) and items[i].id == item.id:
        items[i] = item
    else:
        items.insert(i, item)


def _without(items, ids) -> tuple[list, dict]:
    """`items` without those of `ids`, and the ones taken out by id (one pass, no lookups for
    the others)."""
    if not ids:
        return list(items), {}
    kept, taken = [], {}
    for item in items:
        if item.id in ids:
            taken[item.id] = item
        else:
            kept.append(item)
    return kept, taken

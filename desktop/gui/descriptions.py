"""Undo/redo and status-bar texts in the interface language.

The use cases describe what they did in English (the history table keeps that text, and the
command line prints it). The window shows these descriptions in its own language: each known
form is matched here and put through `tr()`; the quoted words and figures are kept as they are.
An unknown form is shown unchanged.
"""

from __future__ import annotations

import re

from desktop.gui.i18n import N_, tr

#: (pattern on the English description, template to translate; {x} is the captured group)
_FORMS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern, re.S), template)
    for pattern, template in (
        (r"claim «(?P<x>.*)»", N_("claim «{x}»")),
        (r"change claim «(?P<x>.*)»", N_("change claim «{x}»")),
        (r"delete (?P<x>\d+) claim\(s\)", N_("delete {x} claim(s)")),
        (r"delete (?P<x>\d+) mention\(s\)", N_("delete {x} mention(s)")),
        (r"change mention \((?P<x>.*)\)", N_("change mention ({x})")),
        (r"accept (?P<x>\d+) suggestion\(s\)", N_("accept {x} suggestion(s)")),
        (r"reject (?P<x>\d+) suggestion\(s\)", N_("reject {x} suggestion(s)")),
        (r"suggest (?P<x>\d+ × \S+)", N_("suggest {x}")),
        (r"new entity «(?P<x>.*)»", N_("new entity «{x}»")),
        (r"new cluster «(?P<x>.*)»", N_("new cluster «{x}»")),
        (r"split cluster «(?P<x>.*)»", N_("split cluster «{x}»")),
        (r"rename cluster «(?P<x>.*)»", N_("rename cluster «{x}»")),
        (r"relation: (?P<x>\S+)", N_("relation: {x}")),
        (r"add to cluster", N_("add to cluster")),
        (r"reject suggestion", N_("reject suggestion")),
        (r"remove from cluster", N_("remove from cluster")),
        (r"move to cluster", N_("move to cluster")),
        (r"merge clusters", N_("merge clusters")),
        (r"delete cluster", N_("delete cluster")),
        (r"edit document details", N_("edit document details")),
        (r"mark done", N_("mark done")),
        (r"mark in progress", N_("mark in progress")),
        (r"mark not started", N_("mark not started")),
        (r"nothing changed", N_("nothing changed")),
    )
)


def describe(description: str) -> str:
    """`description` (a use case's English text, maybe after "undo "/"redo ") in the interface
    language."""
    for verb, template in (("undo ", N_("undo {x}")), ("redo ", N_("redo {x}"))):
        if description.startswith(verb):
            return tr(template).replace("{x}", describe(description[len(verb) :]))
    for pattern, template in _FORMS:
        match = pattern.fullmatch(description)
        if match:
            x = match.groupdict().get("x")
            return tr(template) if x is None else tr(template).replace("{x}", x)
    return description  # a new mention ("PERS «بوتين»") and unknown forms read as they are

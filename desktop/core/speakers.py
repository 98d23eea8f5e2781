"""Who a claim is attributed to, as a name to show: the one rule every list and window uses.

A source that is a mention shows its linked registry entity's name, else the mention's own
words on one line; a registry entity shows its name (its key when the registry does not know
it); the outlet itself, unnamed sources and a missing source have no name of their own, so the
caller shows a translated phrase for the `kind` (docs/data-model.md, "Claims").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.model import ClaimSource, Mention, SourceKind


@dataclass(frozen=True, slots=True)
class Speaker:
    kind: SourceKind | None  # None: the claim has no source yet
    name: str = ""  # empty for the outlet, unnamed sources and no source
    key: str | None = None  # registry key when known


def one_line(text: str) -> str:
    return " ".join(text.split())


def speaker_name(
    kind: SourceKind | str | None,
    *,
    entity_key: str | None = None,
    entity_name: str | None = None,
    mention_text: str | None = None,
) -> Speaker:
    """The rule on plain values (a database row or a document's objects feed it alike)."""
    kind = SourceKind(kind) if kind else None
    if kind is SourceKind.ENTITY:
        return Speaker(kind, entity_name or entity_key or "?", entity_key)
    if kind is SourceKind.MENTION:
        if entity_name:
            return Speaker(kind, entity_name, entity_key)
        return Speaker(kind, one_line(mention_text) if mention_text else "?", entity_key)
    return Speaker(kind)


def claim_speaker(
    source: ClaimSource | None,
    text: str,
    mentions: Mapping[str | None, Mention],
    entity_names: Mapping[str, str],
) -> Speaker:
    """The speaker of a claim of a loaded document: `mentions` by external id, `entity_names`
    by registry key."""
    if source is None:
        return Speaker(None)
    if source.kind is SourceKind.ENTITY:
        key = source.entity
        return speaker_name(source.kind, entity_key=key, entity_name=entity_names.get(key or ""))
    if source.kind is SourceKind.MENTION:
        mention = mentions.get(source.mention)
        if mention is None:
            return Speaker(source.kind, "?")
        key = mention.entity
        return speaker_name(
            source.kind,
            entity_key=key,
            entity_name=entity_names.get(key or ""),
            mention_text=text[mention.start : mention.end],
        )
    return Speaker(source.kind)


#: What lists without translation at hand show for sources that have no name of their own;
#: the GUI translates these phrases (they start with a parenthesis).
PLACEHOLDERS = {SourceKind.OUTLET: "(outlet)", SourceKind.UNNAMED: "(unnamed sources)"}


def speaker_label(
    kind: SourceKind | str | None,
    *,
    entity_key: str | None = None,
    entity_name: str | None = None,
    mention_text: str | None = None,
) -> str:
    """`speaker_name` as one string for lists and statistics: the name, else the placeholder of
    the kind, else "" (no source)."""
    speaker = speaker_name(
        kind, entity_key=entity_key, entity_name=entity_name, mention_text=mention_text
    )
    return speaker.name or PLACEHOLDERS.get(speaker.kind, "")

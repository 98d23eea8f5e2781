"""Who and what a claim names, read from the text when nobody linked it.

Alignment should not depend on how thoroughly an annotator linked mentions. :class:`EntityFinder`
finds registry names and aliases (and the names of unlinked mentions anywhere in the corpus) in
folded text, with a proclitic allowed on the first word (وبوتين, لموسكو), as docs/arabic.md
describes for alias lookup. :func:`claim_entities` uses it for the entities inside a claim and for
its speaker: the linked source first, else the subject of the reporting verb — the cue when one is
marked, else the nearest reporting verb before the claim in its sentence — which Arabic puts right
after the verb (قال الرئيس بوتين إن ...) or, less often, before it (بوتين قال إن ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.core.model import Claim, Mention, RegistryEntity, SourceKind
from desktop.text import fold, fold_key

__all__ = ["REPORTING_VERBS", "EntityFinder", "claim_entities"]

_WORD = re.compile(r"\w+")
_CLITIC = re.compile("^(?:و|ف)?(?:ب|ك|ل)?")
_CLITIC_LETTERS = frozenset("وفبكل")

#: Reporting verbs (folded, past tense, both genders): a claim's speaker is their subject.
REPORTING_VERBS = frozenset(
    fold_key(v) + end
    for v in (
        "قال أكد أشار أوضح أعلن ذكر صرح لفت شدد أضاف رأى اعتبر كشف نفى دعا تابع أفاد نقل "
        "زعم حذر طالب أعرب نبه جدد"
    ).split()
    for end in ("", "ت")
)
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_MAX_NAME_WORDS = 5


class EntityFinder:
    """Finds registry aliases and known names in text; keys are ``e:<entity>`` or ``n:<name>``."""

    def __init__(self, registry: Iterable[RegistryEntity], names: Iterable[str] = ()) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        for entity in registry:
            for alias in (entity.name, *entity.aliases):
                words = tuple(_WORD.findall(fold_key(alias)))
                if words and len(words) <= _MAX_NAME_WORDS:
                    self.phrases.setdefault(words, "e:" + entity.key)
        for name in names:
            words = tuple(_WORD.findall(name))
            if words and len(words) <= _MAX_NAME_WORDS:
                self.phrases.setdefault(words, "n:" + " ".join(words))
        self.first = {p[0] for p in self.phrases}
        self.longest = max(map(len, self.phrases), default=0)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``[(start, end, key)]`` in ``text``'s own offsets, longest match first, no overlaps."""
        if not self.phrases:
            return []
        folded = fold(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded.key)]
        out = []
        first = self.first
        i = 0
        while i < len(words):
            w = words[i][2]
            if w not in first and w[0] not in _CLITIC_LETTERS:
                i += 1  # most words: neither a name's first word nor a clitic before one
                continue
            heads = [(w, 0)]
            cut = _CLITIC.match(w).end()  # type: ignore[union-attr]
            if cut and len(w) - cut >= 2:
                heads.append((w[cut:], cut))
            hit = None
            for head, cut in heads:
                if head not in self.first:
                    continue
                for n in range(min(self.longest, len(words) - i), 0, -1):
                    key = self.phrases.get((head, *(x[2] for x in words[i + 1 : i + n])))
                    if key is not None:
                        hit = (n, cut, key)
                        break
                if hit:
                    break
            if hit is None:
                i += 1
                continue
            n, cut, key = hit
            start, end = folded.span(words[i][0] + cut, words[i + n - 1][1])
            out.append((start, end, key))
            i += n
        return out


def claim_entities(
    text: str,
    claim: Claim,
    found: list[tuple[int, int, str]],
    mentions: dict[str, Mention],
    linked: list[tuple[int, int, str]],
) -> tuple[set[str], str | None, str | None]:
    """``(entity keys inside the claim, speaker key, where the speaker came from)``.

    ``found``: :meth:`EntityFinder.find` over the whole document; ``linked``: live mentions'
    ``(start, end, key)``; ``mentions``: live mentions by span id. Speaker keys are ``e:<entity>``
    or ``n:<folded name>``; the origin is ``"source"``, ``"cue"`` or ``"verb"``.
    """
    inside = {k for s, e, k in linked if s < claim.end and e > claim.start}
    inside |= {k for s, e, k in found if s >= claim.start and e <= claim.end}
    speaker = _source(text, claim, mentions)
    if speaker is not None:
        return inside, speaker, "source"
    where = "cue"
    cue = None if claim.cue is None else (claim.cue.start, claim.cue.end)
    if cue is None:
        where = "verb"
        cue = _reporting_verb(text, claim.start)
    if cue is None:
        return inside, None, None
    names = sorted({*linked, *found})
    sentence_start = _sentence_start(text, cue[0])
    limit = claim.start if claim.start > cue[1] else cue[1] + 80
    after = [(s, k) for s, e, k in names if s >= cue[1] and e <= limit]
    if after:
        return inside, min(after)[1], where
    before = [(s, k) for s, e, k in names if e <= cue[0] and s >= sentence_start]
    if before:
        return inside, max(before)[1], where
    return inside, None, None


def _source(text: str, claim: Claim, mentions: dict[str, Mention]) -> str | None:
    source = claim.source
    if source is None:
        return None
    if source.kind is SourceKind.ENTITY and source.entity:
        return "e:" + source.entity
    if source.kind is SourceKind.MENTION and source.mention in mentions:
        m = mentions[source.mention]
        if m.entity:
            return "e:" + m.entity
        name = " ".join(_WORD.findall(fold_key(text[m.start + (m.prefix_len or 0) : m.end])))
        return "n:" + name if name else None
    return None


def _sentence_start(text: str, pos: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos)]
    return ends[-1] if ends else max(0, pos - 400)


def _reporting_verb(text: str, start: int) -> tuple[int, int] | None:
    """The last reporting verb between the sentence start and ``start`` (at most 120 chars)."""
    lo = max(_sentence_start(text, start), start - 120)
    window = text[lo:start]
    folded = fold(window)
    best = None
    for m in _WORD.finditer(folded.key):
        w = m.group()
        if w in REPORTING_VERBS or (w[:1] in ("و", "ف") and w[1:] in REPORTING_VERBS):
            best = folded.span(m.start(), m.end())
    return None if best is None else (lo + best[0], lo + best[1])

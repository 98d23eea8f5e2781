"""Proposals for a new claim's attribution (PARC-style source, cue, content).

Given the content span the annotator selected, propose the nearest reporting cue before it (from
the cue lexicon, matched through Arabic folding), the quote type from the quotation marks around
it, the nearest preceding person mention as its source, and a polarity. Everything here is a
proposal: the claim form shows it with its reasons, and the annotator confirms or changes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import (
    ClaimSource,
    Mention,
    MentionStatus,
    Polarity,
    QuoteType,
    SourceKind,
    Span,
)
from desktop.text import find_occurrences, fold, fold_key

OPENING_QUOTES = "«“\"„‹'"
CLOSING_QUOTES = "»”\"‟›'"
QUOTES = set(OPENING_QUOTES + CLOSING_QUOTES)
SENTENCE_END = re.compile(r"[.!؟?\n]")
SOURCE_LABELS = ("PERS", "ORG", "NORP", "GPE")  # who can be a speaker, most likely first


@dataclass(frozen=True)
class CueLexicon:
    forms: tuple[tuple[str, str, str], ...]  # (surface form, lemma, kind: say | deny | according)
    negations: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: dict) -> CueLexicon:
        forms = tuple(
            (form, entry["lemma"], entry.get("kind", "say"))
            for entry in data["cues"]
            for form in entry["forms"]
        )
        return cls(forms, tuple(data.get("negations", ())), tuple(data.get("hedges", ())))


@dataclass(frozen=True)
class CueMatch:
    start: int
    end: int
    lemma: str
    kind: str


#: Why a field was proposed. The window translates these templates (they are its strings too).
REASONS = {
    "cue_near": "cue: {cue} — the nearest reporting verb before",
    "cue_before": "cue: {cue} — in the sentence before (none in this one)",
    "source": "source: {source} — the nearest {label} mention before the content",
    "direct": "quote type: direct — the content is inside quotation marks",
    "mixed": "quote type: mixed — the content contains a quotation",
    "indirect": "quote type: indirect — attributed, not in quotation marks",
    "outlet": "no cue and no speaker: the outlet's own assertion",
    "denial_cue": "polarity: denied — the cue {cue} is a denial",
    "negated": "polarity: denied — the content is negated ({word})",
    "hedged": "polarity: hedged — the content is hedged ({word})",
}


@dataclass(frozen=True)
class ClaimProposal:
    cue: CueMatch | None
    source: ClaimSource | None
    source_span: Span | None  # where the proposed source mention is, to show it
    quote_type: QuoteType
    polarity: Polarity
    reason_keys: tuple[tuple[str, dict], ...]  # (key of REASONS, values for its template)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(REASONS[key].format(**values) for key, values in self.reason_keys)


def find_cues(text: str, start: int, end: int, lexicon: CueLexicon) -> list[CueMatch]:
    """Every cue of the lexicon in text[start:end], as stored offsets, in text order."""
    region = text[start:end]
    if not region.strip():
        return []
    folded = fold(region)
    found: dict[tuple[int, int], CueMatch] = {}
    for form, lemma, kind in lexicon.forms:
        for a, b in find_occurrences(region, form, clitic_insensitive=True, folded=folded):
            key = (start + a, start + b)
            # prefer the longest form at a place ("وفقا ل" over "وفق")
            if key not in found:
                found[key] = CueMatch(key[0], key[1], lemma, kind)
    # drop matches contained in a longer one
    matches = sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start)))
    out: list[CueMatch] = []
    for m in matches:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos` (after the last . ! ؟ or newline before it)."""
    i = pos
    while i > 0 and text[i - 1] in " \t" + "".join(QUOTES) + ":":
        i -= 1
    last = -1
    for m in SENTENCE_END.finditer(text, 0, i):
        last = m.end()
    return max(0, last)


def quote_type_of(text: str, start: int, end: int) -> tuple[QuoteType | None, str]:
    """Direct when the content sits inside quotation marks; mixed when it holds a quotation."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    inner = text[start:end]
    stripped = inner.strip()
    if (before[-1:] in OPENING_QUOTES and after[:1] in CLOSING_QUOTES) or (
        len(stripped) > 1 and stripped[0] in OPENING_QUOTES and stripped[-1] in CLOSING_QUOTES
    ):
        return QuoteType.DIRECT, "direct"
    if any(ch in QUOTES for ch in inner):
        return QuoteType.MIXED, "mixed"
    return None, ""


def _words(text: str) -> list[str]:
    return fold_key(text).split()


def polarity_of(
    text: str, start: int, end: int, cue: CueMatch | None, lexicon: CueLexicon
) -> tuple[Polarity, tuple[str, dict] | None]:
    """The polarity, and the reason (a key of REASONS with its values) when not 'asserted'."""
    if cue is not None and cue.kind == "deny":
        return Polarity.DENIED, ("denial_cue", {"cue": cue.lemma})
    head = _words(text[start:end].lstrip("".join(QUOTES) + " "))[:4]
    negations = {fold_key(n) for n in lexicon.negations}
    for word in head:
        if word in negations:
            return Polarity.DENIED, ("negated", {"word": word})
    body = fold_key(text[start:end])
    for hedge in lexicon.hedges:
        if fold_key(hedge) in body:
            return Polarity.HEDGED, ("hedged", {"word": hedge})
    return Polarity.ASSERTED, None


def nearest_source(mentions: Sequence[Mention], lo: int, start: int, end: int) -> Mention | None:
    """The mention closest before the content (or just inside its start), speakers first."""
    usable = [
        m
        for m in mentions
        if m.status in (MentionStatus.MANUAL, MentionStatus.ACCEPTED)
        and m.label in SOURCE_LABELS
        and lo <= m.start
        and m.end <= start
    ]
    if not usable:
        return None
    best = max(usable, key=lambda m: (m.label == "PERS", m.end, -m.start))
    person = [m for m in usable if m.label == "PERS"]
    return max(person, key=lambda m: (m.end, -m.start)) if person else best


def propose_claim(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    lexicon: CueLexicon,
    *,
    window: int = 300,
) -> ClaimProposal:
    reasons: list[tuple[str, dict]] = []
    sentence = _sentence_start(text, start)
    lo = max(0, start - window)
    cues = find_cues(text, max(lo, sentence), start, lexicon)
    cue = cues[-1] if cues else None
    if cue is not None:
        reasons.append(("cue_near", {"cue": text[cue.start : cue.end]}))
    else:
        earlier = find_cues(text, lo, start, lexicon)
        if earlier:
            cue = earlier[-1]
            reasons.append(("cue_before", {"cue": text[cue.start : cue.end]}))

    search_from = max(lo, (cue.start if cue else sentence) - 120)
    source_mention = nearest_source(mentions, search_from, start, end)
    source = None
    source_span = None
    if source_mention is not None and source_mention.ext_id:
        source = ClaimSource(SourceKind.MENTION, mention=source_mention.ext_id)
        source_span = Span(source_mention.start, source_mention.end)
        reasons.append(
            (
                "source",
                {
                    "source": text[source_mention.start : source_mention.end],
                    "label": source_mention.label,
                },
            )
        )

    quote_type, why = quote_type_of(text, start, end)
    if quote_type is not None:
        reasons.append((why, {}))
    elif cue is not None or source is not None:
        quote_type = QuoteType.INDIRECT
        reasons.append(("indirect", {}))
    else:
        quote_type = QuoteType.OUTLET_ASSERTION
        source = ClaimSource(SourceKind.OUTLET)
        reasons.append(("outlet", {}))

    polarity, reason = polarity_of(text, start, end, cue, lexicon)
    if reason is not None:
        reasons.append(reason)
    return ClaimProposal(cue, source, source_span, quote_type, polarity, tuple(reasons))

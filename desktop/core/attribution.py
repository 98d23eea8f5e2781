"""Proposals for a new claim's attribution (PARC-style source, cue, content).

Given the content span the annotator selected, propose the nearest reporting cue before it (from
the cue lexicon, matched through Arabic folding), the quote type from the quotation marks around
it, a source and a polarity. Everything here is a proposal: the claim form shows it with its
reasons (templates in :data:`REASONS`, translated by the window), and the annotator confirms or
changes it.

The source: a person mention near the cue (Arabic reports are mostly verb-first, so the speaker
usually follows the cue: «وأضاف بوتين»), else another speaker mention near it (an organisation in
«وقالت الوزارة»); mentions inside *other* quotations are never proposed (they are what someone
said, not who said it). When nothing is near — a quote continuing a speech («وأضاف:») — the last
person named before is the speaker, proposed as their registry entity when the mention is linked.
:attr:`ClaimProposal.candidates` lists every possible source in text order with the words around
it, for the form to show instead of offsets.

Polarity: a denial cue, or a negation among the first words of the content. ما is also a relative
and interrogative pronoun («ما قاله الرئيس», «كل ما يلزم»), so it counts only at the head of the
clause and before a word that can be a verb (see :func:`polarity_of`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

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
from desktop.text.context import keyword_in_context

OPENING_QUOTES = "«“\"„‹'"
CLOSING_QUOTES = "»”\"‟›'"
QUOTES = set(OPENING_QUOTES + CLOSING_QUOTES)
SENTENCE_END = re.compile(r"[.!؟?\n]")
SOURCE_LABELS = ("PERS", "ORG", "NORP", "GPE")  # who can be a speaker, most likely first
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "‟", "‹": "›"}
NEAR = 120  # characters before the cue (or the sentence) where its subject is looked for
CANDIDATE_REACH = 1500  # characters before the content where candidate sources are listed


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
    "source_continues": (
        "source: {source} — no speaker near the cue: the last person named before, who the text"
        " continues"
    ),
    "source_entity": (
        "source: {source} (registry) — no speaker near the cue: the last person named before,"
        " who the text continues"
    ),
    "skipped_quoted": "not proposed: {source} — inside another quotation",
    "direct": "quote type: direct — the content is inside quotation marks",
    "mixed": "quote type: mixed — the content contains a quotation",
    "indirect": "quote type: indirect — attributed, not in quotation marks",
    "outlet": "no cue and no speaker: the outlet's own assertion",
    "denial_cue": "polarity: denied — the cue {cue} is a denial",
    "negated": "polarity: denied — the content is negated ({word})",
    "not_negation": "polarity: asserted — {word} here means “what”, not a negation",
    "hedged": "polarity: hedged — the content is hedged ({word})",
}


@dataclass(frozen=True)
class SourceCandidate:
    """A mention that could be the source, with the words around it (for the claim form's list)."""

    mention: str | None  # ext id
    start: int
    end: int
    label: str
    text: str  # the mention's words
    context: str  # keyword in context: "… words [mention] words …"
    entity: str | None  # registry key, when linked
    in_quotation: bool  # inside another quotation: said by someone, not a speaker

    def source(self) -> ClaimSource:
        return ClaimSource(SourceKind.MENTION, mention=self.mention)


@dataclass(frozen=True)
class ClaimProposal:
    cue: CueMatch | None
    source: ClaimSource | None
    source_span: Span | None  # where the proposed source mention is, to show it
    quote_type: QuoteType
    polarity: Polarity
    reason_keys: tuple[tuple[str, dict], ...]  # (key of REASONS, values for its template)
    candidates: tuple[SourceCandidate, ...] = ()  # possible sources, in text order

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


def quotations(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """Quoted passages of ``text[:end]`` as ``[open, close]`` offsets (both marks included).

    « » “ ” „ ‟ ‹ › pair with their own closing mark; a straight ``"`` alternates between
    opening and closing. An opening mark never closed runs to ``end``.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    i = 0
    while i < end:
        ch = text[i]
        close = QUOTE_PAIRS.get(ch, '"' if ch == '"' else None)
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1, end)
        j = end - 1 if j < 0 else j
        out.append((i, j + 1))
        i = j + 1
    return out


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_key(text))


# ما is a negation at the head of a clause before a verb (ما قال, ما كان), or after a complementizer
# that already carries the subject (أنه ما كان). It is a relative or interrogative pronoun when it
# continues a clause (كل ما يلزم, أكد ما قاله, إن ما حدث), before a definite noun or a pronoun (ما
# المشكلة, ما هو), or before a verb carrying an object pronoun that refers back to it (ما قاله, ما
# أعلنته); and no negation in ما زال / ما دام ("still", "as long as"), ما لم ("unless"), ما إذا
# ("whether"), ما إن ("as soon as").
_MA = "ما"
_LAST_WORD = re.compile(r"(\w+) ?$")


@cache
def _ma_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """The folded word lists of the rule above, folded on first use: folding builds its tables
    then, and the window should not pay for that at start-up (docs/architecture.md)."""
    heads = "إنه أنه إنها أنها إنهم أنهم إننا أننا إنني أنني لكنه لكنها لكنهم"
    not_after = (
        "زال يزال تزال نزال أزال زالت زالوا دام دامت داموا لم إذا إن هو هي هم هما هن أنا نحن"
        " أنت أنتم هذا هذه ذلك تلك لبث لبثت انفك برح فتئ بين"
    )
    return (
        frozenset(fold_key(w) for w in heads.split()),
        frozenset(fold_key(w) for w in not_after.split()),
        tuple(fold_key(w) for w in ("ه", "ها", "هم", "هما", "هن", "وه")),
    )


def _ma_is_negation(words: Sequence[str], i: int, before: str | None) -> bool:
    """Is ``words[i]`` (ما) a negation? ``before``: the word the content continues, if any."""
    _MA_HEADS, _MA_NOT_NEGATION_AFTER, _OBJECT_PRONOUNS = _ma_words()
    prev = words[i - 1] if i > 0 else before
    if prev is not None and prev not in _MA_HEADS:
        return False  # ما continues a clause: «كل ما يلزم», «أكد ما قاله», «إن ما حدث»
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if not nxt or nxt.startswith("ال") or nxt in _MA_NOT_NEGATION_AFTER:
        return False
    # a verb with an object pronoun (قاله, أعلنته, فعلوه) is a relative clause's: «ما قاله»
    return not (len(nxt) > 3 and nxt.endswith(_OBJECT_PRONOUNS))


def polarity_of(
    text: str, start: int, end: int, cue: CueMatch | None, lexicon: CueLexicon
) -> tuple[Polarity, tuple[str, dict] | None]:
    """The polarity, and the reason (a key of REASONS with its values) when not 'asserted'.

    A denial cue, or a negation among the first four words of the content. The reason for an
    'asserted' ما that looks like a negation but is a relative pronoun is returned too
    (``not_negation``), so the form can say why it did not propose 'denied'.
    """
    if cue is not None and cue.kind == "deny":
        return Polarity.DENIED, ("denial_cue", {"cue": cue.lemma})
    words = _words(text[start:end])
    head = words[:4]
    # the word the content continues (only spaces between): none after punctuation or a quote
    last = _LAST_WORD.search(fold_key(text[max(0, start - 40) : start]))
    before = last.group(1) if last else None
    negations = {fold_key(n) for n in lexicon.negations}
    not_negation = None
    for i, word in enumerate(head):
        if word not in negations:
            continue
        if word == _MA and not _ma_is_negation(words, i, before):
            not_negation = ("not_negation", {"word": word})
            continue
        return Polarity.DENIED, ("negated", {"word": word})
    body = fold_key(text[start:end])
    for hedge in lexicon.hedges:
        if fold_key(hedge) in body:
            return Polarity.HEDGED, ("hedged", {"word": hedge})
    return Polarity.ASSERTED, not_negation


def _usable(m: Mention) -> bool:
    return m.status in (MentionStatus.MANUAL, MentionStatus.ACCEPTED) and m.label in SOURCE_LABELS


def source_candidates(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    *,
    reach: int = CANDIDATE_REACH,
) -> tuple[SourceCandidate, ...]:
    """Speaker mentions from ``reach`` characters before the content to its end, in text order.

    Mentions inside the content are left out; those inside other quotations are listed but
    flagged (``in_quotation``), since they are what someone said.
    """
    lo = max(0, start - reach)
    quoted = [q for q in quotations(text, end) if not (q[0] <= start and end <= q[1])]
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if not _usable(m) or m.start < lo or m.end > end or (m.end > start and m.start < end):
            continue
        out.append(
            SourceCandidate(
                mention=m.ext_id,
                start=m.start,
                end=m.end,
                label=m.label,
                text=" ".join(text[m.start : m.end].split()),
                context=keyword_in_context(text, m.start, m.end).line(),
                entity=m.entity,
                in_quotation=_inside(quoted, m.start, m.end),
            )
        )
    return tuple(out)


def _choose_source(
    candidates: Sequence[SourceCandidate], near_from: int, start: int, cue_end: int | None = None
) -> tuple[SourceCandidate | None, str, list[SourceCandidate]]:
    """The proposed source among the candidates, its reason key, and the quoted ones skipped.

    After a cue the first person named is its subject («قال الرئيس الروسي خلال لقائه مع الأسد
    إن …» is the president's); with no person between cue and content, the last one before."""
    before = [c for c in candidates if c.end <= start]
    skipped = [c for c in before if c.in_quotation and c.start >= near_from]
    speakers = [c for c in before if not c.in_quotation]
    near = [c for c in speakers if c.start >= near_from]
    persons = [c for c in near if c.label == "PERS"]
    subject = [c for c in persons if cue_end is not None and c.start >= cue_end]
    if subject:
        return subject[0], "source", skipped
    if persons:
        return persons[-1], "source", skipped
    if near:
        return near[-1], "source", skipped
    far = [c for c in speakers if c.label == "PERS"]
    if far:
        c = far[-1]
        return c, ("source_entity" if c.entity else "source_continues"), skipped
    return None, "", skipped


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
    passages = quotations(text, end)
    enclosing = [q for q in passages if q[0] < start and end <= q[1]]

    def cues_in(a: int) -> list[CueMatch]:  # cues outside every quotation: not quoted words
        found = find_cues(text, a, start, lexicon)
        return [c for c in found if not _inside(passages, c.start, c.end)]

    cues = cues_in(max(lo, sentence))
    cue = cues[-1] if cues else None
    if cue is not None:
        reasons.append(("cue_near", {"cue": text[cue.start : cue.end]}))
    else:
        earlier = cues_in(lo)
        if earlier:
            cue = earlier[-1]
            reasons.append(("cue_before", {"cue": text[cue.start : cue.end]}))

    candidates = source_candidates(text, start, end, mentions)
    near_from = max(lo, (cue.start if cue else sentence) - NEAR)
    chosen, why, skipped = _choose_source(
        candidates, near_from, start, cue.end if cue is not None else None
    )
    for c in skipped:
        reasons.append(("skipped_quoted", {"source": c.text}))
    source = None
    source_span = None
    if chosen is not None and why == "source_entity":
        source = ClaimSource(SourceKind.ENTITY, entity=chosen.entity)
        source_span = Span(chosen.start, chosen.end)
    elif chosen is not None and chosen.mention:
        source = chosen.source()
        source_span = Span(chosen.start, chosen.end)
    if source is not None and chosen is not None:
        reasons.append((why, {"source": chosen.text, "label": chosen.label}))

    quote_type, qwhy = quote_type_of(text, start, end)
    if quote_type is None and enclosing:  # a part of a longer quotation is still quoted
        quote_type, qwhy = QuoteType.DIRECT, "direct"
    if quote_type is not None:
        reasons.append((qwhy, {}))
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
    return ClaimProposal(cue, source, source_span, quote_type, polarity, tuple(reasons), candidates)

"""What every dataset export shares: train/dev/test splits, the coarse label map, which mentions
are exported, counts, safe file names and atomic writes.

Splits are by **document** and depend only on ``(seed, external id)``: adding, removing or
reordering documents never moves another document to a different split, and the same seed always
gives the same assignment. Each document gets a number in [0, 1) from SHA-256 of
``"{seed}:{external_id}"``, compared with the cumulative ratios.

The coarse map (:data:`COARSE_LABELS`) turns the 21 Wojood labels into the four classic CoNLL-2003
/ ANERcorp classes:

* ``PERS`` → ``PERS``; ``ORG`` → ``ORG``; ``GPE``, ``LOC``, ``FAC`` → ``LOC``;
* other **named** things → ``MISC``: ``NORP``, ``EVENT``, ``LANGUAGE``, ``WEBSITE``, ``LAW``,
  ``PRODUCT``;
* **dropped** (``None``): ``OCC`` (a job title such as الرئيس is a common noun, not a name) and the
  temporal and numeric expressions ``DATE TIME CARDINAL ORDINAL PERCENT QUANTITY UNIT MONEY CURR``,
  which CoNLL-2003 does not annotate either. A label missing from a map is dropped too, so a custom
  label never leaks into a four-class data set. When a label is dropped, the mentions nested inside
  it move up a level (the OCC around "فلاديمير بوتين" disappears and PERS becomes level 0).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from desktop.core.model import Document, Mention, MentionStatus

__all__ = [
    "COARSE_LABELS",
    "SPLIT_NAMES",
    "ExportCounts",
    "assign_splits",
    "coarse_label",
    "exported_mentions",
    "normalise_with_map",
    "safe_stem",
    "split_of",
]

SPLIT_NAMES: tuple[str, str, str] = ("train", "dev", "test")

COARSE_LABELS: dict[str, str | None] = {
    "PERS": "PERS",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LANGUAGE": "MISC",
    "WEBSITE": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "OCC": None,
    "DATE": None,
    "TIME": None,
    "CARDINAL": None,
    "ORDINAL": None,
    "PERCENT": None,
    "QUANTITY": None,
    "UNIT": None,
    "MONEY": None,
    "CURR": None,
}


@dataclass
class ExportCounts:
    """What an exporter wrote. Fields an exporter does not use stay 0."""

    documents: int = 0
    mentions: int = 0  # mentions written
    claims: int = 0  # claims written (rows of the claims table)
    skipped: int = 0  # mentions not written: rejected, suggested, or their label mapped to None
    adjusted: int = 0  # mentions widened (or narrowed) to whole tokens (CoNLL)
    dropped: int = 0  # mentions that touch no token at all (CoNLL) or that a format cannot hold
    files: int = 0
    pairs: int = 0  # claim pairs (pairs.jsonl)
    unrelated: int = 0  # of which "unrelated" pairs

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


# --------------------------------------------------------------------------- splits


def _check_ratios(ratios: Iterable[float]) -> tuple[float, float, float]:
    r = tuple(ratios)
    if len(r) != 3 or any(not isinstance(x, int | float) or x < 0 for x in r) or sum(r) <= 0:
        raise ValueError(f"ratios must be three non-negative numbers with a positive sum: {r!r}")
    return r  # type: ignore[return-value]


def split_of(external_id: str, ratios: Iterable[float] = (80, 10, 10), seed: int = 0) -> str:
    """The split ("train", "dev" or "test") of one document; see the module docstring."""
    train, dev, test = _check_ratios(ratios)
    total = train + dev + test
    digest = hashlib.sha256(f"{seed}:{external_id}".encode()).digest()
    x = int.from_bytes(digest[:8], "big") / 2**64 * total
    if x < train:
        return "train"
    if x < train + dev or test == 0:
        return "dev" if dev else "train"
    return "test"


def assign_splits(
    external_ids: Iterable[str], ratios: tuple[float, float, float] = (80, 10, 10), seed: int = 0
) -> dict[str, str]:
    """Map each external id to "train" / "dev" / "test", by document, independent of order."""
    ratios = _check_ratios(ratios)
    return {ext: split_of(ext, ratios, seed) for ext in external_ids}


# --------------------------------------------------------------------------- labels and mentions


def coarse_label(label: str, label_map: Mapping[str, str | None] | None = None) -> str | None:
    """The exported label: unchanged without a map; with one, missing labels are dropped."""
    if label_map is None:
        return label
    return label_map.get(label)


def exported_mentions(
    doc: Document,
    *,
    include_suggested: bool = False,
    label_map: Mapping[str, str | None] | None = None,
) -> tuple[list[Mention], int]:
    """The mentions an exporter writes, relabelled, in (start, -end, label) order, and the number
    left out (rejected, suggested unless ``include_suggested``, label mapped to ``None``)."""
    out: list[Mention] = []
    skipped = 0
    for m in doc.mentions:
        if m.status is MentionStatus.REJECTED or (
            m.status is MentionStatus.SUGGESTED and not include_suggested
        ):
            skipped += 1
            continue
        label = coarse_label(m.label, label_map)
        if label is None:
            skipped += 1
            continue
        if label != m.label:
            m = _relabel(m, label)
        out.append(m)
    out.sort(key=lambda m: (m.start, -m.end, m.label, m.ext_id or ""))
    return out, skipped


def _relabel(m: Mention, label: str) -> Mention:
    from dataclasses import replace

    return replace(m, label=label)


def mention_ids(mentions: Iterable[Mention]) -> Iterator[tuple[str, Mention]]:
    """Stable span ids: the mention's own ``ext_id``, or ``m<n>`` for mentions without one."""
    used = {m.ext_id for m in mentions if m.ext_id}
    n = 0
    for m in mentions:
        if m.ext_id:
            yield m.ext_id, m
            continue
        n += 1
        while f"m{n}" in used:
            n += 1
        used.add(f"m{n}")
        yield f"m{n}", m


# --------------------------------------------------------------------------- files

_SAFE_STEM = re.compile(r"[\w][\w.-]{0,99}")
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)


def safe_stem(external_id: str, taken: set[str]) -> str:
    """A file name stem for a document: its external id when that is a safe, portable name
    (word characters, ``.`` and ``-``, not starting with a dot, at most 100 characters, not a
    Windows device name), otherwise a cleaned prefix plus 8 hex digits of the id's SHA-256.
    ``taken`` holds the case-folded stems already used in this export and is updated, so two
    documents never share a file even on a case-insensitive file system."""
    stem = external_id
    if not _SAFE_STEM.fullmatch(stem) or stem.upper().split(".")[0] in _WINDOWS_RESERVED:
        cleaned = re.sub(r"[^\w.-]+", "_", external_id).strip("._")[:60] or "doc"
        stem = f"{cleaned}_{hashlib.sha256(external_id.encode()).hexdigest()[:8]}"
    if stem.casefold() in taken:
        digest = hashlib.sha256(external_id.encode()).hexdigest()
        k = 8
        while f"{stem}_{digest[:k]}".casefold() in taken:
            k += 2
        stem = f"{stem}_{digest[:k]}"
    taken.add(stem.casefold())
    return stem


# --------------------------------------------------------------------------- importing


def normalise_with_map(
    text: str, *, keep_bom: bool = False
) -> tuple[str, Callable[[int], int] | None]:
    """Apply the import rule (drop one leading BOM, CRLF and lone CR become LF) to text that
    comes with offsets, and return a function mapping old offsets to new ones (``None`` when the
    text did not change). With ``keep_bom`` a leading U+FEFF stays: in brat and XMI it is a
    character the offsets count, not an encoding mark, and an exported text must come back whole.
    """
    drop_bom = text.startswith("\ufeff") and not keep_bom
    if not drop_bom and "\r" not in text:
        return text, None
    removed = [0] if drop_bom else []
    removed.extend(m.start() for m in _CRLF.finditer(text))
    new_text = _CR.sub("\n", text[1:] if drop_bom else text)

    def to_new(i: int) -> int:
        return i - bisect_left(removed, i)

    return new_text, to_new


_CRLF = re.compile("\r(?=\n)")
_CR = re.compile("\r\n?")

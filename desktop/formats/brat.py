"""brat standoff: ``name.txt`` + ``name.ann`` per document and one ``annotation.conf``.

Offsets are **characters of the .txt file**, i.e. Unicode code points, exactly Mizan's stored
offsets: the ``.txt`` holds the stored text byte for byte (UTF-8, no BOM, LF), and brat's server
(Python 3, or a wide Python 2 build) counts code points. brat forbids a newline inside a text-bound
fragment, so a span that crosses lines is written as fragments ``start end;start end`` (one per
line, the newlines themselves left out); the text field joins the fragments with a space, as brat
does.

Lines written (ids numbered in the order mentions, claims, cues; mentions by position)::

    T1  PERS 31 45                       فلاديمير بوتين        a mention
    T5  Claim 60 88                      …                      a claim
    T6  Cue 27 30                        قال                    its cue
    A1  QuoteType T5 direct                                     quote type
    A2  Polarity T5 asserted                                    polarity
    A3  SourceKind T5 mention                                   mention | entity | outlet | unnamed
    R1  Source Arg1:T5 Arg2:T1                                  the source mention
    R2  Cue Arg1:T5 Arg2:T6                                     the cue
    N1  Reference T1 Mizan:putin         فلاديمير بوتين         registry link of a mention
    N2  Reference T5 Mizan:putin         فلاديمير بوتين         source entity of a claim
    N3  Reference T1 Wikidata:Q7747      فلاديمير بوتين         the entity's external id, if any
    #1  MizanSpan T7                     40 52                  exact extent of T7 (see below)

A span that starts or ends with a line break cannot be written as fragments alone (they leave
the newlines out); a ``MizanSpan`` note then gives its exact ``start end``, which the importer
restores (brat shows it as an ordinary note).

Topics, notes, annotators, ``prefix_len`` and metadata are not carried (brat has no place for
them); use JSONL for a lossless copy. Mention labels must be brat type names (ASCII letters,
digits, ``_`` and ``-``) other than ``Claim`` and ``Cue``.

The importer reads a folder (recursively), a single ``.ann`` file, or a ``.zip`` archive. It
refuses symbolic links anywhere, and archive members with absolute paths or ``..`` components.
Each ``.ann`` is validated completely (offsets, the text field against the ``.txt``, ids,
references, attribute values) before anything is returned; a ``.txt`` without ``.ann`` is a
document without annotations. ``E`` (event) lines are refused; other ``#`` notes, ``*``
equivalences, unknown attributes, relations and normalisation databases are ignored. The ``.txt``
is read as brat reads it: a leading U+FEFF is a character the offsets count and is kept; CRLF
becomes LF (offsets moved along); control characters (see :mod:`desktop.text.validate`) are
refused, and so are type names outside the label grammar. Only regular files are read; an
archive is refused when its members would expand beyond :data:`MAX_ARCHIVE_BYTES` or one of them
is compressed more than :data:`MAX_ARCHIVE_RATIO` times (see :mod:`desktop.formats.archive`).
The document id is the file's path inside the folder or archive without ``.txt``; span ids are
the brat ids (``T1``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path, PurePosixPath

from desktop.core.errors import InputError
from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    Mention,
    Polarity,
    QuoteType,
    RegistryEntity,
    SourceKind,
    Span,
)
from desktop.core.rules import text_sha256
from desktop.formats.archive import Member, decode_utf8, list_members, read_file
from desktop.formats.atomic import ExportError, atomic_folder
from desktop.formats.split import (
    ExportCounts,
    exported_mentions,
    normalise_with_map,
    safe_stem,
)
from desktop.text.validate import label_problem, text_problem

__all__ = ["read_brat", "write_brat"]

CLAIM = "Claim"
CUE = "Cue"
REGISTRY_DB = "Mizan"
_TYPE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_KEY = re.compile(r"[^\s:]+(?::[^\s]*)?")
EXTENT = "MizanSpan"  # a '#' note giving a span's exact extent when it starts or ends at a newline
_OFFSET = re.compile(r"[0-9]{1,12}")


# =========================================================================== export


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span split at newlines (which are left out); brat forbids them inside a fragment."""
    out = []
    a = start
    while a < end:
        nl = text.find("\n", a, end)
        b = end if nl < 0 else nl
        if b > a:
            out.append((a, b))
        a = b + 1
    return out


class _Ann:
    """Builds one .ann file."""

    def __init__(self, text: str, folder: Path, document: str) -> None:
        self.text = text
        self.folder = folder
        self.document = document
        self.lines: list[str] = []
        self.n = {"T": 0, "A": 0, "R": 0, "N": 0, "#": 0}

    def next_id(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def span(self, type_: str, start: int, end: int) -> str:
        frags = _fragments(self.text, start, end)
        if not frags:
            raise ExportError(
                self.folder, f"span [{start}, {end}) holds only line breaks", document=self.document
            )
        tid = self.next_id("T")
        offsets = ";".join(f"{a} {b}" for a, b in frags)
        covered = " ".join(self.text[a:b] for a, b in frags)
        self.lines.append(f"{tid}\t{type_} {offsets}\t{covered}")
        if frags[0][0] != start or frags[-1][1] != end:  # a leading or trailing line break
            self.add("#", f"{EXTENT} {tid}\t{start} {end}")
        return tid

    def add(self, kind: str, body: str) -> None:
        self.lines.append(f"{self.next_id(kind)}\t{body}")

    def registry_link(self, target: str, key: str, registry: Mapping[str, RegistryEntity]) -> None:
        if not _KEY.fullmatch(key):
            raise ExportError(
                self.folder, f"registry key {key!r} contains spaces", document=self.document
            )
        entity = registry.get(key)
        name = _one_line(entity.name) if entity else key
        self.add("N", f"Reference {target} {REGISTRY_DB}:{key}\t{name}")
        if entity and entity.external_id and _KEY.fullmatch(entity.external_id):
            self.add("N", f"Reference {target} Wikidata:{entity.external_id}\t{name}")


def _one_line(value: str) -> str:
    return " ".join(value.split())


def write_brat(
    documents: Iterable[Document],
    folder: Path,
    *,
    include_suggested: bool = False,
    label_map: Mapping[str, str | None] | None = None,
) -> ExportCounts:
    """Write one ``.txt`` + ``.ann`` pair per document and ``annotation.conf`` into ``folder``
    (created inside an existing folder, or an existing empty one), all at once: on any error
    nothing is left behind. Returns the counts."""
    folder = Path(folder)
    with atomic_folder(folder) as tmp:
        return _write_brat(documents, folder, tmp, include_suggested, label_map)


def _write_brat(documents, folder: Path, tmp: Path, include_suggested, label_map) -> ExportCounts:
    counts = ExportCounts()
    taken: set[str] = {"annotation", "visual", "tools", "kb_shortcuts"}
    labels: set[str] = set()
    for doc in documents:
        text = doc.text
        mentions, skipped = exported_mentions(
            doc, include_suggested=include_suggested, label_map=label_map
        )
        counts.skipped += skipped
        ann = _Ann(text, folder, doc.external_id)
        by_ext: dict[str, str] = {}
        mention_tids: list[tuple[str, str | None]] = []
        for m in mentions:
            if not _TYPE_NAME.fullmatch(m.label) or m.label in (CLAIM, CUE):
                raise ExportError(
                    folder,
                    f"label {m.label!r} cannot be a brat type (ASCII letters, digits, _ and -; "
                    "not Claim or Cue)",
                    document=doc.external_id,
                )
            labels.add(m.label)
            tid = ann.span(m.label, m.start, m.end)
            if m.ext_id:
                by_ext[m.ext_id] = tid
            mention_tids.append((tid, m.entity))
        counts.mentions += len(mentions)

        claim_tids = [ann.span(CLAIM, c.start, c.end) for c in doc.claims]
        cue_tids = [ann.span(CUE, c.cue.start, c.cue.end) if c.cue else None for c in doc.claims]
        for c, tid, cue_tid in zip(doc.claims, claim_tids, cue_tids, strict=True):
            ann.add("A", f"QuoteType {tid} {c.quote_type}")
            ann.add("A", f"Polarity {tid} {c.polarity}")
            source = c.source
            if source is not None and source.kind is SourceKind.MENTION:
                target = by_ext.get(source.mention or "")
                if target is None:  # the source mention was not exported (suggested, relabelled)
                    counts.dropped += 1
                    source = None
                else:
                    ann.add("A", f"SourceKind {tid} {source.kind}")
                    ann.add("R", f"Source Arg1:{tid} Arg2:{target}")
            elif source is not None:
                ann.add("A", f"SourceKind {tid} {source.kind}")
                if source.kind is SourceKind.ENTITY and source.entity:
                    ann.registry_link(tid, source.entity, doc.registry)
            if cue_tid:
                ann.add("R", f"Cue Arg1:{tid} Arg2:{cue_tid}")
        for tid, key in mention_tids:
            if key:
                ann.registry_link(tid, key, doc.registry)
        counts.claims += len(doc.claims)

        stem = safe_stem(doc.external_id, taken)
        (tmp / f"{stem}.txt").write_bytes(text.encode("utf-8"))
        (tmp / f"{stem}.ann").write_bytes("".join(line + "\n" for line in ann.lines).encode())
        counts.documents += 1
        counts.files += 2
    (tmp / "annotation.conf").write_bytes(annotation_conf(sorted(labels)).encode("utf-8"))
    counts.files += 1
    return counts


def annotation_conf(labels: list[str]) -> str:
    """The brat configuration for an export whose mention labels are ``labels``."""
    targets = "|".join(labels) if labels else "<ENTITY>"
    lines = ["[entities]", *labels, CLAIM, CUE, "", "[relations]"]
    lines += [
        f"Source\tArg1:{CLAIM}, Arg2:{targets}",
        f"Cue\tArg1:{CLAIM}, Arg2:{CUE}",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
        "",
        "[attributes]",
        f"QuoteType\tArg:{CLAIM}, Value:" + "|".join(q.value for q in QuoteType),
        f"Polarity\tArg:{CLAIM}, Value:" + "|".join(p.value for p in Polarity),
        f"SourceKind\tArg:{CLAIM}, Value:" + "|".join(k.value for k in SourceKind),
    ]
    return "\n".join(lines) + "\n"


# =========================================================================== import


@dataclass
class _TSpan:
    tid: str
    type: str
    start: int
    end: int
    line: int


class _AnnError(Exception):
    def __init__(self, reason: str, line: int, span: str | None = None):
        self.reason, self.line, self.span = reason, line, span


def _parse_frags(spec: str, text: str, line: int, tid: str) -> tuple[int, int, list]:
    frags = []
    for part in spec.split(";"):
        bits = part.split(" ")
        if len(bits) != 2 or not all(_OFFSET.fullmatch(b) for b in bits):
            raise _AnnError(f"bad offsets {spec!r}", line, tid)
        a, b = int(bits[0]), int(bits[1])
        if not 0 <= a < b <= len(text):
            raise _AnnError(
                f"offsets [{a}, {b}) are outside the text (length {len(text)}) or empty", line, tid
            )
        if frags and a < frags[-1][1]:
            raise _AnnError("fragments overlap or are out of order", line, tid)
        frags.append((a, b))
    for (_, b), (a, _) in pairwise(frags):
        if text[b:a].strip():
            raise _AnnError(
                "discontinuous annotation (Mizan spans are continuous; only line breaks may "
                "separate fragments)",
                line,
                tid,
            )
    return frags[0][0], frags[-1][1], frags


def _parse_ann(ann: str, text: str) -> dict:
    """Parse and check one .ann against one candidate text; raise _AnnError on any problem."""
    spans: dict[str, _TSpan] = {}
    attrs: list[tuple[str, str, str, int]] = []
    rels: list[tuple[str, str, str, str, int]] = []
    norms: list[tuple[str, str, str, int]] = []
    extents: list[tuple[str, str, int]] = []
    ids: set[str] = set()
    for number, raw in enumerate(ann.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        head, _, rest = line.partition("\t")
        kind = head[:1]
        if kind == "#" and rest.startswith(EXTENT + " "):
            target, _, value = rest[len(EXTENT) + 1 :].partition("\t")
            extents.append((target, value, number))
            continue
        if kind in ("#", "*"):
            continue
        if head in ids:
            raise _AnnError(f"id {head!r} is used twice", number, head)
        ids.add(head)
        if kind == "T":
            fields = rest.split("\t", 1)
            if len(fields) != 2 or " " not in fields[0]:
                raise _AnnError("a T line is 'T1<TAB>TYPE START END<TAB>TEXT'", number, head)
            type_, spec = fields[0].split(" ", 1)
            problem = label_problem(type_)
            if problem:
                raise _AnnError(problem, number, head)
            start, end, frags = _parse_frags(spec, text, number, head)
            covered = " ".join(text[a:b] for a, b in frags)
            if covered != fields[1]:
                raise _AnnError(
                    f"text {fields[1]!r} does not match the .txt at {spec}: {covered!r}",
                    number,
                    head,
                )
            spans[head] = _TSpan(head, type_, start, end, number)
        elif kind in ("A", "M"):
            bits = rest.split(" ")
            if len(bits) not in (2, 3):
                raise _AnnError("an A line is 'A1<TAB>NAME TARGET [VALUE]'", number, head)
            attrs.append((bits[0], bits[1], bits[2] if len(bits) == 3 else "true", number))
        elif kind == "R":
            bits = rest.split()
            if len(bits) != 3 or not bits[1].startswith("Arg1:") or not bits[2].startswith("Arg2:"):
                raise _AnnError("an R line is 'R1<TAB>TYPE Arg1:T1 Arg2:T2'", number, head)
            rels.append((head, bits[0], bits[1][5:], bits[2][5:], number))
        elif kind == "N":
            fields = rest.split("\t", 1)
            bits = fields[0].split(" ")
            if len(bits) != 3 or ":" not in bits[2]:
                raise _AnnError("an N line is 'N1<TAB>Reference T1 DB:KEY<TAB>NAME'", number, head)
            db, key = bits[2].split(":", 1)
            if db == REGISTRY_DB:
                if not key:
                    raise _AnnError("empty registry key", number, head)
                norms.append((bits[1], key, fields[1] if len(fields) == 2 else key, number))
        elif kind == "E":
            raise _AnnError("brat events are not supported", number, head)
        else:
            raise _AnnError(f"unknown annotation line {head!r}", number)
    for tid, value, number in extents:
        _apply_extent(spans, tid, value, text, number)
    return {"spans": spans, "attrs": attrs, "rels": rels, "norms": norms}


def _apply_extent(spans: dict[str, _TSpan], tid: str, value: str, text: str, line: int) -> None:
    """Widen ``tid`` to the exact extent of a ``MizanSpan`` note: only line breaks may be added."""
    t = spans.get(tid)
    if t is None:
        raise _AnnError(f"{EXTENT} refers to {tid!r}, which is not a T annotation", line, tid)
    bits = value.split(" ")
    if len(bits) != 2 or not all(_OFFSET.fullmatch(b) for b in bits):
        raise _AnnError(f"bad {EXTENT} offsets {value!r}", line, tid)
    a, b = int(bits[0]), int(bits[1])
    if not (0 <= a <= t.start and t.end <= b <= len(text)) or (
        text[a : t.start].strip("\r\n") or text[t.end : b].strip("\r\n")
    ):
        raise _AnnError(
            f"{EXTENT} [{a}, {b}) may only add line breaks around [{t.start}, {t.end})", line, tid
        )
    t.start, t.end = a, b


def _build(parsed: dict, text: str, ext_id: str, to_new) -> Document:
    spans: dict[str, _TSpan] = parsed["spans"]

    def target(tid: str, line: int, types: tuple[str, ...] | None = None) -> _TSpan:
        t = spans.get(tid)
        if t is None:
            raise _AnnError(f"refers to {tid!r}, which is not a T annotation", line, tid)
        if types is not None and t.type not in types:
            raise _AnnError(f"{tid} is a {t.type}, expected {' or '.join(types)}", line, tid)
        return t

    claim_attr: dict[str, dict[str, str]] = {}
    for name, tid, value, line in parsed["attrs"]:
        if name not in ("QuoteType", "Polarity", "SourceKind"):
            continue
        target(tid, line, (CLAIM,))
        enum = {"QuoteType": QuoteType, "Polarity": Polarity, "SourceKind": SourceKind}[name]
        if value not in {e.value for e in enum}:
            allowed = ", ".join(e.value for e in enum)
            raise _AnnError(f"{name} {value!r} is not one of {allowed}", line, tid)
        if name in claim_attr.setdefault(tid, {}):
            raise _AnnError(f"{name} is given twice", line, tid)
        claim_attr[tid][name] = value
    source_of: dict[str, str] = {}
    cue_of: dict[str, str] = {}
    cue_owner: dict[str, str] = {}
    for rid, type_, a1, a2, line in parsed["rels"]:
        if type_ not in ("Source", "Cue"):
            continue
        target(a1, line, (CLAIM,))
        if type_ == "Source":
            t2 = target(a2, line)
            if t2.type in (CLAIM, CUE):
                raise _AnnError(f"a Source must be a mention, not a {t2.type}", line, rid)
            if a1 in source_of:
                raise _AnnError(f"claim {a1} has two Source relations", line, rid)
            source_of[a1] = a2
        else:
            target(a2, line, (CUE,))
            if a1 in cue_of or a2 in cue_owner:
                raise _AnnError(f"claim {a1} or cue {a2} has two Cue relations", line, rid)
            cue_of[a1] = a2
            cue_owner[a2] = a1
    entity_of: dict[str, str] = {}
    registry: dict[str, RegistryEntity] = {}
    for tid, key, name, line in parsed["norms"]:
        t = target(tid, line, None)
        if t.type == CUE:
            raise _AnnError("a cue cannot have a registry link", line, tid)
        if tid in entity_of and entity_of[tid] != key:
            raise _AnnError(f"{tid} links to two registry entities", line, tid)
        entity_of[tid] = key
        if key not in registry:
            registry[key] = RegistryEntity(
                key=key, name=name, type=None if t.type == CLAIM else t.type
            )
    for tid, t in spans.items():
        if t.type == CUE and tid not in cue_owner:
            raise _AnnError("a Cue is not attached to any claim (no Cue relation)", t.line, tid)

    def conv(a: int, b: int, t: _TSpan) -> tuple[int, int]:
        if to_new is None:
            return a, b
        a2, b2 = to_new(a), to_new(b)
        if a2 >= b2:
            raise _AnnError("span covers only a line break", t.line, t.tid)
        return a2, b2

    mentions = []
    claims = []
    for tid, t in sorted(spans.items(), key=lambda kv: (kv[1].start, -kv[1].end, kv[0])):
        start, end = conv(t.start, t.end, t)
        if t.type == CUE:
            continue
        if t.type != CLAIM:
            mentions.append(Mention(start, end, t.type, entity=entity_of.get(tid), ext_id=tid))
            continue
        attrs = claim_attr.get(tid, {})
        kind = attrs.get("SourceKind")
        source = None
        if tid in source_of:
            if kind not in (None, SourceKind.MENTION.value):
                raise _AnnError(f"SourceKind {kind} but a Source relation", t.line, tid)
            source = ClaimSource(SourceKind.MENTION, mention=source_of[tid])
        elif kind == SourceKind.MENTION.value:
            raise _AnnError("SourceKind mention but no Source relation", t.line, tid)
        elif kind == SourceKind.ENTITY.value:
            if tid not in entity_of:
                raise _AnnError("SourceKind entity but no Mizan registry link", t.line, tid)
            source = ClaimSource(SourceKind.ENTITY, entity=entity_of[tid])
        elif kind is not None:
            source = ClaimSource(SourceKind(kind))
        cue = None
        if tid in cue_of:
            c = spans[cue_of[tid]]
            cue = Span(*conv(c.start, c.end, c))
        claims.append(
            Claim(
                start,
                end,
                source=source,
                cue=cue,
                quote_type=QuoteType(attrs.get("QuoteType", QuoteType.INDIRECT.value)),
                polarity=Polarity(attrs.get("Polarity", Polarity.ASSERTED.value)),
                ext_id=tid,
            )
        )
    return Document(
        external_id=ext_id,
        text=text,
        mentions=tuple(mentions),
        claims=tuple(claims),
        registry=registry,
        text_sha256=text_sha256(text),
    )


def _read_pair(txt: Member, ann: Member | None, ext_id: str) -> Document:
    raw = decode_utf8(txt.read(), txt.where)
    if not raw.strip():
        raise InputError(txt.where, "the text file is empty")
    problem = text_problem(raw)
    if problem:
        raise InputError(txt.where, problem)
    ann_text = "" if ann is None else decode_utf8(ann.read(), ann.where)
    text, to_new = normalise_with_map(raw, keep_bom=True)
    # Offsets normally count the .txt as it is on disk; a tool that read it with universal
    # newlines counts CRLF as one character. Try the file as written, then the normalised text.
    candidates = [(raw, to_new)] if to_new is None else [(raw, to_new), (text, None)]
    first_error: _AnnError | None = None
    for candidate, mapper in candidates:
        try:
            parsed = _parse_ann(ann_text, candidate)
            return _build(parsed, text, ext_id, mapper)
        except _AnnError as exc:
            first_error = first_error or exc
    assert first_error is not None and ann is not None
    raise InputError(ann.where, first_error.reason, line=first_error.line, span=first_error.span)


def read_brat(path: Path) -> list[Document]:
    """Documents from a brat folder, ``.zip`` archive or single ``.ann`` file (see module doc).
    Everything is validated before the list is returned; nothing is written anywhere."""
    path = Path(path)
    members = list_members(path, (".txt", ".ann"))
    txts = {m.name[:-4]: m for m in members if m.name.lower().endswith(".txt")}
    anns = {m.name[:-4]: m for m in members if m.name.lower().endswith(".ann")}
    if path.is_file() and path.suffix.lower() == ".ann":
        txt_path = path.with_suffix(".txt")
        if txt_path.is_symlink():
            raise InputError(txt_path, "is a symbolic link; refusing to follow it")
        if not txt_path.is_file():
            raise InputError(path, f"has no text file {txt_path.name} beside it")
        txts = {path.stem: Member(txt_path.name, str(txt_path), lambda: read_file(txt_path))}
    for stem, ann in anns.items():
        if stem not in txts:
            name = PurePosixPath(stem).name
            raise InputError(ann.where, f"has no text file {name}.txt beside it")
    if not txts:
        raise InputError(path, "no brat .txt/.ann files found")
    return [_read_pair(txts[stem], anns.get(stem), stem) for stem in sorted(txts)]

"""UIMA CAS XMI (what INCEpTION imports as "UIMA CAS XMI (XML 1.0)"): one ``.xmi`` per document
plus one ``TypeSystem.xml``.

**Offsets.** UIMA is Java: ``begin``/``end`` count UTF-16 code units (an emoji outside the BMP is
2). dkpro-cassis (≥ 0.6) keeps Python code point offsets in memory and converts them to UTF-16
when it writes XMI, and back when it reads, so this module hands cassis Mizan's code point offsets
unchanged; the tests check the raw ``begin``/``end`` attributes against
:class:`desktop.text.Utf16Map`.

Types (see :func:`build_typesystem`):

* DKPro ``de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData`` over the whole text:
  ``documentId`` (external id), ``documentTitle`` (title, else the id), ``documentUri`` (URL),
  ``language``;
* DKPro ``...segmentation.type.Sentence`` and ``...segmentation.type.Token`` from
  :func:`desktop.text.tokenize` / :func:`desktop.text.sentences` (sentences that a mention crosses
  are merged), which INCEpTION's sentence-based editors need;
* DKPro ``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`` per mention: ``value`` = label,
  ``identifier`` = registry key;
* INCEpTION custom layers (``webanno.custom.*``): ``Claim`` (``claimId``, ``quoteType``,
  ``polarity``, ``sourceKind``, ``source`` → NamedEntity, ``sourceEntity`` = registry key, ``cue``
  → ``Cue``, ``topics`` string array, ``note``, ``annotator``), ``Cue`` (a span), and two document
  metadata layers (``uima.cas.AnnotationBase``): ``ArticleMetadata`` (outlet, originalSource,
  published, event, sourceFile, notes, textSha256) and ``RegistryEntity`` (key, name,
  entityType, aliases, externalId).

The sofa is the stored text exactly. XML 1.0 cannot carry most C0 control characters (other than
tab and newline); a document containing one is refused with its offset.

The reader accepts our XMI and INCEpTION-style XMI (NamedEntity ``value``; DKPro NamedEntity
subtypes such as ``Person`` without a value take the type's short name). Every file, and the
``TypeSystem.xml`` beside it, is first parsed with ``defusedxml`` (no DTD, no entity declarations,
no external references) and only then given to cassis. Without a ``TypeSystem.xml`` in the file's
folder (or the top folder), the built-in type system is used and unknown types are skipped.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from desktop.core.errors import InputError
from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    DocumentMeta,
    Mention,
    Polarity,
    QuoteType,
    RegistryEntity,
    SourceKind,
    Span,
)
from desktop.core.rules import text_sha256
from desktop.formats.archive import Member, list_members
from desktop.formats.atomic import ExportError, atomic_folder
from desktop.formats.conll import sentence_groups, token_spans
from desktop.formats.plaintext import parse_date
from desktop.formats.split import (
    ExportCounts,
    exported_mentions,
    normalise_with_map,
    safe_stem,
)
from desktop.text import Utf16Map, tokenize
from desktop.text.validate import label_problem, splits_surrogate_pair, text_problem

__all__ = [
    "CLAIM",
    "CUE",
    "DOCUMENT_META",
    "NAMED_ENTITY",
    "build_typesystem",
    "read_xmi",
    "write_xmi",
]

DKPRO = "de.tudarmstadt.ukp.dkpro.core.api"
DOCUMENT_META = f"{DKPRO}.metadata.type.DocumentMetaData"
NAMED_ENTITY = f"{DKPRO}.ner.type.NamedEntity"
SENTENCE = f"{DKPRO}.segmentation.type.Sentence"
TOKEN = f"{DKPRO}.segmentation.type.Token"
CLAIM = "webanno.custom.Claim"
CUE = "webanno.custom.Cue"
ARTICLE = "webanno.custom.ArticleMetadata"
REGISTRY = "webanno.custom.RegistryEntity"
STRING = "uima.cas.String"
STRING_ARRAY = "uima.cas.StringArray"

#: More attributes on one element than any CAS needs; cassis slows down quadratically beyond.
MAX_XML_ATTRIBUTES = 256
_XMI_NS = "{http://www.omg.org/XMI}id"
_SOFA_TAG = "{http:///uima/cas.ecore}Sofa"
_NOT_XML10 = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ARTICLE_FEATURES = {
    "outlet": "outlet",
    "originalSource": "original_source",
    "published": "published",
    "event": "event",
    "sourceFile": "source_file",
    "notes": "notes",
}


def build_typesystem():
    """The cassis ``TypeSystem`` of Mizan's XMI (see the module docstring)."""
    from cassis import TypeSystem

    ts = TypeSystem()

    def strings(type_, *names: str) -> None:
        for name in names:
            ts.create_feature(type_, name, STRING)

    meta = ts.create_type(DOCUMENT_META, supertypeName="uima.tcas.DocumentAnnotation")
    strings(meta, "documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri")
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    sentence = ts.create_type(SENTENCE)
    strings(sentence, "id")
    ts.create_type(TOKEN)
    ne = ts.create_type(NAMED_ENTITY)
    strings(ne, "value", "identifier")
    cue = ts.create_type(CUE, description="The words that introduce a reported claim (قال).")
    claim = ts.create_type(CLAIM, description="A reported claim: what, who, how.")
    strings(claim, "claimId", "quoteType", "polarity", "sourceKind", "sourceEntity")
    ts.create_feature(claim, "source", ne)
    ts.create_feature(claim, "cue", cue)
    ts.create_feature(claim, "topics", STRING_ARRAY, elementType=STRING)
    strings(claim, "note", "annotator")
    article = ts.create_type(ARTICLE, supertypeName="uima.cas.AnnotationBase")
    strings(article, *_ARTICLE_FEATURES, "textSha256")
    registry = ts.create_type(REGISTRY, supertypeName="uima.cas.AnnotationBase")
    strings(registry, "key", "name", "entityType", "externalId", "notes")
    ts.create_feature(registry, "aliases", STRING_ARRAY, elementType=STRING)
    return ts


# =========================================================================== export


def _string_array(ts, values: Iterable[str]):
    return ts.get_type(STRING_ARRAY)(elements=list(values))


def _to_cas(ts, doc: Document, counts: ExportCounts, opts: dict, folder: Path):
    from cassis import Cas

    text = doc.text
    bad = _NOT_XML10.search(text)
    if bad:
        raise ExportError(
            folder,
            f"the text holds U+{ord(bad.group()):04X} at offset {bad.start()}, which XML 1.0 "
            "cannot carry",
            document=doc.external_id,
        )
    mentions, skipped = exported_mentions(doc, **opts)
    counts.skipped += skipped
    cas = Cas(typesystem=ts)
    cas.sofa_string = text
    cas.sofa_mime = "text/plain"
    meta = doc.meta
    t = ts.get_type
    cas.add(
        t(DOCUMENT_META)(
            begin=0,
            end=len(text),
            language=meta.language or "ar",
            documentId=doc.external_id,
            documentTitle=meta.title or doc.external_id,
            documentUri=meta.url,
            isLastSegment=False,
        )
    )
    article = {
        feat: getattr(meta, attr) for feat, attr in _ARTICLE_FEATURES.items() if getattr(meta, attr)
    }
    if meta.published:
        article["published"] = meta.published.isoformat()
    cas.add(t(ARTICLE)(textSha256=doc.text_sha256 or text_sha256(text), **article))

    tokens = tokenize(text)
    ranges = [r for r in token_spans(tokens, [(m.start, m.end) for m in mentions]) if r]
    Token, Sentence = t(TOKEN), t(SENTENCE)
    for a, b in sentence_groups(text, tokens, ranges):
        cas.add(Sentence(begin=tokens[a][0], end=tokens[b - 1][1]))
    for s, e in tokens:
        cas.add(Token(begin=s, end=e))

    NE = t(NAMED_ENTITY)
    by_ext: dict[str, Any] = {}
    for m in mentions:
        ne = NE(begin=m.start, end=m.end, value=m.label, identifier=m.entity)
        cas.add(ne)
        if m.ext_id:
            by_ext[m.ext_id] = ne
    counts.mentions += len(mentions)

    ClaimT, CueT = t(CLAIM), t(CUE)
    for c in doc.claims:
        cue = None
        if c.cue:
            cue = CueT(begin=c.cue.start, end=c.cue.end)
            cas.add(cue)
        src = c.source
        source_fs = None
        if src is not None and src.kind is SourceKind.MENTION:
            source_fs = by_ext.get(src.mention or "")
            if source_fs is None:  # source mention not exported (suggested, relabelled away)
                counts.dropped += 1
                src = None
        cas.add(
            ClaimT(
                begin=c.start,
                end=c.end,
                claimId=c.ext_id,
                quoteType=str(c.quote_type),
                polarity=str(c.polarity),
                sourceKind=str(src.kind) if src else None,
                source=source_fs,
                sourceEntity=src.entity if src and src.kind is SourceKind.ENTITY else None,
                cue=cue,
                topics=_string_array(ts, c.topics) if c.topics else None,
                note=c.note,
                annotator=c.annotator,
            )
        )
    counts.claims += len(doc.claims)
    Reg = t(REGISTRY)
    for key, e in sorted(doc.registry.items()):
        cas.add(
            Reg(
                key=key,
                name=e.name,
                entityType=e.type,
                externalId=e.external_id,
                notes=e.notes,
                aliases=_string_array(ts, e.aliases) if e.aliases else None,
            )
        )
    return cas


def write_xmi(
    documents: Iterable[Document],
    folder: Path,
    *,
    include_suggested: bool = False,
    label_map: Mapping[str, str | None] | None = None,
) -> ExportCounts:
    """Write ``TypeSystem.xml`` and one ``<id>.xmi`` per document into ``folder`` (created inside
    an existing folder, or an existing empty one), all at once: on any error nothing is left
    behind. Returns the counts."""
    folder = Path(folder)
    ts = build_typesystem()
    counts = ExportCounts(files=1)
    opts = {"include_suggested": include_suggested, "label_map": label_map}
    taken = {"typesystem"}
    with atomic_folder(folder) as tmp:
        (tmp / "TypeSystem.xml").write_bytes(ts.to_xml().encode("utf-8"))
        for doc in documents:
            cas = _to_cas(ts, doc, counts, opts, folder)
            cas.to_xmi(tmp / f"{safe_stem(doc.external_id, taken)}.xmi")
            counts.documents += 1
            counts.files += 1
    return counts


# =========================================================================== import


def check_xml(data: bytes, where: str):
    """Parse with defusedxml first: refuse DTDs, entity declarations and external references,
    and elements with more than :data:`MAX_XML_ATTRIBUTES` attributes. Returns the root."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise InputError(
            where, "XML with a DTD (<!DOCTYPE …>) is refused: it can pull in external entities"
        ) from None
    except defusedxml.EntitiesForbidden:
        raise InputError(where, "XML that declares entities is refused") from None
    except defusedxml.ExternalReferenceForbidden:
        raise InputError(where, "XML with external references is refused") from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(where, f"unsafe XML refused ({exc})") from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(where, f"not well-formed XML ({exc.msg})", line=line) from None
    for element in root.iter():
        if len(element.attrib) > MAX_XML_ATTRIBUTES:
            raise InputError(
                where,
                f"an element <{element.tag}> has {len(element.attrib)} attributes (at most "
                f"{MAX_XML_ATTRIBUTES})",
            )
    return root


def check_offsets(root, where: str) -> None:
    """Refuse a ``begin``/``end`` inside a surrogate pair of its sofa (UIMA counts UTF-16 units;
    converting such an offset to code points would silently move the span)."""
    maps = {
        sofa.get(_XMI_NS): Utf16Map(sofa.get("sofaString") or "") for sofa in root.iter(_SOFA_TAG)
    }
    maps = {key: umap for key, umap in maps.items() if umap.has_astral}
    if not maps:
        return
    for element in root.iter():
        umap = maps.get(element.get("sofa"))
        if umap is None:
            continue
        for name in ("begin", "end"):
            value = element.get(name)
            if value is None or not value.isascii() or not value.isdigit():
                continue
            offset = int(value)
            if offset <= umap.utf16_length and splits_surrogate_pair(umap, offset):
                raise InputError(
                    where,
                    f"{name}={offset} falls inside a character outside the BMP (an emoji)",
                    span=f"{element.tag.rpartition('}')[2]} xmi:id={element.get(_XMI_NS)}",
                )


def _feature(fs, name: str):
    """A feature's value, or None when the type does not have that feature."""
    if fs.type.get_feature(name) is None:
        return None
    return fs.get(name)


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    elements = getattr(value, "elements", value)
    return tuple(str(v) for v in elements if v)


def _name(fs) -> str:
    return f"{fs.type.name.rsplit('.', 1)[-1]} xmi:id={fs.xmiID}"


def _cas_to_document(cas, ext_default: str, where: str) -> Document:
    raw = cas.sofa_string
    if not isinstance(raw, str) or not raw.strip():
        raise InputError(where, "the CAS has no document text (sofaString)")
    problem = text_problem(raw)
    if problem:
        raise InputError(where, problem)
    text, to_new = normalise_with_map(raw, keep_bom=True)
    ts = cas.typesystem

    def select(type_name: str) -> list:
        return list(cas.select(type_name)) if ts.contains_type(type_name) else []

    def span_of(fs) -> tuple[int, int]:
        b, e = fs.begin, fs.end
        if not (isinstance(b, int) and isinstance(e, int) and 0 <= b < e <= len(raw)):
            raise InputError(
                where,
                f"offsets [{b}, {e}) are outside the text (length {len(raw)}) or empty",
                span=_name(fs),
            )
        if to_new is not None:
            b, e = to_new(b), to_new(e)
            if b >= e:
                raise InputError(where, "span covers only a line break", span=_name(fs))
        return b, e

    ext_id = ext_default
    meta_kw: dict[str, Any] = {}
    for fs in select(DOCUMENT_META):
        ext_id = _feature(fs, "documentId") or ext_id
        meta_kw["title"] = _feature(fs, "documentTitle")
        meta_kw["url"] = _feature(fs, "documentUri")
        meta_kw["language"] = _feature(fs, "language") or "ar"
        break
    sha = text_sha256(text)
    for fs in select(ARTICLE):
        for feat, attr in _ARTICLE_FEATURES.items():
            value = _feature(fs, feat)
            if value is not None:
                meta_kw[attr] = value
        given = _feature(fs, "textSha256")
        if given and given != sha and to_new is None:
            raise InputError(where, f"textSha256 {given!r} does not match the text ({sha})")
        break
    if meta_kw.get("title") == ext_id:
        meta_kw["title"] = None
    if meta_kw.get("published"):
        try:
            meta_kw["published"] = parse_date(meta_kw["published"], "published")
        except ValueError as exc:
            raise InputError(where, str(exc)) from None
    meta = DocumentMeta(**{k: v for k, v in meta_kw.items() if v is not None})

    entities = []
    for fs in select(NAMED_ENTITY):
        label = _feature(fs, "value")
        if not label:
            if fs.type.name == NAMED_ENTITY:
                raise InputError(where, "a named entity has no value (label)", span=_name(fs))
            label = fs.type.name.rsplit(".", 1)[-1]
        problem = label_problem(str(label))
        if problem:
            raise InputError(where, problem, span=_name(fs))
        start, end = span_of(fs)
        entities.append((start, end, str(label), _feature(fs, "identifier") or None, fs.xmiID))
    entities.sort(key=lambda x: (x[0], -x[1], x[2], x[4]))
    mentions = []
    ext_of: dict[int, str] = {}
    for k, (start, end, label, entity, xmi_id) in enumerate(entities, start=1):
        ext_of[xmi_id] = f"m{k}"
        mentions.append(Mention(start, end, label, entity=entity, ext_id=f"m{k}"))

    claims = []
    used_ids = set(ext_of.values())
    for k, fs in enumerate(sorted(select(CLAIM), key=lambda f: (f.begin, f.end, f.xmiID)), 1):
        start, end = span_of(fs)
        name = _name(fs)
        cid = _feature(fs, "claimId") or f"c{k}"
        if cid in used_ids:
            raise InputError(where, f"claim id {cid!r} is used twice", span=name)
        used_ids.add(cid)
        try:
            quote = QuoteType(_feature(fs, "quoteType") or QuoteType.INDIRECT.value)
            polarity = Polarity(_feature(fs, "polarity") or Polarity.ASSERTED.value)
            kind = _feature(fs, "sourceKind")
            kind = SourceKind(kind) if kind else None
        except ValueError as exc:
            raise InputError(where, str(exc), span=name) from None
        source_fs = _feature(fs, "source")
        source = None
        if source_fs is not None or kind is SourceKind.MENTION:
            if source_fs is None or source_fs.xmiID not in ext_of:
                raise InputError(where, "the source is not a named entity", span=name)
            source = ClaimSource(SourceKind.MENTION, mention=ext_of[source_fs.xmiID])
        elif kind is SourceKind.ENTITY:
            key = _feature(fs, "sourceEntity")
            if not key:
                raise InputError(where, "sourceKind entity without sourceEntity", span=name)
            source = ClaimSource(SourceKind.ENTITY, entity=key)
        elif kind is not None:
            source = ClaimSource(kind)
        cue_fs = _feature(fs, "cue")
        cue = Span(*span_of(cue_fs)) if cue_fs is not None else None
        claims.append(
            Claim(
                start,
                end,
                source=source,
                cue=cue,
                quote_type=quote,
                polarity=polarity,
                topics=_strings(_feature(fs, "topics")),
                note=_feature(fs, "note"),
                annotator=_feature(fs, "annotator"),
                ext_id=cid,
            )
        )
    registry = {}
    for fs in select(REGISTRY):
        key, name = _feature(fs, "key"), _feature(fs, "name")
        if not key or not name:
            raise InputError(where, "a registry entity needs a key and a name", span=_name(fs))
        registry[key] = RegistryEntity(
            key=key,
            name=name,
            type=_feature(fs, "entityType"),
            aliases=_strings(_feature(fs, "aliases")),
            external_id=_feature(fs, "externalId"),
            notes=_feature(fs, "notes"),
        )
    return Document(
        external_id=ext_id,
        text=text,
        meta=meta,
        mentions=tuple(mentions),
        claims=tuple(claims),
        registry=registry,
        text_sha256=sha,
    )


def _load_typesystem(member: Member):
    from cassis import load_typesystem

    data = member.read()
    check_xml(data, member.where)
    try:
        return load_typesystem(io.BytesIO(data))
    except Exception as exc:  # cassis raises many kinds; all mean "not a type system"
        raise InputError(member.where, f"not a UIMA type system ({exc})") from None


def read_xmi(path: Path) -> list[Document]:
    """Documents from ``.xmi`` files: one file, a folder (recursively) or a ``.zip`` archive.
    Everything is validated before the list is returned; nothing is written anywhere."""
    from cassis import load_cas_from_xmi

    path = Path(path)
    members = list_members(path, (".xmi", ".xml"))
    xmis = [m for m in members if m.name.lower().endswith(".xmi")]
    if not xmis:
        raise InputError(path, "no .xmi files found")
    systems = {
        str(PurePosixPath(m.name).parent): m
        for m in members
        if PurePosixPath(m.name).name.lower() == "typesystem.xml"
    }
    if path.is_file() and path.suffix.lower() == ".xmi":
        beside = path.parent / "TypeSystem.xml"
        if beside.is_file() and not beside.is_symlink():
            systems["."] = list_members(beside, (".xml",))[0]
    loaded: dict[str, Any] = {}
    docs = []
    for member in xmis:
        folder = str(PurePosixPath(member.name).parent)
        ts_member = systems.get(folder) or systems.get(".")
        key = ts_member.where if ts_member else ""
        if key not in loaded:
            loaded[key] = _load_typesystem(ts_member) if ts_member else build_typesystem()
        data = member.read()
        check_offsets(check_xml(data, member.where), member.where)
        try:
            with warnings.catch_warnings():  # lenient: types we do not know are skipped
                warnings.simplefilter("ignore", UserWarning)
                cas = load_cas_from_xmi(io.BytesIO(data), typesystem=loaded[key], lenient=True)
        except Exception as exc:  # cassis raises many kinds; all mean "not a CAS we can read"
            raise InputError(member.where, f"not a readable UIMA CAS XMI ({exc})") from None
        stem = member.name[: -len(".xmi")]
        docs.append(_cas_to_document(cas, stem, member.where))
    seen: dict[str, str] = {}
    for doc, member in zip(docs, xmis, strict=True):
        if doc.external_id in seen:
            raise InputError(
                member.where,
                f"document id {doc.external_id!r} is also used by {seen[doc.external_id]}",
            )
        seen[doc.external_id] = member.where
    return docs

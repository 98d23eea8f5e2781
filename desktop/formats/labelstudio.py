"""Label Studio JSON export → Documents.

The export is a JSON list of tasks::

    [{"id": 7, "data": {"text": "…"},
      "annotations": [{"id": 3, "completed_by": 1, "was_cancelled": false,
                       "result": [{"id": "aB3x", "type": "labels", "from_name": "label",
                                   "to_name": "text",
                                   "value": {"start": 4, "end": 9, "text": "بوتين",
                                             "labels": ["PERS"]}}]}],
      "predictions": […]}]

**Offsets** are JavaScript string indices, i.e. UTF-16 code units; they are converted to code
points with :class:`desktop.text.Utf16Map`. An offset inside a surrogate pair, or a ``value.text``
that differs from the text the converted offsets cover, rejects the whole file with the task index
and result id (Label Studio itself accepts spans whose offsets do not match their text).

* The text is ``data[text_key]``; by default ``data["text"]``, or the only string field of
  ``data``. It is normalised as at every import (BOM, CRLF) with the offsets moved along.
* Every ``labels`` result becomes one mention per label, with the annotator taken from
  ``completed_by`` (an e-mail when Label Studio exported the user object, else the user id).
  Cancelled annotations are skipped; other result types (choices, relations, text areas) are
  ignored; ``hypertextlabels`` (XPath offsets) are refused. Predictions are skipped unless
  ``include_predictions``, in which case they become *suggested* mentions whose annotator is the
  model version.
* The document id is ``data["id"]`` when that is a string, else ``<file stem>-<task id>``;
  string fields ``outlet``, ``original_source``, ``title``, ``url``, ``published`` and
  ``event`` of ``data`` become metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.errors import InputError, RecordError
from desktop.core.model import Document, Mention, MentionStatus
from desktop.core.rules import text_sha256
from desktop.formats.doccano import OffsetConverter, meta_from_fields, read_json_bytes
from desktop.formats.guard import JsonError, check_label, check_text, loads

__all__ = ["read_labelstudio"]


def _text_of(data: dict, text_key: str | None) -> str:
    if text_key is not None:
        value = data.get(text_key)
        if not isinstance(value, str):
            raise RecordError(f'data["{text_key}"] must be a string')
    elif isinstance(data.get("text"), str):
        value = data["text"]
    else:
        strings = [k for k, v in data.items() if isinstance(v, str)]
        if len(strings) != 1:
            raise RecordError('cannot tell which "data" field holds the text; give text_key')
        value = data[strings[0]]
    if not value.strip():
        raise RecordError("the text is empty")
    check_text(value)
    return value


def _annotator(item: dict) -> str | None:
    who = item.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return None if who is None else str(who)


def _results(
    item: dict, where: str, conv: OffsetConverter, status: MentionStatus, annotator: str | None
) -> list[Mention]:
    results = item.get("result") or []
    if not isinstance(results, list):
        raise RecordError('"result" must be a list', span=where)
    out = []
    for r_index, result in enumerate(results):
        if not isinstance(result, dict):
            raise RecordError("a result must be an object", span=f"{where} result[{r_index}]")
        rid = result.get("id")
        name = f"{where} result {rid!r}" if rid is not None else f"{where} result[{r_index}]"
        rtype = result.get("type")
        if rtype == "hypertextlabels":
            raise RecordError("HyperText (XPath) offsets are not supported", span=name)
        if rtype != "labels":
            continue
        value = result.get("value")
        if not isinstance(value, dict):
            raise RecordError('"value" must be an object', span=name)
        s, e = conv.raw_span(value.get("start"), value.get("end"), name)
        given = value.get("text")
        if given is not None:
            if not isinstance(given, str):
                raise RecordError("value.text must be a string", span=name)
            if conv.raw[s:e] != given:
                raise RecordError(
                    f"value.text {given!r} does not match the text at UTF-16 "
                    f"[{value['start']}, {value['end']}): {conv.raw[s:e]!r}",
                    span=name,
                )
        labels = value.get("labels")
        if not isinstance(labels, list) or not labels:
            raise RecordError("value.labels must be a non-empty list of labels", span=name)
        for label in labels:
            check_label(label, span=name)
        s, e = conv.stored(s, e, name)
        out.extend(Mention(s, e, label, status=status, annotator=annotator) for label in labels)
    return out


def parse_task(
    task: Any, index: int, *, stem: str, text_key: str | None, include_predictions: bool
) -> Document:
    where = f"task[{index}]"
    if not isinstance(task, dict):
        raise RecordError("a task must be an object", span=where)
    data = task.get("data")
    if not isinstance(data, dict):
        raise RecordError('a task needs a "data" object', span=where)
    try:
        conv = OffsetConverter(_text_of(data, text_key), "utf16")
        meta = meta_from_fields(data)
    except RecordError as exc:
        raise RecordError(exc.reason, span=where) from None
    mentions: list[Mention] = []
    groups = [("annotations", MentionStatus.MANUAL)]
    if include_predictions:
        groups.append(("predictions", MentionStatus.SUGGESTED))
    for key, status in groups:
        items = task.get(key) or []
        if not isinstance(items, list):
            raise RecordError(f'"{key}" must be a list', span=where)
        for a_index, item in enumerate(items):
            if not isinstance(item, dict):
                raise RecordError("an annotation must be an object", span=f"{where} {key}")
            if item.get("was_cancelled"):
                continue
            if status is MentionStatus.SUGGESTED:
                annotator = item.get("model_version")
                annotator = None if annotator is None else str(annotator)
            else:
                annotator = _annotator(item)
            mentions += _results(item, f"{where} {key}[{a_index}]", conv, status, annotator)
    mentions.sort(key=lambda m: (m.start, -m.end, m.label, m.annotator or ""))
    ext = data.get("id")
    if not isinstance(ext, str) or not ext:
        ident = task.get("id")
        ext = f"{stem}-{ident if isinstance(ident, int | str) else index}"
    text = conv.text
    return Document(
        external_id=ext,
        text=text,
        meta=meta,
        mentions=tuple(
            Mention(m.start, m.end, m.label, status=m.status, annotator=m.annotator, ext_id=f"m{k}")
            for k, m in enumerate(mentions, 1)
        ),
        text_sha256=text_sha256(text),
    )


def read_labelstudio(
    path: Path, *, text_key: str | None = None, include_predictions: bool = False
) -> list[Document]:
    """All tasks of a Label Studio JSON export as Documents, validated as a whole."""
    path = Path(path)
    content = read_json_bytes(path)
    try:
        tasks = loads(content)
    except JsonError as exc:
        raise InputError(path, exc.reason, line=exc.line) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise InputError(path, "a Label Studio export is a JSON list of tasks")
    if not tasks:
        raise InputError(path, "file has no tasks")
    docs: list[Document] = []
    seen: dict[str, int] = {}
    for index, task in enumerate(tasks):
        try:
            doc = parse_task(
                task,
                index,
                stem=path.stem,
                text_key=text_key,
                include_predictions=include_predictions,
            )
        except RecordError as exc:
            raise InputError(path, exc.reason, span=exc.span) from None
        if doc.external_id in seen:
            raise InputError(
                path,
                f"document id {doc.external_id!r} is also task[{seen[doc.external_id]}]",
                span=f"task[{index}]",
            )
        seen[doc.external_id] = index
        docs.append(doc)
    return docs

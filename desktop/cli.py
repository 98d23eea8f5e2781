"""The `mizan` command. Sub-commands run headless and never import Qt; no sub-command opens
the window."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop import __version__
from desktop.app.settings import resolve_annotator, resolve_db
from desktop.core.errors import MizanError

EXPORT_FORMATS = (
    "jsonl",
    "conll",
    "spacy",
    "brat",
    "xmi",
    "claims-csv",
    "claims-parquet",
    "pairs",
)
IMPORT_FORMATS = ("auto", "txt", "jsonl", "doccano", "labelstudio", "brat", "xmi")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mizan",
        description="Annotate Arabic news articles and weigh what different outlets report.",
        epilog="With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"mizan {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or database URL (default: $MIZAN_DB, else the user data folder)",
    )
    parser.add_argument(
        "--annotator", help="who is annotating (default: $MIZAN_ANNOTATOR, else your login)"
    )
    window = parser.add_argument_group("window (no command)")
    window.add_argument(
        "--screenshot", metavar="OUT.png", help="render the window offscreen to a PNG and exit"
    )
    window.add_argument("--document", metavar="ID", help="open this document (external id)")
    window.add_argument("--ui-language", choices=("en", "ar"), help="interface language")
    window.add_argument(
        "--view",
        default="annotate",
        metavar="NAME",
        help="with --screenshot: the window or dialog to render (annotate, compare, statistics, "
        "settings, welcome, export, agreement, curation)",
    )
    window.add_argument(
        "--size", metavar="WIDTHxHEIGHT", help="with --screenshot: the size of the window"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import articles (.txt, folders) or annotated data (.jsonl)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--outlet", help="outlet of the imported texts")
    p.add_argument("--event", help="event/story the imported texts report")
    p.add_argument("--format", default="auto", choices=IMPORT_FORMATS)
    p.add_argument(
        "--units",
        choices=("utf16", "codepoint"),
        help="doccano offsets: UTF-16 code units (doccano's own, default) or code points",
    )
    p.add_argument(
        "--annotator",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help="credit spans that name no annotator to NAME (another annotator's layer)",
    )

    p = sub.add_parser("export", help="export the corpus and its annotations")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument(
        "--annotator",
        dest="only_annotators",
        action="append",
        metavar="NAME",
        help="only annotations by NAME (repeatable)",
    )
    p.add_argument("--outlet", dest="only_outlets", action="append", metavar="NAME")
    p.add_argument("--event", dest="only_events", action="append", metavar="NAME")
    p.add_argument(
        "--status",
        dest="only_statuses",
        action="append",
        choices=("not_started", "in_progress", "done"),
        help="only documents with this status (of --annotator, else of anyone)",
    )
    p.add_argument("--split", metavar="80/10/10", help="train/dev/test split by document")
    p.add_argument("--seed", type=int, default=0, help="seed of the split (default 0)")
    p.add_argument("--coarse", action="store_true", help="labels mapped to PERS/LOC/ORG/MISC")
    p.add_argument(
        "--include-suggested",
        action="store_true",
        help="also suggested (not yet accepted) mentions",
    )
    p.add_argument(
        "--docs-per-file", type=int, metavar="N", help="spacy: a folder of DocBins of N documents"
    )
    p.add_argument(
        "--max-levels", type=int, metavar="N", help="conll: at most N nested label columns"
    )

    p = sub.add_parser("align", help="suggested cross-document claim matches, best first")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--event", help="only documents of this event")
    p.add_argument("--limit", type=int, default=0, help="at most this many (0: all)")
    p.add_argument(
        "--k", type=int, default=3, metavar="N", help="candidates per claim in each other document"
    )

    p = sub.add_parser(
        "stats", help="counts of documents, mentions and claims, and their breakdowns"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")

    sub.add_parser("check", help="integrity: offsets, covered text, SQLite integrity_check")

    p = sub.add_parser("agreement", help="inter-annotator agreement: spans, kappa, alpha, claims")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--annotators", metavar="A,B", help="compare only these annotators")
    p.add_argument("--label", help="mentions of this label only")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return open_window(args)
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _pipe_closed()
    except MizanError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted", code=130)
    except Exception as exc:  # a bug: still one line, full trace only on request
        if os.environ.get("MIZAN_DEBUG"):
            raise
        return fail(f"internal error: {type(exc).__name__}: {exc} (set MIZAN_DEBUG=1 for details)")


def _pipe_closed() -> int:
    """The reader of our output went away (`mizan stats --json | head`): stop quietly, as
    Unix tools do on SIGPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # nothing left to flush at exit
    return 141


def fail(message: str, code: int = 1) -> int:
    print(f"mizan: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def _waiting(message: str) -> None:
    print(f"mizan: {message}", file=sys.stderr, flush=True)


def _project(args, *, create: bool = False):
    """The project of `--db`. Only commands that write create a missing database; the others
    refuse it by name (a mistyped path must not become a new empty database)."""
    from desktop.app.project import Project

    return Project.open(
        resolve_db(args.db), resolve_annotator(args.annotator), create=create, on_wait=_waiting
    )


def cmd_import(args) -> int:
    from desktop.app.reading import read_ahead

    options = {"units": args.units} if args.units else {}
    # The first file is being read while the database is opened (desktop/app/reading.py).
    with read_ahead([Path(p) for p in args.paths], args.format, options) as early:
        project = _project(args, create=True)
        report = project.import_paths(early, outlet=args.outlet, event=args.event)
    for line in report.skipped + report.warnings:
        print(f"mizan: warning: {line}", file=sys.stderr)
    print(report.summary())
    return 0


def cmd_export(args) -> int:
    from desktop.app.exporting import export, parse_split
    from desktop.core.filters import ExportFilter

    project = _project(args)
    options = {
        name: value
        for name, value in (
            ("docs_per_file", args.docs_per_file),
            ("max_levels", args.max_levels),
        )
        if value is not None
    }
    flt = ExportFilter(
        annotators=tuple(args.only_annotators or ()),
        outlets=tuple(args.only_outlets or ()),
        events=tuple(args.only_events or ()),
        statuses=tuple(args.only_statuses or ()),
    )
    results = export(
        project,
        args.format,
        Path(args.out),
        flt=flt,
        split=parse_split(args.split),
        seed=args.seed,
        coarse=args.coarse,
        include_suggested=args.include_suggested,
        **options,
    )
    for part, counts in results.items():
        shown = {k: v for k, v in counts.as_dict().items() if v and (k, v) != ("files", 1)}
        what = ", ".join(f"{v} {k}" for k, v in shown.items()) or "nothing"
        print(f"{args.format}{'' if part == 'all' else ' ' + part}: {what}")
    return 0


def cmd_align(args) -> int:
    from desktop.app.workspace import Workspace

    workspace = Workspace(_project(args))
    docs = workspace.documents()
    ids = [d.id for d in docs if not args.event or d.meta.event == args.event]
    suggestions = workspace.suggestions(ids, k=max(1, args.k))
    if args.limit:
        suggestions = suggestions[: args.limit]
    if args.json:
        print(json.dumps([s.to_json() for s in suggestions], ensure_ascii=False))
        return 0
    for s in suggestions:
        conflicts = "; ".join(f"{c.kind}: {c.a} ≠ {c.b}" for c in s.conflicts)
        print(
            f"{s.score:.2f}  {s.a.document}/{s.a.claim} ~ {s.b.document}/{s.b.claim}"
            + ("" if s.evidence.get("tier") == "strong" else "  (weaker)")
            + (f"  ⚠ {conflicts}" if conflicts else "")
        )
        print(f"      {' '.join(s.a.text.split())[:90]}")
        print(f"      {' '.join(s.b.text.split())[:90]}")
    if not suggestions:
        print("no suggestions (annotate claims in at least two documents)")
    return 0


def cmd_stats(args) -> int:
    from desktop.app.statistics import as_text, statistics

    stats = statistics(_project(args))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, sort_keys=True))
        return 0
    print(as_text(stats))
    return 0


def cmd_check(args) -> int:
    problems = _project(args).check()
    for problem in problems:
        print(problem)
    if problems:
        return fail(f"{len(problems)} problem(s) found")
    print("ok")
    return 0


def cmd_agreement(args) -> int:
    from desktop.app.agreement import agreement, as_text

    names = [n.strip() for n in (args.annotators or "").split(",") if n.strip()] or None
    report = agreement(_project(args).db, annotators=names, label=args.label)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, sort_keys=True))
        return 0
    print(as_text(report))
    return 0


def open_window(args) -> int:
    try:
        from desktop.gui.main import run
    except ImportError as exc:  # e.g. Qt's system libraries are missing
        return fail(f"cannot start the window: {exc}")
    return run(args)


COMMANDS = {
    "import": cmd_import,
    "export": cmd_export,
    "stats": cmd_stats,
    "check": cmd_check,
    "align": cmd_align,
    "agreement": cmd_agreement,
}

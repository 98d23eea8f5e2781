"""Errors a user sees. Each names the file (and line / span) and says why."""

from __future__ import annotations


class MizanError(Exception):
    """Base class: its message is fit to print on one line to stderr."""


class InputError(MizanError):
    """Bad input: the file, where in it, and the reason."""

    def __init__(self, path: str, reason: str, *, line: int | None = None, span: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.span = span
        where = self.path
        if line is not None:
            where += f", line {line}"
        if span is not None:
            where += f", span {span}"
        super().__init__(f"{where}: {reason}")


class RecordError(ValueError):
    """A problem inside one record; the reader turns it into an InputError with file and line."""

    def __init__(self, reason: str, *, span: str | None = None):
        self.reason = reason
        self.span = span
        super().__init__(reason)


class Cancelled(MizanError):
    """Long work stopped at the user's request; nothing was written."""

    def __init__(self) -> None:
        super().__init__("cancelled")

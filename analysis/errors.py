"""Errors of the analysis package; every message names the file and what was wrong."""

from __future__ import annotations


class StancemapError(Exception):
    """Base class of the errors Stancemap raises on purpose."""


class FileUnreadable(StancemapError):
    """A whole input file (or the rest of it) cannot be read; the message says why."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class LimitExceeded(FileUnreadable):
    """An input goes past a configured limit (size, records, ZIP expansion)."""


class RecordInvalid(StancemapError):
    """One input record cannot become an article; field names the field at fault (or None)."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


class CorrectionRejected(StancemapError):
    """A correction that cannot be stored (unknown code, offset outside the article, a note too
    long ...); nothing was written. `field` names the field at fault."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


class DatabaseUnavailable(StancemapError):
    """The corrections database cannot be reached or used (the message names it, password
    hidden, and the driver's reason)."""

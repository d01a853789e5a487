"""Errors users see. Every message says what went wrong, where, and how to fix it."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class: a problem the user can act on (shown without a traceback by the CLI)."""


class ArticleError(CommuniqueError):
    """An input article cannot be read; the batch skips it and goes on."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class StoreLockedError(CommuniqueError):
    """Another process holds the on-disk store."""


class QueryError(CommuniqueError):
    """A saved query is missing or malformed, or a parameter is missing or ill-typed."""


class ValidationError(CommuniqueError):
    """An article's graph violates the SHACL shapes."""

"""Why an upload, or part of it, could not be read."""

from __future__ import annotations


class ImportFailure(Exception):
    """The upload as a whole cannot be read (no objective column, not JSON...): HTTP 422, CLI exit 2."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

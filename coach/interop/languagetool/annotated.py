"""LanguageTool's annotated text (`data`): the plain text the rubric reads, and a map back to the document.

Markup is left out of the plain text, or replaced by its `interpretAs` ("<li>" read as "- ");
positions the rubric reports in the plain text are mapped back to the whole document, markup
included, as LanguageTool does.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator


class AnnotationPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    markup: str | None = None
    interpretAs: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> AnnotationPart:
        if (self.text is None) == (self.markup is None):
            raise ValueError("each annotation part has either 'text' or 'markup' (with an optional 'interpretAs')")
        return self


class Annotation(BaseModel):
    annotation: list[AnnotationPart]


class InvalidData(ValueError):
    """`data` is not LanguageTool's annotated text; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class _Piece:
    plain: int  # where the piece starts in the plain text
    plain_end: int
    original: int  # where it starts in the document
    original_end: int
    is_text: bool


class Document:
    """The document a client sent, the plain text the rubric checks, and positions between the two."""

    def __init__(self, original: str, plain: str, pieces: list[_Piece]) -> None:
        self.original = original
        self.plain = plain
        self._pieces = pieces
        self._starts = [piece.plain for piece in pieces]

    @classmethod
    def from_text(cls, text: str) -> Document:
        return cls(text, text, [_Piece(0, len(text), 0, len(text), True)])

    @classmethod
    def from_data(cls, data: str) -> Document:
        try:
            parts = Annotation.model_validate(json.loads(data)).annotation
        except json.JSONDecodeError as exc:
            raise InvalidData(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(map(str, first["loc"])) or "data"
            raise InvalidData(f"{where}: {first['msg'].removeprefix('Value error, ')}") from exc
        original: list[str] = []
        plain: list[str] = []
        pieces: list[_Piece] = []
        at_plain = at_original = 0
        for part in parts:
            written = part.text if part.text is not None else part.markup or ""
            read = part.text if part.text is not None else part.interpretAs or ""
            pieces.append(_Piece(at_plain, at_plain + len(read), at_original, at_original + len(written),
                                 part.text is not None))
            original.append(written)
            plain.append(read)
            at_plain += len(read)
            at_original += len(written)
        return cls("".join(original), "".join(plain), pieces)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A [start, end) range of the plain text in the document (code points). A range that starts or
        ends inside a markup's `interpretAs` widens to the whole markup."""
        return self._map(start, at_end=False), self._map(end, at_end=True)

    def _map(self, offset: int, *, at_end: bool) -> int:
        if not self._pieces:
            return 0
        index = bisect_right(self._starts, offset - 1 if at_end and offset > 0 else offset) - 1
        piece = self._pieces[max(index, 0)]
        if piece.is_text:
            return piece.original + min(max(offset - piece.plain, 0), piece.original_end - piece.original)
        return piece.original_end if at_end else piece.original

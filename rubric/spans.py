"""Map positions in a parsed item's text back to the original draft.

A parsed objective or key result is not always one contiguous slice of the draft: a wrapped
line is joined with a single space. `SourceText` remembers the original slices so a finding
located inside the item can be underlined in the original text exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True, slots=True)
class SourceText:
    """An item's text plus the original slices it was joined from (joined by single spaces)."""

    text: str
    pieces: tuple[tuple[int, int], ...]

    @classmethod
    def from_slices(cls, original: str, pieces: list[tuple[int, int]]) -> Self:
        """Build from (start, end) slices of `original`; the text is the slices joined by a space."""
        if len(pieces) == 1:  # the common case, on the parser's hot path: no join
            start, end = pieces[0]
            return cls(original[start:end], (pieces[0],))
        return cls(" ".join(original[s:e] for s, e in pieces), tuple(pieces))

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Convert a [start, end) range in `text` to a range in the original draft."""
        return self._position(start, at_end=False), self._position(end, at_end=True)

    def _position(self, offset: int, *, at_end: bool) -> int:
        cursor = 0
        for index, (s, e) in enumerate(self.pieces):
            length = e - s
            last = index == len(self.pieces) - 1
            # An end offset that falls exactly on a piece boundary belongs to that piece;
            # a start offset on the joining space moves to the next piece.
            if offset < cursor + length or (at_end and offset == cursor + length) or last:
                return s + min(max(offset - cursor, 0), length)
            cursor += length + 1
        return self.end


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units in `text` (astral characters such as emoji count twice)."""
    return len(text) + len(_ASTRAL.findall(text))


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Index:
    """Convert code-point offsets of one text to UTF-16 offsets, as JavaScript strings count them."""

    def __init__(self, text: str) -> None:
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def offset(self, code_point: int) -> int:
        """UTF-16 offset of the given code-point offset."""
        return code_point + bisect_left(self._astral, code_point)

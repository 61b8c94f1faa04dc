"""Bytes of an upload to text, the way spreadsheet exports really arrive.

UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. A file with no valid UTF-8
at all is a legacy export (Excel on Windows): it is read as Windows-1252/Latin-1 and a warning
says so. A UTF-8 file with a few undecodable lines keeps its other lines: those lines are
blanked (so line numbers stay true) and reported one by one.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field


@dataclass(slots=True)
class Decoded:
    text: str
    warnings: list[str] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)  # 1-based lines that were not valid UTF-8


def decode_upload(data: bytes) -> Decoded:
    """Decode `data`; never raises."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", errors="replace"))
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
    if not any(text is not None and not text.isascii() for text in decoded):
        return Decoded(_legacy(data), [
            "The file is not UTF-8; it was read as Windows-1252 (Latin-1). If accents look wrong, "
            "export it again as 'CSV UTF-8'."
        ])
    bad = [number for number, text in enumerate(decoded, 1) if text is None]
    return Decoded("\n".join(text or "" for text in decoded), bad_lines=bad)


def _legacy(data: bytes) -> str:
    """Windows-1252 (what Excel writes), or Latin-1 if a byte is undefined there: Latin-1 decodes anything."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")

"""What a line's words look like: a header, prose, an essay, a title over the whole set."""

from __future__ import annotations

from rubric.parser.cycle import cycle_of
from rubric.parser.lines import Line, words
from rubric.parser.patterns import HEADER_WORDS_RE, SENTENCE_BREAK_RE, TITLE_RE


def ends_with_colon(text: str, line: Line) -> bool:
    return bool(line.pieces) and text[line.pieces[-1][1] - 1] == ":"


def header_word(line: Line) -> bool:
    """'Notes', 'Risks:', 'Open questions', 'Initiatives:': a section of remarks or work, not of items."""
    if line.label == "initiative":
        return not line.pieces
    return len(line.head) < 20 and HEADER_WORDS_RE.fullmatch(line.head) is not None


def header_like(text: str, line: Line) -> bool:
    """A section header that ends a list of items: a known word, or any line ending in a colon."""
    return ends_with_colon(text, line) or header_word(line)


def prose_like(text: str, line: Line) -> bool:
    """Sentences of explanation rather than a short item: several sentences, a question, a cheer."""
    said = words(text, line)
    return len(said) > 240 or said[-1] in "?!" or SENTENCE_BREAK_RE.search(said) is not None


def exclaimed(text: str, line: Line) -> bool:
    """'Ship the beta!': one short exclaimed line, which is prose only by its mark."""
    said = words(text, line)
    return said[-1] == "!" and len(said) <= 80 and SENTENCE_BREAK_RE.search(said) is None


def essay(text: str, line: Line) -> bool:
    """A paragraph behind a label ('Objective: Brainstorm with your team. Identify …')."""
    said = words(text, line)
    if len(said) < 40:
        return False
    breaks = len(SENTENCE_BREAK_RE.findall(said))
    return breaks >= 2 or (breaks == 1 and len(said) > 160)


def title_like(text: str, line: Line) -> bool:
    """'Team OKRs — H2 2026', 'Objectives for the design team': a heading over the whole set."""
    said = words(text, line)
    return TITLE_RE.search(said) is not None or cycle_of(said, titled=False) is not None

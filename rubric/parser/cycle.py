"""The cycle a draft names in its title ('Q3 2026 OKRs' -> '2026-Q3')."""

from __future__ import annotations

from rubric.parser.lines import Line, words
from rubric.parser.patterns import (
    CYCLE_HALF_WORDS_RE,
    CYCLE_HINT_RE,
    CYCLE_PERIOD_FIRST_RE,
    CYCLE_YEAR_FIRST_RE,
    CYCLE_YEAR_RE,
    TITLE_RE,
)


def cycle_of(words: str, titled: bool) -> str | None:
    """The cycle a line names ('Q3 2026' -> '2026-Q3'); a bare year or period counts only in a title."""
    if CYCLE_HINT_RE.search(words) is None:
        return None
    match = CYCLE_YEAR_FIRST_RE.search(words)
    if match:
        return f"{match.group('year')}-{match.group('kind').upper()}{match.group('n')}"
    lone = None  # "Q3 OKRs for 2026": a period whose year stands elsewhere
    for match in CYCLE_PERIOD_FIRST_RE.finditer(words):
        period = f"{match.group('kind').upper()}{match.group('n')}"
        if period in ("H3", "H4"):
            continue
        if match.group("year"):
            return f"{_full_year(match.group('year'))}-{period}"
        lone = lone or period
    match = CYCLE_HALF_WORDS_RE.search(words)
    if match:
        return f"{match.group('year')}-H{1 if match.group('n').lower() in ('first', '1st') else 2}"
    return _year_cycle(words, lone, titled)


def _year_cycle(words: str, lone: str | None, titled: bool) -> str | None:
    """A year ('FY27', a bare '2026' in a title), with the period found earlier if any."""
    match = CYCLE_YEAR_RE.search(words)
    if match is None:
        return lone if titled else None  # "Team Platform — H2 goals"
    year = _full_year(match.group("fy") or match.group("year"))
    if lone:
        return f"{year}-{lone}"
    return year if titled or match.group("fy") else None


def _full_year(year: str) -> str:
    year = year.lstrip("'’")
    return year if len(year) == 4 else f"20{year}"


def find_cycle(text: str, lines: list[Line]) -> tuple[str | None, Line | None]:
    """The cycle named by a heading or title, else by prose before the first objective, and its line."""
    fallback: tuple[str | None, Line | None] = (None, None)
    before_items = True
    for line in lines:
        if line.item:
            before_items = False
            continue
        if not line.pieces:
            continue
        said = words(text, line)
        heading = line.marker in ("heading", "bold") or TITLE_RE.search(said) is not None
        if not heading and not before_items:
            continue
        cycle = cycle_of(said, titled=heading)
        if cycle and heading:
            return cycle, line
        if cycle and fallback[0] is None:
            fallback = (cycle, line)
    return fallback

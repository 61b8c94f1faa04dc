"""Parse a pasted OKR draft into objectives and key results, keeping each item's place in the text.

People paste drafts in many shapes: labelled ("Objective:", "KR1 -", "Key Result #1 –"), markdown
headings or bold titles over bullet lists, numbered outlines, plain indentation, emoji bullets, or
a table exported from Notion, Confluence or Google Docs, usually with some prose around them.
The parser reads the draft once into logical lines (`lines`: markers stripped, wrapped lines
joined), takes out OKR tables (`tables`), then picks one of two strategies for the rest:

* labelled (`labelled`): when the draft names objectives or key results with labels;
* outline (`outline`): otherwise the outline's shape decides (headings, bold, numbering, indentation).

A title may name the cycle (`cycle`). Every other non-empty line is reported in
`ParsedDraft.ignored` with its reason (`ignored`): nothing the user typed disappears. Item
pieces are code-point slices of the original text, never including markers or surrounding
whitespace. `parse_text` is total: any input yields a `ParsedDraft`.
"""

from __future__ import annotations

from rubric.draft import ParsedDraft, ParsedKeyResult, ParsedObjective
from rubric.parser.cycle import find_cycle
from rubric.parser.groups import Group, title_source
from rubric.parser.ignored import every_line, ignored_lines
from rubric.parser.labelled import labelled
from rubric.parser.lines import Line, split_lines
from rubric.parser.looks import header_like, prose_like
from rubric.parser.outline import outline_groups
from rubric.parser.patterns import WORD_RE
from rubric.parser.tables import Tables, read_tables

__all__ = ["parse", "parse_text"]


def parse_text(text: str) -> ParsedDraft:
    """Extract the cycle, objectives and key results from a free-text draft; never raises."""
    try:
        return parse(text)
    except Exception:  # a heuristic gone wrong must not take a request down: the lines are still reported
        return ParsedDraft(cycle=None, objectives=[], ignored=every_line(text, "unparsed"))


def parse(text: str) -> ParsedDraft:
    """`parse_text` without its safety net (tests call it so that a parser bug fails loudly)."""
    lexed = split_lines(text)
    tables = read_tables(text, lexed.lines) if "|" in text else Tables([], lexed.lines)
    lines = tables.rest
    groups = _groups(text, lines, alone=not tables.objectives)
    objectives = [_objective(text, group) for group in groups if group.title and group.title.pieces]
    if tables.objectives:
        objectives = sorted([*objectives, *tables.objectives], key=lambda objective: objective.title.start)
    cycle, named_by = find_cycle(text, lines)
    if named_by is not None:
        named_by.reason = "cycle"
    return ParsedDraft(cycle=cycle, objectives=objectives, ignored=ignored_lines(text, lexed))


def _groups(text: str, lines: list[Line], alone: bool) -> list[Group]:
    """The objectives of the lines outside tables, by the strategy their labels call for; `alone`
    when no table holds objectives either (a single line is then an objective to check)."""
    labels = {line.label for line in lines}
    if "objective" in labels:
        return labelled(text, lines, promote=False)
    if "key_result" in labels or "key_results_header" in labels:
        return labelled(text, lines, promote=True)
    groups = outline_groups(text, lines)
    if alone and not groups and len(lines) == 1 and _lone_objective(text, lines[0]):
        groups = [Group(lines[0], lines[0].key)]
    return groups


def _objective(text: str, group: Group) -> ParsedObjective:
    """The group's title and key results as items of the draft, marked as used."""
    title = group.title
    assert title is not None
    title.item = True
    for key_result in group.key_results:
        key_result.item = True
    key_results = [ParsedKeyResult(k.head, (k.pieces[0],)) if len(k.pieces) == 1  # the words: no slicing
                   else ParsedKeyResult.from_slices(text, k.pieces) for k in group.key_results]
    return ParsedObjective(title_source(text, title), key_results)


def _lone_objective(text: str, line: Line) -> bool:
    """A single line of a few words pasted on its own is an objective to check."""
    return len(WORD_RE.findall(line.head)) >= 2 and not prose_like(text, line) and not header_like(text, line)

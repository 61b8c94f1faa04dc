"""An objective being assembled, and the rules for which lines below it are its key results.

Both strategies share these rules: the labelled one for the lines after an objective label, the
outline one for an objective's children.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rubric.parser.lines import Line, rstrip, words
from rubric.parser.looks import ends_with_colon, header_like, header_word, prose_like
from rubric.parser.patterns import DETAIL_RE, TITLE_RE
from rubric.spans import SourceText


@dataclass(slots=True)
class Group:
    """An objective being assembled and the state of the list of key results under it."""

    title: Line | None
    key: tuple[int, int, int]
    key_results: list[Line] = field(default_factory=list)
    header: bool = False  # a "Key Results:" line opened the list
    item_key: tuple[int, int, int] | None = None
    bare: bool = False  # the list's items carry no bullet or number
    spaced: bool = False  # the list's items are separated by blank lines
    closed: bool = False
    last_added: Line | None = None


def add_to_group(text: str, group: Group, line: Line) -> bool:
    """Attach `line` to the objective's key results if it belongs there; False when it does not."""
    if line.label == "key_results_header":
        if not group.header:  # lines between the objective and "Key Results:" described it
            group.key_results = [k for k in group.key_results if k.label == "key_result"]
        group.header, group.item_key, group.closed, group.last_added = True, None, False, None
        return True
    if line.label == "key_result":
        return _append(group, line)
    if line.label == "initiative":  # "Initiative: …" under a key result; "Initiatives:" ends the list
        group.closed = group.closed or not line.pieces
        return True
    if group.closed:
        return False
    if header_like(text, line):
        if group.item_key is None and not group.key_results and not header_word(line):
            group.header = True  # "Objective: X" then "How we will know:" opens its list
            return True
        group.closed = True
        return False
    if group.item_key is None:
        return _first_item(text, group, line)
    return _next_item(text, group, line, group.item_key)


def _first_item(text: str, group: Group, line: Line) -> bool:
    """The first unlabelled line under an objective decides what the list's items look like."""
    if group.key_results and group.key_results[-1].label == "key_result":  # "KR1: …": unlabelled lines are details
        _below_key_result(group, line)
        group.closed = line.key <= group.key
        return False
    nested = line.key > group.key or (line.key == group.key and (line.marked or not line.blank_before))
    if not (group.header or nested) or (not line.marked and prose_like(text, line)):
        group.closed = True
        return False
    group.item_key, group.bare, group.spaced = line.key, not line.marked, line.blank_before
    return _append(group, line)


def _next_item(text: str, group: Group, line: Line, item_key: tuple[int, int, int]) -> bool:
    """Items continue at the first item's level; deeper lines are sub-points, shallower ones end it."""
    if line.key == item_key:
        if group.bare and _ends_bare_list(text, group, line):
            group.closed = True
            return False
        return _append(group, line)
    if line.key < item_key:
        group.closed = True
    else:
        _below_key_result(group, line)
    return False


def _below_key_result(group: Group, line: Line) -> None:
    """A line nested under a key result is work towards it (an initiative, a task), or a detail
    about it ('Owner: Ana', 'Baseline: March export'); never a key result."""
    if group.last_added is not None and line.key > group.last_added.key:
        line.reason = "note" if DETAIL_RE.match(line.head) else "initiative"


def _ends_bare_list(text: str, group: Group, line: Line) -> bool:
    """Bare key-result lines have no marker, so prose after them must be told by its words."""
    if prose_like(text, line) or (line.blank_before and not group.spaced):
        return True
    return TITLE_RE.search(words(text, line)) is not None  # "OKRs typically focus on …"


def _append(group: Group, line: Line) -> bool:
    if line.pieces:
        group.key_results.append(line)
        group.last_added = line
    return True


def title_source(text: str, line: Line) -> SourceText:
    """An objective title's text and slices; an unlabelled title loses a trailing colon ('Grow revenue:')."""
    pieces = line.pieces
    if len(pieces) == 1 and line.head[-1] != ":":
        return SourceText(line.head, (pieces[0],))
    if line.label == "unlabelled" and ends_with_colon(text, line):
        start, stop = pieces[-1]
        stop = rstrip(text, start, stop - 1)
        if stop > start:
            return SourceText.from_slices(text, [*pieces[:-1], (start, stop)])
    return SourceText.from_slices(text, pieces)

"""The labelled strategy: objectives are labelled lines, or the line above a labelled key-result list.

When a draft names objectives or key results with labels, only labelled lines and the lists that
belong to them are items (a "Key Results:" block, or lines nested under an objective). Drafts
that label only their key results get the line above each list promoted to objective.
"""

from __future__ import annotations

from rubric.parser.groups import Group, add_to_group
from rubric.parser.lines import Line, words
from rubric.parser.looks import essay, exclaimed, header_like, prose_like
from rubric.parser.patterns import DIGIT_RE


def labelled(text: str, lines: list[Line], promote: bool) -> list[Group]:
    """Objectives are labelled lines (or, with `promote`, the line just above a key-result list)."""
    groups: list[Group] = []
    group: Group | None = None
    pending = False  # "Objective 1:" alone on its line: the title follows
    previous: Line | None = None
    for index, line in enumerate(lines):
        used = True
        if line.label == "objective" and essay(text, line):
            group, pending, used = None, False, False  # an explanation that starts with "Objective:"
        elif pending and group is not None and line.label == "unlabelled":
            group.title, pending = line, False
        elif line.label == "objective":
            group = Group(line if line.pieces else None, line.key)
            pending = not line.pieces
            groups.append(group)
        elif promote and line.label in ("key_result", "key_results_header") and _needs_objective(group, line):
            group = _promote(text, groups, group, line, previous)
            if group is not None:
                add_to_group(text, group, line)
        elif group is not None and _section_heading(text, line, lines, index):
            group.closed, used = True, False
        elif group is not None:
            used = add_to_group(text, group, line)
        else:
            used = False
        previous = None if used else line
    return [g for g in groups if g.title is not None]


def _section_heading(text: str, line: Line, lines: list[Line], index: int) -> bool:
    """'Search Engine Optimization' right above 'Objective: …' names a section; it is no key result."""
    if line.marked or index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    if following.label != "objective" or following.blank_before:
        return False
    said = words(text, line).split()
    if len(said) > 6 or DIGIT_RE.search(line.head):
        return False
    return all(not w[0].isalpha() or w[0].isupper() or len(w) <= 3 for w in said)


def _needs_objective(group: Group | None, line: Line) -> bool:
    """A key-result list starts where there is no open objective to take it."""
    if group is None or group.closed:
        return True
    return line.label == "key_results_header" and group.last_added is not None


def _promote(text: str, groups: list[Group], group: Group | None, line: Line,
             unused: Line | None) -> Group | None:
    """Make the line just above a key-result list its objective (for drafts without objective labels)."""
    candidate = unused or _title_taken_as_item(group, line)
    if candidate is None or candidate.label != "unlabelled" or header_like(text, candidate):
        return group
    if prose_like(text, candidate) and not exclaimed(text, candidate):
        return group
    promoted = Group(candidate, candidate.key)
    groups.append(promoted)
    return promoted


def _title_taken_as_item(group: Group | None, line: Line) -> Line | None:
    """'- Title', '- Key Results:' at one bullet level: the previous objective took the title as an item."""
    if group is None or group.last_added is None or line.label != "key_results_header":
        return None
    if group.last_added.key != line.key:
        return None
    group.last_added = None
    return group.key_results.pop()

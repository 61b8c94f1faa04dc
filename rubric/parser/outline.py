"""The outline strategy, for drafts without labels: the shape of the outline decides.

Lines nest by their outline key (headings, bold, numbering, indentation); objectives are the
nodes whose children are key results, below any titles and intros that contain them.
"""

from __future__ import annotations

from typing import Literal

from rubric.parser.groups import Group, add_to_group
from rubric.parser.lines import Line
from rubric.parser.looks import ends_with_colon, exclaimed, header_like, header_word, prose_like, title_like
from rubric.parser.patterns import DIGIT_RE

NodeKind = Literal["container", "objective", "leaf", "skip"]

_MAX_DEPTH = 12  # titles nest objectives only a few levels deep
_TITLES = ("heading", "bold")


def outline_groups(text: str, lines: list[Line]) -> list[Group]:
    """Objectives are the outline nodes whose children are the key results."""
    groups = _select(text, _outline(lines), titled=False, depth=0)
    if any(not ends_with_colon(text, g.title) for g in groups if g.title and g.key_results):
        groups = [g for g in groups if g.title and not ends_with_colon(text, g.title)]
    return groups


def _outline(lines: list[Line]) -> list[Line]:
    """Nest lines under the nearest earlier line that is shallower; returns the top-level lines."""
    roots: list[Line] = []
    stack: list[Line] = []
    for line in lines:
        while stack and stack[-1].key >= line.key:
            stack.pop()
        (stack[-1].children if stack else roots).append(line)
        stack.append(line)
    return roots


def _select(text: str, siblings: list[Line], titled: bool, depth: int) -> list[Group]:
    """Walk one level of the outline: descend through titles, take objectives, skip prose."""
    if depth > _MAX_DEPTH:
        return []  # a staircase of ever deeper lines is no OKR set
    kinds = [_kind(text, node) for node in siblings]
    chosen: list[Group] = []
    for index, (node, kind) in enumerate(zip(siblings, kinds, strict=True)):
        if kind == "container":
            chosen.extend(_select(text, node.children, title_like(text, node), depth + 1))
        elif kind == "objective":
            chosen.append(_objective_with_children(text, node))
        elif kind == "leaf" and _childless_objective(text, siblings, index, kinds, titled):
            chosen.append(Group(node, node.key))
    return chosen


def _kind(text: str, node: Line) -> NodeKind:
    """'container' (a title or intro over objectives), 'objective', 'leaf' (no children) or 'skip'."""
    if not node.children:
        return "leaf"
    if header_word(node):
        return "skip"
    if not node.marked and _intro(text, node):
        return "container"  # "Hi team, draft below. Comments welcome!" over a numbered list
    if node.marker in ("bullet", "number", "subnumber"):
        return "objective"
    return "container" if _holds_objectives(text, node) else "objective"


def _holds_objectives(text: str, node: Line) -> bool:
    """A heading over headings, a line over mostly parents (unless those are key results with
    tasks under them), or a title ('Team OKRs — H2 2026') set apart from what follows."""
    kids = [c for c in node.children if not header_word(c)]
    parents = [c for c in kids if c.children]
    if parents and node.marker in _TITLES and any(c.marker in _TITLES for c in parents):
        return True
    if parents and 2 * len(parents) >= len(kids) and not _targets_then_tasks(kids):
        return True
    return title_like(text, node) and (
        node.marker in _TITLES or ends_with_colon(text, node) or node.children[0].blank_before
    )


def _intro(text: str, node: Line) -> bool:
    """Prose over the list, unless it is one exclaimed line over a flat list ('Ship the beta!')."""
    if not prose_like(text, node):
        return False
    return not exclaimed(text, node) or any(child.children for child in node.children)


def _targets_then_tasks(kids: list[Line]) -> bool:
    """Objective, key results, tasks rather than title, objectives, key results: most children
    carry a number and most grandchildren do not."""
    tasks = [grandchild for kid in kids for grandchild in kid.children]
    return 2 * _with_numbers(kids) > len(kids) and 2 * _with_numbers(tasks) < len(tasks)


def _with_numbers(lines: list[Line]) -> int:
    return sum(1 for line in lines if DIGIT_RE.search(line.head))


def _childless_objective(text: str, siblings: list[Line], index: int, kinds: list[NodeKind], titled: bool) -> bool:
    """An objective with no key results yet, among siblings that are objectives."""
    node = siblings[index]
    if node.label == "key_results_header" or header_like(text, node) or prose_like(text, node):
        return False
    if node.marked:
        return titled or "objective" in kinds
    if "objective" not in kinds[:index]:
        return False
    following = next((s for s, k in zip(siblings[index + 1 :], kinds[index + 1 :], strict=True)
                      if k == "objective"), None)
    # Spaced like the objectives around it: no blank line before it, or one before each of them.
    return following is not None and (not node.blank_before or following.blank_before)


def _objective_with_children(text: str, node: Line) -> Group:
    """Its key results are its children, read like a labelled objective's list."""
    children = node.children
    first_marked = next((i for i, child in enumerate(children) if child.marked), 0)
    group = Group(node, node.key)
    for child in children[first_marked:]:  # a description line may come before the bullets
        add_to_group(text, group, child)
    return group

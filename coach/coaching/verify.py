"""Re-check proposed changes with the rubric: apply one change to the set, check, keep what concerns it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from coach.coaching.proposal import ProposedChange
from coach.coaching.slots import fill_slots
from rubric.analysis import analyse
from rubric.engine import check_okrs
from rubric.models import CheckResult, Finding
from rubric.policy import Policy

Draft = list[tuple[str, list[str]]]
Place = tuple[int | None, int | None]
# Objective findings about its key results, which a new title cannot fix (another change may).
_ABOUT_KEY_RESULTS = frozenset({"objective-without-key-results", "too-few-key-results", "too-many-key-results"})


@dataclass(frozen=True, slots=True)
class Verdict:
    verified: bool
    findings: list[Finding]  # what the rubric still finds where the change applies
    fixes: list[str]  # rule ids found there before and gone after
    assumptions: list[str]  # numbers and dates in the change that the draft does not state


def draft_of(result: CheckResult) -> Draft:
    return [(o.title, [k.text for k in o.key_results]) for o in result.okrs.objectives]


def change_problem(change: ProposedChange, draft: Draft) -> str | None:
    """Why a change cannot apply to this draft (bad index, wrong number of texts), or None."""
    if not 0 <= change.objective < len(draft):
        return f"objective {change.objective} does not exist"
    key_results = draft[change.objective][1]
    if change.key_result is not None and not 0 <= change.key_result < len(key_results):
        return f"key result {change.key_result} of objective {change.objective} does not exist"
    expected = {"rewrite": (1, 1), "split": (2, 10), "add-key-result": (1, 10), "remove": (0, 0)}[change.action]
    if not expected[0] <= len(change.texts) <= expected[1] or any(not t.strip() for t in change.texts):
        return f"'{change.action}' needs {expected[0]}-{expected[1]} non-empty texts, got {len(change.texts)}"
    if change.action == "split" and change.key_result is None:
        return "only a key result can be split"
    if change.action == "add-key-result" and change.key_result is not None:
        return "add-key-result applies to an objective (key_result must be null)"
    return None


def verify(
    change: ProposedChange, result: CheckResult, policy: Policy, removed_objectives: Collection[int] = ()
) -> Verdict:
    """Check the draft with `change` applied (slots filled by samples) where the change applies.

    Objective removals are meant together ("keep three of these seven"), so removing one objective
    is checked with all of `removed_objectives` gone too.
    """
    draft = draft_of(result)
    revised, places = _apply(change, draft, [fill_slots(t) for t in change.texts], removed_objectives)
    after = check_okrs(result.okrs.cycle, revised, policy).findings
    remaining = [f for f in after if (f.objective, f.key_result) in places]
    if change.action == "rewrite" and change.key_result is None:
        remaining = [f for f in remaining if f.rule not in _ABOUT_KEY_RESULTS]
    before = {f.rule for f in result.findings if (f.objective, f.key_result) in _original_places(change)}
    fixes = sorted(before - {f.rule for f in remaining})
    return Verdict(
        verified=not any(f.severity == "error" for f in remaining),
        findings=remaining,
        fixes=fixes,
        assumptions=_new_values(change, draft),
    )


def _apply(
    change: ProposedChange, draft: Draft, texts: list[str], removed_objectives: Collection[int]
) -> tuple[Draft, set[Place]]:
    o, k = change.objective, change.key_result
    if change.action == "remove" and k is None:
        gone = {o, *removed_objectives}
        return [(title, krs) for i, (title, krs) in enumerate(draft) if i not in gone], {(None, None)}
    revised = [(title, list(krs)) for title, krs in draft]
    krs = revised[o][1]
    if change.action == "remove":
        assert k is not None  # removing a whole objective returned above
        del krs[k]
        return revised, {(None, None), (o, None)}
    if change.action == "add-key-result":
        start = len(krs)
        krs.extend(texts)
        return revised, {(o, None), *((o, start + i) for i in range(len(texts)))}
    if k is None:
        revised[o] = (texts[0], krs)
        return revised, {(o, None)}
    krs[k : k + 1] = texts
    return revised, {(o, k + i) for i in range(len(texts))}


def _original_places(change: ProposedChange) -> set[Place]:
    if change.action == "remove":
        return {(None, None), (change.objective, change.key_result)}
    return {(change.objective, change.key_result)}


def _new_values(change: ProposedChange, draft: Draft) -> list[str]:
    """Quantities and time expressions in the change that appear nowhere in the draft."""
    title, krs = draft[change.objective]
    stated = " ".join([title, *krs]).casefold()
    notes: list[str] = []
    for text in change.texts:
        facts = analyse(text)
        for number in facts.numbers:
            if number.text.casefold() not in stated:
                notes.append(f"'{number.text}' is the coach's number, not yours: confirm or replace it.")
        for start, end in facts.time_spans:
            if text[start:end].casefold() not in stated:
                notes.append(f"'{text[start:end]}' is the coach's date or period, not yours: confirm it.")
    return list(dict.fromkeys(notes))

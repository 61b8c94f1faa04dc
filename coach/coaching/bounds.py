"""Bounds on what the model hands back, applied before anything else reads it.

A model, or a prompt injection in a draft, can answer with megabytes of rationale, thousands of
changes or the coach's own instructions. Lists are capped at what the set can use (each change
and advisory is then verified, which costs a rubric run), free texts are clipped, and a proposed
text longer than the item limit, far longer than the text it replaces, or repeating the system
prompt is dropped rather than verified. Warnings are deduplicated and capped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.coaching.proposal import Proposal, ProposedChange
from rubric.models import CheckResult

RATIONALE_CHARS = 500  # a rationale is one sentence
NOTE_CHARS = 300  # an assumption or a KPI link's reason is one line
MAX_ASSUMPTIONS = 10
MAX_WARNINGS = 10
GROWTH, SLACK = 4, 200  # a rewrite may be up to 4x its original plus 200 characters (slots make texts longer)
ECHO_WORDS = 10  # this many words in a row from the system prompt is an echo, not a coincidence
_WORD = re.compile(r"\w+")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def item_count(result: CheckResult) -> tuple[int, int]:
    """(objectives + key results, key results) of the checked set."""
    key_results = sum(len(o.key_results) for o in result.okrs.objectives)
    return len(result.okrs.objectives) + key_results, key_results


def capped(values: list, limit: int, what: str, warnings: list[str]) -> list:
    """The first `limit` of `values`, with a warning when there were more."""
    if len(values) > limit:
        warnings.append(f"The model proposed {len(values)} {what} for a set of this size; only the first "
                        f"{limit} were read.")
    return values[:limit]


def bounded_proposal(proposal: Proposal, result: CheckResult, warnings: list[str]) -> Proposal:
    """`proposal` with each list capped at what the set can use and its free texts clipped."""
    items, key_results = item_count(result)
    changes = [bounded_change(c) for c in capped(proposal.changes, items, "changes", warnings)]
    links = [link.model_copy(update={"reason": clip(link.reason, NOTE_CHARS)})
             for link in capped(proposal.kpi_links, key_results, "KPI links", warnings)]
    findings = capped(proposal.findings, items + 1, "advisory findings", warnings)  # +1: the set itself
    return Proposal.model_construct(changes=changes, kpi_links=links, findings=findings)


def bounded_change(change: ProposedChange) -> ProposedChange:
    return change.model_copy(update={
        "rationale": clip(change.rationale, RATIONALE_CHARS),
        "assumptions": [clip(a, NOTE_CHARS) for a in change.assumptions[:MAX_ASSUMPTIONS]],
    })


def text_problem(change: ProposedChange, original: str | None, max_chars: int, system_prompt: str) -> str | None:
    """Why the change's texts cannot be suggested (too long, or an echo of the prompt), or None."""
    for text in change.texts:
        if len(text) > max_chars:
            return f"a proposed text has {len(text)} characters; the limit is {max_chars}"
        if original is not None and len(text) > GROWTH * len(original) + SLACK:
            return (f"a proposed text is far longer than the one it replaces ({len(text)} characters for "
                    f"{len(original)})")
        if _echoes(text, system_prompt):
            return "a proposed text repeats the coach's instructions (is there an instruction in the draft?)"
    return None


def _echoes(text: str, prompt: str) -> bool:
    words = _WORD.findall(text.casefold())
    runs = _runs(prompt)
    return any(tuple(words[i: i + ECHO_WORDS]) in runs for i in range(len(words) - ECHO_WORDS + 1))


@lru_cache(maxsize=4)
def _runs(prompt: str) -> frozenset[tuple[str, ...]]:
    """Every run of `ECHO_WORDS` words in the prompt (the same few prompts come back every call)."""
    words = _WORD.findall(prompt.casefold())
    return frozenset(tuple(words[i: i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1))


def bounded_warnings(warnings: list[str]) -> list[str]:
    """Each warning once, at most `MAX_WARNINGS`, the last saying how many more there were."""
    unique = list(dict.fromkeys(warnings))
    if len(unique) <= MAX_WARNINGS:
        return unique
    return [*unique[: MAX_WARNINGS - 1], f"...and {len(unique) - MAX_WARNINGS + 1} more warnings like these."]

"""Run the registered rules over an OKR set and turn their hits into located findings."""

from __future__ import annotations

from collections.abc import Sequence

from rubric.analysis import analyse, describe
from rubric.caching import short_text_cache
from rubric.draft import ParsedDraft
from rubric.models import (
    SEVERITY_ORDER,
    CheckResult,
    Finding,
    IgnoredLine,
    KeyResult,
    KeyResultAnalysis,
    Objective,
    OKRSet,
    Severity,
    Summary,
    rubric_finding,
    unvalidated,
)
from rubric.parser import parse_text
from rubric.policy import Policy, Thresholds
from rubric.registry import (
    Hit,
    KeyResultInContextRule,
    KeyResultRule,
    ObjectiveRule,
    Rule,
    SetRule,
    active_rules,
    all_rules,
)
from rubric.spans import SourceText
from rubric.views import Item, KeyResultView, ObjectiveView, SetView

DEFAULT_POLICY = Policy()


def _item(text: str, source: SourceText | None, due: str | None = None) -> Item:
    return Item(text, source, analyse(text), due)


def check_text(text: str, policy: Policy | None = None, cycle: str | None = None, *,
               analysis: bool = True) -> CheckResult:
    """Parse a free-text draft and check it; findings carry spans in `text` (code points).

    `analysis=False` leaves the key results' analysis out of the reply (batch reviews do not
    show it, and building it is a sizeable share of the cost).
    """
    return check_draft(parse_text(text), policy, cycle, analysis=analysis)


def check_draft(draft: ParsedDraft, policy: Policy | None = None, cycle: str | None = None, *,
                analysis: bool = True) -> CheckResult:
    """Check a draft `parse_text` already parsed (callers that size-check the draft first)."""
    objectives = [
        ObjectiveView(
            i, _item(o.title.text, o.title),
            [KeyResultView(j, _item(k.text, k, k.due.text if k.due else None)) for j, k in enumerate(o.key_results)],
        )
        for i, o in enumerate(draft.objectives)
    ]
    return _run(cycle or draft.cycle, objectives, policy or DEFAULT_POLICY, analysis, draft.ignored)


def check_okrs(cycle: str | None, objectives: Sequence[tuple[str, Sequence[str]]],
               policy: Policy | None = None, *, analysis: bool = True) -> CheckResult:
    """Check a structured set given as (title, [key result texts]) pairs (`analysis` as in `check_text`)."""
    views = [
        ObjectiveView(i, _item(title, None), [KeyResultView(j, _item(k, None)) for j, k in enumerate(krs)])
        for i, (title, krs) in enumerate(objectives)
    ]
    return _run(cycle, views, policy or DEFAULT_POLICY, analysis, [])


def _run(cycle: str | None, objectives: list[ObjectiveView], policy: Policy, analysis: bool,
         ignored: list[IgnoredLine]) -> CheckResult:
    okrs = SetView(cycle, objectives, policy.thresholds)
    pairs = list(okrs.key_results())
    findings: list[Finding] = []
    local: dict[str, Severity | None] = {}  # key-result rule id -> its severity override
    for rule in active_rules(policy):
        severity = policy.severity.get(rule.id)
        found: list[tuple[Hit, int | None, int | None]]
        if isinstance(rule, SetRule):
            found = [(hit, hit.objective, hit.key_result) for hit in rule.check(okrs)]
        elif isinstance(rule, ObjectiveRule):
            found = [(hit, o.index, None) for o in objectives for hit in rule.check(o, okrs)]
        elif isinstance(rule, KeyResultInContextRule):
            found = [(hit, o.index, k.index) for o, k in pairs for hit in rule.check(k.item, o, okrs)]
        elif isinstance(rule, KeyResultRule):
            local[rule.id] = severity  # its key-result hits come from `local_hits`, below
            found = [(hit, o.index, None) for o in objectives if rule.objectives
                     for hit in rule.check(o.item, policy.thresholds)]
        else:  # team rules run over a whole batch (rubric.team)
            continue
        findings.extend(_finding(rule, hit, o, k, okrs, severity) for hit, o, k in found)
    if local:
        for objective, key_result in pairs:
            for rule, hit in local_hits(key_result.text, policy.thresholds):
                if rule.id in local:
                    findings.append(_finding(rule, hit, objective.index, key_result.index, okrs, local[rule.id]))
    findings.sort(key=finding_order)
    return unvalidated(CheckResult, {
        "okrs": _contract(cycle, objectives, analysis), "findings": findings, "summary": _summary(findings, objectives),
        "ignored": ignored,
    })


@short_text_cache(maxsize=16384)
def local_hits(text: str, thresholds: Thresholds) -> tuple[tuple[Rule, Hit], ...]:
    """The hits of every `@key_result_rule` on one key result, once per text and thresholds.

    Hits are immutable and carry no index, so a key result seen before (the unchanged lines of a
    draft being re-checked as someone types, the same key result in many owners' sets) costs a
    lookup. Such rules only receive the key result and the thresholds, so nothing else can matter.
    """
    item = _item(text, None)
    return tuple((rule, hit) for rule in all_rules().values() if isinstance(rule, KeyResultRule)
                 for hit in rule.check(item, thresholds))


def _finding(rule: Rule, hit: Hit, objective: int | None, key_result: int | None, okrs: SetView,
             severity_override: Severity | None) -> Finding:
    anchor_objective, anchor_key_result = hit.anchor or (objective, key_result)
    item = _locate(okrs, anchor_objective, anchor_key_result) if anchor_objective is not None else None
    start = end = excerpt = None
    if item is not None:
        local_end = hit.end if hit.end is not None else len(item.text)
        # A finding on the whole item underlines its words, not a tag or owner before them ("[P1] ").
        local_start = hit.start if hit.start is not None else min(item.facts.content[0], local_end)
        excerpt = item.text[local_start:local_end]
        if item.source is not None:
            start, end = item.source.to_source(local_start, local_end)
    return rubric_finding(rule.id, severity_override or hit.severity or rule.severity, rule.level, hit.message,
                          rule.hint, objective, key_result, start, end, excerpt)


def _locate(okrs: SetView, objective: int, key_result: int | None) -> Item:
    view = okrs.objectives[objective]
    return view.item if key_result is None else view.key_results[key_result].item


def finding_order(finding: Finding) -> tuple:
    """Sort key: set findings first, then by objective, key result, severity and rule id."""
    return (
        -1 if finding.objective is None else finding.objective,
        -1 if finding.key_result is None else finding.key_result,
        SEVERITY_ORDER[finding.severity],
        finding.rule,
    )


def _contract(cycle: str | None, objectives: list[ObjectiveView], analysis: bool) -> OKRSet:
    return unvalidated(OKRSet, {"cycle": cycle, "objectives": [
        unvalidated(Objective, {"title": o.title, "start": _start(o.item), "end": _end(o.item),
                                "key_results": [_key_result(k, analysis) for k in o.key_results]})
        for o in objectives
    ]})


_NO_ANALYSIS = KeyResultAnalysis()


def _key_result(view: KeyResultView, analysis: bool) -> KeyResult:
    values = {**(describe(view.text) if analysis else _NO_ANALYSIS).__dict__,
              "text": view.text, "start": _start(view.item), "end": _end(view.item), "due": view.item.due}
    values["time"], values["quantities"] = [*values["time"]], [*values["quantities"]]  # the analysis is cached
    return unvalidated(KeyResult, values)


def _start(item: Item) -> int | None:
    return item.source.start if item.source else None


def _end(item: Item) -> int | None:
    return item.source.end if item.source else None


def _summary(findings: list[Finding], objectives: list[ObjectiveView]) -> Summary:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return unvalidated(Summary, {
        "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
        "objectives": len(objectives), "key_results": sum(len(o.key_results) for o in objectives),
    })

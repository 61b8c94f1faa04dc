"""Render the coach's prompts from `prompts/*.j2` in a sandbox; the draft only ever travels as data.

User text is serialised to JSON (with `<` and `>` escaped so it cannot close the data markers) and
passed as a template variable: it is never template source, so `{{ ... }}` in a draft stays text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from coach.coaching.judgements import JUDGEMENTS
from coach.coaching.kpi_links import KpiLinker
from coach.coaching.proposal import Proposal, ProposedChange
from coach.llm.base import Message
from rubric.models import CheckResult, Finding


@lru_cache(maxsize=1)
def _templates() -> SandboxedEnvironment:
    folder = resources.files("coach.coaching") / "prompts"
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(folder)), undefined=StrictUndefined, autoescape=False,
        trim_blocks=True, lstrip_blocks=True,
    )


def data_block(data: object) -> str:
    """JSON that cannot break out of the `<okr-data>` markers."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def coach_messages(result: CheckResult, linker: KpiLinker) -> list[Message]:
    """System rules plus the set, its findings, its analysis and KPI candidates: one call per set."""
    objectives = result.okrs.objectives
    data = {
        "cycle": result.okrs.cycle,
        "objectives": [
            {"objective": i, "title": o.title, "key_results": [
                {"key_result": j, "text": k.text,
                 "analysis": k.model_dump(include={"verb", "direction", "metric", "unit"}) | {
                     "baseline": k.baseline.text if k.baseline else None,
                     "target": k.target.text if k.target else None,
                     "time": [t.text for t in k.time]},
                 "kpi_candidates": [
                     {"id": c.kpi.id, "name": c.kpi.name, "unit": c.kpi.unit, "better": c.kpi.better, "why": c.reason}
                     for c in linker.candidates(k.text)]}
                for j, k in enumerate(o.key_results)]}
            for i, o in enumerate(objectives)
        ],
        "findings": [_finding(f) for f in result.findings],
    }
    return [
        {"role": "system", "content": _templates().get_template("coach_system.j2").render(judgements=JUDGEMENTS)},
        {"role": "user", "content": _templates().get_template("coach_user.j2").render(data=data_block(data))},
    ]


def repair_messages(
    conversation: list[Message], proposal: Proposal, failures: list[tuple[ProposedChange, list[Finding]]]
) -> list[Message]:
    """The first exchange plus the rejected changes and what the rubric still found in them."""
    data = [
        {"change": change.model_dump(), "findings": [_finding(f) for f in findings]} for change, findings in failures
    ]
    return [
        *conversation,
        {"role": "assistant", "content": proposal.model_dump_json()},
        {"role": "user", "content": _templates().get_template("repair_user.j2").render(data=data_block(data))},
    ]


def _finding(finding: Finding) -> dict[str, object]:
    return finding.model_dump(include={"rule", "severity", "objective", "key_result", "message", "hint", "excerpt"})

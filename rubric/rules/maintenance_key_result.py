"""Holding a level is a guardrail or a KPI, not a result to achieve."""

from collections.abc import Iterator

from rubric.policy import Thresholds
from rubric.registry import Hit, key_result_rule
from rubric.views import Item


@key_result_rule(
    "maintenance-key-result", severity="info",
    title="Maintenance key result",
    rationale="A key result that only holds a level is fine as a deliberate guardrail next to ambitious "
    "ones; on its own it is a KPI being tracked, not a result to achieve.",
    hint="Keep it only as a counter-balance to an ambitious key result; otherwise track it as a KPI.",
    good=["Objective: Scale checkout for peak\nKR: Checkout p95 latency from 600 ms to 300 ms by Q4"],
    bad=["Objective: Scale checkout for peak\nKR: Keep p95 checkout latency under 300 ms during peak week"],
)
def check(key_result: Item, thresholds: Thresholds) -> Iterator[Hit]:
    verb = key_result.facts.maintenance
    if verb is not None:
        yield Hit(f"'{verb.text}' only holds a level; that is a KPI or a guardrail.", verb.start, verb.end)

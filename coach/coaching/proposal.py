"""What a coach proposes for one OKR set: the schema the LLM answers in, and the offline coach too.

Indices are 0-based and refer to the draft as checked. Nothing here is trusted: every change is
re-checked by the rubric and every KPI id checked against the catalog before it reaches a user.
Field descriptions are part of the prompt (they travel in the JSON schema), so they speak to the model.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ChangeAction = Literal["rewrite", "split", "add-key-result", "remove"]
JudgementCheck = Literal[
    "vague-objective", "objective-is-task", "vanity-metric", "irrelevant-key-result",
    "insufficient-key-results", "no-counterbalance", "no-data-source",
]


class ProposedChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: ChangeAction = Field(
        ..., description="rewrite: replace one item; split: replace a compound key result by several; "
        "add-key-result: add key results to the objective; remove: drop the item.",
    )
    objective: int = Field(..., description="0-based index of the objective.")
    key_result: int | None = Field(..., description="0-based key result index; null for the objective itself.")
    texts: list[str] = Field(
        ..., description="The new text(s). Unknown values stay as slots: [baseline], [target], [deadline], "
        "<metric, e.g. ...>. Empty for remove.",
    )
    rationale: str = Field(..., description="One sentence: what this fixes and why.")
    assumptions: list[str] = Field(
        ..., description="Every number, date or metric you chose that the draft does not state.",
    )


class ProposedLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    objective: int
    key_result: int
    kpi_id: str | None = Field(..., description="An id from the KPI candidates or catalog; null for a new KPI.")
    new_kpi_name: str | None = Field(..., description="Name of a KPI the catalog lacks; null when kpi_id is set.")
    confidence: float = Field(..., description="0 to 1.")
    reason: str = Field(..., description="One line: why this key result moves this KPI.")


class ProposedFinding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check: JudgementCheck
    objective: int | None = Field(..., description="0-based objective index; null for the whole set.")
    key_result: int | None = Field(..., description="0-based key result index; null for an objective or the set.")
    message: str = Field(..., description="One sentence the author can act on.")


class Proposal(BaseModel):
    """The coach's answer for one OKR set."""

    model_config = ConfigDict(extra="forbid")

    changes: list[ProposedChange]
    kpi_links: list[ProposedLink]
    findings: list[ProposedFinding] = Field(..., description="Advisory judgement checks only.")


class Repair(BaseModel):
    """Second attempts at changes the rubric rejected."""

    model_config = ConfigDict(extra="forbid")

    changes: list[ProposedChange]

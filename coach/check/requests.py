"""Request models of the HTTP API and CLI (the replies are rubric.models)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from coach.check.unicode_input import UnicodeInput
from rubric.models import CheckResult
from rubric.policy import Policy
from rubric.registry import all_rules


def _known_rules(policy: Policy) -> Policy:
    """Unknown rule ids are refused, so a typo does not pass silently."""
    if unknown := policy.unknown_rules(set(all_rules())):
        raise ValueError(f"unknown rule id(s) {unknown}; GET /v1/rules lists the valid ids")
    return policy


RequestPolicy = Annotated[Policy, AfterValidator(_known_rules)]
"""A policy sent with a request (check, coach, review): validated against the rule catalog."""

class KeyResultInput(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str = Field(..., description="The key result as written.")


class ObjectiveInput(BaseModel):
    model_config = ConfigDict(extra="allow")

    title: str = Field(..., description="The objective as written.")
    key_results: list[Annotated[str, Field()] | KeyResultInput] = Field(
        default_factory=list, description="Key results: strings or objects with a 'text' field."
    )

    def key_result_texts(self) -> list[str]:
        return [k if isinstance(k, str) else k.text for k in self.key_results]


class OKRSetInput(BaseModel):
    model_config = ConfigDict(extra="allow")

    cycle: str | None = Field(None, description="The period the set covers, e.g. '2026-Q3'.", max_length=40)
    objectives: list[ObjectiveInput] = Field(default_factory=list)


class CheckRequest(UnicodeInput):
    """Give exactly one of `text` (a draft as people write it) or `okrs` (structured)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"oneOf": [  # exactly one of the two, as `_one_input` checks
            {"required": ["text"], "properties": {"text": {"type": "string"}}},
            {"required": ["okrs"], "properties": {"okrs": {"type": "object"}}},
        ], "examples": [
            {"text": "Objective: Be known in our niche\nKR: Increase brand awareness"},
            {"okrs": {"cycle": "2026-Q3", "objectives": [
                {"title": "Be known in our niche", "key_results": ["Increase brand awareness"]}]}},
        ]},
    )

    text: str | None = Field(None, description="Free-text draft: findings then carry spans.")
    okrs: OKRSetInput | None = Field(None, description="A structured OKR set.")
    cycle: str | None = Field(None, description="The set's cycle, if the draft does not state it.", max_length=40)
    policy: RequestPolicy | None = Field(None, description="Per-request policy: disable rules, change severities, "
                                         "thresholds.")

    @model_validator(mode="after")
    def _one_input(self) -> CheckRequest:
        if (self.text is None) == (self.okrs is None):
            raise ValueError("give exactly one of 'text' (a free-text draft) or 'okrs' (a structured set)")
        return self


class CheckResponse(CheckResult):
    """The check result; findings of text input also carry UTF-16 `offset`/`length`."""

    rubric_version: str = Field(..., description="Version of the rule catalog that produced the findings.")

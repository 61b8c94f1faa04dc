"""Policy: which rules run, at what severity, with which thresholds.

Every threshold in the catalog is a field here, so an organisation can tune the rubric without
touching code: per request (`policy` in the body) or for a whole server (a policy file).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from rubric.models import Severity


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # hashable: the engine caches hits per thresholds
    # Strict numbers: "3", true or 3.0 are not a count (the JSON schema says integer, and so does the server).

    max_objectives: StrictInt = Field(3, ge=0, description="More objectives than this is a warning.")
    max_objectives_error: StrictInt = Field(5, ge=0, description="More objectives than this is an error.")
    max_key_results_total: StrictInt = Field(12, ge=0, description="Key results per set before a warning.")
    max_key_results: StrictInt = Field(5, ge=0, description="Key results per objective before a warning.")
    min_key_results: StrictInt = Field(2, ge=1, description="Fewer key results than this (but some) is info.")
    max_objective_words: StrictInt = Field(20, ge=1)
    max_objective_sentences: StrictInt = Field(1, ge=1)
    duplicate_similarity: StrictFloat = Field(0.8, gt=0, le=1, description="Word overlap that counts as duplicate.")
    restate_similarity: StrictFloat = Field(0.6, gt=0, le=1, description="Word overlap that counts as restating.")
    unrealistic_ratio: StrictFloat = Field(5.0, gt=1, description="Target/baseline ratio (or its inverse) flagged.")
    unrealistic_change_percent: StrictFloat = Field(400.0, gt=0, description="Relative change in % flagged.")
    unrealistic_multiplier: StrictFloat = Field(5.0, gt=1, description="Explicit multiplier (5x) flagged.")


class Policy(BaseModel):
    """Rule selection and thresholds. Unknown rule ids are rejected so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid")

    disable: list[str] = Field(default_factory=list, description="Rule ids that do not run.")
    enable_only: list[str] | None = Field(None, description="If given, only these rule ids run.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="Rule id -> severity override.")
    thresholds: Thresholds = Field(default_factory=Thresholds)

    def merged_with(self, override: Policy | None) -> Policy:
        """This policy with a request's policy on top (request wins; lists are combined)."""
        if override is None:
            return self
        thresholds = self.thresholds.model_copy(update=override.thresholds.model_dump(exclude_unset=True))
        return Policy(
            disable=sorted(set(self.disable) | set(override.disable)),
            enable_only=override.enable_only if override.enable_only is not None else self.enable_only,
            severity={**self.severity, **override.severity},
            thresholds=thresholds,
        )

    def unknown_rules(self, known: set[str]) -> list[str]:
        named = set(self.disable) | set(self.severity) | set(self.enable_only or ())
        return sorted(named - known)


def load_policy(path: Path) -> Policy:
    """Read a policy file (JSON or TOML)."""
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8")) if path.suffix == ".toml" else json.loads(raw)
    return Policy.model_validate(data)

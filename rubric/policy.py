"""Policy: which rules run, at what severity, with which thresholds.

Every threshold in the catalog is a field here, so an organisation can tune the rubric without
touching code: per request (`policy` in the body) or for a whole server (a policy file).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Collection
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, ValidationError

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

    def unknown_rules(self, known: set[str]) -> list[str]:
        named = set(self.disable) | set(self.severity) | set(self.enable_only or ())
        return sorted(named - known)


def effective_policy(server: Policy, request: Policy | None) -> Policy:
    """The server's policy with a request's policy on top (request wins; disabled lists are combined).

    The one place policies merge: /v1/check, /v1/coach, reviews and the CLI all call it.
    """
    if request is None:
        return server
    thresholds = server.thresholds.model_copy(update=request.thresholds.model_dump(exclude_unset=True))
    return Policy(
        disable=sorted(set(server.disable) | set(request.disable)),
        enable_only=request.enable_only if request.enable_only is not None else server.enable_only,
        severity={**server.severity, **request.severity},
        thresholds=thresholds,
    )


class PolicyFileError(ValueError):
    """A policy file that cannot be used; the message names the file and the problem."""


def load_policy(path: Path, known_rules: Collection[str]) -> Policy:
    """Read and validate a policy file (JSON, or TOML by its suffix): syntax, fields and rule ids."""
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw) if path.suffix == ".toml" else json.loads(raw)
    except OSError as exc:
        raise PolicyFileError(f"policy file {path}: cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise PolicyFileError(f"policy file {path}: is not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise PolicyFileError(f"policy file {path}: not valid JSON: {exc.msg} at line {exc.lineno} column "
                              f"{exc.colno}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PolicyFileError(f"policy file {path}: not valid TOML: {exc}") from exc
    try:
        return policy_from_data(data, known_rules)
    except ValueError as exc:
        raise PolicyFileError(f"policy file {path}: {exc}") from exc


def policy_from_data(data: object, known_rules: Collection[str], *, top: str = "top level") -> Policy:
    """A policy read from a file's data, or a ValueError saying each problem: a field (named by its
    path, `top` for the whole) or rule ids the catalog does not know."""
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise ValueError("; ".join(f"{'.'.join(map(str, e['loc'])) or top}: {e['msg']}" for e in exc.errors())) \
            from exc
    if unknown := policy.unknown_rules(set(known_rules)):
        raise ValueError(f"unknown rule id(s) {unknown}; `okr-coach rules` lists the valid ids")
    return policy

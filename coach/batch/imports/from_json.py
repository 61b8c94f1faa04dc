"""JSON uploads: a list of OKR sets with owner/team, or {"sets": [...], "company_objectives": [...]}.

Each set is checked on its own: a set or objective that does not fit becomes a `RowError` naming
where (sets.2.objectives.0.title), and the others are reviewed.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.batch.imports.problems import ImportFailure
from coach.batch.models import CompanyObjectiveInput, ImportResult, RowError, Submission, SubmittedObjective
from coach.check import requests
from coach.check.unicode_input import lone_surrogate_path, surrogate_message


class AlignedObjectiveInput(requests.ObjectiveInput):
    """An objective of a reviewed set: it may name its company (parent) objective."""

    parent: str | None = Field(None, description="The company objective it aligns to (its id or title).")


class SubmissionInput(BaseModel):
    """One owner's set: structured `objectives`, or a free-text draft in `text`."""

    model_config = ConfigDict(extra="allow")

    owner: str | None = None
    team: str | None = None
    cycle: str | None = Field(None, max_length=40)
    objectives: list[AlignedObjectiveInput] = Field(default_factory=list)
    text: str | None = None


def parse_json(text: str, field: str) -> Any:
    """JSON of an upload, or an ImportFailure naming `field`: where the syntax breaks, or which
    string holds a lone surrogate (it could not be written back out)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(field, f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from exc
    if (path := lone_surrogate_path(data)) is not None:
        raise ImportFailure(field, surrogate_message(path) + ".")
    return data


def import_json(text: str) -> ImportResult:
    data = parse_json(text, "file")
    company: list[Any] = []
    if isinstance(data, dict):
        company = data.get("company_objectives") or []
        data = data.get("sets")
    if not isinstance(data, list):
        raise ImportFailure("file", "Expected a JSON list of OKR sets, or an object with a 'sets' list.")
    result = import_sets(data)
    result.company_objectives = [CompanyObjectiveInput.model_validate(c if isinstance(c, dict) else {"title": c})
                                 for c in company]
    return result


def import_sets(items: list[Any]) -> ImportResult:
    """Validate each set on its own; drop (and report) the parts that cannot be reviewed."""
    submissions: list[Submission] = []
    errors: list[RowError] = []
    for index, item in enumerate(items):
        try:
            submitted = SubmissionInput.model_validate(item)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(p) for p in ("sets", index, *error["loc"]))
                errors.append(RowError(location=where, message=f"{where}: {error['msg']}; this set was skipped."))
            continue
        if (submission := _submission(submitted, index, errors)) is not None:
            submissions.append(submission)
    return ImportResult(submissions=submissions, errors=errors)


def _submission(submitted: SubmissionInput, index: int, errors: list[RowError]) -> Submission | None:
    objectives = []
    for o, objective in enumerate(submitted.objectives):
        where = f"sets.{index}.objectives.{o}"
        if objective.title.strip():
            texts = objective.key_result_texts()
            objectives.append(SubmittedObjective(title=objective.title.strip(), parent=objective.parent,
                                                 key_results=[t.strip() for t in texts if t.strip()]))
        elif any(text.strip() for text in objective.key_result_texts()):
            errors.append(RowError(location=where, message=f"{where}: key results without an objective (the title "
                                   "is empty); write the objective they belong to."))
        else:
            errors.append(RowError(location=where, message=f"{where}: empty objective; write it or remove it."))
    text = submitted.text if submitted.text and submitted.text.strip() else None
    if not objectives and text is None:
        if not submitted.objectives:
            errors.append(RowError(location=f"sets.{index}", message=f"sets.{index}: no objectives and no text; "
                                   "give 'objectives' or a free-text 'text' draft."))
        return None
    return Submission(owner=submitted.owner, team=submitted.team, cycle=submitted.cycle,
                      objectives=objectives, text=None if objectives else text)

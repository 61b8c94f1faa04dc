"""The contract: pydantic models shared by the engine, the API, the CLI's JSON and the reports."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
Level = Literal["set", "objective", "key_result", "team"]  # "team": rubric/team.py, across a batch
Unit = Literal["percent", "currency", "count", "time", "ratio"]
Direction = Literal["up", "down", "unspecified", "hold"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Quantity(BaseModel):
    """A number found in a key result, with its position inside the key result's text."""

    text: str
    value: float
    unit: Unit
    currency: str | None = Field(None, description="ISO code for currency amounts, e.g. USD.")
    unit_label: str | None = Field(None, description="The unit word as written: 'ms', 'days', 'kg'.")
    scale: float | None = Field(None, description="Top of the scale for ratings such as 4.5/5.")
    comparator: Literal["<", "<=", ">", ">="] | None = None
    kind: Literal["level", "change", "multiplier"] = Field(
        "level", description="'level' is a value to reach, 'change' a relative move (by 20%), "
        "'multiplier' a factor (2x, double).",
    )
    start: int
    end: int


class TimeExpression(BaseModel):
    text: str
    start: int
    end: int


class KeyResultAnalysis(BaseModel):
    """What the engine reads out of one key result; clients and the LLM layer build on it."""

    verb: str | None = Field(None, description="The leading verb as written, if any.")
    direction: Direction | None = Field(None, description="The direction the verb asks for.")
    metric: str | None = Field(None, description="The thing measured, without verb, numbers and dates.")
    baseline: Quantity | None = None
    target: Quantity | None = None
    unit: Unit | None = None
    time: list[TimeExpression] = Field(default_factory=list, description="Deadlines, periods, windows.")
    quantities: list[Quantity] = Field(default_factory=list, description="Every quantity that is not time.")


class KeyResult(KeyResultAnalysis):
    text: str
    start: int | None = Field(None, description="Code-point offset in the submitted text (text input only).")
    end: int | None = None
    due: str | None = Field(None, description="The deadline written beside the key result (a table's Due "
                            "column, text input only); it counts as the key result's time frame.")


class Objective(BaseModel):
    title: str
    start: int | None = Field(None, description="Code-point offset in the submitted text (text input only).")
    end: int | None = None
    key_results: list[KeyResult] = Field(default_factory=list)


class OKRSet(BaseModel):
    cycle: str | None = None
    objectives: list[Objective] = Field(default_factory=list)


class Finding(BaseModel):
    """One problem the rubric found, located by index and, for text input, by span."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    severity: Severity
    level: Level
    message: str
    hint: str
    objective: int | None = Field(None, description="0-based objective index; null for set findings.")
    key_result: int | None = Field(None, description="0-based key result index within the objective.")
    source: Literal["rubric", "llm"] = "rubric"
    start: int | None = Field(None, description="Code-point offset of the span in the submitted text.")
    end: int | None = Field(None, description="Code-point end offset (exclusive).")
    offset: int | None = Field(None, description="UTF-16 offset of the span, as JavaScript strings count.")
    length: int | None = Field(None, description="UTF-16 length of the span.")
    excerpt: str | None = Field(None, description="The offending words.")


def rubric_finding(rule: str, severity: Severity, level: Level, message: str, hint: str, objective: int | None,
                   key_result: int | None, start: int | None = None, end: int | None = None,
                   excerpt: str | None = None) -> Finding:
    """A finding of the rubric's own rules, built without validation: the engine makes ~20 per set
    from values it controls, and validating each took longer than the rule that found it."""
    return unvalidated(Finding, {
        "rule": rule, "severity": severity, "level": level, "message": message, "hint": hint,
        "objective": objective, "key_result": key_result, "source": "rubric", "start": start, "end": end,
        "offset": None, "length": None, "excerpt": excerpt,
    })


ModelT = TypeVar("ModelT", bound=BaseModel)


def unvalidated(model: type[ModelT], values: dict[str, Any]) -> ModelT:
    """What pydantic's `model_construct` does, without its per-field default lookup (which made it
    slower than validating): for the engine's own output only. `values` must hold every field, in
    declaration order (tests compare such models with validated copies)."""
    instance = model.__new__(model)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


class Summary(BaseModel):
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    objectives: int = 0
    key_results: int = 0


IgnoreReason = Literal[
    "heading", "cycle", "label", "initiative", "note", "comment", "separator", "table-header", "table-separator",
    "table-row", "unparsed",
]


class IgnoredLine(BaseModel):
    """A non-empty line of the submitted text that is no objective or key result, and why: nothing
    the user typed is dropped without a word."""

    line: int = Field(..., description="1-based line number (lines end at \\n, \\r\\n or \\r).")
    start: int = Field(..., description="Code-point offset of the line's text, without outer whitespace.")
    end: int = Field(..., description="Code-point end offset (exclusive).")
    offset: int | None = Field(None, description="UTF-16 offset of `start` (set at the API boundary, for JavaScript).")
    length: int | None = Field(None, description="UTF-16 length of the line's text.")
    text: str
    reason: IgnoreReason = Field(..., description=(
        "heading: a title or section heading; cycle: the heading that names the cycle; label: a label with no "
        "item of its own ('Key Results:'); initiative: work planned under a key result; note: notes, owners, "
        "statuses and details; comment: prose around the set; separator: a rule or an empty bullet; "
        "table-header, table-separator, table-row: parts of a table that hold no item; unparsed: the parser failed."
    ))


class CheckResult(BaseModel):
    okrs: OKRSet
    findings: list[Finding]
    summary: Summary
    # A plain default, not default_factory=list: pydantic inspects a factory's signature on every
    # model_construct that leaves the field out, which cost ~0.1 ms per /v1/check reply.
    ignored: list[IgnoredLine] = Field([], description=(
        "Every non-empty line of a text draft that became no objective or key result, with the reason "
        "(empty for structured input)."))

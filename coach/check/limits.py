"""Size limits on what one request may ask the rubric to read (413 above them), checked before any work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coach.check.requests import OKRSetInput
from coach.core.settings import Settings
from rubric.draft import ParsedDraft


@dataclass(frozen=True, slots=True)
class InputLimits:
    max_text_chars: int = 100_000
    max_objectives: int = 50
    max_key_results: int = 50
    max_item_chars: int = 2_000

    @classmethod
    def from_settings(cls, settings: Settings) -> InputLimits:
        return cls(settings.max_text_chars, settings.max_objectives, settings.max_key_results,
                   settings.max_item_chars)


class LimitExceeded(Exception):
    """The request is larger than the server accepts (HTTP 413)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def enforce_counts(key_results: list[int], limits: InputLimits, field: Callable[[int | None], str]) -> None:
    """413 when there are too many objectives, or too many key results under one; `key_results` holds one
    count per objective, and `field(index)` names the offending field (None: the objectives)."""
    if len(key_results) > limits.max_objectives:
        raise LimitExceeded(field(None), f"{len(key_results)} objectives; the limit is {limits.max_objectives}")
    for index, count in enumerate(key_results):
        if count > limits.max_key_results:
            raise LimitExceeded(
                field(index),
                f"objective {index + 1} has {count} key results; the limit is {limits.max_key_results} per objective",
            )


def enforce_input_limits(okrs: OKRSetInput, limits: InputLimits) -> None:
    """The structured input's counts and item lengths, named by their JSON path."""
    texts = [objective.key_result_texts() for objective in okrs.objectives]
    enforce_counts([len(t) for t in texts], limits,
                   lambda i: "okrs.objectives" if i is None else f"okrs.objectives.{i}.key_results")
    for i, (objective, key_results) in enumerate(zip(okrs.objectives, texts, strict=True)):
        for j, text in enumerate([objective.title, *key_results]):
            if len(text) > limits.max_item_chars:
                where = f"okrs.objectives.{i}." + ("title" if j == 0 else f"key_results.{j - 1}")
                raise LimitExceeded(where, f"{len(text)} characters; the limit is {limits.max_item_chars}")


def enforce_item_lengths(text: str, draft: ParsedDraft, limits: InputLimits) -> None:
    """413 when one objective or key result of a text draft is longer than an item may be (as for
    structured input): a 50 KB 'key result' is a paste gone wrong, and reading it costs time."""
    for i, objective in enumerate(draft.objectives):
        for j, item in enumerate([objective.title, *objective.key_results]):
            if len(item.text) > limits.max_item_chars:
                what = f"objective {i + 1}" + ("" if j == 0 else f", key result {j}")
                line = text.count("\n", 0, item.start) + 1
                raise LimitExceeded("text", f"{what} (line {line}) has {len(item.text)} characters; the limit is "
                                    f"{limits.max_item_chars} per objective or key result")

"""Run a check request: limits, policy merge, the engine, and UTF-16 offsets at the boundary."""

from __future__ import annotations

from collections.abc import Callable

from coach import __version__
from coach.check.requests import CheckRequest, CheckResponse, OKRSetInput
from coach.core.settings import Settings
from rubric.engine import check_draft, check_okrs
from rubric.models import CheckResult
from rubric.parser import parse_text
from rubric.spans import Utf16Index


class LimitExceeded(Exception):
    """The request is larger than the server accepts (HTTP 413)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def check_request(request: CheckRequest, settings: Settings) -> CheckResponse:
    """Check one request against the server's limits and policy (limits first: no work on oversized input)."""
    policy = settings.policy.merged_with(request.policy)
    if request.text is not None:
        if len(request.text) > settings.max_text_chars:
            raise LimitExceeded(
                "text", f"text has {len(request.text)} characters; the limit is {settings.max_text_chars}"
            )
        draft = parse_text(request.text)
        enforce_counts([len(o.key_results) for o in draft.objectives], settings, lambda _: "text")
        return respond(check_draft(draft, policy, request.cycle), request.text)
    okrs = request.okrs
    assert okrs is not None
    enforce_input_limits(okrs, settings)
    pairs = [(o.title, o.key_result_texts()) for o in okrs.objectives]
    return respond(check_okrs(request.cycle or okrs.cycle, pairs, policy), None)


def enforce_counts(key_results: list[int], settings: Settings, field: Callable[[int | None], str]) -> None:
    """413 when there are too many objectives, or too many key results under one; `key_results` holds one
    count per objective, and `field(index)` names the offending field (None: the objectives)."""
    if len(key_results) > settings.max_objectives:
        raise LimitExceeded(field(None), f"{len(key_results)} objectives; the limit is {settings.max_objectives}")
    for index, count in enumerate(key_results):
        if count > settings.max_key_results:
            raise LimitExceeded(
                field(index),
                f"objective {index + 1} has {count} key results; the limit is {settings.max_key_results} per objective",
            )


def enforce_input_limits(okrs: OKRSetInput, settings: Settings) -> None:
    """The structured input's counts and item lengths, named by their JSON path."""
    texts = [objective.key_result_texts() for objective in okrs.objectives]
    enforce_counts([len(t) for t in texts], settings,
                   lambda i: "okrs.objectives" if i is None else f"okrs.objectives.{i}.key_results")
    for i, (objective, key_results) in enumerate(zip(okrs.objectives, texts, strict=True)):
        for j, text in enumerate([objective.title, *key_results]):
            if len(text) > settings.max_item_chars:
                where = f"okrs.objectives.{i}." + ("title" if j == 0 else f"key_results.{j - 1}")
                raise LimitExceeded(where, f"{len(text)} characters; the limit is {settings.max_item_chars}")


def respond(result: CheckResult, text: str | None) -> CheckResponse:
    """The API reply: code-point spans converted once to UTF-16 offsets for JavaScript clients."""
    if text is not None:
        index = Utf16Index(text)
        for finding in result.findings:
            if finding.start is not None and finding.end is not None:
                finding.offset = index.offset(finding.start)
                finding.length = index.offset(finding.end) - finding.offset
    return CheckResponse.model_construct(
        okrs=result.okrs, findings=result.findings, summary=result.summary, rubric_version=__version__
    )

"""Run a check request: limits, policy merge, the engine, and UTF-16 offsets at the boundary."""

from __future__ import annotations

from coach import __version__
from coach.schemas import CheckRequest, CheckResponse, OKRSetInput
from coach.settings import Settings
from rubric.engine import check_okrs, check_text
from rubric.models import CheckResult
from rubric.spans import Utf16Index


class LimitExceeded(Exception):
    """The request is larger than the server accepts (HTTP 413)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def check_request(request: CheckRequest, settings: Settings) -> CheckResponse:
    """Check one request against the server's limits and policy."""
    policy = settings.policy.merged_with(request.policy)
    if request.text is not None:
        if len(request.text) > settings.max_text_chars:
            raise LimitExceeded(
                "text", f"text has {len(request.text)} characters; the limit is {settings.max_text_chars}"
            )
        result = check_text(request.text, policy, cycle=request.cycle)
        enforce_limits(result, settings)
        return respond(result, request.text)
    okrs = request.okrs
    assert okrs is not None
    enforce_input_limits(okrs, settings)
    pairs = [(o.title, o.key_result_texts()) for o in okrs.objectives]
    result = check_okrs(request.cycle or okrs.cycle, pairs, policy)
    return respond(result, None)


def enforce_input_limits(okrs: OKRSetInput, settings: Settings) -> None:
    if len(okrs.objectives) > settings.max_objectives:
        raise LimitExceeded(
            "okrs.objectives", f"{len(okrs.objectives)} objectives; the limit is {settings.max_objectives}"
        )
    for i, objective in enumerate(okrs.objectives):
        texts = objective.key_result_texts()
        if len(texts) > settings.max_key_results:
            raise LimitExceeded(
                f"okrs.objectives.{i}.key_results",
                f"{len(texts)} key results; the limit is {settings.max_key_results} per objective",
            )
        for j, text in enumerate([objective.title, *texts]):
            if len(text) > settings.max_item_chars:
                where = f"okrs.objectives.{i}." + ("title" if j == 0 else f"key_results.{j - 1}")
                raise LimitExceeded(where, f"{len(text)} characters; the limit is {settings.max_item_chars}")


def enforce_limits(result: CheckResult, settings: Settings) -> None:
    objectives = result.okrs.objectives
    if len(objectives) > settings.max_objectives:
        raise LimitExceeded(
            "text", f"the draft has {len(objectives)} objectives; the limit is {settings.max_objectives}"
        )
    for objective in objectives:
        if len(objective.key_results) > settings.max_key_results:
            raise LimitExceeded(
                "text",
                f"an objective has {len(objective.key_results)} key results; the limit is {settings.max_key_results}",
            )


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

"""Run a check request: limits, policy merge, the engine, and UTF-16 offsets at the boundary."""

from __future__ import annotations

from coach import __version__
from coach.check.limits import (
    InputLimits,
    LimitExceeded,
    enforce_counts,
    enforce_input_limits,
    enforce_item_lengths,
)
from coach.check.requests import CheckRequest, CheckResponse
from rubric.engine import check_draft, check_okrs
from rubric.models import CheckResult
from rubric.parser import parse_text
from rubric.policy import Policy, effective_policy
from rubric.spans import Utf16Index


def check_request(request: CheckRequest, server_policy: Policy, limits: InputLimits) -> CheckResponse:
    """Check one request against the server's limits and policy (limits first: no work on oversized input)."""
    policy = effective_policy(server_policy, request.policy)
    if request.text is not None:
        if len(request.text) > limits.max_text_chars:
            raise LimitExceeded(
                "text", f"text has {len(request.text)} characters; the limit is {limits.max_text_chars}"
            )
        draft = parse_text(request.text)
        enforce_counts([len(o.key_results) for o in draft.objectives], limits, lambda _: "text")
        enforce_item_lengths(request.text, draft, limits)
        return respond(check_draft(draft, policy, request.cycle), request.text)
    okrs = request.okrs
    assert okrs is not None
    enforce_input_limits(okrs, limits)
    pairs = [(o.title, o.key_result_texts()) for o in okrs.objectives]
    return respond(check_okrs(request.cycle or okrs.cycle, pairs, policy), None)


def respond(result: CheckResult, text: str | None) -> CheckResponse:
    """The API reply: code-point spans converted once to UTF-16 offsets for JavaScript clients."""
    if text is not None:
        index = Utf16Index(text)
        for finding in result.findings:
            if finding.start is not None and finding.end is not None:
                finding.offset = index.offset(finding.start)
                finding.length = index.offset(finding.end) - finding.offset
        for line in result.ignored:
            line.offset = index.offset(line.start)
            line.length = index.offset(line.end) - line.offset
    return CheckResponse.model_construct(
        okrs=result.okrs, findings=result.findings, summary=result.summary, ignored=result.ignored,
        rubric_version=__version__,
    )

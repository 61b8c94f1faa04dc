"""One check as linters run it: the service's check plus the draft's inline suppressions."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.check.limits import InputLimits
from coach.check.requests import CheckRequest, CheckResponse
from coach.check.service import check_request
from rubric.models import Finding
from rubric.policy import Policy
from rubric.registry import all_rules
from rubric.suppression import read_directives, suppress


@dataclass(slots=True)
class Linted:
    """The reply, the findings a directive in the draft silenced, and directive rule ids no rule has."""

    response: CheckResponse
    suppressed: list[Finding] = field(default_factory=list)
    unknown_directives: list[str] = field(default_factory=list)


def lint_request(request: CheckRequest, server_policy: Policy, limits: InputLimits) -> Linted:
    """Check `request`; a text draft's `okr-coach: ignore` directives are blanked first and then applied."""
    if request.text is None:
        return Linted(check_request(request, server_policy, limits))
    directives = read_directives(request.text)
    if not directives.by_line:
        return Linted(check_request(request, server_policy, limits))
    response = check_request(request.model_copy(update={"text": directives.text}), server_policy, limits)
    kept, dropped = suppress(response, directives)
    return Linted(kept, dropped, sorted(directives.named() - set(all_rules())))

"""`okr-coach mcp`: the rubric and the coach as Model Context Protocol tools, on the official SDK.

Each tool's input and output schema is generated from the pydantic models the HTTP API uses
(`CheckRequest` → `CheckResponse`, `CoachRequest` → `CoachResponse`, `Kpi`), so an agent sees the
same contract, field descriptions included, as a client of /v1/check and /v1/coach.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field, ValidationError

from coach import __version__
from coach.check.limits import InputLimits, LimitExceeded
from coach.check.requests import CheckRequest, CheckResponse
from coach.coaching.schemas import CoachRequest, CoachResponse
from coach.coaching.session import coach_request
from coach.core.settings import Settings
from coach.interop.linting import lint_request
from coach.llm import client_from_settings
from rubric.catalog import RuleDoc, rule_docs
from rubric.kpis import Kpi

INSTRUCTIONS = (
    "OKR Coach critiques OKR drafts (objectives and key results) against a deterministic rubric. Call "
    "check_okrs with a free-text draft in `text` (one 'Objective:' line, its key results below as '- ' "
    "lines) or a structured set in `okrs`; each finding names a rule, its severity, a message and a hint. "
    "coach_okrs adds verified rewrites and KPI links. list_rules explains the rules; list_kpis lists "
    "the metrics key results can link to."
)


def model_arguments(model: type[BaseModel]) -> inspect.Signature:
    """A keyword-only signature with one parameter per field of `model`, described as the model describes
    it, so the SDK publishes the model's own fields as the tool's flat input schema."""
    parameters = []
    for name, field in model.model_fields.items():
        annotation: Any = field.annotation if field.is_required() else field.annotation | None  # type: ignore[operator]
        described = Annotated[annotation, Field(description=field.description)]  # type: ignore[valid-type]
        parameters.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=described,
                                            default=inspect.Parameter.empty if field.is_required() else None))
    return inspect.Signature(parameters)


def model_tool(model: type[BaseModel], run: Callable[[Any], Awaitable[BaseModel]],
               returns: type[BaseModel]) -> Callable[..., Awaitable[BaseModel]]:
    """A tool function taking `model`'s fields as arguments; the model (and its validators) checks them."""

    async def tool(**arguments: Any) -> BaseModel:
        try:
            return await run(model.model_validate({k: v for k, v in arguments.items() if v is not None}))
        except ValidationError as exc:  # the agent is told which argument and why, as the API's 422 does
            raise ToolError("; ".join(f"{'.'.join(map(str, e['loc'])) or 'arguments'}: "
                                      f"{e['msg'].removeprefix('Value error, ')}" for e in exc.errors())) from exc
        except LimitExceeded as exc:
            raise ToolError(f"{exc.field}: {exc.message}") from exc

    tool.__signature__ = model_arguments(model).replace(return_annotation=returns)  # type: ignore[attr-defined]
    return tool


def build_server(settings: Settings) -> MCPServer:
    """The MCP server with its four tools, configured like the HTTP API (OKR_COACH_* settings)."""
    server = MCPServer(name="okr-coach", title="OKR Coach", version=__version__, instructions=INSTRUCTIONS)
    client = client_from_settings(settings)
    limits = InputLimits.from_settings(settings)

    async def check(request: CheckRequest) -> CheckResponse:
        return lint_request(request, settings.policy, limits).response

    async def coach(request: CoachRequest) -> CoachResponse:
        return await coach_request(request, client=client, settings=settings)

    server.add_tool(model_tool(CheckRequest, check, CheckResponse), name="check_okrs", title="Check OKRs",
                    description="Check an OKR draft against the rubric: " + (CheckRequest.__doc__ or ""),
                    structured_output=True)
    server.add_tool(model_tool(CoachRequest, coach, CoachResponse), name="coach_okrs", title="Coach OKRs",
                    description="Check a draft and suggest verified rewrites and KPI links: "
                    + (CheckRequest.__doc__ or ""), structured_output=True)

    @server.tool(name="list_rules", title="List the rules", structured_output=True)
    def list_rules() -> list[RuleDoc]:
        """The rubric's rules: id, level, default severity, why it matters, how to fix, examples."""
        return list(rule_docs())

    @server.tool(name="list_kpis", title="List the KPIs", structured_output=True)
    def list_kpis(domain: Annotated[str | None, Field(description="Only this domain: marketing, sales, product, "
                                                      "engineering...")] = None) -> list[Kpi]:
        """The KPI catalog key results link to (the built-in one plus the server's own)."""
        kpis = settings.kpi_catalog.kpis
        return [k for k in kpis if domain is None or k.domain.casefold() == domain.casefold()]

    return server

"""LanguageTool's HTTP API v2, answered by the rubric: POST /v2/check and GET /v2/languages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError

from coach.api.deps import get_settings
from coach.api.errors import ERROR_RESPONSES
from coach.api.routes.check import INLINE_CHECK_CHARS
from coach.core.metrics import count_findings
from coach.core.settings import Settings
from coach.interop.languagetool.annotated import Document, InvalidData
from coach.interop.languagetool.mapping import LANGUAGES, InvalidForm, check_form
from coach.interop.languagetool.models import CheckForm, CheckReply, Language

router = APIRouter(tags=["languagetool"])


@router.post(
    "/v2/check", response_model=CheckReply, responses=ERROR_RESPONSES,
    summary="LanguageTool-compatible check (form-encoded, as LanguageTool clients send it)",
    description=(
        "Accepts LanguageTool's form parameters (`text` or annotated `data`, `language`, `enabledRules`, "
        "`disabledRules`, `enabledCategories`, `disabledCategories`, `enabledOnly`, `level`) and answers "
        "LanguageTool's JSON, so editor plugins, browser add-ons and client libraries work unchanged. "
        "`offset`/`length` are UTF-16 code units of the text sent (markup included for `data`); rule ids "
        "are OKR Coach's (GET /v1/rules). Requested ids that are not ours are listed in "
        "`warnings.ignoredRules`; `okrCoach` carries each match's severity, hint and position in the set."
    ),
)
async def languagetool_check(request: Request, form: Annotated[CheckForm, Form()],
                             settings: Settings = Depends(get_settings)) -> Response:
    if (form.text is None) == (form.data is None):
        raise _invalid("text", "give exactly one of 'text' (the draft) or 'data' (annotated text as JSON)")
    try:
        document = Document.from_text(form.text) if form.text is not None else Document.from_data(form.data or "")
    except InvalidData as exc:
        raise _invalid("data", str(exc)) from exc
    rules_url = f"{request.base_url}v1/rules"
    try:
        if len(document.plain) <= INLINE_CHECK_CHARS:
            reply, findings = check_form(form, document, settings, rules_url)
        else:
            reply, findings = await run_in_threadpool(check_form, form, document, settings, rules_url)
    except InvalidForm as exc:
        raise _invalid(exc.field, str(exc)) from exc
    if settings.metrics:
        count_findings(findings)
    # Built from the reply models already: serialise once instead of validating it again (as /v1/check).
    return Response(reply.model_dump_json(), media_type="application/json")


@router.get("/v2/languages", response_model=list[Language], summary="Languages /v2/check accepts (English)")
async def languagetool_languages() -> list[Language]:
    return LANGUAGES


def _invalid(field: str, message: str) -> RequestValidationError:
    """A 422 in the API's usual shape, naming the LanguageTool parameter."""
    return RequestValidationError([{"loc": ("body", field), "msg": message, "type": "value_error"}])

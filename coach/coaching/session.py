"""Coach an OKR set: one model call, every change re-checked by the rubric, one repair round.

The model is optional and never trusted: changes are verified, KPI ids checked against the
catalog, indices checked against the set. When the model fails, the reply falls back to the
offline coach and says why in `warnings`; the rubric's findings are never lost. The whole model
interaction (the answer, its re-ask, the repair round) runs under one wall-clock deadline,
`llm_budget` seconds: a server trickling one byte a second cannot hold a request longer.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from coach.check.limits import InputLimits
from coach.check.requests import OKRSetInput
from coach.check.service import check_request
from coach.coaching.bounds import bounded_change, bounded_proposal, bounded_warnings, capped, text_problem
from coach.coaching.judgements import JUDGEMENTS
from coach.coaching.kpi_links import KpiLinker
from coach.coaching.offline import offline_proposal
from coach.coaching.prompts import coach_messages, repair_messages
from coach.coaching.proposal import Proposal, ProposedChange, ProposedFinding, Repair
from coach.coaching.schemas import CoachRequest, CoachResponse, CoachResult, KpiLink, Provider, Suggestion
from coach.coaching.slots import slots_in
from coach.coaching.verify import change_problem, draft_of, verify
from coach.core.metrics import DEGRADATIONS
from coach.core.settings import Settings
from coach.core.usage import Usage
from coach.llm.base import Completion, LLMClient, LLMError, M, Message
from rubric.engine import check_okrs
from rubric.kpis import KpiCatalog
from rubric.models import CheckResult, Finding
from rubric.policy import Policy, effective_policy

log = logging.getLogger(__name__)
Place = tuple[int | None, int | None]


async def coach_set(
    okrs: OKRSetInput, *, client: LLMClient | None, settings: Settings, policy: Policy | None = None,
    catalog: KpiCatalog | None = None,
) -> CoachResult:
    """Coach one OKR set; the entry point for other services (batch review's `suggest=true`).

    `client` is the model (None = the offline coach). `policy` is merged over the server policy in
    `settings`, as for /v1/check; `catalog` defaults to `settings.kpi_catalog`. The set is checked
    with the rubric first; the result has verified `suggestions`, `kpi_links`, advisory findings,
    `provider`, `usage` and `warnings`. It never raises for model failures: it degrades instead.
    """
    merged = effective_policy(settings.policy, policy)
    checked = check_okrs(okrs.cycle, [(o.title, o.key_result_texts()) for o in okrs.objectives], merged)
    return await coach_checked(checked, client=client, policy=merged, catalog=catalog or settings.kpi_catalog,
                               limits=ModelLimits.from_settings(settings))


async def coach_request(body: CoachRequest, *, client: LLMClient | None, settings: Settings) -> CoachResponse:
    """POST /v1/coach and `okr-coach coach`: the /v1/check reply plus the coach's."""
    checked = check_request(body, settings.policy, InputLimits.from_settings(settings))
    catalog = settings.kpi_catalog
    if body.kpis:
        catalog = catalog.extended_with(KpiCatalog(kpis=body.kpis))
    coached = await coach_checked(checked, client=client, policy=effective_policy(settings.policy, body.policy),
                                  catalog=catalog, limits=ModelLimits.from_settings(settings))
    return CoachResponse.model_construct(**dict(checked), **dict(coached))


@dataclass(frozen=True, slots=True)
class ModelLimits:
    """What one coaching may spend on the model, and how long a proposed text may be."""

    tokens: int | None = None  # model tokens of the request; once spent, no repair round is asked for
    seconds: float = 45.0  # a deadline for the whole model interaction: answer, re-ask, repair round
    item_chars: int = 2_000  # a proposed text longer than an item may be is dropped

    @classmethod
    def from_settings(cls, settings: Settings) -> ModelLimits:
        return cls(settings.llm_max_tokens_per_request, settings.llm_budget, settings.max_item_chars)


async def coach_checked(
    result: CheckResult, *, client: LLMClient | None, policy: Policy, catalog: KpiCatalog, limits: ModelLimits,
) -> CoachResult:
    """Coach a set the rubric has already checked (its findings drive the prompt and the offline coach)."""
    session = _Session(result, client, policy, KpiLinker(catalog), limits)
    return await session.run()


class _Session:
    """One coaching of one set: collects usage and warnings along the way."""

    def __init__(self, result: CheckResult, client: LLMClient | None, policy: Policy, linker: KpiLinker,
                 limits: ModelLimits) -> None:
        self.result, self.client, self.policy, self.linker = result, client, policy, linker
        self.token_budget = limits.tokens
        self.seconds = limits.seconds
        self.max_item_chars = limits.item_chars
        self.deadline = 0.0  # loop time; set when the session runs
        self.usage = Usage()
        self.warnings: list[str] = []
        self.messages = coach_messages(result, linker) if client is not None else []

    async def run(self) -> CoachResult:
        self.deadline = asyncio.get_running_loop().time() + self.seconds
        offline = offline_proposal(self.result, self.linker, self.policy)
        proposal = await self._ask_model() if self.client is not None else None
        suggestions = self._verified(offline.changes, "offline")
        links = self.linker.links(self.result.okrs)
        advisories: list[Finding] = []
        provider = Provider(name="offline")
        if proposal is not None:
            assert self.client is not None
            provider = Provider(name="openai", model=self.client.model)
            suggestions = self._merge(await self._with_repairs(proposal), suggestions)
            links = self._merge_links(proposal, links)
            advisories = self._advisories(proposal.findings)
        return CoachResult(suggestions=suggestions, kpi_links=links, advisories=advisories, provider=provider,
                           usage=self.usage, warnings=bounded_warnings(self.warnings))

    async def _ask_model(self) -> Proposal | None:
        completion = await self._complete(self.messages, Proposal, "The model was not used")
        return bounded_proposal(completion.value, self.result, self.warnings) if completion is not None else None

    async def _complete(self, messages: list[Message], schema: type[M], what: str) -> Completion[M] | None:
        """One model answer within the session's deadline, or None and a warning saying `what` happened and why."""
        assert self.client is not None
        try:
            async with asyncio.timeout_at(self.deadline):
                completion = await self.client.complete(messages, schema)
        except Exception as exc:  # the coach degrades on any model failure, it never fails the request
            self._degrade(exc, what)
            return None
        self.usage += completion.usage
        return completion

    async def _with_repairs(self, proposal: Proposal) -> list[Suggestion]:
        """Verify the model's changes; ask once more for those the rubric still rejects."""
        changes = self._applicable(proposal.changes)
        suggestions = self._verified(changes, "llm")
        failures = [(c, s.findings) for c, s in zip(changes, suggestions, strict=True) if not s.verified]
        if not failures:
            return suggestions
        if self.token_budget is not None and self.usage.total_tokens >= self.token_budget:
            DEGRADATIONS.labels("coach", "token_budget").inc()
            self.warnings.append(
                f"The request's model token budget is spent ({self.usage.total_tokens} of {self.token_budget}), so "
                "no repair round was asked for; unverified suggestions are marked verified=false."
            )
            return suggestions
        repair = await self._complete(repair_messages(self.messages, proposal, failures), Repair,
                                      "The repair round failed; unverified suggestions are marked verified=false")
        if repair is None:  # keep the unverified suggestions, marked as such
            return suggestions
        asked = capped(repair.value.changes, len(failures), "repaired changes", self.warnings)
        repaired = {_place(c): c for c in self._applicable([bounded_change(c) for c in asked])}
        return [
            self._verified([repaired[_place(c)]], "llm")[0] if not s.verified and _place(c) in repaired else s
            for c, s in zip(changes, suggestions, strict=True)
        ]

    def _degrade(self, exc: Exception, what: str) -> None:
        if isinstance(exc, LLMError):
            self.usage += exc.usage
        past_deadline = asyncio.get_running_loop().time() >= self.deadline  # whichever timeout fired first
        DEGRADATIONS.labels("coach", "deadline" if past_deadline else type(exc).__name__).inc()
        if past_deadline:
            reason = f"the model did not finish within the {self.seconds:g} s budget (OKR_COACH_LLM_BUDGET)"
        elif isinstance(exc, LLMError):
            reason = exc.reason
        else:
            log.exception("unexpected error from the model client")
            reason = f"unexpected {type(exc).__name__}"
        self.warnings.append(f"{what}: {reason}. The rubric's findings are complete; suggestions come from the "
                             "offline coach where the model gave none.")

    def _applicable(self, changes: list[ProposedChange]) -> list[ProposedChange]:
        draft = draft_of(self.result)
        usable = []
        system_prompt = self.messages[0]["content"] if self.messages else ""
        for change in changes:
            if problem := change_problem(change, draft) or text_problem(
                    change, self._original(change), self.max_item_chars, system_prompt):
                self.warnings.append(f"Dropped a change from the model: {problem}.")
            else:
                usable.append(change)
        return usable

    def _verified(self, changes: list[ProposedChange], source: str) -> list[Suggestion]:
        removed = {c.objective for c in changes if c.action == "remove" and c.key_result is None}
        suggestions = []
        for change in changes:
            verdict = verify(change, self.result, self.policy, removed_objectives=removed)
            original = self._original(change)
            suggestions.append(Suggestion.model_validate({
                "action": change.action, "objective": change.objective, "key_result": change.key_result,
                "original": original, "texts": change.texts,
                "slots": list(dict.fromkeys(s for t in change.texts for s in slots_in(t))),
                "rationale": change.rationale, "fixes": verdict.fixes,
                "assumptions": list(dict.fromkeys([*verdict.assumptions, *change.assumptions])),
                "verified": verdict.verified, "findings": verdict.findings, "source": source,
            }))
        return suggestions

    def _original(self, change: ProposedChange) -> str | None:
        return None if change.action == "add-key-result" else self._original_at(change.objective, change.key_result)

    def _merge(self, model: list[Suggestion], offline: list[Suggestion]) -> list[Suggestion]:
        """The model's suggestions, plus the offline coach's for any item with errors the model skipped."""
        covered = {(s.objective, s.key_result) for s in model}
        errors = {(f.objective, f.key_result) for f in self.result.findings if f.severity == "error"}
        return [*model, *(s for s in offline if (s.objective, s.key_result) in errors - covered)]

    def _merge_links(self, proposal: Proposal, links: list[KpiLink]) -> list[KpiLink]:
        """The model's ranking where it gave a valid one, the catalog match elsewhere."""
        chosen: dict[tuple[int, int], KpiLink] = {(link.objective, link.key_result): link for link in links}
        for proposed in proposal.kpi_links:
            accepted = self.linker.accept(proposed, self.result.okrs)
            if isinstance(accepted, str):
                self.warnings.append(accepted[:1].upper() + accepted[1:] + ".")
            else:
                chosen[(accepted.objective, accepted.key_result)] = accepted
        return sorted(chosen.values(), key=lambda link: (link.objective, link.key_result))

    def _advisories(self, proposed: list[ProposedFinding]) -> list[Finding]:
        findings = []
        for item in proposed:
            key_result = item.key_result if item.objective is not None else None
            if not self._exists(item.objective, key_result):
                self.warnings.append(f"Dropped an advisory finding about an item that does not exist ({item.check}).")
                continue
            level = "set" if item.objective is None else "objective" if key_result is None else "key_result"
            findings.append(Finding(
                rule=item.check, severity="info", level=level, message=item.message.strip()[:500],
                hint=JUDGEMENTS[item.check].hint, objective=item.objective, key_result=key_result, source="llm",
                excerpt=self._original_at(item.objective, key_result) if item.objective is not None else None,
            ))
        return findings

    def _exists(self, objective: int | None, key_result: int | None) -> bool:
        objectives = self.result.okrs.objectives
        if objective is None:
            return True
        if not 0 <= objective < len(objectives):
            return False
        return key_result is None or 0 <= key_result < len(objectives[objective].key_results)

    def _original_at(self, objective: int, key_result: int | None) -> str:
        item = self.result.okrs.objectives[objective]
        return item.title if key_result is None else item.key_results[key_result].text


def _place(change: ProposedChange) -> Place:
    return change.objective, change.key_result

"""Link key results to KPIs: deterministic candidates from the catalog, and the final links.

The linker finds KPIs named in a key result (name or alias) and, failing that, KPIs that share
distinctive words with it. The LLM may re-rank, but only among catalog ids or as an explicitly
new KPI; anything else is dropped. A key result that only holds a KPI at a level is flagged as
a "KPI in disguise".
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.coaching.proposal import ProposedLink
from coach.coaching.schemas import KpiLink
from rubric.kpis import Kpi, KpiCatalog
from rubric.lexicon import COMMON_VERBS
from rubric.models import KeyResult, OKRSet
from rubric.text import word_set

# Words too common in KPI names to link on their own.
_GENERIC = frozenset({
    "rate", "time", "score", "number", "count", "total", "average", "new", "open", "value", "cost", "level",
    "ratio", "customer", "user", "first", "day", "month", "week", "monthly", "weekly", "daily", "per", "active",
})
EXACT_CONFIDENCE = 0.9
MIN_FUZZY_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class Candidate:
    kpi: Kpi
    confidence: float
    reason: str


class KpiLinker:
    """Candidate KPIs for a text, from one catalog (built once per catalog)."""

    def __init__(self, catalog: KpiCatalog) -> None:
        self.catalog = catalog
        self._words = [(kpi, [word_set(name, numbers=False) for name in kpi.names]) for kpi in catalog.kpis]

    def candidates(self, text: str, limit: int = 5) -> list[Candidate]:
        """Best first: KPIs the text names, then KPIs sharing distinctive words with it."""
        found: dict[str, Candidate] = {}
        for mention in self.catalog.mentions(text):
            reason = f"names {mention.kpi.name} ('{text[mention.start : mention.end]}')"
            found.setdefault(mention.kpi.id, Candidate(mention.kpi, EXACT_CONFIDENCE, reason))
        words = word_set(text, numbers=False)
        fuzzy: list[Candidate] = []
        for kpi, names in self._words:
            if kpi.id in found:
                continue
            best = max(names, key=lambda name: (len(name & words) / len(name)) if name else 0)
            shared = best & words
            if best and shared - _GENERIC - COMMON_VERBS:
                confidence = round(0.3 + 0.5 * len(shared) / len(best), 2)
                fuzzy.append(Candidate(kpi, confidence, f"shares '{', '.join(sorted(shared))}' with {kpi.name}"))
        fuzzy.sort(key=lambda c: (-c.confidence, c.kpi.id))
        return [*found.values(), *fuzzy][:limit]

    def link(self, objective: int, index: int, key_result: KeyResult) -> KpiLink | None:
        """The deterministic link of one key result, if a candidate is strong enough."""
        best = next(iter(self.candidates(key_result.text, limit=1)), None)
        if best is None or best.confidence < MIN_FUZZY_CONFIDENCE:
            return None
        return KpiLink(
            objective=objective, key_result=index, kpi_id=best.kpi.id, kpi_name=best.kpi.name, new_kpi=False,
            confidence=best.confidence, reason=best.reason, source="catalog",
            kpi_in_disguise=holds_level(key_result),
        )

    def links(self, okrs: OKRSet) -> list[KpiLink]:
        return [
            link
            for i, objective in enumerate(okrs.objectives)
            for j, key_result in enumerate(objective.key_results)
            if (link := self.link(i, j, key_result)) is not None
        ]

    def accept(self, proposed: ProposedLink, okrs: OKRSet) -> KpiLink | str:
        """The model's link once checked against the catalog and the set, or why it was dropped."""
        objectives = okrs.objectives
        if not (0 <= proposed.objective < len(objectives)
                and 0 <= proposed.key_result < len(objectives[proposed.objective].key_results)):
            return f"KPI link to a key result that does not exist ({proposed.objective}, {proposed.key_result})"
        key_result = objectives[proposed.objective].key_results[proposed.key_result]
        confidence = min(1.0, max(0.0, proposed.confidence))
        common = {"objective": proposed.objective, "key_result": proposed.key_result, "confidence": confidence,
                  "reason": proposed.reason.strip()[:300] or "ranked by the model", "source": "llm",
                  "kpi_in_disguise": holds_level(key_result)}
        if proposed.kpi_id is not None:
            kpi = self.catalog.get(proposed.kpi_id)
            if kpi is None:
                return f"the model linked an unknown KPI id '{proposed.kpi_id[:80]}'; ignored"
            return KpiLink(kpi_id=kpi.id, kpi_name=kpi.name, new_kpi=False, **common)
        new_name = (proposed.new_kpi_name or "").strip()
        if not new_name:
            return "the model proposed a KPI link without a KPI; ignored"
        return KpiLink(kpi_id=None, kpi_name=new_name[:120], new_kpi=True, **common)


def holds_level(key_result: KeyResult) -> bool:
    """A key result that keeps a level ('Maintain 99.9% uptime', 'Churn below 2%') rather than moving it."""
    if key_result.direction == "hold":
        return True
    target = key_result.target
    return (key_result.verb is None and key_result.direction is None and key_result.baseline is None
            and target is not None and target.comparator is not None)

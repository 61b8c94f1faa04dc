"""The offline coach: deterministic suggestions built from the rubric's findings and the analysis.

It never guesses what only the author knows. A vague "Increase brand awareness" becomes
"Increase <metric, e.g. unaided brand awareness> from [baseline] to [target] by [deadline]": the
structure is fixed, the values stay explicit slots. Problems that need judgement (an uninspiring
objective, too many key results) get no rewrite here.
"""

from __future__ import annotations

import re
from collections import defaultdict

from coach.coaching.kpi_links import EXACT_CONFIDENCE, KpiLinker
from coach.coaching.proposal import Proposal, ProposedChange
from coach.coaching.slots import SLOT
from rubric.analysis import Facts, analyse
from rubric.compound import compound_measure
from rubric.engine import check_okrs
from rubric.models import CheckResult, Finding
from rubric.policy import Policy
from rubric.values import comparable

_OUTCOME_RULES = frozenset({"vague-change", "no-measurable-target", "activity-key-result"})
_TARGET_RULES = frozenset({"value-out-of-range", "unrealistic-target"})
_DATE_START = re.compile(
    r"(?:Q[1-4]|H[12]|FY|\d|end\s+of|EO[QYMWD]\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_LEFTOVERS = re.compile(r"[\[(]\s*[\])]|[:;]")
_LEADING_LINK = re.compile(r"^(?:of|to|by|in|at|for|with)\s+", re.IGNORECASE)
_METRIC_WORDS = frozenset({
    "rate", "score", "time", "count", "number", "cost", "revenue", "share", "ratio", "average", "percentage",
    "retention", "churn", "conversion", "margin", "volume", "latency", "uptime", "users", "customers", "leads",
    "signups", "sign-ups", "visitors", "traffic", "tickets", "bookings", "rating", "nps", "csat", "duration",
})


def offline_proposal(result: CheckResult, linker: KpiLinker, policy: Policy) -> Proposal:
    """One change per item the rubric flags and this coach can fix without inventing values."""
    by_place: dict[tuple[int | None, int | None], list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_place[(finding.objective, finding.key_result)].append(finding)
    coach = _OfflineCoach(result, linker, policy)
    changes: list[ProposedChange] = []
    for (objective, key_result), findings in by_place.items():
        rules = {f.rule for f in findings}
        if objective is None:
            changes.extend(coach.set_changes(rules))
        elif key_result is None:
            changes.extend(coach.objective_changes(objective, rules))
        elif change := coach.key_result_change(objective, key_result, rules):
            changes.append(change)
    return Proposal(changes=changes, kpi_links=[], findings=[])


class _OfflineCoach:
    def __init__(self, result: CheckResult, linker: KpiLinker, policy: Policy) -> None:
        self.result = result
        self.linker = linker
        self.policy = policy

    def set_changes(self, rules: set[str]) -> list[ProposedChange]:
        if "too-many-objectives" not in rules:
            return []
        keep = self.policy.thresholds.max_objectives
        return [
            _change("remove", i, None, [], f"Focus on at most {keep} objectives: move this one to a later cycle "
                    "or track it as a KPI (dropping the last ones is only an example; choose which yourself).")
            for i in range(keep, len(self.result.okrs.objectives))
        ]

    def objective_changes(self, index: int, rules: set[str]) -> list[ProposedChange]:
        title = self.result.okrs.objectives[index].title
        if "duplicate-objective" in rules:
            return [_change("remove", index, None, [], "It repeats an earlier objective; merge the key results there.")]
        changes = []
        if "placeholder" in rules:
            changes.append(_change("rewrite", index, None, [_slot_placeholders(title, "name")],
                                   "Placeholders hide a decision; the slot marks what you still have to decide."))
        if "objective-is-metric" in rules and (qualitative := _without_numbers(analyse(title))):
            changes.append(_change("rewrite", index, None, [qualitative],
                                   "An objective says where to go in words; the number belongs in a key result."))
            changes.append(_change("add-key-result", index, None, [self._with_deadline(title, index)],
                                   "The objective's number, kept as a key result."))
        elif "objective-without-key-results" in rules:
            changes.append(_change("add-key-result", index, None, [self._outcome(title, index, activity=False)],
                                   "Without a key result nobody can tell whether the objective was met."))
        return changes

    def key_result_change(self, objective: int, index: int, rules: set[str]) -> ProposedChange | None:
        text = self.result.okrs.objectives[objective].key_results[index].text
        if "duplicate-key-result" in rules:
            return _change("remove", objective, index, [], "It repeats an earlier key result; one is enough.")
        if "compound-key-result" in rules and (parts := _split(text)):
            texts = [self._improve(part, self._rules_of(objective, part), objective) for part in parts]
            return _change("split", objective, index, texts, "One key result, one measure: each part is scored alone.")
        improved = self._improve(text, rules, objective)
        if improved == text:
            return None
        return _change("rewrite", objective, index, [improved], _rationale(rules))

    def _improve(self, text: str, rules: set[str], objective: int) -> str:
        """The key result with the flagged problems fixed; unknown values become slots."""
        if "placeholder" in rules:
            text = _slot_placeholders(text, "target")
        if rules & _OUTCOME_RULES:
            return self._outcome(text, objective, activity="activity-key-result" in rules)
        facts = analyse(text)
        if "direction-mismatch" in rules:
            text = _fix_direction(facts)
            facts = analyse(text)
        if rules & _TARGET_RULES and facts.target is not None:
            text = _replace(text, facts.target.start, facts.target.end, _target_slot(facts.target.text))
        if "missing-deadline" in rules and not analyse(text).has_time:
            text = f"{text.rstrip(' .')} by [deadline]"
        return text

    def _outcome(self, text: str, objective: int, *, activity: bool) -> str:
        """'<Verb> <metric> from [baseline] to [target] <when>': the shape of a measurable key result."""
        facts = analyse(text)
        candidates = self.linker.candidates(text, limit=1)
        named = bool(candidates) and candidates[0].confidence >= EXACT_CONFIDENCE
        example = f", e.g. {candidates[0].kpi.name[0].lower()}{candidates[0].kpi.name[1:]}" if candidates else ""
        if activity:
            metric = f"<result that '{_clip(text)}' should move{example}>"
        elif facts.metric and (named or _METRIC_WORDS & set(facts.metric.lower().split())):
            metric = _mid_sentence(facts.metric)
        else:
            metric = f"<metric{example}>" if example else f"<metric that shows {_clip(facts.metric or text)}>"
        better = candidates[0].kpi.better if named else None
        direction = facts.direction if facts.direction in {"up", "down"} else better
        verb = {"up": "Increase", "down": "Reduce"}.get(direction or "", "Improve")
        return f"{verb} {metric} from [baseline] to [target]{self._when(facts, objective)}"

    def _when(self, facts: Facts, objective: int) -> str:
        if facts.time_spans:
            start, end = facts.time_spans[0]
            return f" {_time_phrase(facts.text[start:end])}"
        return " by [deadline]" if self._needs_deadline(objective) else ""

    def _with_deadline(self, text: str, objective: int) -> str:
        facts = analyse(text)
        return text if facts.has_time or not self._needs_deadline(objective) else f"{text.rstrip(' .')} by [deadline]"

    def _needs_deadline(self, objective: int) -> bool:
        return self.result.okrs.cycle is None and not analyse(self.result.okrs.objectives[objective].title).has_time

    def _rules_of(self, objective: int, text: str) -> set[str]:
        """What the rubric finds in one part of a split key result, under the same objective and cycle."""
        title = self.result.okrs.objectives[objective].title
        found = check_okrs(self.result.okrs.cycle, [(title, [text])], self.policy).findings
        return {f.rule for f in found if f.key_result == 0}


def _change(action: str, objective: int, key_result: int | None, texts: list[str], rationale: str) -> ProposedChange:
    return ProposedChange.model_validate({
        "action": action, "objective": objective, "key_result": key_result, "texts": texts,
        "rationale": rationale, "assumptions": [],
    })


def _rationale(rules: set[str]) -> str:
    if rules & _OUTCOME_RULES:
        return ("A key result states a measurable outcome: which metric, from where, to where, by when. "
                "Only you know the values, so they are left as slots.")
    if "direction-mismatch" in rules:
        return "The verb contradicted the numbers; the numbers are kept and the verb follows them. Check which is true."
    if rules & _TARGET_RULES:
        return "The target cannot happen or is far off; it is left as a slot for a level you can defend."
    if "placeholder" in rules:
        return "Placeholders hide a decision; slots mark what you still have to fill in."
    return "A key result needs a deadline unless the set's cycle gives one."


def _slot_placeholders(text: str, role: str) -> str:
    """Replace TBD, X%, ??? with explicit slots: [baseline] after 'from', else [target] (or [name])."""
    for start, end in reversed(analyse(text).placeholders):
        token = text[start:end]
        if SLOT.fullmatch(token):
            continue
        name = "baseline" if role == "target" and _FROM_BEFORE.search(text[:start]) else role
        text = _replace(text, start, end, f"[{name}]" + ("%" if token.rstrip().endswith("%") else ""))
    return text


def _target_slot(target_text: str) -> str:
    return "[target]%" if target_text.rstrip().endswith("%") else "[target]"


def _fix_direction(facts: Facts) -> str:
    """Keep the numbers, make the verb follow them; equal numbers leave the target open."""
    text = facts.text
    pair = comparable(facts.baseline, facts.target) if facts.baseline and facts.target else None
    if pair is None or facts.target is None:
        return text
    baseline, target = pair
    if baseline == target:
        return _replace(text, facts.target.start, facts.target.end, _target_slot(facts.target.text))
    word = facts.direction_word
    if word is None:
        return text
    verb = "increase" if target > baseline else "reduce"
    return _replace(text, word.start, word.end, verb.capitalize() if word.start == 0 else verb)


def _without_numbers(facts: Facts) -> str:
    """An objective's words without its quantities and dates ('Increase qualified leads')."""
    metric = _LEFTOVERS.sub(" ", (facts.metric or "").split(",")[0])
    metric = _LEADING_LINK.sub("", " ".join(metric.split()))
    phrase = " ".join(part for part in (facts.verb.text if facts.verb else "", metric) if part)
    return phrase[:1].upper() + phrase[1:]


def _split(text: str) -> list[str]:
    span = compound_measure(analyse(text))
    if span is None:
        return []
    left, right = text[: span[0]].strip(), text[span[1] :].strip()
    if not left or not right:
        return []
    shared_time = analyse(right).time_spans
    if shared_time and not analyse(left).has_time:  # "... and reduce churn to 2% by Q3": Q3 is for both
        start, end = shared_time[-1]
        left = f"{left} {_time_phrase(right[start:end])}"
    return [left, right[:1].upper() + right[1:]]


def _time_phrase(when: str) -> str:
    """'Q3' -> 'by Q3'; 'monthly' and 'in Q3' stay as written."""
    return f"by {when}" if _DATE_START.match(when) else when


def _mid_sentence(phrase: str) -> str:
    """'Average review score' -> 'average review score'; acronyms ('NPS') stay; adverbs go."""
    phrase = re.sub(r"^(?:\w+ly\s+)+", "", phrase)
    return phrase[:1].lower() + phrase[1:] if phrase[1:2].islower() else phrase


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(re.sub(r"[<>\[\]]", "", text).split()).rstrip(" .")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

"""The offline coach, slots, the KPI catalog and linker, and prompt rendering, on drafts written for them."""

from __future__ import annotations

import asyncio
import json

import pytest

from coach.check.requests import OKRSetInput
from coach.cli.main import main
from coach.coaching.kpi_links import KpiLinker
from coach.coaching.prompts import coach_messages
from coach.coaching.session import coach_set
from coach.coaching.slots import fill_slots, slots_in
from coach.core.settings import Settings
from rubric.engine import check_okrs
from rubric.kpis import builtin_catalog, parse_catalog


def coached(objectives: list[dict], cycle: str | None = None):
    okrs = OKRSetInput.model_validate({"cycle": cycle, "objectives": objectives})
    return asyncio.run(coach_set(okrs, client=None, settings=Settings()))


def only_suggestion(title: str, key_result: str, cycle: str | None = None):
    [suggestion] = coached([{"title": title, "key_results": [key_result, "Cut refund rate from 6% to 3% by Q3"]}],
                           cycle).suggestions
    return suggestion


def test_vague_change_becomes_a_measurable_shape_with_explicit_slots() -> None:
    s = only_suggestion("Be known among indie game studios", "Increase brand awareness")
    assert s.texts == ["Increase <metric, e.g. unaided brand awareness> from [baseline] to [target] by [deadline]"]
    assert s.verified and s.assumptions == [] and set(s.fixes) == {"vague-change", "missing-deadline"}


def test_a_named_kpi_keeps_the_authors_words_and_the_cycle_removes_the_deadline_slot() -> None:
    s = only_suggestion("Delight our customers", "Improve customer satisfaction", cycle="2026-Q3")
    assert s.texts == ["Increase customer satisfaction from [baseline] to [target]"]  # CSAT: higher is better


def test_an_activity_becomes_the_outcome_it_should_move() -> None:
    s = only_suggestion("Make onboarding effortless", "Run 6 onboarding webinars by Q3")
    assert s.texts[0].startswith("Improve <result that 'Run 6 onboarding webinars by Q3' should move")
    assert s.texts[0].endswith("from [baseline] to [target] by Q3") and s.verified


def test_a_contradicting_verb_follows_the_numbers() -> None:
    s = only_suggestion("Keep customers longer", "Increase monthly churn from 5% to 3% by Q3")
    assert s.texts == ["Reduce monthly churn from 5% to 3% by Q3"] and s.fixes == ["direction-mismatch"]


def test_an_impossible_target_becomes_a_slot() -> None:
    s = only_suggestion("Help customers help themselves", "Self-service resolution share from 35% to 130% by Q4")
    assert s.texts == ["Self-service resolution share from 35% to [target]% by Q4"] and s.verified


def test_placeholders_become_named_slots() -> None:
    s = only_suggestion("Grow the self-serve business", "Grow trial conversion from X% to Y% by Q3")
    assert s.texts == ["Grow trial conversion from [baseline]% to [target]% by Q3"] and s.verified


def test_a_compound_key_result_is_split_and_each_part_checked() -> None:
    s = only_suggestion("Win the mid-market", "Increase sign-ups by 20% and reduce churn to 2% by Q3")
    assert s.action == "split" and s.texts == ["Increase sign-ups by 20% by Q3", "Reduce churn to 2% by Q3"]


def test_objective_without_key_results_gets_one_added() -> None:
    [s] = coached([{"title": "Build a culture of ownership", "key_results": []}], "2026-Q3").suggestions
    assert s.action == "add-key-result" and s.original is None and s.verified
    assert s.texts[0].endswith("from [baseline] to [target]")


def test_too_many_objectives_suggests_which_to_drop_and_verifies_them_together() -> None:
    objectives = [{"title": f"Win segment {name}", "key_results": [f"Grow {name} revenue from $1M to $2M by Q3"]}
                  for name in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta")]
    removals = [s for s in coached(objectives).suggestions if s.action == "remove"]
    assert [s.objective for s in removals] == [3, 4, 5, 6] and all(s.verified for s in removals)


def test_judgement_problems_get_no_invented_rewrite() -> None:
    assert coached([{"title": "Maintain our processes", "key_results": [
        "Cut refund rate from 6% to 3% by Q3", "Lift NPS from 20 to 35 by Q3"]}]).suggestions == []


@pytest.mark.parametrize(("text", "filled"), [
    ("Increase <metric, e.g. aided brand recall> from [baseline] to [target] by [deadline]",
     "Increase aided brand recall from 40 to 60 by Q4 2026"),
    ("Reduce churn from [baseline] to 4% by Q3", "Reduce churn from 5 to 4% by Q3"),
    ("App store rating from 4.4 to [target] by Q2", "App store rating from 4.4 to 4.7 by Q2"),
    ("Raise NPS from [baseline] to [target] by Q2", "Raise NPS from -20 to 20 by Q2"),
])
def test_slots_are_filled_with_samples_that_agree_with_direction_and_range(text: str, filled: str) -> None:
    assert fill_slots(text) == filled
    assert not [f for f in check_okrs("2026-Q2", [("Grow", [fill_slots(text)])]).findings if f.severity == "error"]


def test_slots_are_listed_once_in_order() -> None:
    assert slots_in("from [baseline] to [target], [target] by [deadline]") == ["[baseline]", "[target]", "[deadline]"]


def test_catalog_covers_the_domains_with_valid_entries() -> None:
    catalog = builtin_catalog()
    assert len(catalog.kpis) >= 80 and len({k.id for k in catalog.kpis}) == len(catalog.kpis)
    assert {k.domain for k in catalog.kpis} == {"marketing", "sales", "product", "engineering", "support", "hr",
                                                "finance"}
    assert catalog.get("support.nps").range.describe() == "from -100 to 100"


def test_org_catalog_replaces_by_id_and_adds() -> None:
    own = parse_catalog(json.dumps({"kpis": [{"id": "support.nps", "name": "Relationship NPS", "domain": "support",
                                              "unit": "score", "better": "up"}]}))
    merged = builtin_catalog().extended_with(own)
    assert merged.get("support.nps").name == "Relationship NPS" and len(merged.kpis) == len(builtin_catalog().kpis)


@pytest.mark.parametrize(("key_result", "fires"), [
    ("Raise NPS from 20 to 150 by Q3", True), ("Gross margin from 60% to 120% by Q4", True),
    ("App store rating from 4.1 to 6 by Q4", True), ("Raise NPS from 20 to 45 by Q3", False),
    ("Grow gross margin by 150% by Q4", False), ("Net revenue retention from 105% to 120% by Q4", False),
])
def test_the_rubric_range_check_uses_catalog_ranges(key_result: str, fires: bool) -> None:
    findings = check_okrs(None, [("Be profitable", [key_result])]).findings
    assert any(f.rule == "value-out-of-range" for f in findings) is fires


def test_linker_prefers_named_kpis_and_explains_itself() -> None:
    linker = KpiLinker(builtin_catalog())
    [best, *_] = linker.candidates("Cut time to hire from 45 to 30 days")
    assert best.kpi.id == "hr.time-to-hire" and "names Time to hire" in best.reason
    assert linker.candidates("Build a culture of ownership") == []


def test_prompt_carries_findings_analysis_and_candidates_as_escaped_data() -> None:
    result = check_okrs(None, [("Be <b>known</b> {{ config }}", ["Increase brand awareness"])])
    system, user = coach_messages(result, KpiLinker(builtin_catalog()))
    assert "vanity-metric" in system["content"] and "[baseline]" in system["content"]
    data = json.loads(user["content"].split("<okr-data>")[1].split("</okr-data>")[0])
    assert data["objectives"][0]["title"] == "Be <b>known</b> {{ config }}"
    assert "<b>" not in user["content"]
    assert data["objectives"][0]["key_results"][0]["kpi_candidates"][0]["id"] == "marketing.unaided-brand-awareness"
    assert {f["rule"] for f in data["findings"]} >= {"vague-change", "missing-deadline"}


def test_cli_coach_prints_findings_and_suggestions(tmp_path, capsys) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Objective: Be known in our niche\nKR: Increase brand awareness\n", encoding="utf-8")
    assert main(["coach", str(draft), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert "error [vague-change]" in out and "+ Increase <metric, e.g. unaided brand awareness>" in out
    assert main(["coach", str(draft), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["provider"]["name"] == "offline"

"""Inline `okr-coach: ignore` directives silence a rule on their line only, and never join the draft's words."""

from __future__ import annotations

from rubric.engine import check_text
from rubric.suppression import ALL, read_directives, suppress

DRAFT = (
    "Objective: Be known in our niche\n"
    "- Increase brand awareness <!-- okr-coach: ignore vague-change -->\n"
    "- Increase newsletter signups  # okr-coach: ignore[vague-change, missing-deadline]\n"
    "- Increase demo requests\n"
)


def test_directives_are_read_per_line_and_blanked_to_the_same_length() -> None:
    directives = read_directives(DRAFT)
    assert directives.by_line == {2: {"vague-change"}, 3: {"vague-change", "missing-deadline"}}
    assert len(directives.text) == len(DRAFT)
    assert "okr-coach" not in directives.text
    assert directives.text.splitlines()[1].rstrip() == "- Increase brand awareness"


def test_a_directive_silences_only_the_rules_it_names_on_its_own_line() -> None:
    directives = read_directives(DRAFT)
    result, dropped = suppress(check_text(directives.text), directives)
    lines = {(f.rule, directives.text.count("\n", 0, f.start) + 1) for f in result.findings if f.start is not None}
    assert ("vague-change", 2) not in lines and ("vague-change", 3) not in lines
    assert ("vague-change", 4) in lines  # the undirected line keeps its finding
    assert ("missing-deadline", 2) in lines  # line 2 names vague-change only
    assert {(f.rule, directives.text.count("\n", 0, f.start) + 1) for f in dropped} == {
        ("vague-change", 2), ("vague-change", 3), ("missing-deadline", 3)}
    assert result.summary.errors == sum(f.severity == "error" for f in result.findings)


def test_a_bare_directive_silences_every_rule_on_its_line() -> None:
    directives = read_directives("Objective: Grow\n- Increase signups # okr-coach: ignore\n")
    assert directives.by_line == {2: {ALL}}
    result, dropped = suppress(check_text(directives.text), directives)
    assert dropped and all(f.start is None or directives.text.count("\n", 0, f.start) != 1 for f in result.findings)


def test_the_comment_is_not_read_as_part_of_the_key_result() -> None:
    raw = check_text(DRAFT)
    blanked = check_text(read_directives(DRAFT).text)
    assert any("okr-coach" in (f.excerpt or "") for f in raw.findings)
    assert not any("okr-coach" in (f.excerpt or "") for f in blanked.findings)


def test_a_draft_without_directives_is_returned_unchanged() -> None:
    text = "Objective: Grow\n- Increase signups\n"
    directives = read_directives(text)
    result = check_text(text)
    assert directives.text is text and suppress(result, directives) == (result, [])


def test_v1_check_applies_the_directives_too() -> None:
    from fastapi.testclient import TestClient

    from coach.api.app import create_app
    from coach.core.settings import Settings

    client = TestClient(create_app(Settings(metrics=False)))
    plain = client.post("/v1/check", json={"text": "Objective: Grow\n- Increase signups\n"}).json()
    silenced = client.post("/v1/check", json={"text": DRAFT}).json()
    assert "vague-change" in {f["rule"] for f in plain["findings"]}
    lines = {(f["rule"], DRAFT.count("\n", 0, f["start"]) + 1) for f in silenced["findings"] if f["start"] is not None}
    assert ("vague-change", 2) not in lines and ("vague-change", 4) in lines
    assert silenced["summary"]["errors"] == sum(f["severity"] == "error" for f in silenced["findings"])

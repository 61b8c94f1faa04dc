"""`okr-coach review`: reports written, summary printed, exit codes, progress bar, parallel review."""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import pytest

from coach.batch import review as review_module
from coach.batch.models import ReviewReport, Submission, SubmittedObjective
from coach.batch.review import PARALLEL_FROM, review_set, review_sets
from coach.cli.main import main
from coach.cli.progress import Progress
from rubric.policy import Policy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import synthetic_set

TEAM_CSV = (
    "Owner,Team,Quarter,Objective,Key Result,Aligned to\n"
    "Alice Chen,Growth,2026-Q3,Win the mid-market,Increase brand awareness,CO-1\n"
    "Bob Li,Platform,2026-Q3,Make deploys boring,Failed deploys from 8% to 3% by 30 September,CO-2\n"
    "Bob Li,Platform,2026-Q3,Make deploys boring,Median lead time from 3 days to 1 day by Q3,\n"
    ",Platform,2026-Q3,,orphan,\n"
)


def test_review_writes_html_json_csv_and_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team.csv"
    team.write_text(TEAM_CSV, encoding="utf-8")
    company = tmp_path / "company.txt"
    company.write_text("CO-1: Grow revenue\nCO-2: Run a platform customers trust\n", encoding="utf-8")
    html, report_json, report_csv = tmp_path / "r.html", tmp_path / "r.json", tmp_path / "r.csv"
    code = main(["review", str(team), "--html", str(html), "--json", str(report_json), "--csv", str(report_csv),
                 "--company-objectives", str(company)])
    captured = capsys.readouterr()
    assert code == 1  # 'Increase brand awareness' is an error (vague-change)
    report = ReviewReport.model_validate_json(report_json.read_text(encoding="utf-8"))
    assert [s.owner for s in report.sets] == ["Alice Chen", "Bob Li"]
    assert [c.id for c in report.company_objectives] == ["CO-1", "CO-2"]
    assert "Organisation summary" in html.read_text(encoding="utf-8")
    assert report_csv.read_text(encoding="utf-8").startswith("owner,team,cycle")
    lines = captured.out.splitlines()
    assert lines[0].startswith("Reviewed 2 sets from 2 owners (2 objectives, 3 key results) in ")
    assert f"{report.summary.errors} errors" in lines[1] and "1 rows skipped" in lines[1]
    assert any(line.startswith("  skipped: Line 5 has a key result but no objective") for line in lines)
    assert captured.err == ""  # no progress bar when stderr is not a terminal


def test_review_exit_code_is_0_without_errors_and_2_for_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps([{"owner": "Bob", "cycle": "2026-Q3", "objectives": [{"title": "Make deploys boring",
        "key_results": ["Failed deploys from 8% to 3% by 30 September",
                        "Median lead time from 3 days to 1 day by 30 September"]}]}]), encoding="utf-8")
    assert main(["review", str(clean)]) == 0
    broken = tmp_path / "broken.csv"
    broken.write_text("Owner,Status\nA,ok\n", encoding="utf-8")
    assert main(["review", str(broken)]) == 2
    assert "No objective column" in capsys.readouterr().err


def test_progress_flag_draws_a_bar_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team.md"
    team.write_text("## Alice\nObjective: Grow\n- ARR from 1M to 2M by Q3\n", encoding="utf-8")
    main(["review", str(team), "--progress"])
    err = capsys.readouterr().err
    assert "Reviewing" in err and "100% 1/1" in err


def test_progress_bar_redraws_at_most_every_interval() -> None:
    stream = io.StringIO()
    progress = Progress(1000, "Reviewing", enabled=True, stream=stream, every=3600)
    for _ in range(1000):
        progress.advance()
    progress.close()
    assert stream.getvalue().count("\r") == 2  # the first set and the last one


def test_parallel_review_matches_the_serial_one() -> None:
    rng = random.Random(4)
    submissions = [Submission(owner=f"owner {i}", cycle="2026-Q3", objectives=[
        SubmittedObjective(title=title, key_results=krs) for title, krs in synthetic_set(rng, 2, 3)])
        for i in range(PARALLEL_FROM + 20)]
    parallel = list(review_sets(submissions, Policy(), workers=2))
    assert [r.index for r in parallel] == list(range(len(submissions)))
    for i, review in enumerate(parallel):
        assert review.model_dump() == review_set(i, submissions[i], Policy()).model_dump()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_set_the_rubric_fails_on_is_recorded_and_every_other_set_reviewed(
        monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    real_check = review_module.check_okrs

    def check_with_a_bug(cycle, pairs, policy, analysis=True):  # type: ignore[no-untyped-def]
        if pairs and pairs[0][0] == "Trip the bug":
            raise RuntimeError("boom")
        return real_check(cycle, pairs, policy, analysis=analysis)

    monkeypatch.setattr(review_module, "check_okrs", check_with_a_bug)  # forked workers inherit it
    rng = random.Random(9)
    submissions = [Submission(owner=f"owner {i}", objectives=[
        SubmittedObjective(title="Trip the bug" if i in (3, PARALLEL_FROM + 1) else title, key_results=krs)
        for title, krs in synthetic_set(rng, 1, 2)]) for i in range(PARALLEL_FROM + 5)]
    reviews = list(review_sets(submissions, Policy(), workers=workers))
    assert [r.index for r in reviews] == list(range(len(submissions)))
    failed = [r for r in reviews if r.error]
    assert [r.index for r in failed] == [3, PARALLEL_FROM + 1]
    assert "RuntimeError: boom" in failed[0].error and failed[0].objectives[0].title == "Trip the bug"
    assert all(r.summary.key_results == 2 for r in reviews if not r.error)  # reviewed, not skipped

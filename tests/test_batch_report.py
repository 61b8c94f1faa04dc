"""Reports: streamed JSON is the model, CSV resists formula injection, HTML renders in Chromium with its sections."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from coach.batch.assemble import assemble_report
from coach.batch.imports.upload import read_upload
from coach.batch.models import CompanyObjectiveInput, ReviewReport
from coach.batch.render.to_csv import iter_csv, safe_cell
from coach.batch.render.to_html import highlight, iter_html
from coach.batch.render.to_json import iter_json
from coach.batch.review import review_sets
from rubric.models import Finding
from rubric.policy import Policy

TEAM_CSV = (
    "Owner,Team,Quarter,Objective,Key Result,Aligned to\n"
    "Alice Chen,Growth,2026-Q3,Win the mid-market,Increase brand awareness,CO-1\n"
    "Alice Chen,Growth,2026-Q3,Win the mid-market,Launch 3 onboarding emails,\n"
    "Bob Li,Platform,2026-Q3,Make deploys boring,Maintain 99.9% uptime,\n"
    'Carla <b>Diaz</b>,Sales,2026-Q3,Win the mid-market!,"=HYPERLINK(""http://evil.test"",""x"")",CO-1\n'
    "Dev,Support,2026-Q3,,orphan key result,\n"
)
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report() -> ReviewReport:
    imported = read_upload(TEAM_CSV.encode(), "team.csv")
    reviews = list(review_sets(imported.submissions, Policy()))
    return assemble_report(reviews, Policy(), company=[CompanyObjectiveInput(id="CO-1", title="Grow revenue")],
                           row_errors=imported.errors, warnings=imported.warnings)


def test_streamed_json_is_the_report_model(report: ReviewReport) -> None:
    streamed = "".join(iter_json(report, report.sets))
    assert ReviewReport.model_validate_json(streamed) == ReviewReport.model_validate_json(report.model_dump_json())


def test_summary_counts_sets_owners_rules_and_skipped_rows(report: ReviewReport) -> None:
    summary = report.summary
    assert (summary.sets, summary.owners, summary.row_errors, summary.objectives) == (3, 3, 1, 3)
    assert summary.errors + summary.warnings + summary.infos == sum(len(s.findings) for s in report.sets)
    assert sum(r.findings for r in summary.by_rule) == sum(len(s.findings) for s in report.sets)
    assert [r.findings for r in summary.by_rule] == sorted((r.findings for r in summary.by_rule), reverse=True)
    assert {o.owner for o in summary.by_owner} == {"Alice Chen", "Bob Li", "Carla <b>Diaz</b>"}


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", " =1+1", "\n\u3000@SUM(A1)",
                                  "＝1+1", "  ＋1", "－1", "＠SUM(A1)"])
def test_csv_cells_that_would_run_as_formulas_are_quoted(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell
    assert safe_cell("Grow ARR to $2M") == "Grow ARR to $2M"


def test_csv_report_has_one_row_per_finding_and_no_live_formula(report: ReviewReport) -> None:
    rows = list(csv.reader(io.StringIO("".join(iter_csv(report.sets)))))
    assert rows[0][:3] == ["owner", "team", "cycle"]
    assert len(rows) - 1 == sum(len(s.findings) for s in report.sets)
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


def test_highlight_marks_the_quoted_words_and_never_the_whole_item() -> None:
    def finding(rule: str, severity: str, excerpt: str) -> Finding:
        return Finding(rule=rule, severity=severity, level="key_result", message="m", hint="h", excerpt=excerpt)

    segments = highlight("Launch 3 emails and grow", [finding("activity-key-result", "warning", "Launch"),
                                                      finding("compound", "error", "Launch 3 emails and"),
                                                      finding("vague", "error", "Launch 3 emails and grow")])
    assert [(s.text, s.severity, s.rules) for s in segments] == [
        ("Launch", "error", "activity-key-result, compound"), (" 3 emails and", "error", "compound"),
        (" grow", None, "")]


def test_html_report_is_self_contained_and_escapes_input(report: ReviewReport) -> None:
    html = "".join(iter_html(report, report.sets, "Q3 review"))
    assert "http://" not in html.replace("http://evil.test", "") and "https://" not in html
    assert "<script" not in html and "<link" not in html
    assert "Carla &lt;b&gt;Diaz&lt;/b&gt;" in html and "<b>Diaz</b>" not in html


def test_html_report_renders_in_chromium_with_the_expected_sections(
    report: ReviewReport, chromium_path: str, tmp_path: Path
) -> None:
    page_file = tmp_path / "report.html"
    page_file.write_text("".join(iter_html(report, report.sets, "Q3 review")), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        assert page.title() == "Q3 review · 2026-Q3"
        assert page.locator("h2").all_inner_texts() == [
            "Organisation summary", "Findings by rule", "Owners × rules", "Import problems"]
        stats = dict(zip(page.locator(".stat dt").all_inner_texts(), page.locator(".stat dd").all_inner_texts(),
                         strict=True))
        assert stats["SETS"] == "3" and stats["ROWS SKIPPED"] == "1"
        bars = page.locator("#by-rule svg rect")
        assert bars.count() == len(report.summary.by_rule)
        widest = max(bars.nth(i).bounding_box()["width"] for i in range(bars.count()))  # type: ignore[index]
        assert widest > 300  # the chart is drawn, not an empty box
        assert page.locator("#heatmap svg rect.heat").count() == sum(
            len(o.by_rule) for o in report.summary.by_owner)
        sections = page.locator("article.set")
        assert sections.count() == 3
        assert sections.nth(0).locator("h3").inner_text() == "Alice Chen"
        marked = sections.nth(0).locator("mark")
        assert "Launch" in marked.all_inner_texts()
        assert "warning" in (marked.filter(has_text="Launch").first.get_attribute("class") or "")
        assert sections.nth(2).locator(".rule").all_inner_texts().count("duplicate-across-owners") == 1
        assert "line 6" in page.locator("#import-problems").inner_text()
        browser.close()
    assert requests == [page_file.as_uri()]  # no network: one self-contained file

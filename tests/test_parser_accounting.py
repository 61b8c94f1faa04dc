"""Nothing the user typed disappears: every non-empty line is an item, or in `ignored` with a reason."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubric.draft import ParsedDraft
from rubric.engine import check_okrs, check_text
from rubric.parser import parse, parse_text

_ROW = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def rows(text: str) -> dict[int, tuple[int, int]]:
    """Each non-empty physical line's number and its span without outer whitespace."""
    found = {}
    for number, match in enumerate(_ROW.finditer(text), 1):
        line = match.group().rstrip("\r\n")
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            found[number] = (start, start + len(line.strip()))
    return found


def assert_every_line_accounted_for(text: str, draft: ParsedDraft) -> None:
    lines = rows(text)
    pieces = [piece for objective in draft.objectives
              for item in (objective.title, *objective.key_results) for piece in item.pieces]
    items = {number for number, (start, end) in lines.items() if any(start <= s < end for s, _ in pieces)}
    ignored = {entry.line: entry for entry in draft.ignored}
    assert len(ignored) == len(draft.ignored), "a line is reported twice"
    assert not items & ignored.keys(), "a line is both an item and ignored"
    assert items | ignored.keys() == lines.keys(), "a non-empty line is unaccounted for"
    for number, entry in ignored.items():
        assert (entry.start, entry.end) == lines[number]
        assert entry.text == text[entry.start : entry.end]
    assert [entry.line for entry in draft.ignored] == sorted(ignored)


# Lines the way teams write them: labels, levels, tags, tables, notes, prose, emoji, tabs, junk.
_LINES = st.sampled_from([
    "Objective: Ship the beta!", "O1: Win the mid-market", "KR2 - Ana: 60 SQLs from webinars", "KR 1.3: [P1] NPS 40",
    "Company key result: Churn from 3% to 2%", "  Initiative: Referral credit", "    - task: rewrite docs",
    "Key Results:", "Initiatives:", "Notes", "- Owner: Priya", "Status: on track", "## Team Platform — H2 goals",
    "# FY27 H1 OKRs", "**Make hiring predictable**", "1) Close the books", "\ta)\tDays to close 11 -> 5",
    "🎯 Keep people coming back", "✅ Day-30 retention 25%", "| Objective | Key Result | Owner | Due |",
    "|---|---|---|---|", "| Grow | Revenue $2M | Li | Mar 31 |", "|  | 40 logos | Li | - |", "--- | ---",
    "Goal | Measure", "Hey team, first cut below. Comments welcome!", "thx!", "---", "- ", "**", "   ", "",
    "• Zero-result searches from 14% to 5%", "Hire a head of partnerships", "Objective 2:", "KR:", "| a |",
])
DRAFTS = st.one_of(
    st.lists(_LINES | st.text(max_size=30), max_size=30).map("\n".join),
    st.lists(_LINES, max_size=30).map("\r\n".join),
    st.text(max_size=300),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS)
def test_every_non_empty_line_is_an_item_or_ignored_with_a_reason(text: str) -> None:
    assert_every_line_accounted_for(text, parse(text))  # parse, not parse_text: a crash must fail the test


@pytest.mark.parametrize("text", ["", "\n\n", "  \t  ", "a", "---\n- \n**\n", "x\r\ny\rz\n\n"])
def test_small_inputs_are_accounted_for(text: str) -> None:
    assert_every_line_accounted_for(text, parse(text))


def reasons(text: str) -> list[tuple[int, str, str]]:
    draft = parse(text)
    assert_every_line_accounted_for(text, draft)
    return [(entry.line, entry.text, entry.reason) for entry in draft.ignored]


def test_reasons_for_a_pasted_draft() -> None:
    text = (
        "## Team Platform — H2 goals\n"
        "Hi all, here is the draft. Comments welcome!\n"
        "\n"
        "Objective 1:\n"
        "Make deploys boring\n"
        "Owner: Sam\n"
        "Key Results:\n"
        "- Deploy success rate from 91% to 99%\n"
        "    - task: canary for every service\n"
        "    - Baseline: the March export\n"
        "-----\n"
        "Risks\n"
        "- the queue migration may slip\n"
        "\n"
        "Thanks!\n"
    )
    assert reasons(text) == [
        (1, "## Team Platform — H2 goals", "cycle"),
        (2, "Hi all, here is the draft. Comments welcome!", "comment"),
        (4, "Objective 1:", "label"),
        (6, "Owner: Sam", "note"),
        (7, "Key Results:", "label"),
        (9, "- task: canary for every service", "initiative"),
        (10, "- Baseline: the March export", "note"),
        (11, "-----", "separator"),
        (12, "Risks", "note"),
        (13, "- the queue migration may slip", "note"),
        (15, "Thanks!", "comment"),
    ]


def test_initiatives_under_key_results_are_kept_apart() -> None:
    text = (
        "Objective: Become the clinic software people recommend\n"
        "  Company key result: NPS from 31 to 45\n"
        "    Initiative: Quarterly customer advisory board\n"
        "  Team key result: 120 referrals from existing clinics\n"
        "    Task - referral credit on the billing page\n"
        "Initiatives:\n"
        "- Docs office hours\n"
    )
    draft = parse(text)
    assert [(o.title.text, [k.text for k in o.key_results]) for o in draft.objectives] == [
        ("Become the clinic software people recommend", ["NPS from 31 to 45", "120 referrals from existing clinics"]),
    ]
    assert [(e.line, e.reason) for e in draft.ignored] == [(3, "initiative"), (5, "initiative"), (6, "initiative"),
                                                           (7, "initiative")]


def test_a_table_is_read_row_by_row_with_its_due_column() -> None:
    text = (
        "| **Objective** | Key result (KR) | Owner | Due date |\n"
        "|:--|:--|--|--|\n"
        "| Answer faster | First response from 9h to 2h | Priya | 31 Mar |\n"
        "| answer  faster | 80% of chats solved without handoff | Priya | TBD |\n"
        "| | | | |\n"
        "| Make docs carry the load | Self-serve rate from 22% to 40% | Tom | end of Q2 |\n"
        "| Hire a docs writer | | Tom | |\n"
    )
    draft = parse(text)
    assert [(o.title.text, [(k.text, k.due and k.due.text) for k in o.key_results]) for o in draft.objectives] == [
        ("Answer faster", [("First response from 9h to 2h", "31 Mar"), ("80% of chats solved without handoff", None)]),
        ("Make docs carry the load", [("Self-serve rate from 22% to 40%", "end of Q2")]),
        ("Hire a docs writer", []),
    ]
    for objective in draft.objectives:
        for item in (objective.title, *objective.key_results):
            assert text[item.start : item.end] == item.text  # the cell's own text, not the row
    due = draft.objectives[0].key_results[0].due
    assert due is not None and text[due.start : due.end] == "31 Mar"
    assert reasons(text) == [(1, text.splitlines()[0], "table-header"), (2, "|:--|:--|--|--|", "table-separator"),
                             (5, "| | | | |", "table-row")]


def test_line_breaks_inside_a_key_result_cell_separate_key_results() -> None:
    text = ("| Objective | Key results | Due |\n|---|---|---|\n"
            "| Grow the base | 100 weekly actives<br>40% activation <br/> | Q3 |\n")
    draft = parse(text)
    assert [(k.text, k.due and k.due.text) for k in draft.objectives[0].key_results] == [
        ("100 weekly actives", "Q3"), ("40% activation", "Q3"),
    ]
    assert all(text[k.start : k.end] == k.text for k in draft.objectives[0].key_results)


@pytest.mark.parametrize("header", [
    "| Team | Notes |",  # no key-result column
    "| Objective | Key result |",  # no separator row follows
])
def test_tables_that_hold_no_okrs_are_reported_not_read(header: str) -> None:
    separator = "|---|---|\n" if "Team" in header else ""
    text = f"{header}\n{separator}| Grow | Revenue from $1M to $2M |\n"
    draft = parse(text)
    assert_every_line_accounted_for(text, draft)
    assert all(not o.key_results or o.title.text != "Grow" for o in draft.objectives)


def test_a_tables_due_column_is_the_key_results_deadline() -> None:
    table = "| Objective | Key result | Due |\n|---|---|---|\n| Grow | Revenue from $1M to $2M | {due} |\n"
    dated, undated = check_text(table.format(due="30 Sep")), check_text(table.format(due="-"))
    assert [k.due for o in dated.okrs.objectives for k in o.key_results] == ["30 Sep"]
    assert "missing-deadline" not in {f.rule for f in dated.findings}
    assert [k.due for o in undated.okrs.objectives for k in o.key_results] == [None]
    assert "missing-deadline" in {f.rule for f in undated.findings}


def test_the_reply_lists_ignored_lines_for_text_and_none_for_structured_input() -> None:
    text = "Draft, comments welcome.\n\nObjective: Grow\nKR: Revenue from $1M to $2M by Q3\n"
    assert [(i.line, i.reason) for i in check_text(text).ignored] == [(1, "comment")]
    assert check_okrs(None, [("Grow", ["Revenue from $1M to $2M by Q3"])]).ignored == []


def test_a_failed_parse_reports_every_line_as_unparsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> None:
        raise IndexError("bug")

    monkeypatch.setattr("rubric.parser.split_lines", broken)
    text = "Objective: Grow\n\n  KR: Revenue from $1M to $2M  \r\nlast"
    draft = parse_text(text)
    assert draft.objectives == []
    assert_every_line_accounted_for(text, draft)
    assert {entry.reason for entry in draft.ignored} == {"unparsed"}

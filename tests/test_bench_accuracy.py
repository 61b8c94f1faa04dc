"""bench.accuracy scores any labelled file in the dev-set format, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.accuracy import main, ratios, score

CASES = [
    {"id": "a", "okrs": {"cycle": "2027-Q1", "objectives": [
        {"title": "Grow the newsletter", "key_results": ["Increase open rate", "Subscribers from 1,000 to 1,600"]},
    ]}, "scope": "full", "expected": [
        {"rule": "vague-change", "objective": 0, "key_result": 0},
        {"rule": "missing-baseline", "objective": 0, "key_result": 1},  # wrong on purpose: a false label
    ]},
    {"id": "b", "okrs": {"cycle": None, "objectives": [{"title": "", "key_results": [{"text": "Launch the blog"}]}]},
     "scope": "key_result", "expected": [
         {"rule": "activity-key-result", "objective": 0, "key_result": 0},
         {"rule": "no-measurable-target", "objective": 0, "key_result": 0},
     ], "disputed": [{"rule": "missing-deadline", "objective": 0, "key_result": 0}]},
]


def test_score_counts_hits_misses_and_ignores_disputed_and_out_of_scope() -> None:
    tally, count = score(CASES)
    assert count == 2
    assert tally.tp["vague-change"] == 1 and tally.tp["activity-key-result"] == 1
    assert tally.fn["missing-baseline"] == 1  # the false label is reported as a miss
    assert tally.fp["missing-deadline"] == 0  # disputed: counted neither way
    assert tally.fp["too-few-key-results"] == 0 and tally.tp["too-few-key-results"] == 0  # not labelled, not fired
    assert any(line.startswith("FN a missing-baseline") for _, line in tally.errors)


def test_ratios() -> None:
    assert ratios(8, 2, 0) == pytest.approx((0.8, 1.0, 2 * 0.8 / 1.8))
    assert ratios(0, 0, 0) == (1.0, 1.0, 1.0)


def test_main_prints_the_table_and_exits_by_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("\n".join(json.dumps(c) for c in CASES) + "\n", encoding="utf-8")
    assert main([str(labelled)]) == 0
    out = capsys.readouterr().out
    assert "vague-change" in out and "micro over 2 cases" in out
    assert main([str(labelled), "--min-f1", "0.99"]) == 1

"""Property tests: the parser and the engine never raise, and spans always slice the original text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubric.analysis import describe
from rubric.engine import check_okrs, check_text
from rubric.placeholders import PLACEHOLDER, may_hold_placeholder

LINES = st.sampled_from([
    "Objective: Grow the community 🚀", "KR: Increase brand awareness", "- Monthly actives from 45 to 120 by Q3",
    "## Objective 2: Make Übersetzungen first-class", "  • Key Result #1 – Reduce churn from 5% to 3%",
    "1. Build a partner channel", "   1.1 Partner pipeline of $2M", "**Make support personal**", "Notes:",
    "KR1.2: TBD", "O: Keep the queue under control", "Q3 2026 OKRs", "", "\t- Launch X%", "\r",
])
DRAFTS = st.one_of(st.text(max_size=400), st.lists(LINES | st.text(max_size=40), max_size=30).map("\n".join))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(DRAFTS)
def test_check_text_never_raises_and_spans_slice_the_text(text: str) -> None:
    result = check_text(text)
    for objective in result.okrs.objectives:
        assert objective.start is not None and objective.end is not None
        assert 0 <= objective.start <= objective.end <= len(text)
        for kr in objective.key_results:
            assert kr.start is not None and kr.end is not None and 0 <= kr.start <= kr.end <= len(text)
    for finding in result.findings:
        if finding.start is not None:
            assert finding.end is not None
            assert 0 <= finding.start <= finding.end <= len(text)
            if finding.excerpt and "\n" not in text[finding.start : finding.end]:
                assert text[finding.start : finding.end] == finding.excerpt


@FAST
@given(st.text(max_size=30), st.lists(st.lists(st.text(max_size=80), max_size=7), max_size=7))
def test_check_okrs_never_raises(cycle: str, krs: list[list[str]]) -> None:
    result = check_okrs(cycle or None, [(f"Objective {i}", k) for i, k in enumerate(krs)])
    for finding in result.findings:
        assert finding.objective is None or 0 <= finding.objective < len(krs)


@FAST
@given(st.text(max_size=200))
def test_analysis_positions_are_inside_the_text(text: str) -> None:
    analysis = describe(text)
    for quantity in analysis.quantities:
        assert text[quantity.start : quantity.end] == quantity.text
    for time in analysis.time:
        assert text[time.start : time.end] == time.text


# Pieces of every kind of placeholder, near-misses and filler, joined at random.
_PLACEHOLDERISH = st.lists(st.sampled_from([
    "TBD", "tbc", "TODO", "todo", "FIXME", "XXX", "??", "???", "___", "N%", "XY %", "Z", " X ", "[owner]", "<name>",
    "Tb", "tOdo", "x%", "n %", "[12]", "<1>", "(formerly", "$", ".", "-", " ", "a", "Q3", "10%", "N4", "$Xk",
    "X,XXX", "{metric}", "#%", "?%", "...%", "…", "xxx", "<Name>", "xx", "T.B.D.", "__", "$$", "Q?", " to x",
    " from ? ", "by n", " reach ...", "at x", "to x:", "hit n.",
]), max_size=8).map("".join)


@given(st.one_of(st.text(max_size=60), _PLACEHOLDERISH))
@settings(max_examples=600, deadline=None)
def test_the_placeholder_prefilter_never_hides_a_placeholder(text: str) -> None:
    """The cheap search that skips the full placeholder pattern must find something wherever it would."""
    assert may_hold_placeholder(text) or not PLACEHOLDER.search(text)

"""Property tests on every parser: free text (items point back into the draft), the CLI's JSON sources and
the review importers (CSV, JSON, text uploads): any input gives a result, well-formed input round-trips."""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coach.batch.imports.problems import ImportFailure
from coach.batch.imports.upload import read_upload
from coach.cli.main import request_from_source
from rubric.parser import parse_text
from rubric.spans import SourceText

FAST = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
LINES = st.sampled_from([
    "Objective: Grow the community", "KR: Increase weekly actives from 40 to 90", "Key Results:", "- Ship v2",
    "## Objective 2: Make onboarding delightful", "  * KR 2.1 – Cut time to value from 9 to 3 days", "1. Own EMEA",
    "   a) Partner pipeline of $2M", "**Make support personal**", "Notes: ask Sam", "Q3 2026 OKRs", "", "\t•", "O:",
    "Objective:", "KR1:", "  ", "\u00a0- 🚀 launch", "Objective: x\r", "1.1", "#", "**", "Key Result #3 -",
])
DRAFTS = st.one_of(st.text(max_size=300), st.lists(LINES | st.text(max_size=30), max_size=25).map("\n".join))
WORDS = st.sampled_from(["grow", "revenue", "from", "to", "by", "Q3", "the", "weekly", "users", "40%", "$2M",
                         "launch", "partner", "churn", "NPS", "cut", "3", "days", "onboarding", "café", "über"])
ITEM = st.lists(WORDS, min_size=2, max_size=8).map(" ".join)


def items(text: str) -> list[SourceText]:
    draft = parse_text(text)
    return [piece for objective in draft.objectives for piece in (objective.title, *objective.key_results)]


@FAST
@given(DRAFTS)
def test_every_item_is_trimmed_slices_of_the_draft_and_no_two_share_text(text: str) -> None:
    parsed = items(text)
    for item in parsed:
        assert item.pieces, item
        assert list(item.pieces) == sorted(item.pieces)
        for start, end in item.pieces:
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()
        assert item.text == " ".join(text[s:e] for s, e in item.pieces)
    spans = sorted(piece for item in parsed for piece in item.pieces)
    assert all(end <= next_start for (_, end), (next_start, _) in pairwise(spans))


@FAST
@given(DRAFTS)
def test_parsing_is_deterministic(text: str) -> None:
    assert parse_text(text) == parse_text(text)


@FAST
@given(st.lists(st.tuples(ITEM, st.lists(ITEM, max_size=5)), min_size=1, max_size=6),
       st.sampled_from(["\n", "\r\n"]), st.sampled_from(["KR: ", "- ", "Key Result: "]))
def test_a_labelled_draft_parses_back_to_what_was_written(
    sets: list[tuple[str, list[str]]], newline: str, kr_label: str
) -> None:
    lines = [line for title, krs in sets for line in (f"Objective: {title}", *(kr_label + kr for kr in krs))]
    draft = parse_text(newline.join(lines))
    assert [(o.title.text, [kr.text for kr in o.key_results]) for o in draft.objectives] == sets


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "okrs", "objectives", "title", "key_results", "cycle", "policy", "x"]), inner,
        max_size=4),
    max_leaves=15,
)


@FAST
@given(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=200)))
def test_the_cli_source_reader_gives_a_request_or_a_validation_error(source: str) -> None:
    try:
        request = request_from_source(source)
    except ValidationError as exc:
        assert exc.errors()  # each error names a field and a reason, which the CLI prints
        return
    assert (request.text is None) != (request.okrs is None)


CELL = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)
OWNERS = st.sampled_from(["Ana Silva", "Bob Li", "Chen Wei", "Dana Øberg"])


@FAST
@given(st.binary(max_size=600), st.sampled_from([None, "csv", "json", "text"]))
def test_any_upload_imports_into_submissions_and_row_errors(data: bytes, format: str | None) -> None:
    """Row problems are row errors; only an unreadable file as a whole is an ImportFailure (a 422)."""
    try:
        result = read_upload(data, format=format)  # type: ignore[arg-type]
    except ImportFailure as failure:
        assert failure.field and failure.message
        return
    for error in result.errors:
        assert error.location and error.message
        assert error.line is None or 1 <= error.line <= data.count(b"\n") + 1
    for submission in result.submissions:
        assert submission.objectives or submission.text is not None


@FAST
@given(st.lists(st.tuples(OWNERS, CELL, CELL), min_size=1, max_size=12), st.sampled_from([",", ";", "\t"]))
def test_a_csv_export_imports_every_row(rows: list[tuple[str, str, str]], delimiter: str) -> None:
    lines = [delimiter.join(["Owner", "Objective", "Key Result"])]
    lines += [delimiter.join(row) for row in rows]
    result = read_upload("\n".join(lines).encode(), filename="okrs.csv")
    assert result.errors == []
    imported = {(s.owner, o.title, kr) for s in result.submissions for o in s.objectives for kr in o.key_results}
    assert imported == set(rows)


@FAST
@given(st.lists(st.tuples(OWNERS, st.lists(st.tuples(CELL, st.lists(CELL, max_size=4)), min_size=1, max_size=4)),
                min_size=1, max_size=5))
def test_a_json_upload_imports_every_set(sets: list[tuple[str, list[tuple[str, list[str]]]]]) -> None:
    body = [{"owner": owner, "objectives": [{"title": t, "key_results": krs} for t, krs in objectives]}
            for owner, objectives in sets]
    result = read_upload(json.dumps(body).encode(), filename="okrs.json")
    assert result.errors == []
    assert [(s.owner, [(o.title, o.key_results) for o in s.objectives]) for s in result.submissions] == sets

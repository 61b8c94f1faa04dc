"""The review as JSON (`ReviewReport`), produced set by set so a large review never sits in one string."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from coach.batch.models import ReviewReport, SetReview


def iter_json(head: ReviewReport, sets: Iterable[SetReview]) -> Iterator[str]:
    """`head` with `sets` as its set list: the same document as `ReviewReport.model_dump_json()`, in pieces."""
    fields = head.model_dump_json(exclude={"sets"})
    yield fields[:-1] + ',"sets":['
    for n, review in enumerate(sets):
        yield ("," if n else "") + review.model_dump_json()
    yield "]}"

"""Checking a key result costs time in proportion to its length, whatever it is made of (issue 14).

Adversarial lines (runs of numbers, spaces, punctuation, repeated "and", "from 1 to 2", placeholders)
are compared with a plain sentence of the same length, by CPU time and as a ratio: no absolute
time is asserted, so a slow or busy machine cannot fail the test, but a reader that pairs every
number with every other (quadratic) does, by orders of magnitude.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from rubric.engine import check_okrs

PLAIN = "Increase weekly active users in the new markets "
PIECES = [
    "1 ", "12.5% ", "$3k ", " " * 40, ".,;:-!?()[]", "and ", "& ", "from 1 to 2 ", "1 and 2% or 3x, ", "- 1 - 2 ",
    "12 posts shipped and ", "X% TBD ?? [a] ", "one two three ", "by Q3 ", "21:00 ", "24/7 ", "v2 ", "1/5 ",
    "Increase ", "; ", "Apollo 11 ", "xx ", "per day ",
]
RATIO = 8.0  # measured worst case today is about 3: generous on purpose, a quadratic reader is far beyond it
LENGTH = 6000


def _cost(text: str) -> float:
    """The best of three CPU times of checking `text` as a key result; each run drops a different last
    character, so no cache can answer for it."""
    best = float("inf")
    for cut in range(3):
        started = time.process_time()
        check_okrs(None, [("Grow the business", [text[: len(text) - cut]])])
        best = min(best, time.process_time() - started)
    return max(best, 1e-6)


def _line(pattern: list[str], length: int) -> str:
    unit = "".join(pattern)
    return (unit * (length // len(unit) + 1))[:length]


@settings(max_examples=12, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4))
def test_adversarial_lines_cost_no_more_per_character_than_a_sentence(pattern: list[str]) -> None:
    plain = _cost(_line([PLAIN], LENGTH))
    adversarial = _cost(_line(pattern, LENGTH))
    assert adversarial / plain <= RATIO, f"{pattern!r}: {adversarial / plain:.1f}x a plain line of the same length"


@settings(max_examples=6, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3))
def test_cost_grows_linearly_with_length(pattern: list[str]) -> None:
    short, long = _cost(_line(pattern, LENGTH // 2)), _cost(_line(pattern, LENGTH * 2))
    assert long / short <= 4 * 2.5, f"{pattern!r}: 4x the length cost {long / short:.1f}x the time"

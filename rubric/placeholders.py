"""Find template leftovers that stand where a value or a name should be (RUBRIC.md placeholder).

TBD, TODO, ???, ___, X%, xx%, $Xk, X,XXX, N1/N2 (numbered stand-ins), "from X to Y", [feature],
<number>, {metric}. Names that hold a letter ("Platform X", "Gen Z", "X (formerly Twitter)") and
tags in a label around the item ("[Growth] ...", "... [Alice]") are not placeholders.
"""

from __future__ import annotations

import re

from rubric import lexicon as lx

Span = tuple[int, int]

PLACEHOLDER = re.compile(
    r"\b(?:TBD|TBC|TBA|TODO|FIXME|XXX|tbd|tbc|tba|todo|xxx|xx)\b|T\.B\.[DC]\.?|\?{2,}|_{2,}|[$€£]{2,}|\bQ\?|"
    r"(?<![\w$])(?:[XYZNxn]{1,3}(?:[.,][Xx]{1,3})?|#|\?|\.{3}|…)\s?%|"  # X%, xx%, X.X%, #%, ?%
    r"[$€£]\s?[XYZxN]{1,3}(?:[kKmMbB]|bn)?\b|"  # $X, $XXk
    r"\b[Xx]{1,3}(?:,[Xx]{3})+\b|"  # X,XXX
    r"\b[NXYZ]\d\b|\b([XYZN])\1{1,2}\b|"  # N1, N4: numbered stand-ins; XX, NN
    r"\[[^\]\d]{1,40}\]|<[A-Za-z][^<>\d]{0,38}>|\{[^{}\d]{1,40}\}|"
    r"(?<![\w.-])[XYZ](?![\w-]|\.\w|\s*\()|"
    # a lone x, n, ? or ... where a number goes: "grow to x users", "from ? to 40"
    r"(?:(?<=\bto\s)|(?<=\bfrom\s)|(?<=\bby\s)|(?<=\bat\s)|(?<=\b[Rr]each\s)|(?<=\b[Hh]it\s))"
    r"(?:[xnN](?![\w-])|\?(?!\w)|\.{3}|…)|"
    r"(?<=[a-z]\s)N(?=\s+[a-z])"  # "Sign N new resellers"
)
# Every placeholder above contains one of these: a cheap search that skips the full pattern for
# the ~95% of texts that cannot hold one (the full pattern tries its alternatives at every position).
MAYBE_PLACEHOLDER = re.compile(
    r"[?_\[<{XYZN#…]|\.\.\.|[xn]\s?%|xx|[$€£]\s?[x$€£]|TB|tb|TODO|todo|T\.B|(?:to|from|by|at|each|it)\s[xn]\b"
)


def find_placeholders(text: str, content: Span) -> tuple[tuple[Span, ...], bool]:
    """Placeholder spans in `text`, and whether one stands for a value ('X%', 'from ??? to 300', 'TBD'), not a name.

    `content` is where the item's own words are: a bracketed tag outside it is a label, not a placeholder.
    """
    if not MAYBE_PLACEHOLDER.search(text):
        return (), False
    found = [m for m in PLACEHOLDER.finditer(text) if not _is_name(text, m) and not _is_tag(m, content)]
    return tuple(m.span() for m in found), any(m.group()[:1] not in "[<{" for m in found)


def _is_name(text: str, match: re.Match[str]) -> bool:
    """'Platform X' or 'Gen Z' name something; a lone X elsewhere stands in for a value."""
    if match.group() not in {"X", "Y", "Z"}:
        return False
    before = text[max(0, match.start() - 24) : match.start()].split()
    return bool(before) and before[-1].lower() in lx.NAMED_LETTER_PREFIXES


def _is_tag(match: re.Match[str], content: Span) -> bool:
    """'[Growth] Publish ...', '... [Alice]': a bracketed word in the label around the item."""
    inside = match.group()
    if inside[:1] not in "[{<" or content[0] <= match.start() < content[1]:
        return False
    return inside[1:-1].strip().lower() not in {"tbd", "tbc", "todo", "x", "n", "xx", "xxx", "?"}

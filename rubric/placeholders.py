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
# Every placeholder above holds one of these characters or fragments: cheap tests that skip the full
# pattern (which tries its alternatives at every position) for the ~95% of texts that cannot hold one.
_MAYBE_CHARS = re.compile(r"[?_\[<{XYZN#…]")
_LETTER_PERCENT = re.compile(r"[xn]\s?%")
_LONE_LETTER = re.compile(r"\s[xn](?![\w-])")
_LETTER_MONEY = re.compile(r"[$€£]\s?[x$€£]")


def may_hold_placeholder(text: str) -> bool:
    """False when `text` certainly holds no placeholder (True means: run the full pattern)."""
    if _MAYBE_CHARS.search(text):
        return True
    lowered = text.lower()
    if "tb" in lowered or "todo" in lowered or "t.b" in lowered or "..." in text or "xx" in lowered:
        return True
    if (" x" in lowered or " n" in lowered) and _LONE_LETTER.search(lowered):
        return True
    if "%" in text and _LETTER_PERCENT.search(lowered):
        return True
    return ("$" in text or "€" in text or "£" in text) and _LETTER_MONEY.search(lowered) is not None


def find_placeholders(text: str, content: Span) -> tuple[tuple[Span, ...], bool]:
    """Placeholder spans in `text`, and whether one stands for a value ('X%', 'from ??? to 300', 'TBD'), not a name.

    `content` is where the item's own words are: a bracketed tag outside it is a label, not a placeholder.
    """
    if not may_hold_placeholder(text):
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

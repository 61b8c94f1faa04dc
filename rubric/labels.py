"""Find where an item's own words start and end, past the labels teams put around them.

Real drafts carry bullets, emoji, numbering ("KR2 -", "1.2)"), priorities ("[P1]", "P0:"),
tags ("#growth"), owners ("(Alice)", "Growth team:", "@bob") and status marks around the
sentence. Reading the verb or the done-state from the first or last word must skip them; the
text itself is never changed, so positions stay those of the input.
"""

from __future__ import annotations

import re

from rubric import lexicon as lx

# Each pattern matches one label at the start; they are applied until none matches.
_LEADING = [
    re.compile(r"[^\w\s$€£¥<>≤≥~+\-−.\[(\"'“‘#@]+\s*"),  # emoji, bullets, arrows, stars
    re.compile(r"[-–—*•]+\s+"),  # dash bullets
    re.compile(r"(?:KR|O|OKR|Objective|Key\s+result)\s*#?\d+(?:[.-]\d+)*\s*[-–—:.)|]\s*", re.I),
    re.compile(r"(?:KR|O)\s*\d+(?:\.\d+)*\s+(?=[A-Za-z])", re.I),  # "KR2 Launch"
    re.compile(r"\d{1,2}(?:\.\d{1,2})*[.)]\s+(?=\D)"),  # "1. ", "1.2) "
    re.compile(r"\[[^\]\n]{1,30}\]\s*[-–—:]?\s*"),  # "[P1]", "[Growth]"
    re.compile(r"\((?:[^()\d\n]{1,30}|[Pp]\d)\)\s*[-–—:]?\s*"),  # "(Alice)", "(P0)"
    re.compile(r"[Pp][0-4]\s*[-–—:|]\s*|[Pp][0-4]\s+(?=[A-Za-z])"),  # "P1 -", "p0: "
    re.compile(r"[#@][\w-]+\s*[-–—:]?\s*"),  # "#growth", "@alice"
    re.compile(r"(?:Owner|Lead|DRI|Team)\s*:\s*[^,;:\n]{1,30}?\s*[-–—:|]\s+", re.I),  # "Owner: Bob -"
    # "Growth team: Publish ..." / "Alice - Publish ...": a short name before a colon or dash.
    re.compile(r"[A-Z][\w&.'’/]*(?:\s+[\w&.'’/]+){0,2}\s*:\s+(?=\S+\s+\S)"),
    re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+[-–—]\s+(?=\S+\s+\S)"),
]
_TRAILING = [
    re.compile(r"\s*[^\w\s%$€£¥)\]>.!?\"'”’]+$"),  # emoji, arrows
    re.compile(r"\s*[.!;,]+$"),
    re.compile(r"\s*[-–—|]\s*(?:owner:\s*)?@?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?$"),  # "— Bob", "| @alice"
    re.compile(r"\s+@[\w.-]+$"),  # "@alanshaw"
    re.compile(r"\s*\((?:owner:\s*|@)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\)$"),  # "(Alice)", "(Bob Smith)"
    re.compile(r"\s*\[(?:owner:\s*)?[^\]\d]{1,30}\]$"),  # "[Alice]", "[done]"
    re.compile(r"\s+#[\w-]+$"),  # "#growth"
    re.compile(r"\s*[-–—|,;(\[]?\s*(?:owner|dri|lead)\s*:\s*[\w .@-]{1,30}[)\]]?$", re.I),  # "Owner: Bob"
]
_TAIL = 48
# Cheap tests that skip the pattern loops for the many items with no label at all.
_MAYBE_LEADING = re.compile(r"[^\w\s]|(?:KR|OKR|O|P)\s*#?\d|\d{1,2}[.)]|(?:Owner|Lead|DRI|Team|Objective|Key)\b", re.I)
_NAME_LABEL = re.compile(r":\s| [-–—] ")
_PLAIN_END = re.compile(r"[–—|@#:]|\s-|-\s")  # a trailing owner, tag or status needs one of these
_TAIL_MARKS = ("–", "—", "|", "@", "#", ":", " -", "- ")
_HEAD_MARKS = (":", " - ", " – ", " — ")
_SPACES = re.compile(r"\s*")
_LABEL_WORDS = re.compile(r"[A-Za-z]+")
# A "Name:" label is a name, not the first words of a sentence that happens to hold a colon.
_NOT_A_LABEL = lx.LINKING_PREPOSITIONS | {"to", "the", "and", "than"}


def content_span(text: str) -> tuple[int, int]:
    """The (start, end) of the item's own words inside `text`, without labels around them."""
    if not text:
        return 0, 0
    if text[0].isalnum() and (text[-1].isalnum() or text[-1] == "%") and not _marked(text[:_TAIL], _HEAD_MARKS) \
            and not _marked(text[-_TAIL:], _TAIL_MARKS) and _MAYBE_LEADING.match(text) is None:
        return 0, len(text)  # most items: no mark a label could start or end with
    start = _skip_leading(text)
    end = _skip_trailing(text, start)
    return start, max(start, end)


def _marked(piece: str, marks: tuple[str, ...]) -> bool:
    return any(mark in piece for mark in marks)


def _skip_leading(text: str) -> int:
    position = _SPACES.match(text).end()  # type: ignore[union-attr]  # always matches
    if not _MAYBE_LEADING.match(text, position) and not _NAME_LABEL.search(text, position, position + _TAIL):
        return position
    for _ in range(8):  # a few labels in a row at most ("🚀 [P1] KR2 - ")
        for pattern in _LEADING:
            match = pattern.match(text, position)
            if match and match.end() > position and _is_label(pattern, match):
                position = match.end()
                break
        else:
            break
    return position


def _is_label(pattern: re.Pattern[str], match: re.Match[str]) -> bool:
    """A 'Name:' or 'Name -' label holds no linking words ("Revenue from: ..." is a sentence)."""
    if pattern not in _LEADING[-2:]:
        return True
    words = {w.lower() for w in _LABEL_WORDS.findall(match.group())}
    return not words & _NOT_A_LABEL


def _skip_trailing(text: str, start: int) -> int:
    end = len(text.rstrip())
    last = text[end - 1 : end]
    if (last.isalnum() or last == "%") and _PLAIN_END.search(text, max(start, end - _TAIL), end) is None:
        return end  # ends in a word with no owner, tag or dash near the end: nothing to strip
    for _ in range(6):
        window = max(start, end - _TAIL)  # labels are short: look only at the tail (keeps this linear)
        for pattern in _TRAILING:
            match = pattern.search(text, window, end)
            if match and match.start() < end and match.start() > start:
                end = match.start()
                break
        else:
            break
    return end

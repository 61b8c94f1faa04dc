"""The parser's patterns and word lists, in one place: the grammar of one line, headers, titles, cycles.

Every group in `LINE_RE` is named; readers use the names, so adding a group moves nothing.
"""

from __future__ import annotations

import re

_SPACE = r"[^\S\r\n]"  # whitespace inside a line
_EMOJI = r"[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
_BULLET = (
    # Cheap lookahead first: most lines start with a letter and no marker.
    r"(?=[-*+–—‐•▪‣◦·●○■□►▸➤➢✓✔→⁃∙\uf0b7\uf0a7\d(]|[a-zA-Z][.)\t]|[ivxIVX]{2,4}[.)]|" + _EMOJI + r")(?P<bullet>"
    r"(?P<glyph>[-*+–—‐](?=\s)|[•▪‣◦·●○■□►▸➤➢✓✔→⁃∙\uf0b7\uf0a7]\ufe0f?|o(?=\t))"  # "o" + tab: Word's level 2
    r"|(?P<decimal>\d{1,2})(?:\.\d{1,2})+\.?(?=\s)"  # 1.1, 2.3.1
    r"|\(?(?P<number>\d{1,3}|[IVX]{1,4})[.)](?=\s)|\((?P<paren>\d{1,3})\)"  # 1. 1) (1) IV.
    r"|(?P<keycap>\d)\ufe0f?\u20e3(?=\s)"  # 1️⃣
    r"|\(?[a-zA-Z][.)](?=\s)|\([a-zA-Z]\)|[ivx]{1,4}[.)](?=\s)"  # a) b. (c) iv.
    # "✅ Cold start under 1.5s": an emoji (with its variation selector or skin tone) as the bullet
    r"|(?P<emoji>" + _EMOJI + r"(?:\ufe0f|\u200d" + _EMOJI + r"|[\U0001f3fb-\U0001f3ff])*)(?=\s)"
    r")"
)
# After a label: a colon, a dash or dot before a space, or nothing after a number ("KR1 Revenue").
_SEP = r"(?:\*\*?|__)?" + _SPACE + r"*(?:[:：]|[-–—.)](?=\s|$)|(?<=[\d#])(?=\s|$))(?:" + _SPACE + r"*(?:\*\*?|__))?"
# "Company key result:", "Team objective 2:": a level named before the label. Each label starts with a
# cheap lookahead on its first letter, so the common line that holds no label fails fast.
_QUALIFIER = (
    r"(?:(?=[ctdgsqa])(?:company|team|department|dept\.?|group|shared|stretch|committed|aspirational|quarterly|annual)"
    + _SPACE + r"+)?"
)
_KR_LABEL = (
    r"(?=k)(?P<kr>krs?|key" + _SPACE + r"*results?)(?![^\W\d_])" + _SPACE + r"*(?:[#-]" + _SPACE + r"*)?"
    r"(?:\((?=\d{1,3}\)))?(?P<krnum>\d{1,3}(?:\.\d{1,3})*[a-z]?)?\)?" + _SEP  # KR1.2, KR(3)
)
_OBJECTIVE_LABEL = (
    r"(?=[og])(?P<objective>(?:objective|obj\.?|goal)(?![^\W\d_])|okr(?=" + _SPACE + r"*#?\d)|o(?=[\s#\d:：]))"
    + _SPACE + r"*(?:#" + _SPACE + r"*)?"
    r"(?P<objnum>\d{1,3}(?:\.\d{1,3})*|[ivx]{1,4}(?![^\W\d_])|[a-z](?=" + _SPACE + r"*[:：.)–—-]))?"
    r"(?:" + _SPACE + r"*\([^)\r\n]{0,40}\))?" + _SEP  # "Objective 2 (stretch):"
)
# "Initiative:", "Task 2 -", "Action items:": planned work, which is never a key result.
_INITIATIVE_LABEL = (
    r"(?=[itpea])(?P<initiative>initiatives?|tasks?|projects?|epics?|action" + _SPACE + r"+items?|actions?|to-?dos?)"
    r"(?![^\W\d_])" + _SPACE + r"*(?:#?\d{1,3}(?:\.\d{1,3})*)?" + _SPACE + r"*(?:[:：]|[-–—](?=\s|$))"
)
LINE_RE = re.compile(
    r"(?P<lead>" + _SPACE + r"*)"
    r"(?:(?P<heading>\#{1,6})" + _SPACE + r"+)?"
    r"(?P<marker>)(?:" + _BULLET + _SPACE + r"*)?"
    r"(?:\[[ xX✓✔]?\]" + _SPACE + r"+)?"  # a task-list checkbox
    r"(?P<bold>\*\*(?=\S)|__(?=\S)|\*(?=[^\s*]))?"  # "**", "__", or Slack's single "*"
    # A label, maybe after an emoji or a tag ("🎯 Objective:", "[P1] Objective:"); the lookahead skips
    # the attempt on most lines.
    r"(?:(?=[kKoOgGcCtTdDsSqQaAiIpPeE\[]|[^\x00-\x7f\w\s])"
    r"(?=(?i:k[ery]|o[bk\s#\d:：]|g[or]|co|t[eao]|de|s[ht]|qu|a[nsc]|in|pr|ep)|[^\x00-\x7f\w\s]|\[)"
    r"(?:(?:[^\x00-\x7f\w\s]{1,8}|\[[^\]\r\n]{1,12}\])" + _SPACE + r"*)?"
    r"(?P<label>(?i:" + _QUALIFIER + r"(?:" + _KR_LABEL + r"|" + _OBJECTIVE_LABEL + r"|" + _INITIATIVE_LABEL + r")))"
    + _SPACE + r"*)?"
    r"(?P<words>(?:[^\r\n]*\S)?)" + _SPACE + r"*(?:\r\n|\r|\n|\Z)"
)
# Lines that open a list of key results: "Key Results:", "KRs (draft)", "Key results for this objective:",
# "Measured by:", "Success looks like:".
KR_HEADER_RE = re.compile(
    r"(?:key\s*results?|krs?)(?:\s*\([^)]*\))?\s*:?|key\s*results?\b[^:]{0,50}:"
    r"|(?:measured\s+by|success\s+(?:looks\s+like|means|metrics|criteria)|how\s+we(?:'ll|’ll|\s+will)\s+measure"
    r"(?:\s+(?:it|success|this))?)\s*:?",
    re.I,
)
RULE_CHARS = "-*_=~—–`"
RULE_RE = re.compile(r"[-*_=~—–`\s]{3,}")
_NOTE_WORDS = (
    r"notes?|questions?|comments?|context|background|risks?|dependencies|assumptions|owners?|timeline|budget|"
    r"resources|links|references|appendix|feedback|faq|summary|conclusion|open questions|out of scope|non-goals|"
    r"rationale|status"
)
_WORK_WORDS = r"initiatives|projects|tasks|next steps|action items|to-?dos?"
HEADER_WORDS_RE = re.compile(rf"(?:(?P<note>{_NOTE_WORDS})|(?P<work>{_WORK_WORDS}))\s*[:?]?", re.I)
# A sentence ends at . ! or ? before a capital, except after an initial or 'e.g.', 'vs.', 'no.' …
# (the punctuation comes first so the scan only stops at punctuation).
SENTENCE_BREAK_RE = re.compile(
    r"[.!?](?<![A-Z][.!?])(?<!\b[a-z][.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\betc\.)"
    r"(?<!\bapprox\.)(?<!\bincl\.)(?<!\bno\.)[.!?]*\s+(?=[A-Z])"
)
DIGIT_RE = re.compile(r"\d")
WORD_RE = re.compile(r"[^\W\d_]{2,}")
TITLE_RE = re.compile(r"\bOKRs?\b|\bobjectives\b|\bgoals(?:\s+for\b|\s*[:)]?\s*$)", re.I)
# "Owner: Priya", "Status - on track": a detail about the item above, not an item.
DETAIL_RE = re.compile(
    r"(?:owners?|dri|lead|status|priority|due|deadline|team|contact|confidence|progress|score|baseline|source|"
    r"link|notes?|why|description|context|rationale|purpose)\s*[:：-]",
    re.I,
)

# Cycles: a quarter or half with a year, a fiscal year, or (in a title) a bare year or period.
CYCLE_HINT_RE = re.compile(r"\b(?:[QH][1-4]|FY|(?:19|20)\d\d)|\bhalf\b", re.I)
CYCLE_PERIOD_FIRST_RE = re.compile(  # "Q3 2026", "Q3 FY26", "Q3'26", "H2-2026"
    r"\b(?P<kind>[QH])(?P<n>[1-4])\b\s*(?:[-–—/,]\s*)?(?:FY\s*)?"
    r"(?P<year>(?:19|20)\d{2}\b|(?:(?<=[-/'’])|(?<=FY)|(?<=FY\s))\d{2}\b|['’]\d{2}\b)?",
    re.I,
)
CYCLE_YEAR_FIRST_RE = re.compile(
    r"\b(?:FY\s*)?(?P<year>(?:19|20)\d{2})\s*[-–—/ ]?\s*(?P<kind>[QH])(?P<n>[1-4])\b", re.I
)
CYCLE_HALF_WORDS_RE = re.compile(
    r"\b(?P<n>first|second|1st|2nd)\s+half\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b", re.I
)
CYCLE_YEAR_RE = re.compile(r"\bFY\s*'?(?P<fy>\d{4}|\d{2})\b|\b(?P<year>(?:19|20)\d{2})\b", re.I)

# Markdown tables: a row of cells, the separator under the header, and the header's column names.
TABLE_SEPARATOR_RE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*")
TABLE_COLUMNS = {
    "objective": re.compile(r"(?:company\s+|team\s+)?(?:objectives?|obj\.?|goals?|o)", re.I),
    "key_result": re.compile(
        r"(?:company\s+|team\s+)?(?:key\s*results?|krs?|results?|measures?|metrics?|success\s+measures?)", re.I
    ),
    "due": re.compile(r"due(?:\s+date)?|deadline|target\s+date|by\s+when|when|date|eta|end\s+date", re.I),
}

"""Run the rubric on a LanguageTool request and answer in LanguageTool's words.

Offsets and lengths are UTF-16 code units of the document the client sent (markup included for
`data`), as LanguageTool's Java server counts them; rule ids are OKR Coach's own.
"""

from __future__ import annotations

from coach import __version__
from coach.check.limits import InputLimits
from coach.check.requests import CheckRequest
from coach.core.settings import Settings
from coach.interop.languagetool.annotated import Document
from coach.interop.languagetool.models import (
    Category,
    CheckForm,
    CheckReply,
    Context,
    DetectedLanguage,
    Language,
    LanguageInfo,
    Match,
    MatchType,
    OkrDetails,
    RuleInfo,
    Software,
    Url,
    Warnings,
)
from coach.interop.linting import lint_request
from rubric.models import Finding
from rubric.policy import Policy
from rubric.registry import Rule, all_rules
from rubric.spans import Utf16Index

CONTEXT_CHARS = 40  # LanguageTool's default context on either side of a match
LANGUAGES = [
    Language(name="English", code="en", longCode="en"),
    Language(name="English (US)", code="en", longCode="en-US"),
    Language(name="English (GB)", code="en", longCode="en-GB"),
    Language(name="English (Australian)", code="en", longCode="en-AU"),
    Language(name="English (Canadian)", code="en", longCode="en-CA"),
    Language(name="English (New Zealand)", code="en", longCode="en-NZ"),
    Language(name="English (South African)", code="en", longCode="en-ZA"),
]
CATEGORIES = {
    "set": Category(id="OKR_SET", name="OKR set"),
    "objective": Category(id="OKR_OBJECTIVE", name="Objectives"),
    "key_result": Category(id="OKR_KEY_RESULT", name="Key results"),
    "team": Category(id="OKR_TEAM", name="Team alignment"),
}
# LanguageTool's issue types colour the underline in most clients: errors break the OKR method
# ("non-conformance"), warnings and infos are matters of style.
_ISSUE_TYPE = {"error": "non-conformance", "warning": "style", "info": "style"}
_MATCH_TYPE = {"error": "Other", "warning": "Other", "info": "Hint"}


class InvalidForm(ValueError):
    """A LanguageTool parameter this server cannot honour (the API answers 422 naming it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def language_info(code: str) -> LanguageInfo:
    """The reply's `language` for a request's `language`; a non-English one is refused, not checked as English."""
    known = {language.longCode.casefold(): language for language in LANGUAGES} | {"auto": LANGUAGES[0]}
    chosen = known.get(code.casefold())
    if chosen is None:
        if not code.casefold().startswith("en-"):
            raise InvalidForm("language", f"OKR Coach checks English drafts; {code!r} is not supported. Send "
                              "'auto', 'en' or an English variant such as 'en-US' (GET /v2/languages lists them).")
        chosen = Language(name="English", code="en", longCode=code)
    detected = DetectedLanguage(name=chosen.name, code=chosen.longCode, confidence=1.0)
    return LanguageInfo(name=chosen.name, code=chosen.longCode, detectedLanguage=detected)


def form_policy(form: CheckForm) -> tuple[Policy, list[str]]:
    """The policy the rule and category parameters ask for, and the ids among them that are not OKR Coach's."""
    rules = all_rules()
    by_category = {category.id: [r.id for r in rules.values() if r.level == level]
                   for level, category in CATEGORIES.items()}
    ignored: list[str] = []

    def rule_ids(value: str | None) -> list[str]:
        ids = _split(value)
        ignored.extend(i for i in ids if i not in rules)
        return [i for i in ids if i in rules]

    def category_rules(value: str | None) -> list[str]:
        ids = _split(value)
        ignored.extend(i for i in ids if i not in by_category)
        return [rule for i in ids for rule in by_category.get(i, [])]

    disable = rule_ids(form.disabledRules) + category_rules(form.disabledCategories)
    enabled = rule_ids(form.enabledRules) + category_rules(form.enabledCategories)
    if form.enabledOnly and not (_split(form.enabledRules) or _split(form.enabledCategories)):
        raise InvalidForm("enabledOnly", "enabledOnly=true needs enabledRules or enabledCategories")
    return Policy(disable=sorted(set(disable)), enable_only=sorted(set(enabled)) if form.enabledOnly else None), ignored


def check_form(form: CheckForm, document: Document, settings: Settings,
               rules_url: str) -> tuple[CheckReply, list[Finding]]:
    """The rubric's findings on the document as LanguageTool matches sorted by position, and the findings."""
    language = language_info(form.language)
    policy, ignored = form_policy(form)
    linted = lint_request(CheckRequest(text=document.plain, policy=policy), settings.policy,
                          InputLimits.from_settings(settings))
    utf16 = Utf16Index(document.original)
    rules = all_rules()
    matches = sorted(
        (_match(finding, rules[finding.rule], document, utf16, rules_url) for finding in linted.response.findings),
        key=lambda match: (match.offset, match.length),
    )
    software = Software(name="OKR Coach", version=__version__, buildDate="", apiVersion=1, premium=False, status="")
    reply = CheckReply(software=software, warnings=Warnings(ignoredRules=ignored), language=language, matches=matches)
    return reply, linted.response.findings


def _match(finding: Finding, rule: Rule, document: Document, utf16: Utf16Index, rules_url: str) -> Match:
    start, end = _span(finding, document)
    offset = utf16.offset(start)
    length = utf16.offset(end) - offset
    return Match(
        message=f"{finding.message} {finding.hint}", shortMessage=rule.title, replacements=[],
        offset=offset, length=length, context=_context(document.original, start, end, length),
        sentence=_sentence(document.plain, finding), type=MatchType(typeName=_MATCH_TYPE[finding.severity]),
        rule=RuleInfo(id=rule.id, description=rule.title, issueType=_ISSUE_TYPE[finding.severity],
                      urls=[Url(value=f"{rules_url}#{rule.id}")], category=CATEGORIES[rule.level]),
        okrCoach=OkrDetails(severity=finding.severity, hint=finding.hint, objective=finding.objective,
                            keyResult=finding.key_result),
    )


def _span(finding: Finding, document: Document) -> tuple[int, int]:
    """The finding's span in the document; a finding about the whole set (no span) underlines the first line."""
    if finding.start is not None and finding.end is not None:
        return document.to_original(finding.start, finding.end)
    plain = document.plain
    first = len(plain) - len(plain.lstrip())
    line_end = plain.find("\n", first)
    return document.to_original(first, len(plain) if line_end < 0 else line_end)


def _context(text: str, start: int, end: int, length: int) -> Context:
    """LanguageTool's context: the match with up to 40 characters either side, newlines as spaces."""
    left, right = max(start - CONTEXT_CHARS, 0), min(end + CONTEXT_CHARS, len(text))
    prefix, suffix = ("..." if left > 0 else ""), ("..." if right < len(text) else "")
    before = prefix + text[left:start]
    window = (before + text[start:right] + suffix).replace("\n", " ")
    return Context(text=window, offset=Utf16Index(before).offset(len(before)), length=length)


def _sentence(plain: str, finding: Finding) -> str:
    """The line the finding is on (an OKR draft's sentences are its lines)."""
    if finding.start is None:
        return ""
    line_start = plain.rfind("\n", 0, finding.start) + 1
    line_end = plain.find("\n", finding.end or finding.start)
    return plain[line_start:len(plain) if line_end < 0 else line_end].strip()


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]

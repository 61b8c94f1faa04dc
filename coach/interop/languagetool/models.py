"""LanguageTool's request and reply, as its server reads and writes them (field names are theirs)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class CheckForm(BaseModel):
    """The form fields of `POST /v2/check`; LanguageTool parameters that do not apply here are accepted
    and have no effect (motherTongue, preferredVariants, username, apiKey...)."""

    model_config = ConfigDict(extra="ignore")

    text: str | None = Field(None, description="The draft. Give this or `data`.")
    data: str | None = Field(None, description='Annotated text as JSON: {"annotation": [{"text": "..."}, '
                             '{"markup": "<b>", "interpretAs": ""}]}; offsets then count the markup too.')
    language: str = Field(..., description="'auto' or an English code (en, en-US, en-GB...): the rubric is English.")
    enabledRules: str | None = Field(None, description="Comma-separated rule ids (OKR Coach ids, as GET /v1/rules).")
    disabledRules: str | None = Field(None, description="Comma-separated rule ids not to run.")
    enabledCategories: str | None = Field(None, description="Comma-separated category ids (OKR_KEY_RESULT...).")
    disabledCategories: str | None = Field(None, description="Comma-separated category ids not to run.")
    enabledOnly: bool = Field(False, description="Run only the enabled rules and categories.")
    level: str = Field("default", pattern="^(default|picky)$",
                       description="'default' or 'picky'; both run every rule (the rubric has no picky-only rules).")


class Software(BaseModel):
    name: str
    version: str
    buildDate: str
    apiVersion: int
    premium: bool
    status: str


class Warnings(BaseModel):
    incompleteResults: bool = False
    ignoredRules: list[str] = Field(default_factory=list, description="Requested rule or category ids that are "
                                    "not OKR Coach's (LanguageTool's own ids, typos): they had no effect.")


class DetectedLanguage(BaseModel):
    name: str
    code: str
    confidence: float


class LanguageInfo(BaseModel):
    name: str
    code: str
    detectedLanguage: DetectedLanguage


class Replacement(BaseModel):
    value: str


class Context(BaseModel):
    text: str = Field(..., description="Up to 40 characters either side of the match, '...' where cut.")
    offset: int = Field(..., description="Where the match starts in `text` (UTF-16 units).")
    length: int


class Url(BaseModel):
    value: str


class Category(BaseModel):
    id: str
    name: str


class RuleInfo(BaseModel):
    id: str
    description: str
    issueType: str
    urls: list[Url]
    category: Category


class MatchType(BaseModel):
    typeName: str


class OkrDetails(BaseModel):
    """What only OKR Coach knows about a match: clients that do not know it ignore it."""

    severity: str
    hint: str
    objective: int | None
    keyResult: int | None


class Match(BaseModel):
    message: str
    shortMessage: str
    replacements: list[Replacement]
    offset: int = Field(..., description="UTF-16 units from the start of the text (markup included for `data`).")
    length: int = Field(..., description="UTF-16 units.")
    context: Context
    sentence: str
    type: MatchType
    rule: RuleInfo
    ignoreForIncompleteSentence: bool = False
    contextForSureMatch: int = 0
    okrCoach: OkrDetails


class CheckReply(BaseModel):
    software: Software
    warnings: Warnings
    language: LanguageInfo
    matches: list[Match]


class Language(BaseModel):
    name: str
    code: str
    longCode: str

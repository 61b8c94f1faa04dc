"""Word lists the rules share, written down once.

The rubric's definitions (RUBRIC.md) are phrased in terms of these lexicons, so rules stay
general: they look words up here instead of matching fixture sentences.
"""

from __future__ import annotations


def inflect(*stems: str) -> frozenset[str]:
    """All common inflections of English verbs given as 'stem' or 'stem|irregular|forms'."""
    out: set[str] = set()
    for spec in stems:
        base, *irregular = spec.split("|")
        out.add(base)
        out.update(irregular)
        if base.endswith("e"):
            out.update({base + "s", base + "d", base[:-1] + "ing"})
        elif base.endswith("y") and base[-2:-1] not in "aeiou":
            out.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
        elif base.endswith(("s", "sh", "ch", "x", "z")):
            out.update({base + "es", base + "ed", base + "ing"})
        else:
            out.update({base + "s", base + "ed", base + "ing"})
            if len(base) <= 4 and base[-1] in "tpgnm" and base[-2] in "aeiou" and base[-3:-2] not in "aeiou":
                out.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return frozenset(out)


UP_VERBS = inflect(
    "increase", "grow|grew|grown", "raise", "boost", "enhance", "expand", "strengthen", "accelerate",
    "maximise", "maximize", "double", "triple", "quadruple",
)
DOWN_VERBS = inflect(
    "reduce", "decrease", "lower", "cut", "minimise", "minimize", "shrink|shrank|shrunk", "drop", "decline",
    "halve",
)
NEUTRAL_VERBS = inflect("improve", "optimise", "optimize")
DIRECTION_VERBS = UP_VERBS | DOWN_VERBS | NEUTRAL_VERBS

# Words that read as a direction verb only when they start the key result: elsewhere they are
# usually adjectives or nouns ("30% lower than", "a price cut").
POSITIONAL_DIRECTION_WORDS = frozenset({"lower", "drop", "drops", "cut", "cuts", "double", "triple", "decline"})

ACTIVITY_VERBS = inflect(
    "launch", "create", "develop", "deliver", "build|built", "make|made", "implement", "define", "release",
    "test", "prepare", "plan", "consult", "help", "analyse", "analyze", "participate", "assess",
    "write|wrote|written", "publish", "post", "hire", "conduct", "run|ran", "hold|held", "attend",
    "organise", "organize", "design", "document", "draft", "research", "explore", "evaluate", "review",
    "train", "migrate", "upgrade", "ship", "complete", "finish", "send|sent", "start", "begin|began|begun",
    "join", "purchase", "interact", "update", "host", "introduce", "deploy",
    # Effort verbs the catalog's conventions treat the same way: the work, not its result.
    "talk", "fix", "call", "practise", "practice", "add", "produce", "capture", "refactor", "meditate",
    "go|went|gone", "visit", "meet|met", "email", "tweet", "interview", "read", "redesign", "rebuild",
    "rewrite", "relaunch", "lead|led", "log",
)
ACTIVITY_PHRASES = (("roll", "out"), ("rolled", "out"), ("set", "up"), ("sign", "up"), ("close", "out"))
# "Make sure that 70% of reps..." states a result, not an activity.
NOT_ACTIVITY_AFTER = {"make": frozenset({"sure", "certain"}), "run": frozenset({"rate"})}

# Past participles that report the team's own work as done: "audit completed", "docs shipped".
DONE_PARTICIPLES = frozenset({
    "completed", "done", "shipped", "launched", "delivered", "published", "released",
    "implemented", "deployed", "hired", "closed", "paired", "held", "conducted",
    "executed", "migrated", "documented", "drafted", "trained", "refactored", "submitted", "written",
})
# A participle followed by one of these describes others' response, not our output
# ("design docs written ... adopted by 3 teams").
OUTCOME_WORDS = frozenset({"adopted", "used", "rated", "cited", "accepted", "approved", "chosen", "recommended"})

# Nouns that count the team's own actions: a number of them measures effort, not results.
EFFORT_NOUNS = frozenset({
    "posts", "posting", "calls", "emails", "dms", "messages", "sessions", "campaigns", "intros", "introductions",
    "interviews", "dinners", "workshops", "webinars", "meetups", "reviews", "times", "streak", "tweets",
    "outreach", "touchpoints", "demos", "visits", "pages", "points", "proposals", "prs",
})
# Effort nouns that only count effort with a qualifier: "code reviews", "pages read", "story points".
EFFORT_NOUN_QUALIFIERS = {
    "reviews": frozenset({"code", "architecture", "design", "performance", "peer"}),
    "pages": frozenset({"read"}),
    "points": frozenset({"story"}),
    "visits": frozenset({"site", "customer", "sales", "field"}),
    "demos": frozenset({"run", "given", "held", "product"}),
    "calls": frozenset({"cold", "discovery", "sales", "held", "made", "outbound", "intro", "call"}),
    "times": frozenset(),
}
EFFORT_SUFFIX_WORDS = frozenset({"held", "made", "sent", "executed", "run", "given", "read", "done", "delivered"})

MAINTENANCE_OBJECTIVE_VERBS = frozenset({
    "maintain", "keep", "continue", "sustain", "preserve", "stay", "remain",
})
MAINTENANCE_KR_VERBS = frozenset({"maintain", "keep", "sustain", "stay", "remain"})

SUBJECTIVE_WORDS = frozenset({
    "better", "best", "best-in-class", "world-class", "great", "excellent", "seamless", "seamlessly",
    "significant", "significantly", "substantial", "substantially", "robust", "effective", "effectively",
    "efficient", "efficiently", "high-quality", "modern", "delightful", "amazing", "strong", "smooth",
    "smoothly", "engaging",
})

STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as", "is",
    "are", "be", "our", "my", "we", "us", "your", "their", "its", "this", "that", "these", "those", "all",
    "more", "most", "across", "into", "than", "it", "so", "per", "each", "every", "via", "&", "own",
})

PLACEHOLDER_WORDS = frozenset({"tbd", "tbc", "todo", "fixme", "tba", "xxx", "n/a"})
# "Platform X" or "X (formerly Twitter)" name things; a lone X or Y elsewhere is a stand-in.
NAMED_LETTER_PREFIXES = frozenset({"platform", "project", "model", "series", "mac", "generation", "gen"})

CONJUNCTIONS = ("as well as", "and", "&", "plus", ";")

# Verbs that can head a second goal in a compound objective or key result.
COMMON_VERBS = DIRECTION_VERBS | ACTIVITY_VERBS | inflect(
    "achieve", "reach", "hit", "get|got", "win|won", "close", "sign", "land", "earn", "secure", "acquire",
    "gain", "attract", "convert", "retain", "save", "ensure", "become|became", "focus", "onboard", "upsell",
    "establish", "clarify", "simplify", "streamline", "shorten", "speed", "fix", "support", "enable",
    "keep|kept", "maintain", "sustain", "preserve", "stay", "remain", "use", "adopt", "turn", "put",
    "bring|brought", "give|gave|given", "take|took|taken", "win", "earn", "automate", "scale", "stop",
    "eliminate", "remove", "prevent", "protect", "own", "serve", "deliver", "drive|drove|driven", "generate",
    "book", "activate", "engage", "delight", "retire", "consolidate", "standardise", "standardize",
)

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
}
MULTIPLIER_WORDS = {
    "double": 2.0, "doubles": 2.0, "doubled": 2.0, "doubling": 2.0, "twice": 2.0, "triple": 3.0,
    "triples": 3.0, "tripled": 3.0, "tripling": 3.0, "quadruple": 4.0, "quadrupled": 4.0, "halve": 0.5,
    "halved": 0.5, "halves": 0.5, "halving": 0.5, "half": 0.5,
}

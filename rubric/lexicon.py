"""The rubric's domain knowledge about words, written down once.

Only what no dictionary knows lives here: which verbs state a direction, which describe the
team's own work, which nouns count its output, which metrics are bounded. Verbs are written as
lemmas and expanded to every inflection by `rubric.lexical` ("roll out" also matches "rolled
out"); everything else a rule needs to know about a word (is it a verb, a noun, its lemma) comes
from the dictionary there, not from lists.
"""

from __future__ import annotations

from rubric.lexical import inflections, noun_forms, participles

# -- Direction verbs (RUBRIC.md "Direction verb") -------------------------------------------------
UP_VERBS = inflections(
    "increase", "grow", "raise", "boost", "enhance", "expand", "strengthen", "accelerate", "maximise", "maximize",
    "double", "triple", "quadruple", "lift",
)
DOWN_VERBS = inflections(
    "reduce", "decrease", "lower", "cut", "minimise", "minimize", "shrink", "drop", "decline", "halve",
)
DIRECTION_VERBS = UP_VERBS | DOWN_VERBS | inflections("improve", "optimise", "optimize")
# Direction verbs that read as one only when they start the key result: elsewhere they are
# usually adjectives or nouns ("30% lower than", "a price cut", "double-digit").
POSITIONAL_DIRECTION_WORDS = inflections("lower", "drop", "cut", "double", "triple", "decline", "lift")

# -- Activity vs outcome ---------------------------------------------------------------------------
# Verbs whose object is the team's own work (RUBRIC.md "Activity verb", plus the same kind of
# effort the conventions label alike): doing them proves effort, not a result.
ACTIVITY_LEMMAS = (
    "launch", "create", "develop", "deliver", "build", "make", "implement", "define", "release", "test",
    "prepare", "plan", "consult", "help", "analyse|analysed|analysing|analyses", "analyze", "participate",
    "assess", "write", "publish", "post", "hire", "conduct", "run", "hold", "attend",
    "organise|organised|organising|organises", "organize", "design", "document", "draft", "research", "explore",
    "evaluate", "review", "train", "migrate", "upgrade", "ship", "complete", "finish", "send", "start", "begin",
    "join", "purchase", "interact", "update", "host", "introduce", "deploy",
    "roll out", "set up", "sign up", "close out", "stand up", "kick off", "spin up",
    "talk", "fix", "call", "practise|practised|practising|practises", "practice", "add", "produce", "capture",
    "refactor", "meditate", "go", "visit", "meet", "email", "tweet", "interview", "read", "redesign", "rebuild",
    "rewrite", "relaunch", "lead", "log", "onboard", "pilot", "prototype", "integrate", "install", "configure",
    "instrument", "revamp", "overhaul", "rework", "record", "film", "translate", "localise|localised|localising",
    "localize", "audit", "benchmark", "mentor", "teach", "present", "decommission", "deprecate", "sunset", "pair",
)
ACTIVITY_VERBS = inflections(*ACTIVITY_LEMMAS)
ACTIVITY_PARTICIPLES = participles(*ACTIVITY_LEMMAS)
# Verbs that follow an activity verb as one phrase: "roll out", "set up".
PARTICLES = frozenset({"out", "up", "off"})
# "Make sure that 70% of reps...": the verb opens a result, not an activity.
NOT_ACTIVITY_AFTER = {"make": frozenset({"sure", "certain"}), "run": frozenset({"rate"})}
# A verb that is also a noun reads as the noun before these heads ("Design docs", "Test system")
# and before nouns that name a measure ("Test coverage", "Release cadence", "Review time").
COMPOUND_HEADS = frozenset({"docs", "system", "systems", "notes"})
METRIC_NOUNS = frozenset({
    "coverage", "rate", "rates", "score", "scores", "time", "times", "quality", "frequency", "cadence", "success",
    "completion", "attainment", "accuracy", "volume", "volumes", "cost", "costs", "count", "stability",
    "velocity", "throughput", "latency", "satisfaction", "participation", "requests", "ratio", "share",
    "reliability", "pass", "failures", "suite", "budget", "adherence", "open", "click", "conversion",
    "results", "quota", "pipeline", "plan", "plans", "size", "duration", "backlog", "queue", "tickets",
})
# Verbs that open a result even though they are not direction verbs: "Reach 5,000 subscribers".
OUTCOME_VERBS = inflections(
    "achieve", "reach", "hit", "get", "win", "close", "sign", "land", "earn", "secure", "acquire", "gain",
    "attract", "convert", "retain", "save", "book", "sell", "generate", "drive", "pass", "become", "exceed",
    "attain", "collect", "serve",
)
# Past participles and states that report the team's own work as done: "audit completed", "dashboard live".
COMPLETION_STATES = frozenset({
    "done", "live", "complete", "completed", "finished", "shipped", "launched", "delivered", "published",
    "released", "implemented", "deployed", "in place", "ready", "ga", "signed off", "rolled out", "set up",
    "up and running",
})
# Words that make a later participle part of a clause with its own verb ("users are able to use X with
# the components built"), unless they stand right before it ("APIs are refactored").
AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "can", "will", "able", "has", "have", "had"})
# A number after these picks items out of a ranking, it does not count them ("top 20 articles").
SELECTION_WORDS = frozenset({"top", "first", "best", "bottom", "last", "worst", "biggest", "largest"})
# Words that may follow a completion state in predicate position ("shipped by Q3", "live in 3 markets");
# function words count too (see rubric.activity).
AFTER_PREDICATE = frozenset({
    "before", "after", "within", "during", "until", "across", "throughout", "per", "under", "ahead", "end",
    "and", "&", "plus", "or", "but", "as", "including", "together", "internally", "publicly", "globally",
    "everywhere", "successfully", "company-wide", "org-wide", "team-wide", "on-time", "again",
})
# Nouns after an output noun that make the metric its count ("posting frequency"), and words before
# "of" that count what follows ("number of sales calls").
COUNT_NOUNS = frozenset({"frequency", "cadence", "count"})
COUNT_OF = frozenset({"number", "count", "#", "amount", "quantity", "total"})
# A direction word before these is a noun naming a metric: "Decline rate", "Drop rate".
RATE_NOUNS = frozenset({"rate", "rates", "ratio", "score"})
# Participles that only report work done when what precedes them is a work item ("bugs closed").
WORK_ITEM_PARTICIPLES = frozenset({"closed", "resolved", "addressed"})
WORK_ITEMS = frozenset({"items", "findings", "tasks", "actions", "action", "issues", "bugs", "gaps", "tickets"})
# A participle followed by one of these describes others' response, not our output
# ("design docs written ... adopted by 3 teams").
OUTCOME_WORDS = frozenset({
    "adopted", "used", "rated", "cited", "accepted", "approved", "chosen", "recommended", "converting", "converted",
    "paid", "renewed", "retained", "activated", "completing", "returning",
})
# Nouns whose count is the team's own output: "4 customer stories", "12 blog posts", "3 webinars".
OWN_OUTPUT_NOUNS = noun_forms(
    "post", "posting", "article", "blog", "campaign", "webinar", "workshop", "meetup", "dinner", "newsletter",
    "email", "dm", "message", "tweet", "video", "explainer", "podcast", "guide", "tutorial", "story", "template",
    "calculator", "feature", "release", "experiment", "interview", "intro", "introduction", "training", "course",
    "talk", "presentation", "proposal", "pr", "playbook", "runbook", "doc", "dashboard", "integration",
    "essay", "chapter", "touchpoint", "outreach", "streak", "session", "call", "demo", "visit", "review", "page",
    "point", "time", "event", "meeting", "initiative", "sequence", "cadence", "one-pager", "whitepaper", "ebook",
    "deck", "prototype",
)
# Output nouns that count effort only with one of these words next to them ("code reviews",
# "pages read", "story points"); alone they often count others' actions ("reviews", "calls").
OWN_OUTPUT_QUALIFIERS = {
    "review": frozenset({"code", "architecture", "design", "performance", "peer"}),
    "page": frozenset({"read", "landing", "help", "docs", "wiki"}),
    "point": frozenset({"story"}),
    "visit": frozenset({"site", "customer", "sales", "field"}),
    "demo": frozenset({"run", "given", "held", "product"}),
    "call": frozenset({"cold", "discovery", "sales", "held", "made", "outbound", "intro", "call"}),
    "session": frozenset({"interval", "training", "coaching", "user-testing", "testing", "practice", "mentoring"}),
    "time": frozenset(),
    "message": frozenset({"sent", "outbound", "personalised", "personalized", "direct"}),
    "event": frozenset({"community", "partner", "customer", "held", "hosted"}),
}
# Words after an output noun that say it was done by us: "calls made", "posts sent".
OWN_OUTPUT_DONE = frozenset({"held", "made", "sent", "executed", "run", "given", "read", "done", "delivered",
                             "published", "written", "shipped", "launched", "released", "hosted"})

# -- Maintenance -----------------------------------------------------------------------------------
MAINTENANCE_OBJECTIVE_VERBS = inflections("maintain", "keep", "continue", "sustain", "preserve", "stay", "remain")
MAINTENANCE_KR_VERBS = frozenset(f for f in inflections("maintain", "keep", "sustain", "stay", "remain")
                                 if not f.endswith("ing"))  # "Remaining tickets" names a metric

# -- Subjective qualifiers (RUBRIC.md subjective-language) -----------------------------------------
SUBJECTIVE_WORDS = frozenset({
    "better", "best", "best-in-class", "world-class", "great", "excellent", "seamless", "seamlessly",
    "significant", "significantly", "substantial", "substantially", "robust", "effective", "effectively",
    "efficient", "efficiently", "high-quality", "modern", "delightful", "amazing", "strong", "smooth",
    "smoothly", "engaging",
})

# -- Function words ----------------------------------------------------------------------------------
STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as", "is",
    "are", "be", "our", "my", "we", "us", "your", "their", "its", "this", "that", "these", "those", "all",
    "more", "most", "across", "into", "than", "it", "so", "per", "each", "every", "via", "&", "own",
})
DETERMINERS = frozenset({"a", "an", "the", "our", "my", "all", "every", "each", "two", "three", "four", "five"})
LINKING_PREPOSITIONS = frozenset({"from", "of", "in", "on", "with", "via", "by", "for", "at", "through"})
# Words after a verb that show it takes an object (so "and build the team" is a second goal).
OBJECT_MARKERS = frozenset({
    "the", "a", "an", "our", "my", "their", "its", "your", "all", "more", "every", "each", "new", "up", "out",
    "on", "it", "them", "sure", "back", "down", "off", "in", "into", "two", "three", "four", "five", "ten",
    "one", "both", "some", "several", "this", "these", "those", "his", "her",
})
# A verb after these shares its object with the next verb ("who can design and build", "to plan and run").
MODALS = frozenset({"can", "will", "to", "must", "should", "could", "would", "and"})
# Words that open a clause about the same measure, not a second one ("..., up from 40%").
SAME_MEASURE = frozenset({"up", "down", "from", "vs", "versus", "currently", "baseline", "was", "which", "with",
                          "including", "measured", "e.g", "i.e", "or", "than", "by", "in", "at", "per", "while"})
RELATIVE_WORDS = frozenset({"who", "that", "which", "a", "an", "the"})

# -- Placeholders and names ----------------------------------------------------------------------------
# "Platform X" or "X (formerly Twitter)" name things; a lone X or Y elsewhere is a stand-in.
NAMED_LETTER_PREFIXES = frozenset({"platform", "project", "model", "series", "mac", "generation", "gen"})
# Words that open a name: "Project Atlas 2", "Operation Phoenix 3".
NAMED_PREFIXES = frozenset({"project", "platform", "operation", "codename", "program", "programme", "product"})
# A number after these words is part of a name: "SOC 2", "version 3", "tier 1", "phase 2".
NAME_WORDS = frozenset({
    "version", "v", "release", "tier", "level", "phase", "stage", "step", "type", "series", "gen", "generation",
    "windows", "ios", "android", "python", "java", "web", "http", "iso", "covid", "gpt", "iphone", "chapter",
    "section", "article", "room", "gate", "route", "sprint", "round", "season", "episode", "day", "week", "pillar",
    "objective", "kr", "goal", "fortune", "wave", "cohort", "batch", "milestone", "okr", "number", "no.",
    "pixel", "galaxy", "ps", "xbox", "node", "php", "rails", "vue", "angular", "react", "next.js", "ipv",
})

# Acronyms of metrics: a number after them is their value ("NPS 45", "ARR 2x"), not part of a name ("SOC 2").
METRIC_ACRONYMS = frozenset({
    "nps", "enps", "csat", "ces", "mau", "dau", "wau", "arr", "mrr", "acv", "tcv", "cac", "ltv", "arpu", "arpa",
    "aov", "gmv", "roi", "roas", "ctr", "cpc", "cpa", "cpm", "mttr", "mttd", "mtbf", "sla", "slo", "nrr", "ndr",
    "grr", "mql", "mqls", "sql", "sqls", "sal", "kpi", "qps", "rps", "fcr", "aht", "eps", "ebitda", "opex",
})
# Scales that ratings are given on: "4.5/5", "8/10". A reading over another denominator ("120/80") is no rating.
RATING_SCALES = frozenset({3.0, 4.0, 5.0, 7.0, 10.0, 100.0})

# A range before one of these names a segment, not a target: "18-24 year olds", "10-50 employee companies".
SEGMENT_NOUNS = ("year olds", "year-olds", "yo", "years old", "employees", "employee", "person", "people", "seat",
                 "seats", "staff", "fte", "ftes", "headcount", "age", "segment", "bracket", "band")

# -- Bounded metrics (RUBRIC.md value-out-of-range) -----------------------------------------------------
# A percentage level of these runs from 0% to 100%.
BOUNDED_METRICS = (
    "rate", "rates", "share", "coverage", "retention", "conversion", "conversions", "uptime", "availability",
    "accuracy", "adoption", "activation", "completion", "percentage", "utilisation", "utilization", "penetration",
    "participation", "attrition", "churn", "ctr", "csat", "occupancy", "compliance", "deflection", "attendance",
    "renewal", "renewals", "success", "satisfaction", "agreement", "open rate", "win rate", "pass rate",
)
# Percentages of these are changes or multiples of a level, never bounded levels.
UNBOUNDED_METRICS = (
    "net revenue retention", "net dollar retention", "net retention", "nrr", "ndr", "growth", "roi", "roas",
    "increase", "uplift", "yoy", "qoq", "mom", "wow", "markup", "margin expansion",
)
# Words that name a metric on their own: two of them joined under one verb are two measures
# ("Increase activation and retention by 10%", "Improve NPS and CSAT").
METRIC_WORDS = METRIC_NOUNS | METRIC_ACRONYMS | frozenset(b for b in BOUNDED_METRICS if " " not in b) | frozenset({
    "revenue", "margin", "margins", "profit", "bookings", "pipeline", "traffic", "engagement", "nps", "latency",
    "uptime", "velocity", "productivity", "spend", "burn", "cac", "ltv", "arpu", "aov",
})
# "130% of plan" is attainment, not a level: unless the noun qualifies another ("120% of target accounts").
ATTAINMENT_NOUNS = frozenset({"plan", "quota", "target", "goal", "budget", "forecast", "ote", "capacity"})

# -- Numbers ---------------------------------------------------------------------------------------------
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

# Curated verbs that are as often nouns in OKR text ("support", "test", "plan"): after "and" they
# open a second goal only before an object ("and support the launch", not "sales and support").
NOUN_LIKE_VERBS = inflections(
    "test", "plan", "design", "review", "support", "release", "report", "document", "post", "run", "build", "call",
    "help", "update", "draft", "host", "start", "launch", "ship", "research", "use", "scale", "book", "close",
    "own", "focus", "drive", "turn", "put", "email", "read", "lead", "record", "present", "benchmark", "audit", "speed",
    "log", "visit", "interview", "pilot", "prototype", "mentor", "attend",
)

# Verbs that can head a goal of their own in a compound objective or key result (any verb the
# dictionary knows also can, when it cannot be read as a noun: see `rubric.compound`).
COMMON_VERBS = DIRECTION_VERBS | ACTIVITY_VERBS | OUTCOME_VERBS | inflections(
    "ensure", "focus", "upsell", "establish", "clarify", "simplify", "streamline", "shorten", "speed", "support",
    "enable", "keep", "maintain", "sustain", "preserve", "stay", "remain", "use", "adopt", "turn", "put", "bring",
    "give", "take", "automate", "scale", "stop", "eliminate", "remove", "prevent", "protect", "own",
    "activate", "engage", "delight", "retire", "consolidate", "standardise", "standardize",
)
# Every verb form a key result may open with, for spotting a misspelt one ("Incrase", "Pubish").
OPENING_VERBS = COMMON_VERBS | MAINTENANCE_OBJECTIVE_VERBS

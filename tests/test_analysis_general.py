"""Structural readings that must hold for sentences nobody here has seen (issue 15).

Each case is written for this test, in the styles teams use for their own drafts, and names the
exact set of rules that must fire on the item: a miss and a false alarm both fail. The cases are
grouped by the structure they exercise, not by rule, so a failure points at a reading.
"""

from __future__ import annotations

import pytest

from rubric import lexical
from rubric import lexicon as lx
from rubric.analysis import analyse
from rubric.compound import compound_goal, compound_measure
from rubric.engine import check_okrs
from rubric.labels import content_span
from rubric.quantities import find_numbers
from rubric.timeexpr import find_time_spans

CYCLE = "2027-Q1"
NEUTRAL_OBJECTIVE = "Do work that matters"
NEUTRAL_KEY_RESULTS = ["Paying teams from 1,200 to 1,500", "Monthly churn from 3% to 2.5%"]


def rules_on_key_result(text: str, cycle: str | None = CYCLE) -> set[str]:
    result = check_okrs(cycle, [(NEUTRAL_OBJECTIVE, [text])], analysis=False)
    return {f.rule for f in result.findings if f.key_result == 0}


def rules_on_objective(title: str) -> set[str]:
    result = check_okrs(CYCLE, [(title, NEUTRAL_KEY_RESULTS)], analysis=False)
    return {f.rule for f in result.findings if f.objective == 0 and f.key_result is None}


NO_TARGET = {"activity-key-result", "no-measurable-target"}

KEY_RESULTS = {
    "activity verbs in any inflection, inside or outside the catalog's list": [
        ("Spin up a staging cluster for the data team", NO_TARGET),
        ("Kicked off the vendor review with procurement", NO_TARGET),
        ("Rolling out SSO to all enterprise tenants", NO_TARGET),
        ("Onboard 3 design partners", {"activity-key-result"}),
        ("Stood up an on-call rotation for payments", NO_TARGET),
        ("Migrated billing to the new provider", NO_TARGET),
        ("Host 2 customer advisory board sessions", {"activity-key-result"}),
    ],
    "tags, owners, numbering and emoji before the verb": [
        ("[P0] Ship the mobile checkout", NO_TARGET),
        ("KR3 – Write 6 onboarding emails", {"activity-key-result"}),
        ("👉 (Priya) Launch referral rewards in Canada", NO_TARGET),
        ("Ops guild: Document the incident process", NO_TARGET),
        ("1.3) Publish the public roadmap", NO_TARGET),
    ],
    "deliverables stated as done": [
        ("Self-serve refunds page live", NO_TARGET),
        ("SSO for enterprise tenants shipped by end of Q2", NO_TARGET),
        ("Pricing calculator redesigned and A/B tested", NO_TARGET),
        ("Quarterly business review template done", NO_TARGET),
        ("Data retention policy in place", NO_TARGET),
    ],
    "counts of the team's own output, and counts of results": [
        ("6 partner webinars", {"activity-key-result"}),
        ("3 new integration guides", {"activity-key-result"}),
        ("12 outbound campaigns per quarter", {"activity-key-result"}),
        ("40 customer interviews by Q2", {"activity-key-result"}),
        ("500 new paying users", set()),
        ("2,000 webinar registrations", set()),
        ("300 qualified leads from webinars", set()),
        ("Demo requests from 80 to 140 per month", set()),
        ("Get 25 paying customers in Germany", set()),
        ("Trial-to-paid conversion from 9% to 14%", set()),
    ],
    "numbers that name things or say when": [
        ("Migrate Project Atlas 2 users to the new plan", NO_TARGET),
        ("Grow Helios 3 adoption", {"vague-change"}),
        ("Support replies after 18:00", {"no-measurable-target"}),
        ("Coverage 24/7 for P1 incidents", {"no-measurable-target"}),
        ("Increase iOS 18 crash-free sessions", {"vague-change"}),
        ("First-response time under 2h", set()),
    ],
    "bounded levels, attainment and readings": [
        ("Gross retention from 91% to 103%", {"value-out-of-range"}),
        ("Hit 125% of quota", set()),
        ("120% of priority accounts activated", {"value-out-of-range"}),
        ("Average rating 5.4/5 on G2", {"value-out-of-range"}),
        ("Systolic pressure below 130/85", set()),
    ],
    "two measures joined, or one measure with two verbs": [
        ("Increase ARR to $5M and NPS to 50", {"compound-key-result", "missing-baseline"}),
        ("Grow signups by 20%, cut CAC by 10%", {"compound-key-result", "missing-baseline"}),
        ("Raise NPS and reduce churn", {"compound-key-result", "vague-change"}),
        ("Increase activation and retention by 10%", {"compound-key-result", "missing-baseline"}),
        ("Cut build and deploy time to 5 minutes", {"missing-baseline"}),
        ("Grow trial and paid sign-ups from 100 to 200", set()),
        ("Recruit and retain 10 senior engineers", set()),
        ("Qualify and close 30 enterprise deals", set()),
    ],
    "placeholders teams leave": [
        ("Grow MRR to $XXk", {"placeholder"}),
        ("Churn from x% to y%", {"placeholder"}),
        ("Increase activation to N2", {"placeholder"}),
        ("Reach {target} paying teams", {"placeholder"}),
        ("Grow to x weekly users", {"placeholder"}),
        ("Churn from ? to 4%", {"placeholder"}),
        ("Sign N new resellers", {"placeholder"}),
        ("Upgrade x-ray machines in 3 clinics", {"activity-key-result"}),
    ],
    "subjective qualifiers however they are written": [
        ("Deliver a world class support experience", NO_TARGET | {"subjective-language"}),
        ("Best in class onboarding by Q3", {"no-measurable-target", "subjective-language"}),
        ("Great Lakes region revenue from $2M to $2.5M", set()),
    ],
    "past tense and typos": [
        ("Kept uptime above 99.9%", {"maintenance-key-result"}),
        ("Reduse churn to 3%", {"missing-baseline"}),
        ("Lanch the partner program", NO_TARGET),
        ("Improove onboarding", {"vague-change"}),
    ],
}
CASES = [(group, text, rules) for group, cases in KEY_RESULTS.items() for text, rules in cases]


@pytest.mark.parametrize(("group", "text", "expected"), CASES, ids=[f"{g}: {t}" for g, t, _ in CASES])
def test_key_result_reading(group: str, text: str, expected: set[str]) -> None:
    assert rules_on_key_result(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Active clinics from 40 to 70 before year end", set()),
    ("Bookings from 20 to 35 per week over the summer", set()),
    ("Sleep 7h on 6 nights out of 7", set()),
    ("Members from 300 to 450", {"missing-deadline"}),
])
def test_deadlines_written_as_people_write_them(text: str, expected: set[str]) -> None:
    assert rules_on_key_result(text, cycle=None) == expected


OBJECTIVES = [
    ("Ship the new editor and grow weekly writers", {"compound-objective"}),
    ("Delight developers and support their growth", {"compound-objective"}),
    ("Hire a head of sales; open the Berlin office", {"compound-objective"}),
    ("Fix onboarding & win back churned teams", {"compound-objective"}),
    ("Consolidate vendors and cut cloud spend", {"compound-objective"}),
    ("Modernised the stack and halved deploy time", {"compound-objective", "objective-is-metric"}),
    ("Clarify pricing and packaging", set()),
    ("Design, build and launch the partner portal", set()),
    ("Become the #1 tool for small clinics", set()),
    ("Ship v3 of the mobile app", set()),
    ("Run support 24/7 for enterprise", set()),
    ("Win the 25-40 employee segment", set()),
    ("Grow revenue 40% in H2", {"objective-is-metric"}),
    ("Maintained our NPS through the merger", {"maintenance-objective"}),
    ("(Growth) Make onboarding effortless", set()),
]


@pytest.mark.parametrize(("title", "expected"), OBJECTIVES, ids=[t for t, _ in OBJECTIVES])
def test_objective_reading(title: str, expected: set[str]) -> None:
    assert rules_on_objective(title) == expected


@pytest.mark.parametrize(("text", "own"), [
    ("🚀 [P1] KR2 - Launch the partner portal (Alice)", "Launch the partner portal"),
    ("Growth team: Publish 12 posts by Q3 @bob", "Publish 12 posts by Q3"),
    ("#growth Ship v2 — Bob", "Ship v2"),
    ("- Increase NPS from 20 to 40.", "Increase NPS from 20 to 40"),
    ("Revenue from: 10 to 20", "Revenue from: 10 to 20"),  # a colon inside a sentence is no label
    ("99.9% uptime", "99.9% uptime"),
])
def test_labels_around_an_item_are_skipped_not_removed(text: str, own: str) -> None:
    start, end = content_span(text)
    assert text[start:end] == own
    assert analyse(text).own_text == own


def test_inflections_come_from_the_dictionary() -> None:
    forms = lexical.inflections("roll out", "write")
    assert {"rolled out", "rolling out", "rolls out", "wrote", "written"} <= forms
    assert lexical.verb_lemma("onboarded") == "onboard"  # not in the dictionary: guessed from its shape
    assert lexical.noun_lemma("webinars") == "webinar"


@pytest.mark.parametrize(("typo", "meant"), [("incrase", "increase"), ("pubish", "publish"), ("reduse", "reduce")])
def test_a_misspelt_verb_is_one_edit_from_one_known_form(typo: str, meant: str) -> None:
    assert lexical.typo_of(typo, lx.OPENING_VERBS) == meant


@pytest.mark.parametrize("word", ["revenue", "inbound", "grow", "ship", "xq"])
def test_real_words_and_short_words_are_not_typos(word: str) -> None:
    assert lexical.typo_of(word, lx.OPENING_VERBS) is None


@pytest.mark.parametrize(("text", "values"), [
    ("Reduce MTTR from 10h to 90 min", [("10h", 36000.0), ("90 min", 5400.0)]),
    ("NPS 45 by Q3", [("45", None)]),
    ("Grow Project Apollo 11 sign-ups", []),
    ("SOC 2 audit", []),
    ("Users aged 18-24", []),
    ("Bed turnaround on Unit 4C under 2 hours", [("2 hours", 7200.0)]),  # a capitalised noun names the unit
    ("Every pupil in Grade 6 reads 20 books", [("20", None)]),
    ("Sell 300 Boxes A Week In Spring", [("300", None)]),  # Title Case: capitals say nothing
    ("Grow Weekly Active Teams To 800", [("800", None)]),
])
def test_quantities_know_names_units_and_segments(text: str, values: list[tuple[str, float | None]]) -> None:
    assert [(n.text, n.seconds) for n in find_numbers(text)] == values


@pytest.mark.parametrize(("text", "spans"), [
    ("Pages after 21:00", ["21:00"]),
    ("Reply by 9am", ["9am"]),
    ("Support 24/7", ["24/7"]),
    ("Clinics from 12 to 30 by year end", ["by year end"]),
    ("Churn below 2% by the end of spring", ["end of spring"]),
    ("Attendance up over the season", ["over the season"]),
    ("Run on 4 mornings out of 7", ["4 mornings out of 7"]),
    ("Deliver the 2027 roadmap", ["2027"]),
    ("Grow from 2000 to 2500 members", []),
    ("Reach 2000 users", []),
    ("Inventory checked every Friday", ["every Friday"]),
    ("Discharge letters sent 72h after discharge", ["72h after"]),
    ("Call-backs 2 days before each visit", ["2 days before"]),
    ("Wait from 9 to 4 days after referral", []),  # the duration is the value, not a window
    ("Incidents per school week from 12 to 5", ["per school week"]),
    ("W4 actives from 20% to 26%", ["W4"]),
    ("Bookings from 40 to 70 by H2'27", ["H2'27"]),
    ("Margin at 12% by FY end", ["by FY end"]),
    ("Donors from 300 to 450 by the end of the academic year", ["end of the academic year"]),
    ("Stockouts under 1% through the busy season", ["through the busy season"]),
    ("Fix 30 leaks between now and Diwali", ["between now and Diwali"]),
])
def test_time_expressions_beyond_dates(text: str, spans: list[str]) -> None:
    assert [text[s:e] for s, e in find_time_spans(text)] == spans


def test_compound_spans_point_at_the_conjunction() -> None:
    goal = "Launch in Spain and grow revenue in Portugal"
    assert compound_goal(analyse(goal)) == (goal.index(" and "), goal.index(" and ") + 5)
    measure = "Grow ARR by 15%, cut churn to 2%"
    span = compound_measure(analyse(measure))
    assert span is not None and measure[span[0] : span[1]].startswith(",")


def test_facts_are_frozen() -> None:
    facts = analyse("Increase sign-ups from 100 to 200 by Q3")
    with pytest.raises(AttributeError):
        facts.target = None  # type: ignore[misc]

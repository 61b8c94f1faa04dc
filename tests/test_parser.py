"""Tests for `rubric.parser.parse_text`: the formats people paste, cycles, and exact spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubric.draft import ParsedDraft
from rubric.parser import parse, parse_text
from rubric.parser.patterns import LINE_RE
from rubric.spans import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "drafts"
# Drafts pasted the way teams write them for themselves: tables, tags, initiatives, emoji, "!"
TEAM_FIXTURES = Path(__file__).parent / "fixtures" / "team_drafts"

Shape = list[tuple[str, list[str]]]


def shape(draft: ParsedDraft) -> Shape:
    return [(o.title.text, [k.text for k in o.key_results]) for o in draft.objectives]


def items(draft: ParsedDraft) -> list[SourceText]:
    return [source for o in draft.objectives for source in (o.title, *o.key_results)]


def assert_exact_spans(text: str, draft: ParsedDraft) -> None:
    """Every item is its slices of the original text joined by one space, with no outer whitespace."""
    for item in items(draft):
        assert item.pieces, item
        for start, end in item.pieces:
            assert 0 <= start < end <= len(text)
            piece = text[start:end]
            assert piece == piece.strip(), (piece, item)
        assert " ".join(text[s:e] for s, e in item.pieces) == item.text


def parsed(text: str) -> Shape:
    draft = parse(text)  # not parse_text, which would turn a crash into an empty draft
    assert_exact_spans(text, draft)
    return shape(draft)


# --------------------------------------------------------------------------------------------
# Labelled drafts


def test_objective_then_key_results_block_with_bullets() -> None:
    text = (
        "Objective: Make our podcast a weekly habit\n"
        "Key Results:\n"
        "- Grow average listens per episode from 800 to 2,000\n"
        "- Publish every Tuesday for 12 weeks in a row\n"
    )
    assert parsed(text) == [(
        "Make our podcast a weekly habit",
        ["Grow average listens per episode from 800 to 2,000", "Publish every Tuesday for 12 weeks in a row"],
    )]


def test_bulleted_objective_with_numbered_key_result_labels() -> None:
    text = (
        "  • Objective: Raise the quality of our hiring loop\n"
        "    • Key Result #1: Interviewer calibration score\n"
        "    • Key Result #2: Candidate experience rating\n"
        "\n\n"
        "  • Objective: Shorten the loop\n"
        "    • Key Result #1: Days from first call to offer\n"
    )
    assert parsed(text) == [
        ("Raise the quality of our hiring loop", ["Interviewer calibration score", "Candidate experience rating"]),
        ("Shorten the loop", ["Days from first call to offer"]),
    ]


@pytest.mark.parametrize("separator", [":", " –", " —", " -", " :"])
def test_key_result_label_separators(separator: str) -> None:
    text = (
        "Objective: Make the brand people recommend\n"
        f"  • Key Result #1{separator} Share of five-star reviews\n"
        f"  • Key Result #2{separator} Net Promoter Score (NPS)\n"
    )
    assert parsed(text) == [
        ("Make the brand people recommend", ["Share of five-star reviews", "Net Promoter Score (NPS)"])
    ]


def test_numbered_objective_labels_and_key_results_headers() -> None:
    text = (
        "Objective 1: Win over finance teams\n"
        "Key results:\n"
        "- Finance-led deals from 10 to 25\n"
        "\n"
        "Objective #2: Keep them happy\n"
        "Key results:\n"
        "- Finance seat churn under 3%: quarterly\n"
    )
    assert parsed(text) == [
        ("Win over finance teams", ["Finance-led deals from 10 to 25"]),
        ("Keep them happy", ["Finance seat churn under 3%: quarterly"]),
    ]


def test_short_labels_o_and_kr() -> None:
    text = (
        "O: Turn the blog into a lead source\n"
        "\n"
        "KR: Blog-sourced sign-ups from 40 to 150 a month\n"
        "\n"
        "KR: X% of readers subscribe\n"
        "O: Rank for our category\n"
        "KR: Top-3 position for 10 target keywords\n"
    )
    assert parsed(text) == [
        ("Turn the blog into a lead source",
         ["Blog-sourced sign-ups from 40 to 150 a month", "X% of readers subscribe"]),
        ("Rank for our category", ["Top-3 position for 10 target keywords"]),
    ]


def test_numbered_short_labels_with_dashes() -> None:
    text = (
        "O1: Expand into logistics\n"
        "KR1.1: 6 logistics customers live\n"
        "KR1.2: Logistics pipeline of $900k\n"
        "Objective #2: Reduce the cost of sales\n"
        "KR1 - Sales cost per dollar of ARR from $1.10 to $0.80\n"
        "KR2 – Deals closed without an SE call: 30%\n"
    )
    assert parsed(text) == [
        ("Expand into logistics", ["6 logistics customers live", "Logistics pipeline of $900k"]),
        ("Reduce the cost of sales", ["Sales cost per dollar of ARR from $1.10 to $0.80",
                                      "Deals closed without an SE call: 30%"]),
    ]


def test_key_result_n_labels() -> None:
    text = (
        "Objective: Be known for reliability\n"
        "Key Result 1: Uptime of 99.9% for checkout\n"
        "Key Result 2: fewer than 2 customer-facing incidents per month\n"
    )
    assert parsed(text) == [
        ("Be known for reliability",
         ["Uptime of 99.9% for checkout", "fewer than 2 customer-facing incidents per month"])
    ]


def test_same_bullet_level_labels_decide() -> None:
    text = (
        "For example:\n"
        "- Objective: Grow the newsletter\n"
        "- Key Results:\n"
        "- Subscribers from 5,000 to 12,000\n"
        "- Open rate above 45%\n"
        "A strong set mixes leading and lagging indicators.\n"
    )
    assert parsed(text) == [("Grow the newsletter", ["Subscribers from 5,000 to 12,000", "Open rate above 45%"])]


def test_bare_key_result_lines_keep_their_punctuation() -> None:
    text = (
        "Objective: Learn to cook properly this year\n"
        "Key Results:\n"
        "Cook a new recipe from scratch every Sunday.\n"
        "Host a dinner for eight people by June.\n"
    )
    assert parsed(text) == [(
        "Learn to cook properly this year",
        ["Cook a new recipe from scratch every Sunday.", "Host a dinner for eight people by June."],
    )]


def test_dash_bullets_and_dashes_inside_key_results() -> None:
    text = (
        "Objective: Get the store ready for the holidays\n"
        "– Stock-outs on top sellers from 12 to 2\n"
        "— Returns processed within 48 hours – for 95% of orders\n"
    )
    assert parsed(text) == [(
        "Get the store ready for the holidays",
        ["Stock-outs on top sellers from 12 to 2", "Returns processed within 48 hours – for 95% of orders"],
    )]


def test_objective_label_with_title_on_next_line_and_bold_labels() -> None:
    text = (
        "Objective 1:\n"
        "Make invoices painless\n"
        "Key results:\n"
        "- Invoice disputes from 40 to 10 a month\n"
        "**Objective 2:** Get paid faster\n"
        "- Days sales outstanding from 52 to 38\n"
        "**Objective 3: Automate collections**\n"
        "- [x] Dunning emails live for all plans\n"
    )
    assert parsed(text) == [
        ("Make invoices painless", ["Invoice disputes from 40 to 10 a month"]),
        ("Get paid faster", ["Days sales outstanding from 52 to 38"]),
        ("Automate collections", ["Dunning emails live for all plans"]),
    ]


def test_key_result_labels_without_objective_labels_promote_the_line_above() -> None:
    text = (
        "Make the docs searchable\n"
        "KR1: Search success rate from 50% to 75%\n"
        "KR2: Zero-result searches under 5%\n"
        "\n"
        "- Answer questions before they are asked\n"
        "- Key Results:\n"
        "- Support tickets about setup from 300 to 120\n"
    )
    assert parsed(text) == [
        ("Make the docs searchable", ["Search success rate from 50% to 75%", "Zero-result searches under 5%"]),
        ("Answer questions before they are asked", ["Support tickets about setup from 300 to 120"]),
    ]


def test_second_key_results_header_continues_the_same_objective() -> None:
    text = "Grow the marketplace\nKey Results:\n- 300 active sellers\nKey Results (stretch):\n- 500 active sellers\n"
    assert parsed(text) == [("Grow the marketplace", ["300 active sellers", "500 active sellers"])]


def test_description_before_key_results_header_is_not_a_key_result() -> None:
    text = (
        "Objective: Make pricing simple\n"
        "Owner: Revenue team\n"
        "Key Results:\n"
        "- Plans on the pricing page from 5 to 3\n"
    )
    assert parsed(text) == [("Make pricing simple", ["Plans on the pricing page from 5 to 3"])]


def test_nested_items_under_a_key_result_are_not_key_results() -> None:
    text = (
        "Objective: Launch the partner API\n"
        "- 20 partners calling the API weekly\n"
        "    - initiative: publish an SDK\n"
        "- p99 latency under 400 ms\n"
    )
    assert parsed(text) == [
        ("Launch the partner API", ["20 partners calling the API weekly", "p99 latency under 400 ms"])
    ]


@pytest.mark.parametrize("label", ["Goal 1:", "OKR 1:", "Objective A:", "Obj 1 -", "OBJECTIVE 1 —", "🎯 Objective:"])
def test_other_objective_labels(label: str) -> None:
    text = f"{label} Make releases predictable\n- A release every 6 weeks\n"
    assert parsed(text) == [("Make releases predictable", ["A release every 6 weeks"])]


@pytest.mark.parametrize(("objective", "key_result"), [
    ("[P1] Objective: Make releases predictable", "KR(1): A release every 6 weeks"),
    ("1️⃣ Make releases predictable", "   • A release every 6 weeks"),
    ("Team objective 1 - Make releases predictable", "Company key result 1.1 - A release every 6 weeks"),
    ("## Make releases predictable\n", "| KR | Owner |\n|---|---|\n| A release every 6 weeks | Ada |"),
])
def test_tags_keycaps_qualified_labels_and_tables_under_a_heading(objective: str, key_result: str) -> None:
    second = objective.replace("1", "2").replace("Make releases predictable", "Cut hotfixes")
    other = key_result.replace("A release every 6 weeks", "Hotfixes under 2")
    text = f"{objective}\n{key_result}\n\n{second}\n{other}\n"
    assert parsed(text) == [("Make releases predictable", ["A release every 6 weeks"]),
                            ("Cut hotfixes", ["Hotfixes under 2"])]


def test_slack_single_asterisk_bold_around_labels() -> None:
    text = "*Objective:* Grow the base\n• *KR1:* 100 weekly actives\n*Objective 2:* Cut costs\n• *KR1*: Costs -10%\n"
    assert parsed(text) == [("Grow the base", ["100 weekly actives"]), ("Cut costs", ["Costs -10%"])]


@pytest.mark.parametrize("header", ["Key results for this objective:", "Measured by:", "How we will measure it:",
                                    "**Key results**", "### Key Results", "KRs (draft):"])
def test_headers_that_open_a_key_result_list(header: str) -> None:
    text = f"Objective: Make releases predictable\n{header}\n- A release every 6 weeks\n- Hotfixes under 2 a month\n"
    assert parsed(text) == [("Make releases predictable", ["A release every 6 weeks", "Hotfixes under 2 a month"])]


def test_numbered_objectives_with_labelled_key_results() -> None:
    text = (
        "1. Grow the API business\n   KR1: 40 paying API accounts\n"
        "2. Cut support load\n   KR1: Tickets per account under 1\n"
    )
    assert parsed(text) == [
        ("Grow the API business", ["40 paying API accounts"]),
        ("Cut support load", ["Tickets per account under 1"]),
    ]


def test_section_heading_right_after_bare_key_results() -> None:
    text = (
        "Objective: Own the conversation in our niche\n"
        "Key Results:\n"
        "Publish 12 long-form guides\n"
        "Get 5 guest posts on industry sites\n"
        "Paid Acquisition\n"
        "Objective: Make paid channels pay back\n"
        "Key Results:\n"
        "Payback period from 14 to 9 months\n"
    )
    assert parsed(text) == [
        ("Own the conversation in our niche", ["Publish 12 long-form guides", "Get 5 guest posts on industry sites"]),
        ("Make paid channels pay back", ["Payback period from 14 to 9 months"]),
    ]


# --------------------------------------------------------------------------------------------
# Unlabelled drafts: structure decides


def test_markdown_headings_with_bullets() -> None:
    text = (
        "# Platform OKRs\n"
        "\n"
        "## Objective 1: Make builds fast\n"
        "- Median CI time from 22 to 9 minutes\n"
        "\n"
        "### Make on-call humane\n"
        "* Pages outside office hours from 25 to 5 a month\n"
        "* Runbooks for every paging alert\n"
    )
    assert parsed(text) == [
        ("Make builds fast", ["Median CI time from 22 to 9 minutes"]),
    ]
    unlabelled = text.replace("## Objective 1: Make builds fast", "### Make builds fast")
    assert parsed(unlabelled) == [
        ("Make builds fast", ["Median CI time from 22 to 9 minutes"]),
        ("Make on-call humane", ["Pages outside office hours from 25 to 5 a month", "Runbooks for every paging alert"]),
    ]


def test_bold_objectives_with_bullets() -> None:
    text = (
        "**Make checkout trustworthy**\n"
        "  ▪ Payment failures from 3.2% to 1%\n"
        "  ▪ Chargebacks under 0.3%\n"
        "\n"
        "**Sell in more currencies**\n"
        "  ▪ 8 currencies supported at checkout\n"
    )
    assert parsed(text) == [
        ("Make checkout trustworthy", ["Payment failures from 3.2% to 1%", "Chargebacks under 0.3%"]),
        ("Sell in more currencies", ["8 currencies supported at checkout"]),
    ]


def test_numbered_objectives_with_decimal_key_results() -> None:
    text = (
        "1. Make the field team self-sufficient\n"
        "   1.1 Visits completed without calling HQ: 85%\n"
        "   1.2 Tablet app rating of 4.5\n"
        "2. Cut travel costs\n"
        "   2.1 Travel spend per visit from €64 to €45\n"
    )
    assert parsed(text) == [
        ("Make the field team self-sufficient",
         ["Visits completed without calling HQ: 85%", "Tablet app rating of 4.5"]),
        ("Cut travel costs", ["Travel spend per visit from €64 to €45"]),
    ]


def test_numbers_and_letters_nested_by_indentation() -> None:
    text = (
        "1) Make the warehouse safer\n"
        "   a) Lost-time incidents from 6 to 0\n"
        "   b) Safety training completion of 100%\n"
        "2) Speed up picking\n"
        "   a) Lines picked per hour from 90 to 120\n"
    )
    assert parsed(text) == [
        ("Make the warehouse safer", ["Lost-time incidents from 6 to 0", "Safety training completion of 100%"]),
        ("Speed up picking", ["Lines picked per hour from 90 to 120"]),
    ]


@pytest.mark.parametrize("glyph", ["-", "*", "•", "▪", "‣", "◦", "–", "—", "·", "1)", "a.", "(2)", "✔️", "+"])
def test_any_bullet_glyph(glyph: str) -> None:
    text = f"Keep our users safe\n  {glyph} Account takeovers from 30 to 5 a month\n  {glyph} 2FA adoption of 60%\n"
    assert parsed(text) == [("Keep our users safe", ["Account takeovers from 30 to 5 a month", "2FA adoption of 60%"])]


@pytest.mark.parametrize("indent", ["    ", "  ", "\t", "   - ", "\t• "])
def test_indentation_only_nesting(indent: str) -> None:
    text = (
        "Make the data warehouse trustworthy\n"
        f"{indent}Broken dashboards from 14 to 2 per quarter\n"
        f"{indent}Certified tables at 70% of queries\n"
        "Give analysts their time back\n"
        f"{indent}Ad-hoc requests answered in 2 days instead of 6\n"
    )
    assert parsed(text) == [
        ("Make the data warehouse trustworthy", ["Broken dashboards from 14 to 2 per quarter",
                                                 "Certified tables at 70% of queries"]),
        ("Give analysts their time back", ["Ad-hoc requests answered in 2 days instead of 6"]),
    ]


def test_document_glyph_levels_nest_without_indentation() -> None:
    text = "● Make invoicing painless\n○ Disputes from 40 to 10 a month\n● Get paid faster\n○ DSO from 52 to 38 days\n"
    assert parsed(text) == [
        ("Make invoicing painless", ["Disputes from 40 to 10 a month"]),
        ("Get paid faster", ["DSO from 52 to 38 days"]),
    ]


def test_objective_without_key_results_between_others() -> None:
    text = (
        "1. Grow in Spain\n   - 40 Spanish customers\n"
        "2. Hire a country lead\n"
        "3. Localise the app\n   - 100% of UI in Spanish\n"
    )
    assert parsed(text) == [
        ("Grow in Spain", ["40 Spanish customers"]),
        ("Hire a country lead", []),
        ("Localise the app", ["100% of UI in Spanish"]),
    ]


# --------------------------------------------------------------------------------------------
# Prose around the items


def test_intro_notes_and_sign_off_are_not_items() -> None:
    text = (
        "Hey folks, here is where I landed after Tuesday. Comments welcome!\n"
        "\n"
        "Objective: Make the community self-sustaining\n"
        "Key Results:\n"
        "- Questions answered by members, not staff: 60%\n"
        "\n"
        "Notes:\n"
        "- Budget confirmed by Lee\n"
        "- Owner: Community team\n"
        "\n"
        "Questions? Ping me on chat.\n"
    )
    assert parsed(text) == [("Make the community self-sustaining", ["Questions answered by members, not staff: 60%"])]


def test_section_headings_before_objectives_are_not_objectives() -> None:
    text = (
        "Paid Social\n"
        "Objective: Lower our cost per lead\n"
        "Key Results:\n"
        "- Cost per lead from $48 to $30\n"
        "Lifecycle Email\n"
        "Objective: Bring dormant users back\n"
        "Key Results:\n"
        "- Reactivation rate of 8%\n"
    )
    assert parsed(text) == [
        ("Lower our cost per lead", ["Cost per lead from $48 to $30"]),
        ("Bring dormant users back", ["Reactivation rate of 8%"]),
    ]


@pytest.mark.parametrize("title", [
    "Team OKRs — H2 2026", "# Q3 2026 OKRs", "OKRs (first draft) for the payments guild",
    "Objectives and key results for the design team (v2)",
])
def test_title_lines_are_not_objectives(title: str) -> None:
    for body in (
        "Make payments boring\n  - Failed payouts from 1.5% to 0.2%\n",
        "1. Make payments boring\n   - Failed payouts from 1.5% to 0.2%\n",
        "Objective: Make payments boring\nKR: Failed payouts from 1.5% to 0.2%\n",
    ):
        assert parsed(f"{title}\n\n{body}") == [("Make payments boring", ["Failed payouts from 1.5% to 0.2%"])]


def test_trailing_prose_after_structure_is_not_an_item() -> None:
    text = (
        "Design team goals for next half\n"
        "\n"
        "1. Ship the new design system\n"
        "   - Components reused instead of rebuilt: 80%\n"
        "\n"
        "Questions? Find me after the all-hands.\n"
    )
    assert parsed(text) == [("Ship the new design system", ["Components reused instead of rebuilt: 80%"])]


def test_explanations_behind_labels_are_not_items() -> None:
    text = (
        "Objective: Sell more annual plans\n"
        "Key Results:\n"
        "- Annual share of new plans from 20% to 35%\n"
        "How to write yours\n"
        "Objective: Write one short line about where you want to be. Keep it inspiring. Leave numbers out.\n"
        "Key Results: List three outcomes. Give each a number. Skip tasks.\n"
    )
    assert parsed(text) == [("Sell more annual plans", ["Annual share of new plans from 20% to 35%"])]


# --------------------------------------------------------------------------------------------
# Cycle


@pytest.mark.parametrize(("title", "cycle"), [
    ("Q3 2026 OKRs", "2026-Q3"),
    ("2026 Q3", "2026-Q3"),
    ("Q3 FY2026", "2026-Q3"),
    ("# Marketing — Q1'27", "2027-Q1"),
    ("Team OKRs — H2 2026", "2026-H2"),
    ("2026 OKRs", "2026"),
    ("FY2026", "2026"),
    ("**Sales plan FY27**", "2027"),
])
def test_cycle_from_title(title: str, cycle: str) -> None:
    draft = parse_text(f"{title}\n\nObjective: Grow\nKR: Revenue from $1M to $2M\n")
    assert draft.cycle == cycle


@pytest.mark.parametrize("text", [
    "Objective: Ship the mobile app\nKR: App live in both stores by Q3 2026\n",
    "Launch in Brazil\n  - 10 customers by H2 2026\n",
    "Posted on August 16, 2023\n\nObjective: Grow\nKR: Revenue from $1M to $2M\n",
    "Objective: Grow\nKR: Revenue from $1M to $2M\n",
])
def test_no_cycle_from_key_results_or_dates(text: str) -> None:
    assert parse_text(text).cycle is None


# --------------------------------------------------------------------------------------------
# Text encodings and exact spans


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(newline: str) -> None:
    text = newline.join(["", "Objective: Make search great", "Key Results:", "- Zero-result searches under 4%",
                         "- Search-to-click rate of 60%", "", ""])
    assert parsed(text) == [("Make search great", ["Zero-result searches under 4%", "Search-to-click rate of 60%"])]


def test_emoji_and_accents_before_items_keep_spans_exact() -> None:
    text = (
        "🚀🚀 Équipe Übersetzungen — OKRs H1 2027\n"
        "🎯 Objective: Faire de l’anglais une option, pas une obligation\n"
        "  • 👩‍💻 Chaînes traduites de 70 % à 100 %\n"
        "  • Tickets « traduction » de 45 à 10 par mois — €900k ARR\n"
    )
    draft = parse_text(text)
    assert_exact_spans(text, draft)
    assert draft.cycle == "2027-H1"
    assert shape(draft) == [(
        "Faire de l’anglais une option, pas une obligation",
        ["👩‍💻 Chaînes traduites de 70 % à 100 %", "Tickets « traduction » de 45 à 10 par mois — €900k ARR"],
    )]
    title = draft.objectives[0].title
    assert text[title.start:title.end] == title.text


def test_wrapped_lines_become_pieces_joined_by_a_space() -> None:
    text = (
        "Objective: Make every visit to the pricing page count, from the first scroll\n"
        "   to the very last click\n"
        "Key Results:\n"
        "- Pricing-page to checkout conversion from 4.1% to 6%, across all traffic\n"
        "  sources and both currencies\n"
        "- Checkout abandonment below 35%\n"
    )
    draft = parse_text(text)
    assert_exact_spans(text, draft)
    title = draft.objectives[0].title
    assert title.text == "Make every visit to the pricing page count, from the first scroll to the very last click"
    assert len(title.pieces) == 2
    first, wrapped = draft.objectives[0].key_results
    assert len(first.pieces) == 2
    assert first.text.endswith("across all traffic sources and both currencies")
    assert wrapped.text == "Checkout abandonment below 35%"


@pytest.mark.parametrize("text", ["", "\n\n\n", " \t \r\n  ", "\x00\x01\x02", "Hello? Anyone there!",
                                  "- \n* \n1.\n", "**\n##\n", "\ud7ff\ufffe\U0010ffff", "Objective:", "KR:"])
def test_junk_yields_no_objectives(text: str) -> None:
    draft = parse_text(text)
    assert draft.objectives == []


def test_a_parser_bug_yields_an_empty_draft_that_still_reports_every_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> None:
        raise IndexError("bug")

    monkeypatch.setattr("rubric.parser.split_lines", broken)
    draft = parse_text("Objective: Grow\n\n  KR: Revenue from $1M to $2M  \n")
    assert draft.objectives == [] and draft.cycle is None
    assert [(i.line, i.text, i.reason) for i in draft.ignored] == [
        (1, "Objective: Grow", "unparsed"), (3, "KR: Revenue from $1M to $2M", "unparsed"),
    ]


def test_huge_whitespace_is_fast_and_empty() -> None:
    assert parse_text(" " * 200_000 + "\n" * 50_000).objectives == []


# --------------------------------------------------------------------------------------------
# Realistic drafts written for these tests


@pytest.mark.parametrize("path", sorted([*FIXTURES.glob("*.txt"), *TEAM_FIXTURES.glob("*.txt")]), ids=lambda p: p.stem)
def test_fixture_drafts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    for variant in (text, text.replace("\n", "\r\n")):
        draft = parse_text(variant)
        assert_exact_spans(variant, draft)
        assert draft.cycle == expected["cycle"]
        assert shape(draft) == [(o["title"], o["key_results"]) for o in expected["objectives"]]


# --------------------------------------------------------------------------------------------
# Properties


def test_every_group_of_the_line_pattern_is_named() -> None:
    assert LINE_RE.groups == len(LINE_RE.groupindex)


_DRAFT_ALPHABET = st.sampled_from(
    [*"abcXYZ019 .:-*#•▪–—()[]_\t\n\r", "Objective ", "KR", "Key Results", "O1:", "**", "1.1 ", "é", "🎯", "\u2028"]
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(_DRAFT_ALPHABET, max_size=80).map("".join)))
def test_parse_never_raises_and_spans_are_exact(text: str) -> None:
    draft = parse(text)  # parse_text would swallow a crash; the parser itself must not crash
    assert_exact_spans(text, draft)
    assert draft.cycle is None or isinstance(draft.cycle, str)

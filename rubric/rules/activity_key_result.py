"""Key results measure outcomes, not the team's own work."""

from rubric.registry import Hit, rule


@rule(
    "activity-key-result", level="key_result", severity="warning", local=True,
    title="Activity instead of a result",
    rationale="A key result measures the change the work should cause, not the work itself. Launching, "
    "running or posting can all be done without anything improving; a number does not rescue it.",
    hint="Ask 'so that what?': measure the outcome the activity is meant to cause (sign-ups, retention, "
    "revenue), and keep the activity in the plan.",
    good=["Objective: Grow the community\nKR: Monthly active contributors from 45 to 120 by Q4"],
    bad=["Objective: Grow the community\nKR: Run 5 meetups by Q4",
         "Objective: Grow on Twitter\nKR: Increase posting frequency from 1x to 10x a day",
         "Objective: Earn enterprise trust\nKR: SOC 2 audit completed by 30 November"],
)
def check(key_result, objective, okrs):
    span = key_result.facts.activity
    if span is not None:
        word = key_result.text[span[0] : span[1]]
        yield Hit(f"This measures the team's own work ('{word}'), not the result it should cause.", *span)

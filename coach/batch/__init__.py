"""Batch review of a team's OKRs: import every owner's set, run the rubric and the team rules, report."""

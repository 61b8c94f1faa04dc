"""The okr-coach command line: check drafts like a linter, list rules, coach, review a team's OKRs, serve."""

"""Read a team's upload (CSV, JSON, Markdown/text) into submissions, naming every row it could not use."""

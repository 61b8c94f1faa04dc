"""Linter output formats for `okr-coach check`: SARIF 2.1.0, GitHub workflow commands, JUnit XML."""

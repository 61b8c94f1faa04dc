"""Interoperability: the protocols and conventions other tools already speak (LanguageTool's HTTP API,
MCP, linter output formats and configuration), mapped onto the rubric's own contract."""

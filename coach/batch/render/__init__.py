"""Render a finished review for people and tools: JSON, CSV and a self-contained HTML report, streamed."""

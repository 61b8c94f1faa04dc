"""Cross-cutting plumbing every subsystem uses: settings, logs, metrics, API keys, token usage, GC tuning."""

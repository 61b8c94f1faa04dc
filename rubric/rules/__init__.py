"""One module per rule; each registers itself with `rubric.registry.rule`."""

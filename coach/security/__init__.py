"""Security primitives with no web framework in them: API key digests and their verification."""

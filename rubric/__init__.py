"""OKR rubric engine: a deterministic, dependency-light linter for Objectives and Key Results.

Pure functions only: no network, no LLM, no randomness. The same draft always yields the same
findings. Positions inside the engine are Python code points; the HTTP layer converts them to
UTF-16 offsets once, at the boundary.
"""

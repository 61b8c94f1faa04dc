"""The /v1/check service: request models, size limits, policy merge, the rubric, UTF-16 offsets at the boundary."""

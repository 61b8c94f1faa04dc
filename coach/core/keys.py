"""API keys at rest: only SHA-256 hex digests are configured, presented keys are compared in constant time.

Format: `OKR_COACH_API_KEYS` holds `sha256(key).hexdigest()` for each accepted key. Keys are
random 256-bit tokens (`okr-coach hash-key` makes one), so a fast hash is enough: there is no
password-like space to brute-force, and a slow KDF would cost milliseconds on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_DIGEST = re.compile(r"[0-9a-f]{64}")


def new_key() -> str:
    """A fresh random API key: 256 bits, URL-safe, prefixed so it never starts with '-' (a CLI option)
    and secret scanners can spot it."""
    return f"okr_{secrets.token_urlsafe(32)}"


def key_digest(key: str) -> str:
    """What goes into the settings for `key`."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def is_key_digest(value: str) -> bool:
    return _DIGEST.fullmatch(value) is not None


class KeyVerifier:
    """Matches a presented key against the configured digests without early exit on the first byte."""

    def __init__(self, digests: list[str]) -> None:
        self._digests = [bytes.fromhex(d) for d in digests]

    @property
    def enabled(self) -> bool:
        return bool(self._digests)

    def identify(self, key: str) -> str | None:
        """A short, loggable id of the matching key (its digest's first 12 hex digits), or None."""
        presented = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
        match = None
        for digest in self._digests:  # compare against every digest: timing does not reveal which matched
            if hmac.compare_digest(presented, digest):
                match = digest
        return match.hex()[:12] if match is not None else None

"""Who the client is: X-Forwarded-For only from OKR_COACH_TRUSTED_PROXIES; failed API keys limited per address."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from servers import serve

from coach.api.app import create_app
from coach.core.keys import key_digest
from coach.core.settings import Settings

GOOD = "k-good-0123456789"


def test_failed_keys_are_limited_per_address_and_then_no_key_is_checked(tmp_path: Path) -> None:
    app = create_app(Settings(api_keys=[key_digest(GOOD)], auth_failure_limit="3/minute", data_dir=tmp_path))
    guesser, neighbour = TestClient(app, client=("10.0.0.1", 4000)), TestClient(app, client=("10.0.0.2", 4000))
    tries = [guesser.get("/v1/rules", headers={"x-api-key": f"guess-{n}"}).status_code for n in range(2)]
    assert [*tries, guesser.get("/v1/rules").status_code] == [403, 403, 401]
    refused = guesser.get("/v1/rules", headers={"x-api-key": "guess-3"})
    assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["detail"][0]["type"] == "too_many_failed_auth"
    # Past the limit even the right key is refused: a guesser must not learn which guess was right.
    assert guesser.get("/v1/rules", headers={"x-api-key": GOOD}).status_code == 429
    assert guesser.get("/healthz").status_code == 200
    assert neighbour.get("/v1/rules", headers={"x-api-key": GOOD}).status_code == 200
    assert neighbour.get("/v1/rules").status_code == 401


def test_failed_auth_limit_can_be_turned_off(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(api_keys=[key_digest(GOOD)], auth_failure_limit=None, data_dir=tmp_path)))
    assert {client.get("/v1/rules").status_code for _ in range(40)} == {401}


def statuses(url: str, forwarded_for: list[str]) -> list[int]:
    return [httpx.get(f"{url}/v1/rules", headers={"x-forwarded-for": ip}, timeout=10).status_code
            for ip in forwarded_for]


@pytest.mark.parametrize(("trusted", "rotating", "same"), [
    (None, [200, 200, 429], [429, 429, 429]),  # loopback is not a proxy unless configured: one client
    ("127.0.0.1", [200, 200, 200], [200, 200, 429]),  # a configured proxy: the forwarded address counts
])
def test_x_forwarded_for_counts_only_from_trusted_proxies(tmp_path: Path, trusted: str | None,
                                                          rotating: list[int], same: list[int]) -> None:
    env = {"OKR_COACH_DATA_DIR": str(tmp_path / "data"), "OKR_COACH_RATE_LIMIT": "2/minute"}
    if trusted:
        env["OKR_COACH_TRUSTED_PROXIES"] = trusted
    process, url = serve(env, tmp_path / "server.log")
    try:
        assert statuses(url, ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) == rotating
        assert statuses(url, ["203.0.113.9"] * 3) == same
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)

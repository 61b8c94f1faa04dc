"""Early replies (413, 401) on a real server: a client that sends its whole body first still reads them,
and a keep-alive connection does not stay open once the reply is done."""

from __future__ import annotations

import json
import signal
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from servers import serve

from coach.api.errors import ErrorResponse
from coach.core.keys import key_digest

KEY = "k-early-replies-0123456789"
TEN_MB = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("early")
    process, url = serve({"OKR_COACH_DATA_DIR": str(folder / "data"), "OKR_COACH_API_KEYS": key_digest(KEY),
                          "OKR_COACH_LLM": "offline"}, folder / "server.log")
    try:
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)


def test_a_stdlib_client_posting_10_mb_reads_the_413_in_the_error_shape(server: str) -> None:
    """urllib sends the whole body before reading (and says Connection: close): it used to get ECONNRESET."""
    request = urllib.request.Request(f"{server}/v1/check", data=b"x" * TEN_MB, method="POST",
                                     headers={"content-type": "application/json", "x-api-key": KEY})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=60)
    assert caught.value.code == 413
    body = ErrorResponse.model_validate(json.loads(caught.value.read()))
    assert body.detail[0].type == "too_large" and body.detail[0].field == "body"


def read_reply(sock: socket.socket) -> tuple[int, bytes]:
    """One HTTP/1.1 reply with a Content-Length: status and body."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length"))
    while len(body) < length:
        body += sock.recv(65536)
    return int(head.split(b" ")[1]), body


@pytest.mark.parametrize(("key", "length", "status"), [(None, 2_000, 401), (KEY, 2 * 1024 * 1024, 413)])
def test_a_keep_alive_connection_closes_after_an_early_reply(server: str, key: str | None, length: int,
                                                             status: int) -> None:
    """The reply comes before the body; body bytes arriving after it used to cancel uvicorn's keep-alive
    timer, so an unauthenticated client could hold the connection (and a file descriptor) for ever."""
    host, port = urlsplit(server).hostname, urlsplit(server).port
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(f"POST /v1/check HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {length}\r\n{f'X-API-Key: {key}' + chr(13) + chr(10) if key else ''}\r\n"
                     .encode())
        code, body = read_reply(sock)
        assert code == status and ErrorResponse.model_validate_json(body).detail
        sock.sendall(b"x" * length)  # the body, after the reply, as a slow or pipelining client sends it
        sock.settimeout(20)  # uvicorn's keep-alive timeout is 5 s
        try:
            rest = sock.recv(1)
        except TimeoutError:
            pytest.fail("the connection was still open 20 s after the reply")
        assert rest == b""

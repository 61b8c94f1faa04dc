"""A misbehaving OpenAI-compatible model server on 127.0.0.1, for tests of the coach's failure handling.

The fault is chosen by the first path segment of the base URL: `{url}/{mode}/v1/chat/completions`,
so one server serves every test. Modes (a `=seconds` suffix sets the delay of `slow`):

- `ok`: a valid proposal (one good rewrite of objective 0's key result 0)
- `429`: 429 with `Retry-After: 1`; `500`: a server error
- `hang`: reads the request, never answers; `trickle`: a valid answer sent one byte a second
- `reset`: reads the request, then resets the connection (RST)
- `html`: 200 text/html; `envelope`: 200 JSON that is not a chat completion; `badjson`: 200 broken JSON
- `schema`: a chat completion whose content violates the schema; `refusal`: the model refuses
- `echo`: a rewrite carrying the start of the system prompt (a prompt injection that worked)
- `long`: a rewrite of 1,500 characters for a key result of a few words
- `huge`: a good rewrite with a 5 MB rationale; `many`: 20,000 changes and 20,000 advisory findings
- `nojsonschema`: 400 naming `response_format` to a json_schema request, a valid answer in JSON mode
- `slow=S`: waits S seconds, then answers like `schema` (so a re-ask is due)

Every request is recorded in `requests` as (mode, parsed JSON body).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
import threading
from typing import Any

GOOD_REWRITE = "Increase aided brand recall from [baseline] to [target] by [deadline]"


def completion(content: str | None, refusal: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fault", "object": "chat.completion", "created": 0, "model": "fault-model",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content, "refusal": refusal}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def proposal(changes: list[dict], findings: list[dict] | None = None) -> str:
    return json.dumps({"changes": changes, "kpi_links": [], "findings": findings or []})


def rewrite(text: str, rationale: str = "Names the metric and leaves the values as slots.",
            objective: int = 0, key_result: int | None = 0) -> dict[str, Any]:
    return {"action": "rewrite", "objective": objective, "key_result": key_result, "texts": [text],
            "rationale": rationale, "assumptions": []}


class FaultServer:
    """Runs on its own event loop in a daemon thread; `start()` returns the base URL."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.url = ""

    def start(self) -> str:
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True, name="fault-llm").start()
        ready.wait(10)
        return self.url

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def calls(self, mode: str) -> list[dict[str, Any]]:
        return [body for m, body in self.requests if m == mode]

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        ready.set()
        self._loop.run_forever()

    async def _close(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while await self._one_request(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            with contextlib.suppress(Exception):
                writer.close()

    async def _one_request(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False when the connection is done."""
        head = await reader.readuntil(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines if h)}
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        path = request_line.split(" ")[1]
        mode = path.strip("/").split("/")[0]
        if path.endswith("/models"):
            await self._send(writer, 200, json.dumps({"object": "list", "data": []}))
            return True
        request = json.loads(body or b"{}")
        self.requests.append((mode, request))
        name, _, argument = mode.partition("=")
        return await getattr(self, "_" + name.replace("-", "_"))(writer, reader, request, argument)

    async def _send(self, writer: asyncio.StreamWriter, status: int, body: str,
                    content_type: str = "application/json", headers: dict[str, str] | None = None) -> bool:
        data = body.encode()
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        writer.write(f"HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {len(data)}\r\n"
                     f"{extra}\r\n".encode() + data)
        await writer.drain()
        return True

    async def _answer(self, writer: asyncio.StreamWriter, content: str | None, refusal: str | None = None) -> bool:
        return await self._send(writer, 200, json.dumps(completion(content, refusal)))

    # The modes: (writer, reader, request, argument) -> keep the connection open?

    async def _ok(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._answer(writer, proposal([rewrite(GOOD_REWRITE)]))

    async def _429(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._send(writer, 429, json.dumps({"error": {"message": "slow down", "type": "rate_limit"}}),
                                headers={"retry-after": "1"})

    async def _500(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._send(writer, 500, json.dumps({"error": {"message": "boom", "type": "server_error"}}))

    async def _hang(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader, *_: Any) -> bool:
        await reader.read()  # until the client gives up and closes
        return False

    async def _trickle(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        data = json.dumps(completion(proposal([rewrite(GOOD_REWRITE)]))).encode()
        writer.write(f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len(data)}\r\n\r\n"
                     .encode())
        for byte in data:
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(1)
        return True

    async def _reset(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
        writer.transport.abort()
        return False

    async def _html(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._send(writer, 200, "<html><body>502 Bad Gateway</body></html>", "text/html")

    async def _envelope(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._send(writer, 200, json.dumps({"object": "list", "data": [{"id": "fault-model"}]}))

    async def _badjson(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._send(writer, 200, '{"id": "chatcmpl-fault", "choices": [')

    async def _schema(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._answer(writer, json.dumps({"changes": "none", "kpi_links": []}))

    async def _refusal(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._answer(writer, None, refusal="I can't help with that.")

    async def _echo(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader, request: dict, *_: Any) -> bool:
        system = next(m["content"] for m in request["messages"] if m["content"].startswith("You are an OKR coach"))
        return await self._answer(writer, proposal([rewrite(" ".join(system[:240].split()))]))

    async def _long(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._answer(writer, proposal([rewrite(GOOD_REWRITE + " and" * 300 + " more")]))

    async def _huge(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        return await self._answer(writer, proposal([rewrite(GOOD_REWRITE, rationale="Because. " * 625_000)]))

    async def _many(self, writer: asyncio.StreamWriter, *_: Any) -> bool:
        changes = [rewrite(f"{GOOD_REWRITE} {n}", objective=n % 7) for n in range(20_000)]
        findings = [{"check": "vanity-metric", "objective": n % 7, "key_result": 0, "message": f"Vanity {n}."}
                    for n in range(20_000)]
        return await self._answer(writer, proposal(changes, findings))

    async def _nojsonschema(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader, request: dict,
                            *_: Any) -> bool:
        if (request.get("response_format") or {}).get("type") == "json_schema":
            return await self._send(writer, 400, json.dumps({"error": {
                "message": "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this "
                "model.", "type": "invalid_request_error", "param": "response_format"}}))
        return await self._ok(writer)

    async def _slow(self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader, request: dict,
                    argument: str) -> bool:
        await asyncio.sleep(float(argument))
        return await self._schema(writer)

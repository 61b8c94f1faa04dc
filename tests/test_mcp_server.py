"""`okr-coach mcp`, driven by the official MCP SDK's own client over stdio."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import anyio
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from servers import free_port

from coach.check.requests import CheckRequest, CheckResponse
from coach.interop.mcp_server import model_arguments

DRAFT = "Objective: Be known in our niche\n- Increase brand awareness\n- Aided recall from 12% to 20% by Q3\n"


def _server() -> StdioServerParameters:
    script = shutil.which("okr-coach", path=str(Path(sys.executable).parent))
    command, args = (script, ["mcp"]) if script else (sys.executable, ["-m", "coach", "mcp"])
    return StdioServerParameters(command=command, args=args, env={**os.environ, "OKR_COACH_LLM": "offline"})


async def _session_run(calls: list[tuple[str, dict]]) -> tuple[list, list]:
    async with stdio_client(_server()) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        tools = (await session.list_tools()).tools
        results = [await session.call_tool(name, arguments) for name, arguments in calls]
    return tools, results


def test_the_sdk_client_lists_four_tools_and_calls_check_okrs() -> None:
    calls = [("check_okrs", {"text": DRAFT}), ("check_okrs", {"text": DRAFT, "okrs": {"objectives": []}}),
             ("list_kpis", {"domain": "marketing"}), ("list_rules", {})]
    tools, (checked, both, kpis, rules) = anyio.run(_session_run, calls)
    by_name = {tool.name: tool for tool in tools}
    assert set(by_name) == {"check_okrs", "coach_okrs", "list_rules", "list_kpis"}
    schema = by_name["check_okrs"].input_schema
    assert {"text", "okrs", "cycle", "policy"} <= set(schema["properties"])
    assert schema["properties"]["text"]["description"] == CheckRequest.model_fields["text"].description
    assert set(by_name["check_okrs"].output_schema["properties"]) >= set(CheckResponse.model_fields)

    assert not checked.is_error
    reply = CheckResponse.model_validate(checked.structured_content)
    assert ("vague-change", "Increase brand awareness") in {(f.rule, f.excerpt) for f in reply.findings}
    assert reply.summary.objectives == 1 and reply.summary.key_results == 2

    assert both.is_error and "exactly one of 'text'" in both.content[0].text  # the model's own validator
    assert kpis.structured_content["result"] and all(k["domain"] == "marketing" for k in kpis.structured_content[
        "result"])
    assert "vague-change" in {rule["id"] for rule in rules.structured_content["result"]}


def test_signature_mirrors_the_model_fields() -> None:
    signature = model_arguments(CheckRequest)
    assert list(signature.parameters) == list(CheckRequest.model_fields)
    assert all(p.default is None for p in signature.parameters.values())


def test_coach_okrs_answers_with_the_offline_coach() -> None:
    _, (result,) = anyio.run(_session_run, [("coach_okrs", {"text": DRAFT})])
    assert not result.is_error
    assert {"findings", "suggestions"} <= set(result.structured_content)


def test_streamable_http_when_asked(tmp_path: Path) -> None:
    port = free_port()
    params = _server()
    log = tmp_path / "mcp.log"
    process = subprocess.Popen([params.command, *params.args, "--http", "--port", str(port)], env=params.env,
                               stdout=subprocess.DEVNULL, stderr=log.open("w"))

    async def call() -> list[str]:
        for _ in range(100):  # until the server listens
            try:
                async with streamable_http_client(f"http://127.0.0.1:{port}/mcp") as (read, write), \
                        ClientSession(read, write) as session:
                    await session.initialize()
                    return [tool.name for tool in (await session.list_tools()).tools]
            except Exception:  # connection refused while it starts
                if process.poll() is not None:
                    raise
                await anyio.sleep(0.1)
        raise AssertionError(log.read_text())

    try:
        assert sorted(anyio.run(call)) == ["check_okrs", "coach_okrs", "list_kpis", "list_rules"]
    finally:
        process.terminate()
        process.wait(10)

"""The okr-coach command line: check drafts like a linter, list rules, serve the API."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence

from pydantic import TypeAdapter, ValidationError

from coach.check.limits import LimitExceeded
from coach.cli.check import add_check_command
from coach.cli.coaching_text import render_coaching
from coach.cli.findings_text import render_findings
from coach.cli.sources import read_source, request_from_source
from coach.coaching.schemas import CoachRequest
from coach.coaching.session import coach_request
from coach.core.keys import key_digest, new_key
from coach.core.settings import Settings
from coach.llm import client_from_settings
from rubric.catalog import RuleDoc, rule_docs

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _coach(args: argparse.Namespace) -> int:
    settings = Settings()
    source = read_source(args.file)
    body = CoachRequest.model_validate(request_from_source(source, args.cycle).model_dump(exclude_none=True))
    try:
        client = client_from_settings(settings)
    except ValueError as exc:
        print(f"okr-coach: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = asyncio.run(coach_request(body, client=client, settings=settings))
    if args.format == "json":
        print(result.model_dump_json(indent=2))
    else:
        label = "<stdin>" if args.file == "-" else args.file
        print(render_findings(label, source, result, color=args.color) + render_coaching(result), end="")
    return EXIT_FINDINGS if result.summary.errors else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    docs = rule_docs()
    if args.format == "json":  # the same documents as GET /v1/rules
        print(TypeAdapter(list[RuleDoc]).dump_json(list(docs), indent=2).decode())
        return EXIT_OK
    width = max(len(d.id) for d in docs)
    for d in docs:
        print(f"{d.id:<{width}}  {d.level:<10}  {d.severity:<7}  {d.title}")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from coach.core.logs import logging_config
    from coach.core.metrics import share_between_workers

    settings = Settings()
    host, workers = args.host or settings.host, args.workers or settings.workers
    if not settings.api_keys and host not in ("127.0.0.1", "localhost", "::1"):
        print(f"okr-coach: warning: serving on {host} without API keys; set OKR_COACH_API_KEYS "
              "(see `okr-coach hash-key`)", file=sys.stderr)
    if workers > 1:
        share_between_workers()
    uvicorn.run(
        "coach.api.app:create_app", factory=True, host=host, port=args.port or settings.port,
        workers=workers, log_config=logging_config(settings), log_level=settings.log_level.lower(), access_log=False,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: a local client could then choose its
        # own address (and rate-limit bucket). Only the configured proxies are believed, none by default.
        proxy_headers=bool(settings.trusted_proxies), forwarded_allow_ips=settings.trusted_proxies or None,
    )
    return EXIT_OK


def _mcp(args: argparse.Namespace) -> int:
    from coach.interop.mcp_server import build_server  # the MCP SDK loads only for this command

    server = build_server(Settings())
    if args.http:
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"okr-coach: warning: the MCP server on {args.host} has no authentication; anyone who can "
                  "reach it can call its tools", file=sys.stderr)
        server.run("streamable-http", host=args.host, port=args.port, streamable_http_path=args.path)
    else:
        server.run("stdio")
    return EXIT_OK


def _hash_key(args: argparse.Namespace) -> int:
    """A new key and its digest, or just the digest of a given key (so scripts can capture it)."""
    if args.key is not None:
        print(key_digest(sys.stdin.readline().strip() if args.key == "-" else args.key))
        return EXIT_OK
    key = new_key()
    print(f"key: {key}\ndigest: {key_digest(key)}")
    print("okr-coach: give the key to the client; add the digest to OKR_COACH_API_KEYS (comma-separated). "
          "The server never stores the key itself.", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="okr-coach", description="Critique and coach OKR drafts.")
    commands = parser.add_subparsers(dest="command", required=True)

    add_check_command(commands)
    draft = commands.add_parser("coach", help="check a draft and suggest verified rewrites and KPI links")
    draft.add_argument("file")
    draft.add_argument("--format", choices=["text", "json"], default="text")
    draft.add_argument("--cycle", help="the set's cycle, e.g. 2026-Q3, if the draft does not say")
    draft.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    draft.set_defaults(run=_coach)

    rules = commands.add_parser("rules", help="list the rule catalog")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.set_defaults(run=_rules)

    serve = commands.add_parser("serve", help="serve the HTTP API (docs at /docs)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--workers", type=int, default=None, help="worker processes (default: OKR_COACH_WORKERS)")
    serve.set_defaults(run=_serve)

    mcp = commands.add_parser("mcp", help="serve the tools over the Model Context Protocol (stdio by default)",
                              description="Tools check_okrs, coach_okrs, list_rules, list_kpis for MCP clients. "
                              "stdio unless --http: then streamable HTTP at http://HOST:PORT/PATH.")
    mcp.add_argument("--http", action="store_true", help="serve streamable HTTP instead of stdio")
    mcp.add_argument("--host", default="127.0.0.1")
    mcp.add_argument("--port", type=int, default=8001)
    mcp.add_argument("--path", default="/mcp", help="the streamable HTTP endpoint's path")
    mcp.set_defaults(run=_mcp)

    hash_key = commands.add_parser("hash-key", help="make an API key and the digest to configure for it")
    hash_key.add_argument("key", nargs="?", help="digest this key instead of making one; '-' reads it from stdin")
    hash_key.set_defaults(run=_hash_key)

    from coach.cli.review import add_review_command  # here: it imports this module's neighbours
    from coach.cli.worker import add_worker_command

    add_review_command(commands)
    add_worker_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"okr-coach: cannot read {getattr(args, 'file', '')}: {exc}", file=sys.stderr)
    except ValidationError as exc:
        for error in exc.errors():
            if exc.title == Settings.__name__:  # the environment (OKR_COACH_*) or a file it names
                where = "configuration" + "".join(f" OKR_COACH_{str(p).upper()}" for p in error["loc"])
                print(f"okr-coach: {where}: {error['msg'].removeprefix('Value error, ')}", file=sys.stderr)
                continue
            where = ".".join(str(p) for p in error["loc"]) or "input"
            print(f"okr-coach: {where}: {error['msg']}", file=sys.stderr)
    except LimitExceeded as exc:
        print(f"okr-coach: {exc.field}: {exc.message}", file=sys.stderr)
    return EXIT_USAGE


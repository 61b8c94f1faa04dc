"""`okr-coach check FILE...`: the rubric as a linter, with the conventions of ruff and Vale.

Exit codes: 0 no finding at or above `--fail-on`; 1 some; 2 a usage, input or configuration error
(every other file is still checked and reported).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from coach.check.limits import InputLimits, LimitExceeded
from coach.check.requests import CheckResponse
from coach.cli.findings_text import render_findings
from coach.cli.sources import read_source, request_from_source
from coach.core.settings import Settings
from coach.interop.config import ConfigError, discover_config, load_config
from coach.interop.linting import lint_request
from coach.interop.render.files import CheckedFile
from coach.interop.render.github import render_github
from coach.interop.render.junit import render_junit
from coach.interop.render.sarif import render_sarif
from rubric.models import SEVERITY_ORDER
from rubric.policy import Policy, effective_policy
from rubric.registry import all_rules

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "junit")
_RENDERERS: dict[str, Callable[[list[CheckedFile]], str]] = {
    "sarif": render_sarif, "github": render_github, "junit": render_junit,
}


def add_check_command(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check", help="check drafts (text, markdown or JSON) like a linter; '-' reads stdin",
        description="Check OKR drafts. Exit codes: 0 = no finding at or above --fail-on, 1 = some, "
        "2 = usage, input or configuration error. Configuration: the nearest .okr-coach.toml or "
        "pyproject.toml [tool.okr-coach] upward from each file.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="drafts to check; '-' reads standard input")
    check.add_argument("--format", choices=FORMATS, default="text",
                       help="text (default), json (the API's reply), sarif (2.1.0), github (workflow "
                       "annotations), junit (XML test report)")
    check.add_argument("--cycle", help="the set's cycle, e.g. 2026-Q3, if the draft does not say")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("--select", action="append", default=[], metavar="RULES",
                       help="run only these rule ids (comma-separated; repeatable)")
    check.add_argument("--ignore", action="append", default=[], metavar="RULES",
                       help="do not run these rule ids (comma-separated; repeatable)")
    check.add_argument("--fail-on", choices=list(SEVERITY_ORDER), default="error",
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="the path standard input stands for: shown in output, and where configuration is found")
    check.add_argument("--config", type=Path, metavar="FILE",
                       help="use this .okr-coach.toml or pyproject.toml instead of discovering one")
    check.set_defaults(run=run_check)


class InputProblem(Exception):
    """One file cannot be checked; the others still are, and the exit code becomes 2."""


def run_check(args: argparse.Namespace) -> int:
    settings = Settings()
    try:
        flags = flag_policy(args.select, args.ignore)
        explicit = load_config(args.config) if args.config else None
    except (ValueError, ConfigError) as exc:
        return _usage(str(exc))
    checked: list[CheckedFile] = []
    failed = False
    for name in args.files:
        try:
            checked.append(_check_file(name, args, settings, config=explicit, flags=flags))
        except InputProblem as exc:
            _usage(str(exc))
            failed = True
    print(_render(checked, args), end="")
    if failed:
        return EXIT_USAGE
    limit = SEVERITY_ORDER[args.fail_on]
    hit = any(SEVERITY_ORDER[f.severity] <= limit for c in checked for f in c.response.findings)
    return EXIT_FINDINGS if hit else EXIT_OK


def _check_file(name: str, args: argparse.Namespace, settings: Settings, *, config: Policy | None,
                flags: Policy) -> CheckedFile:
    """Read, configure and check one file; every way it can fail becomes an `InputProblem` naming it."""
    label = (args.stdin_filename or "<stdin>") if name == "-" else name
    try:
        source = read_source(name)
        if config is None:
            found = discover_config(Path(label) if label != "<stdin>" else Path.cwd())
            config = load_config(found) if found else Policy()
        request = request_from_source(source, args.cycle)
        request.policy = effective_policy(effective_policy(config, request.policy), flags)
        linted = lint_request(request, settings.policy, InputLimits.from_settings(settings))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputProblem(f"cannot read {name}: {exc}") from exc
    except ConfigError as exc:
        raise InputProblem(str(exc)) from exc
    except ValidationError as exc:
        raise InputProblem("; ".join(f"{label}: {'.'.join(map(str, e['loc'])) or 'input'}: {e['msg']}"
                                     for e in exc.errors())) from exc
    except LimitExceeded as exc:
        raise InputProblem(f"{label}: {exc.field}: {exc.message}") from exc
    for rule in linted.unknown_directives:
        print(f"okr-coach: warning: {label}: an 'okr-coach: ignore' directive names {rule!r}, which is no rule "
              "id; `okr-coach rules` lists them", file=sys.stderr)
    draft = source if request.text is not None and request.text == source else None
    return CheckedFile(label, draft, linted.response, linted.suppressed)


def flag_policy(select: list[str], ignore: list[str]) -> Policy:
    """`--select` and `--ignore` as a policy on top of the configuration; unknown ids are a usage error."""
    chosen, ignored = _ids(select), _ids(ignore)
    policy = Policy(enable_only=chosen or None, disable=ignored)
    if unknown := policy.unknown_rules(set(all_rules())):
        raise ValueError(f"unknown rule id(s) {unknown} in --select/--ignore; `okr-coach rules` lists them")
    return policy


def _ids(values: list[str]) -> list[str]:
    return [rule.strip() for value in values for rule in value.split(",") if rule.strip()]


class FileResult(BaseModel):
    """`--format json` with several files: each file's reply, named."""

    file: str
    result: CheckResponse


def _render(checked: list[CheckedFile], args: argparse.Namespace) -> str:
    if args.format in _RENDERERS:
        return _RENDERERS[args.format](checked)
    if args.format == "json":
        if len(args.files) == 1 and len(checked) == 1:  # one file: exactly the API's reply, as before
            return checked[0].response.model_dump_json(indent=2) + "\n"
        results = [FileResult(file=c.label, result=c.response) for c in checked]
        return TypeAdapter(list[FileResult]).dump_json(results, indent=2).decode() + "\n"
    out = []
    for c in checked:
        out.append(render_findings(c.label, c.source or "", c.response, color=args.color))
        if c.suppressed:
            out.append(f"{len(c.suppressed)} more silenced by 'okr-coach: ignore' directives in {c.label}\n")
    return "".join(out)


def _usage(message: str) -> int:
    print(f"okr-coach: {message}", file=sys.stderr)
    return EXIT_USAGE

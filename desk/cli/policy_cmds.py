"""`desk policy`: check policy files, evaluate a case, run a file of cases.

    desk policy check [--policies DIR]          load and validate; print the versions
    desk policy list                            the versions in force at this counter
    desk policy publish FILE.toml --as STAFF    head office: publish a version (synced to stores)
    desk policy evaluate CASE.json [--policies DIR]   print the decision as JSON
    desk policy test CASES.json... [--policies DIR]   run cases with expected outcomes

Without --policies: the counter's policies (resources/policies, or $DESK_POLICY_DIR).
Exit status: 0 good; 1 a case did not match (test) or a file has an error (check); 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desk.capabilities import describe
from desk.cli.common import print_json
from desk.platform.errors import DeskError
from desk.policies import PolicySet, load_directory
from desk.policies.cases import evaluate_case, run_case


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("policy", help="check policy files and evaluate return cases",
                            description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    inner = parser.add_subparsers(dest="policy_command", metavar="ACTION")
    inner.required = True
    check = inner.add_parser("check", help="validate the policy files and list the versions")
    check.add_argument("--policies", help="folder of policy files (*.toml)")
    check.set_defaults(func=run_check)
    evaluate = inner.add_parser("evaluate", help="print the decision for a case as JSON")
    evaluate.add_argument("case", help="a case file (JSON), '-' for standard input")
    evaluate.add_argument("--policies", help="folder of policy files (*.toml)")
    evaluate.set_defaults(func=run_evaluate)
    test = inner.add_parser("test", help="run case files with expected outcomes")
    test.add_argument("cases", nargs="+", help="case files (JSON) or folders of them")
    test.add_argument("--policies", help="folder of policy files (*.toml)")
    test.add_argument("-v", "--verbose", action="store_true", help="list every case")
    test.set_defaults(func=run_test)
    listing = inner.add_parser("list", help="the versions in force at this counter (shipped "
                                            "files and what head office published)")
    listing.set_defaults(func=run_list)
    publish = inner.add_parser("publish", help="head office: publish a policy file through the "
                                               "journal (sync takes it to every store)")
    publish.add_argument("file", help="the policy file (TOML)")
    publish.add_argument("--as", dest="actor", required=True, help="head office staff id")
    publish.set_defaults(func=run_publish)


def _policies(args: argparse.Namespace) -> PolicySet:
    if args.policies:
        return load_directory(Path(args.policies))
    from desk.policies.queries import current

    return current()


def _read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise DeskError("import.file_unreadable", path=path, reason=err.strerror) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DeskError("policy.case_invalid", case=path,
                        reason=f"line {err.lineno}: not valid JSON ({err.msg})") from None


def run_check(args: argparse.Namespace) -> int:
    try:
        policies = _policies(args)
    except DeskError as err:
        print(f"error: {err.code}: {describe(err, 'en')}", file=sys.stderr)
        return 1
    for doc in policies.documents:
        print(f"{doc.version}  from {doc.effective_from}  {len(doc.rules)} rules  {doc.source}")
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    policies = _policies(args)
    case = _read_json(args.case)
    print_json(evaluate_case(policies, case, args.case))
    return 0


def _case_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return files


def run_test(args: argparse.Namespace) -> int:
    policies = _policies(args)
    total = failed = 0
    for path in _case_files(args.cases):
        data = _read_json(str(path))
        entries = data.get("cases") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise DeskError("policy.case_invalid", case=str(path),
                            reason="a case file is {\"cases\": [...]}")
        for index, entry in enumerate(entries, start=1):
            total += 1
            problems = run_case(policies, entry, index)
            if problems:
                failed += 1
                for problem in problems:
                    print(f"FAIL {path.name}: {problem}")
            elif args.verbose:
                print(f"ok   {path.name}: {entry.get('name', index)}")
    print(f"{total - failed} of {total} case(s) passed"
          + (f", {failed} failed" if failed else ""))
    return 1 if failed else 0


def run_list(args: argparse.Namespace) -> int:
    from desk.cli.common import open_db
    from desk.policies.queries import for_connection, published_errors

    database = open_db(args)
    try:
        with database.engine.connect() as conn:
            policies = for_connection(conn)
    finally:
        database.dispose()
    for doc in policies.documents:
        print(f"{doc.version}  from {doc.effective_from}  {len(doc.rules)} rules  {doc.source}")
    for err in published_errors:
        print(f"skipped: {describe(err, 'en')}", file=sys.stderr)
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from desk.cli.common import open_bus
    from desk.policies.commands import PublishPolicy

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DeskError("import.file_unreadable", path=str(path), reason=str(err)) from None
    bus = open_bus(args)
    try:
        result = bus.dispatch(PublishPolicy(text=text, source=path.name), args.actor)
    finally:
        bus.db.dispose()
    print_json(result.value)
    return 0

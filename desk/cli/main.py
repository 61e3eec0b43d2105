"""`desk` entry point. Sub-commands come from modules registered under the `desk.cli` entry-point
group (pyproject.toml), so printing/ can add its commands without desk/ importing it."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from importlib.metadata import entry_points

from desk.capabilities import describe
from desk.platform.errors import DeskError
from desk.platform.logs import setup_logging
from desk.platform.paths import data_home

log = logging.getLogger("desk.cli")

# Core command modules; each has register(subparsers) and sets `func` on its parsers.
CORE_MODULES = (
    "desk.cli.setup_cmds",
    "desk.cli.db_cmds",
    "desk.cli.apply_cmd",
    "desk.cli.sync_cmds",
    "desk.cli.demo_cmd",
    "desk.cli.import_cmd",
    "desk.cli.bench_cmd",
    "desk.cli.lookup_cmd",
    "desk.cli.policy_cmds",
    "desk.cli.report_cmds",
    "desk.cli.ticket_cmds",
    "desk.cli.escalation_cmds",
    "desk.cli.doctor_cmd",
)

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk", description="Service Desk counter tools")
    parser.add_argument("--home", help="data directory (default: $DESK_HOME or the user data dir)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in CORE_MODULES:
        import_module(name).register(subparsers)
    for entry in entry_points(group="desk.cli"):
        try:
            register: Register = entry.load()
        except ImportError as exc:
            # An optional part that is not installed: only its own command says so.
            add_missing_plugin(subparsers, entry.name, exc)
            continue
        register(subparsers)
    return parser


def add_missing_plugin(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
                       name: str, exc: ImportError) -> None:
    """A stand-in for a plug-in that failed to import: `desk NAME ...` explains, nothing else."""
    command = name.split("_", 1)[0]
    if command in subparsers.choices:
        return  # a group another module made (e.g. `report`): its other commands still work
    missing = exc.name or str(exc)
    parser = subparsers.add_parser(command, help=f"(not available: {missing} is not installed)",
                                   add_help=False)
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(func=lambda _args: report_missing(command, missing))


def report_missing(command: str, missing: str) -> int:
    print(f"error: `desk {command}` needs the Python package '{missing}', which is not "
          f"installed; reinstall Service Desk (pip install service-desk) to get it",
          file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(data_home(args.home))
    log.info("desk %s", args.command)
    try:
        return int(args.func(args) or 0)
    except DeskError as err:
        log.info("desk %s: %s", args.command, err.code)
        print(f"error: {err.code}: {describe(err, 'en')}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception:
        log.exception("desk %s failed", args.command)
        raise


if __name__ == "__main__":
    sys.exit(main())

"""`desk apply FILE.jsonl --as STAFF_ID`: run domain commands written as JSON lines.

One JSON result per input line. A refused line changes nothing and prints its error; the exit
status is 1 at the end if any line was refused. This is also the feed for the store's systems.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from desk.capabilities import REGISTRY, describe
from desk.cli.common import open_bus, print_json
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.decoding import from_dict
from desk.platform.errors import DeskError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("apply", help="apply commands from a JSON-lines file ('-' for stdin)")
    p.add_argument("file")
    p.add_argument("--as", dest="actor", required=True, help="staff id the commands run as")
    p.set_defaults(func=run_apply)


def parse_line(text: str) -> Any:
    """A JSON object with a "command" name and that command's fields -> the command."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DeskError("command.invalid_json", reason=exc.msg) from None
    if not isinstance(data, dict) or not isinstance(data.get("command"), str):
        raise DeskError("command.malformed", reason='expected an object with a "command" name')
    name = data.pop("command")
    spec = REGISTRY.spec(name)
    if spec is None:
        raise DeskError("command.unknown", name=name)
    return from_dict(spec.command, data)


def apply_stream(bus: CommandBus, stream: TextIO, actor: str) -> int:
    if actor == SYSTEM_ACTOR:
        raise DeskError("auth.unknown_staff", staff_id=actor)
    refused = 0
    for number, text in enumerate(stream, start=1):
        if not text.strip():
            continue
        try:
            result = bus.dispatch(parse_line(text), actor)
            print_json({"line": number, "ok": True, "result": result.value})
        except DeskError as err:
            refused += 1
            print_json({"line": number, "ok": False, "error": err.to_dict(describe(err, "en"))})
    return 1 if refused else 0


def run_apply(args: argparse.Namespace) -> int:
    bus = open_bus(args)
    if args.file == "-":
        return apply_stream(bus, sys.stdin, args.actor)
    try:
        with open(args.file, encoding="utf-8") as stream:
            return apply_stream(bus, stream, args.actor)
    except OSError as exc:
        raise DeskError("import.file_unreadable", path=args.file, reason=exc.strerror) from None

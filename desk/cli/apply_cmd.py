"""`desk apply FILE.jsonl --as STAFF_ID`: run domain commands written as JSON lines.

One JSON result per non-blank input line, whatever its bytes: each line is decoded on its own
(invalid UTF-8, JSON nested too deep, a line over 16 MiB are refusals of that line only), and a
refused line changes nothing and prints its error; later lines still run. The exit status is 1
at the end if any line was refused. This is also the feed for the store's systems.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from desk.capabilities import REGISTRY, describe
from desk.cli.common import open_bus, print_json
from desk.platform.bus import SYSTEM_ACTOR, CommandBus
from desk.platform.decoding import from_dict, json_line
from desk.platform.errors import DeskError

MAX_LINE_BYTES = 16 * 1024 * 1024  # a policy document or a signature's PNG fits many times


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("apply", help="apply commands from a JSON-lines file ('-' for stdin)")
    p.add_argument("file")
    p.add_argument("--as", dest="actor", required=True, help="staff id the commands run as")
    p.set_defaults(func=run_apply)


def parse_line(raw: bytes, number: int = 1) -> Any:
    """A JSON object with a "command" name and that command's fields -> the command."""
    data = json_line(raw, number)
    if not isinstance(data, dict) or not isinstance(data.get("command"), str):
        raise DeskError("command.malformed", reason='expected an object with a "command" name')
    name = data.pop("command")
    spec = REGISTRY.spec(name)
    if spec is None:
        raise DeskError("command.unknown", name=name[:100])
    return from_dict(spec.command, data)


def read_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """The lines of `stream` as bytes; None for a line longer than MAX_LINE_BYTES (skipped to its
    end without holding it in memory)."""
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        if len(raw) <= MAX_LINE_BYTES or raw.endswith(b"\n"):
            yield raw
            continue
        while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def apply_line(bus: CommandBus, raw: bytes | None, number: int, actor: str) -> dict[str, Any]:
    """One line -> its one result; never raises (a failure of the program is a refusal too)."""
    try:
        if raw is None:
            raise DeskError("command.line_too_long", limit=MAX_LINE_BYTES)
        result = bus.dispatch(parse_line(raw, number), actor)
        return {"line": number, "ok": True, "result": result.value}
    except DeskError as err:
        return {"line": number, "ok": False, "error": err.to_dict(describe(err, "en"))}
    except Exception as exc:  # the batch goes on; the fuzz test expects none
        failure = DeskError("command.failed", reason=type(exc).__name__)
        return {"line": number, "ok": False, "error": failure.to_dict(describe(failure, "en"))}


def apply_stream(bus: CommandBus, stream: BinaryIO, actor: str) -> int:
    """Every non-blank line gets exactly one result line; 1 if any was refused."""
    if actor == SYSTEM_ACTOR:
        raise DeskError("auth.unknown_staff", staff_id=actor)
    refused = 0
    for number, raw in enumerate(read_lines(stream), start=1):
        if raw is not None and not raw.strip():
            continue
        outcome = apply_line(bus, raw, number, actor)
        refused += not outcome["ok"]
        print_json(outcome)
    return 1 if refused else 0


def run_apply(args: argparse.Namespace) -> int:
    bus = open_bus(args)
    if args.file == "-":
        return apply_stream(bus, sys.stdin.buffer, args.actor)
    try:
        with open(args.file, "rb") as stream:
            return apply_stream(bus, stream, args.actor)
    except OSError as exc:
        raise DeskError("import.file_unreadable", path=args.file, reason=exc.strerror) from None

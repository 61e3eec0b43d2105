"""`desk import repairs FILE.csv`: the previous repair system's export, imported all or none.

The format is in docs/import.md ("Repair history"). Reading the file (encoding, header, the
text of each field) happens here; the rules are `ImportRepairHistory`'s (desk/repairs/history.py),
which checks every record against the database and records all of them or none. Every bad row
is reported with its file line: the header is line 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from desk.platform.bus import CommandBus
from desk.platform.errors import DeskError
from desk.platform.import_files import decode
from desk.platform.money import parse_yuan
from desk.repairs.history import HistoricRepair, HistoryRefused, ImportRepairHistory

REQUIRED_COLUMNS = ("code", "sku", "fault", "opened_at", "closed_at")
OPTIONAL_COLUMNS = ("outcome", "serial", "receipt_no", "customer_id", "fault_kind",
                    "service_level", "charged")


@dataclass
class ParsedHistory:
    repairs: list[HistoricRepair] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the file line of each repair
    problems: list[dict[str, Any]] = field(default_factory=list)  # {line, code, params}
    rows: int = 0


def _problem(line: int, err: DeskError) -> dict[str, Any]:
    return {"line": line, "code": err.code, "params": err.params}


def parse_history_csv(data: bytes) -> ParsedHistory:
    """The repairs of the file, and every problem that needs no database."""
    parsed = ParsedHistory()
    try:
        text = decode(data)
    except DeskError as err:
        parsed.problems.append(_problem(int(err.params["line"]), err))
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        parsed.problems.append(_problem(1, DeskError("import.empty")))
        return parsed
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    unknown += [f"{c} (twice)" for c in sorted({c for c in columns if columns.count(c) > 1})]
    if missing:
        parsed.problems.append(_problem(1, DeskError("import.bad_header",
                                                     missing=", ".join(missing))))
    if unknown:
        parsed.problems.append(_problem(1, DeskError("import.unknown_columns",
                                                     unknown=", ".join(unknown))))
    if parsed.problems:
        return parsed
    last_line = reader.line_num
    for fields in reader:
        line, last_line = last_line + 1, reader.line_num  # a quoted field may span lines
        if not any(f.strip() for f in fields):
            continue
        parsed.rows += 1
        if len(fields) != len(columns):
            parsed.problems.append(_problem(line, DeskError(
                "import.bad_value", column="", reason=f"expected {len(columns)} fields, found"
                f" {len(fields)}")))
            continue
        row = {c: f.strip() for c, f in zip(columns, fields, strict=True)}
        try:
            charged = parse_yuan(row.get("charged") or "0")
        except DeskError as err:
            parsed.problems.append(_problem(line, DeskError(
                "import.bad_value", column="charged", reason=err.message)))
            continue
        parsed.repairs.append(HistoricRepair(
            code=row["code"], sku=row["sku"], fault=row["fault"], opened_at=row["opened_at"],
            closed_at=row["closed_at"], outcome=row.get("outcome") or "repaired",
            serial=row.get("serial", ""), receipt_no=row.get("receipt_no") or None,
            customer_id=row.get("customer_id") or None, fault_kind=row.get("fault_kind", ""),
            service_level=row.get("service_level") or "simple", charged_fen=charged))
        parsed.lines.append(line)
    return parsed


def import_history_file(bus: CommandBus, data: bytes, actor: str, source: str,
                        check_only: bool = False) -> dict[str, Any]:
    """Parse and import an export; the summary `desk import repairs` prints. Nothing is
    recorded when any row is bad: the problems (all of them, by line) are in the summary with
    ok=false, each with its error code and parameters."""
    parsed = parse_history_csv(data)
    problems = list(parsed.problems)
    recorded, repaired = 0, 0
    if parsed.repairs:
        try:
            result = bus.dispatch(ImportRepairHistory(
                source=source, repairs=parsed.repairs,
                dry_run=check_only or bool(problems)), actor).value
            recorded, repaired = result.recorded, result.repaired
        except HistoryRefused as refused:
            problems += [{"line": parsed.lines[p["position"] - 1], "code": p["code"],
                          "params": p["params"]} for p in refused.problems]
    problems.sort(key=lambda p: (p["line"], p["code"]))
    summary: dict[str, Any] = {"ok": not problems, "rows": parsed.rows, "imported": recorded,
                               "checked_only": check_only}
    if problems:
        summary["problems"] = problems
    else:
        summary |= {"repaired": repaired, "unrepaired": len(parsed.repairs) - repaired}
    return summary

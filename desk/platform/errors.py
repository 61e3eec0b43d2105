"""Errors are codes with parameters; ui/ and printing/ turn them into words.

The English templates here are for the command line and logs only; the app translates the code.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class ErrorText(NamedTuple):
    """What a user reads for an error code, in both languages (str.format with its params)."""

    en: str
    zh: str

# code -> English template (str.format with the error's params)
MESSAGES: dict[str, str] = {
    "command.unknown": "unknown command '{name}'",
    "command.malformed": "malformed command: {reason}",
    "command.field_missing": "field '{field}' is missing",
    "command.field_unknown": "unknown field '{field}'",
    "command.field_type": "field '{field}' must be {expected}",
    "command.invalid_json": "line is not valid JSON: {reason}",
    "auth.unknown_staff": "no active staff with id '{staff_id}'",
    "auth.wrong_pin": "wrong PIN ({remaining} tries left before the account locks)",
    "auth.locked": "account locked until {until} after too many wrong PINs",
    "auth.forbidden": "role '{role}' may not run '{command}'",
    "auth.pin_too_short": "a PIN has at least {min_length} digits",
    "auth.pin_not_digits": "a PIN is made of digits only",
    "value.required": "'{field}' is required",
    "value.invalid": "'{field}' is invalid: {reason}",
    "money.invalid": "'{text}' is not an amount in yuan with at most 2 decimals",
    "money.negative": "'{field}' must not be negative",
    "store.exists": "store '{store_id}' already exists",
    "store.unknown": "unknown store '{store_id}'",
    "device.not_initialised": "this counter has no store yet: run 'desk init' or 'desk demo'",
    "staff.exists": "staff '{staff_id}' already exists",
    "staff.unknown": "unknown staff '{staff_id}'",
    "role.unknown": "unknown role '{role}'",
    "customer.exists": "customer '{customer_id}' already exists",
    "customer.unknown": "unknown customer '{customer_id}'",
    "customer.member_taken": "member id '{member_id}' belongs to another customer",
    "product.exists": "product '{sku}' already exists",
    "product.unknown": "unknown product '{sku}'",
    "category.unknown": "unknown category '{category}'",
    "receipt.exists": "receipt '{receipt_no}' already exists",
    "receipt.unknown": "unknown receipt '{receipt_no}'",
    "receipt.no_lines": "a receipt needs at least one line",
    "receipt.tenders_mismatch": "tenders add up to {tendered} fen but the receipt is {due} fen",
    "receipt.tender_unknown": "unknown tender '{tender}'",
    "receipt.line_invalid": "line {line_no}: {reason}",
    "ticket.exists": "ticket '{code}' already exists",
    "db.not_a_database": "'{path}' is not a Service Desk database (or is damaged)",
    "db.read_only": "cannot write to '{path}' (read-only)",
    "db.newer_schema": "the database schema '{found}' is newer than this program knows",
    "db.locked": "the database is busy (another program holds it)",
    "import.bad_rows": "{count} bad row(s); nothing was imported",
    "import.bad_header": "missing column(s): {missing}",
    "import.file_unreadable": "cannot read '{path}': {reason}",
    # --- demo store and POS CSV import (desk demo, desk import sales) ---
    "demo.not_empty": "this database already has store '{store_id}': the demo needs an empty one",
    "demo.incomplete": "a demo build into '{path}' was interrupted: delete the database file "
                       "and build the demo again",
    "import.not_utf8": "the file is not UTF-8 text (first bad byte on line {line})",
    "import.empty": "the file has no header row",
    "import.unknown_columns": "unknown column(s): {unknown}",
    "import.bad_value": "{column}: {reason}",
    "import.receipt_conflict": "{column} differs from the first row of receipt {receipt_no} "
                               "(line {first_line})",
    "import.receipt_split": "rows of receipt {receipt_no} must be together (it began on line "
                            "{first_line})",
    "import.phone_unknown": "no customer with phone {phone}",
    # --- lookups (issue 4): reasons a search shows nothing, and unknown detail keys ---
    "lookup.empty": "type or scan something to search for",
    "lookup.too_long": "the search text is too long ({length} characters, at most {limit})",
    "lookup.not_found": "nothing found for '{text}'",
    "lookup.incomplete": "'{text}' looks like an incomplete {what} number: scan or type all of it",
    "lookup.bad_check_digit": (
        "{code} is not a valid EAN-13 barcode (its check digit should be {expected}): "
        "scan it again"),
    "lookup.other_store": (
        "this tracking link belongs to another store ({host} {store}): ticket {code} is not "
        "kept at this counter"),
    "lookup.not_tracking_url": "'{url}' is not a repair tracking link",
    "lookup.ticket_not_here": "ticket {code} from the tracking link is not in this store's records",
    "lookup.unknown": "no {kind} '{key}'",
    # --- sync with the central PostgreSQL (issue 6) ---
    "sync.not_configured": "no central server is configured: give --central URL or set it up",
    "sync.bad_url": "'{url}' is not a usable central server address: {reason}",
    "sync.unreachable": "cannot reach the central server {url}: {reason}",
    "sync.auth_failed": "the central server refused the user name or password ({url})",
    "sync.no_database": "the central server has no such database ({url})",
    "sync.tls_failed": "secure connection to the central server failed: {reason}",
    "sync.central_missing": "the central server has no Service Desk schema: run "
                            "'desk central init URL' there first",
    "sync.central_outdated": "the central server's schema is version {found}, this program needs "
                             "{needed}: run 'desk central init URL' to upgrade it",
    "sync.central_newer": "the central server's schema is version {found}, newer than this "
                          "program knows ({known}): update this program",
    "sync.not_a_store_role": "these credentials do not belong to a store: create them with "
                             "'desk central add-store'",
    "sync.store_role_taken": "store '{store_id}' already has the role '{role}'",
    "sync.wrong_store": "this counter belongs to store '{counter}' but the credentials are store "
                        "'{credentials}'s",
    "sync.forbidden": "the central server refused the write: {reason}",
    "sync.gap": "device {device_id}: expected event {expected}, got {got} (nothing was taken; "
                "the next round resends from {expected})",
    "sync.diverged": "device {device_id}: event {device_seq} differs from the central server's "
                     "copy (database restored from an old backup?)",
    "sync.bad_hash": "device {device_id}: event {device_seq} from the server fails its hash check",
    "sync.connection_lost": "the connection to the central server was lost: {reason}",
    "sync.server_error": "the central server reported an error: {reason}",
    "sync.clock_skew": "this counter's clock is {minutes} minutes off the central server's",
    "sync.clock_drift": "another counter's clock runs {minutes} minutes ahead of this one",
    "sync.keyring_unavailable": "no password store (keyring) on this computer: the password "
                                "is asked for each session and never written to disk",
    "conflict.unknown": "unknown conflict '{conflict_id}'",
    "conflict.resolved_already": "conflict '{conflict_id}' is already resolved",
    "conflict.decision_unknown": "unknown decision '{decision}'",
    # --- returns, refunds, compensation, approvals and the policy engine (issue 5) ---
    "policy.invalid": "policy file {file}, line {line}: {reason}",
    "policy.case_invalid": "policy case {case}: {reason}",
    "return.other_store": "receipt {receipt_no} is from another store ({store_id}): it is "
                          "returned there",
    "return.no_lines": "choose at least one line to return",
    "return.before_purchase": "the return date is before the purchase ({sold_on})",
    "return.line_unknown": "receipt {receipt_no} has no line {line_no}",
    "return.line_twice": "line {line_no} is listed twice",
    "return.qty_invalid": "line {line_no}: the quantity must be at least 1 (not {qty})",
    "return.qty_exceeds": "line {line_no}: {qty} asked but only {remaining} left to return",
    "return.window_passed": "line {line_no}: day {days} of the purchase, the return window is "
                            "{return_days} days",
    "return.exchange_only": "line {line_no}: day {days}: past the {return_days}-day return, "
                            "an exchange is possible up to day {exchange_days}",
    "return.repair_only": "line {line_no}: day {days}: past the {exchange_days}-day exchange, "
                          "repair under warranty",
    "return.opened": "line {line_no}: an opened item of this kind cannot be returned",
    "return.not_buyer": "line {line_no}: only the original buyer can return this item",
    "return.no_receipt_refused": "a return without the receipt is not accepted",
    "return.no_receipt_found_by": "a purchase found by {found_by} cannot be returned "
                                  "without the receipt",
    "return.no_receipt_not_buyer": "without the receipt, only the customer on the purchase "
                                   "can return it",
    "return.no_receipt_too_old": "day {days}: a return without the receipt is accepted up "
                                 "to day {max_days}",
    "return.cash_back_refused": "cash back for {tender} is not allowed",
    "return.refused": "the return is refused: {reason}",
    "return.signature_required": "the customer's signature is required ({reasons})",
    "return.unknown": "unknown return '{return_id}'",
    "return.exists": "return '{return_id}' already exists",
    "approval.required": "a {level} approval is required ({reasons}): the approver enters "
                         "their staff id and PIN",
    "approval.not_allowed": "{approver_id} ({role}) cannot approve a {level} case",
    "approval.reason_required": "an override or a refusal needs a reason",
    "approval.unknown_case": "no case '{case_id}' waits for head office",
    "approval.not_pending": "case '{case_id}' is not waiting for head office (it is {status})",
    "compensation.label_defect": "a label defect that neither affects safety nor misleads is "
                                 "not compensated",
    "compensation.not_late": "the repair is not late",
    "compensation.refused": "the compensation is refused: {reason}",
    "compensation.exists": "compensation '{compensation_id}' already exists",
    "compensation.line_needed": "give the receipt and line, or the price paid",
    "ticket.unknown": "unknown ticket '{code}'",
    # --- printing, part A: documents and encoder (issue 3) ---
    "printer.unknown_profile": "unknown printer profile '{profile}' (known: {known})",
    "printer.unknown_document": "unknown document kind '{kind}' (known: {known})",
    # --- signatures and printing, part B: devices, print queue, signatures (issue 3) ---
    "signature.empty": "nothing was signed: please sign on the line",
    "signature.too_little": "the signature is too small or too short: please sign again on the "
                            "line",
    "signature.too_large": "the signature is too large ({what} over {limit})",
    "signature.bad_strokes": "the signature's strokes are not valid points",
    "signature.bad_png": "the signature image is not a PNG",
    "signature.bad_hash": "{field} is not a SHA-256 hash",
    "signature.tampered": "signature {signature_id} does not match its own record",
    "signature.other_document": "signature {signature_id} was given for another document",
    "signature.exists": "this signature is already recorded ({signature_id})",
    "signature.unknown": "unknown signature '{signature_id}'",
    "printer.port_missing": "printer port {port} does not exist",
    "printer.port_busy": "printer port {port} cannot be opened: {detail}",
    "printer.disconnected": "the printer on {port} went away during the job: {detail}",
    "printer.write_timeout": "the printer on {port} stopped taking data (flow control held)",
    "printer.not_answering": "the printer on {port} does not answer status queries",
    "printer.paper_out": "the printer is out of paper",
    "printer.cover_open": "the printer's cover is open",
    "printer.offline": "the printer is offline",
    "printer.error": "the printer reports an error",
    "printer.bad_settings": "printer settings: {detail}",
    "printer.unreachable": "printer {host}:{port} cannot be reached: {detail}",
    "print.unknown_job": "unknown print job {job_id}",
    "print.bad_state": "print job {job_id} is {status}: that cannot be done now",
    "print.empty_job": "a print job needs bytes and at least one copy",
    "print.unknown_document": "nothing to print for '{reference}'",
    "print.interrupted": "the app stopped while this job was being sent: check the paper",
    "print.cannot_reprint": "a '{kind}' cannot be rebuilt for a reprint here",
    "closure.future_date": "business day {business_date} has not started yet (today is {today})",
    "closure.already_closed": "business day {business_date} is already closed for {scope} "
                              "(Z{z_number})",
    "closure.other_counter": "counter {device_id} closes its own day: close it on that counter",
    "closure.same_person": "the second person who counts must be someone else than {staff_id}",
    "closure.same_signature": "the manager and the second person each sign",
    "closure.note_required": "the variance of {variance} fen is above the tolerance of "
                             "{tolerance} fen: add a note",
    "closure.unsynced": "{events} events are not synced and {conflicts} conflicts are open: "
                        "confirm to close anyway",
    "closure.count_invalid": "the count of {denomination} fen pieces must be a whole number, "
                             "0 or more (got {value})",
    "closure.denomination_unknown": "{denomination} is not a banknote or coin of the till",
    "closure.pdf_failed": "the closure report could not be written: {reason}",
}


class DeskError(Exception):
    """A refusal the user can act on: a stable code plus parameters for the message."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code, self.code)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return f"{template} {self.params}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "params": self.params}

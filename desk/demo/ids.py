"""The identifier formats the whole app uses (receipts, tickets, members, serials, barcodes).

- receipt_no: "R" + yymmdd + 2-digit POS counter + 4-digit sequence (13 characters)
- ticket code: "T" + yymmdd + 4-digit sequence (11 characters)
- member_id "M" + 8 digits; customer_id "C" + 7 digits; sku "P" + 6 digits
- phone: 11 digits starting 13-19; serial: "SN" + 10 upper-case alphanumerics
- barcode: EAN-13 with a valid check digit, prefix 69 (China)
"""

from __future__ import annotations

import re
from datetime import date

RECEIPT_NO = re.compile(r"^R\d{6}\d{2}\d{4}$")
TICKET_CODE = re.compile(r"^T\d{6}\d{4}$")
MEMBER_ID = re.compile(r"^M\d{8}$")
CUSTOMER_ID = re.compile(r"^C\d{7}$")
SKU = re.compile(r"^P\d{6}$")
PHONE = re.compile(r"^1[3-9]\d{9}$")
SERIAL = re.compile(r"^SN[0-9A-Z]{10}$")
STAFF_ID = re.compile(r"^\d{4}$")

SERIAL_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0


def ean13_check_digit(first12: str) -> int:
    """The check digit of an EAN-13 code: weights 1,3,1,3... over the first 12 digits."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError("an EAN-13 code has 12 digits before its check digit")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def ean13(first12: str) -> str:
    return first12 + str(ean13_check_digit(first12))


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == int(code[12])


def receipt_no(day: date, pos_counter: int, sequence: int) -> str:
    return f"R{day:%y%m%d}{pos_counter:02d}{sequence:04d}"


def ticket_code(day: date, sequence: int) -> str:
    return f"T{day:%y%m%d}{sequence:04d}"


def tracking_link(tracking_url: str, code: str) -> str:
    return f"{tracking_url.rstrip('/')}/{code}"

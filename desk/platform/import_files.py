"""Files exported by the store's other systems (a POS, a previous repair system): their text.
The error codes are the platform's `import.*` (desk/platform/errors.py)."""

from __future__ import annotations

from desk.platform.errors import DeskError


def decode(data: bytes) -> str:
    """UTF-8 with or without a byte-order mark; anything else is refused with the line it
    breaks on."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DeskError("import.not_utf8", line=line) from None

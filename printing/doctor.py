"""printing/'s checks for `desk doctor` (desk/cli/doctor_cmd.py): the fonts and the printer.

Added through the doctor's explicit hook from this part's `desk.cli` plug-in (cli_printer.register),
so without the printing part `desk doctor` says these checks were skipped.
"""

from __future__ import annotations

from typing import Any

from desk.cli.doctor_cmd import OK, PROBLEM, SKIPPED, Finding, Situation, add_check
from desk.platform.errors import DeskError
from desk.printjobs.queries import printer_setting
from printing.errors import describe

DEFAULT_PROFILE = "80mm-cn-qr-cut"  # what the app uses when none was chosen (ui/printing)
# Glyphs a receipt needs; a font without them draws the same empty box for each.
CJK_SAMPLE = "退货维修收据"
STATUS_TIMEOUT_S = 1.0


def register(subparsers: Any) -> None:
    add_check(subparsers, "fonts", check_fonts)
    add_check(subparsers, "printer", check_printer)


def check_fonts(situation: Situation) -> Finding:
    from printing.fonts import chinese_font_path

    path = chinese_font_path()
    if path is None:
        return Finding("fonts", PROBLEM, "no Chinese font found: receipts print Chinese as "
                                         "boxes; install one or set $DESK_PRINT_FONT")
    if not draws_distinct_glyphs(path, CJK_SAMPLE):
        return Finding("fonts", PROBLEM, f"{path} has no Chinese glyphs; set $DESK_PRINT_FONT "
                                         "to a Chinese font")
    return Finding("fonts", OK, f"{path} (Chinese glyphs present)")


def draws_distinct_glyphs(path: str, sample: str) -> bool:
    """Every character renders, and differently from the others (missing ones share one box)."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        face = ImageFont.truetype(path, 32)
    except OSError:
        return False
    drawn = set()
    for char in sample:
        image = Image.new("L", (40, 40))
        ImageDraw.Draw(image).text((2, 2), char, font=face, fill=255)
        if image.getbbox() is None:
            return False
        drawn.add(image.tobytes())
    return len(drawn) == len(sample)


def check_printer(situation: Situation) -> Finding:
    from printing.profiles import get_profile
    from printing.transport import open_transport

    if situation.conn is None:
        return Finding("printer", SKIPPED, "the database did not open")
    setting = printer_setting(situation.conn)
    spec = setting.spec or f"file:{situation.home / 'prints'}"
    get_profile(setting.profile or DEFAULT_PROFILE)
    transport = open_transport(spec)
    if hasattr(transport, "status_timeout"):
        transport.status_timeout = STATUS_TIMEOUT_S
    try:
        status = transport.status()
    finally:
        transport.close()
    chosen = "" if setting.spec else " (none chosen: the app prints to files)"
    if status.can_print:
        return Finding("printer", OK, f"{spec}{chosen}: {status.state}")
    code = status.error_code or "printer.error"
    words = describe(DeskError(code, port=transport.name, host=transport.name,
                               detail=status.detail), "en")
    return Finding("printer", PROBLEM, f"{spec}: {words}")

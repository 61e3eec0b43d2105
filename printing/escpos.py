"""ESC/POS encoder: Document -> bytes for one printer profile. Pure: no I/O, same input, same bytes.

Text is laid out in font-A columns (12 dots; 32 columns on 58 mm, 48 on 80 mm). In Chinese mode a
character's width is its encoded size in GB18030 (1 byte = 1 column, 2 bytes = 2 columns), and
two-byte characters go between FS & and FS . . Characters that would need four bytes are
substituted (¥ -> ￥ ...) when a two-byte look-alike exists; emoji become '?'; other rare
characters (CJK extension B...) make the line a raster image, as do all non-ASCII lines on a
printer without a Chinese font. No line is ever wider than the paper.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator

import qrcode
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

from printing.fonts import font
from printing.model import QR, Document, Feed, Image, Pair, Rule, Sign, Text
from printing.profiles import DOTS_PER_COLUMN, LINE_DOTS, Profile

ESC, GS, FS, DLE = b"\x1b", b"\x1d", b"\x1c", b"\x10"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
CUT = GS + b"VB\x00"  # feed to the cutter and cut (partial)
DRAWER_KICK = ESC + b"p\x00\x19\xfa"  # pin 2, 50 ms on, 500 ms off
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
FEED_BEFORE_TEAR = 4  # lines fed so the end of a document clears the tear bar (no cutter)

# Four-byte GB18030 characters with a two-byte (or ASCII) look-alike.
SUBSTITUTES = {
    "¥": "￥", "•": "·", "–": "-", "‐": "-", "‑": "-", "‘": "'", "’": "'", "‚": ",",
    "“": '"', "”": '"', "€": "EUR", "™": "TM", "©": "(C)", "®": "(R)", "\u00a0": " ",
    "\u3000": "  ", "…": "…", "✓": "√", "✔": "√", "✗": "×", "✘": "×", "★": "★", "☆": "☆",
    "\t": " ",
}


NO_LINE_START = set("，。、；：？！）」』】》〉,.;:?!)%")


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FBFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF
            or 0x1F1E6 <= cp <= 0x1F1FF)


def _dropped(ch: str) -> bool:
    cp = ord(ch)
    return (0xFE00 <= cp <= 0xFE0F or cp in (0x200D, 0x200B, 0x200C, 0x2060, 0xFEFF)
            or 0x1F3FB <= cp <= 0x1F3FF or unicodedata.category(ch) in ("Cc", "Cf", "Mn"))


def normalise(text: str, chinese: bool = True) -> str:
    """Substitute or drop what a thermal printer cannot print; rare characters are kept (the line
    becomes a raster image). Never raises."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        ch = SUBSTITUTES.get(ch, ch)
        if len(ch) > 1 or 32 <= ord(ch) < 127:
            out.append(ch)
        elif _dropped(ch):
            continue
        elif _is_emoji(ch):
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)


def char_width(ch: str) -> int:
    """Columns taken by one (normalised) character: its GB18030 size, 2 for rare characters."""
    if ord(ch) < 128:
        return 1
    return 2


def needs_raster(ch: str, profile: Profile) -> bool:
    if ord(ch) < 128:
        return False
    if not profile.chinese:
        return True
    try:
        return len(ch.encode("gb18030")) != 2
    except UnicodeEncodeError:
        return True


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """Break normalised text into lines of at most `columns`, preferring spaces for Latin text."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, width = "", 0
        for ch in paragraph:
            w = char_width(ch)
            if width + w > columns:
                cut = current.rfind(" ")
                if (ch != " " and ch.isascii() and current[-1:].isascii() and cut > 0
                        and cut >= len(current) // 3):  # do not split a Latin word
                    lines.append(current[:cut].rstrip())
                    current = current[cut + 1:]
                    width = text_width(current)
                elif ch in NO_LINE_START and len(current) > 1:
                    # no closing punctuation at the start of a line: take a character along
                    lines.append(current[:-1].rstrip())
                    current = current[-1]
                    width = text_width(current)
                else:
                    lines.append(current.rstrip())
                    current, width = "", 0
                if ch == " ":
                    continue
            current += ch
            width += w
        lines.append(current)
    return lines


class Encoder:
    def __init__(self, profile: Profile) -> None:
        self.p = profile
        self.out = bytearray()
        self._align = "left"
        self._bold = False
        self._double = False

    # --- state (emitted only when it changes, to keep documents small) ------------------------
    def align(self, value: str) -> None:
        if value != self._align:
            self.out += ALIGN[value]
            self._align = value

    def bold(self, on: bool) -> None:
        if on != self._bold:
            self.out += ESC + b"E" + (b"\x01" if on else b"\x00")
            self._bold = on

    def double(self, on: bool) -> None:
        if on != self._double:
            self.out += GS + b"!" + (b"\x11" if on else b"\x00")
            self._double = on

    # --- text ----------------------------------------------------------------------------------
    def line(self, text: str, *, align: str = "left", bold: bool = False,
             double: bool = False) -> None:
        """One physical line (already fits): native text, or a raster image when it must."""
        if any(needs_raster(c, self.p) for c in text):
            self.align(align)
            self.raster(render_text_line(text, bold=bold, double=double))
            return
        self.align(align)
        self.bold(bold)
        self.double(double)
        self.out += encode_text(text) + b"\n"

    def text(self, block: Text) -> None:
        cols = self.p.columns // (2 if block.double else 1)
        for piece in wrap(normalise(block.text), cols):
            self.line(piece, align=block.align, bold=block.bold, double=block.double)

    def pair(self, block: Pair) -> None:
        left, right = normalise(block.left), normalise(block.right)
        cols = self.p.columns
        lw, rw = text_width(left), text_width(right)
        if lw + 1 + rw <= cols:
            self.line(left + " " * (cols - lw - rw) + right, bold=block.bold)
            return
        pieces = wrap(left, cols)
        last = pieces[-1]
        for piece in pieces[:-1]:
            self.line(piece, bold=block.bold)
        if text_width(last) + 1 + rw <= cols:
            self.line(last + " " * (cols - text_width(last) - rw) + right, bold=block.bold)
        else:
            self.line(last, bold=block.bold)
            for piece in wrap(right, cols):
                self.line(" " * (cols - text_width(piece)) + piece, bold=block.bold)

    # --- images and codes ---------------------------------------------------------------------
    def raster(self, image: PILImage.Image, align: str | None = None) -> None:
        """GS v 0: a 1-bit image, in bands of at most 255 rows."""
        if align:
            self.align(align)
        self.out += raster_bytes(image)

    def image(self, block: Image) -> None:
        self.raster(fit_image(block.png(), int(self.p.dots * block.max_width_ratio)), "center")

    def qr(self, block: QR) -> None:
        self.align("center")
        data = block.data.encode("utf-8")
        if self.p.native_qr and len(data) <= 700:
            self.out += native_qr(data, block.module)
        else:
            self.raster(qr_image(block.data, block.module))

    # --- the whole document -------------------------------------------------------------------
    def encode(self, doc: Document) -> bytes:
        self.out += INIT
        if doc.copy:
            self.text(Text("** 副本 COPY **", align="center", bold=True, double=True))
            self.text(Text("重印件 / reprint", align="center"))
        for block in doc.blocks:
            self.block(block, doc)
        self.align("left")
        self.bold(False)
        self.double(False)
        if self.p.cutter:
            self.out += b"\n" * 3 + CUT
        else:
            self.out += b"\n" * FEED_BEFORE_TEAR
        if doc.open_drawer and self.p.drawer and not doc.copy:
            self.out += DRAWER_KICK
        return bytes(self.out)

    def block(self, block: object, doc: Document) -> None:
        if isinstance(block, Text):
            self.text(block)
        elif isinstance(block, Pair):
            self.pair(block)
        elif isinstance(block, Rule):
            self.line((normalise(block.char) or "-")[0] * self.p.columns)
        elif isinstance(block, QR):
            self.qr(block)
        elif isinstance(block, Image):
            self.image(block)
        elif isinstance(block, Sign):
            if doc.signature is not None:
                self.image(doc.signature)
            else:
                self.out += b"\n" * 3
            self.line("_" * (self.p.columns * 3 // 4), align="center")
            self.text(Text(block.label, align="center"))
        elif isinstance(block, Feed):
            self.out += b"\n" * block.lines
        else:
            raise TypeError(f"unknown block {block!r}")


def encode(doc: Document, profile: Profile) -> bytes:
    return Encoder(profile).encode(doc)


def encode_text(text: str) -> bytes:
    """ASCII as is, two-byte GB18030 runs between FS & and FS . (line already normalised)."""
    out = bytearray()
    chinese = False
    for ch in text:
        if ord(ch) < 128:
            if chinese:
                out += CHINESE_OFF
                chinese = False
            out += ch.encode("ascii")
        else:
            if not chinese:
                out += CHINESE_ON
                chinese = True
            out += ch.encode("gb18030")
    if chinese:
        out += CHINESE_OFF
    return bytes(out)


def native_qr(data: bytes, module: int = 6) -> bytes:
    """GS ( k: model 2, module size, error correction M, store, print."""
    module = max(1, min(16, module))
    store_len = len(data) + 3
    return (GS + b"(k\x04\x001A2\x00"
            + GS + b"(k\x03\x001C" + bytes([module])
            + GS + b"(k\x03\x001E1"
            + GS + b"(k" + bytes([store_len & 0xFF, store_len >> 8]) + b"1P0" + data
            + GS + b"(k\x03\x001Q0")


def qr_image(data: str, module: int = 6) -> PILImage.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=module,
                         border=2)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * module
    img = PILImage.new("1", (size, size), 1)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle([x * module, y * module, (x + 1) * module - 1,
                                (y + 1) * module - 1], fill=0)
    return img


def fit_image(png: bytes, max_width: int) -> PILImage.Image:
    """Open a PNG, flatten transparency onto white, scale to at most `max_width` dots, 1-bit."""
    src: PILImage.Image = PILImage.open(io.BytesIO(png))
    src.load()
    if src.mode in ("RGBA", "LA", "P"):
        src = src.convert("RGBA")
        white = PILImage.new("RGBA", src.size, (255, 255, 255, 255))
        src = PILImage.alpha_composite(white, src)
    gray = src.convert("L")
    box = PILImage.eval(gray, lambda v: 0 if v > 200 else 255).getbbox()  # trim white margins
    if box:
        gray = gray.crop(box)
    width = max(8, min(max_width, gray.width))
    height = max(1, round(gray.height * width / gray.width))
    if height > 600:
        width = max(8, round(width * 600 / height))
        height = 600
    shrink = gray.width / width
    if shrink >= 1.8:  # thicken thin pen strokes so they survive the downscale to 1 bit
        gray = gray.filter(ImageFilter.MinFilter(3 if shrink < 3.5 else 5))
    gray = gray.resize((width, height), PILImage.Resampling.LANCZOS)
    return gray.point(lambda v: 0 if v < 160 else 255).convert("1", dither=PILImage.Dither.NONE)


def raster_bytes(image: PILImage.Image) -> bytes:
    img = image.convert("1", dither=PILImage.Dither.NONE)
    width_bytes = (img.width + 7) // 8
    if img.width % 8:
        padded = PILImage.new("1", (width_bytes * 8, img.height), 1)
        padded.paste(img, (0, 0))
        img = padded
    packed = bytes(b ^ 0xFF for b in img.tobytes())  # PIL: 1 = white; ESC/POS: 1 = black
    out = bytearray()
    for top in range(0, img.height, 255):
        rows = min(255, img.height - top)
        out += GS + b"v0\x00" + bytes([width_bytes & 0xFF, width_bytes >> 8, rows & 0xFF, 0])
        out += packed[top * width_bytes:(top + rows) * width_bytes]
    return bytes(out)


def render_text_line(text: str, *, bold: bool = False, double: bool = False) -> PILImage.Image:
    """A line of text as a 1-bit image, column-exact: a 1-column char is 12 dots wide."""
    scale = 2 if double else 1
    size = LINE_DOTS * scale
    f = font(size - 2 * scale)
    img = PILImage.new("1", (max(8, text_width(text) * DOTS_PER_COLUMN * scale), size), 1)
    draw = ImageDraw.Draw(img)
    x = 0
    for ch in text:
        draw.text((x, scale), ch, font=f, fill=0, stroke_width=1 if bold else 0, stroke_fill=0)
        x += char_width(ch) * DOTS_PER_COLUMN * scale
    return img


def status_query(n: int) -> bytes:
    """DLE EOT n (1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor)."""
    return DLE + b"\x04" + bytes([n])


def chunks(data: bytes, size: int) -> Iterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i:i + size]

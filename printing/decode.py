"""ESC/POS decoder: bytes -> what the paper shows (for tests and the PNG preview).

Understands what printing/escpos.py emits (and refuses anything else, so a test notices a stray
byte): ESC @, ESC a, ESC E, GS !, FS & / FS ., LF, GS ( k (QR), GS v 0 (raster), GS V (cut),
ESC p (drawer), DLE EOT n (status queries that share the wire).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image as PILImage


class DecodeError(ValueError):
    pass


@dataclass
class Line:
    text: str
    width: int  # columns as encoded bytes (x2 when double size)
    align: str = "left"
    bold: bool = False
    double: bool = False


@dataclass
class QRCode:
    data: str
    module: int
    align: str = "center"


@dataclass
class Raster:
    image: PILImage.Image  # mode "1", black = 0
    align: str = "left"


@dataclass
class Paper:
    items: list[Line | QRCode | Raster | str] = field(default_factory=list)  # str: cut, drawer
    status_queries: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [i for i in self.items if isinstance(i, Line)]

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]

    @property
    def qr_codes(self) -> list[QRCode]:
        return [i for i in self.items if isinstance(i, QRCode)]

    @property
    def rasters(self) -> list[Raster]:
        return [i for i in self.items if isinstance(i, Raster)]

    @property
    def cuts(self) -> int:
        return sum(1 for i in self.items if i == "cut")

    @property
    def drawer_kicks(self) -> int:
        return sum(1 for i in self.items if i == "drawer")


def decode(data: bytes) -> Paper:
    paper = Paper()
    align, bold, double, chinese = "left", False, False, False
    buf = bytearray()  # the current line's raw bytes, as sent
    text: list[str] = []
    qr_store = b""
    qr_module = 3
    i, n = 0, len(data)

    def need(k: int) -> None:
        if i + k > n:
            raise DecodeError(f"truncated command at byte {i}")

    def end_line() -> None:
        paper.items.append(Line("".join(text), len(buf) * (2 if double else 1), align, bold,
                                double))
        buf.clear()
        text.clear()

    while i < n:
        b = data[i]
        if b == 0x0A:
            end_line()
            i += 1
        elif b == 0x1B:  # ESC
            need(2)
            cmd = data[i + 1]
            if cmd == 0x40:
                align, bold, double, chinese = "left", False, False, False
                i += 2
            elif cmd == 0x61:
                need(3)
                align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center",
                         50: "right"}[data[i + 2]]
                i += 3
            elif cmd == 0x45:
                need(3)
                bold = bool(data[i + 2] & 1)
                i += 3
            elif cmd == 0x70:
                need(5)
                paper.items.append("drawer")
                i += 5
            else:
                raise DecodeError(f"unknown ESC {cmd:#04x} at byte {i}")
        elif b == 0x1C:  # FS
            need(2)
            cmd = data[i + 1]
            if cmd == 0x26:
                chinese = True
            elif cmd == 0x2E:
                chinese = False
            else:
                raise DecodeError(f"unknown FS {cmd:#04x} at byte {i}")
            i += 2
        elif b == 0x1D:  # GS
            need(2)
            cmd = data[i + 1]
            if cmd == 0x21:
                need(3)
                double = data[i + 2] != 0
                i += 3
            elif cmd == 0x56:
                need(3)
                m = data[i + 2]
                i += 4 if m in (65, 66, 97, 98, 103, 104) else 3
                paper.items.append("cut")
            elif cmd == 0x28 and i + 2 < n and data[i + 2] == 0x6B:  # GS ( k
                need(7)
                plen = data[i + 3] | (data[i + 4] << 8)
                need(5 + plen)
                cn, fn = data[i + 5], data[i + 6]
                body = data[i + 7:i + 5 + plen]
                if cn != 0x31:
                    raise DecodeError("GS ( k for a symbol other than QR")
                if fn == 0x43:
                    qr_module = body[0]
                elif fn == 0x50:
                    qr_store = body[1:]
                elif fn == 0x51:
                    paper.items.append(QRCode(qr_store.decode("utf-8"), qr_module, align))
                i += 5 + plen
            elif cmd == 0x76 and i + 2 < n and data[i + 2] == 0x30:  # GS v 0
                need(8)
                xb = data[i + 4] | (data[i + 5] << 8)
                rows = data[i + 6] | (data[i + 7] << 8)
                need(8 + xb * rows)
                packed = bytes(v ^ 0xFF for v in data[i + 8:i + 8 + xb * rows])
                img = PILImage.frombytes("1", (xb * 8, rows), packed)
                paper.items.append(Raster(img, align))
                i += 8 + xb * rows
            else:
                raise DecodeError(f"unknown GS {cmd:#04x} at byte {i}")
        elif b == 0x10:  # DLE EOT n
            need(3)
            if data[i + 1] != 0x04:
                raise DecodeError(f"unknown DLE {data[i + 1]:#04x} at byte {i}")
            paper.status_queries.append(data[i + 2])
            i += 3
        elif b < 0x20:
            raise DecodeError(f"unexpected control byte {b:#04x} at byte {i}")
        elif b < 0x80:
            buf.append(b)
            text.append(chr(b))
            i += 1
        else:
            if not chinese:
                raise DecodeError(f"byte {b:#04x} outside Chinese mode at byte {i}")
            need(2)
            pair = data[i:i + 2]
            try:
                text.append(pair.decode("gb18030"))
            except UnicodeDecodeError:
                raise DecodeError(f"not a two-byte GB18030 character at byte {i}") from None
            buf += pair
            i += 2
    if buf:
        end_line()
    # Consecutive raster bands of one image are joined (an image taller than 255 rows).
    merged: list[Line | QRCode | Raster | str] = []
    for item in paper.items:
        prev = merged[-1] if merged else None
        if (isinstance(item, Raster) and isinstance(prev, Raster) and prev.image.height % 255 == 0
                and prev.image.width == item.image.width):
            joined = PILImage.new("1", (item.image.width, prev.image.height + item.image.height))
            joined.paste(prev.image, (0, 0))
            joined.paste(item.image, (0, prev.image.height))
            merged[-1] = Raster(joined, prev.align)
        else:
            merged.append(item)
    paper.items = merged
    return paper

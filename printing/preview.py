"""A PNG of what the paper would look like, rendered from the decoded bytes (printing/decode.py).

So the preview shows exactly what was sent: text at the printer's font grid (12 x 24 dots per
column, 24 x 24 per Chinese character), raster images pixel for pixel, native QR codes drawn
from their stored payload, the cut as a dashed line.
"""

from __future__ import annotations

import io

from PIL import Image as PILImage
from PIL import ImageDraw

from printing.decode import Line, Paper, QRCode, Raster, decode
from printing.escpos import qr_image
from printing.fonts import font
from printing.profiles import DOTS_PER_COLUMN, LINE_DOTS

LINE_SPACING = 6  # dots between text lines (ESC/POS default line spacing is ~30 dots)
MARGIN = 28  # unprintable paper edge, each side
BACKDROP = 36  # grey around the paper
INK = (24, 24, 28)
PAPER = (252, 251, 247)


def _x(align: str, width: int, dots: int) -> int:
    if align == "center":
        return max(0, (dots - width) // 2)
    if align == "right":
        return max(0, dots - width)
    return 0


def render(paper: Paper, dots: int) -> PILImage.Image:
    # Measure first, then draw on a canvas of the right height.
    height = 40
    for item in paper.items:
        if isinstance(item, Line):
            height += (LINE_DOTS * (2 if item.double else 1)) + LINE_SPACING
        elif isinstance(item, Raster):
            height += item.image.height
        elif isinstance(item, QRCode):
            height += qr_image(item.data, item.module).height
        elif item == "cut":
            height += 40
    height += 30
    width = dots + 2 * MARGIN
    sheet = PILImage.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(sheet)
    y = 30
    cut_seen = False
    for item in paper.items:
        if isinstance(item, Line):
            scale = 2 if item.double else 1
            f = font(LINE_DOTS * scale - 2 * scale)
            x = MARGIN + _x(item.align, item.width * DOTS_PER_COLUMN, dots)
            for ch in item.text:
                cell = (1 if ord(ch) < 128 else 2) * DOTS_PER_COLUMN * scale
                # like the printer's font: every glyph centred in its fixed-width cell
                inset = max(0.0, (cell - f.getlength(ch)) / 2)
                draw.text((x + inset, y + scale), ch, font=f, fill=INK,
                          stroke_width=1 if item.bold else 0, stroke_fill=INK)
                x += cell
            y += LINE_DOTS * scale + LINE_SPACING
        elif isinstance(item, Raster | QRCode):
            img = item.image if isinstance(item, Raster) else qr_image(item.data, item.module)
            x = MARGIN + _x(item.align, img.width, dots)
            mask = PILImage.eval(img.convert("L"), lambda v: 255 - v)
            sheet.paste(INK, (x, y), mask)
            y += img.height
        elif item == "cut":
            y += 20
            for x0 in range(0, width, 16):
                draw.line([(x0, y), (x0 + 8, y)], fill=(150, 150, 150), width=2)
            draw.text((6, y - 22), "cut", font=font(14), fill=(120, 120, 120))
            y += 20
            cut_seen = True
        elif item == "drawer":
            draw.text((width - 110, y), "[钱箱 drawer]", font=font(16), fill=(160, 160, 160))
    sheet = sheet.crop((0, 0, width, y + 30))
    # Paper on a grey backdrop, with a torn edge at the bottom when nothing cut it.
    out = PILImage.new("RGB", (width + 2 * BACKDROP, sheet.height + 2 * BACKDROP),
                       (205, 207, 212))
    shadow = PILImage.new("RGB", sheet.size, (170, 172, 178))
    out.paste(shadow, (BACKDROP + 4, BACKDROP + 5))
    out.paste(sheet, (BACKDROP, BACKDROP))
    if not cut_seen:
        edge = ImageDraw.Draw(out)
        bottom = BACKDROP + sheet.height
        points = [(BACKDROP + x, bottom - (0 if (x // 10) % 2 else 8))
                  for x in range(0, width + 1, 10)]
        edge.polygon([(BACKDROP, bottom + 6), *points, (BACKDROP + width, bottom + 6)],
                     fill=(205, 207, 212))
    return out


def render_png(data: bytes, dots: int) -> bytes:
    image = render(decode(data), dots)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()

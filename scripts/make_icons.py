"""Draws resources/icons/service-desk.{png,ico} (the app icon: a counter bell on red).

Run once after changing the drawing; the files are committed (the bundle and installer use them).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
RED, WHITE = (200, 32, 40, 255), (255, 255, 255, 255)


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=48 * s, fill=RED)
    d.pieslice((56 * s, 70 * s, 200 * s, 214 * s), 180, 360, fill=WHITE)  # the bell's dome
    d.rectangle((40 * s, 150 * s, 216 * s, 170 * s), fill=WHITE)  # the counter
    d.ellipse((116 * s, 52 * s, 140 * s, 76 * s), fill=WHITE)  # the button
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(OUT / "service-desk.png")
    icon.save(OUT / "service-desk.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])


if __name__ == "__main__":
    main()

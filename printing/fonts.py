"""Finding a Chinese-capable TrueType font for raster lines and the PNG preview.

Order: $DESK_PRINT_FONT, fonts shipped in resources/fonts, well-known system paths, fontconfig.
Without any, Pillow's built-in font is used (Latin only) — the preview still renders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from desk.platform.paths import resources_dir

KNOWN_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=1)
def chinese_font_path() -> str | None:
    candidates: list[str] = []
    if os.environ.get("DESK_PRINT_FONT"):
        candidates.append(os.environ["DESK_PRINT_FONT"])
    shipped = resources_dir() / "fonts"
    if shipped.is_dir():
        candidates += [str(p) for p in sorted(shipped.iterdir())
                       if p.suffix.lower() in (".ttf", ".otf", ".ttc")]
    candidates += list(KNOWN_PATHS)
    for path in candidates:
        if Path(path).is_file():
            return path
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True,
                                 text=True, timeout=5, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out and Path(out).is_file():
            return out
    return None


@lru_cache(maxsize=16)
def font(size: int) -> Font:
    path = chinese_font_path()
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()

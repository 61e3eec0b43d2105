"""The file/preview printer: each job's bytes into a folder, with a PNG of what the paper would
look like next to it (printing/preview.py). The embedded default of `make run`."""

from __future__ import annotations

import os
import time
from pathlib import Path

from desk.platform.errors import DeskError
from printing import status as st
from printing.status import PrinterStatus


class FileTransport:
    def __init__(self, folder: str | Path, *, dots: int = 576, preview: bool = True) -> None:
        self.folder = Path(folder)
        self.name = str(self.folder)
        self.dots = dots
        self.preview = preview
        self.written: list[Path] = []  # every file written, in order
        self.preview_error = ""
        self._seq = 0

    def write(self, data: bytes) -> None:
        png = self._render(data) if self.preview else None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._seq += 1
            stem = f"job-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**9:09d}-{self._seq}"
            self.written.append(_atomic_write(self.folder / f"{stem}.bin", data))
            if png is not None:
                self.written.append(_atomic_write(self.folder / f"{stem}.png", png))
        except OSError as exc:
            raise DeskError("printer.port_busy", port=self.name, detail=str(exc)) from None

    def _render(self, data: bytes) -> bytes | None:
        """The paper as a PNG; a preview that fails does not fail the job (the bytes still land)."""
        try:
            from printing.preview import render_png
        except ImportError:
            return None
        try:
            png = render_png(data, self.dots)
        except Exception as exc:  # any decoder trouble only loses the picture
            self.preview_error = f"{type(exc).__name__}: {exc}"
            return None
        self.preview_error = ""
        return png

    def status(self) -> PrinterStatus:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return PrinterStatus(st.PORT_MISSING, str(exc))
        if not os.access(self.folder, os.W_OK):
            return PrinterStatus(st.PORT_BUSY, f"{self.folder} is not writable")
        return PrinterStatus(st.READY)

    def close(self) -> None:
        pass


def _atomic_write(path: Path, data: bytes) -> Path:
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path

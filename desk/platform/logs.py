"""The support log: `<home>/logs/desk.log`, rotated (MAX_BYTES x BACKUPS), for the app and the CLI.

Logging must never stop the counter: a data directory that cannot be written logs to stderr.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FOLDER = "logs"
LOG_FILE = "desk.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"
MARK = "_desk_support_log"  # set on the handler we added, so a second call adds none


def setup_logging(home: Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS,
                  level: int = logging.INFO) -> Path | None:
    """Adds the rotating file handler once; returns the log file (None: fell back to stderr)."""
    root = logging.getLogger()
    for existing in root.handlers:
        if getattr(existing, MARK, None) is not None:
            return getattr(existing, MARK) or None
    path: Path | None
    handler: logging.Handler
    try:
        path = home / LOG_FOLDER / LOG_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes,
                                                       backupCount=backups, encoding="utf-8")
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)  # stderr gets what matters, not every start-up line
        print(f"service-desk: cannot write the log in {home / LOG_FOLDER} ({exc.strerror}); "
              "logging to stderr", file=sys.stderr)
        path = None
    handler.setFormatter(logging.Formatter(FORMAT))
    setattr(handler, MARK, path or "")
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # noise at each upgrade
    return path

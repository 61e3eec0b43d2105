"""Where things live: the counter's data directory and the shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "service-desk"
DB_FILENAME = "desk.sqlite3"  # here, not in db.py: the app needs it before SQLAlchemy loads


def data_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--home DIR, else $DESK_HOME, else the platform's user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("DESK_HOME"):
        return Path(os.environ["DESK_HOME"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(home: Path) -> Path:
    return home / DB_FILENAME


def resources_dir() -> Path:
    """resources/ from a frozen bundle, an installed wheel or a checkout (in that order)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    import resources

    return Path(resources.__file__).resolve().parent

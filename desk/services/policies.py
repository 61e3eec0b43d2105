"""The policies in force at this counter: the shipped resources/policies, or the folder named by
$DESK_POLICY_DIR. Loaded once, on first use; `reload()` keeps the previous policies when a file
has an error (and says which file, which line, why)."""

from __future__ import annotations

import os
from pathlib import Path

from desk.domain.policy import PolicyError, PolicyHolder, PolicySet
from desk.paths import resources_dir


def default_folders() -> list[Path]:
    override = os.environ.get("DESK_POLICY_DIR")
    if override:
        return [Path(override).expanduser()]
    return [resources_dir() / "policies"]


POLICIES = PolicyHolder(default_folders())


def current() -> PolicySet:
    return POLICIES.current()


def reload(folder: Path | None = None) -> PolicyError | None:
    return POLICIES.reload([folder] if folder is not None else default_folders())

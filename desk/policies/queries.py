"""The policies in force at this counter: the shipped files (resources/policies, or the folder
named by $DESK_POLICY_DIR) plus the versions head office published through the journal
(`policy.published` events, which sync brings to every store).

Files are loaded once; a `reload()` that hits a file with an error keeps the previous policies
(and says which file, which line, why). Published versions are read from the journal when their
count changes (one index probe per command); one that cannot be used (say, written for a newer
program) is skipped and remembered in `published_errors`, the others stay in force.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desk.platform import tables as t
from desk.platform.driver_select import DriverSelect
from desk.platform.paths import resources_dir
from desk.platform.roles import HEAD_OFFICE
from desk.policies import PolicyDocument, PolicyError, PolicyHolder, PolicySet
from desk.policies.document import parse_document

POLICY_ENTITY = "policy:document"  # the entity id of every policy.published event
PUBLISHED = "policy.published"


def default_folders() -> list[Path]:
    override = os.environ.get("DESK_POLICY_DIR")
    if override:
        return [Path(override).expanduser()]
    return [resources_dir() / "policies"]


POLICIES = PolicyHolder(default_folders())
_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "files": None, "set": None}
published_errors: list[PolicyError] = []


def current() -> PolicySet:
    """The shipped files only (policy tooling, tests)."""
    return POLICIES.current()


def reload(folder: Path | None = None) -> PolicyError | None:
    return POLICIES.reload([folder] if folder is not None else default_folders())


def published_documents(conn: Any) -> list[tuple[str, dict[str, Any]]]:
    """(hlc, payload) of every published policy, oldest first by HLC."""
    j = t.journal.c
    rows = conn.execute(select(j.hlc, j.event_id, j.payload)
                        .where(j.entity_id == POLICY_ENTITY, j.kind == PUBLISHED,
                               j.store_id == HEAD_OFFICE)).all()  # only head office's count
    return [(r.hlc, json.loads(r.payload)) for r in sorted(rows, key=lambda r: (r.hlc,
                                                                                   r.event_id))]


# built once: every return and compensation asks whether head office published since
_PUBLISHED_COUNT = DriverSelect(select(func.count(), func.max(t.journal.c.seq))
                                .where(t.journal.c.entity_id == POLICY_ENTITY))


def for_connection(conn: Any) -> PolicySet:
    """The files plus what head office published, as this counter's journal holds it."""
    files = POLICIES.current()
    count, last = _PUBLISHED_COUNT.rows(conn)[0]
    if not count:
        return files
    key = (int(count), int(last or 0))
    with _lock:
        if _cache["key"] == key and _cache["files"] is files:
            return _cache["set"]  # type: ignore[no-any-return]
    docs: list[PolicyDocument] = list(files.documents)
    versions = {d.version for d in docs}
    dates = {d.effective_from for d in docs}
    errors: list[PolicyError] = []
    for _hlc, payload in published_documents(conn):
        source = f"journal:{payload.get('source') or payload.get('version', '?')}"
        try:
            doc = parse_document(str(payload.get("text", "")), source)
        except PolicyError as err:
            errors.append(err)
            continue
        if doc.version in versions or doc.effective_from in dates:
            continue  # the first publication of a version (by HLC) counts
        versions.add(doc.version)
        dates.add(doc.effective_from)
        docs.append(doc)
    combined = PolicySet(docs)
    with _lock:
        _cache.update(key=key, files=files, set=combined)
        published_errors[:] = errors
    return combined

"""Sync's error codes in the user's language (ui/errors.py lists them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

CODES: dict[str, Callable[[], str]] = {
    "sync.not_configured": lambda: translate(
        "sync", "No central server is set up."),
    "sync.bad_url": lambda: translate(
        "sync", "The central server address is not usable: {reason}"),
    "sync.unreachable": lambda: translate(
        "sync", "Cannot reach the central server."),
    "sync.auth_failed": lambda: translate(
        "sync", "The central server refused the user name or password."),
    "sync.no_database": lambda: translate(
        "sync", "The central server has no such database."),
    "sync.tls_failed": lambda: translate(
        "sync", "The secure connection failed: {reason}"),
    "sync.central_missing": lambda: translate(
        "sync", "The central server is not set up (desk central init)."),
    "sync.central_outdated": lambda: translate(
        "sync", "The central server's schema is too old: ask IT to run desk central init."),
    "sync.central_newer": lambda: translate(
        "sync", "The central server is newer than this program: update it."),
    "sync.not_a_store_role": lambda: translate(
        "sync", "These credentials do not belong to a store."),
    "sync.wrong_store": lambda: translate(
        "sync", "These credentials belong to store {credentials}, this counter to store {counter}."),  # noqa: E501
    "sync.forbidden": lambda: translate(
        "sync", "The central server refused the write."),
    "sync.gap": lambda: translate(
        "sync", "The server is missing earlier events; they are sent again next time."),
    "sync.diverged": lambda: translate(
        "sync", "This counter's records differ from the server's (restored backup?). Call IT."),
    "sync.bad_hash": lambda: translate(
        "sync", "An event from the server fails its check. Call IT."),
    "sync.connection_lost": lambda: translate(
        "sync", "The connection to the central server was lost."),
    "sync.server_error": lambda: translate(
        "sync", "The central server reported an error: {reason}"),
    "sync.clock_skew": lambda: translate(
        "sync", "This computer's clock is {minutes} minutes off the server's."),
    "sync.clock_drift": lambda: translate(
        "sync", "Another counter's clock runs {minutes} minutes ahead."),
    "sync.keyring_unavailable": lambda: translate(
        "sync", "This computer has no password store: the password is asked for each session and never written to disk."),  # noqa: E501
    "conflict.unknown": lambda: translate(
        "sync", "Unknown conflict."),
    "conflict.resolved_already": lambda: translate(
        "sync", "This conflict is already resolved."),
    "conflict.decision_unknown": lambda: translate(
        "sync", "Unknown decision."),
}

"""Sync in the app: background rounds with backoff, the status-bar section, connection settings
(password in the OS keyring) and the manager's conflicts list.

Wiring (ui/main_window.py / ui/app.py), see docs/sync.md "In the app":
    service = SyncService(ctx)                       # after the database is open
    window.status.replace_section("connection", SyncStatusWidget(service))
    PageSpec("manager", "conflicts", lambda: translate("pages", "Sync conflicts"), ConflictsPage)
    service.start()                                  # and service.stop() at shutdown
"""

"""Keyboard shortcuts: defined once, bound by the main window, listed on the help screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Shortcut:
    action: str
    keys: str

    def description(self) -> str:
        return {
            "search": translate(
                "shortcuts", "Search: receipt, ticket, phone, member, barcode, serial or name"
            ),
            "help": translate("shortcuts", "Show this list of shortcuts"),
            "lock": translate("shortcuts", "Lock the screen (the PIN unlocks it)"),
            "sign_out": translate("shortcuts", "Sign out"),
            "language": translate("shortcuts", "Switch between Chinese and English"),
            "refresh": translate("shortcuts", "Refresh the current page"),
            "next_page": translate("shortcuts", "Next page in the navigation"),
            "previous_page": translate("shortcuts", "Previous page in the navigation"),
            "page_n": translate("shortcuts", "Go to page 1…9 of the navigation"),
            "switch_page": translate("shortcuts", "Go to any page: type part of its name"),
            "take_return": translate("shortcuts", "In a receipt or a customer found by the "
                                                  "search: take a return from it"),
        }[self.action]


SHORTCUTS = (
    Shortcut("search", "F2"),
    Shortcut("help", "F1"),
    Shortcut("lock", "Ctrl+L"),
    Shortcut("sign_out", "Ctrl+Shift+Q"),
    Shortcut("language", "Ctrl+Shift+L"),
    Shortcut("refresh", "F5"),
    Shortcut("next_page", "Ctrl+PgDown"),
    Shortcut("previous_page", "Ctrl+PgUp"),
    Shortcut("page_n", "Alt+1…9"),
    Shortcut("switch_page", "Ctrl+K"),
    Shortcut("take_return", "Ctrl+R"),
)


def keys_for(action: str) -> str:
    return next(s.keys for s in SHORTCUTS if s.action == action)

"""Role and area names in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def role_name(role: str) -> str:
    names = {
        "clerk": translate("roles", "Clerk"),
        "technician": translate("roles", "Technician"),
        "manager": translate("roles", "Manager"),
        "admin": translate("roles", "Administrator"),
    }
    return names.get(role, role)


def area_name(area: str) -> str:
    names = {
        "counter": translate("roles", "Counter"),
        "workshop": translate("roles", "Workshop"),
        "manager": translate("roles", "Manager"),
        "admin": translate("roles", "Administration"),
        "help": translate("roles", "Help"),
    }
    return names.get(area, area)

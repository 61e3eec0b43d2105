"""`named(QLabel(), "pageTitle")`: a widget with the object name the style sheet selects it by.

Qt accepts any property as a constructor keyword (`QLabel(objectName=...)`), but PySide6's type
stubs list only each class's own properties, so mypy refuses inherited ones like objectName.
Setting it through this helper keeps the calls checked instead of silencing them.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

ObjectT = TypeVar("ObjectT", bound=QObject)


def named(widget: ObjectT, name: str) -> ObjectT:
    widget.setObjectName(name)
    return widget

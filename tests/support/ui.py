"""Driving the app like a person at the counter."""

from __future__ import annotations


def sign_in(qtbot, app, staff_id: str, pin: str) -> None:
    login = app.window.login
    qtbot.keyClicks(login.staff_edit, staff_id)
    qtbot.keyClick(login.staff_edit, "\r")
    qtbot.keyClicks(login.pin_edit, pin)
    qtbot.keyClick(login.pin_edit, "\r")

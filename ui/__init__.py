"""The PySide6 desktop app. Holds no business rule: it calls handlers and shows results."""

"""Qt translations: Simplified Chinese by default, English (the source language) switchable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desk.platform.paths import resources_dir

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []
# The language in force: English (the source strings) until install_language() installs one;
# the app installs Chinese, the default, at start-up.
_language = ["en"]


def current_language() -> str:
    return _language[0]


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def install_language(language: str) -> bool:
    """Swap the app's translators; widgets get a LanguageChange event and retranslate."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language[0] = language
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return True
    ok = True
    for name in ("desk", "qtbase"):
        translator = QTranslator(app)
        loaded = translator.load(f"{name}_{language}", translations_dir())
        if not loaded and name == "qtbase":  # Qt's own dialogs: from PySide6's bundle if present
            from PySide6.QtCore import QLibraryInfo

            loaded = translator.load(f"qtbase_{language}",
                                     QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        if loaded:
            app.installTranslator(translator)
            _installed.append(translator)
        elif name == "desk":
            ok = False
    return ok

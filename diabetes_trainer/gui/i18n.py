"""The window's language: our compiled translation plus Qt's own (dialog buttons, context menus), and the locale.

The source strings are English, so English needs no translation file. Switching installs the new translators and
removes the previous ones; widgets already built keep their text, which is why a language switch rebuilds the
window (see ``app.switch_language``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QMenu
from shiboken6 import isValid

from ..paths import resource

SOURCE_LANGUAGE = "en"
CATALOG = "diabetes_trainer"  # resources/translations/diabetes_trainer_<language>.qm
# Code and the language's own name for itself, in menu order.
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))

# A font made for the language's script, first choice first (Linux, Windows, macOS). Without one first in the
# application font, Qt lays text boxes out with the Latin font's height and draws Chinese from a fallback font
# with a taller ascent: Chinese then sits high in spin boxes and line edits.
PREFERRED_FAMILIES = {
    "zh_CN": ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
              "WenQuanYi Micro Hei", "Droid Sans Fallback"),
}
_WRITING_SYSTEMS = {"zh_CN": QFontDatabase.WritingSystem.SimplifiedChinese}

# QTranslator objects must outlive their installation; Python would otherwise collect them.
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE
_own_families: list[str] | None = None  # the application font's families before any language changed them


def available_languages() -> list[tuple[str, str]]:
    """(code, native name) of every language the window speaks."""
    return list(LANGUAGES)


def translations_dir() -> Path:
    return resource("translations")


def catalog_path(language: str) -> Path:
    return translations_dir() / f"{CATALOG}_{language}.qm"


def resolve_language(language: str | None, system: QLocale | None = None) -> str:
    """The supported language to use for ``language`` (None: the system locale's), English when unsupported."""
    codes = [code for code, _name in LANGUAGES]
    if language is None:
        locale = system if system is not None else QLocale.system()
        if locale.language() == QLocale.Language.Chinese:
            # Simplified Chinese is the only Chinese we ship; readers of Traditional read it better than English.
            return "zh_CN"
        language = locale.name()
    if language in codes:
        return language
    base = language.split("_")[0]
    return next((code for code in codes if code.split("_")[0] == base), SOURCE_LANGUAGE)


def app_display_name() -> str:
    """The program's name in the installed language (settings paths keep the English APP_NAME)."""
    return QCoreApplication.translate("App", "Diabetes Trainer")


def installed_language() -> str:
    """The language of the last ``install_translators`` call (English before any)."""
    return _current


def install_translators(app: QCoreApplication, language: str | None) -> str:
    """Install our translation and Qt's for ``language`` (None: the system's); returns the language used.

    Translators installed by an earlier call are removed first. Also makes the language's locale the default,
    so numbers and times read the way its speakers write them.
    """
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()  # parented to the app, so dropping our reference alone would keep it
    _installed.clear()
    chosen = resolve_language(language)
    if chosen != SOURCE_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(str(catalog_path(chosen))):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            chosen = SOURCE_LANGUAGE  # a missing or unreadable catalogue: English rather than a mixed window
    if chosen != SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{chosen}", qt_dir):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    # No explicit language: keep the system's own locale (its decimal separator and dates), English text or not.
    QLocale.setDefault(QLocale.system() if language is None else QLocale(chosen))
    if isinstance(app, QGuiApplication):
        # Qt adds the display name to window titles that lack it: it must be the translated one.
        app.setApplicationDisplayName(app_display_name())
        _use_font_for(chosen)
    _current = chosen
    return chosen


def script_family(language: str) -> str | None:
    """An installed font family made for ``language``'s script, or None (Latin script, or none installed)."""
    system = _WRITING_SYSTEMS.get(language)
    if system is None:
        return None
    installed = QFontDatabase.families(system)
    preferred = [family for family in PREFERRED_FAMILIES.get(language, ()) if family in installed]
    sans = [family for family in installed if "sans" in family.lower() and "mono" not in family.lower()]
    return next(iter(preferred + sans + list(installed)), None)


def _use_font_for(language: str) -> None:
    """Put the language's own font first in the application font (and in presentation mode's base font)."""
    global _own_families
    font = QFont(QGuiApplication.font())
    if _own_families is None:
        _own_families = list(font.families()) or [font.family()]
    family = script_family(language)
    families = [family, *_own_families] if family else list(_own_families)
    if font.families() == families:
        return
    font.setFamilies(families)
    QGuiApplication.setFont(font)
    from .presentation import set_base_font_families  # zoom and presentation mode scale this font

    set_base_font_families(families)


def build_language_menu(parent: QMenu, choose: Callable[[str], None]) -> QMenu:
    """View → Language: one checkable action per language, named in that language; calls ``choose(code)``.

    The check mark always shows the installed language: if ``choose`` does not switch (a run is going), the mark
    goes back to where it was.
    """
    menu = parent.addMenu(QCoreApplication.translate("Language", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    for code, native_name in available_languages():
        action = menu.addAction(native_name)
        action.setObjectName(f"languageAction_{code}")
        action.setCheckable(True)
        action.setData(code)
        group.addAction(action)

    def sync() -> None:
        for action in group.actions():
            action.setChecked(action.data() == installed_language())

    def chosen(action: QAction) -> None:
        choose(action.data())
        if isValid(menu):  # the window, menu included, may be gone: it was rebuilt in the new language
            sync()

    group.triggered.connect(chosen)
    sync()
    return menu

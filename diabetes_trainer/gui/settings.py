"""What the window remembers between starts: the knobs, the data file, the layout, language, theme and zoom.

One INI file: ``settings.ini`` in the app's config folder (core/user_folders.py: ``$DIABETES_TRAINER_HOME`` when
that variable is set, how tests and portable lab set-ups isolate themselves; else the platform's config folder
plus ``diabetes-trainer``; ``diabetes-trainer-cli paths`` prints it). A file left by older versions at Qt's
default place (organisation and app name) is copied there once. INI everywhere, so a
teacher can read and fix it, and so a damaged file can be detected (QSettings reports INI syntax errors).

Loading never fails: a value that cannot be used falls back to its default, knob by knob, and ``notes`` says what
was reset so the window can tell the user once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import re
import shutil
import types
import typing
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from .. import APP_NAME, ORGANIZATION
from ..core.config import ConfigError, TrainConfig
from ..core.user_folders import HOME_ENV, user_folders
from .i18n import available_languages
from .plots.theme import DEFAULT_THEME, THEMES

FORMAT_VERSION = 1
WINDOW_STATE_VERSION = 1  # bump when docks or toolbars change so an old layout is not forced on a new window
MIN_FONT_SCALE, MAX_FONT_SCALE = 0.5, 3.0

# Keys. Knobs are stored one per TrainConfig field under "knobs/", so the file stays readable and editable.
KEY_FORMAT = "meta/format"
KNOBS_GROUP = "knobs"
KEY_LAST_FILE = "data/lastFile"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_MAIN_SPLITTER = "window/mainSplitter"
KEY_BOTTOM_SPLITTER = "window/bottomSplitter"
KEY_INSIGHT_TAB = "window/insightTab"
KEY_COLUMNS_OPEN = "window/columnsAndPreviewOpen"  # the Knobs panel's folding "Columns and preview" section
KEY_LANGUAGE = "view/language"
KEY_THEME = "view/theme"
KEY_FONT_SCALE = "view/fontScale"
KEY_PRESENTATION = "view/presentation"
LAYOUT_KEYS = (KEY_STATE, KEY_MAIN_SPLITTER, KEY_BOTTOM_SPLITTER, KEY_INSIGHT_TAB, KEY_COLUMNS_OPEN)

translate = QCoreApplication.translate
_NOT_STORED = ("data_path", "extra")  # the data file has its own key; extra is not a knob
_WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+\s*")


def default_settings_path() -> Path:
    """The settings file in the app's config folder (inside $DIABETES_TRAINER_HOME when that is set)."""
    return user_folders().settings_file


def _adopt_old_settings(path: Path) -> None:
    """Copy the file older versions kept at Qt's default place (organisation/app name) to ``path``, once."""
    if path.exists() or os.environ.get(HOME_ENV):
        return
    old = Path(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME).fileName())
    if old.is_file() and old != path:
        with contextlib.suppress(OSError):  # then the defaults are used; the old file stays where it was
            shutil.copyfile(old, path)


class SettingsValueError(ValueError):
    """A stored value of the wrong type or out of range."""


class AppSettings:
    """Typed access to the settings file. Getters return usable values; what was unusable is listed in ``notes``."""

    def __init__(self, store: QSettings):
        self.store = store
        self.notes: list[str] = []
        self._reset_values: list[str] = []
        self._check_file()

    @classmethod
    def open(cls, path: str | Path | None = None) -> AppSettings:
        """The settings at ``path``; by default $DIABETES_TRAINER_HOME/settings.ini or the user's settings."""
        if path is None:
            path = default_settings_path()
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            _adopt_old_settings(Path(path))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def path(self) -> str:
        return self.store.fileName()

    # -- damage ---------------------------------------------------------------------------------------------------
    def _check_file(self) -> None:
        """A file Qt cannot parse, or one that is not ours, is kept aside and replaced by defaults."""
        self.store.allKeys()  # reading happens lazily; status() is only meaningful after it
        path = Path(self.path)
        if self.store.status() == QSettings.Status.FormatError:
            self._set_aside(path, translate("Settings", "it is not a valid settings file"))
        elif path.is_file() and self.store.value(KEY_FORMAT) is None and _has_content(path):
            self._set_aside(path, translate("Settings", "it was not written by this program"))
        elif self.store.value(KEY_FORMAT) is not None:
            try:
                _parse_int(self.store.value(KEY_FORMAT))
            except SettingsValueError:
                self._set_aside(path, translate("Settings", "its format marker is damaged"))
        self.store.setValue(KEY_FORMAT, FORMAT_VERSION)

    def _set_aside(self, path: Path, why: str) -> None:
        backup = path.with_name(path.name + ".damaged")
        try:
            shutil.copyfile(path, backup)
            kept = translate("Settings", "The damaged file was kept as {backup}.").format(backup=backup)
        except OSError:
            kept = ""
        self.store.clear()
        self.store.sync()
        note = translate("Settings", "The settings file {path} could not be read ({why}), so the default settings "
                                     "are used.").format(path=path, why=why)
        self.notes.append(f"{note} {kept}" if kept else note)

    def _reset(self, what: str, raw: Any) -> None:
        self._reset_values.append(translate("Settings", "{what} (“{value}”)").format(what=what, value=_shown(raw)))

    def take_message(self) -> str:
        """Everything found unusable since loading, as one message for the banner ("" when all was fine)."""
        notes = list(self.notes)
        if self._reset_values:
            notes.append(translate("Settings", "Some saved settings could not be used and are back at their "
                                               "defaults: {values}.").format(values="; ".join(self._reset_values)))
        self.notes, self._reset_values = [], []
        return " ".join(notes)

    def sync(self) -> None:
        self.store.sync()

    # -- knobs ----------------------------------------------------------------------------------------------------
    def config(self) -> TrainConfig:
        """The saved knobs, each unusable one at its default, plus the last data file; always valid."""
        defaults = TrainConfig()
        hints = typing.get_type_hints(TrainConfig)
        values: dict[str, Any] = {}
        for field in dataclasses.fields(TrainConfig):
            if field.name in _NOT_STORED:
                continue
            key = f"{KNOBS_GROUP}/{field.name}"
            if not self.store.contains(key):
                continue
            raw = self.store.value(key)
            try:
                values[field.name] = _parse(raw, hints[field.name])
            except SettingsValueError:
                self._reset(field.name, raw)
        config = defaults.replace(**values)
        # Each value may be fine alone yet wrong with the others (prefetch without workers): reset the knob named.
        for _ in range(len(values) + 1):
            try:
                config.validate()
                break
            except ConfigError as exc:
                name = exc.knob.replace("-", "_")
                if name not in values:
                    config = defaults
                    break
                self._reset(name, values.pop(name))
                config = config.replace(**{name: getattr(defaults, name)})
        return config.replace(data_path=self.last_data_file() or None)

    def set_config(self, config: TrainConfig) -> None:
        for field in dataclasses.fields(TrainConfig):
            if field.name not in _NOT_STORED:
                value = getattr(config, field.name)
                self.store.setValue(f"{KNOBS_GROUP}/{field.name}", list(value) if isinstance(value, tuple) else value)
        self.set_last_data_file(config.data_path or "")

    def last_data_file(self) -> str:
        """The data file used last ("" for the bundled sample)."""
        return self._value(KEY_LAST_FILE, "", _parse_str, translate("Settings", "last data file"))

    def set_last_data_file(self, path: str) -> None:
        self.store.setValue(KEY_LAST_FILE, path)

    def clear_knobs(self) -> None:
        self.store.remove(KNOBS_GROUP)

    # -- view -----------------------------------------------------------------------------------------------------
    def language(self) -> str | None:
        """The chosen language code, or None to follow the system."""
        codes = [code for code, _name in available_languages()]
        value = self._value(KEY_LANGUAGE, None, _parse_str, translate("Settings", "language"))
        if value is not None and value not in codes:
            self._reset(translate("Settings", "language"), value)
            return None
        return value

    def set_language(self, language: str | None) -> None:
        self.store.setValue(KEY_LANGUAGE, language)
        self.store.sync()  # the window is rebuilt right after: the new one must read this

    def theme(self) -> str:
        value = self._value(KEY_THEME, DEFAULT_THEME, _parse_str, translate("Settings", "plot theme"))
        if value not in THEMES:
            self._reset(translate("Settings", "plot theme"), value)
            return DEFAULT_THEME
        return value

    def set_theme(self, theme: str) -> None:
        self.store.setValue(KEY_THEME, theme)

    def font_scale(self) -> float:
        value = self._value(KEY_FONT_SCALE, 1.0, _parse_float, translate("Settings", "font size"))
        if not MIN_FONT_SCALE <= value <= MAX_FONT_SCALE:
            self._reset(translate("Settings", "font size"), value)
            return 1.0
        return value

    def set_font_scale(self, scale: float) -> None:
        self.store.setValue(KEY_FONT_SCALE, float(scale))

    def presentation(self) -> bool:
        return self._value(KEY_PRESENTATION, False, _parse_bool, translate("Settings", "presentation mode"))

    def set_presentation(self, on: bool) -> None:
        self.store.setValue(KEY_PRESENTATION, bool(on))

    # -- layout ---------------------------------------------------------------------------------------------------
    def layout_bytes(self, key: str) -> QByteArray | None:
        """A saved geometry or state blob, or None when absent or not a blob."""
        return self._value(key, None, _parse_bytes, translate("Settings", "window layout"))

    def set_layout_bytes(self, key: str, value: QByteArray) -> None:
        self.store.setValue(key, value)

    def insight_tab(self) -> int:
        return self._value(KEY_INSIGHT_TAB, 0, _parse_int, translate("Settings", "insight tab"))

    def set_insight_tab(self, index: int) -> None:
        self.store.setValue(KEY_INSIGHT_TAB, int(index))

    def columns_open(self) -> bool:
        return self._value(KEY_COLUMNS_OPEN, False, _parse_bool, translate("Settings", "window layout"))

    def set_columns_open(self, on: bool) -> None:
        self.store.setValue(KEY_COLUMNS_OPEN, bool(on))

    def clear_layout(self) -> None:
        for key in LAYOUT_KEYS:
            self.store.remove(key)

    def note_unusable(self, what: str, raw: Any) -> None:
        """Record a value that parsed but could not be applied (a layout blob Qt rejected)."""
        self._reset(what, raw)

    # -- helpers --------------------------------------------------------------------------------------------------
    def _value(self, key: str, default, parse, what: str):
        if not self.store.contains(key):
            return default
        raw = self.store.value(key)
        if raw is None and default is None:
            return None
        try:
            return parse(raw)
        except SettingsValueError:
            self._reset(what, raw)
            self.store.remove(key)
            return default


def _has_content(path: Path) -> bool:
    try:
        return bool(path.read_bytes().strip())
    except OSError:
        return False


def _shown(raw: Any) -> str:
    text = bytes(raw.data()).hex() if isinstance(raw, QByteArray) else str(raw)
    return text if len(text) <= 40 else text[:39] + "…"


# INI stores every value as text: ints and floats come back as strings from a file, as themselves from the cache.
def _parse_int(raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and _WHOLE_NUMBER.fullmatch(raw):
        return int(raw)
    raise SettingsValueError(raw)


def _parse_float(raw: Any) -> float:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw)
        except ValueError:
            raise SettingsValueError(raw) from None
    else:
        raise SettingsValueError(raw)
    if not math.isfinite(value):
        raise SettingsValueError(raw)
    return value


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    raise SettingsValueError(raw)


def _parse_str(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    raise SettingsValueError(raw)


def _parse_bytes(raw: Any) -> QByteArray:
    if isinstance(raw, QByteArray) and not raw.isEmpty():
        return raw
    raise SettingsValueError(raw)


_PARSERS = {int: _parse_int, float: _parse_float, bool: _parse_bool, str: _parse_str}


def _parse(raw: Any, hint: Any) -> Any:
    """``raw`` as the type a TrainConfig field declares (``int``, ``float | None``, ``tuple[str, ...]``, ...)."""
    if typing.get_origin(hint) is tuple:  # QSettings gives a list, one str for one item, None for none
        items = [] if raw is None or raw == "" else [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise SettingsValueError(raw)
        return tuple(_parse_str(item) for item in items)
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union \
        else (hint,)
    if raw is None:
        if type(None) in options:
            return None
        raise SettingsValueError(raw)
    for option in options:
        parser = _PARSERS.get(option)
        if parser is None:
            continue
        try:
            return parser(raw)
        except SettingsValueError:
            continue
    raise SettingsValueError(raw)


class WindowSettings:
    """Restores a main window from the settings and saves it back; remembers the window's built-in layout so
    "Restore defaults" can return to it.

    The window needs: ``knobs`` (a KnobsPanel), ``mainSplitter``, ``bottomSplitter``, ``insightTabs``, ``banner``,
    ``presentation`` (a PresentationMode) and ``table_path`` (the path of the loaded table, or None).
    """

    def __init__(self, window, settings: AppSettings):
        self.window = window
        self.settings = settings
        self._default_state = window.saveState(WINDOW_STATE_VERSION)
        self._default_splitters = {name: getattr(window, name).saveState() for name in _SPLITTERS}

    def restore(self) -> None:
        """Apply the saved knobs, data file, layout and view, and show what could not be used in the banner."""
        window, settings = self.window, self.settings
        config = settings.config()
        if config.data_path and not Path(config.data_path).is_file():
            settings.notes.append(translate("Settings", "The last data file {path} is no longer there; the bundled "
                                                        "sample is loaded instead.").format(path=config.data_path))
            config = config.replace(data_path=None)
        window.knobs.set_config(config)
        geometry = settings.layout_bytes(KEY_GEOMETRY)
        if geometry is not None and not window.restoreGeometry(geometry):
            settings.note_unusable(translate("Settings", "window size and position"), geometry)
        state = settings.layout_bytes(KEY_STATE)
        if state is not None and not window.restoreState(state, WINDOW_STATE_VERSION):
            settings.note_unusable(translate("Settings", "window layout"), state)
        for name, key in _SPLITTERS.items():
            saved = settings.layout_bytes(key)
            if saved is not None and not getattr(window, name).restoreState(saved):
                settings.note_unusable(translate("Settings", "window layout"), saved)
        tab = settings.insight_tab()
        if 0 <= tab < window.insightTabs.count():
            window.insightTabs.setCurrentIndex(tab)
        else:
            settings.note_unusable(translate("Settings", "insight tab"), tab)
        window.knobs.dataOptions.set_columns_open(settings.columns_open())
        presentation = window.presentation
        presentation.set_theme_name(settings.theme())
        presentation.set_zoom(settings.font_scale())
        presentation.set_enabled(settings.presentation())
        message = settings.take_message()
        if message:
            window.banner.show_message(message, "warning")

    def save(self) -> None:
        window, settings = self.window, self.settings
        config = window.knobs.config()
        if window.table_path is not None:
            config = config.replace(data_path=window.table_path or None)  # the file last read, not a half-typed one
        settings.set_config(config)
        settings.set_layout_bytes(KEY_GEOMETRY, window.presentation.geometry_to_save())
        settings.set_layout_bytes(KEY_STATE, window.saveState(WINDOW_STATE_VERSION))
        for name, key in _SPLITTERS.items():
            settings.set_layout_bytes(key, getattr(window, name).saveState())
        settings.set_insight_tab(window.insightTabs.currentIndex())
        settings.set_columns_open(window.knobs.dataOptions.columns_open())
        presentation = window.presentation
        settings.set_theme(presentation.theme_name)
        settings.set_font_scale(presentation.zoom)
        settings.set_presentation(presentation.enabled)
        settings.sync()

    def restore_defaults(self) -> None:
        """Knobs and layout as on a first start; the data file, language, theme and zoom stay."""
        window = self.window
        path = window.knobs.dataPathEdit.text().strip()
        window.knobs.set_config(TrainConfig(data_path=path or None))
        window.restoreState(self._default_state, WINDOW_STATE_VERSION)
        for name, state in self._default_splitters.items():
            getattr(window, name).restoreState(state)
        window.insightTabs.setCurrentIndex(0)
        window.knobs.dataOptions.set_columns_open(False)
        self.settings.clear_knobs()
        self.settings.clear_layout()
        self.settings.sync()


_SPLITTERS = {"mainSplitter": KEY_MAIN_SPLITTER, "bottomSplitter": KEY_BOTTOM_SPLITTER}

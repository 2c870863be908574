"""Presentation mode and zoom: readable from the back of a classroom, on a projector that washes colours out.

Presentation mode makes the window full screen, every font 1.5 times larger (the big readouts too), plot lines
thicker and the plots high-contrast. The plot theme (light or dark) and the font zoom (Ctrl+Plus, Ctrl+Minus,
Ctrl+0) apply in and out of presentation mode; leaving presentation mode restores the window as it was.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from .plots.theme import THEMES, LivePlotWidget, PlotTheme

PRESENTATION_SCALE = 1.5
# Zoom levels as browsers offer them: the keys step through these, never drifting by repeated rounding.
ZOOM_LEVELS = (0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)

# The application font before any zoom: captured once per process, because windows rebuilt after a language switch
# start while the font is already scaled.
_base_font: QFont | None = None


def base_app_font() -> QFont:
    global _base_font
    if _base_font is None:
        _base_font = QFont(QApplication.font())
    return QFont(_base_font)


def set_base_font_families(families: list[str]) -> None:
    """The language's fonts (i18n) for the unzoomed font too, so zooming keeps them."""
    global _base_font
    if _base_font is not None:
        _base_font.setFamilies(families)


def high_contrast(theme: PlotTheme) -> PlotTheme:
    """Pure black on white (or white on black) and a stronger grid: what survives a projector."""
    dark = theme.background.upper() != "#FFFFFF"
    return dataclasses.replace(theme, name=f"{theme.name}-high-contrast",
                               background="#000000" if dark else "#FFFFFF",
                               foreground="#FFFFFF" if dark else "#000000",
                               grid_alpha=max(theme.grid_alpha, 0.35))


def nearest_zoom(scale: float) -> float:
    return min(ZOOM_LEVELS, key=lambda level: abs(level - scale))


class PresentationMode(QObject):
    """Owns the window's presentation, theme and zoom actions and applies their state to the window."""

    changed = Signal()

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._enabled = False
        self._theme_name = "light"
        self._zoom = 1.0
        self._geometry_before = QByteArray()
        self._knobs_shown_before = True
        base_app_font()
        # The Knobs panel as a drawer: in presentation mode it starts closed, this button opens and closes it.
        # (Not the dock's own toggleViewAction: Qt disables that one for a dock without a close button.)
        self.knobsDrawerAction = self._action(
            "knobsDrawerAction", self.tr("&Knobs"), [],
            self.tr("Show or hide the Knobs panel (closed in presentation mode, to leave the plots the room)"))
        self.knobsDrawerAction.setCheckable(True)
        self.knobsDrawerAction.setChecked(True)
        self.knobsDrawerAction.toggled.connect(window.controlsDock.setVisible)
        window.controlsDock.visibilityChanged.connect(self._follow_knobs_dock)
        self.presentationModeAction = self._action(
            "presentationModeAction", self.tr("&Presentation mode"), [QKeySequence("F11")],
            self.tr("Full screen, larger text, thicker high-contrast plots for a projector (F11)"))
        self.presentationModeAction.setCheckable(True)
        self.presentationModeAction.toggled.connect(self.set_enabled)
        self.themeLightAction = self._action("themeLightAction", self.tr("&Light plots"), [],
                                             self.tr("Dark lines on white: best on most projectors"))
        self.themeDarkAction = self._action("themeDarkAction", self.tr("&Dark plots"), [],
                                            self.tr("Light lines on black: for dark rooms and dark desktops"))
        self.themeGroup = QActionGroup(self)
        self.themeGroup.setExclusive(True)
        for action, name in ((self.themeLightAction, "light"), (self.themeDarkAction, "dark")):
            action.setCheckable(True)
            action.setData(name)
            self.themeGroup.addAction(action)
        self.themeLightAction.setChecked(True)
        self.themeGroup.triggered.connect(lambda action: self.set_theme_name(action.data()))
        self.zoomInAction = self._action("zoomInAction", self.tr("Zoom &in"),
                                         [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
                                         self.tr("Larger text (Ctrl+Plus)"))
        self.zoomOutAction = self._action("zoomOutAction", self.tr("Zoom &out"),
                                          [QKeySequence(QKeySequence.StandardKey.ZoomOut)],
                                          self.tr("Smaller text (Ctrl+Minus)"))
        self.zoomResetAction = self._action("zoomResetAction", self.tr("&Normal size"), [QKeySequence("Ctrl+0")],
                                            self.tr("Text at its normal size (Ctrl+0)"))
        self.zoomInAction.triggered.connect(self.zoom_in)
        self.zoomOutAction.triggered.connect(self.zoom_out)
        self.zoomResetAction.triggered.connect(self.reset_zoom)

    def _action(self, name: str, text: str, shortcuts: list[QKeySequence], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcuts(shortcuts)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        # On the window itself too, so the shortcut works even when no menu or toolbar shows the action.
        self.window.addAction(action)
        return action

    def _follow_knobs_dock(self, _visible: bool = True) -> None:
        """The drawer button shows whether the panel is open (also after a restored layout hid it). A minimised
        window hides the panel too, but does not close the drawer: isHidden() tells the two apart."""
        self.knobsDrawerAction.setChecked(not self.window.controlsDock.isHidden())

    def sync_knobs_drawer(self) -> None:
        """After the window's layout was restored (the panel may have been left closed)."""
        self._follow_knobs_dock()

    # -- state ----------------------------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def theme_name(self) -> str:
        return self._theme_name

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def scale(self) -> float:
        """How much larger than normal text and lines are now."""
        return self._zoom * (PRESENTATION_SCALE if self._enabled else 1.0)

    def plot_theme(self) -> PlotTheme:
        theme = THEMES[self._theme_name]
        if self._enabled:
            theme = high_contrast(theme)
        return theme if self.scale == 1.0 else theme.scaled(self.scale)

    def geometry_to_save(self) -> QByteArray:
        """The window's geometry outside presentation mode (full screen is not a size to come back to)."""
        return QByteArray(self._geometry_before) if self._enabled else self.window.saveGeometry()

    # -- changes --------------------------------------------------------------------------------------------------
    def set_enabled(self, on: bool) -> None:
        on = bool(on)
        if on != self.presentationModeAction.isChecked():
            self.presentationModeAction.setChecked(on)  # re-enters through toggled
            return
        if on == self._enabled:
            return
        window = self.window
        dock = window.controlsDock
        if on:
            self._geometry_before = window.saveGeometry()
            # At start-up (a window saved in presentation mode) the saved layout has the drawer closed: leaving
            # presentation mode then opens it, as a window that never was in presentation mode has it.
            self._knobs_shown_before = not dock.isHidden() or not window.isVisible()
            self.knobsDrawerAction.setChecked(False)
            window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
            self._enabled = True
            self.apply()
        else:
            # Normal sizes first: the Knobs panel comes back at its normal width, not the enlarged one.
            self._enabled = False
            self.apply()
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # size hints at the normal font
            # Clearing the flag brings back the size and place (or maximised state) Qt kept from before.
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowFullScreen)
            self.knobsDrawerAction.setChecked(self._knobs_shown_before)

    def set_theme_name(self, name: str) -> None:
        if name not in THEMES:
            raise ValueError(f"unknown plot theme {name!r}; choose one of {', '.join(THEMES)}")
        self._theme_name = name
        action = self.themeLightAction if name == "light" else self.themeDarkAction
        if not action.isChecked():
            action.setChecked(True)
        self.apply()

    def set_zoom(self, zoom: float) -> None:
        self._zoom = nearest_zoom(zoom)
        self.zoomInAction.setEnabled(self._zoom < ZOOM_LEVELS[-1])
        self.zoomOutAction.setEnabled(self._zoom > ZOOM_LEVELS[0])
        self.apply()

    def zoom_in(self) -> None:
        self.set_zoom(next((level for level in ZOOM_LEVELS if level > self._zoom), ZOOM_LEVELS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((level for level in reversed(ZOOM_LEVELS) if level < self._zoom), ZOOM_LEVELS[0]))

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def apply(self) -> None:
        """Push the current scale and theme into the application font, the readouts and every plot."""
        scale = self.scale
        font = base_app_font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * scale)
        else:
            font.setPixelSize(max(1, round(font.pixelSize() * scale)))
        if font != QApplication.font():
            QApplication.setFont(font)
        readouts = getattr(self.window, "readouts", None)
        if readouts is not None:
            readouts.set_font_scale(scale)
        theme = self.plot_theme()
        for plot in self.window.findChildren(LivePlotWidget):
            if plot.theme != theme:  # restyling every plot costs several ms each: only when it changes
                plot.set_theme(theme)
        self.changed.emit()

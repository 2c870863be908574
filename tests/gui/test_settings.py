"""Settings: what a window remembers between starts, and how a damaged settings file is survived.

Every test writes only into its own $DIABETES_TRAINER_HOME (tests/conftest.py), never the user's settings.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from diabetes_trainer.core.config import TrainConfig  # noqa: E402
from diabetes_trainer.gui.settings import AppSettings, default_settings_path  # noqa: E402


@pytest.fixture
def settings_file(isolated_home) -> Path:
    return isolated_home / "settings.ini"


@pytest.fixture(autouse=True)
def app_font_restored(qapp):
    """Zoom and presentation mode change the application-wide font: put it back for the next test."""
    font = QApplication.font()
    yield
    QApplication.setFont(font)


@pytest.fixture
def make_window(qtbot):
    from diabetes_trainer.gui.main_window import MainWindow

    def make() -> MainWindow:
        window = MainWindow(prewarm=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.table is not None, timeout=10_000)
        return window

    return make


# --- the file ------------------------------------------------------------------------------------------------------

def test_settings_live_in_the_isolated_home(qapp, settings_file):
    assert default_settings_path() == settings_file
    settings = AppSettings.open()
    settings.set_theme("dark")
    settings.sync()
    assert Path(settings.path) == settings_file and "theme=dark" in settings_file.read_text()


def test_settings_of_older_versions_are_adopted_from_qts_default_place(qapp, monkeypatch, tmp_path):
    import sys

    from PySide6.QtCore import QSettings

    from diabetes_trainer import APP_NAME, ORGANIZATION
    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    qt_default = Path(QSettings(ini, user, "probe", "probe").fileName()).parent.parent
    monkeypatch.delenv("DIABETES_TRAINER_HOME")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setPath(ini, user, str(tmp_path / "old"))
    try:
        old = AppSettings(QSettings(ini, user, ORGANIZATION, APP_NAME))
        old.set_theme("dark")
        old.sync()
        adopted = AppSettings.open()
        assert Path(adopted.path) == tmp_path / "config" / "diabetes-trainer" / "settings.ini"
        assert adopted.theme() == "dark"
        adopted.set_theme("light")
        adopted.sync()
        assert AppSettings.open().theme() == "light", "copied once: the new file is not overwritten again"
    finally:
        QSettings.setPath(ini, user, str(qt_default))


def test_every_knob_survives_a_round_trip(qapp):
    from tests.gui.test_knob_registry import example_config  # every TrainConfig field, none at its default

    config = example_config()
    settings = AppSettings.open()
    settings.set_config(config)
    settings.sync()
    reread = AppSettings.open()
    assert reread.config() == config
    assert reread.take_message() == ""


def test_each_unusable_knob_falls_back_on_its_own(qapp, settings_file):
    settings_file.write_text("[meta]\nformat=1\n[knobs]\nepochs=abc\nbatch_size=0\nlr=0.2\nshuffle=maybe\n"
                             "num_workers=3\nprefetch_factor=4\nseed=1.5\n")
    settings = AppSettings.open()
    config = settings.config()
    defaults = TrainConfig()
    assert (config.epochs, config.batch_size, config.shuffle, config.seed) == (
        defaults.epochs, defaults.batch_size, defaults.shuffle, defaults.seed)
    assert (config.lr, config.num_workers, config.prefetch_factor) == (0.2, 3, 4)
    message = settings.take_message()
    for knob in ("epochs (“abc”)", "batch_size (“0”)", "shuffle (“maybe”)", "seed (“1.5”)"):
        assert knob in message
    assert "lr" not in message and "num_workers" not in message


def test_a_knob_that_only_clashes_with_the_others_is_reset(qapp, settings_file):
    settings_file.write_text("[meta]\nformat=1\n[knobs]\nnum_workers=0\nprefetch_factor=4\n"
                             "persistent_workers=true\nepochs=3\n")
    settings = AppSettings.open()
    config = settings.config()
    assert config.validate() is config
    assert (config.num_workers, config.prefetch_factor, config.persistent_workers, config.epochs) == (0, None, False,
                                                                                                       3)
    assert "prefetch_factor" in settings.take_message()


def test_an_unreadable_file_is_kept_aside_and_defaults_are_used(qapp, settings_file):
    garbage = "[knobs\nepochs=abc\n\x00\x01 ]]]\n"
    settings_file.write_text(garbage)
    settings = AppSettings.open()
    assert settings.config() == TrainConfig()
    message = settings.take_message()
    assert str(settings_file) in message and "default settings" in message
    backup = settings_file.with_name("settings.ini.damaged")
    assert backup.read_text() == garbage and str(backup) in message
    settings.set_theme("dark")
    settings.sync()
    assert AppSettings.open().take_message() == "", "the next start reads a clean file"


def test_a_file_that_is_not_ours_is_treated_as_damaged(qapp, settings_file):
    settings_file.write_text("[Desktop Entry]\nName=Another program\nExec=other\n")  # valid INI, not ours
    settings = AppSettings.open()
    assert "not written by this program" in settings.take_message()
    assert settings.theme() == "light"


def test_view_values_of_the_wrong_type_fall_back(qapp, settings_file):
    settings_file.write_text("[meta]\nformat=1\n[view]\ntheme=purple\nfontScale=huge\npresentation=perhaps\n"
                             "language=tlh\n[window]\ngeometry=not a blob\n")
    settings = AppSettings.open()
    assert settings.theme() == "light"
    assert settings.font_scale() == 1.0
    assert settings.presentation() is False
    assert settings.language() is None
    assert settings.layout_bytes("window/geometry") is None
    message = settings.take_message()
    for value in ("purple", "huge", "perhaps", "tlh", "not a blob"):
        assert f"“{value}”" in message


# --- the window ------------------------------------------------------------------------------------------------

def test_knobs_layout_and_view_are_there_in_the_next_window(make_window, qtbot):
    window = make_window()
    window.knobs.epochsSpin.setValue(42)
    window.knobs.numWorkersSpin.setValue(2)
    window.knobs.persistentCheck.setChecked(True)
    window.knobs.lrSpin.setValue(0.25)
    window.mainSplitter.setSizes([250, 450])
    window.insightTabs.setCurrentIndex(2)
    window.presentation.set_theme_name("dark")
    window.presentation.set_zoom(1.25)
    sizes = window.mainSplitter.sizes()
    window.close()

    again = make_window()
    assert again is not window
    knobs = again.knobs.config()
    assert (knobs.epochs, knobs.num_workers, knobs.persistent_workers, knobs.lr) == (42, 2, True, 0.25)
    share = again.mainSplitter.sizes()[0] / sum(again.mainSplitter.sizes())
    assert share == pytest.approx(sizes[0] / sum(sizes), abs=0.01), "the zoomed fonts leave less room, same split"
    assert again.insightTabs.currentIndex() == 2
    assert again.presentation.theme_name == "dark" and again.presentation.zoom == 1.25
    assert again.lossPlot.theme.background == "#1E1E1E"
    assert not again.banner.isVisible()


def test_the_last_data_file_is_loaded_again(make_window, qtbot, tutorial_data):
    window = make_window()
    window.knobs.dataPathEdit.setText(str(tutorial_data))
    window.load_data(str(tutorial_data))
    qtbot.waitUntil(lambda: window.table_path == str(tutorial_data), timeout=10_000)
    window.close()
    again = make_window()
    qtbot.waitUntil(lambda: again.table_path == str(tutorial_data), timeout=10_000)
    assert again.knobs.dataPathEdit.text() == str(tutorial_data)


def test_a_vanished_data_file_falls_back_to_the_sample_with_a_note(make_window, qtbot, settings_file, tmp_path):
    gone = tmp_path / "gone.csv"
    settings = AppSettings.open()
    settings.set_last_data_file(str(gone))
    settings.sync()
    window = make_window()
    assert window.table_path == "" and window.knobs.dataPathEdit.text() == ""
    assert window.banner.level == "warning" and "gone.csv" in window.banner.text()


def test_presentation_mode_is_remembered(make_window, qtbot):
    window = make_window()
    window.presentation.set_enabled(True)
    window.close()
    again = make_window()
    assert again.presentation.enabled and again.isFullScreen()
    again.presentation.set_enabled(False)
    assert not again.isFullScreen()


def test_restore_defaults_resets_knobs_and_layout(make_window, qtbot, settings_file):
    window = make_window()
    defaults = window.mainSplitter.sizes(), window.bottomSplitter.sizes()
    window.knobs.epochsSpin.setValue(99)
    window.knobs.batchSizeSpin.setValue(7)
    window.mainSplitter.setSizes([100, 600])
    window.bottomSplitter.setSizes([650, 350])
    window.insightTabs.setCurrentIndex(3)
    window.presentation.set_theme_name("dark")
    action = window.findChild(QAction, "restoreDefaultsAction")
    assert action is not None
    action.trigger()
    assert window.knobs.config() == TrainConfig()
    assert (window.mainSplitter.sizes(), window.bottomSplitter.sizes()) == defaults
    assert window.insightTabs.currentIndex() == 0
    assert window.presentation.theme_name == "dark", "the view (theme, zoom, language) is not part of the reset"
    window.close()
    assert make_window().knobs.config() == TrainConfig()


def test_a_damaged_settings_file_opens_with_defaults_and_a_note(make_window, settings_file):
    settings_file.write_text("[knobs\nepochs=abc\n[window]\ngeometry=@ByteArray(\\x1\\x2\n")
    window = make_window()
    assert window.knobs.config() == TrainConfig()
    assert window.banner.isVisible() and window.banner.level == "warning"
    assert str(settings_file) in window.banner.text()


def test_a_damaged_layout_is_ignored_with_a_note(make_window, settings_file):
    settings_file.write_text("[meta]\nformat=1\n[knobs]\nepochs=12\n[window]\nstate=@ByteArray(garbage)\n"
                             "mainSplitter=@ByteArray(more garbage)\ninsightTab=17\n")
    window = make_window()
    assert window.knobs.epochsSpin.value() == 12
    assert window.insightTabs.currentIndex() == 0
    assert "window layout" in window.banner.text() and "insight tab" in window.banner.text()

"""Languages: the Chinese catalogue is complete, installs and uninstalls, and a window built under it speaks Chinese."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QLocale  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402
from shiboken6 import isValid  # noqa: E402

from diabetes_trainer.core import advice  # noqa: E402
from diabetes_trainer.core.advice import SystemInfo, advise_sweep, analyze_run, memory_check  # noqa: E402
from diabetes_trainer.core.advice import texts as advice_module  # noqa: E402
from diabetes_trainer.gui.advice_text import advice_text  # noqa: E402
from diabetes_trainer.gui.i18n import (  # noqa: E402
    available_languages,
    catalog_path,
    install_translators,
    installed_language,
    resolve_language,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
TWO_CORES = SystemInfo(logical_cores=2, total_memory=16 * 2**30, available_memory=12 * 2**30)
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    """The application in Simplified Chinese for one test, then back in English with the locale it had."""
    locale = QLocale()
    assert install_translators(qapp, "zh_CN") == "zh_CN"
    yield qapp
    install_translators(qapp, "en")
    QLocale.setDefault(locale)


@pytest.fixture
def windows():
    """Main windows a test opens through app.open_main_window: closed at the end unless already gone."""
    opened = []
    yield opened
    for window in opened:
        if isValid(window):
            window.close()
            window.deleteLater()


@pytest.fixture
def english_afterwards(qapp):
    locale = QLocale()
    yield qapp
    install_translators(qapp, "en")
    QLocale.setDefault(locale)


def test_the_languages_offered_are_named_in_their_own_language():
    assert available_languages() == [("en", "English"), ("zh_CN", "简体中文")]
    assert catalog_path("zh_CN").is_file(), "the compiled catalogue is committed"


@pytest.mark.parametrize(("asked", "system", "expected"), [
    ("zh_CN", "en_US", "zh_CN"), ("en", "zh_CN", "en"), ("zh", "en_US", "zh_CN"), ("en_GB", "en_US", "en"),
    ("fr_FR", "en_US", "en"), (None, "zh_CN", "zh_CN"), (None, "zh_TW", "zh_CN"), (None, "de_DE", "en"),
    (None, "en_AU", "en"),
])
def test_a_language_is_resolved_to_one_we_ship(asked, system, expected):
    assert resolve_language(asked, QLocale(system)) == expected


def test_installing_chinese_translates_and_switching_back_removes_it(english_afterwards):
    app = english_afterwards
    assert install_translators(app, "zh_CN") == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "Start") == "开始"
    # Qt's own strings (dialog buttons) come from Qt's catalogue.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QLocale().name() == "zh_CN"
    assert installed_language() == "zh_CN"
    assert install_translators(app, "en") == "en"
    assert QCoreApplication.translate("MainWindow", "Start") == "Start"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert installed_language() == "en"


def test_a_window_built_in_chinese_speaks_chinese(chinese, qtbot):
    from diabetes_trainer.gui.main_window import MainWindow

    window = MainWindow(prewarm=False)
    qtbot.addWidget(window)
    assert window.startButton.text() == "开始"
    assert window.stopButton.text() == "停止"
    # Qt appends the application's display name to the title bar: the title itself does not repeat it.
    assert QApplication.applicationDisplayName() == "糖尿病数据训练器"
    assert HAN.search(window.windowTitle()) and "糖尿病数据训练器" not in window.windowTitle()
    assert window.controlsDock.windowTitle() == "参数"
    menus = [action.text() for action in window.menuBar().actions()]
    assert "文件(&F)" in menus and "运行(&R)" in menus
    assert HAN.search(window.knobs.numWorkersSpin.toolTip())
    assert "num_workers" in window.knobs.numWorkersSpin.toolTip(), "code identifiers stay as they are"
    assert window.insightTabs.tabText(0) == "等待与计算"


def test_the_system_locale_chooses_chinese(tmp_path):
    """A user whose system speaks Chinese gets a Chinese window without choosing anything."""
    script = (
        "import json\n"
        "from PySide6.QtCore import QLocale\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from diabetes_trainer.gui.i18n import install_translators\n"
        "app = QApplication([])\n"
        "language = install_translators(app, None)\n"
        "from diabetes_trainer.gui.main_window import MainWindow\n"
        "window = MainWindow(prewarm=False)\n"
        "print(json.dumps({'language': language, 'start': window.startButton.text(),\n"
        "                  'title': window.windowTitle(), 'locale': QLocale().name()}))\n"
        "window.close()\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN", QT_QPA_PLATFORM="offscreen", DIABETES_TRAINER_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO_ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown == {"language": "zh_CN", "start": "开始", "title": shown["title"], "locale": "zh_CN"}
    assert HAN.search(shown["title"]) and "糖尿病数据训练器" not in shown["title"], "the app name only once, by Qt"


def test_every_string_of_the_window_is_translated():
    """The committed catalogue covers every tr() string in diabetes_trainer/gui, placeholders intact."""
    result = subprocess.run([sys.executable, "tools/update_translations.py", "--check"], capture_output=True,
                            text=True, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all strings are translated" in result.stdout


def test_the_check_catches_strings_lupdate_cannot_see(tmp_path):
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    try:
        import update_translations
    finally:
        sys.path.pop(0)
    source = tmp_path / "sample.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate('Ctx', text)\n"
        "tr = QCoreApplication.translate\n"
        "A = tr('Ctx', 'aliased')\n"
        "class K:\n"
        "    def f(self, parent, name):\n"
        "        return self.tr(f'hello {name}'), parent.tr('other'), self.tr('fine')\n"
    )
    update_translations.ROOT = tmp_path
    problems = [str(problem) for problem in update_translations.unextractable_calls(source)]
    assert [p.split(":")[1] for p in problems] == ["3", "5", "8", "8"]


# --- advice ----------------------------------------------------------------------------------------------------

def run_record(*, num_workers=0, wait_s=0.0001, compute_s=0.0003, startup_s=0.0, epochs=10, per_epoch=24,
               start_method=None, persistent=False, delay_ms=0.0, cpu_ms=0.0, pin_memory=False) -> dict:
    """A minimal finished record (docs/run-record.md) with uniform timings; start-up lands on each first batch."""
    count = epochs * per_epoch
    waits = [wait_s + (startup_s if i % per_epoch == 0 else 0.0) for i in range(count)]
    seconds = sum(waits) + compute_s * count
    return {
        "status": "finished", "seconds": seconds, "iterations": count, "data_wait_s": waits,
        "compute_s": [compute_s] * count, "iteration_epoch": [i // per_epoch + 1 for i in range(count)],
        "epochs": [{"epoch": e + 1, "worker_startup_s": startup_s} for e in range(epochs)],
        "data": {"rows": 759, "features": 8},
        "config": {"num_workers": num_workers, "batch_size": 32, "epochs": epochs, "persistent_workers": persistent,
                   "start_method": start_method, "sample_delay_ms": delay_ms, "sample_cpu_ms": cpu_ms,
                   "pin_memory": pin_memory, "device": "cpu"},
        "environment": {"start_method": "fork"},
    }


def documented_kinds() -> set[str]:
    """The advice kinds core.advice lists in its docstring ("stable ids a GUI may translate by")."""
    section = advice.__doc__.split("Advice kinds")[1].split("This module")[0]
    return set(re.findall(r"``([a-z]+(?:-[a-z]+)+)``", section)) | ({"summary"} if "``summary``" in section else set())


def test_every_documented_advice_kind_has_a_template():
    kinds = documented_kinds()
    assert {"loader-bound", "startup-bound", "periodic-stall", "summary", "per-worker-cost"} <= kinds
    assert kinds <= set(advice_module._RENDERERS), kinds - set(advice_module._RENDERERS)


def advice_examples() -> list:
    found = []
    found += analyze_run(run_record(), TWO_CORES)  # zero-workers-best
    found += analyze_run(run_record(num_workers=2, wait_s=0.0011, compute_s=0.0012, startup_s=0.03), TWO_CORES)
    found += analyze_run(run_record(num_workers=2, startup_s=0.7, start_method="spawn"), TWO_CORES)
    found += analyze_run(run_record(delay_ms=5, wait_s=0.16), TWO_CORES)  # loader-bound, I/O-like
    found += analyze_run(run_record(num_workers=4, cpu_ms=1, wait_s=0.001, startup_s=0.01, pin_memory=True),
                         TWO_CORES)
    found.append(memory_check(8, "spawn", 10_000, SystemInfo(2, 2**31, 2**30)))
    found += advise_sweep([{"num_workers": k, "seconds": 1.0 + k, "startup_s": 0.9 * k, "persistent_workers": False}
                           for k in range(5)], TWO_CORES)
    found += advise_sweep([{"num_workers": k, "seconds": 4.0 / (k + 1)} for k in range(5)], TWO_CORES)
    return found


def test_advice_reads_in_chinese_with_its_numbers(chinese):
    examples = advice_examples()
    kinds = {item.kind for item in examples}
    assert {"zero-workers-best", "worker-overhead", "startup-bound", "loader-bound", "cpu-saturated", "gpu-unused",
            "memory-risk", "sweep-fastest", "per-worker-cost", "workers-speedup"} <= kinds
    for item in examples:
        text = advice_text(item)
        assert text != item.message, item.kind
        assert HAN.search(text), text
        assert "{" not in text and "}" not in text, text
        if item.kind == "zero-workers-best" and "fastest_s" in item.numbers and "next_best_s" not in item.numbers:
            continue  # a core that does not report the sweep's "next best" time has it in the English text only
        # The numbers behind the advice survive: every ms/s/MiB figure of the English.
        for figure in re.findall(r"(?<!\"\+)\b\d+(?:\.\d+)? (?:ms|s|MiB|GiB)\b", item.message):
            assert figure in text, (figure, text)


def test_startup_advice_words_only_its_recommendation(chinese):
    spawn = next(a for a in analyze_run(run_record(num_workers=2, startup_s=0.7, start_method="spawn"), TWO_CORES)
                 if a.kind == "startup-bound")
    text = advice_text(spawn)
    assert spawn.recommend == {"num_workers": 0}
    assert "num_workers=0" in text and "spawn" in text and "persistent_workers=True" not in text
    slow = next(a for a in analyze_run(run_record(num_workers=2, startup_s=0.7, delay_ms=0.01), TWO_CORES)
                if a.kind == "startup-bound")
    assert "persistent_workers=True" in advice_text(slow) and HAN.search(advice_text(slow))
    kept = next(a for a in analyze_run(run_record(num_workers=2, startup_s=0.7, persistent=True,
                                                  start_method="fork"), TWO_CORES) if a.kind == "startup-bound")
    assert "persistent_workers=True" not in advice_text(kept)


def test_advice_in_english_is_the_core_message(english_afterwards):
    for item in advice_examples():
        assert advice_text(item) == item.message


def test_unknown_or_broken_advice_names_its_kind_and_numbers(chinese):
    item = advice.Advice("brand-new-kind", "info", {"seconds": 1.5})
    assert "brand-new-kind" in advice_text(item) and "seconds = 1.5" in advice_text(item)
    broken = advice.Advice("loader-bound", "info", {"wait_share": 0.5})
    text = advice_text(broken)
    assert "loader-bound" in text and "wait_share = 0.5" in text and "{" not in text


# --- switching ---------------------------------------------------------------------------------------------------

def test_the_language_menu_rebuilds_the_window_in_the_new_language(english_afterwards, windows):
    from diabetes_trainer.gui.app import _windows, open_main_window

    window = open_main_window(prewarm=False)
    windows.append(window)
    window.show()
    window.knobs.epochsSpin.setValue(23)
    menu = window.findChild(QMenu, "languageMenu")
    assert menu is not None
    assert [action.text() for action in menu.actions()] == ["English", "简体中文"]
    assert window.findChild(QAction, "languageAction_en").isChecked()
    window.findChild(QAction, "languageAction_zh_CN").trigger()
    rebuilt = _windows[-1]
    windows.append(rebuilt)
    assert rebuilt is not window and not window.isVisible() and rebuilt.isVisible()
    assert rebuilt.startButton.text() == "开始"
    assert rebuilt.knobs.epochsSpin.value() == 23, "the knobs survive the rebuild"
    assert rebuilt.findChild(QAction, "languageAction_zh_CN").isChecked()
    rebuilt.findChild(QAction, "languageAction_en").trigger()
    back = _windows[-1]
    windows.append(back)
    assert back.startButton.text() == "Start" and back.knobs.epochsSpin.value() == 23


def test_switching_language_during_a_run_asks_to_stop_first(english_afterwards, windows, monkeypatch):
    from diabetes_trainer.gui.app import open_main_window, switch_language
    from diabetes_trainer.gui.controller import TrainingController

    window = open_main_window(prewarm=False)
    windows.append(window)
    window.show()
    monkeypatch.setattr(TrainingController, "busy", property(lambda self: True))
    assert switch_language(window, "zh_CN", prewarm=False) is None
    assert window.isVisible() and window.startButton.text() == "Start"
    assert window.banner.isVisible() and "Stop the run" in window.banner.text()
    window.findChild(QAction, "languageAction_zh_CN").trigger()
    assert window.findChild(QAction, "languageAction_en").isChecked(), "the check mark stays on the language in use"
    assert installed_language() == "en"


# --- lessons -----------------------------------------------------------------------------------------------------

def test_a_lessons_conclusion_reads_in_chinese_with_its_numbers(chinese):
    from diabetes_trainer.core.config import TrainConfig
    from diabetes_trainer.core.lessons import RunResult
    from diabetes_trainer.core.record import RunRecord
    from diabetes_trainer.gui.experiments import experiments

    experiment = next(e for e in experiments() if e.id == "epoch-arithmetic")
    results = []
    for run in experiment.configs(TrainConfig(), rows=759):
        per_epoch = -(-759 // run.config.batch_size)
        count = per_epoch * run.config.epochs
        record = RunRecord.from_dict({"status": "finished", "seconds": 0.1, "iterations": count,
                                      "data": {"rows": 759, "features": 8}, "config": run.config.to_dict(),
                                      "data_wait_s": [0.0001] * count, "compute_s": [0.0001] * count,
                                      "iteration_epoch": [1 + i // per_epoch for i in range(count)]})
        results.append(RunResult(run, record))
    outcome = experiment.conclude(results, rows=759, planned=len(results))
    assert outcome.shown and HAN.search(outcome.conclusion), outcome.conclusion
    assert "ceil(759/32) = " in outcome.conclusion and "24" in outcome.conclusion
    from diabetes_trainer.core.lessons import LessonContext

    english = experiment.lesson.conclude(results, LessonContext(cores=2, rows=759))
    assert not HAN.search(english.conclusion)

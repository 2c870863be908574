"""Refresh the translations: extract the window's strings into the .ts files, then compile them into .qm files.

    python tools/update_translations.py          # lupdate (keeps existing translations), then lrelease
    python tools/update_translations.py --check  # exit 1 if a string is untranslated or unreachable; writes nothing

After running it, translate the new or changed messages in resources/translations/*.ts (Qt Linguist, or any XML
editor: fill <translation> and remove type="unfinished"), then run it again to compile.

``--check`` also catches what lupdate cannot: a translate call whose text is not a string literal (a wrapper like
``_tr(text)``, an f-string, a constant) is never extracted, so it would stay English in every language; and a
translation that loses a ``{placeholder}`` of its source would break the ``.format()`` after ``tr()``.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "diabetes_trainer" / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}|%n")


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


# Qt-free modules whose texts the window shows translated (they call a ``translate`` they are handed).
CORE = ROOT / "diabetes_trainer" / "core"
CORE_SOURCES = [CORE / "advice" / "texts.py", *sorted((CORE / "lessons").glob("*.py"))]


def source_files() -> list[Path]:
    return sorted(path for path in SOURCES.rglob("*.py") if "__pycache__" not in path.parts) + CORE_SOURCES


def ts_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("*.ts"))


def qt_tool(name: str) -> str:
    """pyside6-lupdate or pyside6-lrelease: beside this Python (a venv), else on PATH."""
    suffix = ".exe" if os.name == "nt" else ""
    beside = Path(sys.executable).parent / f"pyside6-{name}{suffix}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} was not found beside {sys.executable} or on PATH; install PySide6 "
                 f"(pip install PySide6-Essentials) into this environment")
    return found


def run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")


def lupdate(ts: Path) -> None:
    """Merge the sources' strings into ``ts``: new ones unfinished, existing translations kept, vanished dropped."""
    run([qt_tool("lupdate"), *map(str, source_files()), "-ts", str(ts), "-no-obsolete", "-locations", "relative",
         "-silent"])


def lrelease(ts: Path) -> None:
    run([qt_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm")), "-silent"])


# -- checks ----------------------------------------------------------------------------------------------------------
def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def unextractable_calls(path: Path) -> list[Problem]:
    """tr()/translate() calls lupdate cannot read: their text is computed, or ``tr`` is an alias of translate."""
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    where = path.relative_to(ROOT)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "tr" and isinstance(func, ast.Attribute) and not (isinstance(func.value, ast.Name)
                                                                     and func.value.id == "self"):
            problems.append(Problem(f"{where}:{node.lineno}", "tr() on another object than self: lupdate files it "
                                                              "under the variable's name, Qt under the object's "
                                                              "class; call self.tr() or "
                                                              "QCoreApplication.translate(context, text)"))
        elif name == "tr" and isinstance(func, ast.Attribute) and node.args and not _is_text(node.args[0]):
            problems.append(Problem(f"{where}:{node.lineno}", "tr() of a computed text: lupdate cannot extract it; "
                                                              "pass the string literal"))
        elif name == "tr" and isinstance(func, ast.Name) and len(node.args) >= 2:
            problems.append(Problem(f"{where}:{node.lineno}", "tr(context, text) through an alias: lupdate reads it "
                                                              "as tr(text, comment); call "
                                                              "QCoreApplication.translate(context, text)"))
        elif name == "translate" and len(node.args) >= 2 and _is_text(node.args[0]) and not _is_text(node.args[1]):
            problems.append(Problem(f"{where}:{node.lineno}", "translate() of a computed text: lupdate cannot "
                                                              "extract it (a wrapper function?); call translate "
                                                              "with the string literal at each use"))
    return sorted(problems, key=lambda p: int(p.where.rsplit(":", 1)[1]))


def _texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def catalogue_problems(ts: Path) -> list[Problem]:
    """Unfinished or empty translations, and translations whose placeholders differ from their source's."""
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            where = f"{ts.name} [{name}] {source[:60]!r}"
            texts = _texts(message)
            if kind == "unfinished" or not texts or not all(text.strip() for text in texts):
                problems.append(Problem(where, "not translated"))
                continue
            wanted = sorted(PLACEHOLDER.findall(source))
            for text in texts:
                if sorted(PLACEHOLDER.findall(text)) != wanted:
                    problems.append(Problem(where, f"placeholders {wanted} of the source are "
                                                   f"{sorted(PLACEHOLDER.findall(text))} in {text[:60]!r}"))
    return problems


def check() -> list[Problem]:
    """Everything that would leave a string English: run lupdate on copies, so the committed files stay as they are."""
    problems = [problem for path in source_files() for problem in unextractable_calls(path)]
    catalogues = ts_files()
    if not catalogues:
        problems.append(Problem(str(TRANSLATIONS.relative_to(ROOT)), "no .ts files"))
    with tempfile.TemporaryDirectory() as scratch:
        for ts in catalogues:
            copy = Path(scratch) / ts.name
            shutil.copyfile(ts, copy)
            lupdate(copy)
            problems.extend(catalogue_problems(copy))
            if not ts.with_suffix(".qm").exists():
                problems.append(Problem(ts.with_suffix(".qm").name, "not compiled: run tools/update_translations.py"))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="report untranslated or unextractable strings and exit 1 if there are any")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} translation problem(s)" if problems else "all strings are translated")
        return 1 if problems else 0
    for ts in ts_files():
        lupdate(ts)
        lrelease(ts)
        unfinished = catalogue_problems(ts)
        print(f"{ts.relative_to(ROOT)}: {len(unfinished)} message(s) to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())

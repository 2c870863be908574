"""install-launcher: menu entries, icons, shortcuts and bundles land where desktops look, and --uninstall
takes back exactly what was installed."""

from __future__ import annotations

import argparse
import configparser
import json
import os
import plistlib
import re
import shlex
import shutil
import struct
import subprocess
import sys
import sysconfig
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from diabetes_trainer import launcher
from diabetes_trainer.launcher import (
    LauncherError,
    add_cli_parser,
    find_gui_executable,
    install_launcher,
    render_desktop_entry,
    run_cli,
    uninstall_launcher,
)
from diabetes_trainer.paths import resource

posix_only = pytest.mark.skipif(os.name == "nt", reason="needs POSIX executable bits and sh")
ICON_SIZES = (16, 32, 48, 64, 128, 256)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- helpers -------------------------------------------------------------------------------------------


def make_program(folder: Path, name: str = "diabetes-trainer") -> Path:
    """A stand-in gui-script that records the path it was started as in ``folder/ran``."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    record = shlex.quote(str(folder.parent / "ran"))
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$0" "$@" > {record}\n', encoding="utf-8")
    program.chmod(0o755)
    return program


@pytest.fixture
def program(tmp_path: Path) -> Path:
    return make_program(tmp_path / "lab tools" / "bin")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def tool_calls(monkeypatch) -> list[list[str]]:
    """Records helper-tool calls; gio is faked (it would write to the real user's metadata store), while
    update-desktop-database runs for real when present since it only touches the temporary folder."""
    calls: list[list[str]] = []
    real_run_tool = launcher.linux._run_tool

    def run_tool(argv: list[str]) -> bool:
        calls.append(argv)
        return True if argv[0] == "gio" else real_run_tool(argv)

    monkeypatch.setattr(launcher.linux, "_run_tool", run_tool)
    return calls


def tree(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")} if root.exists() else set()


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def unescape_string(value: str) -> str:
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), "\\" + m.group(1)), value)


def exec_arguments(value: str) -> list[str]:
    """Split an Exec value the way the Desktop Entry spec reads it (string escapes, then quoting)."""
    text, arguments, current, quoted, started, i = unescape_string(value), [], "", False, False, 0
    while i < len(text):
        char = text[i]
        if quoted and char == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
            current, i = current + text[i + 1], i + 2
            continue
        assert not (quoted and char in "`$\\"), f"unescaped {char!r} inside quotes in Exec={value}"
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                arguments.append(current)
            current, started = "", False
        else:
            current, started = current + char, True
        i += 1
    assert not quoted, f"unbalanced quotes in Exec={value}"
    if started:
        arguments.append(current)
    return [a.replace("%%", "%") for a in arguments]


def validate(path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: apt-get install desktop-file-utils)")
    completed = subprocess.run([validator, str(path)], capture_output=True, text=True, check=False)
    errors = [line for line in completed.stdout.splitlines() if "error:" in line]
    assert completed.returncode == 0 and not errors, completed.stdout + completed.stderr


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])


def applications(home: Path) -> Path:
    return home / ".local" / "share" / "applications"


# --- shipped resources ------------------------------------------------------------------------------------


def test_svg_icon_is_square_svg():
    root = ET.parse(resource("icons", "diabetes-trainer.svg")).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    assert width == height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_icons_have_their_nominal_size(size):
    assert png_size(resource("icons", f"diabetes-trainer-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_png_entries_for_windows_sizes():
    data = resource("icons", "diabetes-trainer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 4)
    sizes = []
    for index in range(count):
        width, height, _colors, _res, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        side = width or 256
        assert (width, planes, bits) == (height, 1, 32)
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.append(side)
    assert sizes == [16, 32, 48, 256]


def test_icns_chunks_add_up_and_hold_pngs():
    data = resource("icons", "diabetes-trainer.icns").read_bytes()
    magic, total = struct.unpack(">4sI", data[:8])
    assert magic == b"icns" and total == len(data)
    position, kinds = 8, []
    while position < len(data):
        kind, length = struct.unpack(">4sI", data[position : position + 8])
        assert data[position + 8 : position + 16] == PNG_SIGNATURE
        kinds.append(kind)
        position += length
    assert position == len(data)
    assert {b"icp4", b"ic07", b"ic08"} <= set(kinds)


@posix_only
def test_filled_template_has_required_keys_and_validates(tmp_path, program):
    entry_file = tmp_path / "diabetes-trainer.desktop"
    icon = resource("icons", "diabetes-trainer-256.png")
    entry_file.write_text(render_desktop_entry(program, icon), encoding="utf-8")
    entry = read_entry(entry_file)
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Education;Science;"
    assert entry["StartupWMClass"] == "diabetes-trainer"
    assert entry["StartupNotify"] == "true"
    assert entry["Keywords"].endswith(";")
    for key in ("Name[zh_CN]", "Comment[zh_CN]", "GenericName[zh_CN]"):
        assert re.search(r"[\u4e00-\u9fff]", entry[key]), f"{key} is not in Chinese"
    assert exec_arguments(entry["Exec"]) == [str(program)]
    assert unescape_string(entry["Icon"]) == str(icon)
    assert "@" not in entry_file.read_text(encoding="utf-8")
    validate(entry_file)


# --- Exec quoting -----------------------------------------------------------------------------------------


def test_plain_path_is_not_quoted():
    plain = "/opt/trainer/bin/diabetes-trainer"
    assert launcher.desktop_exec_value(Path(plain)) == plain


def test_path_with_spaces_is_quoted():
    spaced = "/home/li na/bin/diabetes-trainer"
    assert launcher.desktop_exec_value(Path(spaced)) == f'"{spaced}"'


@pytest.mark.parametrize(
    "folder",
    ["lab tools", "cost $HOME", 'say "hi"', "back\\slash", "tick `x`", "semi;amp&pipe|", "O'Brien", "实验室"],
)
def test_exec_value_reads_back_as_the_same_path(folder):
    path = Path("/srv") / folder / "diabetes-trainer"
    assert exec_arguments(launcher.desktop_exec_value(path)) == [str(path)]


def test_percent_in_path_is_run_through_env():
    # GLib looks for Exec's first word before turning %% into %, so that word must be a real program.
    path = Path("/srv/100% sure/diabetes-trainer")
    arguments = exec_arguments(launcher.desktop_exec_value(path))
    assert Path(arguments[0]).name == "env" and arguments[1:] == [str(path)]


def test_control_character_in_path_is_refused():
    with pytest.raises(LauncherError, match="control character"):
        launcher.desktop_exec_value(Path("/srv/a\nb/diabetes-trainer"))


# --- Linux / XDG ------------------------------------------------------------------------------------------


@posix_only
def test_install_writes_menu_entry_that_runs_program_with_resolvable_icon(home, program, tool_calls):
    result = install_launcher(home=home, platform="linux", executable=program)

    entry_file = applications(home) / "diabetes-trainer.desktop"
    assert entry_file in result.installed
    entry = read_entry(entry_file)
    (target,) = exec_arguments(entry["Exec"])
    assert Path(target) == program and os.access(target, os.X_OK)
    assert unescape_string(entry["TryExec"]) == str(program)
    icon = Path(unescape_string(entry["Icon"]))
    assert icon.is_absolute() and png_size(icon.read_bytes()) == (256, 256)
    hicolor = home / ".local" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        theme_icon = hicolor / f"{size}x{size}" / "apps" / "diabetes-trainer.png"
        assert png_size(theme_icon.read_bytes()) == (size, size)
    assert (hicolor / "scalable" / "apps" / "diabetes-trainer.svg").read_bytes() == resource(
        "icons", "diabetes-trainer.svg"
    ).read_bytes()
    assert ["update-desktop-database", str(applications(home))] in tool_calls
    assert not (home / "Desktop").exists(), "no desktop copy without --desktop"
    assert any("Menu entry" in m for m in result.messages)
    validate(entry_file)


@posix_only
def test_menu_entry_launches_program_through_glib(tmp_path, tool_calls):
    """End to end: GLib (what GNOME and most launchers use) parses the entry and starts the program."""
    gio = shutil.which("gio")
    if gio is None:
        pytest.skip("gio (Debian: libglib2.0-bin) is not installed")
    program = make_program(tmp_path / "odd $dir 100% 'x'" / "bin")
    home = tmp_path / "home"
    install_launcher(home=home, platform="linux", executable=program)
    completed = subprocess.run([gio, "launch", str(applications(home) / "diabetes-trainer.desktop")],
                               capture_output=True, text=True, timeout=30, check=False)
    if "Unknown command" in completed.stderr:
        pytest.skip("this gio has no 'launch' command")
    assert completed.returncode == 0, completed.stderr
    ran = program.parent.parent / "ran"
    deadline = time.monotonic() + 10  # gio starts the program without waiting for it
    while not ran.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ran.read_text(encoding="utf-8").splitlines()[0] == str(program)


@posix_only
def test_desktop_flag_adds_trusted_executable_copy(home, program, tool_calls):
    install_launcher(home=home, desktop=True, platform="linux", executable=program)
    shortcut = home / "Desktop" / "diabetes-trainer.desktop"
    assert shortcut.read_bytes() == (applications(home) / "diabetes-trainer.desktop").read_bytes()
    assert os.access(shortcut, os.X_OK)
    assert ["gio", "set", str(shortcut), "metadata::trusted", "true"] in tool_calls
    validate(shortcut)


@posix_only
def test_desktop_copy_goes_to_localised_xdg_desktop_dir(home, program, tool_calls):
    (home / ".config").mkdir(parents=True)
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DESKTOP_DIR="$HOME/桌面"\n', encoding="utf-8")
    install_launcher(home=home, desktop=True, platform="linux", executable=program)
    assert (home / "桌面" / "diabetes-trainer.desktop").is_file()
    assert not (home / "Desktop").exists()


@posix_only
def test_xdg_data_home_is_respected_without_home(tmp_path, program, tool_calls, monkeypatch):
    monkeypatch.delenv("DIABETES_TRAINER_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    install_launcher(platform="linux", executable=program)
    assert (tmp_path / "data" / "applications" / "diabetes-trainer.desktop").is_file()
    assert (tmp_path / "data" / "diabetes-trainer" / "launcher-manifest.json").is_file()
    assert not (tmp_path / "user" / ".local").exists()
    uninstall_launcher(platform="linux")
    assert not (tmp_path / "data").exists()


@posix_only
def test_uninstall_removes_exactly_what_install_created(home, program, tool_calls):
    apps = applications(home)
    apps.mkdir(parents=True)
    other_entry = apps / "other-app.desktop"
    other_entry.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", encoding="utf-8")
    notes = apps / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    before = tree(home)

    installed = install_launcher(home=home, desktop=True, platform="linux", executable=program).installed
    result = uninstall_launcher(home=home, platform="linux")

    # update-desktop-database rebuilds the MIME cache for the remaining entry; everything else is as before.
    cache = apps / "mimeinfo.cache"
    assert set(installed) - {cache} <= set(result.removed)
    assert all(not p.exists() for p in result.removed)
    assert tree(home) - {cache} == before
    assert other_entry.read_text(encoding="utf-8").startswith("[Desktop Entry]")
    assert notes.read_text(encoding="utf-8") == "keep me"


@posix_only
def test_uninstall_keeps_folders_that_gained_foreign_files(home, program, tool_calls):
    install_launcher(home=home, platform="linux", executable=program)
    foreign = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "someone-else.png"
    foreign.write_bytes(b"not ours")
    result = uninstall_launcher(home=home, platform="linux")
    assert foreign.read_bytes() == b"not ours"
    assert any("Kept" in m and "48x48" in m for m in result.messages)
    assert not (applications(home) / "diabetes-trainer.desktop").exists()


@posix_only
def test_reinstall_then_uninstall_leaves_nothing(home, program, tool_calls):
    install_launcher(home=home, desktop=True, platform="linux", executable=program)
    install_launcher(home=home, platform="linux", executable=program)
    uninstall_launcher(home=home, platform="linux")
    assert not home.exists()


def test_uninstall_without_install_says_nothing_to_remove(home):
    result = uninstall_launcher(home=home, platform="linux")
    assert result.removed == []
    assert "Nothing to remove" in result.messages[0]


def test_damaged_manifest_is_reported_with_line_and_column(home):
    manifest = launcher.manifest_path(home, "linux")
    manifest.parent.mkdir(parents=True)
    manifest.write_text('{"files": [\n  "/x",\n', encoding="utf-8")
    with pytest.raises(LauncherError, match=r"line 3, column 1.*damaged"):
        uninstall_launcher(home=home, platform="linux")


def test_missing_program_is_refused_before_anything_is_written(home, tmp_path):
    with pytest.raises(LauncherError, match="not an executable file"):
        install_launcher(home=home, platform="linux", executable=tmp_path / "nope" / "diabetes-trainer")
    assert not home.exists()


# --- finding the gui-script -------------------------------------------------------------------------------


@pytest.fixture
def isolated_lookup(tmp_path, monkeypatch) -> Path:
    """sys.executable in an empty fake venv, no scripts folders and an empty PATH."""
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    monkeypatch.setattr(sys, "executable", str(venv_bin / "python"))
    monkeypatch.setattr(sysconfig, "get_path", lambda *args, **kwargs: str(tmp_path / "no-scripts"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    return venv_bin


@posix_only
def test_gui_script_next_to_python_is_found(isolated_lookup):
    program = make_program(isolated_lookup)
    assert find_gui_executable("linux") == program


def test_windows_looks_for_the_exe(isolated_lookup):
    (isolated_lookup / "diabetes-trainer.exe").write_bytes(b"MZ")
    assert find_gui_executable("win32") == isolated_lookup / "diabetes-trainer.exe"


@posix_only
def test_gui_script_on_path_is_found(isolated_lookup, tmp_path, monkeypatch):
    program = make_program(tmp_path / "elsewhere")
    monkeypatch.setenv("PATH", str(program.parent))
    assert find_gui_executable("linux") == program


@posix_only
def test_non_executable_or_absent_gui_script_gives_clear_error(isolated_lookup):
    (isolated_lookup / "diabetes-trainer").write_text("not executable", encoding="utf-8")
    with pytest.raises(LauncherError, match=r"'diabetes-trainer' was not found.*pip install"):
        find_gui_executable("linux")


# --- macOS ------------------------------------------------------------------------------------------------


@posix_only
def test_macos_bundle_layout_and_info_plist(home, program):
    result = install_launcher(home=home, desktop=True, platform="darwin", executable=program)
    contents = home / "Applications" / "Diabetes Trainer.app" / "Contents"
    info = plistlib.loads((contents / "Info.plist").read_bytes())
    assert info["CFBundleExecutable"] == "diabetes-trainer"
    assert info["CFBundlePackageType"] == "APPL"
    assert info["CFBundleName"] == "Diabetes Trainer"
    assert info["CFBundleIdentifier"].count(".") >= 2
    assert (contents / "Resources" / info["CFBundleIconFile"]).read_bytes()[:4] == b"icns"
    assert png_size((contents / "Resources" / "diabetes-trainer.png").read_bytes()) == (256, 256)
    script = contents / "MacOS" / info["CFBundleExecutable"]
    assert os.access(script, os.X_OK)
    subprocess.run([str(script), "--demo"], check=True, timeout=30)
    ran = (program.parent.parent / "ran").read_text(encoding="utf-8")
    assert ran.splitlines() == [str(program), "--demo"]
    link = home / "Desktop" / "Diabetes Trainer.app"
    assert link.is_symlink() and link.resolve() == contents.parent.resolve()
    assert launcher.manifest_path(home, "darwin") in result.installed
    assert launcher.manifest_path(home, "darwin").parent.parent == home / "Library" / "Application Support"

    uninstall_launcher(home=home, platform="darwin")
    assert not home.exists()


# --- Windows ----------------------------------------------------------------------------------------------


@pytest.fixture
def fake_powershell(monkeypatch) -> list[list[str]]:
    """Stands in for powershell.exe: records the argv and writes each shortcut the script asks for."""
    calls: list[list[str]] = []

    def run(argv: list[str]) -> None:
        calls.append(argv)
        for literal in re.findall(r"CreateShortcut\('((?:[^']|'')*)'\)", argv[-1]):
            Path(literal.replace("''", "'")).write_bytes(b"L\x00\x00\x00")

    monkeypatch.setattr(launcher.windows, "_run_powershell", run)
    return calls


def test_windows_shortcut_command_names_target_and_icon(tmp_path, fake_powershell):
    home = tmp_path / "O'Brien"
    program = tmp_path / "Scripts" / "diabetes-trainer.exe"
    program.parent.mkdir()
    program.write_bytes(b"MZ")
    result = install_launcher(home=home, desktop=True, platform="win32", executable=program)

    (argv,) = fake_powershell
    assert argv[:2] == ["powershell", "-NoProfile"] and argv[-2] == "-Command"
    script = argv[-1]
    assert "New-Object -ComObject WScript.Shell" in script
    assert '"' not in script, "double quotes would be mangled by Windows command-line quoting"
    roaming = home / "AppData" / "Roaming"
    start_menu = roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Diabetes Trainer.lnk"
    desktop = home / "Desktop" / "Diabetes Trainer.lnk"
    icon = roaming / "diabetes-trainer" / "diabetes-trainer.ico"
    quoted = lambda path: str(path).replace("'", "''")  # PowerShell doubles quotes inside '...'
    assert f"$link.TargetPath = '{quoted(program)}'" in script
    assert f"$link.IconLocation = '{quoted(icon)},0'" in script
    assert f"CreateShortcut('{quoted(start_menu)}')" in script
    assert f"CreateShortcut('{quoted(desktop)}')" in script
    assert icon.read_bytes() == resource("icons", "diabetes-trainer.ico").read_bytes()
    assert {start_menu, desktop, icon} <= set(result.installed)

    removed = uninstall_launcher(home=home, platform="win32").removed
    assert {start_menu, desktop, icon} <= set(removed)
    assert not home.exists()


def test_powershell_literal_doubles_typographic_quotes_too():
    assert launcher.windows._powershell_literal("it's \u2019x") == "'it''s \u2019\u2019x'"


def test_failed_powershell_install_is_still_cleaned_up(tmp_path, monkeypatch):
    def fail(argv):
        raise LauncherError("PowerShell could not create the shortcuts: access denied")

    monkeypatch.setattr(launcher.windows, "_run_powershell", fail)
    home = tmp_path / "home"
    program = tmp_path / "diabetes-trainer.exe"
    program.write_bytes(b"MZ")
    with pytest.raises(LauncherError, match="access denied"):
        install_launcher(home=home, platform="win32", executable=program)
    manifest = json.loads(launcher.manifest_path(home, "win32").read_text(encoding="utf-8"))
    assert any(p.endswith("diabetes-trainer.ico") for p in manifest["files"])
    uninstall_launcher(home=home, platform="win32")
    assert not home.exists()


@posix_only
def test_the_manifest_follows_the_app_home_override(tmp_path, program, tool_calls, monkeypatch):
    # $DIABETES_TRAINER_HOME overrides every folder of the app: the manifest lives beside the run history.
    monkeypatch.setenv("DIABETES_TRAINER_HOME", str(tmp_path / "teacher"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    install_launcher(platform="linux", executable=program)
    assert (tmp_path / "teacher" / "launcher-manifest.json").is_file()
    assert (tmp_path / "data" / "applications" / "diabetes-trainer.desktop").is_file()
    uninstall_launcher(platform="linux")
    assert not (tmp_path / "teacher" / "launcher-manifest.json").exists()
    assert not (tmp_path / "data" / "applications" / "diabetes-trainer.desktop").exists()


# --- command line -----------------------------------------------------------------------------------------


def cli(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="diabetes-trainer-cli")
    add_cli_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(list(argv))


@posix_only
def test_cli_installs_and_uninstalls(home, program, tool_calls, monkeypatch, capsys):
    monkeypatch.setattr(launcher.install, "find_gui_executable", lambda platform=None: program)
    monkeypatch.setattr(sys, "platform", "linux")
    args = cli("install-launcher", "--desktop", "--home", str(home))
    assert args.func is run_cli
    assert run_cli(args) == 0
    out = capsys.readouterr().out
    assert str(applications(home) / "diabetes-trainer.desktop") in out
    assert "--uninstall" in out
    assert (home / "Desktop" / "diabetes-trainer.desktop").is_file()

    assert run_cli(cli("install-launcher", "--uninstall", "--home", str(home))) == 0
    assert "Removed" in capsys.readouterr().out
    assert not home.exists()

    assert run_cli(cli("install-launcher", "--uninstall", "--home", str(home))) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_cli_reports_missing_program_without_traceback(home, isolated_lookup, capsys):
    assert run_cli(cli("install-launcher", "--home", str(home))) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("install-launcher: error:") and "pip install" in captured.err
    assert "Traceback" not in captured.err
    assert not home.exists()


def test_cli_rejects_desktop_with_uninstall(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli("install-launcher", "--uninstall", "--desktop")
    assert exit_info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err

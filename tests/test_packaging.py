"""Release packaging checks that need no build: the spec's Qt policy, the smoke commands, the .desktop
entry, the icons, the installer script and the one version string. The real build is
`python build/build_bundle.py` (not part of this test run)."""
from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import sb_desktop
from sb_desktop import APP_ID, __version__

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "sb_desktop.spec"
DESKTOP_FILE = ROOT / "build" / "linux" / "sb-desktop.desktop"
INSTALLER = ROOT / "build" / "linux" / "install.sh"
ICONS = ROOT / "resources" / "icons"

# Qt parts that must never be shipped as Python modules (issue #8). Quick and Qml may appear only as
# libraries underneath QtMultimedia's FFmpeg plugin, never as modules, QML files or plugins.
FORBIDDEN_QT_MODULES = ("QtWebEngine", "QtQuick", "QtQml", "QtVirtualKeyboard", "Qt3D", "QtPdf", "QtDesigner")
FORBIDDEN_SUPPORT_LIBRARIES = ("QtWebEngine", "QtVirtualKeyboard", "Qt3D", "QtPdf", "QtDesigner", "QtQuick3D",
                               "QtQuickControls2")


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def spec_list(name: str) -> list[str]:
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not a literal list in {SPEC.name}")


def is_literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def spec_functions(**names) -> dict:
    """The spec's helper functions, run against its own literal lists (and `names` for the rest)."""
    namespace = {"Path": Path, "re": re, "os": os, "subprocess": subprocess, "sys": sys, **names}
    for node in spec_tree().body:
        if isinstance(node, ast.FunctionDef) or (isinstance(node, ast.Assign) and is_literal(node.value)):
            exec(compile(ast.Module([node], type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace


def test_spec_is_valid_python_and_builds_the_named_one_folder_bundle():
    text = SPEC.read_text(encoding="utf-8")
    spec_tree()
    assert "COLLECT(" in text and "name=APP_ID" in text and "onefile" not in text.lower()
    assert '(str(ROOT / "resources"), "resources")' in text  # all of resources/ as data


def test_spec_keeps_only_allowed_qt_modules():
    modules, support = spec_list("QT_MODULES"), spec_list("QT_SUPPORT_LIBRARIES")
    assert {"QtCore", "QtGui", "QtWidgets", "QtMultimedia", "QtNetwork"} <= set(modules)
    assert not [m for m in modules if m.startswith(FORBIDDEN_QT_MODULES)]
    assert not [m for m in support if m.startswith(FORBIDDEN_SUPPORT_LIBRARIES)]
    assert "multimedia" in spec_list("QT_PLUGIN_FOLDERS")
    assert "virtualkeyboard" in spec_list("QT_PLUGINS_DROPPED")


def test_every_qt_module_the_app_imports_is_kept():
    pattern = re.compile(r"PySide6\.(Qt\w+)|from[ \t]+PySide6[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)")
    imported = {name.strip() for path in (ROOT / "sb_desktop").rglob("*.py")
                for dotted, listed in pattern.findall(path.read_text(encoding="utf-8"))
                for name in (dotted or listed).strip("()").split(",") if name.strip().startswith("Qt")}
    assert "QtMultimedia" in imported  # `from PySide6 import QtMultimedia` is found too
    assert imported - set(spec_list("QT_MODULES")) == set()


@pytest.mark.parametrize("dest, kept", [
    # Linux
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),  # linked by the FFmpeg plugin
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", False),
    ("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", False),
    ("PySide6/Qt/lib/libQt6QuickControls2Basic.so.6", False),
    ("PySide6/QtQuick.abi3.so", False),
    ("PySide6/QtQml.abi3.so", False),
    ("PySide6/QtMultimedia.abi3.so", True),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
    ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtwebengine_de.qm", False),
    ("PySide6/libpyside6.abi3.so.6.12", True),
    ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", True),
    ("resources/content/supportback-en/manifest.json", True),
    # Windows
    ("PySide6/Qt6Core.dll", True),
    ("PySide6/Qt6WebEngineCore.dll", False),
    ("PySide6/QtWidgets.pyd", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/translations/qtbase_fr.qm", False),
    # macOS
    ("PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore", True),
    ("PySide6/Qt/lib/QtWebEngineCore.framework/Versions/A/QtWebEngineCore", False),
])
def test_qt_filter_keeps_what_the_app_uses_and_drops_the_rest(dest, kept):
    qt_file_kept = spec_functions(APP_LANGUAGES=[])["qt_file_kept"]
    assert qt_file_kept(dest) is kept


def test_qt_translations_follow_the_apps_own_languages():
    qt_file_kept = spec_functions(APP_LANGUAGES=["de"])["qt_file_kept"]
    assert qt_file_kept("PySide6/Qt/translations/qtbase_de.qm")
    assert not qt_file_kept("PySide6/Qt/translations/qtbase_fr.qm")
    assert not qt_file_kept("PySide6/Qt/translations/qtwebengine_de.qm")


def test_symbolic_links_to_filtered_files_are_dropped():
    without_dangling_symlinks = spec_functions()["without_dangling_symlinks"]
    entries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
               ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
               ("libQt6VirtualKeyboard.so.6", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", "SYMLINK")]
    assert [e[0] for e in without_dangling_symlinks(entries, entries)] == ["PySide6/Qt/lib/libQt6Core.so.6",
                                                                           "libQt6Core.so.6"]


def test_smoke_commands_are_commands_the_cli_accepts(tmp_path):
    sys.path.insert(0, str(ROOT / "build"))
    try:
        import build_bundle
    finally:
        sys.path.remove(str(ROOT / "build"))
    from sb_desktop.cli import build_parser

    commands = build_bundle.smoke_commands(ROOT, tmp_path)
    names = {" ".join(arguments) for arguments, _expected in commands}
    assert {"--version", "--demo --smoke-test"} <= names
    assert any(a[:1] == ["add"] for a, _ in commands)
    for arguments, _expected in commands:
        if arguments != ["--version"]:
            build_parser().parse_args(arguments)  # argparse exits (fails the test) on an unknown command


def test_desktop_entry_is_valid_and_matches_the_icon_and_executable():
    text = DESKTOP_FILE.read_text(encoding="utf-8")
    for line in text.splitlines():
        assert not line or line.startswith(("#", "[")) or re.match(r"^[A-Za-z0-9-]+(\[[^]]+\])?=", line), line
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read_string(text)
    assert entry.sections() == ["Desktop Entry"]
    fields = entry["Desktop Entry"]
    assert fields["Type"] == "Application"
    assert fields["Name"] == sb_desktop.APP_NAME
    assert Path(fields["Exec"]).name == APP_ID and fields["TryExec"] == fields["Exec"]
    assert fields["Icon"] == APP_ID and (ICONS / f"{APP_ID}.svg").is_file()
    assert fields["StartupWMClass"] == APP_ID
    assert fields["Terminal"] == "false" and fields["Categories"].endswith(";")
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_icon_svg_and_png_sizes():
    root = ET.parse(ICONS / f"{APP_ID}.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"
    for size in (48, 128, 256):
        header = (ICONS / f"{APP_ID}-{size}.png").read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size)


def test_installer_script_is_strict_bash_and_executable():
    text = INSTALLER.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in text
    assert os.access(INSTALLER, os.X_OK)
    subprocess.run(["bash", "-n", str(INSTALLER)], check=True)


def test_version_is_one_string_everywhere(capsys):
    from sb_desktop.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"{APP_ID} {__version__}"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'version\s*=\s*\{\s*attr\s*=\s*"sb_desktop.__version__"\s*\}', pyproject)
    spec = SPEC.read_text(encoding="utf-8")
    assert "from sb_desktop import APP_ID, APP_NAME, ORG_NAME, __version__" in spec
    assert re.search(r"version=__version__", spec) and re.search(r'"ProductVersion": __version__', spec)


def test_about_box_shows_the_version(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from sb_desktop.ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    MainWindow.show_about(None)
    assert shown and f"{sb_desktop.APP_NAME} {__version__}" in shown[0]


def test_application_has_the_window_icon_and_desktop_file_name(qapp):
    from sb_desktop.app import make_application

    app = make_application()
    assert app.desktopFileName() == APP_ID
    assert not app.windowIcon().isNull()

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


def build_script(name: str):
    """A module of build/ (build_bundle, trim_icu), imported the way the spec imports it."""
    import importlib
    sys.path.insert(0, str(ROOT / "build"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "build"))


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
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/generic/libqevdevtouchplugin.so", False),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
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


@pytest.mark.parametrize("dest, kept", [
    ("Cryptodome/Cipher/_raw_aes.abi3.so", True),
    ("Cryptodome/Hash/_ghash_clmul.abi3.so", True),
    ("Cryptodome/PublicKey/_ec_nat.abi3.so", False),
    ("Cryptodome/Math/_modexp.abi3.so", False),
    ("Cryptodome/Cipher/AES.py", True),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", True),
    ("matplotlib/mpl-data/fonts/ttf/LICENSE_DEJAVU", True),
    ("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", False),
    ("matplotlib/mpl-data/fonts/ttf/cmr10.ttf", False),
    ("matplotlib/mpl-data/fonts/afm/ptmr8a.afm", False),
    ("matplotlib/mpl-data/sample_data/Minduka_Present_Blue_Pack.png", False),
    ("matplotlib/mpl-data/matplotlibrc", True),
    ("matplotlib/mpl-data/stylelib/ggplot.mplstyle", True),
])
def test_package_filter_keeps_aes_gcm_and_the_chart_fonts_only(dest, kept):
    assert spec_functions()["package_file_kept"](dest) is kept


def test_host_libraries_and_what_only_they_need_stay_out_of_the_linux_bundle(monkeypatch):
    import sysconfig
    monkeypatch.setattr(sys, "platform", "linux")
    functions = spec_functions(sysconfig=sysconfig)
    package = sysconfig.get_paths()["purelib"]
    graph = {  # NEEDED entries, as readelf reports them
        f"{package}/PySide6/Qt/lib/libQt6Gui.so.6": ["libfontconfig.so.1", "libEGL.so.1", "libz.so.1"],
        f"{package}/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so": ["libcups.so.2"],
        f"{package}/PySide6/Qt/plugins/platforms/libqxcb.so": ["libxcb-cursor.so.0", "libxcb.so.1"],
        "/usr/lib/libfontconfig.so.1": ["libexpat.so.1"],
        "/usr/lib/libcups.so.2": ["libgnutls.so.30", "libz.so.1"],
        "/usr/lib/libgnutls.so.30": ["libnettle.so.8"],
        "/usr/lib/libxcb-cursor.so.0": ["libxcb-render-util.so.0", "libxcb.so.1"],
    }
    system = ["libfontconfig.so.1", "libexpat.so.1", "libcups.so.2", "libgnutls.so.30", "libnettle.so.8",
              "libz.so.1", "libxcb-cursor.so.0", "libxcb-render-util.so.0", "libxcb.so.1", "libEGL.so.1"]
    binaries = [(src.split("site-packages/")[-1], src, "BINARY") for src in graph if src.startswith(package)]
    binaries += [(name, f"/usr/lib/{name}", "BINARY") for name in system]
    kept = functions["with_system_libraries_needed"](binaries, needed=lambda path: graph.get(path, []))
    kept_system = {dest for dest, src, _type in kept if src.startswith("/usr/lib")}
    # libz stays (Qt needs it directly), the xcb-util libraries stay (not on every desktop);
    # CUPS, fontconfig, core xcb and EGL come from the desktop, and so does what only they need.
    assert kept_system == {"libz.so.1", "libxcb-cursor.so.0", "libxcb-render-util.so.0"}
    assert len(kept) == len(kept_system) + 3


def test_icu_data_policy_keeps_unicode_core_root_and_english_only():
    keep_item = build_script("trim_icu").keep_item
    assert all(keep_item(item, 300_000) for item in (
        "uts46.nrm", "unames.icu", "root.res", "en_GB.res", "coll/ucadata.icu", "coll/root.res", "coll/en.res",
        "zone/en_GB.res", "zoneinfo64.res", "supplementalData.res", "likelySubtags.res", "brkitr/line.brk",
        "brkitr/thaidict.dict", "pool.res", "curr/pool.res", "res_index.res"))
    assert not any(keep_item(item, 3_000) for item in (
        "fr.res", "coll/de.res", "coll/zh.res", "zone/fr_CA.res", "lang/ja.res", "translit/el.res", "yue.res"))
    assert keep_item("ibm-5348_P100-1997.cnv", 4_000) and not keep_item("gb18030.cnv", 232_816)


@pytest.mark.skipif(not sys.platform.startswith("linux") or not all(shutil.which(t) for t in ("icupkg", "gcc")),
                    reason="trimming ICU data needs Linux with icupkg (icu-devtools) and gcc")
def test_qt_keeps_working_on_the_trimmed_icu_data(tmp_path):
    """The bundle's smaller libicudata: Qt's ICU-backed calls give the same answers for English and still
    work (falling back to root data) for other locales."""
    import PySide6
    trim = build_script("trim_icu").trim
    original = next(Path(PySide6.__file__).parent.glob("Qt/lib/libicudata.so.*"))
    trimmed = trim(original, tmp_path)
    assert trimmed.stat().st_size < original.stat().st_size / 3
    probe = (
        "from PySide6.QtCore import QCollator, QLocale, QTimeZone, QUrl, QStringDecoder\n"
        "c = QCollator(QLocale('en_GB'))\n"
        "print(sorted(['zebra', 'Äpfel', 'apple', 'Zulu', 'éclair'], key=c.sortKey))\n"
        "print(QLocale('en_GB').toUpper('straße'), QLocale('tr_TR').toUpper('i'))\n"
        "print(QUrl.fromUserInput('http://bücher.example').toEncoded().data().decode())\n"
        "print(QTimeZone(b'Europe/London').displayName(QTimeZone.TimeType.StandardTime,"
        " QTimeZone.NameType.LongName, QLocale('en_GB')))\n"
        "print(QStringDecoder('windows-1252').isValid(), QCollator(QLocale('fr_FR')).compare('e', 'f') < 0)\n")
    environment = dict(os.environ, LD_LIBRARY_PATH=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environment,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "['Äpfel', 'apple', 'éclair', 'zebra', 'Zulu']", "STRASSE İ", "http://xn--bcher-kva.example",
        "Greenwich Mean Time", "True True"]


def test_smoke_commands_are_commands_the_cli_accepts(tmp_path):
    build_bundle = build_script("build_bundle")
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

    from sb_desktop.ui.shell.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    MainWindow.show_about(None)
    assert shown and f"{sb_desktop.APP_NAME} {__version__}" in shown[0]


def test_application_has_the_window_icon_and_desktop_file_name(qapp):
    from sb_desktop.app import make_application

    app = make_application()
    assert app.desktopFileName() == APP_ID
    assert not app.windowIcon().isNull()


def test_the_bundle_environment_pins_what_this_one_has_except_numpy():
    import importlib.metadata
    requirements = build_script("build_bundle").bundle_requirements()
    pinned = dict(requirement.split("==") for requirement in requirements)
    assert pinned["PySide6-Essentials"] == importlib.metadata.version("PySide6-Essentials")
    assert pinned["pyinstaller"] == importlib.metadata.version("pyinstaller")
    assert {"sqlcipher3", "pycryptodomex", "matplotlib", "fpdf2"} <= set(pinned)
    assert "numpy" not in pinned and "pytest" not in pinned  # numpy comes from the wheel built without BLAS


def test_when_numpy_without_blas_cannot_be_built_the_installed_numpy_is_bundled(monkeypatch, capsys):
    build_bundle = build_script("build_bundle")
    used = []

    def cannot_build():
        raise build_bundle.BuildFailed("pip exited with 1")

    def stop_after_build(clean, python=sys.executable):
        used.append(str(python))
        raise build_bundle.BuildFailed("stopped after choosing the Python")

    monkeypatch.setattr(build_bundle, "bundle_python", cannot_build)
    monkeypatch.setattr(build_bundle, "build", stop_after_build)
    monkeypatch.setattr(sys, "platform", "linux")
    assert build_bundle.main(["--numpy-without-blas"]) != 0
    assert used == [sys.executable]
    assert "numpy without BLAS is not available (pip exited with 1)" in capsys.readouterr().out

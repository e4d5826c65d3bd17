"""A first run on a fresh Linux desktop: missing Qt system libraries are named, with the one command that
installs them, before Qt can abort."""
import os
import subprocess
import sys
from pathlib import Path

from sb_desktop.system_check import XCB_LIBRARIES, check_desktop_libraries, uses_xcb

ROOT = Path(__file__).resolve().parent.parent


def test_only_the_x11_platform_is_checked():
    assert uses_xcb({"DISPLAY": ":0"})
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"})
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"})
    assert not uses_xcb({})


def test_missing_libraries_are_named_with_their_packages_and_one_command():
    libraries = dict(XCB_LIBRARIES, **{"libsb-not-there.so.9": "libsb-not-there9",
                                        "libsb-also-missing.so.1": "libsb-also-missing1"})
    message = check_desktop_libraries({"QT_QPA_PLATFORM": "xcb"}, libraries)
    if not sys.platform.startswith("linux"):
        assert message is None
        return
    assert "libsb-not-there9" in message and "libsb-also-missing1" in message
    assert "sudo apt-get install " in message
    command = next(line for line in message.splitlines() if "apt-get install" in line)
    assert "libsb-not-there9 libsb-also-missing1" in command or "libsb-also-missing1" in command.split()


def test_the_window_command_stops_with_the_advice_instead_of_a_qt_abort(tmp_path):
    if not sys.platform.startswith("linux"):
        return
    code = ("import sys, sb_desktop.system_check as c\n"
            "c.XCB_LIBRARIES['libsb-not-there.so.9'] = 'libsb-not-there9'\n"
            "from sb_desktop.cli import main\n"
            "sys.exit(main(['--demo']))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":99", SB_DESKTOP_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=60)
    assert result.returncode == 1
    assert "sudo apt-get install" in result.stderr and "libsb-not-there9" in result.stderr
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr

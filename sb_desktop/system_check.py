"""Before Qt starts on a Linux desktop: are the system libraries its X11 (xcb) platform needs installed?

Without them Qt aborts with a message naming one library (often not the missing one). This check names
every missing library's Debian/Ubuntu package and the one command that installs them. It loads each
library by its exact name (a few hundred microseconds in all; Qt loads them next anyway) and never runs
a program. Plain Python, no Qt.
"""
from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping

# library soname -> Debian/Ubuntu package
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Whether Qt will start its X11 platform: asked for by name, or the default on an X session."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def missing_packages(libraries: Mapping[str, str] = XCB_LIBRARIES) -> list[str]:
    missing = []
    for soname, package in libraries.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def install_advice(packages: list[str]) -> str:
    return ("SupportBack Desktop cannot open its window: this computer lacks system libraries that Qt needs "
            "for the desktop.\nMissing Debian/Ubuntu packages: " + " ".join(packages) + "\n"
            "Install them with:\n    sudo apt-get install " + " ".join(packages) + "\n"
            "then start the app again.")


def check_desktop_libraries(environ: Mapping[str, str] | None = None,
                            libraries: Mapping[str, str] = XCB_LIBRARIES) -> str | None:
    """None when the window can start; else the message to print (Linux X11 only)."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or not uses_xcb(environ):
        return None
    packages = missing_packages(libraries)
    return install_advice(packages) if packages else None

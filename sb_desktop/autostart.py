"""Start at login, the way each desktop expects it: an XDG autostart entry on Linux, a LaunchAgent on macOS,
a value under the current user's Run key on Windows. Plain Python; it starts nothing itself."""
from __future__ import annotations

import os
import plistlib
import shlex
import sys
from pathlib import Path

from sb_desktop import APP_ID, APP_NAME

LABEL = "org.supportback.sb-desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def launch_command() -> list[str]:
    """How to start the app in the background (tray only) from a login item."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--background"]
    main = Path(__file__).resolve().parent.parent / "main.py"
    return [sys.executable, str(main), "--background"]


def entry_path(platform: str = sys.platform, environ=None) -> Path | None:
    """Where the login item lives on this desktop (None on Windows, where it is a registry value)."""
    environ = os.environ if environ is None else environ
    if platform.startswith("win"):
        return None
    if platform == "darwin":
        return Path(environ.get("HOME") or Path.home()) / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    config = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def entry_text(command: list[str], platform: str = sys.platform) -> bytes:
    if platform == "darwin":
        return plistlib.dumps({"Label": LABEL, "ProgramArguments": command, "RunAtLoad": True})
    return ("[Desktop Entry]\nType=Application\n"
            f"Name={APP_NAME}\nComment=Reminders for your back-pain check-in\n"
            f"Exec={shlex.join(command)}\nIcon={APP_ID}\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"
            ).encode()


def enable(command: list[str] | None = None, platform: str = sys.platform, environ=None) -> None:
    command = command or launch_command()
    path = entry_path(platform, environ)
    if path is None:
        import winreg  # Windows only
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, " ".join(f'"{part}"' for part in command))
        return
    from sb_desktop.storage.files import atomic_write_bytes
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, entry_text(command, platform))


def disable(platform: str = sys.platform, environ=None) -> None:
    path = entry_path(platform, environ)
    if path is None:
        import winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, APP_NAME)
        except FileNotFoundError:
            return
        return
    path.unlink(missing_ok=True)


def is_enabled(platform: str = sys.platform, environ=None) -> bool:
    path = entry_path(platform, environ)
    if path is None:
        import winreg
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_NAME)
            return True
        except FileNotFoundError:
            return False
    return path.exists()

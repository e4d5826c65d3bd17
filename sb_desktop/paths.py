"""Where each user's data lives: the local (never roaming) app-data folder, overridable for tests and clinics.

Qt-free on purpose so the command line and the GUI agree. The defaults match what
QStandardPaths.AppLocalDataLocation gives for organisation "SupportBack", application "sb-desktop".
"""
import os
import sys
from pathlib import Path

from sb_desktop import APP_ID, ORG_NAME

DATA_DIR_ENV = "SB_DESKTOP_DATA_DIR"
# A profile's passphrase for unattended runs (scripts, the window opening straight into an encrypted profile).
PASSPHRASE_ENV = "SB_DESKTOP_PASSPHRASE"


def default_data_dir() -> Path:
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORG_NAME / APP_ID


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: an explicit --data-dir wins, then SB_DESKTOP_DATA_DIR, then the platform default."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    return Path(chosen).expanduser() if chosen else default_data_dir()

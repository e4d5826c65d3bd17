"""Reminders that reach people with the window closed or locked: a small file beside the profiles, holding only
reminder times (never a name, an entry or anything about anyone's back), read without any profile open."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from sb_desktop.domain.reminders import ReminderSettings, default_settings
from sb_desktop.storage.files import atomic_write_text

BACKGROUND_FILE = "background-reminders.json"
log = logging.getLogger(__name__)


def background_path(data_dir: Path) -> Path:
    return Path(data_dir) / BACKGROUND_FILE


def read_background(data_dir: Path) -> ReminderSettings | None:
    """The reminder times to keep while no profile is open, or None when the tray is off."""
    path = background_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("background reminders could not be read (%s); treated as off", type(error).__name__)
        return None
    settings = ReminderSettings.from_json(data, default=ReminderSettings(False, ()))
    return settings if settings.enabled else None


def write_background(data_dir: Path, settings: ReminderSettings | None) -> None:
    """Keep these times for the tray (or turn the tray off with None)."""
    path = background_path(data_dir)
    if settings is None:
        path.unlink(missing_ok=True)
        return
    kept = ReminderSettings(True, settings.reminders or default_settings().reminders)
    atomic_write_text(path, json.dumps(kept.to_json(), indent=1) + "\n")

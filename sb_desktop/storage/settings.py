"""Per-profile settings: a small key/value table, values stored as JSON."""
from __future__ import annotations

import json
import logging
from typing import TypeVar

from sb_desktop.domain.errors import UserError
from sb_desktop.domain.settings import InvalidSetting, Setting
from sb_desktop.i18n import _
from sb_desktop.storage.database import Database

T = TypeVar("T")
log = logging.getLogger(__name__)


class SettingsStore:
    def __init__(self, db: Database):
        self.db = db

    def read(self, setting: Setting[T]) -> T:
        """The stored value when it passes the setting's check, else its default (a bad stored value is
        logged by key, never by value, and left in place: nothing is changed by reading)."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [setting.key]).fetchone()
        if row is None:
            return setting.default
        try:
            return setting.validate(json.loads(row[0]))
        except (InvalidSetting, ValueError) as error:
            log.warning("setting %s holds a value it does not accept (%s); using its default", setting.key,
                        type(error).__name__)
            return setting.default

    def write(self, setting: Setting[T], value: T) -> None:
        """Store a value after checking it; a value the setting does not accept is refused, never changed."""
        try:
            checked = setting.validate(value)
        except InvalidSetting as error:
            raise UserError(_("This setting was not saved: {reason}").format(reason=error)) from None
        self.set(setting.key, checked)

    def get(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )

    def all(self) -> dict:
        return {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM settings")}

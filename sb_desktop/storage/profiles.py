"""Profiles: one folder and one database per person on this computer."""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage import schema
from sb_desktop.storage.database import open_database
from sb_desktop.storage.files import atomic_write_text
from sb_desktop.storage.journal import JournalStore
from sb_desktop.storage.settings import SettingsStore

DEFAULT_PROFILE = "default"
DATABASE_NAME = "journal.db"
META_NAME = "profile.json"
_NAME_PATTERN = re.compile(r"^[\w][\w .'-]{0,39}$")


class ProfileError(UserError):
    pass


def slug_for(name: str) -> str:
    name = (name or "").strip()
    if not _NAME_PATTERN.match(name):
        raise ProfileError(
            _("'{name}' cannot be a profile name: use 1 to 40 letters, digits, spaces, dots, "
              "apostrophes or dashes, starting with a letter or digit.").format(name=name)
        )
    return re.sub(r"[^\w.-]+", "-", name.lower()).strip("-.") or "profile"


@dataclass(frozen=True)
class ProfileInfo:
    """What the profile chooser may show: the display name the person chose, never data."""

    name: str
    folder: Path
    encrypted: bool = False

    @property
    def database_path(self) -> Path:
        return self.folder / DATABASE_NAME


@dataclass
class Profile:
    """An open profile: its database and the stores over it. Close it to drop the connection."""

    info: ProfileInfo
    db: sqlite_utils.Database
    journal: JournalStore = field(init=False)
    settings: SettingsStore = field(init=False)

    def __post_init__(self):
        self.journal = JournalStore(self.db)
        self.settings = SettingsStore(self.db)

    @property
    def name(self) -> str:
        return self.info.name

    def close(self) -> None:
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()


class ProfileDirectory:
    """The profiles folder under a data directory."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "profiles"

    def list(self) -> list[ProfileInfo]:
        if not self.root.is_dir():
            return []
        infos = []
        for meta in sorted(self.root.glob(f"*/{META_NAME}")):
            info = self._read_info(meta.parent)
            if info is not None:
                infos.append(info)
        return sorted(infos, key=lambda i: i.name.casefold())

    def find(self, name: str) -> ProfileInfo | None:
        folder = self.root / slug_for(name)
        return self._read_info(folder)

    def exists(self, name: str) -> bool:
        return self.find(name) is not None

    def create(self, name: str, *, encrypted: bool = False) -> ProfileInfo:
        folder = self.root / slug_for(name)
        if (folder / META_NAME).exists():
            raise ProfileError(_("A profile called '{name}' already exists.").format(name=name))
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(folder / META_NAME, json.dumps({"name": name.strip(), "encrypted": encrypted}))
        return ProfileInfo(name=name.strip(), folder=folder, encrypted=encrypted)

    def delete(self, name: str) -> None:
        info = self.find(name)
        if info is None:
            raise ProfileError(_("There is no profile called '{name}'.").format(name=name))
        shutil.rmtree(info.folder)

    def open(self, name: str = DEFAULT_PROFILE, *, create: bool = True, connect=None) -> Profile:
        """Open a profile's database (creating the default profile on first use) and bring its schema up to date."""
        info = self.find(name)
        if info is None:
            if not create:
                raise ProfileError(_("There is no profile called '{name}'.").format(name=name))
            info = self.create(name)
        db = open_database(info.database_path, connect) if connect else open_database(info.database_path)
        try:
            schema.migrate(db)
        except Exception:
            db.close()
            raise
        return Profile(info=info, db=db)

    @staticmethod
    def _read_info(folder: Path) -> ProfileInfo | None:
        try:
            meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
            return ProfileInfo(name=str(meta["name"]), folder=folder, encrypted=bool(meta.get("encrypted")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

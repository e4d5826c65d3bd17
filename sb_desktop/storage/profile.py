"""One open profile: its folder's facts (ProfileInfo), its database with the stores it owns and its unit of
work (Profile), and the errors opening a profile can raise. storage/profiles.py manages the folders."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _, ngettext
from sb_desktop.storage import backups
from sb_desktop.storage.database import (
    DATABASE_ERRORS,
    Database,
    DatabaseDamagedError,
)
from sb_desktop.storage.journal import JournalStore
from sb_desktop.storage.locking import ProfileInUse, ProfileLock  # noqa: F401  (ProfileInUse re-exported)
from sb_desktop.storage.settings import SettingsStore

if TYPE_CHECKING:
    from sb_desktop.storage.calls import CallStore
    from sb_desktop.storage.experiments import ExperimentStore
    from sb_desktop.storage.goals import GoalStore, GoalWeek
    from sb_desktop.storage.measures import QuestionnaireStore
    from sb_desktop.storage.overview import GoalOverview
    from sb_desktop.storage.routine_log import RoutineLog
    from sb_desktop.storage.safety import FlarePlanStore, SafetyStore
    from sb_desktop.storage.sessions import SessionStore

DEFAULT_PROFILE = "default"
DATABASE_NAME = "journal.db"
META_NAME = "profile.json"
THROTTLE_NAME = "unlock.json"
REKEY_SUFFIX = ".rekey"
_NAME_PATTERN = re.compile(r"^[\w][\w .'-]{0,39}$")
# Failed unlocks allowed before a delay starts; then 2, 4, 8 ... seconds, at most MAX_DELAY.
FREE_ATTEMPTS = 2
MAX_DELAY = 300


class ProfileError(UserError):
    pass


def _move_into_place(staging: Path, folder: Path, name: str) -> None:
    """Rename the fully built profile folder into place: the one step that makes the profile exist."""
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()  # an empty folder left by an older version (Windows cannot rename over it)
    try:
        os.rename(staging, folder)
    except OSError as error:
        if not folder.exists():
            raise
        raise ProfileError(_("A folder for profile '{name}' is already at {folder}; move it away first.")
                           .format(name=name, folder=folder)) from error


class PassphraseRequired(ProfileError):
    """The profile is encrypted and no passphrase was given."""


class KeyRecordDamaged(ProfileError):
    """profile.json (which holds the wrapped key) is damaged and no intact copy was found. No passphrase was
    tried, so nothing counts as a failed attempt."""


class UnlockDelayed(ProfileError):
    def __init__(self, seconds: int):
        super().__init__(ngettext("Too many wrong passphrases. Try again in {n} second.",
                                  "Too many wrong passphrases. Try again in {n} seconds.", seconds).format(n=seconds))
        self.seconds = seconds


class ProfileDamagedError(DatabaseDamagedError):
    """A profile's journal failed its check at open. Nothing was changed; `newest_backup` can replace it."""

    def __init__(self, message: str, profile_name: str, newest_backup: backups.BackupInfo | None):
        super().__init__(message)
        self.profile_name = profile_name
        self.newest_backup = newest_backup


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
    """An open profile: its database and the stores over it. Close it to drop the connection and the key."""

    info: ProfileInfo
    db: Database
    connect: Callable | None = field(default=None, repr=False)  # makes connections with this profile's key
    backups_kept: int = backups.DEFAULT_KEEP
    lock: ProfileLock | None = field(default=None, repr=False)  # one writer per profile; released by close()
    backup_problem: str | None = None  # why today's backup could not be written (full or read-only disk)
    journal: JournalStore = field(init=False)
    settings: SettingsStore = field(init=False)

    _stores: dict = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self):
        self.journal = JournalStore(self.db)
        self.settings = SettingsStore(self.db)

    # --- the profile owns its stores: nothing outside storage/ touches `db` ---
    # Each store module is imported on first use, so opening a profile for Today loads only what Today reads.

    def _store(self, key: str, make: Callable):
        if self.db is None:
            raise ProfileError(_("The profile is closed."))
        store = self._stores.get(key)
        if store is None:
            store = self._stores[key] = make(self.db)
        return store

    @property
    def goals(self) -> GoalStore:
        from sb_desktop.storage.goals import GoalStore
        return self._store("goals", GoalStore)

    @property
    def measures(self) -> QuestionnaireStore:
        from sb_desktop.storage.measures import QuestionnaireStore
        return self._store("measures", QuestionnaireStore)

    @property
    def safety(self) -> SafetyStore:
        from sb_desktop.storage.safety import SafetyStore
        return self._store("safety", SafetyStore)

    @property
    def flare_plan(self) -> FlarePlanStore:
        from sb_desktop.storage.safety import FlarePlanStore
        return self._store("flare_plan", FlarePlanStore)

    @property
    def experiments(self) -> ExperimentStore:
        from sb_desktop.storage.experiments import ExperimentStore
        return self._store("experiments", ExperimentStore)

    @property
    def calls(self) -> CallStore:
        from sb_desktop.storage.calls import CallStore
        return self._store("calls", CallStore)

    @property
    def routine_log(self) -> RoutineLog:
        """Routines done, with effort and soreness (a routine done is also an exercise entry in the journal)."""
        from sb_desktop.storage.routine_log import RoutineLog
        return self._store("routine_log", RoutineLog)

    def sessions(self, pack_id: str) -> SessionStore:
        from sb_desktop.storage.sessions import SessionStore
        return self._store(f"sessions:{pack_id}", lambda db: SessionStore(db, pack_id))

    def goal_week(self, today: dt.date) -> GoalWeek:
        """The current goal and its week (Today's summary, reminders)."""
        from sb_desktop.storage.goals import load_goal_week
        return load_goal_week(self.db, self.journal, today)

    def overview(self, today: dt.date | None = None) -> GoalOverview:
        """Everything the Goals page, the review and `goals --json` show about the programme."""
        from sb_desktop.storage.overview import load_overview
        return load_overview(self.db, self.journal, today)

    def integrity_problems(self) -> list[str]:
        """The full integrity check (and SQLCipher's, when encrypted): empty when the file is sound."""
        from sb_desktop.storage.database import integrity_check
        return integrity_check(self.db)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Profile]:
        """One unit of work: everything written inside commits together or not at all (the stores' own
        transactions become savepoints inside it)."""
        if self.db is None:
            raise ProfileError(_("The profile is closed."))
        with self.db.atomic():
            yield self

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def closed(self) -> bool:
        return self.connect is None and self.db is None

    def backup(self, reason: str = "") -> backups.BackupInfo:
        if self.connect is None:
            raise ProfileError(_("The profile is closed."))
        return backups.make_backup(self.db, self.info.folder, self.connect, keep=self.backups_kept, reason=reason)

    def close(self) -> None:
        if self.db is None:
            self._release_lock()
            return
        self._stores.clear()
        db, self.connect = self.db, None
        self.db = None  # type: ignore[assignment]  # closed: every store refuses to work from here on
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DATABASE_ERRORS:
            pass
        finally:
            db.close()
            self._release_lock()

    def _release_lock(self) -> None:
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()

"""Profiles: one folder, one (optionally encrypted) database and its backups per person on this computer.

profile.json holds only what the start screen may show (the display name the person chose) and, for an
encrypted profile, the wrapped database key (see storage.crypto). Never any health data.
"""
from __future__ import annotations

import builtins
import datetime as dt
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sb_desktop.i18n import _
from sb_desktop.storage import backups, crypto, keyfile, schema
from sb_desktop.storage.backups import BackupInfo, RestoreResult
from sb_desktop.storage.database import (
    COMPANION_SUFFIXES,
    Database,
    DatabaseDamagedError,
    open_database,
)
from sb_desktop.storage.files import DiskWriteError, _fsync_dir, atomic_write_text, disk_problem
from sb_desktop.storage.locking import ProfileInUse, ProfileLock  # noqa: F401  (ProfileInUse re-exported)
from sb_desktop.storage.profile import (  # noqa: F401  (re-exported: callers import them from here)
    _NAME_PATTERN,
    DATABASE_NAME,
    DEFAULT_PROFILE,
    FREE_ATTEMPTS,
    MAX_DELAY,
    META_NAME,
    REKEY_SUFFIX,
    THROTTLE_NAME,
    KeyRecordDamaged,
    PassphraseRequired,
    Profile,
    ProfileDamagedError,
    ProfileError,
    ProfileInfo,
    UnlockDelayed,
    _move_into_place,
    slug_for,
)

if TYPE_CHECKING:
    pass

class ProfileDirectory:
    """The profiles folder under a data directory.

    passphrase_required: a clinic configuration that forbids profiles without a passphrase.
    kdf: scrypt cost for new passphrases (tests use a cheap one). clock: seconds, for the unlock delay.
    """

    def __init__(self, data_dir: Path, *, passphrase_required: bool = False, backups_kept: int = backups.DEFAULT_KEEP,
                 kdf: crypto.KdfParams | None = None, clock: Callable[[], float] = time.time):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "profiles"
        self.passphrase_required = passphrase_required
        self.backups_kept = backups_kept
        self.kdf = kdf
        self.clock = clock

    # --- listing ---

    def list(self) -> list[ProfileInfo]:
        if not self.root.is_dir():
            return []
        infos = []
        with os.scandir(self.root) as entries:
            for entry in entries:
                if entry.is_dir() and not entry.name.startswith("."):  # .creating-*: never a whole profile
                    info = self._read_info(Path(entry.path))
                    if info is not None:
                        infos.append(info)
        return sorted(infos, key=lambda i: i.name.casefold())

    def find(self, name: str) -> ProfileInfo | None:
        return self._read_info(self.root / slug_for(name))

    def exists(self, name: str) -> bool:
        return self.find(name) is not None

    def _require(self, name: str) -> ProfileInfo:
        info = self.find(name)
        if info is None:
            raise ProfileError(_("There is no profile called '{name}'.").format(name=name))
        return info

    # --- create and delete ---

    def create(self, name: str, *, encrypted: bool = False, passphrase: str | None = None) -> ProfileInfo:
        """Create a profile. With a passphrase its database is encrypted; without one it is not (if allowed)."""
        folder = self.root / slug_for(name)
        if any(path.exists() for path in (folder / META_NAME, *keyfile.copies(folder))):
            raise ProfileError(_("A profile called '{name}' already exists.").format(name=name))
        if passphrase is None and (encrypted or self.passphrase_required):
            raise PassphraseRequired(_("Every profile on this computer needs a passphrase."))
        meta: dict = {"name": name.strip(), "encrypted": passphrase is not None,
                      "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        if passphrase is not None:
            crypto.check_new_passphrase(passphrase)
            if not crypto.encryption_available():
                raise crypto.EncryptionUnavailable(
                    _("This installation cannot encrypt profiles (SQLCipher is missing)."))
            database_key = crypto.new_database_key()
            meta["key"] = crypto.wrap_key(database_key, passphrase, self.kdf)
        else:
            database_key = None
        # The journal exists (migrated) before profile.json says so, and both appear in one rename, so a kill
        # at any step leaves either no profile or a whole one whose missing-journal check is on.
        meta.update(initialised=True, journal_new=True)
        self.root.mkdir(parents=True, exist_ok=True)
        for stale in self.root.glob(f".creating-{folder.name}-*"):  # a creation killed before its rename
            shutil.rmtree(stale)
        # mkdtemp makes the folder 0700: other accounts on this computer cannot even list it.
        staging = Path(tempfile.mkdtemp(prefix=f".creating-{folder.name}-", dir=self.root))
        try:
            db = open_database(staging / DATABASE_NAME, crypto.connector(database_key))
            try:
                schema.migrate(db)
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
            keyfile.write_meta(staging, meta)
            _move_into_place(staging, folder, meta["name"])
        except BaseException:
            if staging.exists():
                shutil.rmtree(staging)
            raise
        _fsync_dir(self.root)
        return ProfileInfo(name=meta["name"], folder=folder, encrypted=meta["encrypted"])

    def delete(self, name: str) -> None:
        """Remove the profile's folder: database, WAL, backups, kept-aside copies, everything."""
        info = self._require(name)
        with ProfileLock(info.folder, info.name) as lock:
            if os.name == "nt":  # Windows cannot delete a locked file; the window to race is tiny
                lock.release()
            shutil.rmtree(info.folder)
        _fsync_dir(self.root)

    # --- unlocking ---

    def unlock_key(self, info: ProfileInfo, passphrase: str | None) -> bytes | None:
        """The profile's database key (None for an unencrypted profile). Wrong passphrases are counted
        per profile, and after FREE_ATTEMPTS each further attempt must wait longer (UnlockDelayed)."""
        if not info.encrypted:
            return None
        if passphrase is None:
            raise PassphraseRequired(_("Profile '{name}' is protected by a passphrase.").format(name=info.name))
        wait = self.unlock_wait(info)
        if wait > 0:
            raise UnlockDelayed(wait)
        read = keyfile.read_meta(info.folder)
        if not read.record.get("key"):
            raise KeyRecordDamaged(
                _("The key record of profile '{name}' ({file}) is damaged and no intact copy was found, so the "
                  "passphrase was not tried. Restore {file} or profile-copy.json from a copy of this folder.")
                .format(name=info.name, file=META_NAME))
        try:
            key = crypto.unwrap_key(read.record["key"], passphrase)
        except crypto.WrongPassphrase:
            self._record_failure(info)
            if read.from_copy:
                raise crypto.WrongPassphrase(
                    _("That passphrase does not unlock this profile. (Its {file} is damaged; an intact copy "
                      "of the key was used.)").format(file=META_NAME)) from None
            raise
        (info.folder / THROTTLE_NAME).unlink(missing_ok=True)
        if read.needs_repair:  # rewrite a damaged profile.json from the intact copy (or add copies to an old one)
            self._repair_meta(info.folder, read.record)
        return key

    @staticmethod
    def _repair_meta(folder: Path, record: dict) -> None:
        try:
            keyfile.write_meta(folder, record)
        except OSError as error:
            if disk_problem(error) is None:
                raise
            # A full or read-only disk: the intact copy still serves, and the repair is tried at the next open.

    def unlock_wait(self, info: ProfileInfo) -> int:
        """Seconds before the next passphrase attempt is allowed (0: now)."""
        state = self._throttle(info)
        return max(0, math.ceil(state.get("retry_after", 0) - self.clock()))

    def failed_attempts(self, info: ProfileInfo) -> int:
        return int(self._throttle(info).get("failures", 0))

    def _throttle(self, info: ProfileInfo) -> dict:
        try:
            return json.loads((info.folder / THROTTLE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _record_failure(self, info: ProfileInfo) -> None:
        failures = self.failed_attempts(info) + 1
        delay = 0 if failures <= FREE_ATTEMPTS else min(MAX_DELAY, 2 ** (failures - FREE_ATTEMPTS))
        atomic_write_text(info.folder / THROTTLE_NAME,
                          json.dumps({"failures": failures, "retry_after": self.clock() + delay}))

    def check_passphrase(self, name: str, passphrase: str | None) -> None:
        """Raise WrongPassphrase (or UnlockDelayed) unless passphrase unlocks the profile."""
        self.unlock_key(self._require(name), passphrase)

    # --- opening ---

    def open(self, name: str = DEFAULT_PROFILE, *, create: bool = True, connect=None,
             passphrase: str | None = None, auto_backup: bool = True) -> Profile:
        """Open a profile's database (creating the profile on first use when `create`) and bring its schema
        up to date, backing it up first when a migration is pending, and at most daily otherwise.

        Raises PassphraseRequired, WrongPassphrase, UnlockDelayed, or ProfileDamagedError (nothing changed)."""
        info = self.find(name)
        if info is None:
            if not create:
                raise ProfileError(_("There is no profile called '{name}'.").format(name=name))
            info = self.create(name, passphrase=passphrase)
        lock = ProfileLock(info.folder, info.name).acquire()
        try:
            return self._open_locked(info, connect, passphrase, auto_backup, lock)
        except BaseException:
            lock.release()
            raise

    def _open_locked(self, info: ProfileInfo, connect, passphrase: str | None, auto_backup: bool,
                     lock: ProfileLock) -> Profile:
        self._settle_rekey(info.folder)
        key = self.unlock_key(info, passphrase)
        if not info.encrypted and keyfile.read_meta(info.folder).needs_repair:
            self._repair_meta(info.folder, keyfile.read_meta(info.folder).record)
        connect = crypto.connector(key) if key is not None or connect is None else connect
        db = self._open_checked(info, connect)
        try:
            profile = Profile(info=info, db=db, connect=connect, backups_kept=self.backups_kept, lock=lock)
            existing = "_sqlite_migrations" in db.table_names()
            pending = schema.pending_migrations(db)
            if existing and pending:
                profile.backup("before-migration")
            if pending:
                schema.migrate(db)
            meta = self._read_meta(info.folder)
            if not existing or meta.get("journal_new"):  # the first open: nothing to back up yet
                meta.pop("journal_new", None)
                if not existing or not meta.get("initialised"):
                    meta["initialised"] = True
                keyfile.write_meta(info.folder, meta)
            elif not meta.get("initialised"):  # made by a version that could be killed before setting it
                self._update_meta(info.folder, initialised=True)
            elif auto_backup and backups.backup_due(info.folder):
                try:
                    profile.backup("daily")
                except DiskWriteError as error:  # reading, exporting and checking must still work
                    profile.backup_problem = str(error)
        except BaseException:
            db.close()
            raise
        return profile

    def _open_checked(self, info: ProfileInfo, connect) -> Database:
        path = info.database_path
        initialised = bool(self._read_meta(info.folder).get("initialised"))
        try:
            if initialised and (not path.exists() or path.stat().st_size == 0):
                raise DatabaseDamagedError(_("The journal file {path} is missing or empty.").format(path=path), path)
            db = open_database(path, connect)
            if initialised and "_sqlite_migrations" not in db.table_names():
                db.close()
                raise DatabaseDamagedError(_("The journal file {path} holds no journal.").format(path=path), path)
        except DatabaseDamagedError as error:
            newest = backups.newest_good_backup(info.folder, connect)
            advice = (_("The newest good backup is from {when}; restore it to carry on.").format(when=newest.label)
                      if newest else _("No usable backup was found."))
            raise ProfileDamagedError(
                _("The journal of profile '{name}' failed its check and was not changed. {detail} {advice}")
                .format(name=info.name, detail=str(error), advice=advice), info.name, newest) from None
        return db

    # --- backups and restore ---

    def backups(self, name: str) -> builtins.list[BackupInfo]:
        return backups.list_backups(self._require(name).folder)

    def backup(self, name: str, *, passphrase: str | None = None) -> BackupInfo:
        profile = self.open(name, create=False, passphrase=passphrase, auto_backup=False)
        try:
            return profile.backup("manual")
        finally:
            profile.close()

    def restore(self, name: str, *, passphrase: str | None = None,
                backup: BackupInfo | None = None) -> RestoreResult:
        """Replace the profile's journal with a verified backup (the newest good one unless given).
        A damaged journal is kept aside and what can still be read from it is merged back in."""
        info = self._require(name)
        with ProfileLock(info.folder, info.name):  # never replace the file under another window's connection
            self._settle_rekey(info.folder)
            key = self.unlock_key(info, passphrase)
            connect = crypto.connector(key)
            try:
                self._open_checked(info, connect).close()
                damaged = False
            except ProfileDamagedError:
                damaged = True
            result = backups.restore(info.folder, info.database_path, connect, backup=backup,
                                     current_is_damaged=damaged, keep=self.backups_kept)
            self._update_meta(info.folder, initialised=True)
        return result

    # --- passphrase changes ---

    def change_passphrase(self, name: str, old: str | None, new: str | None) -> ProfileInfo:
        """Re-key the profile: a new random database key under the new passphrase (or none, if allowed),
        applied to the journal and every backup. Crash-safe: see _settle_rekey."""
        info = self._require(name)
        with ProfileLock(info.folder, info.name):  # never replace the file under another window's connection
            return self._change_passphrase_locked(info, old, new)

    def _change_passphrase_locked(self, info: ProfileInfo, old: str | None, new: str | None) -> ProfileInfo:
        self._settle_rekey(info.folder)
        if new is None and self.passphrase_required:
            raise PassphraseRequired(_("Every profile on this computer needs a passphrase."))
        if new is not None:
            crypto.check_new_passphrase(new)
        old_key = self.unlock_key(info, old)
        old_connect = crypto.connector(old_key)
        new_key = crypto.new_database_key() if new is not None else None
        new_connect = crypto.connector(new_key)
        targets = [info.database_path] if info.database_path.exists() else []
        targets += [b.path for b in backups.list_backups(info.folder)]
        staged: list[Path] = []
        try:
            for target in targets:
                source = open_database(target, old_connect, check=target != info.database_path, pragmas=False)
                try:
                    if target == info.database_path:
                        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    tmp = Path(f"{target}{REKEY_SUFFIX}")
                    tmp.unlink(missing_ok=True)
                    crypto.export_database(source.conn, tmp, new_key)
                finally:
                    source.close()
                problems = backups.verify(tmp, new_connect)
                if problems:
                    raise ProfileError(_("Re-encrypting failed ({problem}); nothing was changed.")
                                       .format(problem=problems[0]))
                staged.append(tmp)
        except BaseException:
            for tmp in staged:
                tmp.unlink(missing_ok=True)
            raise
        meta = self._read_meta(info.folder)
        meta["encrypted"] = new is not None
        meta.pop("key", None)
        if new is not None and new_key is not None:
            meta["key"] = crypto.wrap_key(new_key, new, self.kdf)
        meta["rekey_pending"] = True
        keyfile.write_meta(info.folder, meta)  # the commit point (profile.json first, then its copies)
        self._settle_rekey(info.folder)
        (info.folder / THROTTLE_NAME).unlink(missing_ok=True)
        return ProfileInfo(name=info.name, folder=info.folder, encrypted=new is not None)

    def _settle_rekey(self, folder: Path) -> None:
        """Finish or undo an interrupted re-key. Staged files are complete and verified before the new key is
        written to profile.json; so with the flag set they move into place, without it they are discarded."""
        meta = self._read_meta(folder)
        pending = sorted(folder.rglob(f"*{REKEY_SUFFIX}"))
        if meta.get("rekey_pending"):
            for staged in pending:
                target = Path(str(staged)[: -len(REKEY_SUFFIX)])
                for suffix in COMPANION_SUFFIXES:  # a WAL written under the old key must not meet the new file
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
                os.replace(staged, target)
            meta.pop("rekey_pending")
            keyfile.write_meta(folder, meta)
        else:
            for staged in pending:
                staged.unlink(missing_ok=True)

    # --- meta ---

    @staticmethod
    def _read_meta(folder: Path) -> dict:
        """profile.json, or its first intact copy when it is damaged (see storage.keyfile)."""
        return dict(keyfile.read_meta(folder).record)

    def _update_meta(self, folder: Path, **changes) -> None:
        meta = self._read_meta(folder)
        if all(meta.get(k) == v for k, v in changes.items()):
            return
        meta.update(changes)
        keyfile.write_meta(folder, meta)

    @staticmethod
    def _read_info(folder: Path) -> ProfileInfo | None:
        read = keyfile.read_meta(folder)
        if not read.record and read.primary == keyfile.DAMAGED:
            # Every copy is damaged: still a profile (never offered as free to create again), treated as
            # encrypted so opening it reports the damage instead of making a fresh journal.
            return ProfileInfo(name=folder.name, folder=folder, encrypted=True)
        try:
            meta = read.record
            return ProfileInfo(name=str(meta["name"]), folder=folder, encrypted=bool(meta.get("encrypted")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

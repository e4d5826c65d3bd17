"""Rolling backups of one profile's database: online backup API, verified, encrypted like the profile.

A backup is written to a temporary file in the profile's backups/ folder with SQLite's online backup API
(between two connections with the same key, so it is encrypted exactly like the profile), checked with
integrity_check and SQLCipher's cipher_integrity_check, and only then moved into place with os.replace.
The newest N are kept.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.database import (
    COMPANION_SUFFIXES,
    DATABASE_ERRORS,
    Database,
    full_check,
    open_database,
)
from sb_desktop.storage.files import DiskWriteError, _fsync_dir, disk_problem, disk_problem_message

BACKUP_FOLDER = "backups"
DEFAULT_KEEP = 7
DAILY = dt.timedelta(days=1)
_NAME = re.compile(r"^journal-(\d{8}T\d{6}\d{6})Z(?:-([a-z-]+))?\.db$")
# Tables sqlite-utils and SQLite manage themselves; salvage leaves them to the backup.
_INTERNAL_TABLES = {"_sqlite_migrations", "sqlite_sequence", "sqlite_stat1"}
# What a disk that refuses a write raises: the OS's errors and SQLite's own (SQLITE_FULL, SQLITE_READONLY).
_WRITE_ERRORS: tuple[type[BaseException], ...] = (OSError, *DATABASE_ERRORS)


class BackupError(UserError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime  # UTC
    reason: str = ""

    @property
    def label(self) -> str:
        return self.created.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class RestoreResult:
    backup: BackupInfo
    damaged_copy: Path | None = None       # the damaged file, kept aside (never overwritten)
    recovered_rows: int = 0                # rows read from the damaged file that the backup lacked
    unreadable: tuple[str, ...] = field(default_factory=tuple)  # tables that could not be read to the end


def backup_folder(profile_folder: Path) -> Path:
    return Path(profile_folder) / BACKUP_FOLDER


def list_backups(profile_folder: Path) -> list[BackupInfo]:
    """Backups of this profile, newest first (by the time in their name)."""
    folder = backup_folder(profile_folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match:
            stamp = match.group(1)  # 20240501T120000123456: fromisoformat (unlike strptime) loads nothing more
            created = dt.datetime.fromisoformat(f"{stamp[:15]}.{stamp[15:]}").replace(tzinfo=dt.UTC)
            found.append(BackupInfo(path=path, created=created, reason=match.group(2) or ""))
    return sorted(found, key=lambda b: b.created, reverse=True)


def backup_due(profile_folder: Path, now: dt.datetime | None = None, interval: dt.timedelta = DAILY) -> bool:
    backups = list_backups(profile_folder)
    now = now or dt.datetime.now(dt.UTC)
    return not backups or now - backups[0].created >= interval


def verify(path: Path, connect: Callable) -> list[str]:
    """Problems with the database file at path (empty when it is sound); never changes the file."""
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        return [_("the file is missing or empty")]
    try:
        db = open_database(path, connect, check=False, pragmas=False)
    except UserError as error:
        return [str(error)]
    try:
        problems = full_check(db)
        if not problems and "_sqlite_migrations" not in db.table_names():
            problems = [_("the file holds no journal")]
        return problems
    except DATABASE_ERRORS as error:
        return [str(error)]
    finally:
        db.close()


def _copy(source_conn, target: Path, connect: Callable) -> None:
    target_conn = connect(target)
    try:
        source_conn.backup(target_conn)
    finally:
        target_conn.close()


def _sweep_temporaries(folder: Path) -> None:
    for stray in folder.glob(".tmp-*"):
        try:
            stray.unlink()
        except OSError:
            pass


def make_backup(db: Database, profile_folder: Path, connect: Callable, *, keep: int = DEFAULT_KEEP,
                reason: str = "", now: dt.datetime | None = None) -> BackupInfo:
    """Back up the open database; returns the new backup. The old backups stay until the new one is verified.

    A disk that refuses the write (full, read-only) raises DiskWriteError saying so, never damage."""
    folder = backup_folder(profile_folder)
    now = now or dt.datetime.now(dt.UTC)
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    suffix = f"-{reason}" if reason else ""
    final = folder / f"journal-{stamp}Z{suffix}.db"
    tmp = folder / f".tmp-{stamp}.db"
    try:
        _write_backup(db, folder, tmp, final, connect)
    except _WRITE_ERRORS as error:
        problem = disk_problem(error)
        if problem is None:
            raise
        raise DiskWriteError(disk_problem_message(problem, _("today's backup"), folder)) from None
    prune(profile_folder, keep)
    return BackupInfo(path=final, created=now.astimezone(dt.UTC), reason=reason)


def _write_backup(db: Database, folder: Path, tmp: Path, final: Path, connect: Callable) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _sweep_temporaries(folder)
    try:
        _copy(db.conn, tmp, connect)
        problems = verify(tmp, connect)
        if problems:
            raise BackupError(_("The backup could not be verified ({problem}); the previous backups are kept.")
                              .format(problem=problems[0]))
        os.replace(tmp, final)
        _fsync_dir(folder)
    finally:
        for path in [tmp, *(Path(f"{tmp}{s}") for s in COMPANION_SUFFIXES)]:
            if path.exists():
                path.unlink()


def prune(profile_folder: Path, keep: int = DEFAULT_KEEP) -> None:
    for old in list_backups(profile_folder)[max(1, keep):]:
        for path in [old.path, *(Path(f"{old.path}{s}") for s in COMPANION_SUFFIXES)]:
            if path.exists():
                path.unlink()


def newest_good_backup(profile_folder: Path, connect: Callable) -> BackupInfo | None:
    for backup in list_backups(profile_folder):
        if not verify(backup.path, connect):
            return backup
    return None


def move_aside(database: Path, label: str) -> Path | None:
    """Rename the database and its WAL/SHM out of the way (never delete): returns the new database path."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    target = database.with_name(f"{database.name}.{label}-{stamp}")
    moved = None
    if database.exists():
        os.replace(database, target)
        moved = target
    for suffix in COMPANION_SUFFIXES:
        companion = Path(f"{database}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{suffix}"))
    _fsync_dir(database.parent)
    return moved


def restore(profile_folder: Path, database: Path, connect: Callable, *, backup: BackupInfo | None = None,
            current_is_damaged: bool, keep: int = DEFAULT_KEEP) -> RestoreResult:
    """Put a verified backup in place of the (closed) database.

    A damaged database is moved aside, never overwritten, and every row still readable in it that the backup
    lacks is copied into the restored journal. A sound database is backed up first, so a restore can be undone.
    """
    database = Path(database)
    if backup is None:
        backup = newest_good_backup(profile_folder, connect)
        if backup is None:
            raise BackupError(_("There is no usable backup of this profile."))
    else:
        problems = verify(backup.path, connect)
        if problems:
            raise BackupError(_("The backup from {when} is not usable ({problem}).")
                              .format(when=backup.label, problem=problems[0]))
    staged = database.with_name(f".{database.name}.restoring")
    for path in [staged, *(Path(f"{staged}{s}") for s in COMPANION_SUFFIXES)]:
        if path.exists():
            path.unlink()
    source = open_database(backup.path, connect, check=False, pragmas=False)
    try:
        _copy(source.conn, staged, connect)
    finally:
        source.close()
    problems = verify(staged, connect)
    if problems:
        staged.unlink(missing_ok=True)
        raise BackupError(_("The restored copy could not be verified ({problem}); nothing was changed.")
                          .format(problem=problems[0]))
    damaged_copy = None
    if current_is_damaged:
        damaged_copy = move_aside(database, "damaged")
    elif database.exists():
        current = open_database(database, connect)
        try:
            make_backup(current, profile_folder, connect, keep=max(keep, 2), reason="before-restore")
        finally:
            current.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            current.close()
        move_aside(database, "replaced")
    os.replace(staged, database)
    _fsync_dir(database.parent)
    recovered = 0
    unreadable: tuple[str, ...] = ()
    if damaged_copy is not None:
        restored = open_database(database, connect)
        try:
            recovered, unreadable = salvage(damaged_copy, restored, connect)
        finally:
            restored.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            restored.close()
    if not current_is_damaged and database.exists():
        # The replaced file is in the pre-restore backup; keep no second plain copy around.
        for replaced in database.parent.glob(f"{database.name}.replaced-*"):
            replaced.unlink()
    return RestoreResult(backup=backup, damaged_copy=damaged_copy, recovered_rows=recovered, unreadable=unreadable)


@dataclass
class _TableRead:
    """What a possibly damaged table still holds, and which rowids were read past (so their absence is known)."""

    rows: dict
    complete: bool = True
    read_up_to: int | None = None    # every rowid <= this was seen by the forward scan
    read_down_to: int | None = None  # every rowid >= this was seen by the backward scan

    def known_absent(self, rowid: int) -> bool:
        """True when the damaged file was read past `rowid` and did not hold it: it had been deleted."""
        if rowid in self.rows:
            return False
        return (self.complete or (self.read_up_to is not None and rowid <= self.read_up_to)
                or (self.read_down_to is not None and rowid >= self.read_down_to))


def _read_rows(conn, table: str, columns: list[str]) -> _TableRead:
    """Rows readable in a possibly damaged table, by rowid: from the start until an error, then from the end."""
    read = _TableRead(rows={})
    select = "SELECT rowid, " + ", ".join(f'"{c}"' for c in columns) + f' FROM "{table}" ORDER BY rowid '
    for order in ("ASC", "DESC"):
        try:
            for row in conn.execute(select + order):
                if row[0] in read.rows:
                    read.complete = True  # the two scans met: everything between was read
                    return read
                read.rows[row[0]] = row[1:]
                if order == "ASC":
                    read.read_up_to = row[0]
                else:
                    read.read_down_to = row[0]
            if order == "DESC":  # the backward scan reached the start without an error
                read.read_up_to = read.read_down_to = None
                read.complete = True
            return read
        except DATABASE_ERRORS:
            read.complete = False
    return read


def salvage(damaged: Path, restored: Database, connect: Callable) -> tuple[int, tuple[str, ...]]:
    """Copy rows still readable in the damaged file into the restored database (newer versions win).

    Returns (rows the backup lacked, tables that could not be read to the end)."""
    try:
        source = open_database(damaged, connect, check=False, pragmas=False)
    except UserError:
        return 0, ("*",)
    added, unreadable = 0, []
    try:
        try:
            tables = [t for t in restored.table_names() if t not in _INTERNAL_TABLES and not t.startswith("sqlite_")]
            damaged_tables = set(source.table_names())
        except DATABASE_ERRORS:
            return 0, ("*",)
        for table in tables:
            if table not in damaged_tables:
                continue
            try:
                columns = [c.name for c in restored.utils[table].columns]
                if [c.name for c in source.utils[table].columns] != columns:
                    continue
            except DATABASE_ERRORS:
                unreadable.append(table)
                continue
            read = _read_rows(source.conn, table, columns)
            rows = read.rows
            if not read.complete:
                unreadable.append(table)
            if not rows and not read.complete:
                continue
            before = restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            placeholders = ", ".join("?" for _ in columns)
            with restored.atomic():
                # A row the backup has but the damaged file was read past without finding was deleted after
                # the backup was made: it must not come back. Rows in an unreadable stretch are kept.
                deleted = 0
                for (rowid,) in restored.execute(f'SELECT rowid FROM "{table}"').fetchall():
                    if read.known_absent(rowid):
                        restored.execute(f'DELETE FROM "{table}" WHERE rowid = ?', [rowid])
                        deleted += 1
                for row in rows.values():
                    try:
                        restored.execute(
                            f'INSERT OR REPLACE INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
                            f"VALUES ({placeholders})", list(row))
                    except DATABASE_ERRORS:
                        pass  # a row that breaks a constraint stays out; the backup's version remains
            added += max(0, restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] - before + deleted)
    finally:
        source.close()
    return added, tuple(unreadable)

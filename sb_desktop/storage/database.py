"""Open a profile database with the durability settings every clinical write relies on."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage._driver import CONNECTION_ERRORS, DATABASE_ERRORS  # noqa: F401  (re-exported)
from sb_desktop.storage.crypto import connect_unkeyed
from sb_desktop.storage.files import DiskWriteError, disk_problem, disk_problem_message

if TYPE_CHECKING:
    import sqlite_utils

# Files SQLite keeps beside a database; they go wherever the database goes (delete, restore, re-key).
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class Database:
    """One open profile database: SQL through `execute`, transactions through `atomic`.

    Reading needs nothing more than the DB-API connection, so opening a profile and showing its journal
    does not import sqlite-utils (about 50 ms of imports: click, dateutil, pluggy and a large regex).
    sqlite-utils is loaded the first time `utils` is used: by `atomic` (the first write), by migrations
    and by salvage.
    """

    def __init__(self, conn):
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils' view of this same connection, for schema work and transactions."""
        if self._utils is None:
            from sb_desktop.storage._light_import import import_sqlite_utils_lightly
            import_sqlite_utils_lightly()
            import sqlite_utils
            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def execute(self, sql: str, parameters=None):
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    @contextlib.contextmanager
    def atomic(self):
        """One transaction (a savepoint when nested): committed on success, rolled back on any error."""
        with self.utils.atomic():
            yield self

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self.conn.close()


class DatabaseDamagedError(UserError):
    """The file failed its integrity check or is not a database; nothing has been changed."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


def apply_pragmas(db: Database) -> None:
    # FULL: a commit the UI acknowledged survives power loss, not only a crash.
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    # Deleted entries must not stay readable in free pages.
    db.execute("PRAGMA secure_delete=ON")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=5000")
    # Sorts and temporary tables stay in memory: no unencrypted temporary file ever reaches the disk.
    db.execute("PRAGMA temp_store=MEMORY")


def quick_check(db: Database) -> list[str]:
    """Problems found by SQLite's quick_check; an empty list means the file is sound."""
    rows = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def integrity_check(db: Database) -> list[str]:
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def cipher_integrity_check(db: Database) -> list[str]:
    """SQLCipher's page-by-page HMAC check; empty for sound (or unencrypted) files."""
    try:
        return [str(row[0]) for row in db.execute("PRAGMA cipher_integrity_check").fetchall()]
    except DATABASE_ERRORS:
        return []


def full_check(db: Database) -> list[str]:
    return cipher_integrity_check(db) + integrity_check(db)


def connect_plain(path: Path):
    """An unencrypted connection (SQLCipher's driver without a key, so sqlite-utils sees one driver)."""
    return connect_unkeyed(path)


def open_database(path: Path, connect=connect_plain, *, check: bool = True,
                  pragmas: bool = True) -> Database:
    """Open (or create) the database at path, set pragmas and run quick_check.

    `connect` makes the DB-API connection (plain, or SQLCipher with a key); a damaged or foreign file
    raises DatabaseDamagedError and is left exactly as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    try:
        db = Database(conn)
        if check:
            problems = quick_check(db)
            if problems:
                raise DatabaseDamagedError(
                    _("The journal file {path} is damaged ({problem}).").format(path=path, problem=problems[0]),
                    path,
                )
        if pragmas:
            apply_pragmas(db)
    except DatabaseDamagedError:
        conn.close()
        raise
    except DATABASE_ERRORS as error:
        conn.close()
        problem = disk_problem(error)
        if problem is not None:  # the disk refused a write (e.g. creating the WAL): not damage
            raise DiskWriteError(disk_problem_message(problem, _("the journal"), path)) from None
        raise DatabaseDamagedError(
            _("The journal file {path} cannot be read: {reason}.").format(path=path, reason=error), path
        ) from None
    return db

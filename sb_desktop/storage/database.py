"""Open a profile database with the durability settings every clinical write relies on."""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage._driver import CONNECTION_ERRORS, DATABASE_ERRORS  # noqa: F401  (re-exported)
from sb_desktop.storage.crypto import connect_unkeyed

# Files SQLite keeps beside a database; they go wherever the database goes (delete, restore, re-key).
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class DatabaseDamagedError(UserError):
    """The file failed its integrity check or is not a database; nothing has been changed."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


def apply_pragmas(db: sqlite_utils.Database) -> None:
    # FULL: a commit the UI acknowledged survives power loss, not only a crash.
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    # Deleted entries must not stay readable in free pages.
    db.execute("PRAGMA secure_delete=ON")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=5000")
    # Sorts and temporary tables stay in memory: no unencrypted temporary file ever reaches the disk.
    db.execute("PRAGMA temp_store=MEMORY")


def quick_check(db: sqlite_utils.Database) -> list[str]:
    """Problems found by SQLite's quick_check; an empty list means the file is sound."""
    rows = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def integrity_check(db: sqlite_utils.Database) -> list[str]:
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def cipher_integrity_check(db: sqlite_utils.Database) -> list[str]:
    """SQLCipher's page-by-page HMAC check; empty for sound (or unencrypted) files."""
    try:
        return [str(row[0]) for row in db.execute("PRAGMA cipher_integrity_check").fetchall()]
    except DATABASE_ERRORS:
        return []


def full_check(db: sqlite_utils.Database) -> list[str]:
    return cipher_integrity_check(db) + integrity_check(db)


def connect_plain(path: Path):
    """An unencrypted connection (SQLCipher's driver without a key, so sqlite-utils sees one driver)."""
    return connect_unkeyed(path)


def open_database(path: Path, connect=connect_plain, *, check: bool = True,
                  pragmas: bool = True) -> sqlite_utils.Database:
    """Open (or create) the database at path, set pragmas and run quick_check.

    `connect` makes the DB-API connection (plain, or SQLCipher with a key); a damaged or foreign file
    raises DatabaseDamagedError and is left exactly as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
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
        raise DatabaseDamagedError(
            _("The journal file {path} cannot be read: {reason}.").format(path=path, reason=error), path
        ) from None
    return db

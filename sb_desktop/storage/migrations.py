"""Named, ordered migration sets that can tell whether anything is pending without importing sqlite-utils.

sqlite-utils' `Migrations` applies and records migrations (in its `_sqlite_migrations` table); this wrapper
keeps the list of steps so the check made on every profile open is one plain query, and builds the
sqlite-utils set only when a migration actually has to run.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sb_desktop.storage.database import Database

if TYPE_CHECKING:
    import sqlite_utils

MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of applied migrations

Step = Callable[["sqlite_utils.Database"], None]


def recorded_step_count(db: Database) -> int:
    """How many steps, of any set, the database records as applied."""
    if MIGRATIONS_TABLE not in db.table_names():
        return 0
    return db.execute(f"SELECT count(*) FROM {MIGRATIONS_TABLE}").fetchone()[0]


class MigrationSet:
    """Register steps with `@migration_set()`, in order; each receives sqlite-utils' Database."""

    def __init__(self, name: str):
        self.name = name
        self.steps: list[tuple[str, Step]] = []

    def __call__(self) -> Callable[[Step], Step]:
        def register(step: Step) -> Step:
            if any(name == step.__name__ for name, _step in self.steps):
                raise ValueError(f"migration {step.__name__} is already in set {self.name}")
            self.steps.append((step.__name__, step))
            return step
        return register

    def applied(self, db: Database) -> list[str]:
        """Names of the steps recorded as applied, in the order they ran."""
        if MIGRATIONS_TABLE not in db.table_names():
            return []
        rows = db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
                          [self.name]).fetchall()
        return [row[0] for row in rows]

    def pending(self, db: Database) -> list[str]:
        done = set(self.applied(db))
        return [name for name, _step in self.steps if name not in done]

    def apply(self, db: Database) -> None:
        """Run the pending steps in order, each in its own transaction together with its record."""
        if not self.pending(db):
            return
        from sqlite_utils import Migrations

        utils = db.utils  # imports sqlite-utils (registered to use the app's SQLite driver)
        migrations = Migrations(self.name)
        for name, step in self.steps:
            migrations(name=name)(step)
        migrations.apply(utils)

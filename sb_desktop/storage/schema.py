"""Ordered, recorded schema migrations. Each feature owns one named migration set in its own module."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sb_desktop.storage.database import Database
from sb_desktop.storage.migrations import MigrationSet, recorded_step_count

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

journal_migrations = MigrationSet("sb_journal")


@journal_migrations()
def m001_entries(db: SqliteUtilsDatabase) -> None:
    # One table for pain and activity keeps ids unique across both, which the CLI prints and the
    # journal's edit/delete/undo rely on.
    db.table("entries").create(
        {
            "id": int,
            "entry": str,            # 'pain' | 'activity'
            "date": str,             # local calendar date YYYY-MM-DD
            "time": str,             # local HH:MM, or NULL
            "value": int,            # pain 0-10, or activity minutes
            "interference": int,     # pain only, optional 0-10
            "activity_kind": str,    # walk | exercise | other
            "steps": int,
            "effort": int,
            "note": str,
            "source": str,           # manual | session | import:<format>
            "recorded_at": str,      # ISO-8601 with UTC offset
            "import_key": str,       # set by importers so re-importing adds nothing twice
        },
        pk="id",
        not_null={"entry", "date", "value", "source", "recorded_at"},
        defaults={"note": "", "source": "manual"},
    )
    db.table("entries").create_index(["entry", "date"])
    db.table("entries").create_index(["import_key"], unique=True)


@journal_migrations()
def m002_settings(db: SqliteUtilsDatabase) -> None:
    db.table("settings").create({"key": str, "value": str}, pk="key")


@journal_migrations()
def m003_entry_context(db: SqliteUtilsDatabase) -> None:
    # 'day' (a rating of the day) or 'after_activity' (straight after a routine or a walk: soreness).
    # Every rating made before this step was a rating of the day.
    db.table("entries").add_column("context", str, not_null_default="day")


@journal_migrations()
def m004_entries_by_day(db: SqliteUtilsDatabase) -> None:
    # The Journal's outline (entries, average pain and minutes per day) is read from this index alone, and
    # a block of days' entries is found through it: years of entries open in a blink.
    db.table("entries").create_index(["date", "entry", "value"], index_name="idx_entries_by_day")


# Migration sets of other features, applied in this order after the journal's own.
# Each module named here exposes a `migrations` object (a MigrationSet).
FEATURE_MIGRATION_MODULES: list[str] = ["sb_desktop.storage.goals", "sb_desktop.storage.sessions",
                                         "sb_desktop.storage.experiments", "sb_desktop.storage.calls",
                                         "sb_desktop.storage.safety", "sb_desktop.storage.routine_log"]

#: How many steps all these sets hold together. A profile that records exactly this many is up to date,
#: which opening it can tell without importing every feature's module (a few ms at each start).
#: Adding a step means raising this; tests/test_journal_store.py checks it against the sets.
STEP_COUNT = 11


def migration_sets() -> list[MigrationSet]:
    sets = [journal_migrations]
    for module_name in FEATURE_MIGRATION_MODULES:
        sets.append(importlib.import_module(module_name).migrations)
    return sets


def pending_migrations(db: Database) -> list[str]:
    if recorded_step_count(db) == STEP_COUNT:
        return []
    return [f"{s.name}:{name}" for s in migration_sets() for name in s.pending(db)]


def migrate(db: Database) -> None:
    for migration_set in migration_sets():
        migration_set.apply(db)

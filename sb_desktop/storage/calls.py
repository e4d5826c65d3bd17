"""Support calls on disk: one row for each call held, with what was agreed (migration set `sb_calls`)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sb_desktop.domain.calls import CallRecord
from sb_desktop.storage.database import Database
from sb_desktop.storage.migrations import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

migrations = MigrationSet("sb_calls")


@migrations()
def m001_support_calls(db: SqliteUtilsDatabase) -> None:
    db.table("support_calls").create(
        {"id": int, "held_on": str, "with_whom": str, "agreed": str, "notes": str, "next_call": str,
         "recorded_at": str},
        pk="id", not_null={"held_on", "with_whom", "agreed", "recorded_at"}, defaults={"notes": ""},
    )


_COLUMNS = "id, held_on, with_whom, agreed, notes, next_call, recorded_at"


def _record(row) -> CallRecord:
    id_, held, who, agreed, notes, following, recorded = row
    return CallRecord(dt.date.fromisoformat(held), who, agreed, notes or "",
                      dt.date.fromisoformat(following) if following else None, recorded, id_)


class CallStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, call: CallRecord) -> CallRecord:
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO support_calls (held_on, with_whom, agreed, notes, next_call, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [call.held_on.isoformat(), call.with_whom, call.agreed, call.notes,
                 call.next_call.isoformat() if call.next_call else None, call.recorded_at])
            call_id = cursor.lastrowid
        return next(r for r in self.records() if r.id == call_id)

    def records(self) -> list[CallRecord]:
        """Every call held, oldest first."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM support_calls ORDER BY held_on, id").fetchall()
        return [_record(row) for row in rows]

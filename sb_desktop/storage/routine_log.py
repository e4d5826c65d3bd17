"""Routines done, on disk (migration set `sb_routines`): one row for each routine followed, with effort and
soreness answers as JSON."""
from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from sb_desktop.domain.routine_log import RoutineDone, check_soreness, clean_effort
from sb_desktop.storage.database import Database
from sb_desktop.storage.migrations import MigrationSet

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlite_utils import Database as SqliteUtilsDatabase

migrations = MigrationSet("sb_routines")


@migrations()
def m001_routines_done(db: SqliteUtilsDatabase) -> None:
    db.table("routines_done").create(
        {"id": int, "date": str, "routine_id": str, "level": int, "route": str, "planned_seconds": int,
         "seconds_done": int, "completed": int, "effort": str, "soreness": str, "entry_id": int,
         "recorded_at": str},
        pk="id", not_null={"date", "routine_id", "level", "route", "planned_seconds", "seconds_done", "completed",
                           "effort", "recorded_at"},
        defaults={"effort": "{}"},
    )
    db.table("routines_done").create_index(["date"], index_name="idx_routines_done_by_day")


_COLUMNS = ("id, date, routine_id, level, route, planned_seconds, seconds_done, completed, effort, soreness, "
            "entry_id, recorded_at")


def _record(row) -> RoutineDone:
    (id_, day, routine_id, level, route, planned, done, completed, effort, soreness, entry_id, recorded) = row
    return RoutineDone(dt.date.fromisoformat(day), routine_id, level, route, planned, done, bool(completed),
                       json.loads(effort or "{}"), soreness, entry_id, recorded, id_)


class RoutineLog:
    def __init__(self, db: Database):
        self.db = db

    def add(self, run: RoutineDone) -> RoutineDone:
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO routines_done ({_COLUMNS.removeprefix('id, ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [run.date.isoformat(), run.routine_id, run.level, run.route, run.planned_seconds, run.seconds_done,
                 int(run.completed), json.dumps(dict(run.effort), sort_keys=True), run.soreness, run.entry_id,
                 run.recorded_at])
            run_id = cursor.lastrowid
        return self.get(run_id)

    def get(self, run_id: int) -> RoutineDone:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM routines_done WHERE id = ?", [run_id]).fetchone()
        if row is None:
            raise KeyError(run_id)
        return _record(row)

    def runs(self, start: dt.date | None = None, end: dt.date | None = None) -> list[RoutineDone]:
        """Routines done between `start` and `end` (inclusive, either open), oldest first."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM routines_done WHERE date >= ? AND date <= ? ORDER BY date, id",
            [start.isoformat() if start else "", end.isoformat() if end else "9999"]).fetchall()
        return [_record(row) for row in rows]

    def latest(self) -> RoutineDone | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM routines_done ORDER BY date DESC, id DESC LIMIT 1").fetchone()
        return None if row is None else _record(row)

    def set_effort(self, run_id: int, effort: Mapping[str, str]) -> RoutineDone:
        with self.db.atomic():
            self.db.execute("UPDATE routines_done SET effort = ? WHERE id = ?",
                            [json.dumps(clean_effort(effort), sort_keys=True), run_id])
        return self.get(run_id)

    def set_soreness(self, run_id: int, soreness: str | None) -> RoutineDone:
        with self.db.atomic():
            self.db.execute("UPDATE routines_done SET soreness = ? WHERE id = ?", [check_soreness(soreness), run_id])
        return self.get(run_id)

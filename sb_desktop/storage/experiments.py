"""The self-experiment on disk: one row per experiment planned, the newest the current one."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sb_desktop.domain.entries import now_iso
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.database import Database
from sb_desktop.storage.migrations import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

    from sb_desktop.domain.experiment import Experiment

# The experiment's domain module (its schedule and analysis) is imported only when there is an experiment to
# read or write: Today asks for the current one at every start, and most people never start one.

migrations = MigrationSet("sb_experiments")


@migrations()
def m001_experiments(db: SqliteUtilsDatabase) -> None:
    # The seed decides which week of each pair is the higher one; stored so the plan never changes.
    db.table("experiments").create({
        "id": int, "measure": str, "lower_target": int, "higher_target": int, "weeks": int, "start_date": str,
        "seed": int, "created_at": str, "stopped_on": str,
    }, pk="id", not_null={"measure", "lower_target", "higher_target", "weeks", "start_date", "seed", "created_at"})


_COLUMNS = "id, measure, lower_target, higher_target, weeks, start_date, seed, created_at, stopped_on"


def _experiment(row) -> Experiment:
    from sb_desktop.domain.experiment import Experiment

    id_, measure, lower, higher, weeks, start, seed, created, stopped = row
    return Experiment(measure=measure, lower=lower, higher=higher, weeks=weeks, start=dt.date.fromisoformat(start),
                      seed=seed, created_at=created, stopped_on=dt.date.fromisoformat(stopped) if stopped else None,
                      id=id_)


def _running() -> str:
    from sb_desktop.domain.experiment import RUNNING
    return RUNNING


class ExperimentRefused(UserError):
    pass


class ExperimentStore:
    def __init__(self, db: Database):
        self.db = db

    def current(self) -> Experiment | None:
        """The newest experiment (running, complete or stopped), or None."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM experiments ORDER BY id DESC LIMIT 1").fetchone()
        return _experiment(row) if row else None

    def history(self) -> list[Experiment]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM experiments ORDER BY id DESC").fetchall()
        return [_experiment(row) for row in rows]

    def start(self, experiment: Experiment, today: dt.date) -> Experiment:
        with self.db.atomic():
            current = self.current()
            if current is not None and current.state(today) == _running():
                raise ExperimentRefused(_("An experiment is already running (until {end}). Stop it first with "
                                          "'experiment stop'.").format(end=current.end.isoformat()))
            cursor = self.db.execute(
                "INSERT INTO experiments (measure, lower_target, higher_target, weeks, start_date, seed, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [experiment.measure, experiment.lower, experiment.higher, experiment.weeks,
                 experiment.start.isoformat(), experiment.seed, experiment.created_at or now_iso()])
            new_id = cursor.lastrowid
        row = self.db.execute(f"SELECT {_COLUMNS} FROM experiments WHERE id = ?", [new_id]).fetchone()
        return _experiment(row)

    def stop(self, today: dt.date) -> Experiment:
        with self.db.atomic():
            current = self.current()
            if current is None or current.state(today) != _running():
                raise ExperimentRefused(_("No experiment is running, so there is nothing to stop."))
            self.db.execute("UPDATE experiments SET stopped_on = ? WHERE id = ?", [today.isoformat(), current.id])
        stopped = self.current()
        if stopped is None:  # pragma: no cover - it was just there, inside the same transaction
            raise ExperimentRefused(_("The experiment could not be read back."))
        return stopped

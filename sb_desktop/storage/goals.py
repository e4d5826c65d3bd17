"""Goals and weekly reviews on disk, and this week's goal as Today shows it.

Questionnaires: storage/measures.py; everything the Goals page shows at once: storage/overview.py; red-flag
checks and the flare-up plan: storage/safety.py. The goals' migration creates all their tables.

Every write is one committed transaction before the method returns, so whatever the window
acknowledges (above all a red-flag answer) is on disk.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sb_desktop.domain.entries import ActivityEntry, clean_note, now_iso
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.goals import (
    Goal,
    WeekProgress,
    check_confidence,
    current_period_start,
    daily_minutes,
    review_due,
    week_progress,
)
from sb_desktop.i18n import _
from sb_desktop.storage.database import Database
from sb_desktop.storage.journal import JournalStore
from sb_desktop.storage.migrations import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

    from sb_desktop.domain.review import GoalReview

migrations = MigrationSet("sb_goals")


@migrations()
def m001_goal_tables(db: SqliteUtilsDatabase) -> None:
    db.table("goals").create({
        "id": int, "activity": str, "level": int, "days_per_week": int, "minutes": int, "unit": str,
        "repetitions": int, "start_date": str, "end_date": str, "created_at": str,
    }, pk="id", not_null={"activity", "level", "days_per_week", "minutes", "unit", "start_date", "created_at"})
    db.table("goal_reviews").create({
        "id": int, "goal_id": int, "period_start": str, "period_end": str, "computed_result": str, "result": str,
        "days_met": int, "days_active": int, "minutes_total": int, "barriers": str, "barrier_note": str,
        "decision": str, "feedback": str, "suggested_module": str, "new_goal_id": int, "safety_check_id": int,
        "reviewed_at": str,
    }, pk="id", foreign_keys=[("goal_id", "goals", "id")],
        not_null={"goal_id", "period_start", "period_end", "result", "decision", "reviewed_at"})
    db.table("goal_reviews").create_index(["goal_id", "period_end"])
    db.table("questionnaire_responses").create({
        "id": int, "questionnaire": str, "date": str, "answers": str, "score": float, "recorded_at": str,
    }, pk="id", not_null={"questionnaire", "date", "answers", "recorded_at"})
    db.table("questionnaire_responses").create_index(["questionnaire", "date"])
    db.table("safety_checks").create({
        "id": int, "context": str, "started_at": str, "answers": str, "escalation": str, "completed_at": str,
        "advice_shown_at": str, "advice_seen_at": str,
    }, pk="id", not_null={"context", "started_at", "answers", "escalation"})
    db.table("flare_plan").create({
        "id": int, "helps": str, "avoid": str, "contacts": str, "get_help": str, "updated_at": str,
    }, pk="id")


@migrations()
def m002_goal_plan(db: SqliteUtilsDatabase) -> None:
    # The plan that makes a goal likelier to happen: when and where (free text), which weekdays (comma-separated
    # 0-6, Monday first) and how sure the person was that they could do it (0-10). Goals set before this step
    # have none of these: NULL, shown as "not set".
    goals = db.table("goals")
    goals.add_column("plan_when", str)
    goals.add_column("plan_days", str)
    goals.add_column("confidence", int)


class GoalNotFound(UserError):
    pass


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _day(text: str) -> dt.date:
    """A date the table always holds (NOT NULL)."""
    return dt.date.fromisoformat(text)


_GOAL_COLUMNS = ("id, activity, level, days_per_week, minutes, unit, repetitions, start_date, end_date, created_at, "
                 "plan_when, plan_days, confidence")


def _goal(row) -> Goal:
    (id_, activity, level, days, minutes, unit, reps, start, end, created, plan_when, plan_days, confidence) = row
    return Goal(activity=activity, level=level, days_per_week=days, minutes=minutes, unit=unit, repetitions=reps,
                start_date=_day(start), end_date=_date(end), created_at=created, id=id_, plan_when=plan_when or None,
                plan_days=tuple(int(d) for d in plan_days.split(",")) if plan_days else (), confidence=confidence)


_REVIEW_COLUMNS = ("id, goal_id, period_start, period_end, computed_result, result, days_met, days_active, "
                   "minutes_total, barriers, barrier_note, decision, feedback, suggested_module, new_goal_id, "
                   "safety_check_id, reviewed_at")


def _review(row) -> GoalReview:
    from sb_desktop.domain.review import GoalReview  # here: Today's goal summary never reads a review

    (id_, goal_id, start, end, computed, result, met, active, total, barriers, note, decision, feedback, module,
     new_goal_id, check_id, reviewed_at) = row
    return GoalReview(goal_id=goal_id, period_start=_day(start), period_end=_day(end), computed_result=computed,
                      result=result, days_met=met, days_active=active, minutes_total=total,
                      barriers=tuple(json.loads(barriers or "[]")), barrier_note=note or "", decision=decision,
                      feedback=feedback or "", suggested_module=module, new_goal_id=new_goal_id,
                      safety_check_id=check_id, reviewed_at=reviewed_at, id=id_)


class GoalStore:
    """Goals and their weekly reviews."""

    def __init__(self, db: Database):
        self.db = db

    def current_goal(self) -> Goal | None:
        row = self.db.execute(f"SELECT {_GOAL_COLUMNS} FROM goals WHERE end_date IS NULL ORDER BY id DESC LIMIT 1").fetchone()
        return _goal(row) if row else None

    def goals(self) -> list[Goal]:
        """Every goal, newest first."""
        rows = self.db.execute(f"SELECT {_GOAL_COLUMNS} FROM goals ORDER BY start_date DESC, id DESC").fetchall()
        return [_goal(row) for row in rows]

    def get(self, goal_id: int) -> Goal:
        row = self.db.execute(f"SELECT {_GOAL_COLUMNS} FROM goals WHERE id = ?", [goal_id]).fetchone()
        if row is None:
            raise GoalNotFound(_("There is no goal with id {id}.").format(id=goal_id))
        return _goal(row)

    def set_goal(self, goal: Goal) -> Goal:
        """Make `goal` the current one from its start date; the previous goal ends the day before."""
        with self.db.atomic():
            new_id = self._replace_current(goal)
        return self.get(new_id)

    def _replace_current(self, goal: Goal) -> int:
        current = self.current_goal()
        if current is not None:
            end = max(current.start_date, goal.start_date - dt.timedelta(days=1))
            self.db.execute("UPDATE goals SET end_date = ? WHERE id = ?", [end.isoformat(), current.id])
        cursor = self.db.execute(
            "INSERT INTO goals (activity, level, days_per_week, minutes, unit, repetitions, start_date, created_at, "
            "plan_when, plan_days, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [goal.activity, goal.level, goal.days_per_week, goal.minutes, goal.unit, goal.repetitions,
             goal.start_date.isoformat(), goal.created_at or now_iso(), goal.plan_when,
             ",".join(str(d) for d in goal.plan_days) or None, goal.confidence])
        return cursor.lastrowid

    def add_review(self, review: GoalReview, new_goal: Goal | None = None, *,
                   kept_confidence: int | None = None) -> GoalReview:
        """Record a review and, when the goal changes, start the new goal (with its confidence rating): all in
        one transaction. When the goal is kept, no new goal starts: the same goal carries on, and
        `kept_confidence` (how sure the person is of it for the coming week, 0-10) is stored on it; None
        leaves its rating as it was."""
        kept_confidence = check_confidence(kept_confidence)
        if new_goal is not None and kept_confidence is not None:
            raise ValueError("a rating for a kept goal, but the review starts a new goal")
        with self.db.atomic():
            new_goal_id = self._replace_current(new_goal) if new_goal is not None else None
            if kept_confidence is not None:
                self.db.execute("UPDATE goals SET confidence = ? WHERE id = ?", [kept_confidence, review.goal_id])
            cursor = self.db.execute(
                f"INSERT INTO goal_reviews ({_REVIEW_COLUMNS.removeprefix('id, ')}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [review.goal_id, review.period_start.isoformat(), review.period_end.isoformat(), review.computed_result,
                 review.result, review.days_met, review.days_active, review.minutes_total, json.dumps(list(review.barriers)),
                 clean_note(review.barrier_note), review.decision, review.feedback, review.suggested_module,
                 new_goal_id, review.safety_check_id, review.reviewed_at or now_iso()])
            review_id = cursor.lastrowid
        return self.reviews_where("id = ?", [review_id])[0]

    def reviews(self) -> list[GoalReview]:
        """Every review, newest first."""
        return self.reviews_where("1", [])

    def reviews_where(self, clause: str, params: list) -> list[GoalReview]:
        rows = self.db.execute(f"SELECT {_REVIEW_COLUMNS} FROM goal_reviews WHERE {clause} "
                               "ORDER BY period_end DESC, id DESC", params).fetchall()
        return [_review(row) for row in rows]

    def last_reviewed_end(self, goal: Goal) -> dt.date | None:
        """End of the latest week reviewed for this goal (a new goal from a review starts the day after)."""
        row = self.db.execute("SELECT max(period_end) FROM goal_reviews WHERE goal_id = ?", [goal.id]).fetchone()
        return _date(row[0]) if row and row[0] else None


@dataclass(frozen=True)
class GoalWeek:
    """The current goal and how its week is going: what Today's summary and the reminders need."""

    goal: Goal | None
    week: WeekProgress | None
    review_is_due: bool


def load_goal_week(db: Database, journal: JournalStore, today: dt.date) -> GoalWeek:
    goals = GoalStore(db)
    goal = goals.current_goal()
    if goal is None:
        return GoalWeek(None, None, False)
    start = current_period_start(goal, goals.last_reviewed_end(goal), today)
    end = start + dt.timedelta(days=6)
    entries = [e for e in journal.entries(start, end, kind="activity") if isinstance(e, ActivityEntry)]
    routines = None
    if goal.is_routine:   # counted from the routines followed to the end, at the goal's level or above
        from sb_desktop.domain.routine_log import routines_by_day
        from sb_desktop.storage.routine_log import RoutineLog
        routines = routines_by_day(RoutineLog(db).runs(start, end), level=goal.level)
    week = week_progress(goal, start, daily_minutes(entries, goal.journal_kind), today, routines)
    return GoalWeek(goal, week, review_due(start, today))


def load_effort_signals(db: Database, journal: JournalStore, goal: Goal, start: dt.date, end: dt.date):
    """How the goal week felt (routine effort and soreness, activity effort, pain after activity): what the
    suggestion for next week's goal is decided from (domain/progression.py)."""
    from sb_desktop.domain.progression import effort_signals
    from sb_desktop.storage.routine_log import RoutineLog
    return effort_signals(goal, RoutineLog(db).runs(start, end), journal.entries(start, end))

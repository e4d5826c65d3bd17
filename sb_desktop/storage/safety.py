"""Red-flag checks and the flare-up plan on disk (their tables are created by the goals' migrations).

Every write is one committed transaction before the method returns: a red-flag answer the window
acknowledged is on disk.
"""
from __future__ import annotations

import json

from sb_desktop.domain.entries import clean_note, now_iso
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.safety import FIRST_START, NONE, FlarePlan, SafetyCheck, escalation, is_higher
from sb_desktop.i18n import _
from sb_desktop.storage.database import Database

_CHECK_COLUMNS = "id, context, started_at, answers, escalation, completed_at, advice_shown_at, advice_seen_at"


def _check(row) -> SafetyCheck:
    id_, context, started, answers, level, completed, shown, seen = row
    return SafetyCheck(context=context, started_at=started, answers=json.loads(answers), escalation=level,
                       completed_at=completed, advice_shown_at=shown, advice_seen_at=seen, id=id_)


class SafetyStore:
    """Red-flag checks: each answer is written, with its time, the moment it is given."""

    def __init__(self, db: Database):
        self.db = db

    def start_check(self, context: str, *, at: str | None = None) -> SafetyCheck:
        with self.db.atomic():
            cursor = self.db.execute("INSERT INTO safety_checks (context, started_at, answers, escalation) VALUES (?, ?, ?, ?)",
                                     [context, at or now_iso(), "{}", NONE])
            check_id = cursor.lastrowid
        return self.get(check_id)

    def get(self, check_id: int) -> SafetyCheck:
        row = self.db.execute(f"SELECT {_CHECK_COLUMNS} FROM safety_checks WHERE id = ?", [check_id]).fetchone()
        if row is None:
            raise UserError(_("There is no red-flag check with id {id}.").format(id=check_id))
        return _check(row)

    def record_answer(self, check_id: int, question_id: str, yes: bool, *, at: str | None = None) -> SafetyCheck:
        """Store one answer. A "yes" raises the check's escalation (it never lowers it: an answer changed
        back to "no" keeps the advice on record as shown)."""
        with self.db.atomic():
            check = self.get(check_id)
            answers = dict(check.answers)
            answers[question_id] = {"yes": bool(yes), "at": at or now_iso()}
            level = escalation({q: a["yes"] for q, a in answers.items()})
            if not is_higher(level, check.escalation):
                level = check.escalation
            self.db.execute("UPDATE safety_checks SET answers = ?, escalation = ? WHERE id = ?",
                            [json.dumps(answers), level, check_id])
        return self.get(check_id)

    def mark_advice_shown(self, check_id: int, *, at: str | None = None) -> SafetyCheck:
        return self._stamp(check_id, "advice_shown_at", at)

    def mark_advice_seen(self, check_id: int, *, at: str | None = None) -> SafetyCheck:
        return self._stamp(check_id, "advice_seen_at", at)

    def complete(self, check_id: int, *, at: str | None = None) -> SafetyCheck:
        return self._stamp(check_id, "completed_at", at)

    def _stamp(self, check_id: int, column: str, at: str | None) -> SafetyCheck:
        with self.db.atomic():
            self.db.execute(f"UPDATE safety_checks SET {column} = ? WHERE id = ?", [at or now_iso(), check_id])
        return self.get(check_id)

    def checks(self) -> list[SafetyCheck]:
        """Every check, newest first."""
        rows = self.db.execute(f"SELECT {_CHECK_COLUMNS} FROM safety_checks ORDER BY id DESC").fetchall()
        return [_check(row) for row in rows]

    def has_completed(self, context: str | None = None) -> bool:
        sql = "SELECT 1 FROM safety_checks WHERE completed_at IS NOT NULL"
        params = []
        if context:
            sql += " AND context = ?"
            params.append(context)
        return self.db.execute(sql + " LIMIT 1", params).fetchone() is not None

    def pending_advice(self) -> SafetyCheck | None:
        """The latest check whose advice was never confirmed as seen (e.g. the app closed first)."""
        for check in self.checks():
            if check.advice_pending:
                return check
        return None

    def first_start_due(self) -> tuple[bool, SafetyCheck | None]:
        """(whether to ask the first-start questions, a check to resume): asked until one is finished;
        advice never confirmed as seen is shown again."""
        pending = self.pending_advice()
        if pending is not None:
            return True, pending
        return not self.has_completed(FIRST_START), None


class FlarePlanStore:
    def __init__(self, db: Database):
        self.db = db

    def get(self) -> FlarePlan:
        row = self.db.execute("SELECT helps, avoid, contacts, get_help, updated_at FROM flare_plan WHERE id = 1").fetchone()
        return FlarePlan(*row) if row else FlarePlan()

    def save(self, plan: FlarePlan) -> FlarePlan:
        fields = [clean_note(plan.helps), clean_note(plan.avoid), clean_note(plan.contacts), clean_note(plan.get_help)]
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO flare_plan (id, helps, avoid, contacts, get_help, updated_at) VALUES (1, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET helps = excluded.helps, avoid = excluded.avoid, "
                "contacts = excluded.contacts, get_help = excluded.get_help, updated_at = excluded.updated_at",
                [*fields, now_iso()])
        return self.get()

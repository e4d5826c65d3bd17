"""Red-flag checks, escalations and the flare-up plan on disk.

The checks' and the plan's tables are created by the goals' migrations; escalations (an emergency or urgent
answer and what happened after it) by this module's own set. Every write is one committed transaction
before the method returns (a savepoint inside a caller's unit of work): a red-flag answer the window
acknowledged is on disk.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sb_desktop.domain.entries import clean_note, now_iso
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.safety import (
    ASSESSED,
    ESCALATING,
    FIRST_START,
    NONE,
    OUTCOMES,
    WEEKLY,
    Escalation,
    EscalationEvent,
    FlarePlan,
    SafetyCheck,
    SafetyStatus,
    escalation,
    highest,
    is_higher,
    question_by_id,
    questions_for_check,
)
from sb_desktop.i18n import _
from sb_desktop.storage.database import Database
from sb_desktop.storage.migrations import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

migrations = MigrationSet("sb_safety")


@migrations()
def m001_escalations(db: SqliteUtilsDatabase) -> None:
    # One row per escalation; its questions and every later event (corrections, "not yet", "assessed")
    # are kept as rows of their own so the history reads as it happened.
    db.table("safety_escalations").create({
        "id": int, "level": str, "opened_at": str, "closed_at": str, "closed_how": str,
    }, pk="id", not_null={"level", "opened_at"})
    db.table("safety_escalation_events").create({
        "id": int, "escalation_id": int, "kind": str, "at": str, "check_id": int, "question_id": str,
    }, pk="id", not_null={"escalation_id", "kind", "at"})
    db.table("safety_escalation_events").create_index(["escalation_id"])

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
        """Store one answer. A "yes" raises the check's recorded level (it never lowers it: an answer changed
        back to "no" keeps the advice on record as shown) and opens or raises the escalation at once. A "yes"
        changed to "no" is a correction: both answers stay on record with their times, and the question no
        longer holds the escalation open."""
        question = question_by_id(question_id)   # KeyError for an unknown id, before anything is written
        at = at or now_iso()
        with self.db.atomic():
            check = self.get(check_id)
            answers = dict(check.answers)
            previous = answers.get(question_id)
            entry = {"yes": bool(yes), "at": at}
            if previous is not None:
                earlier = list(previous.get("earlier", ()))
                earlier.append({"yes": previous["yes"], "at": previous["at"]})
                entry["earlier"] = earlier
            answers[question_id] = entry
            level = escalation({q: a["yes"] for q, a in answers.items()})
            if not is_higher(level, check.escalation):
                level = check.escalation
            self.db.execute("UPDATE safety_checks SET answers = ?, escalation = ? WHERE id = ?",
                            [json.dumps(answers), level, check_id])
            if question.level in ESCALATING:
                if yes and not (previous and previous["yes"]):
                    self._escalate(check_id, question_id, question.level, at)
                elif not yes and previous and previous["yes"]:
                    self._correct(check_id, question_id, at)
        return self.get(check_id)

    # --- escalations ---

    def _escalate(self, check_id: int, question_id: str, level: str, at: str) -> None:
        current = self.open_escalation()
        if current is None:
            cursor = self.db.execute("INSERT INTO safety_escalations (level, opened_at) VALUES (?, ?)", [level, at])
            escalation_id, kind = cursor.lastrowid, "opened"
        else:
            escalation_id, kind = current.id, "raised"
            if is_higher(level, current.level):
                self.db.execute("UPDATE safety_escalations SET level = ? WHERE id = ?", [level, escalation_id])
        self._event(escalation_id, kind, at, check_id, question_id)

    def _correct(self, check_id: int, question_id: str, at: str) -> None:
        current = self.open_escalation()
        if current is None or question_id not in current.question_ids:
            return
        self._event(current.id, "corrected", at, check_id, question_id)
        left = self.get_escalation(current.id).question_ids
        if not left:
            self.db.execute("UPDATE safety_escalations SET closed_at = ?, closed_how = ? WHERE id = ?",
                            [at, "corrected", current.id])
        else:
            self.db.execute("UPDATE safety_escalations SET level = ? WHERE id = ?",
                            [highest([question_by_id(q).level for q in left]), current.id])

    def _event(self, escalation_id: int, kind: str, at: str, check_id: int | None = None,
               question_id: str | None = None) -> None:
        self.db.execute("INSERT INTO safety_escalation_events (escalation_id, kind, at, check_id, question_id) "
                        "VALUES (?, ?, ?, ?, ?)", [escalation_id, kind, at, check_id, question_id])

    def get_escalation(self, escalation_id: int) -> Escalation:
        row = self.db.execute("SELECT id, level, opened_at, closed_at, closed_how FROM safety_escalations WHERE id = ?",
                              [escalation_id]).fetchone()
        if row is None:
            raise UserError(_("There is no escalation with id {id}.").format(id=escalation_id))
        events = tuple(EscalationEvent(kind, at, question) for kind, at, question in self.db.execute(
            "SELECT kind, at, question_id FROM safety_escalation_events WHERE escalation_id = ? ORDER BY id",
            [escalation_id]).fetchall())
        held: list[str] = []
        for event in events:
            if event.kind in ("opened", "raised") and event.question_id and event.question_id not in held:
                held.append(event.question_id)
            elif event.kind == "corrected" and event.question_id in held:
                held.remove(event.question_id)
        id_, level, opened, closed, how = row
        return Escalation(id=id_, level=level, question_ids=tuple(held), opened_at=opened, closed_at=closed,
                          closed_how=how, events=events)

    def open_escalation(self) -> Escalation | None:
        row = self.db.execute("SELECT id FROM safety_escalations WHERE closed_at IS NULL ORDER BY id DESC LIMIT 1"
                              ).fetchone()
        return self.get_escalation(row[0]) if row else None

    def escalations(self) -> list[Escalation]:
        """Every escalation, newest first."""
        rows = self.db.execute("SELECT id FROM safety_escalations ORDER BY id DESC").fetchall()
        return [self.get_escalation(row[0]) for row in rows]

    def resolve(self, outcome: str, *, at: str | None = None) -> Escalation:
        """Record what happened about the open escalation: "assessed" closes it; "not-yet" keeps it open."""
        if outcome not in OUTCOMES:
            raise UserError(_("The outcome must be 'assessed' or 'not-yet'."))
        current = self.open_escalation()
        if current is None:
            raise UserError(_("There is no open safety notice to update."))
        at = at or now_iso()
        with self.db.atomic():
            self._event(current.id, outcome, at)
            if outcome == ASSESSED:
                self.db.execute("UPDATE safety_escalations SET closed_at = ?, closed_how = ? WHERE id = ?",
                                [at, ASSESSED, current.id])
        return self.get_escalation(current.id)

    def status(self) -> SafetyStatus:
        return SafetyStatus(first_check_complete=self.has_completed(FIRST_START),
                            open_escalation=self.open_escalation())

    def record_check(self, answers: dict[str, bool], *, at: str | None = None) -> SafetyCheck:
        """Record a whole check at once (the command line): the first check while none is complete, else a
        weekly one. It is complete when every question of its kind is answered; the advice counts as shown
        and seen (it is printed)."""
        context = FIRST_START if not self.has_completed(FIRST_START) else WEEKLY
        for question_id in answers:
            question_by_id(question_id)
        at = at or now_iso()
        with self.db.atomic():
            check_id = self.start_check(context, at=at).id
            assert check_id is not None   # a stored check always has its id
            for question_id, yes in answers.items():
                check = self.record_answer(check_id, question_id, yes, at=at)
            if check.escalation != NONE:
                self._stamp(check_id, "advice_shown_at", at)
                self._stamp(check_id, "advice_seen_at", at)
            if all(q.id in answers for q in questions_for_check(context)):
                self._stamp(check_id, "completed_at", at)
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
        if self.has_completed(FIRST_START):
            return False, None
        # "Ask me later" keeps the answers given so far: the same check is picked up again.
        unfinished = next((c for c in self.checks() if c.context == FIRST_START and c.completed_at is None
                           and c.answers), None)
        return True, unfinished


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

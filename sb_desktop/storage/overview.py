"""Everything the Goals page, `goals --json` and the report show about the programme, read in one go."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sb_desktop.domain.function_check import FUNCTION_CHECK, FunctionCheckResult
from sb_desktop.domain.goals import Goal, WeekProgress, next_step
from sb_desktop.domain.measures import GROC, PsfsPoint, QuestionnaireResponse, groc_due, psfs_history
from sb_desktop.domain.progression import EffortSignals, Suggestion, suggest_next
from sb_desktop.storage.database import Database
from sb_desktop.storage.goals import GoalStore, load_effort_signals, load_goal_week
from sb_desktop.storage.journal import JournalStore
from sb_desktop.storage.measures import QuestionnaireStore


@dataclass(frozen=True)
class GoalOverview:
    """Everything the Goals page and `goals --json` show, read in one go."""

    today: dt.date
    goal: Goal | None
    week: WeekProgress | None
    review_is_due: bool
    function_check: FunctionCheckResult | None
    psfs: tuple[PsfsPoint, ...]
    groc: tuple[QuestionnaireResponse, ...]
    groc_week_due: int | None
    programme_start: dt.date | None
    next_step: str
    effort: EffortSignals | None = None     # how the goal week felt (routine effort, soreness, activity effort)
    weeks_reviewed: int = 0                 # reviews done so far, of any goal

    def suggestion(self, step_up_allowed: bool) -> Suggestion | None:
        """What to suggest for next week's goal from this goal week so far (the weekly review's own rule)."""
        if self.goal is None or self.week is None:
            return None
        return suggest_next(self.week.result, self.goal, self.effort, step_up_allowed=step_up_allowed,
                            week_over=self.review_is_due)


def load_overview(db: Database, journal: JournalStore, today: dt.date | None = None) -> GoalOverview:
    today = today or dt.date.today()
    goals, answers = GoalStore(db), QuestionnaireStore(db)
    current = load_goal_week(db, journal, today)
    goal, week, due = current.goal, current.week, current.review_is_due
    check = answers.latest(FUNCTION_CHECK)
    function_check = FunctionCheckResult.from_dict(check.answers) if check else None
    responses = answers.responses()
    starts = [g.start_date for g in goals.goals()] + ([check.date] if check else [])
    programme_start = min(starts) if starts else None
    groc_week = groc_due(programme_start, today, responses)
    psfs = tuple(psfs_history(responses))
    effort = None if week is None or goal is None else load_effort_signals(db, journal, goal, week.start, week.end)
    return GoalOverview(
        today=today, goal=goal, week=week, review_is_due=due, function_check=function_check, psfs=psfs,
        groc=tuple(r for r in responses if r.questionnaire == GROC), groc_week_due=groc_week,
        programme_start=programme_start,
        next_step=next_step(has_function_check=function_check is not None, goal=goal, review_is_due=due,
                            has_psfs=bool(psfs), groc_week=groc_week),
        effort=effort, weeks_reviewed=len(goals.reviews()),
    )

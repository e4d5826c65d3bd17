"""Activity goals: programme levels, validation, and progress computed from the journal."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from sb_desktop.domain.entries import ActivityEntry, now_iso
from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _, ngettext

WALKING, EXERCISES = "walking", "exercises"
ACTIVITIES = (WALKING, EXERCISES)
# Which journal activity kind counts towards which goal (routine-recorded sessions are "exercise").
JOURNAL_KIND = {WALKING: "walk", EXERCISES: "exercise"}
MINUTES, REPETITIONS = "minutes", "repetitions"
DAYS_RANGE = (3, 5)          # the programme suggests 3 to 5 days a week
MAX_GOAL_MINUTES = 180
MAX_REPETITIONS = 100

MET, PARTLY, NOT_MET = "met", "partly", "not_met"
RESULTS = (MET, PARTLY, NOT_MET)


@dataclass(frozen=True)
class ProgrammeLevel:
    """One step of the walking or back-exercise programme, with its suggested minutes a day."""

    activity: str
    level: int
    name: str
    min_minutes: int
    max_minutes: int
    description: str


def _levels() -> dict[str, tuple[ProgrammeLevel, ...]]:
    # Built-in defaults; the content pack's "programmes" section carries the same numbers.
    return {
        WALKING: (
            ProgrammeLevel(WALKING, 0, _("Very gentle start"), 2, 5,
                           _("Short walks around the home, holding on to furniture or a stick if that helps.")),
            ProgrammeLevel(WALKING, 1, _("Gentle"), 5, 10, _("Short walks, indoors or just outside.")),
            ProgrammeLevel(WALKING, 2, _("Building"), 10, 20, _("Walks to the end of the street and back, or a little further.")),
            ProgrammeLevel(WALKING, 3, _("Steady"), 20, 30, _("A steady walk most days, at a pace that feels comfortable.")),
            ProgrammeLevel(WALKING, 4, _("Active"), 30, 45, _("Longer walks, perhaps a little brisker or with some hills.")),
        ),
        EXERCISES: (
            ProgrammeLevel(EXERCISES, 0, _("Lying and chair-based"), 5, 10,
                           _("Gentle movements lying on a bed or sitting in a chair.")),
            ProgrammeLevel(EXERCISES, 1, _("Gentle floor and standing"), 10, 15,
                           _("Easy stretches on the floor or standing, holding a worktop if you like.")),
            ProgrammeLevel(EXERCISES, 2, _("Building"), 15, 20, _("A fuller set of back exercises, a few more of each.")),
            ProgrammeLevel(EXERCISES, 3, _("Stronger"), 20, 30, _("Stronger exercises that build strength and stamina.")),
        ),
    }


def programme_levels(activity: str) -> tuple[ProgrammeLevel, ...]:
    if activity not in ACTIVITIES:
        raise ValidationError(_("'{activity}' is not a goal activity; choose walking or exercises.").format(activity=activity))
    return _levels()[activity]


def level_info(activity: str, level: int) -> ProgrammeLevel:
    levels = programme_levels(activity)
    if not 0 <= level < len(levels):
        raise ValidationError(_("Level {level} does not exist for {activity}; choose 0 to {top}.").format(
            level=level, activity=activity_label(activity), top=len(levels) - 1))
    return levels[level]


def activity_label(activity: str) -> str:
    return {WALKING: _("walking"), EXERCISES: _("back exercises")}.get(activity, activity)


@dataclass(frozen=True)
class Goal:
    """A weekly activity goal: on `days_per_week` days, do `minutes` (or `repetitions`) of the activity."""

    activity: str
    level: int
    days_per_week: int
    minutes: int
    start_date: dt.date
    unit: str = MINUTES
    repetitions: int | None = None
    end_date: dt.date | None = None
    created_at: str = ""
    id: int | None = None

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def journal_kind(self) -> str:
        return JOURNAL_KIND[self.activity]

    def describe(self) -> str:
        if self.unit == REPETITIONS:
            amount = ngettext("{n} repetition", "{n} repetitions", self.repetitions or 0).format(
                n=self.repetitions)
        else:
            amount = ngettext("{n} minute", "{n} minutes", self.minutes).format(n=self.minutes)
        return ngettext("{activity}: {amount} on {days} day a week", "{activity}: {amount} on {days} days a week",
                        self.days_per_week).format(activity=activity_label(self.activity).capitalize(), amount=amount,
                                                   days=self.days_per_week)


def _whole(value, label: str, low: int, high: int) -> int:
    try:
        number = int(value)
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError(_("{label} must be a whole number.").format(label=label)) from None
    if not low <= number <= high:
        raise ValidationError(_("{label} must be between {low} and {high}.").format(label=label, low=low, high=high))
    return number


def make_goal(activity: str, level, days_per_week, minutes, *, start_date: dt.date | None = None,
              unit: str = MINUTES, repetitions=None, allowed_levels: tuple[int, int] | None = None,
              created_at: str | None = None) -> Goal:
    """Validate a goal the person chose. `allowed_levels` is the function check's range (inclusive)."""
    info = level_info(activity, _whole(level, _("Level"), 0, 99))
    if allowed_levels is not None and not allowed_levels[0] <= info.level <= allowed_levels[1]:
        raise ValidationError(_("Choose a level from {low} to {high}, the range your function check suggested.").format(
            low=allowed_levels[0], high=allowed_levels[1]))
    if unit not in (MINUTES, REPETITIONS):
        raise ValidationError(_("A goal is counted in minutes or repetitions."))
    reps = _whole(repetitions, _("Repetitions"), 1, MAX_REPETITIONS) if unit == REPETITIONS else None
    return Goal(
        activity=activity,
        level=info.level,
        days_per_week=_whole(days_per_week, _("Days a week"), 1, 7),
        minutes=_whole(minutes, _("Minutes"), 1, MAX_GOAL_MINUTES),
        start_date=start_date or dt.date.today(),
        unit=unit,
        repetitions=reps,
        created_at=created_at or now_iso(),
    )


def default_goal_values(activity: str, level: int) -> tuple[int, int]:
    """(days a week, minutes) to pre-fill the goal form at a level: the low end of both ranges."""
    return DAYS_RANGE[0], level_info(activity, level).min_minutes


# --- progress from the journal ---

def daily_minutes(entries: Iterable[ActivityEntry], journal_kind: str) -> dict[dt.date, int]:
    """Total minutes per day of one activity kind, from activity entries (any source)."""
    totals: dict[dt.date, int] = {}
    for entry in entries:
        if isinstance(entry, ActivityEntry) and entry.kind == journal_kind:
            totals[entry.date] = totals.get(entry.date, 0) + entry.minutes
    return totals


@dataclass(frozen=True)
class DayProgress:
    date: dt.date
    minutes: int
    met: bool
    future: bool


@dataclass(frozen=True)
class WeekProgress:
    """How one goal week (7 days from `start`) is going, or went."""

    goal: Goal
    start: dt.date
    days: tuple[DayProgress, ...]

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def days_met(self) -> int:
        return sum(day.met for day in self.days)

    @property
    def days_active(self) -> int:
        return sum(day.minutes > 0 for day in self.days)

    @property
    def minutes_total(self) -> int:
        return sum(day.minutes for day in self.days)

    @property
    def target_days(self) -> int:
        return self.goal.days_per_week

    @property
    def days_left(self) -> int:
        return sum(day.future for day in self.days)

    @property
    def result(self) -> str:
        """met: the goal was reached on enough days; partly: some activity; not_met: none recorded."""
        if self.days_met >= self.target_days:
            return MET
        if self.days_active > 0:
            return PARTLY
        return NOT_MET

    @property
    def fraction(self) -> float:
        return min(1.0, self.days_met / self.target_days) if self.target_days else 0.0


def day_met(goal: Goal, minutes: int) -> bool:
    # Repetitions are not in the journal, so a logged session of the right kind counts that day.
    if goal.unit == REPETITIONS:
        return minutes > 0
    return minutes >= goal.minutes


def week_progress(goal: Goal, start: dt.date, minutes_by_day: Mapping[dt.date, int], today: dt.date) -> WeekProgress:
    days = []
    for offset in range(7):
        date = start + dt.timedelta(days=offset)
        minutes = minutes_by_day.get(date, 0)
        days.append(DayProgress(date, minutes, day_met(goal, minutes), date > today))
    return WeekProgress(goal, start, tuple(days))


def current_period_start(goal: Goal, last_reviewed_end: dt.date | None, today: dt.date | None = None) -> dt.date:
    """Start of the goal week to show or review: weeks are anchored on the goal's start (or the last review).

    When reviews were missed for a while, it moves on to the latest complete week, so a review is
    always about the week just gone rather than one long past."""
    start = goal.start_date if last_reviewed_end is None else max(goal.start_date, last_reviewed_end + dt.timedelta(days=1))
    if today is not None:
        weeks_over = (today - start).days // 7
        if weeks_over > 1:
            start += dt.timedelta(days=7 * (weeks_over - 1))
    return start


def review_due(period_start: dt.date, today: dt.date) -> bool:
    """A weekly review is due once the whole 7-day goal week is over."""
    return today >= period_start + dt.timedelta(days=7)


# --- changing a goal after a review ---

KEEP, STEP_UP, LOWER = "keep", "step_up", "lower"
DECISIONS = (KEEP, STEP_UP, LOWER)


def stepped_up(goal: Goal) -> Goal:
    """A slightly bigger goal: more minutes within the level, then a day more, then the next level."""
    info = level_info(goal.activity, goal.level)
    levels = programme_levels(goal.activity)
    if goal.unit == REPETITIONS:
        return _replace(goal, repetitions=min(MAX_REPETITIONS, (goal.repetitions or 0) + 2))
    if goal.minutes < info.max_minutes:
        step = max(1, math.ceil((info.max_minutes - info.min_minutes) / 2))
        return _replace(goal, minutes=min(info.max_minutes, goal.minutes + step))
    if goal.days_per_week < DAYS_RANGE[1]:
        return _replace(goal, days_per_week=goal.days_per_week + 1)
    if goal.level + 1 < len(levels):
        nxt = levels[goal.level + 1]
        return _replace(goal, level=nxt.level, minutes=nxt.min_minutes, days_per_week=DAYS_RANGE[0])
    return goal


def lowered(goal: Goal) -> Goal:
    """A smaller, easier goal: fewer minutes within the level, then fewer days, then the level below."""
    info = level_info(goal.activity, goal.level)
    if goal.unit == REPETITIONS:
        return _replace(goal, repetitions=max(1, (goal.repetitions or 2) - 2))
    if goal.minutes > info.min_minutes:
        step = max(1, math.ceil((info.max_minutes - info.min_minutes) / 2))
        return _replace(goal, minutes=max(info.min_minutes, goal.minutes - step))
    if goal.days_per_week > 2:
        return _replace(goal, days_per_week=goal.days_per_week - 1)
    if goal.level > 0:
        below = level_info(goal.activity, goal.level - 1)
        return _replace(goal, level=below.level, minutes=below.max_minutes, days_per_week=DAYS_RANGE[0])
    return _replace(goal, minutes=max(1, goal.minutes - 1))


def apply_decision(goal: Goal, decision: str) -> Goal:
    if decision == STEP_UP:
        return stepped_up(goal)
    if decision == LOWER:
        return lowered(goal)
    if decision == KEEP:
        return goal
    raise ValidationError(_("Choose keep, step up or lower."))


def _replace(goal: Goal, **changes) -> Goal:
    return replace(goal, id=None, end_date=None, **changes)


# --- what to do next (shown on the Goals page) ---

FUNCTION_CHECK, SET_GOAL, WEEKLY_REVIEW, RATE_PSFS, RATE_GROC, KEEP_GOING = (
    "function_check", "set_goal", "weekly_review", "psfs", "groc", "keep_going")


def next_step(*, has_function_check: bool, goal: Goal | None, review_is_due: bool, has_psfs: bool,
              groc_week: int | None) -> str:
    """The one thing to suggest next, in programme order."""
    if not has_function_check and goal is None:
        return FUNCTION_CHECK
    if goal is None:
        return SET_GOAL
    if review_is_due:
        return WEEKLY_REVIEW
    if groc_week is not None:
        return RATE_GROC
    if not has_psfs:
        return RATE_PSFS
    return KEEP_GOING


def week_progress_text(days_met: int, target_days: int, days_left: int) -> str:
    """How the goal week is going, in words; says plainly when the goal was passed, not '7 of 4 days'."""
    if days_met >= target_days:
        return ngettext("Goal reached on {met} day, your goal was {target}.",
                        "Goal reached on {met} days, your goal was {target}.", days_met).format(
            met=days_met, target=target_days)
    if days_left:
        return _("Goal reached on {met} of {target} days so far; {left} days left in this goal week.").format(
            met=days_met, target=target_days, left=days_left)
    return _("Goal reached on {met} of {target} days.").format(met=days_met, target=target_days)

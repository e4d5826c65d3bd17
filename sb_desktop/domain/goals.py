"""Activity goals: programme levels, validation, and progress computed from the journal."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from sb_desktop.domain.entries import ActivityEntry, now_iso
from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _, ngettext

WALKING, EXERCISES, ROUTINE = "walking", "exercises", "routine"
ACTIVITIES = (WALKING, EXERCISES, ROUTINE)
# Which journal activity kind counts towards which goal (routine-recorded sessions are "exercise").
# A routine goal counts routines followed to the end (profile.routine_log), not journal minutes; its
# journal kind is still "exercise", for the minutes shown beside it.
JOURNAL_KIND = {WALKING: "walk", EXERCISES: "exercise", ROUTINE: "exercise"}
MINUTES, REPETITIONS, ROUTINES = "minutes", "repetitions", "routines"
# How sure the person is that they can do the goal, 0-10; under this, the app offers a smaller goal.
CONFIDENCE_AIM = 7
MAX_PLAN_LENGTH = 200
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
        raise ValidationError(_("'{activity}' is not a goal activity; choose walking, exercises or routine.").format(
            activity=activity))
    if activity == ROUTINE:   # the guided routines follow the back-exercise levels, one routine a level
        return tuple(replace(level, activity=ROUTINE) for level in _levels()[EXERCISES])
    return _levels()[activity]


def level_info(activity: str, level: int) -> ProgrammeLevel:
    levels = programme_levels(activity)
    if not 0 <= level < len(levels):
        raise ValidationError(_("Level {level} does not exist for {activity}; choose 0 to {top}.").format(
            level=level, activity=activity_label(activity), top=len(levels) - 1))
    return levels[level]


def activity_label(activity: str) -> str:
    return {WALKING: _("walking"), EXERCISES: _("back exercises"), ROUTINE: _("exercise routine")}.get(activity, activity)


WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_names() -> tuple[str, ...]:
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


@dataclass(frozen=True)
class Goal:
    """A weekly activity goal: on `days_per_week` days, do `minutes` (or `repetitions`) of the activity, or, for
    a routine goal, follow the level's routine to the end. With the plan that makes it likelier to happen:
    when and where (`plan_when`, free text), optionally which weekdays (`plan_days`, 0 = Monday), and how sure
    the person was that they could do it (`confidence`, 0-10)."""

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
    plan_when: str | None = None
    plan_days: tuple[int, ...] = ()
    confidence: int | None = None

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def is_routine(self) -> bool:
        return self.activity == ROUTINE

    @property
    def low_confidence(self) -> bool:
        return self.confidence is not None and self.confidence < CONFIDENCE_AIM

    def plan_text(self) -> str:
        """When and where, in words ("after breakfast, round the park; Mon, Wed, Fri"), or ""."""
        parts = [self.plan_when] if self.plan_when else []
        if self.plan_days:
            names = weekday_names()
            parts.append(", ".join(names[d] for d in self.plan_days))
        return "; ".join(parts)

    @property
    def journal_kind(self) -> str:
        return JOURNAL_KIND[self.activity]

    def describe(self) -> str:
        if self.is_routine:
            if self.minutes:
                return ngettext("Level {level} routine (about {minutes} minutes) on {days} day a week",
                                "Level {level} routine (about {minutes} minutes) on {days} days a week",
                                self.days_per_week).format(level=self.level, minutes=self.minutes,
                                                           days=self.days_per_week)
            return ngettext("Level {level} routine on {days} day a week", "Level {level} routine on {days} days a week",
                            self.days_per_week).format(level=self.level, days=self.days_per_week)
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


def clean_plan_when(text) -> str | None:
    """The free-text "when and where", trimmed; None when empty. Refused (never cut) when too long."""
    if text is None:
        return None
    text = " ".join(str(text).split())
    if len(text) > MAX_PLAN_LENGTH:
        raise ValidationError(_("When and where can be at most {n} characters.").format(n=MAX_PLAN_LENGTH))
    return text or None


def parse_plan_days(value) -> tuple[int, ...]:
    """Weekdays as numbers (0 = Monday) from numbers or names ("mon,wed,fri"); sorted, each once."""
    if value is None or value == "":
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    days = set()
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool) and 0 <= item <= 6:
            days.add(item)
            continue
        key = str(item).strip().lower()[:3]
        if key not in WEEKDAY_KEYS or len(str(item).strip()) < 3:
            raise ValidationError(_("'{day}' is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.").format(
                day=str(item).strip()))
        days.add(WEEKDAY_KEYS.index(key))
    return tuple(sorted(days))


def check_confidence(value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _whole(value, _("Confidence"), 0, 10)


def make_goal(activity: str, level, days_per_week, minutes, *, start_date: dt.date | None = None,
              unit: str = MINUTES, repetitions=None, allowed_levels: tuple[int, int] | None = None,
              created_at: str | None = None, plan_when=None, plan_days=None, confidence=None) -> Goal:
    """Validate a goal the person chose. `allowed_levels` is the function check's range (inclusive).

    A routine goal counts routines, not minutes: `minutes` may be None (or the routine's rough length)."""
    info = level_info(activity, _whole(level, _("Level"), 0, 99))
    if allowed_levels is not None and not allowed_levels[0] <= info.level <= allowed_levels[1]:
        raise ValidationError(_("Choose a level from {low} to {high}, the range your function check suggested.").format(
            low=allowed_levels[0], high=allowed_levels[1]))
    if activity == ROUTINE:
        if unit not in (MINUTES, ROUTINES):
            raise ValidationError(_("A routine goal counts the routines you do, not repetitions."))
        unit = ROUTINES
        # None (or 0, as stored): no rough length given; the routine itself is the amount.
        amount = 0 if minutes is None or minutes == "" or (minutes == 0 and not isinstance(minutes, bool)) \
            else _whole(minutes, _("Minutes"), 1, MAX_GOAL_MINUTES)
    else:
        if unit not in (MINUTES, REPETITIONS):
            raise ValidationError(_("A goal is counted in minutes or repetitions."))
        if minutes is None or minutes == "":
            raise ValidationError(_("Minutes are needed for a walking or exercise goal."))
        amount = _whole(minutes, _("Minutes"), 1, MAX_GOAL_MINUTES)
    reps = _whole(repetitions, _("Repetitions"), 1, MAX_REPETITIONS) if unit == REPETITIONS else None
    days = _whole(days_per_week, _("Days a week"), 1, 7)
    weekdays = parse_plan_days(plan_days)
    if weekdays and len(weekdays) < days:
        raise ValidationError(_("Pick at least {n} days of the week, one for each day of your goal, or none.").format(
            n=days))
    return Goal(
        activity=activity,
        level=info.level,
        days_per_week=days,
        minutes=amount,
        start_date=start_date or dt.date.today(),
        unit=unit,
        repetitions=reps,
        created_at=created_at or now_iso(),
        plan_when=clean_plan_when(plan_when),
        plan_days=weekdays,
        confidence=check_confidence(confidence),
    )


def allowed_goal_levels(activity: str, suggested: tuple[int, int] | None, current: Goal | None, *,
                        hold_back: bool = False) -> tuple[int, int]:
    """The levels a person may choose (inclusive), as the goal window and `goals set` both allow them: the
    function check's range (`suggested`; any level without one), widened by one either side of a current
    goal of the same activity; while a safety answer is unresolved (`hold_back`), nothing above the current
    goal's level."""
    top = len(programme_levels(activity)) - 1
    if suggested is None:
        return 0, top
    low, high = suggested
    same = current is not None and current.activity == activity
    if current is not None and same:
        low = min(low, max(0, current.level - 1))
        high = max(high, min(top, current.level + 1))
    if hold_back:
        high = max(low, min(high, current.level if current is not None and same else low))
    return low, high


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
    routines: int = 0     # routines followed to the end that day (counted for routine goals only)

    @property
    def active(self) -> bool:
        return self.minutes > 0 or self.routines > 0


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
        return sum(day.active for day in self.days)

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


def day_met(goal: Goal, minutes: int, routines: int = 0) -> bool:
    # A routine goal's day is met by a routine at its level (or above) followed to the end, however long it took.
    if goal.is_routine:
        return routines > 0
    # Repetitions are not in the journal, so a logged session of the right kind counts that day.
    if goal.unit == REPETITIONS:
        return minutes > 0
    return minutes >= goal.minutes


def week_progress(goal: Goal, start: dt.date, minutes_by_day: Mapping[dt.date, int], today: dt.date,
                  routines_by_day: Mapping[dt.date, int] | None = None) -> WeekProgress:
    """`routines_by_day`: routines done to the end at the goal's level or above (domain.routine_log)."""
    days = []
    for offset in range(7):
        date = start + dt.timedelta(days=offset)
        minutes = minutes_by_day.get(date, 0)
        routines = (routines_by_day or {}).get(date, 0) if goal.is_routine else 0
        days.append(DayProgress(date, minutes, day_met(goal, minutes, routines), date > today, routines))
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


def small_step(amount: int) -> int:
    """About 15% of an amount, rounded, and at least 1: 10 -> 2, 20 -> 3, 30 -> 5 (one thing at a time)."""
    return max(1, (amount * 15 + 50) // 100)


def stepped_up(goal: Goal) -> Goal:
    """A slightly bigger goal, one thing at a time: about 15% more minutes within the level (at least one),
    then one more day, then the next level at its lowest amount. A routine goal: one more day, then the
    next level's routine."""
    levels = programme_levels(goal.activity)
    if goal.is_routine:
        if goal.days_per_week < DAYS_RANGE[1]:
            return _replace(goal, days_per_week=goal.days_per_week + 1)
        if goal.level + 1 < len(levels):
            return _replace(goal, level=goal.level + 1, days_per_week=DAYS_RANGE[0])
        return goal
    info = level_info(goal.activity, goal.level)
    if goal.unit == REPETITIONS:
        reps = goal.repetitions or 0
        return _replace(goal, repetitions=min(MAX_REPETITIONS, reps + small_step(reps)))
    if goal.minutes < info.max_minutes:
        return _replace(goal, minutes=min(info.max_minutes, goal.minutes + small_step(goal.minutes)))
    if goal.days_per_week < DAYS_RANGE[1]:
        return _replace(goal, days_per_week=goal.days_per_week + 1)
    if goal.level + 1 < len(levels):
        nxt = levels[goal.level + 1]
        return _replace(goal, level=nxt.level, minutes=nxt.min_minutes, days_per_week=DAYS_RANGE[0])
    return goal


def lowered(goal: Goal) -> Goal:
    """A smaller, easier goal: fewer minutes within the level, then fewer days, then the level below.
    A routine goal: one day fewer (down to two), then the level below's routine."""
    if goal.is_routine:
        if goal.days_per_week > 2:
            return _replace(goal, days_per_week=goal.days_per_week - 1)
        if goal.level > 0:
            return _replace(goal, level=goal.level - 1)
        if goal.days_per_week > 1:
            return _replace(goal, days_per_week=goal.days_per_week - 1)
        return goal
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
    """The changed goal keeps its plan (when and where); the confidence was about the old goal, so it is
    not carried over, and planned weekdays are kept only while there are enough of them."""
    changed = replace(goal, id=None, end_date=None, confidence=None, **changes)
    if len(changed.plan_days) < changed.days_per_week:
        changed = replace(changed, plan_days=())
    return changed


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


def week_progress_text(days_met: int, target_days: int, days_left: int, *, routine: bool = False) -> str:
    """How the goal week is going, in words; says plainly when the goal was passed, not '7 of 4 days'."""
    if routine:
        return routine_progress_text(days_met, target_days, days_left)
    if days_met >= target_days:
        return ngettext("Goal reached on {met} day, your goal was {target}.",
                        "Goal reached on {met} days, your goal was {target}.", days_met).format(
            met=days_met, target=target_days)
    if days_left:
        return _("Goal reached on {met} of {target} days so far; {left} days left in this goal week.").format(
            met=days_met, target=target_days, left=days_left)
    return _("Goal reached on {met} of {target} days.").format(met=days_met, target=target_days)


def routine_progress_text(days_met: int, target_days: int, days_left: int) -> str:
    if days_met >= target_days:
        return ngettext("Done on {met} day, your goal was {target}.", "Done on {met} days, your goal was {target}.",
                        days_met).format(met=days_met, target=target_days)
    if days_left:
        return _("Done on {met} of {target} days so far; {left} days left in this goal week.").format(
            met=days_met, target=target_days, left=days_left)
    return _("Done on {met} of {target} days.").format(met=days_met, target=target_days)


def goal_week_text(goal: Goal, week: WeekProgress, days_left: int | None = None) -> str:
    """The goal and its week in one sentence: "Level 2 routine on 4 days a week: done on 3 of 4 days so far"."""
    left = week.days_left if days_left is None else days_left
    progress = week_progress_text(week.days_met, week.target_days, left, routine=goal.is_routine)
    return f"{goal.describe()}: {progress[:1].lower()}{progress[1:]}"

"""Routines done: which routine, on which day, how long it took against its plan, how hard each exercise
felt and how sore the person was afterwards.

A routine done is also an exercise entry in the journal (minutes count for charts and minute goals); this
record keeps what the journal cannot: that it was *the routine*, so a routine goal ("the level 2 routine on
4 days") counts it as what it is, and the effort and soreness that decide the next small step up.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sb_desktop.domain.entries import check_date_range, now_iso
from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _

# How hard an exercise felt, asked at the end of a routine (one answer per exercise, all optional).
EASY, ABOUT_RIGHT, HARD = "easy", "about_right", "hard"
EFFORTS = (EASY, ABOUT_RIGHT, HARD)
# How sore the person was afterwards, asked the next time (or at the end): none, some that settled within
# a day or two (expected, not harm), or soreness that lasted longer or was worse than usual.
SORE_NONE, SORE_SETTLED, SORE_LASTING = "none", "settled", "lasting"
SORENESS = (SORE_NONE, SORE_SETTLED, SORE_LASTING)
ROUTES = ("floor", "chair", "standing")
MAX_SECONDS = 4 * 3600


@dataclass(frozen=True)
class RoutineDone:
    """One routine the person did (to the end, or stopped part-way)."""

    date: dt.date
    routine_id: str
    level: int
    route: str
    planned_seconds: int
    seconds_done: int
    completed: bool                                    # reached the end (exercises skipped on the way allowed)
    effort: Mapping[str, str] = field(default_factory=dict)   # exercise id -> one of EFFORTS
    soreness: str | None = None                         # one of SORENESS, once answered
    entry_id: int | None = None                         # the journal exercise entry it recorded, if any
    recorded_at: str = ""
    id: int | None = None

    @property
    def counts_as_done(self) -> bool:
        """A routine counts towards a routine goal when followed to the end."""
        return self.completed


def clean_effort(effort: Mapping[str, str] | None) -> dict[str, str]:
    cleaned = {}
    for exercise_id, answer in (effort or {}).items():
        if answer not in EFFORTS:
            raise ValidationError(_("'{answer}' is not one of: easy, about right, hard.").format(answer=answer))
        cleaned[str(exercise_id)] = answer
    return cleaned


def check_soreness(soreness: str | None) -> str | None:
    if soreness is not None and soreness not in SORENESS:
        raise ValidationError(_("'{answer}' is not one of: none, settled, lasting.").format(answer=soreness))
    return soreness


def make_routine_done(routine_id: str, level: int, route: str, *, planned_seconds: int, seconds_done: int,
                      completed: bool, date: dt.date | None = None, effort: Mapping[str, str] | None = None,
                      soreness: str | None = None, entry_id: int | None = None) -> RoutineDone:
    """Validate a routine done, or raise ValidationError."""
    if not routine_id:
        raise ValidationError(_("A routine done needs the routine's name."))
    if route not in ROUTES:
        raise ValidationError(_("'{route}' is not a routine route.").format(route=route))
    if not 0 <= int(level) <= 9:
        raise ValidationError(_("Level {level} does not exist.").format(level=level))
    for seconds in (planned_seconds, seconds_done):
        if not 0 <= int(seconds) <= MAX_SECONDS:
            raise ValidationError(_("A routine lasts between 0 seconds and 4 hours."))
    day = check_date_range(date or dt.date.today())
    return RoutineDone(day, routine_id, int(level), route, int(planned_seconds), int(seconds_done), bool(completed),
                       clean_effort(effort), check_soreness(soreness), entry_id, now_iso())


def routines_by_day(runs: Iterable[RoutineDone], *, level: int | None = None) -> dict[dt.date, int]:
    """How many routines were done to the end on each day (at `level` or above, when given)."""
    days: dict[dt.date, int] = {}
    for run in runs:
        if run.counts_as_done and (level is None or run.level >= level):
            days[run.date] = days.get(run.date, 0) + 1
    return days


def effort_label(answer: str) -> str:
    """The words a person picks for how hard an exercise felt."""
    return {EASY: _("Easy"), ABOUT_RIGHT: _("About right"), HARD: _("Hard")}[answer]


def soreness_label(answer: str) -> str:
    """The words a person picks for how their back was after a routine."""
    return {SORE_NONE: _("No more sore than usual"),
            SORE_SETTLED: _("A bit sore, settled within a day or two"),
            SORE_LASTING: _("Sore for longer, or worse")}[answer]


def soreness_question() -> str:
    return _("After your last routine, how was your back?")


def soreness_to_ask(latest: RoutineDone | None, today: dt.date, already_asked: int | None) -> RoutineDone | None:
    """The routine to ask about before today's: the last one, when it was on an earlier day, its soreness is
    not yet answered and the question has not been put about it before (asked once, never nagged)."""
    if latest is None or latest.id is None or latest.soreness is not None:
        return None
    if latest.date >= today or latest.id == already_asked:
        return None
    return latest


def soreness_reply(answer: str, hard_exercises: Iterable[str] = ()) -> str:
    """A kind reply to the soreness answer. Soreness that settles is expected and is not harm; soreness that
    lasted suggests easing off (the easier versions, or staying at this level), never stopping altogether,
    and points to the stop rules. `hard_exercises`: titles of exercises that felt hard last time."""
    check_soreness(answer)
    if answer == SORE_NONE:
        return _("That is good to hear. Carry on at the pace that suits you.")
    if answer == SORE_SETTLED:
        return _("Thank you. Some soreness after exercise is normal, especially when you do a bit more than "
                 "usual. It usually settles as your body gets used to moving more. It is not a sign of harm: "
                 "hurt does not mean harm. Carry on as planned.")
    hard = [title for title in hard_exercises if title]
    which = (_("the exercises that felt hard last time ({titles})").format(titles=", ".join(hard)) if hard
             else _("any exercise that feels hard"))
    return _("Thank you for telling us. Keep moving, but go a little gentler for now: use the Easier button "
             "for {which}, and stay at this level for a while before moving up. If sharp pain keeps getting "
             "worse instead of settling, or you notice any of the warning signs shown with the routine, stop "
             "and get help. If it keeps happening, mention it to your GP or physiotherapist.").format(which=which)

"""Routines done are kept with effort and soreness, and a routine goal can count them as routines."""
import datetime as dt

import pytest

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.routine_log import (
    ABOUT_RIGHT,
    HARD,
    SORE_SETTLED,
    make_routine_done,
    routines_by_day,
)


def test_a_routine_done_round_trips_with_effort_and_soreness(profile):
    today = dt.date.today()
    run = make_routine_done("back-level-2", 2, "floor", planned_seconds=1020, seconds_done=990, completed=True,
                            date=today, effort={"bridge": HARD, "cat-camel": ABOUT_RIGHT})
    with profile.transaction():
        stored = profile.routine_log.add(run)
    assert stored.id is not None and stored.effort == {"bridge": HARD, "cat-camel": ABOUT_RIGHT}
    assert stored.soreness is None
    updated = profile.routine_log.set_soreness(stored.id, SORE_SETTLED)
    assert updated.soreness == SORE_SETTLED
    assert profile.routine_log.runs(today, today) == [updated]
    assert profile.routine_log.latest() == updated


def test_bad_answers_are_refused_and_nothing_changes(profile):
    with pytest.raises(ValidationError):
        make_routine_done("back-level-1", 1, "floor", planned_seconds=700, seconds_done=600, completed=True,
                          effort={"bridge": "very hard"})
    stored = profile.routine_log.add(make_routine_done("back-level-1", 1, "floor", planned_seconds=700,
                                                       seconds_done=700, completed=True))
    with pytest.raises(ValidationError):
        profile.routine_log.set_soreness(stored.id, "awful")
    assert profile.routine_log.get(stored.id).soreness is None


def test_only_routines_followed_to_the_end_count_towards_a_routine_goal():
    day = dt.date(2026, 11, 2)
    runs = [make_routine_done("back-level-2", 2, "floor", planned_seconds=1000, seconds_done=1000, completed=True,
                              date=day),
            make_routine_done("back-level-1", 1, "floor", planned_seconds=700, seconds_done=200, completed=False,
                              date=day + dt.timedelta(days=1)),
            make_routine_done("back-level-1", 1, "floor", planned_seconds=700, seconds_done=700, completed=True,
                              date=day + dt.timedelta(days=2))]
    assert routines_by_day(runs) == {day: 1, day + dt.timedelta(days=2): 1}
    assert routines_by_day(runs, level=2) == {day: 1}

"""Routine goals, a goal's plan and confidence, and small step-ups decided from effort and soreness (issue #16)."""
import datetime as dt
import json

import pytest

from sb_desktop.domain.entries import AFTER_ACTIVITY, make_activity, make_pain
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.goals import (
    EXERCISES,
    KEEP,
    LOWER,
    MET,
    NOT_MET,
    PARTLY,
    ROUTINE,
    STEP_UP,
    WALKING,
    goal_week_text,
    lowered,
    make_goal,
    stepped_up,
    week_progress,
)
from sb_desktop.domain.progression import EffortSignals, effort_signals, suggest_next
from sb_desktop.domain.review import feedback
from sb_desktop.domain.routine_log import make_routine_done, routines_by_day
from tests.conftest import run_cli

MON = dt.date(2026, 11, 2)


def _done(day, level=2, *, completed=True, effort=None, soreness=None, date=None):
    return make_routine_done(f"back-level-{level}", level, "floor", planned_seconds=600, seconds_done=600,
                             completed=completed, date=date or MON + dt.timedelta(days=day), effort=effort,
                             soreness=soreness)


# --- routine goals ---

def test_a_routine_goal_counts_days_the_routine_was_followed_to_the_end():
    goal = make_goal(ROUTINE, 2, 4, None, start_date=MON)
    runs = [_done(0), _done(0), _done(1, level=3), _done(2, level=1), _done(3, completed=False), _done(4)]
    week = week_progress(goal, MON, {}, MON + dt.timedelta(days=6), routines_by_day(runs, level=goal.level))
    # day 0 (twice: one day), day 1 (a harder level counts), day 4; not the easier level, not the one stopped early
    assert week.days_met == 3 and [d.met for d in week.days] == [True, True, False, False, True, False, False]
    assert week.result == PARTLY
    assert goal.describe() == "Level 2 routine on 4 days a week"
    assert goal_week_text(goal, week, days_left=2) == (
        "Level 2 routine on 4 days a week: done on 3 of 4 days so far; 2 days left in this goal week.")


def test_doing_the_routine_every_day_meets_the_goal_whatever_its_minutes():
    """The clinical review's finding: a short routine every day was "partly met" forever under a minute goal."""
    goal = make_goal(ROUTINE, 1, 4, None, start_date=MON)
    runs = [_done(d, level=1) for d in range(7)]
    minutes = {MON + dt.timedelta(days=d): 9 for d in range(7)}   # shorter than any minute goal at the level
    week = week_progress(goal, MON, minutes, MON + dt.timedelta(days=6), routines_by_day(runs, level=1))
    assert week.result == MET and week.days_met == 7
    minute_goal = make_goal(EXERCISES, 1, 4, 10, start_date=MON)
    assert week_progress(minute_goal, MON, minutes, MON + dt.timedelta(days=6)).result == PARTLY


def test_routine_and_minute_goals_validate_their_amounts():
    assert make_goal(ROUTINE, 0, 3, None).minutes == 0
    assert make_goal(ROUTINE, 0, 3, 12).describe() == "Level 0 routine (about 12 minutes) on 3 days a week"
    with pytest.raises(ValidationError, match="Minutes are needed"):
        make_goal(WALKING, 1, 3, None)
    with pytest.raises(ValidationError):
        make_goal(ROUTINE, 4, 3, None)            # the routines stop at level 3
    with pytest.raises(ValidationError, match="not repetitions"):
        make_goal(ROUTINE, 1, 3, None, unit="repetitions", repetitions=8)


def test_a_goal_keeps_its_plan_and_confidence_and_refuses_bad_values():
    goal = make_goal(WALKING, 2, 3, 12, plan_when="  after breakfast,  round the park ", plan_days="mon,wed,fri",
                     confidence="8")
    assert (goal.plan_when, goal.plan_days, goal.confidence) == ("after breakfast, round the park", (0, 2, 4), 8)
    assert goal.plan_text() == "after breakfast, round the park; Mon, Wed, Fri"
    for bad in ({"confidence": 11}, {"confidence": "7.5"}, {"confidence": "sure"}, {"plan_days": "mon,funday"},
                {"plan_days": "mon,wed"}, {"plan_when": "x" * 201}):
        with pytest.raises(ValidationError):
            make_goal(WALKING, 2, 3, 12, **bad)
    assert make_goal(WALKING, 2, 3, 12, confidence=6).low_confidence
    assert not make_goal(WALKING, 2, 3, 12, confidence=7).low_confidence


def test_routine_goals_step_up_by_a_day_then_the_next_routine_and_down_the_same_way():
    goal = make_goal(ROUTINE, 1, 3, None)
    assert (stepped_up(goal).level, stepped_up(goal).days_per_week) == (1, 4)
    full = make_goal(ROUTINE, 1, 5, None)
    assert (stepped_up(full).level, stepped_up(full).days_per_week) == (2, 3)
    top = make_goal(ROUTINE, 3, 5, None)
    assert stepped_up(top) == top
    assert (lowered(goal).level, lowered(goal).days_per_week) == (1, 2)
    assert (lowered(make_goal(ROUTINE, 1, 2, None)).level, lowered(make_goal(ROUTINE, 1, 2, None)).days_per_week) == (0, 2)


def test_a_changed_goal_keeps_its_plan_but_not_a_confidence_given_for_the_old_one():
    goal = make_goal(WALKING, 2, 3, 10, plan_when="after lunch", plan_days="mon,wed,fri", confidence=9)
    up = stepped_up(goal)
    assert up.plan_when == "after lunch" and up.plan_days == (0, 2, 4) and up.confidence is None
    more_days = stepped_up(make_goal(WALKING, 2, 3, 20, plan_days="mon,wed,fri"))
    assert more_days.days_per_week == 4 and more_days.plan_days == ()


# --- the suggestion for next week ---

EASY_WEEK = EffortSignals(easy=5, about_right=1)


def test_a_met_week_that_felt_easy_offers_a_step_up_but_never_preselects_it():
    goal = make_goal(WALKING, 2, 3, 10)
    s = suggest_next(MET, goal, EASY_WEEK)
    assert s.action == STEP_UP and not s.preselected and s.action_name == "step_up"
    assert set(s.options) == {KEEP, STEP_UP, LOWER} and s.proposals[STEP_UP].minutes == 12


@pytest.mark.parametrize("signals", [EffortSignals(hard=3, easy=1), EffortSignals(easy=4, sore_lasting=1),
                                     EffortSignals(easy=4, sore_after=1)])
def test_a_hard_or_lastingly_sore_week_keeps_the_goal_with_no_step_up(signals):
    s = suggest_next(MET, make_goal(WALKING, 2, 3, 10), signals)
    assert s.action == KEEP and s.preselected and STEP_UP not in s.options and LOWER in s.options
    partly = suggest_next(PARTLY, make_goal(WALKING, 2, 3, 10), signals)
    assert partly.action == LOWER and partly.action_name == "make_smaller"


def test_a_week_not_met_keeps_or_makes_smaller_and_never_steps_up():
    goal = make_goal(WALKING, 2, 3, 10)
    for result in (PARTLY, NOT_MET):
        s = suggest_next(result, goal, EASY_WEEK)
        assert STEP_UP not in s.options and s.preselected
    assert suggest_next(PARTLY, goal, EASY_WEEK).action == KEEP
    assert suggest_next(NOT_MET, goal, EASY_WEEK).action == LOWER
    assert suggest_next(NOT_MET, goal, EASY_WEEK, week_over=False).action == KEEP, "days still to go"


def test_no_step_up_is_offered_while_the_safety_status_forbids_it():
    s = suggest_next(MET, make_goal(WALKING, 2, 3, 10), EASY_WEEK, step_up_allowed=False)
    assert s.action == KEEP and STEP_UP not in s.options
    fb = feedback(MET, make_goal(WALKING, 2, 3, 10), [], EASY_WEEK, step_up_allowed=False)
    assert fb.recommended == KEEP and STEP_UP not in fb.options


def test_a_met_week_that_felt_about_right_suggests_keeping_with_a_step_up_still_on_offer():
    s = suggest_next(MET, make_goal(WALKING, 2, 3, 10), EffortSignals(about_right=4, easy=1))
    assert s.action == KEEP and s.preselected and STEP_UP in s.options


def test_effort_and_soreness_are_read_from_routines_walks_and_pain_after_activity():
    exercise = make_goal(EXERCISES, 1, 3, 10)
    runs = [_done(0, effort={"a": "easy", "b": "easy", "c": "hard"}, soreness="settled")]
    signals = effort_signals(exercise, runs, [])
    assert (signals.easy, signals.hard, signals.sore_settled) == (2, 1, 1) and signals.mostly_easy
    assert not signals.troubled, "soreness that settles is expected and holds nothing back"
    lasting = effort_signals(exercise, [_done(0, soreness="lasting")], [])
    assert lasting.troubled

    walking = make_goal(WALKING, 2, 3, 10)
    walks = [make_activity(12, kind="walk", date=MON, effort=8), make_activity(12, kind="walk", date=MON, effort=9),
             make_activity(12, kind="walk", date=MON, effort=2)]
    assert effort_signals(walking, runs, walks).mostly_hard, "walking effort 7+ is hard; routine effort is not walking's"
    day = [make_pain(3, date=MON), make_pain(3, date=MON + dt.timedelta(days=1))]
    after = make_pain(6, date=MON, context=AFTER_ACTIVITY)
    assert effort_signals(walking, [], day + [after]).sore_after == 1
    assert effort_signals(walking, [], day + [make_pain(4, date=MON, context=AFTER_ACTIVITY)]).sore_after == 0


# --- storage ---

def test_existing_goals_gain_an_empty_plan_when_the_profile_is_migrated(profile):
    from sb_desktop.storage import schema
    db = profile.db
    # Put the profile back as a version before this step: the goals table without the plan columns.
    db.utils.table("goals").transform(drop={"plan_when", "plan_days", "confidence"})
    db.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'sb_goals' AND name = 'm002_goal_plan'")
    db.execute("INSERT INTO goals (activity, level, days_per_week, minutes, unit, start_date, created_at) "
               "VALUES ('walking', 2, 3, 10, 'minutes', '2026-11-02', '2026-11-02T09:00:00+00:00')")
    assert schema.pending_migrations(db) == ["sb_goals:m002_goal_plan"]
    schema.migrate(db)
    old = profile.goals.current_goal()
    assert (old.minutes, old.plan_when, old.plan_days, old.confidence) == (10, None, (), None)
    saved = profile.goals.set_goal(make_goal(ROUTINE, 2, 4, None, plan_when="before work", plan_days="mon,tue,thu,fri",
                                             confidence=8, start_date=MON + dt.timedelta(days=7)))
    again = profile.goals.get(saved.id)
    assert (again.activity, again.plan_when, again.plan_days, again.confidence) == (
        ROUTINE, "before work", (0, 1, 3, 4), 8)
    assert profile.goals.get(old.id).end_date == MON + dt.timedelta(days=6)


def test_the_goal_week_counts_routines_from_the_routine_log(profile):
    profile.goals.set_goal(make_goal(ROUTINE, 2, 4, None, start_date=MON))
    for run in (_done(0), _done(1, level=1), _done(2, level=3), _done(5, completed=False)):
        profile.routine_log.add(run)
    week = profile.goal_week(MON + dt.timedelta(days=3)).week
    assert week.days_met == 2 and week.days_left == 3
    overview = profile.overview(MON + dt.timedelta(days=3))
    assert overview.week == week and overview.suggestion(True).action == KEEP


# --- the command line ---

def _json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_goals_set_starts_a_routine_goal_and_goals_json_shows_plan_confidence_and_suggestion(profiles):
    profile = profiles.open("default")
    profile.goals.set_goal(make_goal(WALKING, 2, 3, 10, start_date=dt.date.today() - dt.timedelta(days=3)))
    profile.close()
    report = _json(run_cli("goals", "--json"))
    assert report["goal"]["confidence"] is None and report["goal"]["plan_when"] is None
    assert report["suggestion"] == {"action": "keep", "preselected": True, "next_minutes": None}

    result = run_cli("goals", "set", "--activity", "routine", "--days", "4", "--level", "2",
                     "--when", "after breakfast, in the lounge", "--confidence", "8")
    assert result.returncode == 0, result.stderr
    report = _json(run_cli("goals", "--json"))
    goal = report["goal"]
    assert (goal["activity"], goal["level"], goal["days_per_week"], goal["confidence"], goal["plan_when"]) == (
        "routine", 2, 4, 8, "after breakfast, in the lounge")
    assert [g["end_date"] is None for g in report["goals"]] == [True, False], "the walking goal ended"
    assert "done on 0 of 4 days" in run_cli("goals").stdout
    for key in ("date", "next_step", "week", "function_check", "reviews", "psfs", "groc", "startback",
                "safety_checks", "chair_stand", "step_up_allowed"):
        assert key in report


def test_goals_set_level_defaults_to_the_current_goals_level(profiles):
    profiles.open("default").close()
    assert run_cli("goals", "set", "--activity", "walk", "--minutes", "20", "--days", "3", "--level", "3").returncode == 0
    assert run_cli("goals", "set", "--activity", "walk", "--minutes", "23", "--days", "3").returncode == 0
    assert _json(run_cli("goals", "--json"))["goal"]["level"] == 3


def test_goals_set_refuses_bad_values_with_exit_2_and_changes_nothing(profiles):
    profiles.open("default").close()
    for args in (["--activity", "swim", "--minutes", "10", "--days", "3"],
                 ["--activity", "walk", "--days", "3"],
                 ["--activity", "walk", "--minutes", "ten", "--days", "3"],
                 ["--activity", "walk", "--minutes", "10", "--days", "8"],
                 ["--activity", "walk", "--minutes", "10", "--days", "3", "--confidence", "12"],
                 ["--activity", "routine", "--days", "3", "--level", "5"],
                 ["--activity", "walk", "--minutes", "10", "--days", "3", "--on", "mon"]):
        result = run_cli("goals", "set", *args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, args
        assert result.stdout == ""
    assert _json(run_cli("goals", "--json"))["goals"] == []


def test_goals_set_on_a_profile_that_does_not_exist_is_an_error_and_creates_nothing(profiles):
    result = run_cli("--profile", "Nobody", "goals", "set", "--activity", "walk", "--minutes", "10", "--days", "3")
    assert result.returncode != 0 and "There is no profile called 'Nobody'" in result.stderr
    assert profiles.find("Nobody") is None


def test_goals_set_offers_a_smaller_goal_when_confidence_is_under_7(profiles):
    profiles.open("default").close()
    result = run_cli("goals", "set", "--activity", "walk", "--minutes", "20", "--days", "3", "--level", "2",
                     "--confidence", "5")
    assert result.returncode == 0 and "could be: Walking: 15 minutes on 3 days a week" in result.stdout


def test_goals_set_cannot_go_above_the_current_level_while_a_safety_answer_is_open(profiles):
    from sb_desktop.domain import function_check as fc
    from sb_desktop.domain.safety import WEEKLY
    from tests.conftest import complete_first_check
    profile = profiles.open("default")
    complete_first_check(profile)
    profile.measures.add(fc.as_response(fc.score({"walk": 4, "chair": 2, "floor": 2, "daily": 2})))
    profile.goals.set_goal(make_goal(WALKING, 3, 3, 20))
    check = profile.safety.start_check(WEEKLY)
    profile.safety.record_answer(check.id, "fever", True)
    profile.close()
    refused = run_cli("goals", "set", "--activity", "walk", "--minutes", "30", "--days", "3", "--level", "4")
    assert refused.returncode == 2 and "Choose a level from" in refused.stderr
    report = _json(run_cli("goals", "--json"))
    assert report["goal"]["level"] == 3 and report["step_up_allowed"] is False


def test_next_minutes_appears_once_a_week_is_complete_and_follows_the_suggestion(profiles):
    from tests.conftest import complete_first_check
    profile = profiles.open("default")
    complete_first_check(profile)
    start = dt.date.today() - dt.timedelta(days=8)
    profile.goals.set_goal(make_goal(WALKING, 2, 3, 10, start_date=start))
    profile.journal.add_many([make_activity(12, kind="walk", date=start + dt.timedelta(days=d), effort=2)
                              for d in range(4)])
    profile.close()
    report = _json(run_cli("goals", "--json"))
    assert report["week"]["review_due"] and report["week"]["result_so_far"] == "met"
    assert report["suggestion"] == {"action": "step_up", "preselected": False, "next_minutes": 12}

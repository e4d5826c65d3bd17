"""Goals: validation, the function check's suggested range, progress from the journal, and storage."""
import datetime as dt

import pytest

from sb_desktop.domain import function_check as fc
from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.goals import (
    EXERCISES,
    LOWER,
    MET,
    NOT_MET,
    PARTLY,
    REPETITIONS,
    STEP_UP,
    WALKING,
    apply_decision,
    current_period_start,
    daily_minutes,
    lowered,
    make_goal,
    next_step,
    programme_levels,
    review_due,
    stepped_up,
    week_progress,
)
from sb_desktop.domain.review import GoalReview
from sb_desktop.storage.goals import GoalStore, GoalWeek, load_goal_week
from sb_desktop.storage.measures import QuestionnaireStore
from sb_desktop.storage.overview import load_overview

MON = dt.date(2026, 11, 2)


def test_programme_levels_match_the_shared_programme():
    walking = [(lv.min_minutes, lv.max_minutes) for lv in programme_levels(WALKING)]
    exercises = [(lv.min_minutes, lv.max_minutes) for lv in programme_levels(EXERCISES)]
    assert walking == [(2, 5), (5, 10), (10, 20), (20, 30), (30, 45)]
    assert exercises == [(5, 10), (10, 15), (15, 20), (20, 30)]


def test_goal_must_be_within_the_function_check_range():
    make_goal(WALKING, 2, 3, 10, allowed_levels=(1, 2))
    with pytest.raises(ValidationError, match="range your function check suggested"):
        make_goal(WALKING, 3, 3, 20, allowed_levels=(1, 2))
    with pytest.raises(ValidationError):
        make_goal(EXERCISES, 4, 3, 20)
    with pytest.raises(ValidationError):
        make_goal(WALKING, 1, 8, 10)
    with pytest.raises(ValidationError):
        make_goal(WALKING, 1, 3, 0)


@pytest.mark.parametrize("answers, walking, exercises", [
    ({"walk": 0, "chair": 0, "floor": 0, "daily": 0}, (0, 0), (0, 0)),
    ({"walk": 1, "chair": 1, "floor": 0, "daily": 1}, (0, 1), (0, 1)),
    ({"walk": 2, "chair": 2, "floor": 1, "daily": 1}, (1, 2), (1, 2)),
    ({"walk": 4, "chair": 2, "floor": 2, "daily": 2}, (3, 4), (2, 3)),
    # cannot get down to the floor: floor-based levels above 1 are not suggested
    ({"walk": 3, "chair": 2, "floor": 0, "daily": 2}, (2, 3), (0, 1)),
    # very limited everyday function caps walking at the gentle levels
    ({"walk": 3, "chair": 0, "floor": 1, "daily": 0}, (0, 1), (0, 0)),
])
def test_function_check_suggests_a_level_range(answers, walking, exercises):
    result = fc.score(answers)
    assert result.walking == walking
    assert result.exercises == exercises
    assert fc.FunctionCheckResult.from_dict(result.as_dict()) == result


def test_function_check_needs_every_answer():
    with pytest.raises(ValidationError):
        fc.score({"walk": 1, "chair": 1, "floor": 1})
    with pytest.raises(ValidationError):
        fc.score({"walk": 9, "chair": 1, "floor": 1, "daily": 1})


def _walks(*day_minutes, kind="walk", source="manual"):
    return [make_activity(m, kind=kind, date=MON + dt.timedelta(days=d), source=source) for d, m in day_minutes]


def test_progress_counts_days_meeting_the_goal_and_includes_routine_sessions():
    goal = make_goal(WALKING, 2, 3, 15, start_date=MON)
    entries = _walks((0, 10), (0, 6), (1, 15), (2, 5), (4, 30)) + _walks((2, 40), kind="exercise")
    minutes = daily_minutes(entries, goal.journal_kind)
    assert minutes[MON] == 16                       # two walks on one day add up
    week = week_progress(goal, MON, minutes, today=MON + dt.timedelta(days=6))
    assert (week.days_met, week.days_active, week.minutes_total) == (3, 4, 66)
    assert week.result == MET

    exercise = make_goal(EXERCISES, 1, 3, 10, start_date=MON)
    routine = _walks((1, 12), kind="exercise", source="session")
    week = week_progress(exercise, MON, daily_minutes(routine, "exercise"), today=MON + dt.timedelta(days=6))
    assert week.days_met == 1 and week.result == PARTLY


def test_result_not_met_when_nothing_of_that_activity_was_logged():
    goal = make_goal(EXERCISES, 0, 3, 5, start_date=MON)
    entries = _walks((0, 30)) + [make_pain(4, date=MON)]
    week = week_progress(goal, MON, daily_minutes(entries, goal.journal_kind), today=MON + dt.timedelta(days=6))
    assert week.result == NOT_MET and week.days_met == 0


def test_repetition_goal_counts_days_with_a_session():
    goal = make_goal(EXERCISES, 1, 2, 10, unit=REPETITIONS, repetitions=8, start_date=MON)
    week = week_progress(goal, MON, {MON: 3, MON + dt.timedelta(days=3): 4}, today=MON + dt.timedelta(days=6))
    assert week.result == MET
    assert "8 repetitions" in goal.describe()


def test_future_days_are_marked_and_review_falls_due_after_seven_days():
    goal = make_goal(WALKING, 1, 3, 5, start_date=MON)
    week = week_progress(goal, MON, {}, today=MON + dt.timedelta(days=2))
    assert week.days_left == 4
    assert not review_due(MON, MON + dt.timedelta(days=6))
    assert review_due(MON, MON + dt.timedelta(days=7))
    assert current_period_start(goal, MON + dt.timedelta(days=6)) == MON + dt.timedelta(days=7)
    # reviews missed for weeks: the latest complete week is the one to review
    assert current_period_start(goal, None, MON + dt.timedelta(days=13)) == MON
    assert current_period_start(goal, None, MON + dt.timedelta(days=23)) == MON + dt.timedelta(days=14)


def test_step_up_and_lower_move_gently_through_the_levels():
    goal = make_goal(WALKING, 2, 3, 10, start_date=MON)
    up = stepped_up(goal)
    assert (up.level, up.minutes, up.days_per_week) == (2, 12, 3), "about 15%, not half the level's range"
    assert stepped_up(make_goal(WALKING, 3, 3, 20)).minutes == 23
    assert stepped_up(make_goal(WALKING, 0, 3, 2)).minutes == 3, "at least one minute"
    assert stepped_up(make_goal(WALKING, 2, 3, 19)).minutes == 20, "never past the level's top"
    at_top = stepped_up(make_goal(WALKING, 2, 3, 20))
    assert (at_top.level, at_top.minutes, at_top.days_per_week) == (2, 20, 4), "then one extra day"
    top_of_level = make_goal(WALKING, 2, 5, 20, start_date=MON)
    nxt = stepped_up(top_of_level)
    assert (nxt.level, nxt.minutes) == (3, 20), "then the next level at its lowest amount"
    assert stepped_up(top_of_level).level == 3
    down = lowered(goal)
    assert (down.level, down.minutes, down.days_per_week) == (2, 10, 2)
    assert lowered(make_goal(WALKING, 2, 2, 10)).level == 1
    highest = make_goal(WALKING, 4, 5, 45)
    assert stepped_up(highest) == highest
    assert apply_decision(goal, STEP_UP) == up and apply_decision(goal, LOWER) == down
    floor = make_goal(WALKING, 0, 2, 1)
    assert lowered(floor).minutes == 1


def test_next_step_follows_the_programme_order():
    goal = make_goal(WALKING, 1, 3, 5)
    assert next_step(has_function_check=False, goal=None, review_is_due=False, has_psfs=False, groc_week=None) == "function_check"
    assert next_step(has_function_check=True, goal=None, review_is_due=False, has_psfs=False, groc_week=None) == "set_goal"
    assert next_step(has_function_check=True, goal=goal, review_is_due=True, has_psfs=False, groc_week=6) == "weekly_review"
    assert next_step(has_function_check=True, goal=goal, review_is_due=False, has_psfs=True, groc_week=6) == "groc"
    assert next_step(has_function_check=True, goal=goal, review_is_due=False, has_psfs=False, groc_week=None) == "psfs"
    assert next_step(has_function_check=True, goal=goal, review_is_due=False, has_psfs=True, groc_week=None) == "keep_going"


def test_goal_store_keeps_history_and_review_starts_the_new_goal(profile):
    store = GoalStore(profile.db)
    first = store.set_goal(make_goal(WALKING, 1, 3, 5, start_date=MON))
    assert store.current_goal() == first
    new_goal = apply_decision(first, STEP_UP)
    new_goal = make_goal(new_goal.activity, new_goal.level, new_goal.days_per_week, new_goal.minutes,
                         start_date=MON + dt.timedelta(days=7))
    review = GoalReview(goal_id=first.id, period_start=MON, period_end=MON + dt.timedelta(days=6), computed_result=MET,
                        result=MET, days_met=3, days_active=4, minutes_total=40, barriers=("time",),
                        decision=STEP_UP, feedback="Well done", suggested_module="daily-living")
    saved = store.add_review(review, new_goal)
    current = store.current_goal()
    assert current.minutes == 6 and current.start_date == MON + dt.timedelta(days=7)
    assert saved.new_goal_id == current.id and saved.barriers == ("time",)
    old = store.get(first.id)
    assert old.end_date == MON + dt.timedelta(days=6)
    assert [g.id for g in store.goals()] == [current.id, first.id]
    assert store.reviews()[0].reviewed_at


def test_overview_computes_progress_from_the_journal(profile):
    today = MON + dt.timedelta(days=3)
    store = GoalStore(profile.db)
    QuestionnaireStore(profile.db).add(fc.as_response(fc.score({"walk": 2, "chair": 2, "floor": 1, "daily": 1}), MON))
    store.set_goal(make_goal(WALKING, 2, 3, 10, start_date=MON))
    profile.journal.add_many(_walks((0, 12), (1, 4), (2, 11)) + _walks((1, 30), kind="exercise"))
    overview = load_overview(profile.db, profile.journal, today)
    assert overview.week.days_met == 2 and overview.week.days_left == 3
    assert overview.function_check.walking == (1, 2)
    assert overview.next_step == "psfs"
    later = load_overview(profile.db, profile.journal, MON + dt.timedelta(days=8))
    assert later.review_is_due and later.next_step == "weekly_review"


def test_the_goal_week_today_shows_agrees_with_the_full_overview(profile):
    store = GoalStore(profile.db)
    assert load_goal_week(profile.db, profile.journal, MON) == GoalWeek(goal=None, week=None, review_is_due=False)
    store.set_goal(make_goal(WALKING, 2, 3, 10, start_date=MON))
    profile.journal.add_many(_walks((0, 12), (1, 4), (2, 11)))
    for day in (MON + dt.timedelta(days=3), MON + dt.timedelta(days=8)):
        week, overview = load_goal_week(profile.db, profile.journal, day), load_overview(profile.db, profile.journal, day)
        assert (week.goal, week.week, week.review_is_due) == (overview.goal, overview.week, overview.review_is_due)
    assert load_goal_week(profile.db, profile.journal, MON + dt.timedelta(days=8)).review_is_due


def test_goals_command_reports_progress_as_json(profiles, isolated_data_dir):
    import json

    from tests.conftest import run_cli
    profile = profiles.open("default")
    GoalStore(profile.db).set_goal(make_goal(WALKING, 1, 3, 5, start_date=MON))
    profile.journal.add_many(_walks((0, 6), (2, 5)))
    profile.close()
    result = run_cli("goals", "--json", "--date", (MON + dt.timedelta(days=3)).isoformat())
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["goal"]["activity"] == "walking" and report["week"]["days_met"] == 2
    assert report["next_step"] == "psfs" and report["week"]["review_due"] is False
    text = run_cli("goals", "--date", (MON + dt.timedelta(days=8)).isoformat())
    assert "reached on 2 of 3 days" in text.stdout and "weekly review is due" in text.stdout
    bad = run_cli("goals", "--date", "soon")
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1


def test_built_in_levels_and_module_ids_agree_with_the_content_pack():
    import json

    from sb_desktop.domain.review import BARRIER_MODULES
    from sb_desktop.resources import resource_path
    manifest_path = resource_path("content", "supportback-en", "manifest.json")
    if not manifest_path.exists():
        pytest.skip("content pack not present")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    pack = {p["id"]: p for p in manifest.get("programmes", [])}
    for activity, pack_id in ((WALKING, "walking"), (EXERCISES, "back-exercises")):
        if pack_id not in pack:
            continue
        levels = [(lv["level"], *lv["minutes"]) for lv in pack[pack_id]["levels"]]
        assert levels == [(lv.level, lv.min_minutes, lv.max_minutes) for lv in programme_levels(activity)]
    module_ids = {m["id"] for m in manifest.get("modules", [])}
    assert set(BARRIER_MODULES.values()) <= module_ids


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def goals(draw):
    activity = draw(st.sampled_from([WALKING, EXERCISES, "routine"]))
    level = draw(st.integers(0, len(programme_levels(activity)) - 1))
    minutes = draw(st.none() | st.integers(1, 60)) if activity == "routine" else draw(st.integers(1, 60))
    return make_goal(activity, level, draw(st.integers(1, 7)), minutes, start_date=MON)


def _size(goal):
    return (goal.level, goal.days_per_week, goal.minutes)


@given(goals())
def test_stepping_up_or_down_always_gives_a_valid_goal_in_the_right_direction(goal):
    up, down = stepped_up(goal), lowered(goal)
    for changed in (up, down):
        again = make_goal(changed.activity, changed.level, changed.days_per_week, changed.minutes, start_date=MON)
        assert _size(again) == _size(changed)
    # never a bigger jump than one level, and always in the chosen direction
    assert 0 <= up.level - goal.level <= 1 and 0 <= goal.level - down.level <= 1
    assert up == goal or up.level > goal.level or up.days_per_week > goal.days_per_week or up.minutes > goal.minutes
    assert (down.level < goal.level or down.days_per_week < goal.days_per_week or down.minutes < goal.minutes
            or goal.minutes == 1 or (goal.is_routine and down == goal and goal.level == 0 and goal.days_per_week == 1))
    # small steps: never more than about 20% more minutes, unless the one-minute floor needs it
    if up.minutes > goal.minutes and up.level == goal.level:
        assert up.minutes - goal.minutes <= max(1, goal.minutes * 0.2)


def test_week_progress_never_says_more_days_than_the_goal_as_a_fraction():
    from sb_desktop.domain.goals import week_progress_text
    assert week_progress_text(7, 4, 0) == "Goal reached on 7 days, your goal was 4."
    assert "2 of 4 days so far; 3 days left" in week_progress_text(2, 4, 3)
    assert week_progress_text(1, 3, 0) == "Goal reached on 1 of 3 days."


def test_programme_level_suggestions_come_from_a_readable_function_check_only():
    from sb_desktop.domain.function_check import suggested_programme_levels
    assert suggested_programme_levels(None) == {}
    assert suggested_programme_levels({"not": "a function check"}) == {}

"""Routine timing tells the truth: holds are held, sets are rested between, and every routine in the
built-in pack lasts as long as its level (or its own `minutes`) prescribes."""
from types import SimpleNamespace as NS

import pytest

from sb_desktop.content import find_pack, load_pack
from sb_desktop.domain.routes import CHAIR_POSITIONS
from sb_desktop.domain.routine import (
    CHANGEOVER_SECONDS,
    FINISHED,
    HOLDING,
    INTO,
    MOVE_INTO_HOLD,
    MOVE_OUT_OF_HOLD,
    OUT,
    REST,
    REST_STARTED,
    SECONDS_PER_REPETITION,
    SET_STARTED,
    STEP_STARTED,
    WORK,
    RoutineItem,
    RoutineRun,
    plan_routine,
    planned_seconds,
    prescribed_minutes,
    routine_seconds,
)


def exercises(**defaults):
    table = {key: NS(**{"id": key, "hold_seconds": None, "repetitions": None, "easier": None, "harder": None, **value})
             for key, value in defaults.items()}
    return table.get


def step(exercise, **kw):
    return NS(exercise=exercise, repetitions=kw.get("repetitions"), hold_seconds=kw.get("hold_seconds"),
              sets=kw.get("sets", 1), rest_seconds=kw.get("rest_seconds"))


def test_eight_five_second_holds_take_the_holds_and_the_movement_into_and_out_of_each():
    item = RoutineItem("press-up", sets=1, repetitions=8, hold_seconds=5)
    assert item.work_seconds == 8 * (MOVE_INTO_HOLD + 5 + MOVE_OUT_OF_HOLD) == 72   # never 32 (8 x 4)
    assert RoutineItem("rolls", 1, 8, None).work_seconds == 8 * SECONDS_PER_REPETITION
    # A step that only says "hold for 20 seconds" is one hold, moving in and out included.
    assert RoutineItem("plank", 3, None, 20).work_seconds == MOVE_INTO_HOLD + 20 + MOVE_OUT_OF_HOLD


def test_a_step_keeps_the_exercises_own_hold_when_it_only_sets_repetitions():
    lookup = exercises(bridge={"hold_seconds": 3, "repetitions": 10}, rolls={"repetitions": 8})
    routine = NS(steps=[step("bridge", repetitions=6, sets=2), step("rolls")], rest_seconds=30)
    bridge, rolls = plan_routine(routine, lookup)
    assert (bridge.repetitions, bridge.hold_seconds, bridge.sets) == (6, 3, 2)
    assert (rolls.repetitions, rolls.hold_seconds, rolls.sets) == (8, None, 1)


def test_sets_rest_between_them_and_a_changeover_comes_between_exercises():
    items = [RoutineItem("a", 3, 10, None), RoutineItem("b", 2, 8, 5, rest_seconds=45), RoutineItem("c", 1, 5, None)]
    a, b, c = (item.work_seconds for item in items)
    expected = (3 * a + 2 * 30 + 30 + CHANGEOVER_SECONDS      # a: 3 sets, 2 rests, then on to b
                + 2 * b + 45 + 45 + CHANGEOVER_SECONDS        # b rests 45 s (its own) between sets and after
                + c)                                          # nothing after the last set of the last exercise
    assert planned_seconds(items, 30) == expected
    run = RoutineRun(items, 30)
    assert run.total_seconds == expected
    # Followed second by second, the run takes exactly the planned time.
    events = []
    while not run.finished:
        event = run.tick()
        if event:
            events.append(event)
    assert run.seconds_done == expected and run.reached_end
    assert events == [REST_STARTED, SET_STARTED, REST_STARTED, SET_STARTED, REST_STARTED, STEP_STARTED,
                      REST_STARTED, SET_STARTED, REST_STARTED, STEP_STARTED, FINISHED]


def test_the_run_says_which_repetition_and_counts_each_hold_down():
    run = RoutineRun([RoutineItem("press-up", 2, 3, 5)], rest_seconds=20)
    assert (run.phase, run.repetition, run.repetitions_left, run.hold_stage) == (WORK, 1, 3, INTO)
    run.tick(MOVE_INTO_HOLD)
    assert run.hold_stage == HOLDING and run.hold_left == 5
    run.tick(2)
    assert run.hold_left == 3
    run.tick(3)
    assert run.hold_stage == OUT and run.hold_left is None
    run.tick(MOVE_OUT_OF_HOLD)
    assert run.repetition == 2 and run.repetitions_left == 2 and run.hold_stage == INTO
    run.tick(2 * run.item.repetition_seconds)
    assert run.phase == REST and run.remaining == 20 and not run.between_exercises and run.repetition is None
    run.tick(20)
    assert run.set_number == 2 and run.repetition == 1


def test_planned_progress_runs_from_zero_to_the_total_and_skips_count_as_passed():
    run = RoutineRun([RoutineItem("a", 2, 4, None), RoutineItem("b", 1, 2, 3)], rest_seconds=10)
    total = run.total_seconds
    seen = [run.planned_done]
    while not run.finished:
        run.tick()
        seen.append(run.planned_done)
    assert seen == list(range(total + 1))
    run = RoutineRun([RoutineItem("a", 2, 4, None), RoutineItem("b", 1, 2, 3)], rest_seconds=10)
    run.skip()
    assert run.item.exercise_id == "b" and run.seconds_left == run.item.work_seconds


def test_finishing_early_or_stopping_is_not_reaching_the_end():
    run = RoutineRun([RoutineItem("a", 1, 4, None), RoutineItem("b", 1, 2, None)], rest_seconds=0)
    run.tick(5)
    run.stop()
    assert run.finished and not run.reached_end and run.seconds_done == 5
    # Skipping exercises on the way still reaches the end.
    run = RoutineRun([RoutineItem("a", 1, 4, None), RoutineItem("b", 1, 2, None)], rest_seconds=0)
    run.tick(3)
    assert run.skip() == STEP_STARTED and run.skip() == FINISHED and run.reached_end


def test_skipping_a_rest_goes_straight_on():
    run = RoutineRun([RoutineItem("a", 2, 1, None), RoutineItem("b", 1, 1, None)], rest_seconds=30)
    run.tick(SECONDS_PER_REPETITION)
    assert run.phase == REST
    assert run.skip() == SET_STARTED and run.phase == WORK and run.set_number == 2
    run.tick(SECONDS_PER_REPETITION)
    assert run.between_exercises and run.next_item.exercise_id == "b"
    assert run.skip() == STEP_STARTED and run.item.exercise_id == "b" and run.skipped == []


# --- the built-in pack ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_in():
    return load_pack(find_pack())


def test_every_routine_lasts_as_long_as_its_prescription(built_in):
    back = built_in.programme("back-exercises")
    checked = {}
    for routine in built_in.routines:
        low, high = prescribed_minutes(routine, built_in.programme(routine.programme))
        seconds = routine_seconds(routine, built_in.exercise)
        assert low * 60 <= seconds <= high * 60, (routine.id, seconds / 60, (low, high))
        checked[routine.id] = seconds
    # Each level's floor and chair routines, and the two flare-up routines (short on purpose), are there.
    for level in back.levels:
        assert f"back-level-{level.level}" in checked and f"back-chair-{level.level}" in checked
        assert prescribed_minutes(built_in.routine(f"back-chair-{level.level}"), back) == level.minutes
    assert prescribed_minutes(built_in.routine("flare-up-gentle"), back) == (3, 8)
    assert prescribed_minutes(built_in.routine("flare-up-chair"), back) == (3, 8)
    # The clinical review's finding: level 1 and level 3 were far too short.
    assert checked["back-level-1"] >= 10 * 60 and checked["back-level-3"] >= 20 * 60
    assert not [w for w in built_in.warnings if w.field.startswith("routines")]


def test_chair_routines_still_hold_no_floor_exercise(built_in):
    for routine in built_in.routines:
        if routine.route == "chair":
            assert all(built_in.exercise(s.exercise).position in CHAIR_POSITIONS for s in routine.steps), routine.id


def test_the_pack_check_refuses_bad_minutes_and_warns_about_a_routine_off_its_prescription(tmp_path):
    from sessions_packs import make_pack

    from sb_desktop.content.pack import check_pack

    def backwards(m):
        m["routines"][0]["minutes"] = [8, 3]
        m["routines"][0]["steps"][0]["rest_seconds"] = -1
    pack, problems = check_pack(make_pack(tmp_path / "bad", backwards))
    errors = {(p.field, p.severity) for p in problems}
    assert pack is None and ("routines[0].steps[0].rest_seconds", "error") in errors

    def backwards_only(m):
        m["routines"][0]["minutes"] = [8, 3]
    pack, problems = check_pack(make_pack(tmp_path / "bad2", backwards_only))
    assert pack is None and any(p.field == "routines[0].minutes" and "runs backwards" in p.reason for p in problems)

    def too_short(m):
        m["routines"][0]["minutes"] = [5, 10]
    pack, problems = check_pack(make_pack(tmp_path / "short", too_short))
    [warning] = [p for p in problems if p.field == "routines[0]"]
    assert warning.severity == "warning" and "outside its 5-10 minutes" in warning.reason

    def fits(m):
        m["routines"][0]["minutes"] = [0, 2]
        m["routines"][0]["steps"][1]["rest_seconds"] = 5
    pack, problems = check_pack(make_pack(tmp_path / "fits", fits))
    assert pack is not None and not [p for p in problems if p.field.startswith("routines")]
    assert pack.routine("back-level-0").minutes == (0, 2) and pack.routine("back-level-0").steps[1].rest_seconds == 5

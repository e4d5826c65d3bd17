"""Weekly review feedback: every result x function level rule, barrier modules, and never blaming."""
import re

import pytest

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.goals import EXERCISES, KEEP, LOWER, MET, NOT_MET, PARTLY, STEP_UP, WALKING, make_goal
from sb_desktop.domain.review import (
    BARRIER_MODULES,
    BARRIERS,
    HIGHER,
    LOW,
    MIDDLE,
    feedback,
    function_band,
    module_title,
)

GOALS = {
    LOW: make_goal(WALKING, 1, 3, 5),
    MIDDLE: make_goal(WALKING, 2, 3, 10),
    HIGHER: make_goal(EXERCISES, 3, 3, 20),
}
BLAMING = re.compile(r"\b(fail\w*|fault|lazy|should have|didn't try|did not try|must try harder|excuse\w*|"
                     r"disappoint\w*|blame\w*|poor effort)\b", re.IGNORECASE)


@pytest.mark.parametrize("band", [LOW, MIDDLE, HIGHER])
@pytest.mark.parametrize("result, recommended", [(MET, STEP_UP), (PARTLY, KEEP), (NOT_MET, LOWER)])
def test_every_result_and_function_level_has_its_own_kind_feedback(result, recommended, band):
    goal = GOALS[band]
    fb = feedback(result, goal)
    assert fb.band == band
    assert fb.recommended == recommended
    assert fb.message and not BLAMING.search(fb.message)
    assert set(fb.options) >= {KEEP}
    others = {feedback(r, goal).message for r in (MET, PARTLY, NOT_MET)}
    assert len(others) == 3, "each result gets a different message"


def test_the_nine_messages_are_all_different():
    messages = {feedback(r, g).message for r in (MET, PARTLY, NOT_MET) for g in GOALS.values()}
    assert len(messages) == 9


def test_function_bands_cover_both_programmes():
    assert [function_band(make_goal(WALKING, lv, 3, 45 if lv == 4 else 5)) for lv in range(5)] == [
        LOW, LOW, MIDDLE, HIGHER, HIGHER]
    assert [function_band(make_goal(EXERCISES, lv, 3, 10)) for lv in range(4)] == [LOW, MIDDLE, MIDDLE, HIGHER]


@pytest.mark.parametrize("barrier", BARRIERS)
def test_each_barrier_gets_a_tip_and_its_module(barrier):
    fb = feedback(PARTLY, GOALS[MIDDLE], [barrier])
    assert fb.suggested_module == BARRIER_MODULES[barrier]
    assert len(fb.tips) == 1 and not BLAMING.search(fb.tips[0])
    assert module_title(fb.suggested_module) != fb.suggested_module


def test_named_barrier_modules():
    assert feedback(NOT_MET, GOALS[LOW], ["worry"]).suggested_module == "hurt-not-harm"
    assert feedback(NOT_MET, GOALS[LOW], ["movement"]).suggested_module == "moving-is-hard"
    assert feedback(NOT_MET, GOALS[LOW], []).suggested_module == "will-this-work"
    assert feedback(MET, GOALS[LOW], []).suggested_module is None


def test_top_of_programme_keeps_instead_of_stepping_up():
    top = make_goal(WALKING, 4, 5, 45)
    fb = feedback(MET, top)
    assert fb.recommended == KEEP and STEP_UP not in fb.options


def test_proposals_show_the_goal_each_choice_gives():
    fb = feedback(NOT_MET, GOALS[MIDDLE])
    assert fb.proposals[LOWER].days_per_week == 2
    assert fb.proposals[KEEP] == GOALS[MIDDLE]


def test_unknown_result_or_barrier_is_refused():
    with pytest.raises(ValidationError):
        feedback("great", GOALS[LOW])
    with pytest.raises(ValidationError):
        feedback(MET, GOALS[LOW], ["weather"])


def test_worry_and_movement_modules_come_first_when_several_barriers_are_named():
    assert feedback(PARTLY, GOALS[LOW], ["time", "worry"]).suggested_module == "hurt-not-harm"
    assert feedback(PARTLY, GOALS[LOW], ["pain", "movement"]).suggested_module == "moving-is-hard"

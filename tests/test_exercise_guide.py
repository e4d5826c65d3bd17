"""The exercise guide on the Sessions page: every exercise's picture and steps, with its steps read out."""
import pytest
from PySide6.QtCore import Qt

from sb_desktop.domain.routes import CHAIR
from sb_desktop.ui.sessions.exercise_guide import exercise_markdown, guide_exercises
from sb_desktop.ui.sessions.page import SessionsPage


def make_page(qtbot, app_context):
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def test_the_guide_shows_each_exercise_and_plays_its_spoken_steps(qtbot, app_context):
    page = make_page(qtbot, app_context)
    assert page.exercise_guide_button.isVisible() and page.exercise_guide_button.isEnabled()
    qtbot.mouseClick(page.exercise_guide_button, Qt.MouseButton.LeftButton)
    guide = page.exercise_guide
    assert page.stack.currentIndex() == page.EXERCISES and guide is not None
    assert guide.list.count() == len(page.pack.exercises)
    # Choosing an exercise shows its steps in order and loads the recording of exactly those steps.
    assert guide.show_exercise("knee-rolls")
    exercise = page.pack.exercise("knee-rolls")
    shown = guide.browser.toPlainText()
    assert exercise.title in shown
    positions = [shown.index(step) for step in exercise.steps]
    assert positions == sorted(positions)
    assert guide.narration.isVisible() or guide.narration.isVisibleTo(guide)
    assert guide.narration.audio._source == exercise.narration and exercise.narration.is_file()
    guide.list.setCurrentRow(0)
    assert guide.narration.audio._source == guide.exercises[0].narration
    # Esc (or the back button) returns to the overview and stops the voice.
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == page.OVERVIEW and page.exercise_guide is None


def test_on_the_chair_route_no_floor_exercise_is_shown(qtbot, app_context):
    page = make_page(qtbot, app_context)
    chair = guide_exercises(page.pack, CHAIR)
    assert chair and all(e.position in ("chair", "standing") for e in chair)
    assert len(chair) < len(guide_exercises(page.pack, None))
    levels = [e.level for e in chair]
    assert levels == sorted(levels)


@pytest.mark.parametrize("exercise_id", ["knee-hug", "seated-pelvic-tilt"])
def test_the_guide_text_says_how_many_or_how_long(qtbot, app_context, exercise_id):
    page = make_page(qtbot, app_context)
    exercise = page.pack.exercise(exercise_id)
    text = exercise_markdown(exercise)
    assert text.startswith(f"# {exercise.title}\n")
    assert all(f"{n}. {step}" in text for n, step in enumerate(exercise.steps, start=1))
    if exercise.repetitions:
        assert f"Usually {exercise.repetitions} times." in text
    if exercise.hold_seconds:
        assert f"Hold for about {exercise.hold_seconds} seconds." in text


def test_the_guide_is_closed_while_a_possible_emergency_is_unchecked(qtbot, app_context, profile):
    with profile.transaction():
        profile.safety.record_check({"bladder_bowel": True})
    page = make_page(qtbot, app_context)
    assert not page.exercise_guide_button.isVisibleTo(page)
    with qtbot.waitSignal(app_context.status):
        assert page.show_exercises() is None
    assert page.stack.currentIndex() == page.OVERVIEW

"""The safety net in the window (issue 14), driven offscreen: no answer chosen by accident, corrections,
the first check before the programme, the notice after an urgent answer, the review that does not
congratulate, the routine player's stop rules and stop control, and the chair route."""
import argparse
import datetime as dt

import pytest
from conftest import ROOT, complete_first_check
from PySide6.QtCore import Qt

from sb_desktop.content import load_pack
from sb_desktop.domain import function_check as fc
from sb_desktop.domain.entries import make_activity
from sb_desktop.domain.goals import STEP_UP, make_goal
from sb_desktop.domain.routes import CHAIR, CHAIR_POSITIONS
from sb_desktop.domain.safety import FIRST_START, WEEKLY, questions_for
from sb_desktop.ui.common.context import Change

BUILT_IN = ROOT / "resources" / "content" / "supportback-en"


def _dialog(qtbot, app_context, **kwargs):
    from sb_desktop.ui.safety.red_flags import RedFlagDialog
    dialog = RedFlagDialog(app_context, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _checked(panel, question_id):
    button = panel.groups[question_id].checkedButton()
    return None if button is None else panel.groups[question_id].id(button)


# --- answering: nothing chosen by accident ---

@pytest.mark.first_check_pending
def test_answers_start_empty_and_tab_then_space_chooses_nothing(qtbot, app_context, profile):
    dialog = _dialog(qtbot, app_context)
    panel = dialog.panel
    assert all(group.checkedButton() is None for group in panel.groups.values())
    first = questions_for("first")[0].id           # the bladder question
    focused = dialog.focusWidget()
    assert focused is panel.answer_groups[first], "focus lands on the answer group, not on Yes"
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert _checked(panel, first) is None and not panel.advice_showing
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    second = dialog.focusWidget()
    assert second is panel.answer_groups[questions_for("first")[1].id]
    qtbot.keyClick(second, Qt.Key.Key_Space)
    assert all(group.checkedButton() is None for group in panel.groups.values())
    assert profile.safety.checks() == [], "nothing recorded"
    # Y and N answer; arrows mark, and Space chooses only what is marked.
    qtbot.keyClick(focused, Qt.Key.Key_N)
    assert _checked(panel, first) == 0
    qtbot.keyClick(second, Qt.Key.Key_Right)
    qtbot.keyClick(second, Qt.Key.Key_Space)
    assert _checked(panel, questions_for("first")[1].id) == 0 and not panel.advice_showing


@pytest.mark.first_check_pending
def test_changing_yes_to_no_takes_the_banner_away_and_keeps_both_answers(qtbot, app_context, profile):
    panel = _dialog(qtbot, app_context).panel
    panel.answer_groups["bladder_bowel"].yes.click()
    assert panel.advice_showing and profile.safety.open_escalation() is not None
    panel.advice.ack_button.click()
    assert panel.reminder.isVisible() and "medical help now" in panel.reminder.text()
    panel.answer_groups["bladder_bowel"].no.click()
    assert not panel.reminder.isVisible(), "the 'get medical help now' banner goes when the answer is No"
    assert profile.safety.open_escalation() is None
    answer = profile.safety.checks()[0].answers["bladder_bowel"]
    assert answer["yes"] is False and answer["earlier"][0]["yes"] is True


@pytest.mark.first_check_pending
def test_i_pressed_yes_by_mistake_records_the_correction_and_removes_the_advice(qtbot, app_context, profile):
    dialog = _dialog(qtbot, app_context)
    panel = dialog.panel
    panel.answer_groups["saddle_numbness"].yes.click()
    assert panel.advice_showing and not dialog.later.isEnabled()
    panel.advice.wrong_button.click()
    assert not panel.advice_showing and not panel.reminder.isVisible()
    assert _checked(panel, "saddle_numbness") == 0
    [closed] = profile.safety.escalations()
    assert closed.closed_how == "corrected" and [e.kind for e in closed.events] == ["opened", "corrected"]
    assert all(e.at for e in closed.events)


@pytest.mark.first_check_pending
def test_routine_advice_is_a_calm_note_that_does_not_block(qtbot, app_context, profile):
    dialog = _dialog(qtbot, app_context)
    panel = dialog.panel
    for question in questions_for("first"):
        panel.answer(question.id, question.id == "no_improvement")
    assert not panel.advice_showing and panel.routine_note.isVisible()
    assert "routine appointment" in panel.routine_note.text()
    assert dialog.done_button.isEnabled() and profile.safety.open_escalation() is None


def test_the_weekly_check_asks_history_only_when_it_changed(qtbot, app_context):
    panel = _dialog(qtbot, app_context, check_context=WEEKLY).panel
    asked = {q.id for q in panel.questions}
    assert asked == {q.id for q in questions_for("weekly")}
    assert not panel.row_widgets["cancer"].isVisible()
    for question_id in asked:
        panel.answer(question_id, False)
    assert panel.is_complete()
    panel.history_changed.setChecked(True)
    assert panel.row_widgets["cancer"].isVisible() and not panel.is_complete()


# --- the first check before the programme ---

@pytest.mark.first_check_pending
def test_sessions_and_routines_wait_for_the_first_check(qtbot, app_context, profile, monkeypatch):
    from sb_desktop.ui.sessions.page import SessionsPage
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    assert page.first_check_card is not None and page.first_check_card.isVisible()
    assert not any(button.isEnabled() for button in page.session_buttons.values())
    assert not page.start_routine_button.isEnabled()
    page.open_session("session-1")
    assert page.stack.currentIndex() == page.OVERVIEW
    assert page.start_routine("back-level-0") is None
    # The card's button asks the questions; answered, the programme opens.
    shown = []
    from sb_desktop.ui.safety import red_flags

    def answer_all(dialog):
        shown.append(dialog)
        for question in dialog.panel.questions:
            dialog.panel.answer(question.id, False)
        dialog.done_button.click()
        return 1

    monkeypatch.setattr(red_flags.RedFlagDialog, "exec", answer_all)
    page.first_check_card.button.click()
    assert len(shown) == 1 and profile.safety.status().first_check_complete
    page.refresh()
    assert page.first_check_card is None and page.session_buttons["session-1"].isEnabled()
    page.open_session("session-1")
    assert page.stack.currentIndex() == page.READER


@pytest.mark.first_start_dialog
@pytest.mark.first_check_pending
def test_ask_me_later_brings_the_check_back_at_every_start(qtbot, profiles, monkeypatch):
    from gui_start import start_gui

    from sb_desktop.ui.safety import red_flags
    shown = []
    monkeypatch.setattr(red_flags.RedFlagDialog, "exec", lambda dialog: shown.append(dialog) or 0)  # Ask me later
    profiles.open("Sam").close()
    args = argparse.Namespace(profile=None, demo=False, smoke_test=False, quit_after_show=False)
    for start in (1, 2):
        session, _first, profile = start_gui(args)
        qtbot.addWidget(session.window)
        qtbot.waitUntil(lambda wanted=start: len(shown) == wanted)
        assert shown[-1].panel.check_context == FIRST_START
        session.window.show_page("today")           # Today and the Journal are usable at once
        session.window.show_page("journal")
        assert session.window.current_key() == "journal"
        session.context.close_profile()
        session.window.close()


# --- an urgent answer changes the app until it is resolved ---

def _open_escalation(profile, question="bladder_bowel"):
    check = profile.safety.start_check(WEEKLY)
    profile.safety.record_answer(check.id, question, True)


def test_the_notice_shows_on_every_page_after_a_restart_until_assessed(qtbot, profiles, profile, monkeypatch):
    from gui_start import start_gui
    _open_escalation(profile)
    name = profile.name
    profile.close()
    args = argparse.Namespace(profile=name, demo=False, smoke_test=False, quit_after_show=False)
    session, _first, opened = start_gui(args, interactive=False)
    qtbot.addWidget(session.window)
    notice = session.safety_notice
    window = session.window
    for spec in window.specs:
        window.show_page(spec.key)
        assert notice.isVisible() and window.content.indexOf(notice) < window.content.indexOf(window.stack), spec.key
    assert "medical help now" in notice.title.text() and "999" in notice.text.text()
    with qtbot.waitSignal(session.context.changed):
        notice.not_yet_button.click()
    assert notice.isVisible() and "not been checked yet" in notice.text.text()
    with qtbot.waitSignal(session.context.changed):
        notice.record_assessed(confirm=False)
    assert not notice.isVisible()
    assert opened.safety.status().open_escalation is None
    events = [e.kind for e in opened.safety.escalations()[0].events]
    assert events == ["opened", "not-yet", "assessed"]
    session.context.close_profile()


def test_the_notice_uses_the_clinics_service_names(qtbot, app_context, profile):
    from sb_desktop.domain.clinic_config import parse_clinic_config
    from sb_desktop.ui.safety.notice import EscalationNotice
    app_context.clinic = parse_clinic_config({"version": 1, "emergency": {
        "emergency_phone": "112", "emergency_service": "die Notaufnahme"}})
    notice = EscalationNotice(app_context)
    qtbot.addWidget(notice)
    _open_escalation(profile, "leg_weakness")
    app_context.announce(Change.SAFETY)
    assert not notice.isHidden()
    shown = notice.title.text() + notice.text.text()
    assert "die Notaufnahme" in shown and "112" in shown and "A&E" not in shown and "999" not in shown


def _goal_week_met(profile, days_ago=7):
    start = dt.date.today() - dt.timedelta(days=days_ago)
    goal = profile.goals.set_goal(make_goal("walking", 2, 3, 10, start_date=start))
    for offset in range(days_ago):
        profile.journal.add(make_activity(15, kind="walk", date=start + dt.timedelta(days=offset)))
    return goal


def test_the_weekly_review_never_congratulates_or_steps_up_while_escalated(qtbot, app_context, profile):
    from sb_desktop.ui.goals.review_dialog import FEEDBACK, ReviewDialog
    _goal_week_met(profile)
    dialog = ReviewDialog(app_context)
    qtbot.addWidget(dialog)
    for question in dialog.safety.questions:
        dialog.safety.answer(question.id, False)
    dialog.safety.answer("fever", True)        # an urgent answer in this very review
    dialog.safety.advice.ack_button.click()
    dialog.next.click()
    dialog.go(FEEDBACK)
    message = dialog.message.text()
    for cheer in ("Great", "Well done", "Excellent"):
        assert cheer not in message
    from sb_desktop.domain.goals import DECISIONS
    step_up = dialog.decision_choice.group.button(DECISIONS.index(STEP_UP))
    assert not step_up.isEnabled() and "(suggested)" not in step_up.text()
    assert dialog.decision() != STEP_UP


def test_the_weekly_review_congratulates_when_nothing_is_open(qtbot, app_context, profile):
    from sb_desktop.domain.goals import DECISIONS
    from sb_desktop.ui.goals.review_dialog import FEEDBACK, ReviewDialog
    _goal_week_met(profile)
    dialog = ReviewDialog(app_context)
    qtbot.addWidget(dialog)
    for question in dialog.safety.questions:
        dialog.safety.answer(question.id, False)
    dialog.next.click()
    dialog.go(FEEDBACK)
    assert dialog.decision_choice.group.button(DECISIONS.index(STEP_UP)).isEnabled()
    assert dialog.decision() is None, "a step up is offered, never preselected"


# --- routines: stop rules, the stop control, the chair route ---

@pytest.fixture
def built_in():
    return load_pack(BUILT_IN)


def test_stop_rules_show_before_the_start_and_on_every_exercise(qtbot, app_context, built_in):
    from sb_desktop.ui.sessions.routine_player import RoutinePlayer
    player = RoutinePlayer(app_context, built_in, built_in.routine("back-level-1"))
    qtbot.addWidget(player)
    player.show()
    assert player.stop_rules.isVisible() and "chest" in player.stop_rules.text()
    assert player.unwell_button.isVisible()
    player.sound.setChecked(False)
    player.toggle()
    player.skip()
    assert player.stop_rules.isVisible() and player.unwell_button.isVisible()
    player.timer.stop()


def test_stop_i_feel_unwell_ends_the_routine_shows_advice_and_records_nothing(qtbot, app_context, profile, built_in):
    from sb_desktop.ui.sessions.routine_player import RoutinePlayer
    player = RoutinePlayer(app_context, built_in, built_in.routine("back-level-0"))
    qtbot.addWidget(player)
    player.show()
    player.sound.setChecked(False)
    player.toggle()
    player.run.tick(30)                       # half a minute of real effort
    with qtbot.waitSignal(player.stopped_unwell):
        player.unwell_button.click()
    assert player.stack.currentIndex() == player.UNWELL and not player.timer.isActive()
    assert "999" in player.unwell_text.text() and "rest" in player.unwell_text.text()
    assert profile.journal.entries() == [], "not logged as done"
    player.finish_early()
    assert profile.journal.entries() == []
    with qtbot.waitSignal(player.closed):
        player.unwell_back.click()


def test_every_level_has_a_chair_route_with_no_floor_exercise(built_in):
    chair = [r for r in built_in.routines if r.route == CHAIR and r.programme == "back-exercises"]
    levels = {lv.level for lv in built_in.programme("back-exercises").levels}
    assert {r.level for r in chair} >= levels
    for routine in chair:
        for step in routine.steps:
            assert built_in.exercise(step.exercise).position in CHAIR_POSITIONS, (routine.id, step.exercise)


def test_the_chair_route_player_never_shows_a_floor_exercise(qtbot, app_context, built_in):
    from sb_desktop.ui.sessions.routine_player import RoutinePlayer
    # Even a floor routine handed to the chair-route player shows only chair and standing exercises, and
    # no easier/harder switch leads to the floor (standing back bends' harder version is on the floor).
    player = RoutinePlayer(app_context, built_in, built_in.routine("back-level-1"), route=CHAIR)
    qtbot.addWidget(player)
    seen = []
    while not player.run.finished:
        exercise = built_in.exercise(player.run.item.exercise_id)
        seen.append(exercise.id)
        assert exercise.position in CHAIR_POSITIONS
        for direction in ("easier", "harder"):
            other = player.run.alternative(direction)
            assert other is None or built_in.exercise(other).position in CHAIR_POSITIONS
        player.run.skip()
    assert "standing-back-bend" in seen and "cat-camel" not in seen


def test_the_floor_answer_decides_the_route_offered(qtbot, app_context, profile):
    from sb_desktop.ui.sessions.page import SessionsPage
    answers = {"walk": 1, "chair": 1, "floor": 0, "daily": 1}
    profile.measures.add(fc.as_response(fc.score(answers)))
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    offered = [page.routine_choice.itemData(i) for i in range(page.routine_choice.count())]
    assert offered and all(built_id.startswith(("back-chair", "flare-up-chair")) for built_id in offered)
    player = page.start_routine("back-chair-0")
    assert player is not None and player.route == CHAIR
    assert page.start_routine("back-level-1") is None, "a floor routine is not offered on the chair route"


def test_no_harder_routines_while_escalated(qtbot, app_context, profile):
    from sb_desktop.ui.sessions.page import SessionsPage
    _open_escalation(profile, "fever")
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    offered = [page.routine_choice.itemData(i) for i in range(page.routine_choice.count())]
    levels = {load_pack(BUILT_IN).routine(r).level for r in offered}
    assert levels == {0}
    player = page.start_routine(offered[0])
    assert player is not None and not player.harder_button.isVisible() and not player.allow_harder
    _open_escalation(profile, "bladder_bowel")     # a possible emergency: no routines at all until checked
    page.show_overview()
    assert page.routine_choice.count() == 0 and not page.start_routine_button.isEnabled()


def test_complete_first_check_helper_opens_the_programme(profiles):
    """The helper other tests use answers every first-check question."""
    opened = profiles.open("Helper")
    try:
        assert not opened.safety.status().first_check_complete
        complete_first_check(opened)
        assert opened.safety.status().first_check_complete
    finally:
        opened.close()



def test_session_pages_show_the_clinics_services_and_drop_uk_narration(qtbot, app_context):
    from sb_desktop.domain.clinic_config import parse_clinic_config
    from sb_desktop.ui.sessions.page import SessionsPage
    app_context.clinic = parse_clinic_config({"version": 1, "emergency": {
        "emergency_phone": "112", "emergency_service": "die Notaufnahme"}})
    page = SessionsPage(app_context)
    qtbot.addWidget(page)
    page.show()
    session = page.pack.session("session-1")
    index = [p.id for p in session.pages].index("s1-worries")
    page.open_session("session-1", index)
    shown = page.browser.toPlainText()
    assert "die Notaufnahme" in shown and "112" in shown and "A&E" not in shown and "{{" not in shown
    assert page.narration.isHidden(), "the recording speaks UK service names"


def test_no_higher_goal_level_can_be_chosen_while_escalated(qtbot, app_context, profile):
    from sb_desktop.ui.goals.dialogs import GoalDialog
    current = profile.goals.set_goal(make_goal("walking", 1, 3, 10))
    suggested = fc.score({"walk": 4, "chair": 2, "floor": 2, "daily": 2})
    before = GoalDialog(app_context, suggested=suggested, current=current)
    qtbot.addWidget(before)
    assert before.allowed_levels()[1] > 1
    _open_escalation(profile, "night_pain")
    during = GoalDialog(app_context, suggested=suggested, current=current)
    qtbot.addWidget(during)
    assert during.allowed_levels()[1] == 1
    assert max(during.level.itemData(i) for i in range(during.level.count())) == 1

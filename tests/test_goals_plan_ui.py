"""The goal window's plan and confidence (a smaller goal offered under 7, never chosen for the person), routine
goals on the Goals page and Today, and the review's decision never preselecting a step up (pytest-qt)."""
import datetime as dt

from sb_desktop.domain.entries import make_activity
from sb_desktop.domain.goals import DECISIONS, KEEP, LOWER, ROUTINE, STEP_UP, make_goal
from sb_desktop.domain.routine_log import make_routine_done
from sb_desktop.domain.safety import red_flag_questions


def _goal_dialog(qtbot, app_context, **kwargs):
    from sb_desktop.ui.goals.dialogs import GoalDialog
    dialog = GoalDialog(app_context, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def _walking_20_on_3(dialog):
    dialog.activity.group.button(0).click()
    dialog.level.setCurrentIndex(dialog.level.findData(2))
    dialog.minutes.setValue(20)
    dialog.days.setValue(3)


def test_low_confidence_offers_a_smaller_goal_and_the_person_takes_it(qtbot, app_context, profile):
    dialog = _goal_dialog(qtbot, app_context)
    dialog.show()
    _walking_20_on_3(dialog)
    dialog.plan_when.setText("after breakfast, round the park")
    assert dialog.confidence.value() is None, "nothing chosen until the person chooses"
    dialog.confidence.group.button(5).click()
    dialog.save()
    assert profile.goals.current_goal() is None, "nothing saved before the person has chosen"
    assert dialog.offer.isVisible() and "Walking: 15 minutes on 3 days a week" in dialog.offer_text.text()
    assert dialog.isVisible()
    dialog.save()                                   # Save again while the offer shows: still nothing is assumed
    assert profile.goals.current_goal() is None

    dialog.take_smaller.click()
    assert dialog.minutes.value() == 15 and not dialog.offer.isVisible()
    assert dialog.confidence.value() is None, "asked again how sure, for the smaller goal"
    dialog.confidence.group.button(8).click()
    dialog.save()
    goal = profile.goals.current_goal()
    assert (goal.minutes, goal.days_per_week, goal.confidence, goal.plan_when) == (
        15, 3, 8, "after breakfast, round the park")


def test_low_confidence_can_keep_the_goal_as_it_is(qtbot, app_context, profile):
    dialog = _goal_dialog(qtbot, app_context)
    dialog.show()
    _walking_20_on_3(dialog)
    for day in (0, 2, 4):
        dialog.weekday_boxes[day].setChecked(True)
    dialog.confidence.group.button(6).click()
    dialog.save()
    assert dialog.offer.isVisible()
    dialog.keep_as_is.click()
    goal = profile.goals.current_goal()
    assert (goal.minutes, goal.confidence, goal.plan_days) == (20, 6, (0, 2, 4))


def test_confident_goals_save_straight_away_and_changing_the_rating_withdraws_the_offer(qtbot, app_context, profile):
    dialog = _goal_dialog(qtbot, app_context)
    dialog.show()
    _walking_20_on_3(dialog)
    dialog.confidence.group.button(4).click()
    dialog.save()
    assert dialog.offer.isVisible()
    dialog.confidence.group.button(7).click()
    assert not dialog.offer.isVisible()
    dialog.save()
    assert profile.goals.current_goal().confidence == 7


def test_a_routine_goal_from_the_window_has_no_minutes_to_fill_in(qtbot, app_context, profile):
    dialog = _goal_dialog(qtbot, app_context)
    dialog.show()
    dialog.activity.group.button(2).click()
    assert not dialog.minutes.isVisible() and "routine" in dialog.level_hint.text()
    dialog.level.setCurrentIndex(dialog.level.findData(2))
    dialog.days.setValue(4)
    dialog.confidence.group.button(9).click()
    dialog.save()
    goal = profile.goals.current_goal()
    assert (goal.activity, goal.level, goal.days_per_week, goal.confidence) == (ROUTINE, 2, 4, 9)


def test_goals_page_and_today_read_a_routine_goal_and_show_the_plan(qtbot, app_context, profile):
    from sb_desktop.ui.goals.page import GoalsPage
    from sb_desktop.ui.today.goal_summary import GoalSummaryWidget
    today = dt.date.today()
    profile.goals.set_goal(make_goal(ROUTINE, 2, 4, None, start_date=today, plan_when="before lunch",
                                     confidence=6))
    profile.routine_log.add(make_routine_done("back-level-2", 2, "floor", planned_seconds=600, seconds_done=600,
                                              completed=True, date=today))
    page = GoalsPage(app_context)
    qtbot.addWidget(page)
    page.refresh()
    assert "Level 2 routine on 4 days a week" in page.goal_text.text()
    assert page.progress_text.text().startswith("Done on 1 of 4 days so far")
    assert "before lunch" in page.plan_text.text() and "6 out of 10" in page.plan_text.text()
    summary = GoalSummaryWidget(app_context)
    qtbot.addWidget(summary)
    summary.refresh()
    assert "Level 2 routine" in summary.title.text() and "Done on 1 of 4 days so far" in summary.detail.text()


def _met_week(profile, *, effort):
    start = dt.date.today() - dt.timedelta(days=7)
    profile.goals.set_goal(make_goal("walking", 2, 3, 10, start_date=start))
    profile.journal.add_many([make_activity(12, kind="walk", date=start + dt.timedelta(days=d), effort=effort)
                              for d in range(4)])


def _to_decision(qtbot, app_context):
    from sb_desktop.ui.goals.review_dialog import FEEDBACK, ReviewDialog
    dialog = ReviewDialog(app_context)
    qtbot.addWidget(dialog)
    for question in red_flag_questions():
        dialog.safety.answer(question.id, False)
    dialog.next.click()
    dialog.go(FEEDBACK)
    return dialog


def test_the_review_offers_a_step_up_after_an_easy_week_but_leaves_the_choice_to_the_person(qtbot, app_context,
                                                                                            profile):
    _met_week(profile, effort=2)
    dialog = _to_decision(qtbot, app_context)
    step_up = dialog.decision_choice.group.button(DECISIONS.index(STEP_UP))
    assert step_up.isEnabled() and not step_up.isChecked()
    assert dialog.decision() is None and not dialog.next.isEnabled()
    assert "only if you would like a new challenge" in step_up.text()
    assert "felt manageable" in dialog.suggestion_note.text()
    step_up.click()
    assert dialog.next.isEnabled() and "12 minutes" in dialog.proposal.text()


def test_the_review_keeps_the_goal_after_a_hard_week_and_offers_no_step_up(qtbot, app_context, profile):
    _met_week(profile, effort=8)
    dialog = _to_decision(qtbot, app_context)
    assert dialog.decision() == KEEP and dialog.next.isEnabled()
    assert not dialog.decision_choice.group.button(DECISIONS.index(STEP_UP)).isEnabled()
    assert dialog.decision_choice.group.button(DECISIONS.index(LOWER)).isEnabled()
    assert "felt hard" in dialog.suggestion_note.text()


def test_the_review_reads_a_routine_goal_week_in_routines(qtbot, app_context, profile):
    from sb_desktop.ui.goals.review_dialog import ReviewDialog
    start = dt.date.today() - dt.timedelta(days=7)
    profile.goals.set_goal(make_goal(ROUTINE, 1, 4, None, start_date=start))
    for day in range(3):
        profile.routine_log.add(make_routine_done("back-level-1", 1, "chair", planned_seconds=480, seconds_done=480,
                                                  completed=True, date=start + dt.timedelta(days=day)))
    dialog = ReviewDialog(app_context)
    qtbot.addWidget(dialog)
    assert dialog.week.result == "partly"
    assert dialog.computed.text().startswith("You followed the routine to the end on 3 of 4 days")


def test_a_row_of_enters_never_throws_the_review_away(qtbot, app_context, profile):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    _met_week(profile, effort=2)
    dialog = _to_decision(qtbot, app_context)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    # Nothing is chosen, so Next waits: the keyboard lands on the choices, not on "Not now".
    assert not dialog.next.isEnabled()
    assert not dialog.cancel.hasFocus() and not dialog.cancel.autoDefault() and not dialog.back.autoDefault()
    dialog.cancel.setFocus()
    qtbot.keyClick(dialog.cancel, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Rejected

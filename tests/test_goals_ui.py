"""The Goals page as a new user meets it: function check, goal, a week logged, the review, PSFS (pytest-qt)."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from sb_desktop.domain import function_check as fc
from sb_desktop.domain.entries import make_activity
from sb_desktop.domain.goals import make_goal
from sb_desktop.domain.measures import GROC, PSFS, make_psfs
from sb_desktop.domain.safety import WEEKLY, red_flag_questions
from sb_desktop.storage.goals import GoalStore
from sb_desktop.storage.measures import QuestionnaireStore
from sb_desktop.storage.safety import SafetyStore


@pytest.fixture
def page(qtbot, app_context):
    from sb_desktop.ui.goals.page import GoalsPage
    widget = GoalsPage(app_context)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def test_a_new_user_is_led_through_function_check_then_goal(qtbot, app_context, profile, page, monkeypatch):
    from sb_desktop.ui.goals.dialogs import FunctionCheckDialog, GoalDialog
    assert page.overview.next_step == "function_check"
    assert "function check" in page.next_button.text().lower()

    dialog = FunctionCheckDialog(app_context)
    qtbot.addWidget(dialog)
    save = dialog.buttons.buttons()[0]
    assert not save.isEnabled()
    for qid, value in {"walk": 2, "chair": 1, "floor": 1, "daily": 1}.items():
        dialog.choices[qid].group.button(value).click()
    dialog.save()
    assert dialog.result.walking == (1, 2)
    page.refresh()
    assert page.overview.next_step == "set_goal" and "levels 1 to 2" in page.next_text.text()

    goal_dialog = GoalDialog(app_context, suggested=dialog.result)
    qtbot.addWidget(goal_dialog)
    levels = [goal_dialog.level.itemData(i) for i in range(goal_dialog.level.count())]
    assert levels == [1, 2], "only the suggested range is offered"
    goal_dialog.level.setCurrentIndex(1)
    assert (goal_dialog.minutes.minimum(), goal_dialog.minutes.maximum()) == (10, 20)
    goal_dialog.minutes.setValue(12)
    goal_dialog.days.setValue(4)
    goal_dialog.save()
    goal = GoalStore(profile.db).current_goal()
    assert (goal.activity, goal.level, goal.minutes, goal.days_per_week) == ("walking", 2, 12, 4)

    profile.journal.add(make_activity(15, kind="walk"))
    app_context.journal_changed.emit()
    page.refresh()
    assert "12 minutes on 4 days" in page.goal_text.text()
    assert page.overview.week.days_met == 1 and page.progress.value() == 1
    assert page.overview.next_step == "psfs"


def test_exercise_goal_can_count_repetitions(qtbot, app_context, profile):
    from sb_desktop.ui.goals.dialogs import GoalDialog
    dialog = GoalDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.activity.group.button(1).click()
    assert dialog.reps_widget.isVisibleTo(dialog)
    dialog.use_reps.setChecked(True)
    dialog.reps.setValue(10)
    dialog.save()
    assert GoalStore(profile.db).current_goal().repetitions == 10


def _week_of_walking(profile, start):
    GoalStore(profile.db).set_goal(make_goal("walking", 2, 3, 10, start_date=start))
    profile.journal.add_many([make_activity(m, kind="walk", date=start + dt.timedelta(days=d))
                              for d, m in [(0, 12), (1, 4), (3, 15), (5, 10)]])


def _answer_all_no(panel):
    for question in red_flag_questions():
        panel.answer(question.id, False)


def test_weekly_review_end_to_end(qtbot, app_context, profile, page, monkeypatch):
    from sb_desktop.ui.goals.review_dialog import FEEDBACK, PSFS_STEP, RESULT, SAFETY, WEEKS_STEP, ReviewDialog
    today = dt.date.today()
    start = today - dt.timedelta(days=8)
    _week_of_walking(profile, start)
    QuestionnaireStore(profile.db).add(make_psfs([("socks", 3), ("shop", 4), ("kettle", 2)], date=start))
    page.refresh()
    assert page.overview.next_step == "weekly_review"

    dialog = ReviewDialog(app_context, today=today)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentIndex() == SAFETY and not dialog.next.isEnabled()
    _answer_all_no(dialog.safety)
    assert dialog.next.isEnabled()
    dialog.next.click()
    assert dialog.stack.currentIndex() == RESULT
    assert dialog.week.result == "met" and "3 of 3 days" in dialog.computed.text()
    dialog.next.click()
    assert dialog.stack.currentIndex() == WEEKS_STEP
    dialog.weeks_panel.feel.set_value(2)   # "a bit sore, but it settled"
    dialog.next.click()
    dialog.barrier_boxes["worry"].setChecked(True)
    dialog.next.click()
    assert dialog.stack.currentIndex() == FEEDBACK
    assert "Hurt does not mean harm" in dialog.module_text.text()
    assert dialog.decision() is None and not dialog.next.isEnabled(), "a step up is offered, never chosen for you"
    assert "only if you would like a new challenge" in dialog.decision_choice.group.button(1).text()
    dialog.decision_choice.group.button(1).click()             # the person chooses to step up
    assert dialog.decision() == "step_up" and dialog.next.isEnabled()
    assert "12 minutes" in dialog.proposal.text()
    dialog.next.click()
    assert dialog.stack.currentIndex() == PSFS_STEP
    assert dialog.psfs.rows[0][0].text() == "socks", "the same activities are re-rated"
    for (_name, score), value in zip(dialog.psfs.rows, (6, 4, 2), strict=False):
        score.setValue(value)
    with qtbot.waitSignal(app_context.navigate) as navigated:
        dialog.next.click()
    assert navigated.args == ["sessions"]
    assert dialog.result() == "met"

    store = GoalStore(profile.db)
    review = store.reviews()[0]
    assert (review.result, review.decision, review.barriers, review.suggested_module) == (
        "met", "step_up", ("worry",), "hurt-not-harm")
    assert SafetyStore(profile.db).get(review.safety_check_id).context == WEEKLY
    current = store.current_goal()
    assert current.minutes == 12 and current.start_date == start + dt.timedelta(days=7)
    assert len(QuestionnaireStore(profile.db).responses(PSFS)) == 2
    feel = QuestionnaireStore(profile.db).latest("active_days_feel")
    assert feel.answers["answer"] == "sore_settled" and feel.answers["period_end"] == review.period_end.isoformat()

    page.refresh()
    assert page.overview.next_step == "keep_going"
    assert page.history.topLevelItem(1).childCount() == 1
    assert [p.score for p in page.chart.points] == [3.0, 4.0]


def test_person_can_correct_the_computed_result_and_lower_the_goal(qtbot, app_context, profile):
    from sb_desktop.ui.goals.review_dialog import ReviewDialog
    today = dt.date.today()
    _week_of_walking(profile, today - dt.timedelta(days=7))
    dialog = ReviewDialog(app_context, today=today)
    qtbot.addWidget(dialog)
    _answer_all_no(dialog.safety)
    dialog.next.click()
    dialog.result_choice.set_value(2)              # "not met": the walks were not really as logged
    dialog.next.click()
    dialog.next.click()                            # past "your week in numbers" (its question is optional)
    dialog.barrier_boxes["starting"].setChecked(True)   # pain or stiffness stopped me starting
    dialog.next.click()
    assert dialog.decision() == "lower" and "When moving is hard" in dialog.module_text.text()
    assert "never" not in dialog.message.text().lower() or "not" in dialog.message.text().lower()
    dialog.open_module.setChecked(False)
    dialog.next.click()
    dialog.skip_psfs.setChecked(True)
    dialog.next.click()
    review = GoalStore(profile.db).reviews()[0]
    assert review.computed_result == "met" and review.result == "not_met" and review.decision == "lower"


def test_a_red_flag_in_the_review_shows_advice_before_anything_else(qtbot, app_context, profile):
    from sb_desktop.ui.goals.review_dialog import SAFETY, ReviewDialog
    _week_of_walking(profile, dt.date.today() - dt.timedelta(days=7))
    dialog = ReviewDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.safety.answer("saddle_numbness", True)
    assert dialog.safety.advice_showing and dialog.safety.advice.isVisible()
    assert not dialog.next.isVisible(), "no way forward until the advice is read"
    dialog.reject()
    assert dialog.isVisible()
    dialog.safety.advice.ack_button.click()
    assert dialog.stack.currentIndex() == SAFETY and not dialog.next.isEnabled()
    assert SafetyStore(profile.db).checks()[0].escalation == "emergency"


def test_psfs_and_groc_dialogs_save_and_chart(qtbot, app_context, profile, page):
    from sb_desktop.ui.goals.dialogs import GrocDialog, PsfsDialog
    dialog = PsfsDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.form.set_ratings([("Socks", 2), ("Stairs", 4), ("Shopping", 6)])
    dialog.save()
    assert QuestionnaireStore(profile.db).latest(PSFS).score == 4.0
    groc = GrocDialog(app_context, 6)
    qtbot.addWidget(groc)
    groc.choice.set_value(3 + 2)   # much better
    groc.save()
    assert QuestionnaireStore(profile.db).latest(GROC).answers == {"value": 2, "week": 6}
    page.refresh()
    assert [p.score for p in page.chart.points] == [4.0] and len(page.chart.groc) == 1
    assert "4.0 out of 10" in page.psfs_text.text()


def test_groc_is_offered_at_week_six(qtbot, app_context, profile, page):
    QuestionnaireStore(profile.db).add(fc.as_response(fc.score({"walk": 2, "chair": 1, "floor": 1, "daily": 1}),
                                                      dt.date.today() - dt.timedelta(days=36)))
    GoalStore(profile.db).set_goal(make_goal("walking", 1, 3, 5, start_date=dt.date.today() - dt.timedelta(days=2)))
    page.refresh()
    assert page.overview.groc_week_due == 6 and page.groc_button.isVisibleTo(page)
    assert page.overview.next_step == "groc"


def test_startback_is_optional_labelled_and_scored(qtbot, app_context, profile, page):
    from sb_desktop.domain.measures import STARTBACK, STARTBACK_NOTICE
    from sb_desktop.ui.goals.dialogs import StartBackDialog
    assert "optional" in page.startback_text.text().lower()
    dialog = StartBackDialog(app_context)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(type(page.startback_text)))
    assert STARTBACK_NOTICE in texts and "not its official wording" in texts
    for n, group in dialog.items.items():
        group.set_value(1 if n in (5, 6, 7, 8) else 0)
    dialog.bother.setCurrentIndex(4)   # "very much"
    dialog.save()
    response = QuestionnaireStore(profile.db).latest(STARTBACK)
    assert response.answers["risk"] == "high" and response.score == 5
    page.refresh()
    text = page.startback_text.text()
    assert "risk" not in text.lower(), "never a bare label"
    assert "pain and worry are weighing on you" in text and "support call" in text


def test_goal_summary_for_today(qtbot, app_context, profile):
    from sb_desktop.ui.today.goal_summary import GoalSummaryWidget
    widget = GoalSummaryWidget(app_context)
    qtbot.addWidget(widget)
    widget.refresh()
    assert "No goal yet" in widget.title.text()
    with qtbot.waitSignal(app_context.navigate) as navigated:
        widget.button.click()
    assert navigated.args == ["goals"]
    GoalStore(profile.db).set_goal(make_goal("exercises", 1, 3, 10))
    profile.journal.add(make_activity(12, kind="exercise", source="session"))
    widget.refresh()
    assert "Back exercises" in widget.title.text() and "1 of 3 days" in widget.detail.text()
    app_context.close_profile()
    assert widget.title.text() == ""


def test_page_drops_data_when_the_profile_closes(qtbot, app_context, profile, page):
    _week_of_walking(profile, dt.date.today())
    page.refresh()
    assert page.goal_text.text()
    app_context.close_profile()
    assert page.goal_text.text() == "" and page.history.topLevelItemCount() == 0


def test_next_step_button_opens_the_right_dialog(qtbot, app_context, page, monkeypatch):
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    page.next_button.click()
    assert opened == ["FunctionCheckDialog"]


@pytest.mark.first_check_pending
def test_goals_wait_for_the_first_safety_check(qtbot, app_context, page, monkeypatch):
    """Goals and the function check wait; the next-step card asks the safety questions, and nothing else
    opens while they are left for later ("Ask me later" leaves the dialog with 0)."""
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    page.refresh()
    assert "safety questions" in page.next_button.text()
    assert not page.check_button.isEnabled() and not page.change_button.isEnabled()
    page.next_button.click()
    assert opened == ["RedFlagDialog"], "safety questions first, and the function check waits"
    page.function_check()
    assert opened == ["RedFlagDialog", "RedFlagDialog"]
    from conftest import complete_first_check
    complete_first_check(app_context.profile)
    page.refresh()
    assert page.check_button.isEnabled()
    page.next_button.click()
    assert opened[-1] == "FunctionCheckDialog"


def test_an_early_review_covers_the_days_so_far(qtbot, app_context, profile):
    from sb_desktop.ui.goals.review_dialog import ReviewDialog
    today = dt.date.today()
    _week_of_walking(profile, today - dt.timedelta(days=4))
    dialog = ReviewDialog(app_context, today=today)
    qtbot.addWidget(dialog)
    _answer_all_no(dialog.safety)
    for _step in range(4):
        dialog.next.click()
    assert dialog.decision() is None               # a met week: step up is offered, never chosen for them
    dialog.decision_choice.group.button(1).click()  # they choose it
    dialog.next.click()
    dialog.skip_psfs.setChecked(True)
    dialog.next.click()
    store = GoalStore(profile.db)
    review = store.reviews()[0]
    assert review.period_end == today
    assert store.current_goal().start_date == today + dt.timedelta(days=1)


def test_changing_goal_keeps_a_level_reached_beyond_the_first_suggestion(qtbot, app_context, profile):
    from sb_desktop.ui.goals.dialogs import GoalDialog
    suggested = fc.score({"walk": 1, "chair": 1, "floor": 1, "daily": 1})     # walking 0-1
    current = GoalStore(profile.db).set_goal(make_goal("walking", 3, 4, 25))
    dialog = GoalDialog(app_context, suggested=suggested, current=current)
    qtbot.addWidget(dialog)
    levels = [dialog.level.itemData(i) for i in range(dialog.level.count())]
    assert levels == [0, 1, 2, 3, 4]
    assert dialog.level.currentData() == 3 and dialog.minutes.value() == 25 and dialog.days.value() == 4
    dialog.activity.group.button(1).click()       # back exercises: only the suggested range
    assert [dialog.level.itemData(i) for i in range(dialog.level.count())] == list(range(suggested.exercises[0], suggested.exercises[1] + 1))


def test_review_opens_the_suggested_module_in_sessions(qtbot, app_context, profile):
    from PySide6.QtWidgets import QWidget

    from sb_desktop.ui.goals.review_dialog import ReviewDialog

    class FakeSessions:
        opened = []

        def open_module(self, module_id):
            self.opened.append(module_id)

    class Window(QWidget):
        def page(self, key):
            assert key == "sessions"
            return FakeSessions()

    window = Window()
    qtbot.addWidget(window)
    _week_of_walking(profile, dt.date.today() - dt.timedelta(days=7))
    dialog = ReviewDialog(app_context, window)
    _answer_all_no(dialog.safety)
    dialog.next.click()
    dialog.next.click()
    dialog.next.click()                            # past "your week in numbers"
    dialog.barrier_boxes["worry"].setChecked(True)
    dialog.next.click()
    dialog.decision_choice.group.button(0).click()   # keep: the week was met, so nothing was chosen for them
    dialog.next.click()
    dialog.skip_psfs.setChecked(True)
    dialog.next.click()
    assert FakeSessions.opened == ["hurt-not-harm"]


def test_goal_and_rating_numbers_are_never_silently_changed(qtbot, app_context, profile, monkeypatch):
    """500 minutes is refused with a message naming the field, not turned into 5; 'abc15' is not a rating."""
    from sb_desktop.ui.goals import dialogs
    from sb_desktop.ui.goals.dialogs import GoalDialog, PsfsDialog

    warnings = []
    monkeypatch.setattr(dialogs.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    goal_dialog = GoalDialog(app_context)
    qtbot.addWidget(goal_dialog)
    goal_dialog.minutes.edit.setText("500")
    assert "500 is outside" in goal_dialog.summary.text()
    goal_dialog.save()
    assert goal_dialog.minutes.text() == "500" and profile.goals.current_goal() is None
    assert warnings and "Minutes each day" in warnings[-1]

    ratings = PsfsDialog(app_context)
    qtbot.addWidget(ratings)
    for (name, score), (text, typed) in zip(ratings.form.rows, [("Walking", "abc15"), ("Bending", "4"),
                                                                  ("Sitting", "6")], strict=False):
        name.setText(text)
        score.edit.setText(typed)
    ratings.save()
    assert "'abc15' is not a whole number" in warnings[-1]
    assert profile.measures.responses() == []


def test_review_shows_this_week_against_the_weeks_before_and_links_to_progress(qtbot, app_context, profile):
    from sb_desktop.domain.entries import make_activity, make_pain
    from sb_desktop.ui.goals.review_dialog import WEEKS_STEP, ReviewDialog
    today = dt.date.today()
    start = today - dt.timedelta(days=7)
    _week_of_walking(profile, start)
    for day in range(1, 36):
        date = start - dt.timedelta(days=day)
        profile.journal.add(make_pain(6, date=date))
        profile.journal.add(make_activity(10, kind="walk", date=date))
    for day in range(7):
        profile.journal.add(make_pain(4, date=start + dt.timedelta(days=day)))
    dialog = ReviewDialog(app_context, today=today)
    qtbot.addWidget(dialog)
    _answer_all_no(dialog.safety)
    dialog.next.click()
    dialog.next.click()
    assert dialog.stack.currentIndex() == WEEKS_STEP
    panel = dialog.weeks_panel
    assert "This week: average pain 4.0" in panel.figures.text()
    assert "The 4 weeks before: average pain 6.0" in panel.figures.text()
    assert panel.weeks.more_active_days, "the walking days were above the usual 10 minutes"
    assert "more active than your usual on" in panel.findChildren(type(panel.figures))[1].text()
    assert "What your data says so far" in panel.insight.text()
    with qtbot.waitSignal(app_context.navigate) as navigated:
        panel.progress_button.click()
    assert navigated.args == ["progress"]

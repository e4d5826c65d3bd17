"""Tailoring in the window (pytest-qt): the review's barrier list and where it leads, the About-you questions,
the topic chooser's "Suggested for you", and the STarT Back result in words."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from sb_desktop.domain.entries import make_activity
from sb_desktop.domain.goals import make_goal
from sb_desktop.domain.measures import make_startback
from sb_desktop.domain.review import GoalReview
from sb_desktop.domain.safety import red_flag_questions
from sb_desktop.domain.tailoring import ABOUT_YOU, AboutYou, make_about_you
from sb_desktop.storage.goals import GoalStore
from sb_desktop.storage.sessions import SessionStore

PACK = "supportback-en"


def _week_of_walking(profile, start):
    GoalStore(profile.db).set_goal(make_goal("walking", 2, 3, 10, start_date=start))
    profile.journal.add_many([make_activity(m, kind="walk", date=start + dt.timedelta(days=d))
                              for d, m in [(0, 12), (1, 4), (3, 15)]])


def _to_barriers(dialog):
    from sb_desktop.ui.goals.review_dialog import BARRIER_STEP
    for question in red_flag_questions():
        dialog.safety.answer(question.id, False)
    while dialog.stack.currentIndex() < BARRIER_STEP:
        dialog.next.click()
    assert dialog.stack.currentIndex() == BARRIER_STEP


class FakeSessions:
    def __init__(self):
        self.opened = []

    def open_topic(self, module_id, pages):
        self.opened.append((module_id, tuple(pages)))


def test_the_review_lists_the_trial_barriers_and_sore_leads_to_the_soreness_page(qtbot, app_context, profile):
    from sb_desktop.ui.goals.review_dialog import ReviewDialog
    sessions = FakeSessions()

    class Window(QWidget):
        def page(self, key):
            return sessions

    window = Window()
    qtbot.addWidget(window)
    _week_of_walking(profile, dt.date.today() - dt.timedelta(days=7))
    dialog = ReviewDialog(app_context, window)
    _to_barriers(dialog)
    assert [box.text() for box in dialog.barrier_boxes.values()] == [
        "I doubted it would help", "I was sore after last time", "I worried it was doing harm",
        "Pain or stiffness stopped me starting", "No time", "Low mood", "Poor sleep", "Work", "A flare-up",
        "Something else"]
    assert all(box.isVisibleTo(dialog) for box in dialog.barrier_boxes.values())
    dialog.barrier_boxes["sore"].setChecked(True)
    dialog.next.click()
    assert "Hurt does not mean harm" in dialog.module_text.text()
    assert "a little less than last time" in dialog.tips.text()
    dialog.next.click()
    dialog.skip_psfs.setChecked(True)
    with qtbot.waitSignal(app_context.navigate):
        dialog.next.click()
    assert sessions.opened == [("hurt-not-harm", ("hurt-not-harm-soreness",))]
    assert GoalStore(profile.db).reviews()[0].barriers == ("sore",)


def test_no_time_leads_to_pacing_not_daily_living(qtbot, app_context, profile):
    from sb_desktop.ui.goals.review_dialog import ReviewDialog
    _week_of_walking(profile, dt.date.today() - dt.timedelta(days=7))
    dialog = ReviewDialog(app_context)
    qtbot.addWidget(dialog)
    _to_barriers(dialog)
    dialog.barrier_boxes["time"].setChecked(True)
    dialog.next.click()
    assert "Pacing: little and often" in dialog.module_text.text()
    assert "Daily living" not in dialog.module_text.text()


def _sessions_page(qtbot, app_context, today=None):
    from sb_desktop.ui.sessions.page import SessionsPage
    page = SessionsPage(app_context, today=(lambda: today) if today else None)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def test_the_review_link_opens_the_page_in_sessions_falling_back_while_session_2_is_locked(qtbot, app_context, profile):
    page = _sessions_page(qtbot, app_context)
    page.open_topic("hurt-not-harm", ("hurt-not-harm-soreness",))
    assert page.stack.currentIndex() == page.READER and page.current_page.id == "hurt-not-harm-soreness"
    pacing = ("s2-pacing", "moving-is-hard-pacing-from-very-little")
    page.open_topic("moving-is-hard", pacing)     # session 2 is not open yet
    assert page.current_page.id == "moving-is-hard-pacing-from-very-little"
    SessionStore(profile.db, PACK).finish("session-1", at="2026-01-01T10:00:00+00:00")
    page.open_topic("moving-is-hard", pacing)
    assert page.current_page.id == "s2-pacing" and page.group.id == "session-2"


def test_about_you_is_asked_in_session_one_and_kept(qtbot, app_context, profile, monkeypatch):
    from sb_desktop.ui.sessions.about_you import AboutYouCard, AboutYouDialog
    page = _sessions_page(qtbot, app_context)
    page.open_session("session-1", 2)
    assert page.current_page.id == "s1-worries"
    card = page.about_you
    assert isinstance(card, AboutYouCard)
    qtbot.waitUntil(lambda: card.isVisibleTo(page))
    assert card.open_button.text() == "Answer 3 questions…"

    dialog = AboutYouDialog(app_context)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled(), "nothing answered: nothing to save"
    dialog.form.expectation.group.button(2).click()          # I am not sure
    dialog.form.damage.group.button(2).click()               # Yes, I think so
    dialog.form.hardest["sleep"].setChecked(True)
    assert save.isEnabled()
    save.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = profile.measures.latest(ABOUT_YOU)
    assert stored.answers == {"expectation": "not_sure", "damage_belief": "yes", "hardest": ["sleep"]}

    again = AboutYouDialog(app_context)
    qtbot.addWidget(again)
    assert again.form.damage.value() == 2 and again.form.hardest["sleep"].isChecked()
    monkeypatch.setattr(AboutYouDialog, "exec", lambda self: 0)
    card.ask()
    assert card.open_button.text() == "Change my answers…"


def _chooser(qtbot, app_context, profile):
    SessionStore(profile.db, PACK).finish("session-1", at="2026-01-01T10:00:00+00:00")
    page = _sessions_page(qtbot, app_context)
    page.open_session("session-2", 4)
    assert page.current_page.id == "s2-choose-module"
    chooser = page.module_chooser
    qtbot.waitUntil(lambda: chooser.isVisible() and chooser.buttons["sleep"].geometry().height() < 200)
    return page, chooser


def test_the_module_chooser_shows_suggested_topics_first_with_reasons(qtbot, app_context, profile):
    with profile.transaction():
        profile.measures.add(make_about_you(AboutYou("not_sure", "yes", ("work",))))
    page, chooser = _chooser(qtbot, app_context, profile)
    assert chooser.suggested_heading.text() == "Suggested for you"
    assert chooser.shown_order()[:3] == ["hurt-not-harm", "will-this-work", "work"]
    labels = [label.text() for label in chooser.findChildren(QLabel) if label.isVisibleTo(chooser)]
    assert "Because you said you were not sure it would help" in labels
    # The suggested topics are above the rest on screen, and every topic can still be chosen.
    first = chooser.buttons["hurt-not-harm"].mapTo(chooser, chooser.buttons["hurt-not-harm"].rect().topLeft()).y()
    for module in page.pack.modules:
        button = chooser.buttons[module.id]
        assert button.isVisibleTo(chooser) and button.isEnabled()
        if module.id not in chooser.shown_order()[:3]:
            assert button.mapTo(chooser, button.rect().topLeft()).y() > first
    chooser.select("sleep")
    with qtbot.waitSignal(chooser.saved) as saved:
        chooser.save_button.click()
    assert saved.args == ["sleep"]
    assert SessionStore(profile.db, PACK).module_for_session("session-2") == "sleep"


def test_the_chooser_follows_the_startback_group(qtbot, app_context, profile):
    page, chooser = _chooser(qtbot, app_context, profile)
    assert chooser.suggestions == [] and not hasattr(chooser, "suggested_heading")
    agree = {n: n in (5, 6, 7, 8) for n in range(1, 9)}
    with profile.transaction():
        profile.measures.add(make_startback(agree, 3))
    page.show_page(4)
    assert page.module_chooser.shown_order()[:3] == ["hurt-not-harm", "will-this-work", "worry"]


def test_old_review_codes_show_their_words_in_the_goals_history(qtbot, app_context, profile):
    from sb_desktop.ui.goals.page import GoalsPage
    goal = GoalStore(profile.db).set_goal(make_goal("walking", 2, 3, 10, start_date=dt.date(2026, 1, 5)))
    with profile.transaction():
        profile.goals.add_review(GoalReview(
            goal_id=goal.id, period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 11), computed_result="partly",
            result="partly", days_met=2, days_active=3, minutes_total=30, barriers=("pain", "movement", "time"),
            decision="keep", feedback="", suggested_module="moving-is-hard"))
    page = GoalsPage(app_context)
    qtbot.addWidget(page)
    page.refresh()
    text = page.history.topLevelItem(0).child(0).text(1)
    assert "Pain, I could not do the movement, No time" in text and "When moving is hard" in text


@pytest.mark.parametrize("agreed, bother, words", [
    ((5, 6, 7, 8), 3, "pain and worry are weighing on you"),
    ((1, 2, 3, 4), 0, "getting in the way of some everyday things"),
    ((), 0, "not troubling you a great deal"),
])
def test_the_startback_result_is_explained_never_a_bare_label(qtbot, app_context, profile, agreed, bother, words):
    from sb_desktop.ui.goals.measures_dialogs import StartBackDialog
    from sb_desktop.ui.goals.page import GoalsPage
    dialog = StartBackDialog(app_context)
    qtbot.addWidget(dialog)
    for n, group in dialog.items.items():
        group.set_value(1 if n in agreed else 0)
    dialog.bother.setCurrentIndex(bother + 1)
    dialog.save()
    assert dialog.result_text.isVisibleTo(dialog) and not dialog.questions.isVisibleTo(dialog)
    shown = dialog.result_text.text()
    assert words in shown and "risk" not in shown.lower()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    close.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    page = GoalsPage(app_context)
    qtbot.addWidget(page)
    page.refresh()
    assert words in page.startback_text.text() and "risk" not in page.startback_text.text().lower()


def test_barriers_from_recent_reviews_lead_the_suggestions_and_old_ones_fade(qtbot, app_context, profile):
    goal = GoalStore(profile.db).set_goal(make_goal("walking", 2, 3, 10, start_date=dt.date.today() - dt.timedelta(days=70)))

    def review(days_ago, barriers):
        end = dt.date.today() - dt.timedelta(days=days_ago)
        with profile.transaction():
            profile.goals.add_review(GoalReview(
                goal_id=goal.id, period_start=end - dt.timedelta(days=6), period_end=end, computed_result="partly",
                result="partly", days_met=1, days_active=2, minutes_total=20, barriers=barriers, decision="keep",
                feedback="", suggested_module=None))

    review(60, ("work",))        # two months ago: says little about now
    review(3, ("sleep",))
    page, chooser = _chooser(qtbot, app_context, profile)
    assert [s.module_id for s in chooser.suggestions] == ["sleep"]
    assert chooser.suggestions[0].reason == "Because in a recent review you said: \u201cPoor sleep\u201d"

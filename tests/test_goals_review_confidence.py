"""Every goal gets a confidence rating, next week's too: the weekly review asks how sure the person is of the goal
it sets (optional), offers a smaller goal under 7 the way the goal window does (never choosing for them), and
stores the rating with the new goal, or on the kept goal. And the goal window fits a laptop screen at 150% text
without scrolling (pytest-qt; the screen check runs in a subprocess with QT_SCALE_FACTOR=1.5)."""
import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, complete_first_check, run_cli

from sb_desktop.domain.entries import make_activity
from sb_desktop.domain.goals import DECISIONS, KEEP, LOWER, STEP_UP, WALKING, lowered, make_goal, stepped_up
from sb_desktop.domain.progression import smaller_choice, suggest_next


def _week_done(profile, *, effort, minutes=16, confidence=None):
    """A walking goal (level 2, 16 minutes on 3 days, with a plan) whose week is over and was met."""
    start = dt.date.today() - dt.timedelta(days=7)
    goal = profile.goals.set_goal(make_goal(WALKING, 2, 3, minutes, start_date=start, plan_when="after lunch",
                                            plan_days="mon,wed,fri", confidence=confidence))
    profile.journal.add_many([make_activity(minutes + 1, kind="walk", date=start + dt.timedelta(days=d),
                                            effort=effort) for d in range(4)])
    return goal


def _at_decision(qtbot, context):
    from test_goals_plan_ui import _to_decision
    dialog = _to_decision(qtbot, context)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog, decision):
    dialog.decision_choice.group.button(DECISIONS.index(decision)).click()


def _rate(dialog, n):
    dialog.next_confidence.group.button(n).click()


def _finish(qtbot, dialog):
    from sb_desktop.ui.goals.review_dialog import PSFS_STEP
    assert dialog.next.isEnabled()
    dialog.next.click()
    assert dialog.stack.currentIndex() == PSFS_STEP
    dialog.skip_psfs.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.next.click()
    return dialog.saved


def test_the_review_asks_how_sure_and_stores_the_rating_with_next_weeks_goal(qtbot, profiles):
    """Run on the profile the command line reads, so `goals --json` shows what the review stored."""
    from sb_desktop.ui.common.context import AppContext
    profile = profiles.open("default")
    complete_first_check(profile)
    old = _week_done(profile, effort=2, confidence=4)          # met and easy: a step up is on offer
    context = AppContext(profiles, profile)
    dialog = _at_decision(qtbot, context)
    question = dialog.next_confidence
    assert question.isVisible() and "How sure are you that you can do next week's goal?" in question.question.text()
    assert question.value() is None, "nothing chosen until the person chooses"
    _choose(dialog, STEP_UP)
    assert question.value() is None, "the old goal's rating is not carried over to the new one"
    assert dialog.next.isEnabled(), "the rating is optional"
    _rate(dialog, 8)
    assert not dialog.smaller_offer.isVisible()
    saved = _finish(qtbot, dialog)
    goal = profile.goals.current_goal()
    assert saved.new_goal_id == goal.id != old.id
    assert (goal.minutes, goal.confidence, goal.plan_when, goal.plan_days) == (
        stepped_up(old).minutes, 8, "after lunch", (0, 2, 4)), "the plan carries over as before"
    assert profile.goals.get(old.id).confidence == 4, "the old goal keeps its own rating"
    context.undo_stack.clear()
    profile.close()
    report = json.loads(run_cli("goals", "--json").stdout)
    assert report["goal"]["id"] == goal.id and report["goal"]["confidence"] == 8


def test_under_7_the_review_offers_a_smaller_goal_and_the_person_takes_it(qtbot, app_context, profile):
    old = _week_done(profile, effort=8)     # met but hard: keep is suggested, smaller on offer
    dialog = _at_decision(qtbot, app_context)
    assert dialog.decision() == KEEP
    _rate(dialog, 5)
    offer = dialog.smaller_offer
    assert offer.isVisible() and "You are 5 out of 10 sure" in offer.text.text()
    assert "Walking: 11 minutes on 3 days a week" in offer.text.text()
    assert not dialog.next.isEnabled(), "Next waits for the person's choice; nothing is chosen for them"
    assert not offer.take_smaller.autoDefault() and not offer.keep_as_is.autoDefault()
    assert dialog.decision() == KEEP, "the goal is not made smaller for them"

    offer.take_smaller.click()
    assert dialog.decision() == LOWER and "Next week: Walking: 11 minutes" in dialog.proposal.text()
    assert dialog.next_confidence.value() is None and "How sure are you now?" in dialog.proposal.text()
    assert not offer.isVisible()
    _rate(dialog, 4)                                    # still unsure: smaller again is offered
    assert offer.isVisible() and "Walking: 10 minutes on 3 days a week" in offer.text.text()
    offer.take_smaller.click()
    assert dialog.decision() == LOWER and "Next week: Walking: 10 minutes" in dialog.proposal.text()
    _rate(dialog, 8)
    saved = _finish(qtbot, dialog)
    goal = profile.goals.current_goal()
    assert saved.decision == LOWER and saved.new_goal_id == goal.id != old.id
    assert (goal.minutes, goal.days_per_week, goal.confidence, goal.plan_when) == (10, 3, 8, "after lunch")


def test_under_7_the_person_can_keep_the_goal_and_the_rating_is_stored_on_it(qtbot, app_context, profile):
    """Keeping the goal starts no new goal: the same goal carries on, with the new week's rating on it."""
    old = _week_done(profile, effort=8, confidence=9)
    dialog = _at_decision(qtbot, app_context)
    _rate(dialog, 6)
    assert dialog.smaller_offer.isVisible() and not dialog.next.isEnabled()
    dialog.smaller_offer.keep_as_is.click()
    assert not dialog.smaller_offer.isVisible() and dialog.next.isEnabled() and dialog.decision() == KEEP
    saved = _finish(qtbot, dialog)
    goal = profile.goals.current_goal()
    assert saved.decision == KEEP and saved.new_goal_id is None
    assert (goal.id, goal.minutes, goal.confidence) == (old.id, 16, 6)
    assert len(profile.goals.goals()) == 1


def test_a_step_up_made_smaller_is_the_goal_as_it_is(qtbot, app_context, profile):
    old = _week_done(profile, effort=2)
    dialog = _at_decision(qtbot, app_context)
    _choose(dialog, STEP_UP)
    _rate(dialog, 3)
    assert "Walking: 16 minutes on 3 days a week" in dialog.smaller_offer.text.text()
    dialog.smaller_offer.take_smaller.click()
    assert dialog.decision() == KEEP and dialog.next_confidence.value() is None
    _rate(dialog, 7)
    assert not dialog.smaller_offer.isVisible()
    _finish(qtbot, dialog)
    assert profile.goals.current_goal().id == old.id and profile.goals.current_goal().confidence == 7


def test_leaving_the_question_out_stores_no_rating(qtbot, app_context, profile):
    old = _week_done(profile, effort=8, confidence=9)
    dialog = _at_decision(qtbot, app_context)
    _choose(dialog, LOWER)
    assert dialog.next_confidence.value() is None and dialog.next.isEnabled()
    saved = _finish(qtbot, dialog)
    goal = profile.goals.current_goal()
    assert saved.new_goal_id == goal.id != old.id and goal.minutes == lowered(old).minutes
    assert goal.confidence is None, "no rating given, none stored (the old goal's is not carried over)"


def test_a_changed_choice_withdraws_the_offer_and_enter_never_passes_it(qtbot, app_context, profile):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    _week_done(profile, effort=2)
    dialog = _at_decision(qtbot, app_context)
    _choose(dialog, KEEP)
    _rate(dialog, 5)
    assert dialog.smaller_offer.isVisible()
    qtbot.keyClick(dialog.next_confidence.group.button(5), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Rejected
    assert dialog.smaller_offer.isVisible() and dialog.decision() == KEEP, "Enter chose nothing for them"
    _rate(dialog, 7)
    assert not dialog.smaller_offer.isVisible() and dialog.next.isEnabled()


def test_smaller_choice_walks_down_the_reviews_own_choices():
    goal = make_goal(WALKING, 2, 3, 16)
    s = suggest_next("met", goal)
    assert smaller_choice(STEP_UP, s.options, s.proposals) == (KEEP, goal)
    assert smaller_choice(KEEP, s.options, s.proposals) == (LOWER, lowered(goal))
    assert smaller_choice(LOWER, s.options, s.proposals) == (LOWER, lowered(lowered(goal)))
    bottom = make_goal("routine", 0, 1, None)
    s = suggest_next("not_met", bottom)
    assert LOWER not in s.options and smaller_choice(KEEP, s.options, s.proposals) is None


def test_a_bad_rating_for_a_kept_goal_is_refused_and_nothing_is_written(profile):
    from sb_desktop.domain.errors import UserError
    from sb_desktop.domain.review import GoalReview
    goal = _week_done(profile, effort=2, confidence=8)
    review = GoalReview(goal_id=goal.id, period_start=goal.start_date, period_end=goal.start_date + dt.timedelta(days=6),
                        computed_result="met", result="met", days_met=4, days_active=4, minutes_total=68, barriers=(),
                        decision=KEEP, feedback="")
    with pytest.raises(UserError):
        profile.goals.add_review(review, kept_confidence=11)
    assert profile.goals.reviews() == [] and profile.goals.current_goal().confidence == 8


# --- the goal window at 150% text on a 1366x768 laptop ---

_MEASURE = r"""
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
import sb_desktop.storage
from sb_desktop.storage.profiles import ProfileDirectory
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.fit import fits_screen, install_dialog_fitter
from sb_desktop.ui.goals.dialogs import GoalDialog
install_dialog_fitter(app)
profiles = ProfileDirectory(os.environ["SB_DESKTOP_DATA_DIR"])
context = AppContext(profiles, profiles.open("Test person"))
out = {"screen": context and app.primaryScreen().availableGeometry().height()}
for state in ("plain", "exercises", "offer"):
    dialog = GoalDialog(context)
    if state == "exercises":   # one row more (repetitions instead of minutes)
        dialog.activity.group.button(1).click()
    if state == "offer":
        dialog.plan_when.setText("after breakfast, round the park")
        dialog.confidence.set_value(5)
        dialog.offer_smaller(dialog.goal())
    dialog.show()
    app.processEvents()
    bar = dialog.scroll.verticalScrollBar()
    from PySide6.QtWidgets import QScrollArea
    out[state] = {"hint": dialog.sizeHint().height(), "height": dialog.frameGeometry().height(),
                  "rescrolled": dialog.findChild(QScrollArea, "dialog-scroll") is not None,
                  "scroll": bar.maximum(), "page": bar.pageStep(), "fits": fits_screen(dialog),
                  "offer_in_view": dialog.rect().contains(dialog.offer.geometry()) if state == "offer" else None}
    dialog.close()
print(json.dumps(out))
"""


def test_the_goal_window_fits_a_laptop_at_150_percent_text_without_scrolling(tmp_path):
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", QT_SCALE_FACTOR="1.5",
               SB_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", _MEASURE], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    plain, exercises, offer = out["plain"], out["exercises"], out["offer"]
    assert out["screen"] == 512, "1366x768 at 150%"
    for state in (plain, exercises, offer):   # room left for a real window's title bar; never wrapped in a second scroller
        assert state["fits"] and state["height"] <= 512 - 40 and not state["rescrolled"]
    assert plain["scroll"] == 0 and exercises["scroll"] == 0, "the whole form is in view, no scrolling"
    # With the smaller goal on offer the offer and the buttons stay whole and in view; the form scrolls a little.
    assert offer["offer_in_view"]
    assert offer["scroll"] < offer["page"] / 2, "a little scrolling at most"

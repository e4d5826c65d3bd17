"""Every dialog the app shows, built for a look without being run: the smoke test's screenshots use it.

Each builder takes (context, window) and returns a dialog that has not been shown yet. A new dialog is
added here so `--smoke-test --screenshots DIR` renders it and the tests check that it fits the screen.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple


class DialogSpec(NamedTuple):
    name: str
    build: Callable


def _edit_entry(context, window):
    from sb_desktop.domain.entries import make_pain
    from sb_desktop.ui.journal.page import EditEntryDialog
    entries = context.profile.journal.entries()
    return EditEntryDialog(entries[0] if entries else make_pain(3, date=dt.date.today()), window)


def _goal(context, window):
    from sb_desktop.ui.goals.dialogs import GoalDialog
    return GoalDialog(context, window)


def _goal_low_confidence(context, window):
    """The goal window after a rating under 7: the smaller goal on offer, waiting for the person's choice."""
    from sb_desktop.ui.goals.dialogs import GoalDialog
    overview = context.profile.overview()
    dialog = GoalDialog(context, window, suggested=overview.function_check, current=overview.goal)
    dialog.plan_when.setText(dialog.plan_when.text() or "after breakfast, round the park")
    dialog.confidence.set_value(5)
    dialog.offer_smaller(dialog.goal())
    return dialog


def _review_decision(context, window):
    """The weekly review at its decision: next week's goal, with the suggestion and why."""
    from sb_desktop.ui.goals.review_dialog import FEEDBACK, ReviewDialog
    dialog = ReviewDialog(context, window)
    dialog.go(FEEDBACK)
    return dialog


def _review_unsure(context, window):
    """The weekly review's decision with next week's goal rated under 7: the smaller goal on offer."""
    from sb_desktop.domain.goals import DECISIONS, KEEP
    dialog = _review_decision(context, window)
    if dialog.decision() is None:
        dialog.decision_choice.group.button(DECISIONS.index(KEEP)).click()
    dialog.next_confidence.group.button(5).click()
    return dialog


def _function_check(context, window):
    from sb_desktop.ui.goals.dialogs import FunctionCheckDialog
    return FunctionCheckDialog(context, window)


def _psfs(context, window):
    from sb_desktop.ui.goals.dialogs import PsfsDialog
    return PsfsDialog(context, window)


def _global_change(context, window):
    from sb_desktop.ui.goals.dialogs import GrocDialog
    return GrocDialog(context, 2, window)


def _startback(context, window):
    from sb_desktop.ui.goals.dialogs import StartBackDialog
    return StartBackDialog(context, window)


def _startback_result(context, window):
    from sb_desktop.domain.measures import make_startback
    from sb_desktop.ui.goals.dialogs import StartBackDialog
    dialog = StartBackDialog(context, window)
    # Shown as after saving the higher group's answers; nothing is written.
    dialog.show_result(make_startback({n: n in (5, 6, 7, 8) for n in range(1, 9)}, 3))
    return dialog


def _about_you(context, window):
    from sb_desktop.ui.sessions.about_you import AboutYouDialog
    return AboutYouDialog(context, window)


def _review_barriers(context, window):
    from sb_desktop.ui.goals.review_dialog import BARRIER_STEP, ReviewDialog
    dialog = ReviewDialog(context, window)
    dialog.go(BARRIER_STEP)   # a look at "what got in the way" (the safety answers are not recorded)
    return dialog


def _review(context, window):
    from sb_desktop.ui.goals.review_dialog import ReviewDialog
    return ReviewDialog(context, window)


def _red_flags(context, window):
    from sb_desktop.domain.safety import FIRST_START
    from sb_desktop.ui.safety.red_flags import RedFlagDialog
    return RedFlagDialog(context, FIRST_START, window)


def _flare_plan(context, window):
    from sb_desktop.ui.safety.flare_plan import FlarePlanDialog
    return FlarePlanDialog(context, window)


def _reminders(context, window):
    from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog
    return ReminderSettingsDialog(context, window)


def _export(context, window):
    from sb_desktop.ui.exchange.dialogs import ExportDialog
    return ExportDialog(context, window)


def _report(context, window):
    from sb_desktop.ui.exchange.dialogs import ReportDialog
    return ReportDialog(context, window)


def _create_profile(context, window):
    from sb_desktop.ui.profiles.dialogs import CreateProfileDialog
    return CreateProfileDialog(context.profiles, False, window)


def _change_passphrase(context, window):
    from sb_desktop.ui.profiles.dialogs import ChangePassphraseDialog
    return ChangePassphraseDialog(context.profiles, context.profile.info, window)


def _lock_warning(context, window):
    from sb_desktop.ui.shell.autolock import LockWarning
    dialog = LockWarning(window)
    dialog.set_remaining(20)
    return dialog


def _chair_stand(context, window):
    from sb_desktop.ui.goals.chair_stand import ChairStandDialog
    return ChairStandDialog(context, window)


def _record_call(context, window):
    from sb_desktop.ui.goals.calls import RecordCallDialog
    return RecordCallDialog(context, window)


def _help(context, window):
    from sb_desktop.ui.help.dialog import HelpDialog
    return HelpDialog("today", window)


def _routine(state: str):
    def build(context, window):
        from sb_desktop.ui.sessions.routine_player import preview_dialog
        return preview_dialog(context, window, state)
    return build


def dialog_specs() -> list[DialogSpec]:
    return [
        DialogSpec("help", _help),
        DialogSpec("edit-entry", _edit_entry),
        DialogSpec("goal", _goal),
        DialogSpec("goal-low-confidence", _goal_low_confidence),
        DialogSpec("function-check", _function_check),
        DialogSpec("activity-ratings", _psfs),
        DialogSpec("chair-stand", _chair_stand),
        DialogSpec("record-call", _record_call),
        DialogSpec("global-change", _global_change),
        DialogSpec("startback", _startback),
        DialogSpec("startback-result", _startback_result),
        DialogSpec("about-you", _about_you),
        DialogSpec("weekly-review", _review),
        DialogSpec("weekly-review-decision", _review_decision),
        DialogSpec("weekly-review-unsure", _review_unsure),
        DialogSpec("weekly-review-barriers", _review_barriers),
        DialogSpec("safety-questions", _red_flags),
        DialogSpec("flare-up-plan", _flare_plan),
        DialogSpec("reminders", _reminders),
        DialogSpec("export", _export),
        DialogSpec("summary-pdf", _report),
        DialogSpec("new-profile", _create_profile),
        DialogSpec("change-passphrase", _change_passphrase),
        DialogSpec("lock-warning", _lock_warning),
        DialogSpec("routine-exercise", _routine("exercise")),
        DialogSpec("routine-rest", _routine("rest")),
        DialogSpec("routine-done", _routine("done")),
        DialogSpec("routine-soreness", _routine("soreness")),
    ]

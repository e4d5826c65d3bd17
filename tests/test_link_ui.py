"""The link in the window: soreness recorded from Today and shown apart, the experiment planned, followed and
read on Progress, and a chart key that never clips (pytest-qt, offscreen, no sleeps)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox, QWidget

from sb_desktop.domain import experiment as ex
from sb_desktop.domain.demo import demo_entries
from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.ui.common.context import Change
from sb_desktop.ui.progress.experiment import ExperimentDialog
from sb_desktop.ui.shell.main_window import MainWindow

TODAY = dt.date.today()


def progress_page(qtbot, context):
    from sb_desktop.ui.progress.page import ProgressPage
    page = ProgressPage(context)
    qtbot.addWidget(page)
    page.resize(1196, 690)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def test_today_can_record_soreness_after_activity_and_the_journal_shows_it_apart(qtbot, app_context, profile):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    today = window.page("today")
    today.pain_scale.setValue(6)
    today.after_activity.setChecked(True)
    with qtbot.waitSignal(app_context.journal_changed):
        today.save_pain_button.click()
    [saved] = profile.journal.entries()
    assert saved.context == "after_activity" and not today.after_activity.isChecked()
    assert "Soreness after activity 6/10" in today.pain_confirmation.text()
    journal = window.page("journal")
    window.show_page("journal")
    summary = journal.model.data(journal.model.index(0, 1))   # the day's heading row
    assert "soreness after activity 6.0" in summary and "pain" not in summary.replace("soreness", "")
    assert "Soreness after activity 6/10" in journal.model.data(journal.model.index(1, 1))


def test_progress_tables_show_soreness_apart_from_the_days_pain(qtbot, app_context, profile):
    profile.journal.add(make_pain(3, date=TODAY))
    profile.journal.add(make_pain(7, date=TODAY, context="after_activity"))
    profile.journal.add(make_activity(20, date=TODAY))
    page = progress_page(qtbot, app_context)
    row = page.tables.daily_model.row(0)
    headers = page.tables.daily_model.headers
    assert row[headers.index("Pain (average)")] == "3.0"
    assert row[headers.index("Soreness after activity")] == "7.0"


def test_an_experiment_is_planned_followed_and_read_on_progress(qtbot, app_context, profile, monkeypatch):
    profile.journal.add_many(demo_entries(end=TODAY, weeks=10))
    page = progress_page(qtbot, app_context)
    card = page.experiment_card
    assert card.plan_button.isVisible() and not card.stop_button.isVisible()
    # Plan it through the dialog's own fields, as a person would.
    dialog = ExperimentDialog("minutes", card, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.lower.setValue(15)
    dialog.higher.setValue(40)
    dialog.weeks.setCurrentIndex(dialog.weeks.findData(4))
    start = TODAY - dt.timedelta(days=27)
    dialog.start.setDate(start)
    planned = dialog.plan()
    assert (planned.measure, planned.lower, planned.higher, planned.weeks, planned.start) == (
        "minutes", 15, 40, 4, start)
    with qtbot.waitSignal(app_context.changed) as changed:
        card.start_planned(planned)
    assert Change.EXPERIMENT in changed.args[0]
    page.refresh()       # the main window does this on `changed`
    assert page.experiment_card.experiment is not None
    assert "Week 1" in card.plan_label.text() and "(this week)" in card.plan_label.text()
    assert card.stop_button.isVisible()
    # Progress marks the experiment weeks on the chart and in its key.
    page.draw_chart(now=True)
    keys = [label for label, _look, _colour in page.legend.entries]
    assert "Experiment: higher week" in keys and "Experiment: lower week" in keys
    # Stopping asks first, then records it.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(app_context.changed):
        card.stop()
    page.refresh()
    assert profile.experiments.current().state(TODAY) == ex.STOPPED
    assert "stopped this experiment" in card.statement.text()
    assert not card.stop_button.isVisible() and card.plan_button.isVisible()


def test_a_followed_experiment_reads_as_a_first_sign_with_the_numbers_one_click_away(qtbot, app_context, profile):
    start = TODAY - dt.timedelta(days=56)
    plan = ex.make_experiment("steps", 5000, 9000, weeks=8, start=start, today=TODAY, seed=2)
    entries = []
    for week in ex.schedule(plan):
        for d in range(7):
            date = week.start + dt.timedelta(days=d)
            entries.append(make_activity(0, date=date, steps=week.target + 100 * (d % 3), source="import:steps",
                                         import_key=f"steps:{date}"))
            entries.append(make_pain(3 if week.arm == ex.HIGHER else 5, date=date))
    profile.journal.add_many(entries)
    profile.experiments.start(plan, start)
    page = progress_page(qtbot, app_context)
    card = page.experiment_card
    assert card.result.state == ex.COMPLETE and card.result.plan_followed
    assert "lower in your more active weeks" in card.statement.text() and "rarely prove" in card.statement.text()
    assert not card.numbers.isVisible()
    card.toggle.click()
    assert card.numbers.isVisible() and "p = 0.125" in card.numbers.text()


def test_the_chart_key_wraps_rather_than_clipping_in_a_narrow_window(qtbot, app_context, profile):
    profile.journal.add_many(demo_entries(end=TODAY, weeks=10))
    profile.journal.add(make_pain(6, date=TODAY, context="after_activity"))
    page = progress_page(qtbot, app_context)
    page.draw_chart(now=True)
    legend = page.legend
    items = [legend.row.itemAt(i).widget() for i in range(legend.row.count())]
    assert len(items) == len(legend.entries) >= 5
    for width in (1196, 860, 700):   # below about 650 the page scrolls sideways rather than squeeze
        page.resize(width, 690)
        qtbot.waitUntil(lambda width=width: legend.width() <= width)
        needed = legend.row.heightForWidth(legend.width())
        qtbot.waitUntil(lambda needed=needed: legend.height() >= needed)
        for item in items:
            geometry = item.geometry()
            assert geometry.right() <= legend.width() and geometry.bottom() <= legend.height(), width


def test_today_shows_this_weeks_experiment_target(qtbot, app_context, profile):
    plan = ex.make_experiment("steps", 5000, 8000, weeks=4, start=TODAY, today=TODAY, seed=1)
    profile.experiments.start(plan, TODAY)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("today")
    summary = window.page("today").findChild(QWidget, "goal-summary")
    week = ex.week_for(plan, TODAY)
    assert f"week 1 of 4: a {week.arm} week" in summary.experiment.text()
    assert f"{week.target:,} steps a day" in summary.experiment.text()

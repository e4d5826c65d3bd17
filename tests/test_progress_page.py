"""The Progress page, standalone over a temporary profile (pytest-qt, offscreen)."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from conftest import ROOT
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sb_desktop.domain.demo import demo_entries
from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.ui.progress.cards import InsightCard, NotYetCard

END = dt.date(2026, 3, 1)


def make_page(qtbot, context):
    from sb_desktop.ui.progress.page import ProgressPage
    page = ProgressPage(context)
    qtbot.addWidget(page)
    page.resize(1196, 690)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


@pytest.fixture
def demo_page(qtbot, app_context, profile):
    profile.journal.add_many(demo_entries(end=END))
    return make_page(qtbot, app_context)


def chart_axes(page):
    return page.figure.axes


def test_demo_shows_chart_week_comparison_and_plain_insights(demo_page):
    page = demo_page
    page.draw_chart(now=True)
    pain_ax, activity_ax = chart_axes(page)[:2]
    assert pain_ax.get_ylabel().startswith("Pain") and activity_ax.get_ylabel().startswith("Minutes")
    legend = [label for label, _look, _colour in page.legend.entries]
    assert legend == ["Pain (day average)", "Pain (7-day average)", "Activity (minutes a day)", "Steps a day"]
    # Minutes and steps each have their own labelled scale; "your weeks" sits beside the time panels.
    assert activity_ax._sb_second_label == "Steps a day"
    assert "Steps a day" in [t.get_text() for t in activity_ax.texts]
    # "Your weeks" beside the canvas: the weeks view for the range, painted by Qt.
    assert page.weeks_bars.weeks is page.weeks and page.weeks_bars.isVisible()
    assert page.weeks_bars.accessibleDescription() == page.weeks.statement
    assert "more active than your usual" in page.weeks_card.body.text() and "weeks)" in page.weeks_card.body.text()
    assert page.headline.text() == next(
        c for c in page.findChildren(InsightCard) if c.finding.question == "activity_to_pain").statement.text()
    cards = page.findChildren(InsightCard)
    assert {c.finding.question for c in cards} == {"activity_to_pain", "pain_to_activity"}
    a2p = next(c for c in cards if c.finding.question == "activity_to_pain")
    assert "lower the next day" in a2p.statement.text()
    assert "not harm" in page.caveats_card.body.text() and "not a diagnosis" in page.caveats_card.body.text()
    assert "pain went from" in page.change_label.text()


def test_the_numbers_are_one_click_away(demo_page, qtbot):
    card = demo_page.findChildren(InsightCard)[0]
    assert not card.numbers.isVisible()
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    assert card.numbers.isVisible()
    assert "Partial correlation" in card.numbers.text() and "p " in card.numbers.text()
    demo_page.refresh()  # a journal change keeps the numbers open
    card = next(c for c in demo_page.findChildren(InsightCard) if c.finding.question == card.finding.question)
    qtbot.waitUntil(card.numbers.isVisible)
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    assert not card.numbers.isVisible()


def test_range_buttons_and_shortcuts_switch_the_chart_and_are_remembered(demo_page, qtbot, profile):
    import matplotlib.dates as mdates
    page = demo_page
    qtbot.mouseClick(page.range_buttons["4w"], Qt.MouseButton.LeftButton)
    page.draw_chart(now=True)
    left, right = chart_axes(page)[1].get_xlim()
    assert round(right - left) == 28
    assert mdates.num2date(right).date() == END + dt.timedelta(days=1)
    qtbot.keyClick(page, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert page.range_key == "all" and page.range_buttons["all"].isChecked()
    page.draw_chart(now=True)
    left, right = chart_axes(page)[1].get_xlim()
    assert round(right - left) == 16 * 7
    qtbot.waitUntil(lambda: profile.settings.get("progress.range") == "all")


def test_long_ranges_are_drawn_week_by_week(qtbot, app_context, profile):
    profile.journal.add_many(demo_entries(end=END, weeks=60))
    page = make_page(qtbot, app_context)
    page.set_range("1y")
    assert page.view.resolution == "week"
    assert "week by week" in page.span_label.text()
    page.set_range("3m")
    assert page.view.resolution == "day"


def test_table_view_shows_the_same_daily_and_weekly_series(demo_page, qtbot):
    page = demo_page
    page.set_range("4w")
    qtbot.mouseClick(page.table_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.tables
    assert page.tables.daily_model.rowCount() == 28
    newest = page.tables.daily_model.row(0)
    assert newest[0].endswith("01 Mar 2026")
    assert page.tables.weekly_model.rowCount() == len(page.view.weekly)
    qtbot.mouseClick(page.table_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.chart_holder


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_save_chart_as_png_or_svg(demo_page, monkeypatch, tmp_path, suffix, magic, qtbot):
    target = tmp_path / ("chart" + suffix)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(demo_page.context.status) as status:
        qtbot.mouseClick(demo_page.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(magic)
    assert str(target) in status.args[0]


def test_save_chart_adds_the_chosen_format_when_the_name_has_none(demo_page, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "mychart"), "SVG picture (*.svg)"))
    demo_page.save_chart()
    assert (tmp_path / "mychart.svg").exists()


def test_save_chart_failure_is_reported_and_leaves_nothing(demo_page, monkeypatch, tmp_path):
    folder = tmp_path / "chart.png"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    demo_page.save_chart()
    assert warnings and "folder" in warnings[0]
    assert not list(folder.iterdir()) and not list(tmp_path.glob("*.tmp"))


def test_an_empty_journal_says_what_to_do_and_needs_21_days(qtbot, app_context):
    page = make_page(qtbot, app_context)
    assert "Nothing logged yet" in page.span_label.text()
    not_yet = page.findChildren(NotYetCard)
    assert len(not_yet) == 1 and not page.findChildren(InsightCard)
    assert not page.save_button.isEnabled()
    assert "full week" in page.weeks_card.body.text()


def test_a_short_journal_counts_down_to_the_first_insight(qtbot, app_context, profile):
    for i in range(10):
        date = END - dt.timedelta(days=i)
        profile.journal.add_many([make_pain(4, date=date), make_activity(20, kind="walk", date=date)])
    page = make_page(qtbot, app_context)
    card = page.findChildren(NotYetCard)[0]
    assert "11 more days" in card.summary.text()


def test_refresh_picks_up_new_entries(demo_page, app_context):
    before = demo_page.series.end
    app_context.run(lambda p: p.journal.add(make_pain(3, date=END + dt.timedelta(days=2))))   # as the app writes
    demo_page.refresh()
    assert demo_page.series.end == before + dt.timedelta(days=2)
    assert demo_page.view.end == END + dt.timedelta(days=2)


def test_showing_the_page_again_with_nothing_changed_keeps_what_is_drawn(demo_page, app_context, monkeypatch):
    """Five years of data take a few hundred ms to read and draw: a return visit with no change reads nothing."""
    import sb_desktop.domain.series as series_module
    reads = []
    original = series_module.load_daily_series
    monkeypatch.setattr(series_module, "load_daily_series", lambda journal: reads.append(1) or original(journal))
    demo_page.refresh()
    assert reads == []
    app_context.run(lambda p: p.journal.add(make_pain(4, date=END)))
    demo_page.refresh()
    assert reads == [1]


def test_closing_the_profile_drops_every_number(demo_page, app_context):
    app_context.close_profile()
    page = demo_page
    assert page.series is None and page.view is None and page.report is None
    assert page.tables.daily_model.rowCount() == 0
    assert page.findChildren(InsightCard) == []
    assert page.weeks_card.body.text() == ""


def test_markers_from_other_capabilities_are_drawn(demo_page):
    day = END - dt.timedelta(days=10)
    demo_page.add_marker_source(lambda profile, start, end: [(day, "Session 2 finished", "session")])
    demo_page.draw_chart(now=True)
    texts = [t.get_text() for t in chart_axes(demo_page)[0].texts]
    assert "Session 2 finished" in texts


def test_chart_follows_a_dark_palette(demo_page, qtbot):
    from sb_desktop.charts.theme import luminance
    palette = demo_page.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    demo_page.setPalette(palette)
    demo_page.draw_chart(now=True)
    face = demo_page.figure.get_facecolor()
    assert luminance("#" + "".join(f"{int(c * 255):02x}" for c in face[:3])) < 0.2


def test_matplotlib_is_imported_only_when_the_chart_is_first_drawn(tmp_path):
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from sb_desktop.storage.profiles import ProfileDirectory
from sb_desktop.ui.common.context import AppContext
app = QApplication([])
profiles = ProfileDirectory({str(tmp_path)!r})
context = AppContext(profiles, profiles.open("x"))
from sb_desktop.ui.progress.page import ProgressPage
page = ProgressPage(context)
assert "matplotlib" not in sys.modules, "imported on construction"
page.show(); page.refresh(); app.processEvents()
assert "matplotlib" in sys.modules
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_more_pain_after_activity_comes_with_reassurance(qtbot):
    from sb_desktop.domain.insights import Finding, statement
    from sb_desktop.ui.progress.cards import InsightCard

    def card(effect):
        finding = Finding(question="activity_to_pain", lag_days=1, effect=effect, p_value=0.01, strength="moderate",
                          statement=statement("activity_to_pain", "moderate", effect), days_compared=60, slope=0.2,
                          slope_unit="pain points per 10 minutes", details="")
        widget = InsightCard(finding)
        qtbot.addWidget(widget)
        return " ".join(label.text() for label in widget.findChildren(type(widget.statement)))

    assert "not harm" in card(+0.3) and "higher" in card(+0.3)
    assert "not harm" not in card(-0.3)


def test_alt_t_toggles_the_table_and_back(demo_page, qtbot):
    """The shortcut stays Alt+T in both directions (the button's text changes, its mnemonic does not)."""
    page = demo_page
    page.window().show()
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert page.stack.currentWidget() is page.tables
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert page.stack.currentWidget() is page.chart_holder

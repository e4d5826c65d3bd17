"""Today's check-in and the Journal, driven through real widgets offscreen."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from sb_desktop.domain.entries import make_pain
from sb_desktop.ui.shell.main_window import MainWindow


def make_window(qtbot, app_context):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_pain_checkin_by_keyboard_is_saved_and_confirmed(qtbot, app_context, profile):
    window = make_window(qtbot, app_context)
    today = window.page("today")
    assert today.pain_scale.value() is None and not today.save_pain_button.isEnabled()   # nothing preselected
    today.pain_scale.setFocus()
    for _ in range(6):
        qtbot.keyClick(today.pain_scale, Qt.Key.Key_Right)
    assert today.pain_scale.value() == 5   # the first Right press chooses 0
    qtbot.keyClick(today.pain_scale, Qt.Key.Key_Right)
    today.pain_note.setText("after gardening")
    with qtbot.waitSignal(app_context.journal_changed):
        qtbot.keyClick(today.pain_note, Qt.Key.Key_Return)
    [saved] = profile.journal.entries()
    assert (saved.intensity, saved.note, saved.date) == (6, "after gardening", dt.date.today())
    assert "Saved" in today.pain_confirmation.text() and "6/10" in today.pain_confirmation.text()
    assert today.today_list.count() == 1 and "Pain 6/10" in today.today_list.item(0).text()
    assert today.pain_scale.value() is None, "the next check-in starts with nothing chosen"


def test_an_untouched_pain_form_records_nothing(qtbot, app_context, profile):
    window = make_window(qtbot, app_context)
    today = window.page("today")
    today.pain_note.setText("just a note")
    qtbot.keyClick(today.pain_note, Qt.Key.Key_Return)
    assert profile.journal.count() == 0
    assert "Choose a number" in today.pain_confirmation.text()


def test_the_pain_scale_is_eleven_buttons_that_digits_home_and_end_choose(qtbot, app_context):
    window = make_window(qtbot, app_context)
    scale = window.page("today").pain_scale
    assert len(scale.buttons) == 11 and all(b.accessibleName() for b in scale.buttons)
    assert all(b.minimumHeight() >= 24 and b.minimumWidth() >= 24 for b in scale.buttons)   # WCAG target size
    qtbot.keyClick(scale, Qt.Key.Key_End)
    assert scale.value() == 10
    qtbot.keyClick(scale, Qt.Key.Key_Home)
    assert scale.value() == 0
    qtbot.keyClick(scale, Qt.Key.Key_7)
    assert scale.value() == 7 and "7" in scale.accessibleDescription()
    qtbot.keyClick(scale, Qt.Key.Key_1)
    qtbot.keyClick(scale, Qt.Key.Key_0)
    assert scale.value() == 10
    qtbot.mouseClick(scale.buttons[3], Qt.MouseButton.LeftButton)
    assert scale.value() == 3


def test_activity_checkin(qtbot, app_context, profile):
    window = make_window(qtbot, app_context)
    today = window.page("today")
    today.activity.kind.setCurrentIndex(today.activity.kind.findData("exercise"))
    today.activity.minutes.setValue(20)
    today.activity.effort.setValue(4)
    qtbot.mouseClick(today.save_activity_button, Qt.MouseButton.LeftButton)
    [saved] = profile.journal.entries()
    assert (saved.kind, saved.minutes, saved.effort, saved.source) == ("exercise", 20, 4, "manual")
    assert "Exercise, 20 min" in today.activity_confirmation.text()


def test_controls_have_accessible_names(qtbot, app_context):
    window = make_window(qtbot, app_context)
    today = window.page("today")
    for widget in (today.pain_scale, today.pain_note, today.activity.kind, today.activity.minutes,
                   today.activity.effort, today.save_pain_button, today.save_activity_button):
        assert widget.accessibleName()


def test_every_today_control_belongs_to_the_window_so_locking_drops_them_all(qtbot, app_context):
    window = make_window(qtbot, app_context)
    today = window.page("today")
    assert today.activity.steps.window() is window  # kept for the journal's editor, but not shown here
    for widget in today.findChildren(QWidget):
        assert widget.window() is window or widget.window().windowType() == Qt.WindowType.Popup  # combo lists


def test_journal_delete_and_undo(qtbot, app_context, profile):
    kept = profile.journal.add(make_pain(2, date=dt.date(2025, 5, 1)))
    doomed = profile.journal.add(make_pain(7, date=dt.date(2025, 5, 2), note="bad day"))
    window = make_window(qtbot, app_context)
    window.show_page("journal")
    journal = window.page("journal")
    assert journal.model.data(journal.model.index(0, 0)) == "Fri 2 May 2025"  # newest first: the day's heading
    journal.tree.setCurrentIndex(journal.model.index(1, 0))                       # then its entry
    assert journal.selected_entry().id == doomed.id
    with qtbot.waitSignal(app_context.journal_changed):
        qtbot.keyClick(journal.tree, Qt.Key.Key_Delete)
    assert [e.id for e in profile.journal.entries()] == [kept.id]
    assert len(journal.model.days) == 1
    app_context.undo_stack.undo()  # what Ctrl+Z does
    restored = profile.journal.get(doomed.id)
    assert (restored.intensity, restored.note) == (7, "bad day")
    assert len(journal.model.days) == 2


def test_ctrl_z_is_bound_to_undo(qtbot, app_context):
    window = make_window(qtbot, app_context)
    undo_actions = [a for a in window.findChildren(type(window.menuBar().actions()[0]))
                    if a.shortcut().toString() == "Ctrl+Z"]
    assert undo_actions


def test_the_keyboard_moves_between_pages_and_undoes_a_delete(qtbot, app_context, profile):
    """Ctrl+1..6 and Ctrl+Z pressed as keys (the shortcuts are set by sb_desktop.ui.common.qt_names.set_shortcut)."""
    profile.journal.add(make_pain(4, date=dt.date(2025, 5, 1)))
    window = make_window(qtbot, app_context)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "journal"
    journal = window.page("journal")
    journal.tree.setFocus()
    journal.tree.setCurrentIndex(journal.model.index(1, 0))
    with qtbot.waitSignal(app_context.journal_changed):
        qtbot.keyClick(journal.tree, Qt.Key.Key_Delete)
    assert profile.journal.count() == 0
    with qtbot.waitSignal(app_context.journal_changed):
        qtbot.keyClick(journal.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert profile.journal.count() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "today"


def test_journal_edit_with_undo(qtbot, app_context, profile, monkeypatch):
    entry = profile.journal.add(make_pain(5, date=dt.date(2025, 5, 1), time="09:00"))
    window = make_window(qtbot, app_context)
    window.show_page("journal")
    journal = window.page("journal")
    journal.tree.setCurrentIndex(journal.model.index(1, 0))

    def fake_exec(dialog):
        dialog.scale.setValue(3)
        dialog.note.setText("better")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    from sb_desktop.ui.journal import page as journal_module
    monkeypatch.setattr(journal_module.EditEntryDialog, "exec", fake_exec)
    journal.edit_selected()
    assert (profile.journal.get(entry.id).intensity, profile.journal.get(entry.id).note) == (3, "better")
    app_context.undo_stack.undo()
    assert profile.journal.get(entry.id).intensity == 5


def test_invalid_edit_keeps_dialog_open_with_message(qtbot, profile):
    from sb_desktop.ui.journal.page import EditEntryDialog
    entry = profile.journal.add(make_pain(5, date=dt.date(2025, 5, 1)))
    dialog = EditEntryDialog(entry)
    qtbot.addWidget(dialog)
    dialog.note.setText("x")
    dialog.note.setMaxLength(5000)
    dialog.note.setText("x" * 2500)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "2000" in dialog.error.text()
    assert profile.journal.get(entry.id).note == ""


def test_failed_write_shows_message_and_changes_nothing(qtbot, app_context, profile, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    from sb_desktop.domain.errors import ValidationError

    def refuse(_profile):
        raise ValidationError("Pain must be between 0 and 10; 12 is out of range.")
    assert app_context.run(refuse) is None
    assert shown and "out of range" in shown[0]
    assert profile.journal.count() == 0


def test_typed_text_or_an_out_of_range_number_is_refused_never_changed(qtbot, app_context, profile, monkeypatch):
    from sb_desktop.ui.today import page as today_module
    warnings = []
    monkeypatch.setattr(today_module.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    window = make_window(qtbot, app_context)
    today = window.page("today")
    for typed in ("abc15", "99999", "12.5", "-3"):
        today.activity.minutes.edit.setText(typed)
        today.save_activity()
        assert today.activity.minutes.text() == typed, "what the person typed must stay as typed"
    assert profile.journal.count() == 0 and len(warnings) == 4
    assert "'abc15' is not a whole number" in warnings[0] and "99999 is outside 0 to 1440" in warnings[1]


def test_an_unusually_long_activity_is_confirmed_before_saving(qtbot, app_context, profile, monkeypatch):
    from sb_desktop.ui.today import page as today_module
    answers = [today_module.QMessageBox.StandardButton.No, today_module.QMessageBox.StandardButton.Yes]
    asked = []

    def question(parent, title, text):
        asked.append(text)
        return answers.pop(0)
    monkeypatch.setattr(today_module.QMessageBox, "question", question)
    window = make_window(qtbot, app_context)
    today = window.page("today")
    today.activity.minutes.setValue(400)
    today.save_activity()
    assert profile.journal.count() == 0 and "more than 5 hours" in asked[0]
    with qtbot.waitSignal(app_context.journal_changed):
        today.save_activity()
    assert profile.journal.entries()[0].minutes == 400


def test_a_long_journal_reads_only_the_days_on_screen(qtbot, app_context, profile):
    """Years of entries: the outline comes from one query; entries are read a block of days at a time."""
    start = dt.date(2020, 1, 1)
    profile.journal.add_many([make_pain(n % 11, date=start + dt.timedelta(days=n // 2), note=f"n{n}")
                              for n in range(2_000)])
    window = make_window(qtbot, app_context)
    window.show_page("journal")
    journal = window.page("journal")
    model = journal.model
    assert len(model.days) == 1_000 and model.total() == 2_000 and model.rowCount() == 3_000
    assert "2000 entries" in journal.summary.text().replace(",", "")
    assert model._entries == {}, "nothing but the outline is read before the rows are drawn"
    window.show()
    qtbot.waitExposed(window)
    journal.tree.viewport().update()
    qtbot.waitUntil(lambda: bool(model._entries))    # drawn: the rows on screen asked for their day's entries
    loaded = sum(len(v) for v in model._entries.values())
    assert 0 < loaded < 400, "only the days near the top were read"
    newest = model.entry_at(1)
    assert newest.date == start + dt.timedelta(days=999) and newest.note in ("n1999", "n1998")
    journal.tree.scrollToBottom()
    last_row = model.rowCount() - 1
    assert model.entry_at(last_row).date == start and model.data(model.index(last_row, 2)) in ("n0", "n1")


def test_editing_a_rating_can_mark_it_as_soreness_after_activity_and_back(qtbot, profile):
    from sb_desktop.domain.entries import AFTER_ACTIVITY, DAY
    from sb_desktop.ui.journal.page import EditEntryDialog
    entry = profile.journal.add(make_pain(6, date=dt.date(2025, 5, 1)))
    dialog = EditEntryDialog(entry)
    qtbot.addWidget(dialog)
    assert not dialog.after_activity.isChecked()
    dialog.after_activity.setChecked(True)
    dialog.accept()
    assert dialog.result_entry.context == AFTER_ACTIVITY and dialog.result_entry.intensity == 6
    profile.journal.update(dialog.result_entry)
    again = EditEntryDialog(profile.journal.get(entry.id))
    qtbot.addWidget(again)
    assert again.after_activity.isChecked()
    again.after_activity.setChecked(False)
    again.accept()
    assert again.result_entry.context == DAY

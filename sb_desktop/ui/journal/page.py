"""Journal: every entry by day, newest first; edit, delete, and undo (Ctrl+Z)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, QTime
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.entries import AFTER_ACTIVITY, DAY, ActivityEntry, PainEntry, describe, make_activity, make_pain
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _, ngettext
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.entry_forms import ActivityFields, PainScale, make_note_field
from sb_desktop.ui.common.widgets import page_title
from sb_desktop.ui.journal.model import ENTRY_ROLE, JournalModel
from sb_desktop.ui.shell.pages import PageBase


class WhenFields(QWidget):
    """Date and optional time of an entry."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setAccessibleName(_("Date"))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(_("Time"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date)
        layout.addWidget(self.time)
        layout.addStretch(1)

    def set_from(self, date: dt.date, time: dt.time | None) -> None:
        self.date.setDate(QDate(date.year, date.month, date.day))
        if time is not None:
            self.time.setTime(QTime(time.hour, time.minute))

    def values(self) -> tuple[dt.date, dt.time]:
        d, t = self.date.date(), self.time.time()
        return dt.date(d.year(), d.month(), d.day()), dt.time(t.hour(), t.minute())


def edited_pain(original: PainEntry, when: WhenFields, scale: PainScale, note: QLineEdit,
                after_activity: QCheckBox | None = None) -> PainEntry:
    date, time = when.values()
    context = original.context if after_activity is None else (AFTER_ACTIVITY if after_activity.isChecked() else DAY)
    return make_pain(scale.value(), date=date, time=time, note=note.text(), source=original.source,
                     interference=original.interference, id=original.id, recorded_at=original.recorded_at,
                     import_key=original.import_key, context=context)


def edited_activity(original: ActivityEntry, when: WhenFields, fields: ActivityFields,
                    note: QLineEdit) -> ActivityEntry:
    date, time = when.values()
    steps = fields.steps.value()
    return make_activity(fields.minutes.value(), kind=fields.kind.currentData(), date=date, time=time,
                         steps=steps, effort=fields.effort.value(), note=note.text(), source=original.source,
                         id=original.id, recorded_at=original.recorded_at, import_key=original.import_key)
class DeleteEntry(QUndoCommand):
    def __init__(self, context: AppContext, entry):
        super().__init__(_("Delete {what}").format(what=describe(entry)))
        self.context, self.entry = context, entry

    def redo(self):
        self.context.run(lambda p: p.journal.delete(self.entry.id),
                         done=_("Deleted {what}. Press Ctrl+Z to undo.").format(what=describe(self.entry)))

    def undo(self):
        self.context.run(lambda p: p.journal.restore(self.entry),
                         done=_("Restored {what}.").format(what=describe(self.entry)))


class EditEntry(QUndoCommand):
    def __init__(self, context: AppContext, before, after):
        super().__init__(_("Edit {what}").format(what=describe(before)))
        self.context, self.before, self.after = context, before, after

    def redo(self):
        self.context.run(lambda p: p.journal.update(self.after), done=_("Saved changes."))

    def undo(self):
        self.context.run(lambda p: p.journal.update(self.before), done=_("Undid the change."))


class EditEntryDialog(QDialog):
    def __init__(self, entry, parent=None):
        super().__init__(parent)
        self.entry = entry
        self.result_entry = None
        self.setWindowTitle(_("Edit entry"))
        form = QFormLayout(self)
        self.when = WhenFields()
        self.when.set_from(entry.date, entry.time)
        form.addRow(_("&When:"), self.when)
        if isinstance(entry, PainEntry):
            self.scale = PainScale()
            self.scale.setValue(entry.intensity)
            form.addRow(_("&Pain:"), self.scale)
            # A rating given straight after activity is read as expected soreness, not as the day's pain.
            self.after_activity = QCheckBox(_("&Rated straight after activity (soreness after being active)"))
            self.after_activity.setChecked(entry.context == AFTER_ACTIVITY)
            form.addRow(self.after_activity)
        else:
            self.fields = ActivityFields(with_steps=True)
            self.fields.set_from(entry)
            form.addRow(self.fields)
        self.note = make_note_field(_("Note (optional)"))
        self.note.setText(entry.note)
        form.addRow(_("&Note:"), self.note)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight);")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        try:
            if isinstance(self.entry, PainEntry):
                self.result_entry = edited_pain(self.entry, self.when, self.scale, self.note, self.after_activity)
            else:
                self.result_entry = edited_activity(self.entry, self.when, self.fields, self.note)
        except UserError as error:
            self.error.setText(str(error))
            return
        super().accept()


class JournalPage(QWidget, PageBase):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(page_title(_("Journal")))
        self.summary = QLabel()
        layout.addWidget(self.summary)

        self.model = JournalModel(self)
        self.tree = QTableView()
        self.tree.setModel(self.model)
        self.tree.verticalHeader().hide()
        self.tree.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tree.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setShowGrid(False)
        self.tree.setWordWrap(False)
        self.tree.setAccessibleName(_("Entries by day, newest first"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.horizontalHeader()
        # Fixed widths from the font, not ResizeToContents (which would read every row of a long journal).
        chars = self.fontMetrics().averageCharWidth()
        for column, width in ((0, 22), (1, 42), (3, 18)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width * chars)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setToolTip(_("Edit the selected entry (Enter)"))
        self.delete_button = QPushButton(_("&Delete"))
        self.delete_button.setToolTip(_("Delete the selected entry (Delete); Ctrl+Z brings it back"))
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        hint = QLabel(_("Enter edits, Delete removes, Ctrl+Z undoes."))
        hint.setEnabled(False)
        buttons.addWidget(hint)
        layout.addLayout(buttons)

        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.tree.activated.connect(lambda _index: self.edit_selected())
        self.tree.selectionModel().currentChanged.connect(lambda *_args: self._update_buttons())
        self.tree.installEventFilter(self)
        self._update_buttons()

    def eventFilter(self, watched, event) -> bool:
        # Delete (and Backspace, as on a Mac keyboard) removes the selected entry; Ctrl+Z brings it back.
        if watched is self.tree and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_entry() is not None:
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        selected = self.selected_entry()
        journal = self.context.profile.journal if self.context.profile is not None else None
        self.model.load(journal)
        if journal is None:
            return
        total = self.model.total()
        self.summary.setText(ngettext("{n} entry", "{n} entries", total).format(n=total)
                             if total else _("No entries yet. Add one on the Today page (Ctrl+1)."))
        if selected is not None:
            index = self.model.locate(selected)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        self._update_buttons()

    def selected_entry(self):
        index = self.tree.currentIndex()
        return self.model.data(index, ENTRY_ROLE) if index.isValid() else None

    def select(self, entry) -> None:
        """Make this entry the current row (as a click on it would)."""
        index = self.model.locate(entry)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _update_buttons(self) -> None:
        has_entry = self.selected_entry() is not None
        self.edit_button.setEnabled(has_entry)
        self.delete_button.setEnabled(has_entry)

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.context.undo_stack.push(DeleteEntry(self.context, entry))

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        dialog = EditEntryDialog(entry, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_entry != entry:
            self.context.undo_stack.push(EditEntry(self.context, entry, dialog.result_entry))

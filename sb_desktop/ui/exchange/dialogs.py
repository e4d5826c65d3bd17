"""Import…, Export… and Save summary… dialogs: the slow part runs on a worker with a progress bar and Cancel.

The database is read before the worker starts and written after it finishes, on the main thread, in
one transaction; cancelling therefore never leaves anything half-imported or half-written.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _, ngettext
from sb_desktop.ui.common.long_task import LongTask

NOT_ENCRYPTED = _("The file you save is not encrypted: anyone who can open it can read it. Keep it somewhere "
                  "safe and delete it when it is no longer needed.")


def _warning_label() -> QLabel:
    label = QLabel(NOT_ENCRYPTED)
    label.setWordWrap(True)
    label.setObjectName("notEncryptedWarning")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class TaskDialog(QDialog):
    """A dialog with a status line, a progress bar and a Cancel button that runs one LongTask at a time."""

    task_done = Signal(str)      # "ok" | "failed" | "cancelled"

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.task: LongTask | None = None
        self.setMinimumWidth(520)
        self.layout_ = QVBoxLayout(self)
        self.body = QVBoxLayout()
        self.layout_.addLayout(self.body)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.progress)
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self.layout_.addWidget(self.buttons)
        context.profile_closed.connect(self._on_profile_closed)

    def run(self, work, on_success, *, label: str) -> None:
        self.status.setText(label)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setText(_("Cancel"))
        self.task = LongTask(work, self)
        self.task.progress.connect(self.progress.setValue)
        self.task.succeeded.connect(lambda result: self._finish("ok", on_success, result))
        self.task.failed.connect(lambda message: self._finish("failed", None, message))
        self.task.cancelled.connect(lambda: self._finish("cancelled", None, None))
        self._set_busy(True)
        self.task.start()

    def _finish(self, kind, on_success, payload) -> None:
        self.task = None
        self.progress.setVisible(False)
        self._set_busy(False)
        if kind == "ok":
            try:
                on_success(payload)
            except UserError as error:
                kind = "failed"
                self.status.setText(str(error))
        elif kind == "failed":
            self.status.setText(payload)
        else:
            self.status.setText(_("Cancelled; nothing was changed."))
        self.adjustSize()
        self.task_done.emit(kind)

    def _set_busy(self, busy: bool) -> None:
        """Subclasses disable their inputs while a task runs."""

    @property
    def busy(self) -> bool:
        return self.task is not None

    def cancel_or_close(self) -> None:
        if self.task is not None:
            self.status.setText(_("Cancelling…"))
            self.task.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.task is not None:    # closing the window cancels and waits: no orphan thread
            self.task.cancel()
            self.task.wait()
        super().reject()

    def _on_profile_closed(self) -> None:
        self.reject()


# --- Import ---

class ImportDialog(TaskDialog):
    """Read a file on a worker, show what it holds, let the person pick the step source, then import."""

    def __init__(self, context, path: Path, parent=None):
        super().__init__(context, parent)
        from sb_desktop.exchange.detect import IMPORT_FORMATS, format_label
        self.path = Path(path)
        self.parsed = None
        self.setWindowTitle(_("Import"))
        form = QFormLayout()
        form.addRow(_("File:"), QLabel(self.path.name))
        self.format_box = QComboBox()
        self.format_box.addItem(_("Detect automatically"), None)
        for name in IMPORT_FORMATS:
            self.format_box.addItem(format_label(name), name)
        self.format_box.currentIndexChanged.connect(lambda _i: self.read())
        form.addRow(_("Format:"), self.format_box)
        self.source_box = QComboBox()
        self.source_label = QLabel(_("Steps each day from:"))
        form.addRow(self.source_label, self.source_box)
        self.body.addLayout(form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.AcceptRole)
        self.import_button.clicked.connect(self.write)
        self._show_sources(False)
        self.import_button.setEnabled(False)

    def _show_sources(self, visible: bool) -> None:
        self.source_box.setVisible(visible)
        self.source_label.setVisible(visible)

    def _set_busy(self, busy: bool) -> None:
        self.format_box.setEnabled(not busy)
        self.source_box.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.parsed is not None)

    def read(self) -> None:
        from sb_desktop.exchange.detect import read_import
        if self.busy:
            return
        self.parsed = None
        self.summary.clear()
        self._show_sources(False)
        path, fmt = self.path, self.format_box.currentData()

        def work(control):
            return read_import(path, fmt, progress=control.report, cancelled=control.is_cancelled)

        self.run(work, self._on_read, label=_("Reading {name}…").format(name=self.path.name))

    def _on_read(self, parsed) -> None:
        self.parsed = parsed
        self.import_button.setEnabled(True)
        self.status.setText(_("Nothing has been imported yet. Check the summary, then choose Import."))
        sources = parsed.sources()
        self.source_box.clear()
        self.source_box.addItem(_("The source with the most steps that day (recommended)"), None)
        for name, days in sources.items():
            self.source_box.addItem(ngettext("{source} ({n} day)", "{source} ({n} days)", days).format(source=name, n=days), name)
        self._show_sources(len(sources) > 1)
        self.summary.setText(self.describe(parsed))
        self.adjustSize()     # the source row may just have appeared: make room rather than squeeze it

    @staticmethod
    def describe(parsed) -> str:
        if parsed.format == "csv":
            return ngettext("{n} entry in this file.", "{n} entries in this file.", len(parsed.other_entries)).format(
                n=len(parsed.other_entries))
        lines = []
        days = sorted(parsed.steps_by_day)
        if days:
            lines.append(ngettext("Steps on {n} day, {first} to {last}.", "Steps on {n} days, {first} to {last}.",
                                  len(days)).format(n=len(days), first=days[0], last=days[-1]))
        else:
            lines.append(_("No step counts in this file."))
        if parsed.other_entries:
            lines.append(_("{n} walking workouts.").format(n=len(parsed.other_entries)))
        if len(parsed.sources()) > 1:
            lines.append(_("A phone and a watch often count the same steps, so only one source counts each day."))
        if parsed.records_skipped:
            lines.append(_("{n} other records (heart rate, sleep and so on) are not imported.").format(
                n=f"{parsed.records_skipped:,}"))
        return "\n".join(lines)

    def write(self) -> None:
        from sb_desktop.exchange.wearable import write_import
        if self.parsed is None or self.busy:
            return
        try:
            entries = self.parsed.entries(self.source_box.currentData())
        except UserError as error:
            self.status.setText(str(error))
            return
        outcome = self.context.run(lambda profile: write_import(profile.journal, entries), parent=self)
        if outcome is not None:
            self.message = outcome.message(self.path.name)
            self.context.status.emit(self.message)
            self.accept()


def open_import_dialog(context, parent=None) -> ImportDialog | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Import a file"), "",
        _("Files the app can import (*.csv *.xml *.zip);;All files (*)"))
    if not path:
        return None
    dialog = ImportDialog(context, Path(path), parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    dialog.read()
    return dialog


# --- Export (CSV / FHIR) and the PDF summary ---

class _RangeMixin:
    def _add_range(self, form: QFormLayout, start: dt.date, end: dt.date) -> None:
        self.start_edit = QDateEdit(_qdate(start))
        self.end_edit = QDateEdit(_qdate(end))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(_qdate(dt.date.today()))
        row = QHBoxLayout()
        row.addWidget(self.start_edit)
        row.addWidget(QLabel(_("to")))
        row.addWidget(self.end_edit)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Dates:"), holder)

    def chosen_range(self) -> tuple[dt.date, dt.date]:
        start, end = _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        if start > end:
            raise UserError(_("The first date is after the last one."))
        return start, end


class ExportDialog(TaskDialog, _RangeMixin):
    FORMATS = (("csv", _("CSV, for a spreadsheet or another copy of this app"), "csv"),
               ("fhir", _("FHIR R4 (JSON), for a clinic's health record system"), "json"))

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.setWindowTitle(_("Export"))
        form = QFormLayout()
        self.format_box = QComboBox()
        for key, label, _ext in self.FORMATS:
            self.format_box.addItem(label, key)
        form.addRow(_("Format:"), self.format_box)
        self.everything = QCheckBox(_("All entries"))
        self.everything.setChecked(True)
        form.addRow("", self.everything)
        span = context.profile.journal.date_span() if context.profile else None
        first, last = span or (dt.date.today() - dt.timedelta(days=41), dt.date.today())
        self._add_range(form, first, min(last, dt.date.today()))
        self.everything.toggled.connect(lambda on: (self.start_edit.setEnabled(not on), self.end_edit.setEnabled(not on)))
        self.start_edit.setEnabled(False)
        self.end_edit.setEnabled(False)
        self.body.addLayout(form)
        self.body.addWidget(_warning_label())
        self.save_button = self.buttons.addButton(_("Save as…"), QDialogButtonBox.AcceptRole)
        self.save_button.clicked.connect(self.choose_and_save)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.format_box, self.everything, self.save_button):
            widget.setEnabled(not busy)

    def choose_and_save(self) -> None:
        key = self.format_box.currentData()
        extension = dict((k, e) for k, _l, e in self.FORMATS)[key]
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to"), f"supportback-export.{extension}", f"*.{extension}")
        if path:
            self.save(Path(path))

    def save(self, path: Path) -> None:
        from sb_desktop.storage.files import atomic_write_text
        if self.busy or self.context.profile is None:
            return
        key = self.format_box.currentData()
        try:
            start, end = (None, None) if self.everything.isChecked() else self.chosen_range()
        except UserError as error:
            self.status.setText(str(error))
            return
        profile = self.context.profile
        if key == "csv":
            entries = profile.journal.entries(start, end, newest_first=False)

            def work(control):
                from sb_desktop.exchange.csv_format import export_csv_text
                control.check()
                text = export_csv_text(entries)
                control.report(1, 2)
                control.check()
                atomic_write_text(path, text)
                return len(entries)
            message = _("Exported {n} entries to {path}. This file is not encrypted.")
        else:
            from sb_desktop.exchange.fhir import read_profile
            inputs = read_profile(profile, start, end)

            def work(control):
                from sb_desktop.exchange.fhir import build_bundle, bundle_json
                control.check()
                bundle = build_bundle(**inputs)
                control.report(1, 3)
                control.check()
                text = bundle_json(bundle)
                control.report(1, 2)
                control.check()
                atomic_write_text(path, text)
                return len(bundle["entry"])
            message = _("Exported {n} FHIR resources to {path}. This file is not encrypted.")

        def done(count):
            self.message = message.format(n=count, path=path)
            self.context.status.emit(self.message)
            self.accept()

        self.run(work, done, label=_("Writing {name}…").format(name=path.name))


def open_export_dialog(context, parent=None) -> ExportDialog:
    dialog = ExportDialog(context, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ReportDialog(TaskDialog, _RangeMixin):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        from sb_desktop.exchange.report import default_range
        self.setWindowTitle(_("Summary for an appointment"))
        intro = QLabel(_("A PDF to take to an appointment: pain and activity, week by week, goals and reviews, "
                         "PSFS, red-flag answers, sessions and your flare-up plan."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        form = QFormLayout()
        start, end = default_range(None, None)
        self._add_range(form, start, end)
        self.paper_box = QComboBox()
        self.paper_box.addItem(_("A4"), "a4")
        self.paper_box.addItem(_("US Letter"), "letter")
        if QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
            self.paper_box.setCurrentIndex(1)
        form.addRow(_("Paper:"), self.paper_box)
        self.body.addLayout(form)
        self.body.addWidget(_warning_label())
        self.save_button = self.buttons.addButton(_("Save PDF…"), QDialogButtonBox.AcceptRole)
        self.save_button.clicked.connect(self.choose_and_save)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.start_edit, self.end_edit, self.paper_box, self.save_button):
            widget.setEnabled(not busy)

    def choose_and_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save summary"), "supportback-summary.pdf", "*.pdf")
        if path:
            self.save(Path(path))

    def save(self, path: Path) -> None:
        from sb_desktop.exchange.report import build_pdf, gather_report_data
        from sb_desktop.storage.files import atomic_write_bytes
        if self.busy or self.context.profile is None:
            return
        try:
            start, end = self.chosen_range()
        except UserError as error:
            self.status.setText(str(error))
            return
        data = gather_report_data(self.context.profile, start, end, clinic=getattr(self.context, "clinic", None))
        paper = self.paper_box.currentData()

        def work(control):
            pdf = build_pdf(data, paper=paper, cancelled=control.is_cancelled,
                            progress=lambda done, total: control.report(done, total + 1))
            control.check()
            atomic_write_bytes(path, pdf)
            control.report(1, 1)
            return path

        def done(saved):
            self.message = _("Saved the summary to {path}. This file is not encrypted.").format(path=saved)
            self.context.status.emit(self.message)
            self.accept()

        self.run(work, done, label=_("Drawing the summary…"))


def open_report_dialog(context, parent=None) -> ReportDialog:
    dialog = ReportDialog(context, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog

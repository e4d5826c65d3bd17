"""Form widgets for a pain rating and an activity, shared by Today and the journal's edit dialog
(whose date and time fields live with it, in pages/journal.py)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSlider, QSpinBox, QWidget,
)

from sb_desktop.domain.entries import ActivityEntry
from sb_desktop.i18n import _
from sb_desktop.ui.common.qt_names import set_by_name


def pain_words(value: int) -> str:
    if value == 0:
        return _("no pain")
    if value <= 3:
        return _("mild")
    if value <= 6:
        return _("moderate")
    if value <= 9:
        return _("severe")
    return _("worst imaginable")


def activity_kind_labels() -> list[tuple[str, str]]:
    return [("walk", _("Walking")), ("exercise", _("Back exercises")), ("other", _("Other activity"))]


class PainScale(QWidget):
    """0-10 slider with the number and its meaning in words; arrow keys, Page Up/Down, Home/End all work."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.slider = QSlider()
        set_by_name(self.slider, "orientation", "Horizontal")
        self.slider.setRange(0, 10)
        self.slider.setPageStep(2)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName(_("Pain from 0 (no pain) to 10 (worst imaginable)"))
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(150)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.value_label.setFont(font)
        low, high = QLabel(_("0 no pain")), QLabel(_("10 worst"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(low)
        layout.addWidget(self.slider, 1)
        layout.addWidget(high)
        layout.addSpacing(12)
        layout.addWidget(self.value_label)
        self.slider.valueChanged.connect(self._show)
        self.setFocusProxy(self.slider)
        self._show(self.slider.value())

    def _show(self, value: int) -> None:
        self.value_label.setText(_("{n} — {words}").format(n=value, words=pain_words(value)))
        self.slider.setAccessibleDescription(self.value_label.text())

    def value(self) -> int:
        return self.slider.value()

    def setValue(self, value: int) -> None:
        self.slider.setValue(value)


class EffortBox(QComboBox):
    """Optional effort 0-10: the first choice means 'not recorded'."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.addItem(_("Not recorded"), None)
        for n in range(11):
            self.addItem(str(n), n)
        self.setAccessibleName(_("Effort from 0 (none) to 10 (hardest), optional"))

    def value(self) -> int | None:
        return self.currentData()

    def setValue(self, value: int | None) -> None:
        self.setCurrentIndex(0 if value is None else value + 1)


def make_note_field(placeholder: str) -> QLineEdit:
    note = QLineEdit()
    note.setPlaceholderText(placeholder)
    note.setMaxLength(2000)
    note.setAccessibleName(_("Note, optional"))
    note.setClearButtonEnabled(True)
    return note


class ActivityFields(QWidget):
    """Kind, minutes, optional steps, optional effort."""

    def __init__(self, parent=None, *, with_steps: bool = False):
        super().__init__(parent)
        self.kind = QComboBox()
        for key, label in activity_kind_labels():
            self.kind.addItem(label, key)
        self.kind.setAccessibleName(_("Kind of activity"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setValue(15)
        self.minutes.setSuffix(_(" min"))
        self.minutes.setAccessibleName(_("Minutes"))
        self.steps = QSpinBox(self)  # parented even when not shown, so it never becomes a stray top-level window
        self.steps.setRange(0, 200_000)
        self.steps.setSpecialValueText(_("Not recorded"))
        self.steps.setGroupSeparatorShown(True)
        self.steps.setAccessibleName(_("Steps, optional"))
        self.effort = EffortBox()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&Minutes:"), self.minutes)
        if with_steps:
            form.addRow(_("S&teps:"), self.steps)
        else:
            self.steps.hide()
        form.addRow(_("E&ffort (0-10):"), self.effort)

    def set_from(self, entry: ActivityEntry) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind)))
        self.minutes.setValue(entry.minutes)
        self.steps.setValue(entry.steps or 0)
        self.effort.setValue(entry.effort)

"""Form widgets for a pain rating and an activity, shared by Today and the journal's edit dialog
(whose date and time fields live with it, in pages/journal.py)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.entries import MAX_MINUTES, MAX_STEPS, ActivityEntry
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
    """Eleven large buttons, 0 to 10, with the chosen number in words; nothing is chosen until the person
    chooses (an untouched form never records "no pain").

    Keyboard: Tab reaches the scale as one stop; Left/Right (or Up/Down) move by one, Page Up/Down by two,
    Home/End go to 0/10, and the digit keys choose directly (1 then 0 within a second gives 10)."""

    changed = Signal(object)   # the new value (int), or None when cleared

    def __init__(self, parent=None):
        super().__init__(parent)
        set_by_name(self, "focusPolicy", "StrongFocus")
        self.setAccessibleName(_("Pain from 0 (no pain) to 10 (worst imaginable)"))
        self.setObjectName("pain-scale")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for value in range(11):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setObjectName("pain-value")
            set_by_name(button, "focusPolicy", "NoFocus")   # the scale is one Tab stop; keys move within it
            button.setMinimumSize(36, 36)
            button.setAccessibleName(_("{n}: {words}").format(n=value, words=pain_words(value)))
            button.setToolTip(pain_words(value))
            self.group.addButton(button, value)
            self.buttons.append(button)
            row.addWidget(button, 1)
        ends = QHBoxLayout()
        ends.setContentsMargins(0, 0, 0, 0)
        ends.addWidget(QLabel(_("0 = no pain")))
        ends.addStretch(1)
        ends.addWidget(QLabel(_("10 = worst imaginable")))
        self.value_label = QLabel()
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.value_label.setFont(font)
        column = QVBoxLayout(self)
        column.setContentsMargins(2, 2, 2, 2)
        column.addLayout(row)
        column.addLayout(ends)
        column.addWidget(self.value_label)
        self.group.idClicked.connect(self._chosen)
        self._typed = ""
        self._show()

    def _chosen(self, value: int) -> None:
        self.setFocus()
        self._show()
        self.changed.emit(value)

    def _show(self) -> None:
        value = self.value()
        self.value_label.setText(_("Choose a number") if value is None else
                                 _("{n} — {words}").format(n=value, words=pain_words(value)))
        self.setAccessibleDescription(self.value_label.text())

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def setValue(self, value: int | None) -> None:
        if value is None:
            self.clear()
            return
        self.buttons[max(0, min(10, int(value)))].setChecked(True)
        self._show()
        self.changed.emit(self.value())

    def clear(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self._show()
        self.changed.emit(None)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt  # here: the first screen never builds the Qt namespace (see qt_names)

        key, current = event.key(), self.value()
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Down: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: 1,
                 Qt.Key.Key_PageDown: -2, Qt.Key.Key_PageUp: 2}
        if key in moves:
            start = current if current is not None else (0 if moves[key] > 0 else 10) - moves[key]
            self.setValue(max(0, min(10, start + moves[key])))
        elif key == Qt.Key.Key_Home:
            self.setValue(0)
        elif key == Qt.Key.Key_End:
            self.setValue(10)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = str(key - Qt.Key.Key_0)
            self._typed = self._typed + digit if self._typed == "1" and digit == "0" else digit
            self.setValue(int(self._typed))
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.setStyleSheet("QWidget#pain-scale { border: 2px solid palette(highlight); border-radius: 6px; }")
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.setStyleSheet("")
        self._typed = ""
        super().focusOutEvent(event)


class NumberField(QWidget):
    """A whole-number field that never changes what the person typed: `value()` reads it strictly and
    refuses text, decimals and out-of-range numbers with a message naming the field (a ValidationError,
    shown by the window's one write path), instead of clamping or dropping characters as a spin box does.
    Up/Down (and Page Up/Down by ten) still step the number."""

    editingFinished = Signal()
    valueChanged = Signal()   # the text changed (it may not be a valid number yet)

    def __init__(self, minimum: int = 0, maximum: int = 100, *, name: str = "", suffix: str = "",
                 optional: bool = False, empty_text: str = "", parent=None):
        super().__init__(parent)
        self.low, self.high, self.name, self.optional = minimum, maximum, name, optional
        self.edit = QLineEdit()
        self.edit.setMaxLength(12)
        self.edit.setPlaceholderText(empty_text)
        self.edit.editingFinished.connect(self.editingFinished.emit)
        self.edit.textChanged.connect(lambda _text: self.valueChanged.emit())
        self.suffix_label = QLabel(suffix.strip())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.suffix_label)
        self.setFocusProxy(self.edit)
        if name:
            self.setAccessibleName(name)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.name = self.name or name

    def setRange(self, minimum: int, maximum: int) -> None:
        self.low, self.high = minimum, maximum

    def minimum(self) -> int:
        return self.low

    def maximum(self) -> int:
        return self.high

    def setSuffix(self, suffix: str) -> None:
        self.suffix_label.setText(suffix.strip())

    def setValue(self, value: int | None) -> None:
        self.edit.setText("" if value is None else str(int(value)))

    def text(self) -> str:
        return self.edit.text()

    def value(self) -> int | None:
        """The number typed, exactly; None for an empty optional field. Anything else is refused."""
        from sb_desktop.domain.errors import ValidationError

        text = self.edit.text().strip()
        label = self.name or _("This number")
        if not text and self.optional:
            return None
        if not text.isdigit() or not text.isascii():
            raise ValidationError(_("{field}: '{text}' is not a whole number. Type digits only, from {low} to "
                                    "{high}.").format(field=label, text=text, low=self.low, high=self.high))
        number = int(text)
        if not self.low <= number <= self.high:
            raise ValidationError(_("{field}: {n} is outside {low} to {high}. Nothing was changed.").format(
                field=label, n=number, low=self.low, high=self.high))
        return number

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt  # here, not at start-up (see qt_names)

        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 10, Qt.Key.Key_PageDown: -10}
        if event.key() in steps:
            text = self.edit.text().strip()
            current = int(text) if text.isdigit() else self.low
            self.setValue(max(self.low, min(self.high, current + steps[event.key()])))
            return
        super().keyPressEvent(event)


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
        self.minutes = NumberField(0, MAX_MINUTES, name=_("Minutes"), suffix=_("min"))
        self.minutes.setValue(15)
        # parented even when not shown, so it never becomes a stray top-level window
        self.steps = NumberField(0, MAX_STEPS, name=_("Steps, optional"), optional=True, empty_text=_("Not recorded"),
                                 parent=self)
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
        self.steps.setValue(entry.steps)
        self.effort.setValue(entry.effort)

"""The exercise guide: every exercise on the person's route with its picture and steps, and a recording that
reads out its title and each step, to look at and listen to before (or instead of) following a routine."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.routes import CHAIR, exercise_position
from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import heading, note
from sb_desktop.ui.sessions.content_browser import ContentBrowser
from sb_desktop.ui.sessions.narration_player import NarrationPlayer

_OFF_THE_FLOOR = ("chair", "standing")


def guide_exercises(pack, route: str | None) -> list:
    """The exercises to show, easiest first: on the chair route only those done in a chair or standing (someone
    who cannot get down to the floor is never shown a floor exercise)."""
    exercises = [e for e in pack.exercises if route != CHAIR or exercise_position(e) in _OFF_THE_FLOOR]
    return sorted(exercises, key=lambda e: e.level)


def exercise_markdown(exercise) -> str:
    """The exercise as the guide shows it: its title, its steps in order, and how many or how long."""
    lines = [f"# {exercise.title}", ""]
    lines += [f"{number}. {step}" for number, step in enumerate(exercise.steps, start=1)]
    amount = []
    if exercise.repetitions:
        amount.append(_("Usually {n} times.").format(n=exercise.repetitions))
    if exercise.hold_seconds:
        amount.append(_("Hold for about {n} seconds.").format(n=exercise.hold_seconds))
    if amount:
        lines += ["", " ".join(amount) + " " + _("Your routine says how many for your level.")]
    return "\n".join(lines) + "\n"


class ExerciseGuide(QWidget):
    """A list of exercises; the chosen one's picture, steps and spoken steps. Emits closed() to go back."""

    closed = Signal()

    def __init__(self, pack, route: str | None, parent: QWidget | None = None, narration: NarrationPlayer | None = None):
        super().__init__(parent)
        self.pack = pack
        self.exercises = guide_exercises(pack, route)
        self.back_button = QPushButton(_("← All sessions"))
        self.back_button.setToolTip(_("Back to the list (Esc)"))
        self.back_button.clicked.connect(self.close_guide)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)

        self.list = QListWidget()
        self.list.setAccessibleName(_("Exercises"))
        self.list.setSpacing(4)          # rows a mouse can hit without care
        # Long names wrap rather than hide behind a sideways scroll bar (large text, narrow windows).
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = self.list.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.list.setFont(font)
        for exercise in self.exercises:
            item = QListWidgetItem(exercise.title)
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            self.list.addItem(item)
        self.browser = ContentBrowser()
        self.browser.set_pack(pack.root)
        self.browser.setAccessibleName(_("Exercise steps"))
        self.narration = narration or NarrationPlayer()
        self.narration.play_button.setToolTip(_("Play or pause the spoken steps of this exercise (Ctrl+Space)"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(self.browser)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([280, 750])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(heading(_("The exercises"), 1.45))
        explain = note(_("Each exercise with its picture and steps. Press Play to hear the steps read out. "
                         "Move gently, and only as far as feels comfortable today."), small=True)
        layout.addWidget(explain)
        layout.addWidget(split, 1)
        layout.addWidget(self.narration)    # full width: the seek bar stays usable with large text
        self.empty = QLabel(_("This content pack has no exercises."))
        self.empty.setVisible(not self.exercises)
        layout.addWidget(self.empty)
        shortcut = QShortcut(QKeySequence("Esc"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.close_guide)
        self.list.currentRowChanged.connect(self._show_row)
        if self.exercises:
            self.list.setCurrentRow(0)

    @property
    def current(self):
        row = self.list.currentRow()
        return self.exercises[row] if 0 <= row < len(self.exercises) else None

    def show_exercise(self, exercise_id: str) -> bool:
        for row, exercise in enumerate(self.exercises):
            if exercise.id == exercise_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def _show_row(self, row: int) -> None:
        exercise = self.current
        self.narration.stop()
        if exercise is None:
            self.narration.set_source(None)
            return
        self.browser.show_markdown(exercise_markdown(exercise), None, exercise.image, exercise.image_alt)
        self.narration.set_source(exercise.narration)

    def stop(self) -> None:
        self.narration.stop()

    def close_guide(self) -> None:
        self.narration.stop()
        self.closed.emit()

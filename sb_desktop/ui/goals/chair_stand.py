"""The 30-second chair stand, timed by the app: safety steps and the chair set-up first, a visible count-down
that can be stopped at any moment, then the number of full stands, which is saved as a self-check."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.chair_stand import MAX_STANDS, TEST_SECONDS, make_chair_stand, safety_steps
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _, ngettext
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.entry_forms import NumberField
from sb_desktop.ui.common.widgets import heading, note


class ChairStandDialog(QDialog):
    """Three steps: how to do it safely, the timed 30 seconds, and how many stands."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.saved = None
        self.remaining = TEST_SECONDS
        self.setWindowTitle(_("Chair stand self-check"))
        self.setMinimumWidth(520)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._before())
        self.stack.addWidget(self._timing())
        self.stack.addWidget(self._result())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action = self.buttons.addButton(_("I am ready: start the 30 seconds"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.action.setDefault(True)
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

    def _before(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(heading(_("How many times can you stand up in 30 seconds?"), 1.15))
        column.addWidget(note(_("This simple check shows how your legs and back are doing. Your physiotherapist cannot "
                                "see you on a phone call; this number helps them. Doing it every two weeks shows "
                                "change. Any number is fine, including 0.")))
        steps = "\n".join(f"{n}. {text}" for n, text in enumerate(safety_steps(), start=1))
        column.addWidget(note(steps))
        column.addWidget(note(_("You only need a chair. When you press Start, the app counts down 30 seconds; you "
                                "count your stands.")))
        column.addStretch(1)
        return page

    def _timing(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.count_label = heading("", 2.4)
        self.count_label.setAccessibleName(_("Seconds left"))
        column.addWidget(self.count_label)
        column.addWidget(note(_("Stand up, sit down, again: count each full stand. Stop whenever you need to.")))
        self.stop_button = QPushButton(_("&Stop now"))
        self.stop_button.setMinimumHeight(44)
        self.stop_button.clicked.connect(self.stop_early)
        column.addWidget(self.stop_button)
        column.addStretch(1)
        return page

    def _result(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.result_title = heading(_("Time is up. Well done."), 1.15)
        column.addWidget(self.result_title)
        self.stands = NumberField(0, MAX_STANDS, name=_("Full stands in 30 seconds"), suffix=_("stands"))
        column.addWidget(QLabel(_("How many full stands did you do?")))
        column.addWidget(self.stands)
        self.used_arms = QCheckBox(_("I needed my arms to stand up"))
        column.addWidget(self.used_arms)
        column.addStretch(1)
        return page

    # --- steps ---

    def _next(self) -> None:
        page = self.stack.currentIndex()
        if page == 0:
            self.start()
        elif page == 2:
            self.save()

    def start(self) -> None:
        self.remaining = TEST_SECONDS
        self._show_remaining()
        self.stack.setCurrentIndex(1)
        self.action.setEnabled(False)
        self.stop_button.setFocus()
        self.timer.start()

    def _tick(self) -> None:
        self.remaining -= 1
        self._show_remaining()
        if self.remaining <= 0:
            self.finish(stopped_early=False)

    def _show_remaining(self) -> None:
        self.count_label.setText(ngettext("{n} second", "{n} seconds", self.remaining).format(n=self.remaining))

    def stop_early(self) -> None:
        self.finish(stopped_early=True)

    def finish(self, *, stopped_early: bool) -> None:
        self.timer.stop()
        self.stopped_early = stopped_early
        self.result_title.setText(_("Stopped. That is fine: write down what you did.") if stopped_early
                                  else _("Time is up. Well done."))
        self.stack.setCurrentIndex(2)
        self.action.setText(_("Save"))
        self.action.setEnabled(True)
        self.stands.setFocus()

    def save(self) -> None:
        try:
            response = make_chair_stand(self.stands.value(), stopped_early=getattr(self, "stopped_early", False))
        except UserError as error:
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.warning(self, _("Not saved"), str(error))
            return
        if self.used_arms.isChecked():
            response = type(response)(response.questionnaire, response.date, {**response.answers, "used_arms": True},
                                      response.score, response.recorded_at)
        self.saved = self.context.run(lambda p: p.measures.add(response), changes=Change.MEASURES, parent=self,
                                      done=_("Chair stand saved: {n} stands.").format(n=int(response.score)))
        if self.saved is not None:
            self.accept()

    def reject(self) -> None:
        self.timer.stop()
        super().reject()

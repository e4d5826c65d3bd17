"""Before the next routine on a later day, once: "After your last routine, how was your back?"

Soreness that settled within a day or two is answered as expected and not harm; soreness that lasted, or was
worse, brings a kind suggestion (the easier versions of what felt hard, staying at this level) with the stop
rules. Answered or skipped, the question is not asked again about that routine.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sb_desktop.domain.routine_log import HARD, SORE_LASTING, SORENESS, soreness_label, soreness_question, soreness_reply
from sb_desktop.domain.settings import ROUTINE_SORENESS_ASKED
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import Change
from sb_desktop.ui.sessions.stop_rules import scrolling_body, stop_rules_box


class SorenessQuestion(QWidget):
    """The question about the last routine done (`last`, a RoutineDone); emits `finished` to go on."""

    finished = Signal()

    def __init__(self, context, pack, last, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.pack, self.last = context, pack, last
        page, layout = scrolling_body()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)
        title = QLabel(_("Before you start"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        question = QLabel(soreness_question())
        question.setWordWrap(True)
        big = question.font()
        big.setPointSizeF(big.pointSizeF() * 1.15)
        question.setFont(big)
        self.when = QLabel()
        self.when.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(question)
        layout.addWidget(self.when)
        helps = QLabel(_("Your answer helps you choose how hard to go today. There is no wrong answer."))
        helps.setWordWrap(True)
        layout.addWidget(helps)
        self.buttons: list[QPushButton] = []
        self.choices = QWidget()
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        for answer in SORENESS:
            button = QPushButton(soreness_label(answer))
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, a=answer: self.answer(a))
            self.buttons.append(button)
            choices.addWidget(button)
        self.skip = QPushButton(_("Skip this question"))
        self.skip.setToolTip(_("Go straight to the routine; you will not be asked about that one again"))
        self.skip.clicked.connect(lambda: self.answer(None))
        skip_row = QHBoxLayout()
        skip_row.addWidget(self.skip)
        skip_row.addStretch(1)
        choices.addSpacing(6)
        choices.addLayout(skip_row)
        layout.addWidget(self.choices)
        self.reply = QLabel()
        self.reply.setWordWrap(True)
        self.reply.setFont(big)
        self.reply.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reply.hide()
        self.stop_rules = stop_rules_box()
        self.stop_rules.hide()
        self.continue_button = QPushButton(_("Continue to the routine"))
        self.continue_button.clicked.connect(self.finished.emit)
        self.continue_button.hide()
        layout.addWidget(self.reply)
        layout.addWidget(self.stop_rules)
        row = QHBoxLayout()
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.set_last(last)

    def set_last(self, last) -> None:
        """The routine asked about (the screenshots set a sample one)."""
        self.last = last
        if last is None:
            return
        found = self.pack.routine(last.routine_id)
        self.when.setText(_("Your last routine: {title}, on {day}.").format(
            title=found.title if found else last.routine_id, day=f"{last.date:%A} {last.date.day} {last.date:%B}"))

    def answer(self, answer: str | None) -> None:
        """Save the answer (None: skipped) and mark the question as asked, in one transaction."""
        last = self.last
        if last is None:
            self.finished.emit()
            return

        def save(profile):
            if answer is not None:
                profile.routine_log.set_soreness(last.id, answer)
            profile.settings.write(ROUTINE_SORENESS_ASKED, last.id)
            return True

        if self.context.run(save, changes=Change.GOALS | Change.SETTINGS, parent=self,
                            done=_("Thank you: your answer is saved.") if answer else None) is None:
            return
        self.last = None
        if answer is None:
            self.finished.emit()
            return
        hard = [self.pack.exercise(eid).title if self.pack.exercise(eid) else eid
                for eid, effort in last.effort.items() if effort == HARD]
        self.choices.hide()
        self.reply.setText(soreness_reply(answer, hard))
        self.reply.show()
        self.stop_rules.setVisible(answer == SORE_LASTING)
        self.continue_button.show()
        self.continue_button.setDefault(True)
        self.continue_button.setFocus()

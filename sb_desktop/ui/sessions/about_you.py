"""About you: three optional questions at the start of the programme whose answers decide which extra topics
are suggested first. Shown as a card on session 1's page, and as a dialog from the Goals page."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.tailoring import (
    ABOUT_YOU,
    DAMAGE_BELIEFS,
    EXPECTATIONS,
    HARDEST,
    AboutYou,
    about_you,
    damage_labels,
    expectation_labels,
    hardest_labels,
    make_about_you,
    read_about_you,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import heading, note
from sb_desktop.ui.goals.widgets import ChoiceGroup


class AboutYouForm(QWidget):
    """The three questions; answers() gives what is chosen (checked, so a bad answer raises)."""

    changed = Signal()

    def __init__(self, previous: AboutYou | None = None, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("1. How much do you expect this programme to help your back?"), 1.0))
        labels = expectation_labels()
        self.expectation = ChoiceGroup([(i, labels[code]) for i, code in enumerate(EXPECTATIONS)], columns=4,
                                       accessible=_("How much you expect it to help"))
        layout.addWidget(self.expectation)
        layout.addSpacing(8)
        layout.addWidget(heading(_("2. When your back hurts, do you think it is being damaged?"), 1.0))
        labels = damage_labels()
        self.damage = ChoiceGroup([(i, labels[code]) for i, code in enumerate(DAMAGE_BELIEFS)], columns=3,
                                  accessible=_("Whether pain means damage"))
        layout.addWidget(self.damage)
        layout.addSpacing(8)
        layout.addWidget(heading(_("3. What do you find hardest at the moment? Tick any that apply."), 1.0))
        grid = QGridLayout()
        grid.setContentsMargins(12, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.hardest: dict[str, QCheckBox] = {}
        rows = (len(HARDEST) + 1) // 2
        labels = hardest_labels()
        for index, code in enumerate(HARDEST):
            box = QCheckBox(labels[code])
            box.toggled.connect(lambda _on: self.changed.emit())
            self.hardest[code] = box
            grid.addWidget(box, index % rows, index // rows)
        layout.addLayout(grid)
        self.expectation.changed.connect(self.changed)
        self.damage.changed.connect(self.changed)
        if previous is not None:
            self.set_answers(previous)

    def set_answers(self, answers: AboutYou) -> None:
        if answers.expectation is not None:
            self.expectation.set_value(EXPECTATIONS.index(answers.expectation))
        if answers.damage_belief is not None:
            self.damage.set_value(DAMAGE_BELIEFS.index(answers.damage_belief))
        for code, box in self.hardest.items():
            box.setChecked(code in answers.hardest)

    def answers(self) -> AboutYou:
        expectation = self.expectation.value()
        damage = self.damage.value()
        return about_you(EXPECTATIONS[expectation] if expectation is not None else None,
                         DAMAGE_BELIEFS[damage] if damage is not None else None,
                         [code for code, box in self.hardest.items() if box.isChecked()])

    def any_answered(self) -> bool:
        return (self.expectation.value() is not None or self.damage.value() is not None
                or any(box.isChecked() for box in self.hardest.values()))


def _intro() -> str:
    return _("Three quick questions, all optional. Your answers help the programme choose which extra topics to "
             "suggest to you first. There are no right or wrong answers, every topic stays open to you, and you "
             "can change your answers at any time.")


def _save(context: AppContext, form: AboutYouForm, parent: QWidget):
    answers = form.answers()     # checked before anything is written; the caller shows the message
    return context.run(lambda profile: profile.measures.add(make_about_you(answers)), parent=parent,
                       changes=Change.MEASURES, done=_("Your answers are saved."))


def stored_answers(context: AppContext) -> AboutYou | None:
    profile = context.profile
    return read_about_you(profile.measures.latest(ABOUT_YOU)) if profile is not None else None


class AboutYouCard(QWidget):
    """Session 1's card: what the questions are for, and a button that opens them."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("About you (optional)"), 1.1))
        layout.addWidget(note(_("Three quick questions about what you expect and what you find hard. Your answers "
                                "help the programme choose which extra topics to suggest to you first.")))
        row = QHBoxLayout()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.ask)
        self.confirmation = QLabel()
        self.confirmation.setWordWrap(True)
        row.addWidget(self.open_button)
        row.addWidget(self.confirmation, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self._show_state()

    def _show_state(self) -> None:
        answered = stored_answers(self.context) is not None
        self.open_button.setText(_("Change my answers…") if answered else _("Answer 3 questions…"))
        self.confirmation.setText(_("✓ Saved. You can change your answers at any time.") if answered else "")

    def ask(self) -> bool:
        dialog = AboutYouDialog(self.context, self)
        done = bool(dialog.exec())
        self._show_state()
        return done


class AboutYouDialog(QDialog):
    """The same questions from the Goals page, for someone who skipped them or wants to change them."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.saved = None
        self.setWindowTitle(_("About you"))
        self.resize(680, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("About you (optional)")))
        layout.addWidget(note(_intro()))
        self.form = AboutYouForm(stored_answers(context))
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.message = note("", small=True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Not now"))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setDefault(True)
        save.setEnabled(self.form.any_answered())
        self.form.changed.connect(lambda: save.setEnabled(self.form.any_answered()))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        from sb_desktop.domain.errors import UserError
        try:
            self.saved = _save(self.context, self.form, self)
        except UserError as error:
            self.message.setText(str(error))
            return
        if self.saved is not None:
            self.accept()

"""The measure dialogs: activities you find hard (PSFS), how your back is now (global change), and the
optional STarT Back screening."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.errors import UserError
from sb_desktop.domain.measures import (
    PSFS_CITATION,
    PSFS_MAX_ITEMS,
    STARTBACK_NOTICE,
    groc_labels,
    make_groc,
    make_psfs,
    make_startback,
    psfs_previous,
    startback_bother_options,
    startback_topics,
)
from sb_desktop.domain.tailoring import startback_explanation
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.entry_forms import NumberField
from sb_desktop.ui.common.style import short_date
from sb_desktop.ui.common.widgets import heading, note  # noqa: F401  (re-exported for the goals screens)
from sb_desktop.ui.goals.widgets import ChoiceGroup, _scrolling


class PsfsForm(QWidget):
    """Up to five activities the person finds hard, each rated 0 (cannot do it) to 10 (as before)."""

    def __init__(self, previous: list[tuple[str, int]], parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note(_("Name 3 to 5 everyday activities your back makes hard, such as putting on socks "
                                "or walking to the shop. Rate each: 0 means you cannot do it at all, 10 means you "
                                "can do it as well as before your back pain.")))
        grid = QGridLayout()
        grid.addWidget(heading(_("Activity"), 1.0), 0, 0)
        grid.addWidget(heading(_("Can do (0-10)"), 1.0), 0, 1)
        if previous:
            grid.addWidget(heading(_("Last time"), 1.0), 0, 2)
        self.rows: list[tuple[QLineEdit, NumberField]] = []
        for index in range(PSFS_MAX_ITEMS):
            name = QLineEdit(previous[index][0] if index < len(previous) else "")
            name.setPlaceholderText(_("Activity {n}").format(n=index + 1) + (_(" (optional)") if index >= 3 else ""))
            name.setMaxLength(80)
            name.setAccessibleName(_("Activity {n}").format(n=index + 1))
            # Starts unrated (empty, "0-10" as a hint), so no number is suggested to the person.
            score = NumberField(0, 10, name=_("Rating for activity {n}, 0 to 10").format(n=index + 1),
                                optional=True, empty_text=_("0-10"))
            score.setMinimumWidth(90)
            grid.addWidget(name, index + 1, 0)
            grid.addWidget(score, index + 1, 1)
            if index < len(previous):
                grid.addWidget(note(str(previous[index][1]), small=True), index + 1, 2, Qt.AlignmentFlag.AlignCenter)
            self.rows.append((name, score))
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        layout.addWidget(note(_("Patient-Specific Functional Scale (Stratford et al., 1995)."), small=True))

    def ratings(self) -> list[tuple[str, int | None]]:
        return [(name.text(), score.value()) for name, score in self.rows]

    def set_ratings(self, ratings: list[tuple[str, int]]) -> None:
        for (name, score), (text, value) in zip(self.rows, ratings, strict=False):   # up to five rows
            name.setText(text)
            score.setValue(value)


class PsfsDialog(QDialog):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Activities that are hard"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("How well can you do these activities?")))
        previous = psfs_previous(context.profile.measures.responses()) if context.profile else []
        self.form = PsfsForm(previous)
        layout.addWidget(self.form)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setToolTip(PSFS_CITATION)

    def save(self) -> None:
        try:
            ratings = self.form.ratings()
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), str(error))
            return
        saved = self.context.run(lambda p: p.measures.add(make_psfs(ratings)),
                                 done=_("Activity ratings saved."), parent=self, changes=Change.MEASURES)
        if saved is not None:
            self.accept()


class GrocDialog(QDialog):
    """The 7-point global rating of change, asked at weeks 6 and 12."""

    def __init__(self, context: AppContext, week: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.week = week
        self.setWindowTitle(_("How is your back now?"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Compared with when you started, how is your back now?")))
        layout.addWidget(note(_("Week {n} of the programme. Choose the answer closest to how you feel.").format(n=week)))
        labels = groc_labels()
        self.choice = ChoiceGroup([(value + 3, labels[value]) for value in sorted(labels, reverse=True)],
                                  accessible=_("Change in your back"))
        layout.addWidget(self.choice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setEnabled(False)
        self.choice.changed.connect(lambda: save_button.setEnabled(True))
        layout.addWidget(self.buttons)

    def save(self) -> None:
        value = self.choice.value() - 3
        saved = self.context.run(lambda p: p.measures.add(make_groc(value, week=self.week)),
                                 done=_("Thank you: your answer is saved."), parent=self, changes=Change.MEASURES)
        if saved is not None:
            self.accept()


def clinic_startback_wording(clinic) -> list[str] | None:
    """Nine item texts a clinic holding Keele's licence may supply (`startback_items`), else None."""
    items = clinic.get("startback_items") if isinstance(clinic, dict) else getattr(clinic, "startback_items", None)
    if isinstance(items, (list, tuple)) and len(items) == 9 and all(isinstance(i, str) and i.strip() for i in items):
        return list(items)
    return None


class StartBackDialog(QDialog):
    """Optional screening. Built-in item texts are our paraphrase of each item's topic, labelled as such."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Optional back pain screening"))
        self.resize(680, 640)
        licensed = clinic_startback_wording(getattr(context, "clinic", None))
        self.wording = "clinic" if licensed else "paraphrase"
        texts = licensed or [startback_topics()[n] for n in range(1, 10)]
        layout = QVBoxLayout(self)
        self.title = heading(_("Back pain screening (optional)"))
        layout.addWidget(self.title)
        intro = _("This is optional. It helps you and your clinician think about what kind of support might "
                  "suit you. Think about the last 2 weeks.")
        if self.wording == "paraphrase":
            intro += " " + _("The statements below are our plain summaries of the questionnaire's topics, not its "
                             "official wording, so treat the result as a rough guide and talk it through with your clinician.")
        self.intro = note(intro)
        layout.addWidget(self.intro)
        body = QWidget()
        grid = QGridLayout(body)
        self.items: dict[int, ChoiceGroup] = {}
        for n in range(1, 9):
            grid.addWidget(note(f"{n}. {texts[n - 1]}"), n, 0)
            group = ChoiceGroup([(1, _("Agree")), (0, _("Disagree"))], columns=2, accessible=texts[n - 1])
            group.changed.connect(self._update)
            self.items[n] = group
            grid.addWidget(group, n, 1)
        grid.addWidget(note(f"9. {texts[8]}"), 9, 0)
        self.bother = QComboBox()
        self.bother.addItem(_("Choose…"), None)
        for value, text in enumerate(startback_bother_options()):
            self.bother.addItem(text, value)
        self.bother.setAccessibleName(texts[8])
        self.bother.currentIndexChanged.connect(self._update)
        grid.addWidget(self.bother, 9, 1)
        grid.setColumnStretch(0, 1)
        self.questions = _scrolling(body)
        layout.addWidget(self.questions, 1)
        self.result_text = note("")
        self.result_text.setVisible(False)
        layout.addWidget(self.result_text)
        self.result_space = QWidget()
        self.result_space.setVisible(False)
        layout.addWidget(self.result_space, 1)
        layout.addWidget(note(STARTBACK_NOTICE, small=True))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _answers(self):
        agree = {n: bool(g.value()) for n, g in self.items.items() if g.value() is not None}
        return agree, self.bother.currentData()

    def _update(self) -> None:
        agree, bother = self._answers()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(len(agree) == 8 and bother is not None)

    def save(self) -> None:
        agree, bother = self._answers()
        saved = self.context.run(lambda p: p.measures.add(make_startback(agree, bother, wording=self.wording)),
                                 done=_("Screening saved."), parent=self, changes=Change.MEASURES)
        if saved is not None:
            self.saved = saved
            self.show_result(saved)

    def show_result(self, response) -> None:
        """What the answers suggest, in calm words, in place of the questions; Close ends the dialog."""
        self.title.setText(_("Thank you: your answers are saved"))
        self.intro.setVisible(False)
        self.questions.setVisible(False)
        self.result_text.setText(startback_result_text(response))
        self.result_text.setVisible(True)
        self.result_space.setVisible(True)
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        close.setFocus()
        self.resize(self.width(), self.sizeHint().height())   # no tall empty space where the questions were


def startback_result_text(response) -> str:
    """The explanation of a screening result, then where its numbers come from; never a bare risk label."""
    answers = response.answers
    return startback_explanation(answers["risk"]) + "\n\n" + _(
        "Your answers scored {total} of 9, and {psych} of 5 on the questions about worry and mood. Everyone's "
        "back is different: this is a rough guide to help choose topics, not a diagnosis.").format(
        total=int(response.score), psych=answers["psychosocial"])


def startback_summary(response) -> str:
    answers = response.answers
    return _("Screening on {date}: {explanation}").format(
        date=short_date(response.date), explanation=startback_explanation(answers["risk"]))

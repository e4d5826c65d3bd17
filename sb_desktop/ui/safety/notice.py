"""The notice shown above every page while an emergency or urgent answer is unresolved.

It comes back after a restart (it is read from the profile), and it stays until the person records that they
have been checked and told they can carry on. "Not yet" is recorded too, and the notice stays. Built at
every start, so it imports nothing heavy (no `Qt` namespace, no dialogs' modules).
"""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout

from sb_desktop.domain.safety import ASSESSED, EMERGENCY, NOT_YET, Escalation, escalation_notice
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.qt_names import selectable_text
from sb_desktop.ui.common.widgets import panel_style

COLOURS = {EMERGENCY: ("#fdecea", "#b3261e"), "urgent": ("#fff4e0", "#a15c00")}


class EscalationNotice(QFrame):
    """Shows itself while the open profile has an open escalation; hidden otherwise."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.escalation: Escalation | None = None
        self.setObjectName("escalation-notice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        selectable_text(self.text)
        self.checked_button = QPushButton(_("I have been checked and told I can carry on"))
        self.not_yet_button = QPushButton(_("Not yet"))
        self.not_yet_button.setToolTip(_("Record that you have not been checked yet; this notice stays"))
        self.checked_button.clicked.connect(self.record_assessed)
        self.not_yet_button.clicked.connect(self.record_not_yet)
        buttons = QHBoxLayout()
        buttons.addWidget(self.checked_button)
        buttons.addWidget(self.not_yet_button)
        buttons.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.setAccessibleName(_("Safety notice"))
        self.hide()
        context.changed.connect(self._on_changed)
        context.profile_opened.connect(self.refresh)
        context.profile_closed.connect(self.clear)

    def _on_changed(self, kinds, _initiator) -> None:
        if Change.SAFETY in kinds:
            self.refresh()

    def clear(self) -> None:
        self.escalation = None
        self.title.clear()
        self.text.clear()
        self.hide()

    def refresh(self) -> None:
        profile = self.context.profile
        if profile is None:
            self.clear()
            return
        self.escalation = profile.safety.open_escalation()
        if self.escalation is None:
            self.clear()
            return
        title, text = escalation_notice(self.escalation, getattr(self.context, "clinic", None))
        background, border = COLOURS.get(self.escalation.level, COLOURS["urgent"])
        self.setStyleSheet(panel_style("QFrame#escalation-notice", background, border, radius=0, border_width=2))
        self.title.setStyleSheet(f"color: {border};")
        self.title.setText(title)
        self.text.setText(text)
        self.setAccessibleDescription(f"{title}. {text}")
        self.show()

    def record_assessed(self, _checked: bool = False, *, confirm: bool = True) -> None:
        if confirm:
            answer = QMessageBox.question(
                self, _("Checked by a doctor?"),
                _("Please choose this only if a doctor, nurse or physiotherapist has checked you since you answered, "
                  "and told you that you can carry on with the programme."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.context.run(lambda p: p.safety.resolve(ASSESSED), changes=Change.SAFETY, parent=self,
                         initiator=self, done=_("Recorded: you have been checked. The programme carries on."))

    def record_not_yet(self) -> None:
        self.context.run(lambda p: p.safety.resolve(NOT_YET), changes=Change.SAFETY, parent=self,
                         initiator=self, done=_("Recorded: not checked yet. The notice stays."))

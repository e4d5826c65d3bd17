"""The flare-up plan: the person's own "first aid" plan, editable, printable and saved as PDF."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.clinic_config import clinic_contact_lines
from sb_desktop.domain.safety import EMERGENCY, URGENT, FlarePlan, page_action, warning_signs
from sb_desktop.i18n import _
from sb_desktop.storage.files import atomic_write_bytes
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import heading, make_quiet


def sections() -> list[tuple[str, str, str]]:
    """(field, heading, prompt) for each part of the plan."""
    return [
        ("helps", _("What helps me"), _("For example: keep moving gently, short walks, a warm bath, a heat pad, "
                                       "the exercises that ease it, pacing my day…")),
        ("avoid", _("What to avoid"), _("For example: staying in bed, sitting still for hours, giving up the "
                                       "things I enjoy, waiting for the pain to go before I move…")),
        ("contacts", _("Who to contact"), _("Names and numbers: GP practice, physiotherapist, pharmacist, "
                                           "someone who can help at home…")),
        ("get_help", _("When to get help"), _("For example: if it is not easing after a few weeks, or I am "
                                             "worried. Always: the signs below.")),
    ]


def plan_html(plan: FlarePlan, profile_name: str, overrides=None) -> str:
    """The plan as a simple printable page, with the red-flag advice always at the bottom."""
    parts = [f"<h1>{html.escape(_('My flare-up plan'))}</h1>",
             f"<p style='color:#555'>{html.escape(profile_name)}</p>"]
    for field, title, _prompt in sections():
        text = getattr(plan, field).strip() or _("(not filled in yet)")
        body = "<br>".join(html.escape(line) for line in text.splitlines())
        parts.append(f"<h2>{html.escape(title)}</h2><p>{body}</p>")
    contact = clinic_contact_lines(overrides)
    if contact:
        parts.append(f"<h2>{html.escape(_('My clinic'))}</h2><p>{'<br>'.join(html.escape(line) for line in contact)}</p>")
    # The same signs, in the same words, as the safety questions, pages and routine player.
    for group in warning_signs(overrides):
        if group.level not in (EMERGENCY, URGENT):
            continue
        signs = "".join(f"<li>{html.escape(sign)}</li>" for sign in group.signs)
        action = html.escape(page_action(group.level, overrides))
        if group.level == EMERGENCY:
            action = f"<b>{action}</b>"
        parts.append(f"<h2>{html.escape(group.heading)}</h2><ul>{signs}</ul><p>{action}</p>")
    return "".join(parts)


def render_pdf(plan: FlarePlan, profile_name: str, overrides=None) -> bytes:
    """The printable page as PDF bytes (A4), written by the caller atomically."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setTitle(_("My flare-up plan"))
    document = QTextDocument()
    document.setHtml(plan_html(plan, profile_name, overrides))
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(buffer.data())


class FlarePlanDialog(QDialog):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("My flare-up plan"))
        self.setModal(False)
        self.resize(640, 700)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading(_("My flare-up plan"), 1.4))
        intro = QLabel(_("Flare-ups are common and usually settle within days or a few weeks. Writing your plan "
                         "now, while you feel calm, makes a flare-up easier to handle."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.fields: dict[str, QPlainTextEdit] = {}
        plan = context.profile.flare_plan.get() if context.profile else FlarePlan()
        for field, section_title, prompt in sections():
            label = QLabel(f"<b>{html.escape(section_title)}</b>")
            edit = QPlainTextEdit(getattr(plan, field))
            edit.setPlaceholderText(prompt)
            edit.setAccessibleName(section_title)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit, 1)
            self.fields[field] = edit
            if field == "contacts":
                self._add_clinic_contact(layout)
        urgent = QLabel(_("Signs that need help straight away are always printed at the bottom of your plan."))
        urgent.setWordWrap(True)
        make_quiet(urgent)
        layout.addWidget(urgent)
        self.status = QLabel()
        self.status.setStyleSheet("color: #2e7d5b;")
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_plan)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.pdf_button.clicked.connect(self.save_pdf_dialog)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        for button in (self.print_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        context.profile_closed.connect(self.close)

    def _add_clinic_contact(self, layout) -> None:
        """Under "Who to contact": the clinic's own details, always on the printed plan too."""
        lines = clinic_contact_lines(getattr(self.context, "clinic", None))
        self.clinic_contact = QLabel(_("Your clinic (printed on your plan): {details}").format(
            details=" · ".join(lines)))
        self.clinic_contact.setObjectName("flare-plan-clinic")
        self.clinic_contact.setWordWrap(True)
        self.clinic_contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clinic_contact.setVisible(bool(lines))
        layout.addWidget(self.clinic_contact)

    def plan(self) -> FlarePlan:
        return FlarePlan(**{field: edit.toPlainText() for field, edit in self.fields.items()})

    def save(self) -> FlarePlan | None:
        plan = self.plan()
        saved = self.context.run(lambda p: p.flare_plan.save(plan), done=_("Flare-up plan saved."),
                                 parent=self, changes=Change.FLARE_PLAN)
        if saved is not None:
            self.status.setText(_("✓ Saved."))
        return saved

    def _profile_name(self) -> str:
        return self.context.profile.name if self.context.profile else ""

    def save_pdf(self, path: Path) -> None:
        data = render_pdf(self.plan(), self._profile_name(), getattr(self.context, "clinic", None))
        atomic_write_bytes(Path(path), data)
        self.status.setText(_("✓ Saved as {path}").format(path=path))

    def save_pdf_dialog(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save flare-up plan as PDF"),
                                                    _("flare-up plan.pdf"), _("PDF files (*.pdf)"))
        if path:
            try:
                self.save_pdf(Path(path))
            except OSError as error:
                self.status.setText(_("Could not save: {reason}").format(reason=error.strerror or error))

    def print_plan(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            document = QTextDocument()
            document.setHtml(plan_html(self.plan(), self._profile_name(), getattr(self.context, "clinic", None)))
            document.print_(printer)

    def unsaved_changes(self) -> bool:
        if self.context.profile is None:
            return False
        stored = self.context.profile.flare_plan.get()
        return any(getattr(stored, field) != edit.toPlainText().strip() for field, edit in self.fields.items())

    def closeEvent(self, event) -> None:
        # Closing keeps what was typed: save quietly if anything changed.
        if self.unsaved_changes():
            self.save()
        super().closeEvent(event)


def show_flare_plan(context: AppContext, parent: QWidget | None = None) -> FlarePlanDialog:
    """Open (or bring forward) the non-modal flare-up plan window."""
    existing = getattr(parent, "_flare_plan_dialog", None) if parent is not None else None
    try:
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
    except RuntimeError:
        pass  # the earlier window was closed and deleted
    dialog = FlarePlanDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is not None:
        parent._flare_plan_dialog = dialog
    dialog.show()
    return dialog

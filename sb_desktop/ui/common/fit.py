"""Any screen, any text size: dialogs that fit the screen they open on, or scroll with their buttons in view.

`DialogFitter` is an application-wide event filter that looks only at Show events of the app's own dialogs
(installed after the first window is painted, so start-up does not pay for it). A dialog taller or wider
than the available screen area gets its body moved into a scroll area while its button row stays below it,
always visible; then it is sized to fit and centred on that screen.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

FITTED = "sbFitted"
MARGIN = 0.96   # share of the available area a dialog may use


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry()


def _is_ours(widget: QWidget) -> bool:
    return type(widget).__module__.startswith("sb_desktop.")


def make_scrollable(dialog: QDialog) -> bool:
    """Move everything but the dialog's button rows into a frameless scroll area. Returns False (and
    changes nothing) when the dialog's layout is not a box layout."""
    layout = dialog.layout()
    if not isinstance(layout, QBoxLayout) or layout.direction() != QBoxLayout.Direction.TopToBottom:
        return False
    body = QWidget()
    body_layout = QVBoxLayout(body)
    margins = layout.contentsMargins()
    body_layout.setContentsMargins(margins)
    body_layout.setSpacing(layout.spacing())
    kept_below = []
    # The button row stays below the scrolling body: a button box, or a last row made only of buttons.
    last = layout.itemAt(layout.count() - 1) if layout.count() else None
    tail_row = last.layout() if last is not None and _is_button_row(last.layout()) else None
    while layout.count():
        stretch = layout.stretch(0)
        item = layout.takeAt(0)
        widget = item.widget()
        if isinstance(widget, QDialogButtonBox):
            kept_below.append(widget)
        elif widget is not None:
            body_layout.addWidget(widget, stretch)
        elif item.layout() is not None and item.layout() is tail_row:
            kept_below.append(tail_row)
        elif item.layout() is not None:
            inner = item.layout()
            inner.setParent(None)
            body_layout.addLayout(inner)
        else:
            body_layout.addItem(item)
    scroll = QScrollArea()
    scroll.setObjectName("dialog-scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    layout.setContentsMargins(0, 0, 0, margins.bottom())
    layout.addWidget(scroll, 1)
    for buttons in kept_below:
        if isinstance(buttons, QWidget):
            layout.addWidget(buttons)
        else:
            buttons.setParent(None)
            layout.addLayout(buttons)
        buttons.setContentsMargins(margins.left(), 0, margins.right(), 0)
    return True


def _is_button_row(row) -> bool:
    """A layout holding only push buttons (and stretches or spacing): a dialog's own row of buttons."""
    if row is None or row.count() == 0:
        return False
    widgets = [row.itemAt(i).widget() for i in range(row.count())]
    present = [w for w in widgets if w is not None]
    return bool(present) and all(isinstance(w, QPushButton) for w in present) and all(
        row.itemAt(i).widget() is not None or row.itemAt(i).spacerItem() is not None for i in range(row.count()))


def fit_to_screen(dialog: QDialog) -> None:
    """Make a dialog fit the available area of its screen (once per dialog)."""
    if dialog.property(FITTED):
        return
    dialog.setProperty(FITTED, True)
    area = available_area(dialog)
    limit_w, limit_h = int(area.width() * MARGIN), int(area.height() * MARGIN)
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    if hint.width() <= limit_w and hint.height() <= limit_h and dialog.width() <= limit_w \
            and dialog.height() <= limit_h:
        return
    make_scrollable(dialog)
    dialog.setMinimumSize(min(dialog.minimumWidth(), limit_w), min(dialog.minimumHeight(), limit_h))
    width = min(max(hint.width(), dialog.width()), limit_w)
    height = min(max(hint.height(), dialog.height()), limit_h)
    dialog.resize(width, height)
    frame = dialog.frameGeometry()
    frame.moveCenter(area.center())
    dialog.move(frame.topLeft())


def never_cancel_on_enter(dialog: QDialog) -> None:
    """Enter must never press Cancel (or No, or a destructive button) just because it had the focus once."""
    quiet = {QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.NoRole,
             QDialogButtonBox.ButtonRole.DestructiveRole}
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.buttonRole(button) in quiet:
                button.setAutoDefault(False)
                button.setDefault(False)
        doers = [b for b in box.buttons() if box.buttonRole(b) in (QDialogButtonBox.ButtonRole.AcceptRole,
                                                                   QDialogButtonBox.ButtonRole.YesRole)]
        if doers and not any(b.isDefault() for b in box.buttons()):
            doers[0].setDefault(True)   # Enter does the work the dialog is for


class DialogFitter(QObject):
    """Fits each of the app's own dialogs to the screen when it is first shown."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and _is_ours(watched):
            never_cancel_on_enter(watched)
            fit_to_screen(watched)
        return False


def install_dialog_fitter(app: QApplication) -> DialogFitter:
    fitter = DialogFitter(app)
    app.installEventFilter(fitter)
    return fitter


def fits_screen(widget: QWidget) -> bool:
    """The whole widget, and every button row in it, lies inside the available area of its screen."""
    area = available_area(widget)
    frame = widget.frameGeometry()
    if not area.contains(frame):
        return False
    scroll_areas = widget.findChildren(QScrollArea)
    outside_scrolling = [b for b in widget.findChildren(QPushButton) if b.window() is widget
                         and b.isVisibleTo(widget) and not any(area.isAncestorOf(b) for area in scroll_areas)]
    for buttons in [*widget.findChildren(QDialogButtonBox), *outside_scrolling]:
        if buttons.window() is not widget or not buttons.isVisibleTo(widget):
            continue
        top_left = buttons.mapTo(widget, buttons.rect().topLeft())
        inside = QRect(widget.mapToGlobal(top_left), buttons.size())
        if not area.contains(inside) or not widget.rect().contains(QRect(top_left, buttons.size())):
            return False
    return True

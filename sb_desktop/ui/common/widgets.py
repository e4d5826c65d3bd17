"""Small building blocks every page uses: headings, quiet notes, and a scrolling page body."""
from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from sb_desktop.ui.common.qt_names import selectable_text

PAGE_MARGINS = (24, 18, 24, 18)
PAGE_SPACING = 14


def heading(text: str = "", scale: float = 1.3) -> QLabel:
    """A bold heading, sized relative to the system font so the person's font size is respected."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def page_title(text: str) -> QLabel:
    return heading(text, 1.6)


def note(text: str = "", *, small: bool = False) -> QLabel:
    """Wrapped, selectable text; `small` ones use the palette's quieter colour (works in dark mode too)."""
    label = QLabel(text)
    label.setWordWrap(True)
    selectable_text(label)
    return make_quiet(label) if small else label


def scrolling_page(page: QWidget) -> QVBoxLayout:
    """Give a page a frameless scroll area and return the layout of its body, with the standard margins."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(*PAGE_MARGINS)
    layout.setSpacing(PAGE_SPACING)
    return layout


# Tinted panels keep dark text on their light tint in both colour schemes, so nothing turns light-on-light
# when the system uses a dark palette.
PANEL_TEXT = "#1f1f1f"


def panel_style(selector: str, background: str, border: str, *, radius: int = 8, border_width: int = 1,
                extra: str = "") -> str:
    """Style sheet for a light, tinted panel (`selector` like 'QFrame#next-step') and the text inside it."""
    return (f"{selector} {{ background: {background}; border: {border_width}px solid {border}; "
            f"border-radius: {radius}px; color: {PANEL_TEXT}; {extra} }}"
            f"{selector} QLabel, {selector} QCheckBox, {selector} QRadioButton "
            f"{{ background: transparent; border: none; color: {PANEL_TEXT}; }}")


def make_quiet(label: QLabel) -> QLabel:
    """Give a label the palette's quieter text colour (readable in light and dark schemes)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def enter_presses(buttons, primary) -> None:
    """Make Enter press `primary` (the button that does the work) wherever the focus is in the dialog, never
    Cancel: only the primary button may become the default."""
    for button in buttons.buttons():
        button.setAutoDefault(button is primary)
        button.setDefault(button is primary)

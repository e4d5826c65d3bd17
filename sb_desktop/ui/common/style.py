"""One visual language: a light and a dark palette (WCAG AA contrast, checked by a test), the app's style
sheet (cards, calm buttons, a focus ring you can see, large navigation with icons), and one date style.

Colours follow the system's light or dark scheme, read from the palette Qt starts with. Body text keeps the
system's font size; nothing is set smaller than it.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sb_desktop.i18n import _


class Colours(NamedTuple):
    window: str        # the window's background
    card: str          # cards (group boxes), inputs
    border: str
    text: str
    quiet: str         # secondary text: still AA on window and card
    accent: str        # buttons that do the work, the current page, links
    on_accent: str     # text on the accent colour
    focus: str         # the keyboard focus ring
    soft: str          # a chosen toggle's background


LIGHT = Colours(window="#f3f5f8", card="#ffffff", border="#b9c2cc", text="#1f2328", quiet="#505a66",
                accent="#1a5fb4", on_accent="#ffffff", focus="#c4440a", soft="#dbe8f8")
DARK = Colours(window="#1d2126", card="#272c33", border="#4a535e", text="#e6e8eb", quiet="#b3bcc6",
               accent="#8bbcf2", on_accent="#0d1722", focus="#ffa657", soft="#2d4868")


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours (4.5 is AA for body text)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def style_sheet(c: Colours) -> str:
    return f"""
QMainWindow, QDialog, QWidget#start-screen {{ background: {c.window}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; }}
QGroupBox {{
    background: {c.card}; border: 1px solid {c.border}; border-radius: 10px;
    margin-top: 1.7em; padding: 12px 10px 10px 10px;
}}
QGroupBox::title {{
    subcontrol-origin: margin; subcontrol-position: top left; left: 4px; padding: 0 4px;
    color: {c.text}; font-weight: 600;
}}
QPushButton {{
    background: {c.card}; color: {c.text}; border: 1px solid {c.border}; border-radius: 6px;
    padding: 5px 14px; min-height: 1.5em;
}}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:default {{ background: {c.accent}; color: {c.on_accent}; border-color: {c.accent}; }}
QPushButton:default:disabled {{ background: {c.card}; color: {c.quiet}; border: 1px dashed {c.border}; }}
QPushButton:checked {{ background: {c.soft}; border: 2px solid {c.accent}; }}
QPushButton:disabled {{ color: {c.quiet}; border-style: dashed; }}
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QTimeEdit:focus, QDateEdit:focus,
QCheckBox:focus, QRadioButton:focus, QListWidget:focus, QTableView:focus, QTreeView:focus, QTextBrowser:focus {{
    outline: none; border: 2px solid {c.focus};
}}
QLineEdit, QComboBox, QSpinBox, QTimeEdit, QDateEdit {{
    background: {c.card}; color: {c.text}; border: 1px solid {c.border}; border-radius: 5px; padding: 3px 6px;
    min-height: 1.4em;
}}
QListWidget#navigation {{ background: {c.card}; border: none; border-right: 1px solid {c.border}; padding: 6px; }}
QListWidget#navigation::item {{ color: {c.text}; padding: 8px 10px; border-radius: 8px; margin: 1px 0; }}
QListWidget#navigation::item:selected {{
    background: {c.soft}; color: {c.text}; border-left: 4px solid {c.accent}; font-weight: 600;
}}
QListWidget#navigation::item:hover:!selected {{ background: {c.soft}; }}
QStatusBar {{ color: {c.text}; }}
QComboBox::drop-down {{ border: none; width: 22px; }}
QPushButton#pain-value {{ padding: 4px 2px; min-width: 2.2em; }}
"""


def colours_for(palette) -> Colours:
    """Dark when the system's window colour is dark."""
    from PySide6.QtGui import QPalette
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def apply_style(app) -> Colours:
    """Give the application the palette's quiet text colour and the style sheet; returns the colours used."""
    from PySide6.QtGui import QColor, QPalette

    colours = colours_for(app.palette())
    palette = app.palette()
    for role, value in ((QPalette.ColorRole.PlaceholderText, colours.quiet), (QPalette.ColorRole.Link, colours.accent),
                        (QPalette.ColorRole.Highlight, colours.accent),
                        (QPalette.ColorRole.HighlightedText, colours.on_accent)):
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(colours))
    return colours


def long_date(day: dt.date) -> str:
    """The one date style for people: 'Wednesday 2 December 2026' (the year only when it is not this year)."""
    today = dt.date.today()
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def short_date(day: dt.date) -> str:
    """'2 Dec 2026': tables and lists."""
    return f"{day.day} {day:%b %Y}"


def day_date(day: dt.date) -> str:
    """'Wed 2 Dec 2026': a day in a list of days."""
    return f"{day:%a} {short_date(day)}"


def today_title(day: dt.date) -> str:
    return _("Today, {date}").format(date=long_date(day))

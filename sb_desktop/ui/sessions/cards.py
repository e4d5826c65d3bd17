"""Cards on the Sessions overview: one per session, one per extra topic, and the pack's sources line."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from sb_desktop.domain.programme import AVAILABLE, FINISHED, IN_PROGRESS, LOCKED, local_date, resume_index
from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import heading, note

# Session pages whose step happens on the Goals page: the button's words, and what the step is for.
GOALS_ACTIONS = {
    "function_check": lambda: _("Do the function check"),
    "set_goal": lambda: _("Set your goal"),
    "weekly_review": lambda: _("Do your weekly review"),
}
GOALS_ACTION_TEXT = {
    "function_check": lambda: _("A few quick questions about what you can do now suggest where to start."),
    "set_goal": lambda: _("Choose a small, realistic goal for this week on the Goals page."),
    "weekly_review": lambda: _("Look back at last week's goal and decide what to do next."),
}


def date_text(day: dt.date) -> str:
    return day.strftime("%a %d %b").replace(" 0", " ")


def card_frame() -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setObjectName("card")
    return frame


def session_card(session, state, record, unlock_days: int, suggested, on_open) -> tuple[QFrame, QPushButton]:
    """A session's card in the list: number badge, title, summary, status in words and its button."""
    card = card_frame()
    grid = QGridLayout(card)
    badge = QLabel(str(session.number))
    badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
    badge.setFixedSize(40, 40)
    colour = {FINISHED: "#2e7d5b", IN_PROGRESS: "#2f6db5", AVAILABLE: "#2f6db5"}.get(state.status, "#8a8f98")
    badge.setStyleSheet(f"border-radius: 20px; background: {colour}; color: white; font-weight: bold;")
    title = heading(_("Session {n}: {title}").format(n=session.number, title=session.title), 1.1)
    summary = QLabel(session.summary)
    summary.setWordWrap(True)
    total = len(session.pages)
    if state.status == FINISHED:
        status = _("✓ Finished on {date}").format(date=date_text(local_date(record.finished_at)))
        button_text = _("Read again")
    elif state.status == IN_PROGRESS:
        page = resume_index([p.id for p in session.pages], record.page_id, record.page_index)
        status = _("In progress: page {n} of {total}").format(n=page + 1, total=total)
        button_text = _("Continue")
    elif state.status == AVAILABLE:
        status = _("Ready to start · {n} pages").format(n=total)
        button_text = _("Start")
    elif state.unlock_date is not None:
        status = _("Opens on {date}").format(date=date_text(state.unlock_date))
        button_text = _("Locked")
    else:
        status = _("Opens {days} days after you finish session {n}").format(
            days=unlock_days, n=session.number - 1)
        button_text = _("Locked")
    status_label = QLabel(status)
    status_label.setObjectName("sessionStatus")
    button = QPushButton(button_text)
    button.setEnabled(state.status != LOCKED)
    button.setAccessibleName(_("{action}: session {n}").format(action=button_text, n=session.number))
    button.clicked.connect(lambda _c=False, sid=session.id: on_open(sid))
    if suggested is not None and suggested.session_id == session.id:
        button.setDefault(True)
        button.setStyleSheet("font-weight: bold;")
    grid.addWidget(badge, 0, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(title, 0, 1)
    grid.addWidget(summary, 1, 1)
    grid.addWidget(status_label, 2, 1)
    grid.addWidget(button, 0, 2, 3, 1, Qt.AlignmentFlag.AlignVCenter)
    grid.setColumnStretch(1, 1)
    grid.setHorizontalSpacing(14)
    return card, button


def module_card(module, chosen: bool, on_open) -> QFrame:
    """An extra topic's card: title (starred when chosen), summary and a Read button."""
    card = card_frame()
    layout = QVBoxLayout(card)
    title = QLabel(_("★ {title} (your choice)").format(title=module.title) if chosen else module.title)
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    title.setWordWrap(True)
    summary = note(module.summary, small=True)
    button = QPushButton(_("Read"))
    button.setAccessibleName(_("Read: {title}").format(title=module.title))
    button.clicked.connect(lambda _c=False, mid=module.id: on_open(mid))
    row = QHBoxLayout()
    row.addWidget(title, 1)
    row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(summary)
    return card


def about_pack_label(pack) -> QLabel:
    # Sources are shown as plain text, never as links: the app opens nothing by itself.
    text = _("About these sessions: {title}, version {version}.").format(
        title=pack.title, version=pack.version)
    if pack.sources:
        text += " " + _("Sources behind the advice: {sources}.").format(
            sources="; ".join(source.title for source in pack.sources))
    label = note(text, small=True)
    label.setObjectName("packSources")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def goals_action_card(action: str, on_go) -> tuple[QFrame, QPushButton]:
    """A card that sends the person to the Goals page for this page's step (function check, goal, review)."""
    box = card_frame()
    row = QHBoxLayout(box)
    text = QLabel(GOALS_ACTION_TEXT[action]())
    text.setWordWrap(True)
    button = QPushButton(GOALS_ACTIONS[action]() + " →")
    button.setStyleSheet("font-weight: bold;")
    button.clicked.connect(on_go)
    row.addWidget(text, 1)
    row.addWidget(button)
    return box, button

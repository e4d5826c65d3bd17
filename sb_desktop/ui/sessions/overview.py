"""The Sessions page's overview: the session cards with their states, the plan card with its routine, the
extra topics, and the card shown while the programme waits for the first safety check."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.programme import (
    FINISHED,
    next_session,
)
from sb_desktop.domain.routes import CHAIR, route_label, routine_route
from sb_desktop.domain.routine import routine_minutes
from sb_desktop.domain.safety import (
    ROUTINES,
    SESSIONS,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import heading, note
from sb_desktop.ui.sessions.cards import (
    about_pack_label,
    card_frame,
    module_card,
    session_card,
)


class OverviewPart:
    """Mixed into SessionsPage: builds and shows the list of sessions and topics."""

    def show_overview(self) -> None:
        self.narration.stop()
        self._close_routine()
        self._close_exercise_guide()
        self.group = None
        self.stack.setCurrentIndex(self.OVERVIEW)
        self._built_for = None   # coming back from a page or a routine: always draw the cards afresh
        self.refresh()

    def _set_overview(self, widget: QWidget) -> None:
        old = self.overview_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.overview_area.setWidget(widget)

    def _show_load_error(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(_("Sessions"), 1.5))
        message = QLabel(_("The sessions cannot be shown because the content pack has a problem. Please tell "
                           "whoever set up this computer.\n\n{reason}").format(reason=self.load_error or ""))
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        layout.addStretch(1)
        self._set_overview(body)
        self.stack.setCurrentIndex(self.OVERVIEW)

    def _build_overview(self) -> None:
        pack, states = self.pack, self.states()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        layout.addWidget(heading(_("Your sessions"), 1.5))
        blocked = self.safety().blocked_reason(SESSIONS)
        self.first_check_card = None
        if blocked:
            from sb_desktop.ui.safety.gate import FirstCheckCard
            self.first_check_card = FirstCheckCard(self.context, blocked)
            layout.addWidget(self.first_check_card)
        days = self.unlock_days()
        layout.addWidget(note(_("{n} short sessions of about 15 to 20 minutes. A new one opens {days} days after "
                                  "you finish the one before, so you have a week to try things out. Finished "
                                  "sessions stay here to read again.").format(n=len(pack.sessions), days=days), small=True))
        finished = sum(1 for s in states if s.status == FINISHED)
        progress_row = QHBoxLayout()
        bar = QProgressBar()
        bar.setRange(0, len(states))
        bar.setValue(finished)
        bar.setFormat(_("{done} of {total} sessions finished").format(done=finished, total=len(states)))
        bar.setAccessibleName(bar.format())
        progress_row.addWidget(bar, 1)
        layout.addLayout(progress_row)
        layout.addWidget(self._plan_card())

        self.session_buttons: dict[str, QPushButton] = {}
        suggested = next_session(states)
        for session, state in zip(pack.sessions, states, strict=True):
            card, self.session_buttons[session.id] = session_card(
                session, state, self.store.get(session.id), self.unlock_days(), suggested, self.open_session)
            if blocked:
                self.session_buttons[session.id].setEnabled(False)
                self.session_buttons[session.id].setToolTip(blocked)
            layout.addWidget(card)

        layout.addSpacing(8)
        layout.addWidget(heading(_("Extra topics"), 1.25))
        layout.addWidget(note(_("Open any time, in any order. Each session suggests choosing one."), small=True))
        chosen = {c.module_id: c for c in self.store.module_choices()}
        for kind, title in (("barrier", _("When something gets in the way")), ("optional", _("Living with back pain"))):
            modules = [m for m in pack.modules if m.kind == kind]
            if not modules:
                continue
            layout.addWidget(heading(title, 1.05))
            grid = QGridLayout()
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(10)
            for index, module in enumerate(modules):
                grid.addWidget(module_card(module, module.id in chosen, self.open_module), index // 2, index % 2)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(about_pack_label(self.pack))
        layout.addStretch(1)
        self._set_overview(body)

    def _plan_card(self) -> QWidget:
        card = card_frame()
        layout = QVBoxLayout(card)
        choice = self.store.programme_choice()
        programme = self.pack.programme(choice.programme) if choice else None
        level = programme.level(choice.level) if programme else None
        self.routine_level = None
        if programme is None or level is None:
            layout.addWidget(heading(_("Your activity plan"), 1.1))
            text = _("In Session 1 you choose walking or back exercises, at a level that suits you now.")
            if not self.safety().routines_paused:
                text += " " + _("You can try an exercise routine below before then.")
            layout.addWidget(note(text, small=True))
        else:
            layout.addWidget(heading(_("Your plan: {programme}, level {n} ({title})").format(
                programme=programme.title, n=level.level, title=level.title), 1.1))
            layout.addWidget(QLabel(_("{low}–{high} minutes on {dlow}–{dhigh} days a week. {description}").format(
                low=level.minutes[0], high=level.minutes[1], dlow=level.days_per_week[0],
                dhigh=level.days_per_week[1], description=level.description)))
            layout.itemAt(layout.count() - 1).widget().setWordWrap(True)
            if not level.routine:
                log = QPushButton(_("Log today's activity →"))
                log.setToolTip(_("Record your walk on the Today page"))
                log.clicked.connect(lambda: self.context.navigate.emit("today"))
                layout.addWidget(log, 0, Qt.AlignmentFlag.AlignLeft)
        if self.pack.routines:
            route = self.route()
            safety = self.safety()
            row = QHBoxLayout()
            row.addWidget(QLabel(_("Exercise routine:")))
            self.routine_choice = QComboBox()
            # Long routine names must not widen the page past the window (it would scroll sideways).
            self.routine_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.routine_choice.setMinimumContentsLength(16)
            self.routine_choice.setAccessibleName(_("Exercise routine"))
            for routine in self.offered_routines():
                minutes = routine_minutes(routine, self.pack.exercise)
                text = _("{title} (about {n} min)").format(title=routine.title, n=minutes)
                if route is None and routine_route(routine) == CHAIR:
                    text += " · " + _("no floor work")
                self.routine_choice.addItem(text, routine.id)
            chosen = self._chosen_routine()
            if chosen is not None:
                self.routine_choice.setCurrentIndex(max(0, self.routine_choice.findData(chosen.id)))
            self.start_routine_button = QPushButton(_("▶ Start &routine"))
            self.start_routine_button.clicked.connect(
                lambda: self.start_routine(self.routine_choice.currentData()))
            reason = safety.blocked_reason(ROUTINES)
            if reason or self.routine_choice.count() == 0:
                self.start_routine_button.setEnabled(False)
                self.routine_choice.setEnabled(False)
            row.addWidget(self.routine_choice, 1)
            row.addWidget(self.start_routine_button)
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            holder.setVisible(not safety.routines_paused)   # an empty list helps no one: the reason says why
            layout.addWidget(holder)
            self.exercise_guide_button = QPushButton(_("See each exercise, with spoken steps →"))
            self.exercise_guide_button.setToolTip(_("Look at every exercise's picture and steps, and hear them read out"))
            self.exercise_guide_button.clicked.connect(lambda: self.show_exercises())
            self.exercise_guide_button.setEnabled(not reason)
            self.exercise_guide_button.setVisible(not safety.routines_paused)
            layout.addWidget(self.exercise_guide_button, 0, Qt.AlignmentFlag.AlignLeft)
            if reason and safety.first_check_complete:
                layout.addWidget(note(reason, small=True))
            elif route == CHAIR:
                layout.addWidget(note(_("You said getting down to the floor is not possible at the moment, so "
                                        "these routines are all done in a chair or standing."), small=True))
            elif safety.open_escalation is not None:
                layout.addWidget(note(_("Until a doctor has checked what you told us in the safety questions, "
                                        "only routines up to your current level are offered."), small=True))
            self.route_text = route_label(route) if route else None
        return card

    # --- reader ---

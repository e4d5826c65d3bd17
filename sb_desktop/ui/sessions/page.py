"""The Sessions page: the weekly sessions (unlocking, progress, resume), extra topics, the page reader with
narration, programme and topic choices, and the guided routine player."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.content import active_pack_id, find_pack, load_pack, unlock_days_in_force, user_packs_allowed
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.function_check import FUNCTION_CHECK, suggested_programme_levels
from sb_desktop.domain.programme import (
    FINISHED,
    IN_PROGRESS,
    LOCKED,
    local_date,
    next_session,
    resume_index,
    session_states,
)
from sb_desktop.domain.routes import CHAIR, route_from_function_check, route_label, routine_route, routines_offered
from sb_desktop.domain.routine import routine_minutes
from sb_desktop.domain.safety import (
    ROUTINES,
    SESSIONS,
    SafetyStatus,
    fill_safety_text,
    safety_placeholders,
    uses_own_services,
)
from sb_desktop.i18n import _
from sb_desktop.storage.sessions import SessionStore
from sb_desktop.ui.common.context import Change
from sb_desktop.ui.common.widgets import heading, note
from sb_desktop.ui.sessions.cards import (
    GOALS_ACTIONS,
    about_pack_label,
    card_frame,
    date_text,
    goals_action_card,
    module_card,
    session_card,
)
from sb_desktop.ui.sessions.choices import ModuleChooser, ProgrammeChooser
from sb_desktop.ui.sessions.content_browser import ContentBrowser
from sb_desktop.ui.sessions.narration_player import NarrationPlayer
from sb_desktop.ui.shell.pages import PageBase


class SessionsPage(QWidget, PageBase):
    """Overview of sessions and topics; a reader for their pages; the routine player."""

    OVERVIEW, READER, ROUTINE = 0, 1, 2

    def __init__(self, context, parent: QWidget | None = None, *, today=None):
        super().__init__(parent)
        self.context = context
        self._today = today            # a callable giving the date; tests fix it
        self.pack = None
        self.store: SessionStore | None = None
        self.load_error: str | None = None
        self.group = None              # the Session or Module being read
        self.page_index = 0
        self.routine_player = None
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.stack)
        self.overview_area = QScrollArea()
        self.overview_area.setWidgetResizable(True)
        self.overview_area.setFrameShape(QFrame.Shape.NoFrame)
        self.stack.addWidget(self.overview_area)
        self.stack.addWidget(self._build_reader())
        self.routine_holder = QWidget()
        QVBoxLayout(self.routine_holder).setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.routine_holder)
        context.profile_closed.connect(self.drop_data)
        self.refresh()

    # --- data ---

    def today(self) -> dt.date:
        return self._today() if self._today else dt.date.today()

    def unlock_days(self) -> int:
        profile = self.context.profile
        return unlock_days_in_force(profile.settings if profile else None, getattr(self.context, "clinic", None))

    def _load(self) -> bool:
        profile = self.context.profile
        if profile is None:
            return False
        pack_id = active_pack_id(profile.settings, getattr(self.context, "clinic", None))
        if self.pack is not None and self.pack.id == pack_id and self.store is not None:
            return True
        try:
            self.pack = load_pack(find_pack(pack_id, getattr(self.context.profiles, "data_dir", None),
                                            allow_user_packs=user_packs_allowed(getattr(self.context, "clinic", None))))
        except UserError as error:
            self.pack, self.store, self.load_error = None, None, str(error)
            return False
        self.load_error = None
        self.store = profile.sessions(self.pack.id)
        return True

    def drop_data(self) -> None:
        """The profile was closed: forget everything about this person."""
        self._close_routine()
        self.narration.stop()
        self.narration.set_source(None)
        self.browser.set_pack(None)
        self.pack, self.store, self.group = None, None, None
        self.stack.setCurrentIndex(self.OVERVIEW)
        self._set_overview(QWidget())

    def safety(self) -> SafetyStatus:
        profile = self.context.profile
        return profile.safety.status() if profile is not None else SafetyStatus(False)

    def route(self) -> str | None:
        """The exercise route from the latest function check: chair for someone who cannot get to the floor."""
        latest = self.context.profile.measures.latest(FUNCTION_CHECK) if self.context.profile else None
        return route_from_function_check(latest.answers if latest is not None else None)

    def offered_routines(self) -> list:
        """Routines on the person's route; while a safety answer is unresolved, none harder than their plan
        (and none at all while a possible emergency has not been checked)."""
        safety = self.safety()
        if safety.routines_paused:
            return []
        max_level = None
        if safety.open_escalation is not None:
            choice = self.store.programme_choice()
            max_level = choice.level if choice is not None else 0
        return routines_offered(sorted(self.pack.routines, key=lambda r: (r.programme, routine_route(r), r.level)),
                                self.route(), max_level)

    def states(self):
        ids = [s.id for s in self.pack.sessions]
        return session_states(ids, self.store.progress(), self.today(), self.unlock_days())

    # --- overview ---

    def refresh(self) -> None:
        if self.context.profile is None:
            return
        if not self._load():
            self._show_load_error()
            return
        if self.stack.currentIndex() == self.OVERVIEW:
            self._build_overview()

    def show_overview(self) -> None:
        self.narration.stop()
        self._close_routine()
        self.group = None
        self.stack.setCurrentIndex(self.OVERVIEW)
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

    def _build_reader(self) -> QWidget:
        reader = QWidget()
        self.back_button = QPushButton(_("← All sessions"))
        self.back_button.setToolTip(_("Back to the list (Esc)"))
        self.back_button.clicked.connect(self.show_overview)
        self.crumb = QLabel()
        self.page_count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.crumb, 1)
        top.addWidget(self.page_count)
        self.page_title = heading("", 1.45)
        self.browser = ContentBrowser()
        self.browser.page_requested.connect(self._go_to_page_id)
        self.browser.setMinimumHeight(200)
        self.narration = NarrationPlayer()
        self.action_area = QVBoxLayout()
        self.action_area.setContentsMargins(0, 0, 0, 0)
        action_box = QWidget()
        action_box.setLayout(self.action_area)
        self.previous_button = QPushButton(_("◀ &Previous"))
        self.previous_button.setToolTip(_("Previous page (Alt+Left)"))
        self.next_button = QPushButton(_("&Next ▶"))
        self.next_button.setToolTip(_("Next page (Alt+Right)"))
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(reader)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.page_title)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.narration)
        layout.addWidget(action_box)
        layout.addLayout(bottom)
        for keys, slot in (("Alt+Left", self.previous_page), ("Alt+Right", self.next_page),
                           ("Esc", self.show_overview)):
            shortcut = QShortcut(QKeySequence(keys), reader)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return reader

    @property
    def is_session(self) -> bool:
        return self.group is not None and hasattr(self.group, "number")

    def open_session(self, session_id: str, page_index: int | None = None) -> None:
        if not self._load():
            return
        session = self.pack.session(session_id)
        states = {s.session_id: s for s in self.states()}
        blocked = self.safety().blocked_reason(SESSIONS)
        if blocked:
            self.context.status.emit(blocked)
            return
        if session is None or states[session_id].status == LOCKED:
            self.context.status.emit(_("That session is not open yet."))
            return
        record = self.store.get(session_id)
        if page_index is None:
            if record is None or record.finished_at:
                page_index = 0
            else:
                page_index = resume_index([p.id for p in session.pages], record.page_id, record.page_index)
        self.group = session
        self.browser.set_pack(self.pack.root, self._page_id_for_path)
        self.stack.setCurrentIndex(self.READER)
        self.show_page(page_index)

    def open_module(self, module_id: str, page_index: int = 0) -> None:
        if not self._load():
            return
        module = self.pack.module(module_id)
        if module is None:
            return
        self.group = module
        self.browser.set_pack(self.pack.root, self._page_id_for_path)
        self.stack.setCurrentIndex(self.READER)
        self.show_page(page_index)

    def _page_id_for_path(self, path) -> str | None:
        page = self.pack.page_for_path(path) if self.pack else None
        return page.id if page else None

    def _go_to_page_id(self, page_id: str) -> None:
        for group in (*self.pack.sessions, *self.pack.modules):
            ids = [p.id for p in group.pages]
            if page_id in ids:
                if hasattr(group, "number"):
                    self.open_session(group.id, ids.index(page_id))
                else:
                    self.open_module(group.id, ids.index(page_id))
                return

    @property
    def current_page(self):
        return self.group.pages[self.page_index] if self.group else None

    def show_page(self, index: int) -> None:
        group = self.group
        index = min(max(index, 0), len(group.pages) - 1)
        self.page_index = index
        page = group.pages[index]
        total = len(group.pages)
        if self.is_session:
            self.crumb.setText(_("Session {n} of {total}: {title}").format(
                n=group.number, total=len(self.pack.sessions), title=group.title))
        else:
            self.crumb.setText(_("Extra topic: {title}").format(title=group.title))
        self.page_count.setText(_("Page {n} of {total}").format(n=index + 1, total=total))
        self.page_title.setText(page.title)
        # Most pages open with their own heading; then the label would only repeat it.
        self.page_title.setVisible(not page.text.lstrip().startswith("#"))
        clinic = getattr(self.context, "clinic", None)
        # Warning signs, service names and crisis lines come from the one safety source, with the clinic's
        # own services; a recording of such a page speaks the UK ones, so it is not offered to a clinic
        # that set its own.
        self.browser.show_markdown(fill_safety_text(page.text, clinic), page.path, page.image, page.image_alt)
        self.narration.stop()
        has_safety_text = bool(safety_placeholders(page.text))
        self.narration.set_source(None if has_safety_text and uses_own_services(clinic) else page.narration)
        self._show_action(page)
        self.previous_button.setEnabled(index > 0)
        last = index == total - 1
        if last and self.is_session:
            self.next_button.setText(_("Finish session ✓") if not self._finished(group.id) else _("Back to sessions"))
        elif last:
            self.next_button.setText(_("Done ✓"))
        else:
            self.next_button.setText(_("&Next ▶"))
        if self.is_session:
            session_id, page_id = group.id, page.id
            self.context.run(lambda profile: self.store.open_page(session_id, index, page_id), parent=self,
                             changes=Change.SESSIONS)
        self.browser.setFocus()

    def _finished(self, session_id: str) -> bool:
        record = self.store.get(session_id)
        return bool(record and record.finished_at)

    def next_page(self) -> None:
        if self.stack.currentIndex() != self.READER or self.group is None:
            return
        if self.page_index < len(self.group.pages) - 1:
            self.show_page(self.page_index + 1)
        elif self.is_session:
            self.finish_session()
        else:
            self.show_overview()

    def previous_page(self) -> None:
        if self.stack.currentIndex() == self.READER and self.group is not None and self.page_index > 0:
            self.show_page(self.page_index - 1)

    def finish_session(self) -> None:
        session = self.group
        already = self._finished(session.id)
        if not already:
            saved = self.context.run(lambda profile: self.store.finish(session.id), parent=self, changes=Change.SESSIONS)
            if saved is None:
                return
            later = [s for s in self.pack.sessions if s.number == session.number + 1]
            if later:
                opens = local_date(saved.finished_at) + dt.timedelta(days=self.unlock_days())
                self.context.status.emit(_("Session {n} finished. Session {next} opens on {date}.").format(
                    n=session.number, next=session.number + 1, date=date_text(opens)))
            else:
                self.context.status.emit(_("You have finished every session. Well done!"))
        self.show_overview()

    # --- page actions ---

    def _clear_actions(self) -> None:
        while self.action_area.count():
            item = self.action_area.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _show_action(self, page) -> None:
        self._clear_actions()
        self.action_button = None
        self.programme_chooser = None
        self.module_chooser = None
        action = page.action
        if action in GOALS_ACTIONS:
            box, self.action_button = goals_action_card(action, lambda: self.context.navigate.emit("goals"))
            self.action_area.addWidget(box)
        elif action == "choose_programme" and self.pack.programmes:
            box = card_frame()
            inner = QVBoxLayout(box)
            self.programme_chooser = ProgrammeChooser(self.pack, self.store.programme_choice(), self._suggested_levels())
            self.programme_chooser.saved.connect(self._save_programme)
            inner.addWidget(self.programme_chooser)
            self.try_routine_button = QPushButton(_("▶ Try the routine now"))
            self.try_routine_button.clicked.connect(self._try_chosen_routine)
            self.try_routine_button.setVisible(self._chosen_routine() is not None)
            inner.addWidget(self.try_routine_button, 0, Qt.AlignmentFlag.AlignLeft)
            self.action_area.addWidget(box)
        elif action == "choose_module" and self.pack.modules:
            box = card_frame()
            inner = QVBoxLayout(box)
            session_id = self.group.id if self.is_session else None
            current = self.store.module_for_session(session_id) if session_id else None
            self.module_chooser = ModuleChooser(self.pack, current)
            self.module_chooser.saved.connect(self._save_module)
            inner.addWidget(self.module_chooser)
            self.action_area.addWidget(box)

    def _suggested_levels(self) -> dict[str, tuple[int, int]]:
        """Suggested level ranges from the person's latest function check, if the Goals feature has one."""
        latest = self.context.profile.measures.latest(FUNCTION_CHECK)
        return suggested_programme_levels(latest.answers if latest is not None else None)

    def _save_programme(self, programme_id: str, level: int) -> None:
        session_id = self.group.id if self.is_session else None
        programme = self.pack.programme(programme_id)
        saved = self.context.run(lambda profile: self.store.choose_programme(programme_id, level, session_id),
                                 parent=self, changes=Change.SESSIONS,
                                 done=_("Saved: {programme}, level {n}.").format(programme=programme.title, n=level))
        if saved is not None and self.programme_chooser is not None:
            self.programme_chooser.confirmation.setText(
                _("✓ Saved: {programme}, level {n}. You can change this any time.").format(
                    programme=programme.title, n=level))
            self.try_routine_button.setVisible(self._chosen_routine() is not None)

    def _chosen_routine(self):
        """The routine of the person's plan, on their route (the chair routine of that level on the chair
        route); None when the plan has none, or it is not offered now."""
        choice = self.store.programme_choice() if self.store else None
        programme = self.pack.programme(choice.programme) if choice else None
        level = programme.level(choice.level) if programme else None
        routine = self.pack.routine(level.routine) if level and level.routine else None
        if routine is None:
            return None
        offered = self.offered_routines()
        if self.route() == CHAIR and routine_route(routine) != CHAIR:
            routine = next((r for r in offered if r.programme == routine.programme and r.level == routine.level), None)
        return routine if routine in offered else None

    def _try_chosen_routine(self) -> None:
        routine = self._chosen_routine()
        if routine is not None:
            self.start_routine(routine.id)

    def _save_module(self, module_id: str) -> None:
        session_id = self.group.id if self.is_session else None
        module = self.pack.module(module_id)
        saved = self.context.run(lambda profile: self.store.choose_module(module_id, session_id), parent=self,
                                 changes=Change.SESSIONS, done=_("Topic chosen: {title}.").format(title=module.title))
        if saved is not None and self.module_chooser is not None:
            self.module_chooser.confirmation.setText(
                _("✓ Chosen: {title}. Find it under Extra topics on the Sessions page.").format(title=module.title))

    # --- routines ---

    def _source_label(self) -> str:
        states = self.states()
        current = [s for s in states if s.status in (IN_PROGRESS, FINISHED)]
        if not current:
            return _("Sessions")
        session = self.pack.session(current[-1].session_id)
        return _("Session {n}").format(n=session.number)

    def start_routine(self, routine_id: str):
        from sb_desktop.ui.sessions.routine_player import RoutinePlayer

        routine = self.pack.routine(routine_id) if self.pack else None
        if routine is None:
            return None
        safety = self.safety()
        blocked = safety.blocked_reason(ROUTINES)
        if blocked or routine not in self.offered_routines():
            self.context.status.emit(blocked or _("That routine is not offered at the moment."))
            return None
        self.narration.stop()
        self._close_routine()
        self._return_to = (self.group, self.page_index, self.stack.currentIndex())
        self.routine_player = RoutinePlayer(self.context, self.pack, routine, source_label=self._source_label(),
                                            route=self.route(), allow_harder=safety.step_up_allowed)
        self.routine_player.closed.connect(self._routine_closed)
        self.routine_holder.layout().addWidget(self.routine_player)
        self.stack.setCurrentIndex(self.ROUTINE)
        self.routine_player.start_button.setFocus()
        return self.routine_player

    def _routine_closed(self) -> None:
        group, index, view = getattr(self, "_return_to", (None, 0, self.OVERVIEW))
        self._close_routine()
        if view == self.READER and group is not None:
            self.group = group
            self.stack.setCurrentIndex(self.READER)
            self.show_page(index)
        else:
            self.show_overview()

    def _close_routine(self) -> None:
        if self.routine_player is not None:
            self.routine_player.timer.stop()
            self.routine_player.setParent(None)
            self.routine_player.deleteLater()
            self.routine_player = None

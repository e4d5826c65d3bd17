"""The Sessions page: the weekly sessions (unlocking, progress, resume), extra topics, the page reader with
narration, programme and topic choices, the exercise guide and the guided routine player."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QFrame,
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
    session_states,
)
from sb_desktop.domain.routes import CHAIR, route_from_function_check, routine_route, routines_offered
from sb_desktop.domain.safety import (
    ROUTINES,
    SafetyStatus,
)
from sb_desktop.i18n import _
from sb_desktop.storage.sessions import SessionStore
from sb_desktop.ui.common.context import Change
from sb_desktop.ui.sessions.overview import OverviewPart
from sb_desktop.ui.sessions.reader import ReaderPart
from sb_desktop.ui.shell.pages import PageBase

RECENT_REVIEW_DAYS = 28


class SessionsPage(OverviewPart, ReaderPart, QWidget, PageBase):
    """Overview of sessions and topics; a reader for their pages; the routine player."""

    OVERVIEW, READER, ROUTINE, EXERCISES = 0, 1, 2, 3

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
        self.exercise_guide = None
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
        self.exercise_holder = QWidget()
        QVBoxLayout(self.exercise_holder).setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.exercise_holder)
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
        self._close_exercise_guide()
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
        # Shown again with nothing changed (same data, same day): the cards drawn last time still hold.
        built_for = (self.context.generation, id(self.context.profile), self.today())
        if self.stack.currentIndex() == self.OVERVIEW and getattr(self, "_built_for", None) == built_for:
            return
        if not self._load():
            self._show_load_error()
            return
        if self.stack.currentIndex() == self.OVERVIEW:
            self._build_overview()
            self._built_for = built_for

    def _suggested_levels(self) -> dict[str, tuple[int, int]]:
        """Suggested level ranges from the person's latest function check, if the Goals feature has one."""
        latest = self.context.profile.measures.latest(FUNCTION_CHECK)
        return suggested_programme_levels(latest.answers if latest is not None else None)

    def topic_suggestions(self) -> list:
        """The topics to show first, from the person's start answers, STarT Back and their last reviews."""
        from sb_desktop.domain.measures import STARTBACK
        from sb_desktop.domain.tailoring import ABOUT_YOU, read_about_you, suggest_topics
        profile = self.context.profile
        if profile is None or self.pack is None:
            return []
        startback = profile.measures.latest(STARTBACK)
        # Barriers from reviews of the last four weeks, the latest first: older ones say little about now.
        since = self.today() - dt.timedelta(days=RECENT_REVIEW_DAYS)
        reviews = sorted((r for r in profile.goals.reviews() if r.period_end >= since),
                         key=lambda r: (r.period_end, r.id or 0), reverse=True)
        return suggest_topics(read_about_you(profile.measures.latest(ABOUT_YOU)),
                              startback.answers.get("risk") if startback else None,
                              [r.barriers for r in reviews], {m.id for m in self.pack.modules})

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

    # --- exercise guide ---

    def show_exercises(self, exercise_id: str | None = None):
        """The exercise guide: each exercise on the person's route, its steps, and the steps read out."""
        from sb_desktop.ui.sessions.exercise_guide import ExerciseGuide

        if not self._load():
            return None
        blocked = self.safety().blocked_reason(ROUTINES)
        if blocked:
            self.context.status.emit(blocked)
            return None
        self.narration.stop()
        self._close_exercise_guide()
        self.exercise_guide = ExerciseGuide(self.pack, self.route())
        self.exercise_guide.closed.connect(self.show_overview)
        self.exercise_holder.layout().addWidget(self.exercise_guide)
        self.stack.setCurrentIndex(self.EXERCISES)
        if exercise_id:
            self.exercise_guide.show_exercise(exercise_id)
        self.exercise_guide.list.setFocus()
        return self.exercise_guide

    def _close_exercise_guide(self) -> None:
        if self.exercise_guide is not None:
            self.exercise_guide.stop()
            self.exercise_guide.setParent(None)
            self.exercise_guide.deleteLater()
            self.exercise_guide = None

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
        self.routine_player.focus_start()
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

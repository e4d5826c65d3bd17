"""The Sessions page's reader: a session or topic page by page, with narration, page actions (goals, programme
and topic choices) and finishing a session."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.programme import (
    LOCKED,
    local_date,
    resume_index,
)
from sb_desktop.domain.safety import (
    SESSIONS,
    fill_safety_text,
    safety_placeholders,
    uses_own_services,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import Change
from sb_desktop.ui.common.widgets import heading
from sb_desktop.ui.sessions.cards import (
    GOALS_ACTIONS,
    card_frame,
    date_text,
    goals_action_card,
)
from sb_desktop.ui.sessions.choices import ModuleChooser, ProgrammeChooser
from sb_desktop.ui.sessions.content_browser import ContentBrowser
from sb_desktop.ui.sessions.narration_player import NarrationPlayer

# Room for the page's text and its card together on a 1366x768 screen at 150% text.
BROWSER_MIN_HEIGHT, ACTION_AREA_MIN_HEIGHT = 110, 150


class ReaderPart:
    """Mixed into SessionsPage: shows one page of a session or topic and moves between pages."""

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
        self.browser.setMinimumHeight(BROWSER_MIN_HEIGHT)
        self.narration = NarrationPlayer()
        self.action_area = QVBoxLayout()
        self.action_area.setContentsMargins(0, 0, 0, 0)
        action_box = QWidget()
        action_box.setLayout(self.action_area)
        # A page's card (the topic chooser with its suggestions, say) can be taller than the space left at
        # large text sizes: it scrolls rather than squeezing its own lines or the page over each other.
        self.action_scroll = QScrollArea()
        self.action_scroll.setWidgetResizable(True)
        self.action_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.action_scroll.setWidget(action_box)
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
        layout.addWidget(self.action_scroll, 1)   # up to its card's height (its maximum), sharing when space is short
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

    def open_topic(self, module_id: str, page_ids=()) -> None:
        """Open the first of `page_ids` the person can open now (a session page only while its session is
        open), else the module at its start. Ids not in the pack are skipped."""
        if not self._load():
            return
        states = {s.session_id: s.status for s in self.states()}
        for page_id in page_ids:
            for group in (*self.pack.sessions, *self.pack.modules):
                ids = [p.id for p in group.pages]
                if page_id not in ids:
                    continue
                if hasattr(group, "number"):
                    if states.get(group.id) == LOCKED or self.safety().blocked_reason(SESSIONS):
                        break
                    self.open_session(group.id, ids.index(page_id))
                else:
                    self.open_module(group.id, ids.index(page_id))
                return
        self.open_module(module_id)

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
        elif action == "about_you":
            from sb_desktop.ui.sessions.about_you import AboutYouCard
            box = card_frame()
            self.about_you = AboutYouCard(self.context, box)
            QVBoxLayout(box).addWidget(self.about_you)
            self.action_area.addWidget(box)
        elif action == "choose_module" and self.pack.modules:
            box = card_frame()
            inner = QVBoxLayout(box)
            session_id = self.group.id if self.is_session else None
            current = self.store.module_for_session(session_id) if session_id else None
            self.module_chooser = ModuleChooser(self.pack, current, suggestions=self.topic_suggestions())
            self.module_chooser.saved.connect(self._save_module)
            inner.addWidget(self.module_chooser)
            self.action_area.addWidget(box)
        self._size_action_area()

    def _size_action_area(self) -> None:
        """The page's card keeps at least a useful part of its height (it scrolls for the rest), and the
        area disappears on pages without one."""
        box = self.action_area.itemAt(0).widget() if self.action_area.count() else None
        self.action_scroll.setVisible(box is not None)
        if box is not None:
            # The card's height at the width it will have (wrapped lines), so the page's text gets the rest.
            width = max(self.browser.width(), 300)
            needed = box.heightForWidth(width) if box.hasHeightForWidth() else -1
            needed = (needed if needed > 0 else box.sizeHint().height()) + 2
            self.action_scroll.setMaximumHeight(needed)
            self.action_scroll.setMinimumHeight(min(needed, ACTION_AREA_MIN_HEIGHT))

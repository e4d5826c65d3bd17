"""The main window: navigation on the left, one page at a time on the right, pages built on first show."""
from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop import APP_NAME, __version__
from sb_desktop.i18n import _
from sb_desktop.resources import resource_path
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.qt_names import set_by_name, set_shortcut
from sb_desktop.ui.shell.pages import PageSpec, page_specs

COMFORTABLE_SIZE = QSize(1180, 760)
MINIMUM_SIZE = QSize(600, 420)
GEOMETRY_FILE = "window.ini"   # beside the profiles: only the window's size and place, never any data


def _open_import(context, parent):
    from sb_desktop.ui.exchange.dialogs import open_import_dialog
    open_import_dialog(context, parent)


def _open_export(context, parent):
    from sb_desktop.ui.exchange.dialogs import open_export_dialog
    open_export_dialog(context, parent)


def _open_report(context, parent):
    from sb_desktop.ui.exchange.dialogs import open_report_dialog
    open_report_dialog(context, parent)


def _open_flare_plan(context, parent):
    from sb_desktop.ui.safety.flare_plan import show_flare_plan
    show_flare_plan(context, parent)


class MainWindow(QMainWindow):
    page_shown = Signal(str)
    lock_requested = Signal()  # Ctrl+L; the app's session controller locks (see sb_desktop.app)
    closed_to_tray = Signal()  # the window was closed while reminders keep running in the tray

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.specs: list[PageSpec] = page_specs()
        self.pages: dict[str, QWidget] = {}
        self.tray_mode = None   # a function saying whether closing keeps the app in the tray (set by reminders)
        self.setWindowTitle(APP_NAME)
        self._place_on_screen()

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(_("Sections"))
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setSpacing(2)
        for spec in self.specs:
            item = QListWidgetItem(QIcon(str(resource_path("icons", "nav", f"{spec.key}.png"))), spec.title)
            item.setToolTip(f"{spec.title} ({QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            self.nav.addItem(item)
        widest = max(self.nav.fontMetrics().horizontalAdvance(spec.title) for spec in self.specs)
        self.nav.setFixedWidth(max(170, widest + 24 + 64))   # icon, padding and the selection's rounding
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        self.content = QVBoxLayout()
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.setSpacing(0)
        self.content.addWidget(self.stack, 1)
        row.addLayout(self.content, 1)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(False)   # the window frame resizes; a grip has no accessible name

        self._build_menus()
        self.nav.currentRowChanged.connect(self._on_nav)
        # A screen reader selects an item (AT-SPI Selection) rather than moving the current row: follow it too.
        self.nav.itemSelectionChanged.connect(self._follow_selection)
        context.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        context.navigate.connect(self.show_page)
        context.changed.connect(lambda kinds, _by: self._refresh_current() if kinds else None)
        context.profile_closed.connect(self.drop_pages)
        context.profile_opened.connect(self._on_profile_opened)
        self.nav.setCurrentRow(0)
        self._update_title()

    # --- menus and shortcuts ---

    def _build_menus(self) -> None:
        menu_file = self.menuBar().addMenu(_("&File"))
        self.extension_actions: dict[str, QAction] = {}
        for key, text, opener, shortcut in (
            ("import", _("&Import…"), _open_import, "Ctrl+I"),
            ("export", _("&Export…"), _open_export, "Ctrl+E"),
            ("report", _("Save &summary for an appointment (PDF)…"), _open_report, "Ctrl+P"),
        ):
            action = self._profile_action(text, opener, shortcut)
            menu_file.addAction(action)
            self.extension_actions[key] = action
        menu_file.addSeparator()
        self.menu_file = menu_file
        self.lock_action = QAction(_("&Lock"), self)
        set_shortcut(self.lock_action, "Ctrl+L")
        set_by_name(self.lock_action, "shortcutContext", "ApplicationShortcut")
        self.lock_action.triggered.connect(self.lock_requested.emit)
        menu_file.addAction(self.lock_action)
        menu_file.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        set_shortcut(quit_action, QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_app)
        menu_file.addAction(quit_action)

        menu_edit = self.menuBar().addMenu(_("&Edit"))
        undo = self.context.undo_stack.createUndoAction(self, _("&Undo"))
        set_shortcut(undo, QKeySequence.StandardKey.Undo)
        redo = self.context.undo_stack.createRedoAction(self, _("&Redo"))
        set_shortcut(redo, QKeySequence.StandardKey.Redo)
        menu_edit.addActions([undo, redo])

        menu_go = self.menuBar().addMenu(_("&Go"))
        for row, spec in enumerate(self.specs):
            action = QAction(spec.title, self)
            set_shortcut(action, spec.shortcut)
            action.triggered.connect(lambda _checked=False, r=row: self.nav.setCurrentRow(r))
            menu_go.addAction(action)
        flare = self._profile_action(_("&Flare-up plan"), _open_flare_plan, "Ctrl+F")
        menu_go.addSeparator()
        menu_go.addAction(flare)
        toolbar = self.addToolBar(_("Quick actions"))
        toolbar.setObjectName("quick-actions")
        toolbar.setMovable(False)
        toolbar.addAction(flare)
        self.extension_actions["flare_plan"] = flare

        menu_help = self.menuBar().addMenu(_("&Help"))
        for text, topic, shortcut in ((_("&Help for this page"), None, "F1"),
                                      (_("&Keyboard shortcuts"), "shortcuts", ""),
                                      (_("What the &numbers mean"), "measures", "")):
            action = QAction(text, self)
            if shortcut:
                set_shortcut(action, shortcut)
            action.triggered.connect(lambda _checked=False, t=topic: self.show_help(t or self.current_key()))
            menu_help.addAction(action)
            self.extension_actions[f"help:{topic or 'page'}"] = action
        menu_help.addSeparator()
        about = QAction(_("&About {app}").format(app=APP_NAME), self)
        about.triggered.connect(self.show_about)
        menu_help.addAction(about)

    def _profile_action(self, text: str, opener, shortcut: str) -> QAction:
        """A menu action that works on the open profile (and does nothing while none is open)."""
        action = QAction(text, self)
        set_shortcut(action, shortcut)

        def trigger(_checked=False):
            if self.context.profile is not None:
                opener(self.context, self)

        action.triggered.connect(trigger)
        return action

    # --- size and place: fit the available screen, remember what the person chose ---

    def _geometry_store(self):
        from PySide6.QtCore import QSettings
        return QSettings(str(self.context.profiles.data_dir / GEOMETRY_FILE), QSettings.Format.IniFormat)

    def _place_on_screen(self) -> None:
        """Open at the size the person left it (if it still fits this screen), else at a comfortable size
        that fits the available area; never larger than the screen, whatever its size or text scale."""
        area = self.screen().availableGeometry()
        self.setMinimumSize(QSize(min(MINIMUM_SIZE.width(), area.width()), min(MINIMUM_SIZE.height(), area.height())))
        saved = self._geometry_store().value("main/geometry") if self.context.profiles.data_dir.exists() else None
        if saved is not None and self.restoreGeometry(saved) and area.contains(self.frameGeometry()):
            return
        self.resize(QSize(min(COMFORTABLE_SIZE.width(), int(area.width() * 0.96)),
                          min(COMFORTABLE_SIZE.height(), int(area.height() * 0.94))))
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())

    def _remember_geometry(self) -> None:
        if self.context.profiles.data_dir.exists() and self.isVisible():
            self._geometry_store().setValue("main/geometry", self.saveGeometry())

    def closeEvent(self, event) -> None:
        self._remember_geometry()
        if self.keeps_running_in_tray():
            # Reminders go on from the tray: the window closes as a lock does (nothing stays on screen).
            event.ignore()
            self.closed_to_tray.emit()
            return
        super().closeEvent(event)

    def keeps_running_in_tray(self) -> bool:
        return self.tray_mode is not None and self.tray_mode()

    def quit_app(self) -> None:
        """File > Quit: end the app, also when it would otherwise keep running in the tray."""
        from PySide6.QtWidgets import QApplication
        self._remember_geometry()
        self.tray_mode = None
        self.close()
        QApplication.quit()

    def add_banner(self, banner: QWidget) -> None:
        """Place a banner (e.g. an in-app reminder) above the pages; it shows and hides itself."""
        self.content.insertWidget(0, banner)

    def show_help(self, topic: str):
        from sb_desktop.ui.help.dialog import show_help
        return show_help(topic, self)

    def show_about(self) -> None:
        QMessageBox.about(
            self, _("About {app}").format(app=APP_NAME),
            _("{app} {version}\n\nAn offline companion for managing low back pain through activity. "
              "Your entries stay on this computer; the app never uses the network.\n\n"
              "It describes your own data; it does not diagnose. If you are worried about your back, "
              "talk to your GP or physiotherapist.").format(app=APP_NAME, version=__version__),
        )

    # --- pages ---

    def page(self, key: str) -> QWidget:
        """The page for key, built on first use."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.build(self.context, self)
            widget.setObjectName(f"page-{key}")
            widget.setAccessibleName(spec.title)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_page(self, key: str) -> None:
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        else:
            self._on_nav(row)

    def _follow_selection(self) -> None:
        selected = self.nav.selectedItems()
        if selected:
            row = self.nav.row(selected[0])
            if row != self.nav.currentRow():
                self.nav.setCurrentRow(row)

    def current_key(self) -> str:
        return self.specs[max(0, self.nav.currentRow())].key

    def _on_nav(self, row: int) -> None:
        if row < 0 or self.context.profile is None:
            return
        key = self.specs[row].key
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        self._refresh(widget)
        self.page_shown.emit(key)

    def _refresh_current(self) -> None:
        widget = self.stack.currentWidget()
        if widget is not None:
            self._refresh(widget)

    @staticmethod
    def _refresh(widget: QWidget) -> None:
        widget.refresh()

    def drop_pages(self) -> None:
        """Destroy every page so no data stays in any view, model or chart (lock, profile switch)."""
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self._update_title()

    def _on_profile_opened(self) -> None:
        self._update_title()
        self._on_nav(self.nav.currentRow())

    def _update_title(self) -> None:
        profile = self.context.profile
        self.setWindowTitle(f"{profile.name} — {APP_NAME}" if profile is not None else APP_NAME)

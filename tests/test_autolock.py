"""Auto-lock and the start screen: after idle minutes (or Ctrl+L) nothing of the journal stays on screen."""
import json

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from sb_desktop.domain.clinic_config import ClinicConfig
from sb_desktop.domain.entries import make_pain
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.settings import AUTOLOCK_MINUTES
from sb_desktop.storage.profiles import ProfileDirectory
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.profiles.dialogs import CreateProfileDialog
from sb_desktop.ui.profiles.start_screen import StartScreen
from sb_desktop.ui.shell.main_window import MainWindow
from sb_desktop.ui.shell.session import Session

PASSPHRASE = "blue kettle morning"
NOTE = "my private note about the weekend"


class FakeClock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def setup(qtbot, isolated_data_dir, fast_kdf):
    def build(clinic=ClinicConfig(), minutes=None):
        directory = ProfileDirectory(isolated_data_dir, passphrase_required=clinic.passphrase_required)
        directory.create("Ann", passphrase=PASSPHRASE)
        profile = directory.open("Ann", passphrase=PASSPHRASE)
        profile.journal.add(make_pain(7, note=NOTE))
        if minutes is not None:
            profile.settings.write(AUTOLOCK_MINUTES, minutes)
        context = AppContext(directory, None)
        context.clinic = clinic
        window = MainWindow(context)
        start = StartScreen(directory, clinic)
        qtbot.addWidget(window)
        qtbot.addWidget(start)
        clock = FakeClock()
        session = Session(context, window, start, clinic, clock=clock)
        session.open_profile(profile)
        window.show_page("journal")
        qtbot.waitUntil(lambda: "journal" in window.pages)
        QApplication.processEvents()  # the event loop's first turn, where watching input begins (as in the app)
        return session, clock
    yield build


def _walk(model, parent, texts, depth=0):
    for row in range(model.rowCount(parent)):
        for col in range(64):
            index = model.index(row, col, parent)
            if not index.isValid():
                break
            texts.append(str(index.data()))
            if col == 0 and depth < 4:
                _walk(model, index, texts, depth + 1)


def _texts_on_screen():
    """Every text any visible widget shows (labels, tables, lists, line edits)."""
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTextEdit
    texts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QLabel), *top.findChildren(QLineEdit), *top.findChildren(QTextEdit)]:
            for getter in ("text", "toPlainText"):
                if hasattr(widget, getter) and widget.isVisible():
                    texts.append(getattr(widget, getter)())
        for view in top.findChildren(QAbstractItemView):
            model = view.model()
            if model is None or not view.isVisible():
                continue
            _walk(model, QModelIndex(), texts)
    return "\n".join(texts)


def _assert_locked(session):
    assert session.context.profile is None
    assert session.window.pages == {}
    assert not session.window.isVisible()
    assert session.start.isVisible()
    assert session.start.stack.currentWidget() is session.start.unlock_page
    assert NOTE not in _texts_on_screen()


def test_idle_lock_warns_first_then_clears_every_view(setup, qtbot):
    session, clock = setup(minutes=5)
    window = session.window
    assert NOTE in _texts_on_screen()
    clock.now += 5 * 60 - 25          # inside the warning period (30 s)
    with qtbot.waitSignal(session.autolock.warning_shown):
        session.autolock.check()
    assert session.autolock.warning.isVisible()
    assert "lock in 25 seconds" in session.autolock.warning.label.text()
    clock.now += 30
    session.autolock.check()
    _assert_locked(session)
    assert window.stack.count() == 0


def test_any_key_during_the_warning_keeps_it_unlocked(setup, qtbot):
    session, clock = setup(minutes=5)
    clock.now += 5 * 60 - 10
    session.autolock.check()
    assert session.autolock.warning is not None
    qtbot.keyClick(session.window, Qt.Key.Key_Shift)
    assert session.autolock.warning is None
    clock.now += 60
    session.autolock.check()
    assert session.context.profile is not None


def test_a_machine_that_slept_past_the_deadline_locks_on_waking(setup):
    session, clock = setup(minutes=15)
    clock.now += 8 * 3600                 # asleep overnight: no timer fired
    session.autolock.heartbeat.timeout.emit()
    _assert_locked(session)


def test_ctrl_l_locks_and_closes_other_windows_and_dialogs(setup, qtbot):
    session, clock = setup()
    dialog = QDialog(session.window)
    dialog.setWindowTitle(NOTE)
    dialog.show()
    QApplication.clipboard().setText(NOTE)
    session.clipboard.ours = True
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # works from any window
    _assert_locked(session)
    assert not dialog.isVisible()
    assert QApplication.clipboard().text() != NOTE


def test_unlocking_again_brings_the_journal_back(setup, qtbot):
    session, clock = setup()
    session.lock()
    start = session.start
    start.passphrase.setText("wrong passphrase here")
    start.unlock()
    assert "does not unlock" in start.unlock_error.text()
    assert session.context.profile is None
    start.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(start.opened):
        qtbot.keyClick(start.passphrase, Qt.Key.Key_Return)
    assert session.context.profile is not None and session.window.isVisible()
    assert start.passphrase.text() == ""


def test_a_clinic_cap_applies_over_the_persons_choice(setup):
    session, clock = setup(clinic=ClinicConfig(autolock_max_minutes=2), minutes=60)
    assert session.autolock.minutes == 2
    clock.now += 121
    session.autolock.check()
    _assert_locked(session)


def test_the_person_can_turn_idle_locking_off_on_their_own_computer(setup):
    session, clock = setup(minutes=0)
    clock.now += 10 * 3600
    session.autolock.check()
    assert session.context.profile is not None


def test_with_idle_locking_off_no_input_is_watched_and_switching_it_on_counts_from_then(setup, qtbot):
    session, clock = setup(minutes=0)
    autolock = session.autolock
    assert not autolock.watching  # no Python call on every event for someone who chose no idle lock
    clock.now += 3600
    autolock.set_minutes(5)  # switched on an hour later: the five minutes start now, not an hour ago
    assert autolock.watching and session.context.profile is not None
    assert autolock.last_input == clock.now
    QApplication.processEvents()
    clock.now += 10
    qtbot.keyClick(session.window, Qt.Key.Key_Shift)
    assert autolock.last_input == clock.now  # the key press was seen
    clock.now += 5 * 60 + 1
    autolock.check()
    _assert_locked(session)
    assert not autolock.watching  # locked: nothing to watch until the next unlock


def test_start_screen_lists_names_only_and_creates_a_profile(qtbot, isolated_data_dir, fast_kdf, monkeypatch):
    directory = ProfileDirectory(isolated_data_dir)
    directory.create("Ann", passphrase=PASSPHRASE)
    start = StartScreen(directory, ClinicConfig(site_name="Riverside Health Centre"))
    qtbot.addWidget(start)
    start.show_chooser()
    assert [start.list.item(i).text() for i in range(start.list.count())] == ["Ann  (passphrase)"]  # the name and nothing else of hers
    opened = []
    start.opened.connect(opened.append)

    def fill_and_accept(dialog):
        assert "cannot be opened again" in dialog.warning.text()
        dialog.name.setText("Bob")
        dialog.passphrase_edit.setText("bob walks the dog")
        dialog.confirm.setText("bob walks the dog")
        dialog._create()
        return dialog.result()

    monkeypatch.setattr(CreateProfileDialog, "exec", fill_and_accept)
    start.create_profile()
    assert directory.find("Bob").encrypted
    assert opened and opened[0].name == "Bob"
    opened[0].close()


def test_a_clinic_that_requires_passphrases_hides_the_no_passphrase_choice(qtbot, isolated_data_dir):
    dialog = CreateProfileDialog(ProfileDirectory(isolated_data_dir, passphrase_required=True), True)
    qtbot.addWidget(dialog)
    assert dialog.no_passphrase.isHidden()


def test_a_damaged_journal_is_offered_its_backup_from_the_start_screen(qtbot, isolated_data_dir, fast_kdf,
                                                                       monkeypatch):
    directory = ProfileDirectory(isolated_data_dir)
    directory.create("Ann", passphrase=PASSPHRASE)
    profile = directory.open("Ann", passphrase=PASSPHRASE)
    profile.journal.add(make_pain(4, note=NOTE))
    profile.backup("manual")
    path = profile.info.database_path
    profile.close()
    path.write_bytes(path.read_bytes()[:4096])
    start = StartScreen(directory, ClinicConfig())
    qtbot.addWidget(start)
    start.show_unlock(directory.find("Ann"))
    start.passphrase.setText(PASSPHRASE)
    start.unlock()
    assert start.stack.currentWidget() is start.damaged_page
    assert "newest good backup" in start.damage_text.text()
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    opened = []
    start.opened.connect(opened.append)
    start.restore_button.click()
    assert "restored from the backup" in shown[0]
    assert opened and opened[0].journal.entries()[0].note == NOTE
    opened[0].close()


def test_clinic_problem_is_shown_on_the_start_screen(qtbot, isolated_data_dir, tmp_path):
    from sb_desktop.domain.clinic_config import load_clinic_config
    bad = tmp_path / "clinic.json"
    bad.write_text(json.dumps({"autolock_max_minutes": "soon"}))
    start = StartScreen(ProfileDirectory(isolated_data_dir), load_clinic_config(bad))
    qtbot.addWidget(start)
    banner = start.findChild(QLabel, "clinic-problem")
    assert banner is not None and "could not be used" in banner.text()


def test_changing_the_passphrase_from_the_menu_rekeys_and_keeps_the_journal_open(setup, monkeypatch):
    from sb_desktop.ui.profiles.dialogs import ChangePassphraseDialog
    session, clock = setup()

    def fill(dialog):
        dialog.old.setText(PASSPHRASE)
        dialog.new.setText("green window evening")
        dialog.confirm.setText("green window evening")
        dialog._check()
        return dialog.result()

    monkeypatch.setattr(ChangePassphraseDialog, "exec", fill)
    session.passphrase_action.trigger()
    assert session.context.profile is not None
    assert session.context.profile.journal.entries()[0].note == NOTE
    session.lock()
    directory = session.context.profiles
    with pytest.raises(UserError):      # the old passphrase no longer opens it
        directory.open("Ann", passphrase=PASSPHRASE)
    directory.open("Ann", passphrase="green window evening").close()


def test_the_autolock_menu_saves_the_persons_choice(setup, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    session, clock = setup(minutes=5)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args: (45, True))
    session.autolock_action.trigger()
    assert session.autolock.minutes == 45
    assert session.context.profile.settings.read(AUTOLOCK_MINUTES) == 45


def test_locking_keeps_what_someone_was_typing_encrypted_and_gives_it_back(setup, monkeypatch, isolated_data_dir):
    session, clock = setup()
    session.window.show_page("today")
    today = session.window.pages["today"]
    today.pain_note.setText("half-typed thought about my knee")
    today.activity.minutes.setValue(35)
    session.lock()
    assert "half-typed" not in _texts_on_screen()
    for path in isolated_data_dir.rglob("*"):
        if path.is_file():
            assert b"half-typed" not in path.read_bytes()
    session.start.passphrase.setText(PASSPHRASE)
    session.start.unlock()
    session.window.show_page("today")
    assert session.window.pages["today"].pain_note.text() == "half-typed thought about my knee"
    assert session.window.pages["today"].activity.minutes.value() == 35
    assert session.context.profile.settings.get("ui.drafts") == {}

"""The issue's 'done when', as a new user would try it: two people on one clinic computer each keep a private,
locked, encrypted journal, and a damaged file is recovered from backup with nothing acknowledged lost."""
import argparse
import json

import pytest
from gui_start import start_gui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from sb_desktop.domain.entries import make_pain
from sb_desktop.ui.profiles.dialogs import CreateProfileDialog

PEOPLE = {"Ann": ("ann's kettle sings", "ann-secret-sciatica-note"), "Bob": ("bob walks the dog", "bob-secret-note")}


@pytest.fixture
def clinic_machine(tmp_path, monkeypatch, isolated_data_dir, fast_kdf):
    config = tmp_path / "clinic.json"
    config.write_text(json.dumps({"passphrase_required": True, "shared_machine": True, "autolock_max_minutes": 10,
                                  "site_name": "Riverside Health Centre"}))
    monkeypatch.setenv("SB_DESKTOP_CLINIC_CONFIG", str(config))
    return isolated_data_dir


def _start(qtbot):
    args = argparse.Namespace(profile=None, demo=False, smoke_test=False, quit_after_show=False)
    session, first, profile = start_gui(args)
    qtbot.addWidget(session.window)
    qtbot.addWidget(session.start)
    return session, first, profile


def _create(monkeypatch, session, name):
    passphrase, _note = PEOPLE[name]

    def fill(dialog):
        assert dialog.no_passphrase.isHidden()            # the clinic forbids unencrypted profiles
        dialog.name.setText(name)
        dialog.passphrase_edit.setText(passphrase)
        dialog.confirm.setText(passphrase)
        dialog._create()
        return dialog.result()

    monkeypatch.setattr(CreateProfileDialog, "exec", fill)
    session.start.create_profile()


def _write(session, note, value=5):
    return session.context.run(lambda p: p.journal.add(make_pain(value, note=note)))


def test_two_people_share_a_clinic_computer(qtbot, monkeypatch, clinic_machine):
    session, first, profile = _start(qtbot)
    assert first is session.start and profile is None and session.start.list.count() == 0
    # Ann creates her profile, writes, and locks with Ctrl+L.
    _create(monkeypatch, session, "Ann")
    assert session.context.profile.name == "Ann" and session.window.isVisible()
    assert session.autolock.minutes == 10                  # the clinic's cap on the default of 15
    _write(session, PEOPLE["Ann"][1])
    session.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is session.window)
    qtbot.keyClick(session.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.context.profile is None and not session.window.isVisible()
    assert session.start.unlock_title.text() == "Unlock Ann"
    # Bob: "not me", creates his own profile; he sees none of Ann's entries.
    session.start.back_button.click()
    _create(monkeypatch, session, "Bob")
    assert session.context.profile.journal.count() == 0
    _write(session, PEOPLE["Bob"][1])
    session.lock()
    session.start.show_chooser()
    assert [session.start.list.item(i).text() for i in range(session.start.list.count())] == [
        "Ann  (passphrase)", "Bob  (passphrase)"]  # names only, and whether a passphrase guards each
    # Bob's passphrase does not open Ann's journal.
    session.start.list.setCurrentRow(0)
    session.start.open_selected()
    session.start.passphrase.setText(PEOPLE["Bob"][0])
    session.start.unlock()
    assert session.context.profile is None and "does not unlock" in session.start.unlock_error.text()
    session.start.passphrase.setText(PEOPLE["Ann"][0])
    session.start.unlock()
    assert [e.note for e in session.context.profile.journal.entries()] == [PEOPLE["Ann"][1]]
    session.lock()
    # Nothing either person wrote is readable in any file the app left behind.
    for path in clinic_machine.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert all(note.encode() not in data for _p, note in PEOPLE.values()), path


def test_a_damaged_journal_is_recovered_with_nothing_acknowledged_lost(qtbot, monkeypatch, clinic_machine):
    session, _first, _profile = _start(qtbot)
    _create(monkeypatch, session, "Ann")
    for i in range(60):
        _write(session, f"before backup {i}")
    session.context.profile.backup("manual")
    for i in range(5):
        _write(session, f"after backup {i}")               # acknowledged, not in any backup yet
    path = session.context.profile.info.database_path
    session.lock()
    session.start.close()
    session.window.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 2 + 64] = b"\0" * 64            # damage an early page
    path.write_bytes(bytes(data))

    session, _first, _profile = _start(qtbot)               # the next morning
    session.start.list.setCurrentRow(0)
    session.start.open_selected()
    session.start.passphrase.setText(PEOPLE["Ann"][0])
    session.start.unlock()
    assert session.start.stack.currentWidget() is session.start.damaged_page
    assert session.context.profile is None
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: messages.append(args[2]))
    session.start.restore_button.click()
    notes = {e.note for e in session.context.profile.journal.entries()}
    assert {f"before backup {i}" for i in range(60)} | {f"after backup {i}" for i in range(5)} <= notes
    assert "restored from the backup" in messages[0]
    session.lock()


def test_switch_profile_in_the_file_menu_closes_this_one_and_shows_the_list(qtbot, monkeypatch, clinic_machine):
    session, _first, _profile = _start(qtbot)
    _create(monkeypatch, session, "Ann")
    _write(session, PEOPLE["Ann"][1])
    file_menu_actions = [a.text() for a in session.window.menu_file.actions()]
    assert "&Switch profile…" in file_menu_actions
    session.switch_action.trigger()
    assert session.context.profile is None and not session.window.isVisible()
    assert session.start.stack.currentWidget() is session.start.chooser      # the list, not Ann's unlock page
    assert session.start.list.count() == 1 and session.window.pages == {}

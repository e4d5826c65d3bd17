"""Settings: what a person can change, shown truthfully, and what a clinic fixes stays fixed."""
import argparse
import json

from gui_start import start_gui


def start(qtbot, demo=True):
    args = argparse.Namespace(profile=None, demo=demo, smoke_test=False, quit_after_show=False)
    session, first, profile = start_gui(args)
    qtbot.addWidget(session.window)
    session.window.show_page("settings")
    return session, session.window.page("settings")


def test_settings_show_the_profile_state(qtbot):
    session, page = start(qtbot)
    assert "no passphrase" in page.encryption_label.text()
    assert page.autolock_label.text().startswith("never")
    assert page.pack_combo.currentData() == "supportback-en"
    assert page.unlock_days.value() == 7 and page.unlock_days.isEnabled()
    assert str(session.context.profile.info.folder) == page.folder_label.text()


def test_changing_the_session_interval_is_saved(qtbot):
    session, page = start(qtbot)
    page.unlock_days.setValue(3)
    with qtbot.waitSignal(session.context.changed):
        page.choose_unlock_days()
    from sb_desktop.domain.settings import UNLOCK_DAYS
    assert session.context.profile.settings.read(UNLOCK_DAYS) == 3


def test_back_up_now_makes_a_verified_backup(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    session, page = start(qtbot)
    from sb_desktop.storage.backups import list_backups
    before = len(list_backups(session.context.profile.info.folder))
    page.back_up_now()
    assert len(list_backups(session.context.profile.info.folder)) == before + 1
    assert "kept" in page.backup_label.text()


def test_a_clinic_fixes_the_pace(qtbot, tmp_path, monkeypatch):
    config = tmp_path / "clinic.json"
    config.write_text(json.dumps({"session_unlock_days": 5, "site_name": "Riverside"}))
    monkeypatch.setenv("SB_DESKTOP_CLINIC_CONFIG", str(config))
    session, page = start(qtbot)
    assert page.unlock_days.value() == 5 and not page.unlock_days.isEnabled()
    assert "clinic" in page.unlock_note.text()


def test_lock_button_locks(qtbot):
    session, page = start(qtbot)
    page._trigger("lock")
    assert session.context.profile is None and not session.window.isVisible()

"""Reminder scheduling against a fake clock; clinic policy for shared machines."""
import datetime as dt

import pytest

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.reminders import (
    CHECKIN,
    SESSION,
    ReminderScheduler,
    ReminderSettings,
    clinic_policy,
    default_settings,
    make_reminder,
    next_due,
)


class FakeClock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **kwargs):
        self.now += dt.timedelta(**kwargs)


WED = dt.datetime(2026, 11, 25, 8, 0)   # a Wednesday


def settings():
    return ReminderSettings(True, (make_reminder(CHECKIN, "19:00"), make_reminder(SESSION, "11:30", {0, 2, 4})))


def test_reminders_fire_once_at_their_time():
    clock = FakeClock(WED)
    scheduler = ReminderScheduler(settings(), clock)
    assert scheduler.seconds_until_next() == 3.5 * 3600
    clock.advance(hours=3, minutes=29)
    assert scheduler.due() == []
    clock.advance(minutes=1)
    assert [r.kind for r in scheduler.due()] == [SESSION]
    assert scheduler.due() == [], "the same occurrence is not reported twice"
    clock.advance(hours=8)
    assert [r.kind for r in scheduler.due()] == [CHECKIN]


def test_weekdays_are_respected():
    clock = FakeClock(dt.datetime(2026, 11, 26, 8, 0))   # Thursday: no session reminder
    scheduler = ReminderScheduler(settings(), clock)
    clock.advance(hours=4)
    assert scheduler.due() == []
    when, reminder = next_due(settings(), clock())
    assert reminder.kind == CHECKIN and when == dt.datetime(2026, 11, 26, 19, 0)


def test_after_sleep_missed_reminders_collapse_and_stale_ones_are_dropped():
    clock = FakeClock(WED)
    scheduler = ReminderScheduler(settings(), clock)
    clock.advance(days=2, hours=12)   # Friday 20:00, asleep since Wednesday morning
    assert [r.kind for r in scheduler.due()] == [CHECKIN]   # 19:00 today, within grace; Friday 11:30 too old


def test_disabled_settings_or_reminders_never_fire():
    clock = FakeClock(WED)
    off = ReminderSettings(False, settings().reminders)
    scheduler = ReminderScheduler(off, clock)
    clock.advance(hours=12)
    assert scheduler.due() == [] and scheduler.seconds_until_next() is None
    only_checkin = ReminderSettings(True, (make_reminder(CHECKIN, "19:00", enabled=False),))
    assert next_due(only_checkin, WED) is None


def test_clinic_policy_shared_machine_is_off_by_default():
    assert clinic_policy(None) == (True, True)
    assert clinic_policy({"shared_machine": True}) == (True, False)
    assert clinic_policy({"reminders_allowed": False}) == (False, False)
    assert default_settings({"shared_machine": True}).enabled is False
    assert default_settings().enabled is True


def test_settings_round_trip_and_bad_values():
    s = settings()
    assert ReminderSettings.from_json(s.to_json(), default=default_settings()) == s
    assert ReminderSettings.from_json({"reminders": [{"kind": "x"}]}, default=s) == s
    with pytest.raises(ValidationError):
        make_reminder(CHECKIN, "25:00")
    with pytest.raises(ValidationError):
        make_reminder(CHECKIN, "19:00", [])


# --- the reminder service in the window (pytest-qt, fake clock, no tray) ---

from sb_desktop.domain.settings import REMINDERS  # noqa: E402


def _service(qtbot, app_context, clock, **kwargs):
    from PySide6.QtWidgets import QWidget

    from sb_desktop.ui.reminders.service import ReminderService
    window = QWidget()
    qtbot.addWidget(window)
    return ReminderService(app_context, window, clock=clock, use_tray=False, **kwargs)


def test_due_reminder_shows_the_banner_when_there_is_no_tray(qtbot, app_context, profile):
    profile.settings.write(REMINDERS, settings().to_json())
    clock = FakeClock(WED)
    service = _service(qtbot, app_context, clock)
    assert service.timer.isActive()
    banner = service.banner_widget()
    assert banner.isHidden()
    clock.advance(hours=4)
    with qtbot.waitSignal(service.reminded) as fired:
        service.check()
    assert fired.args == [SESSION]
    assert not banner.isHidden() and "activity session" in banner.label.text()
    with qtbot.waitSignal(app_context.navigate) as navigated:
        banner.open_button.click()
    assert navigated.args == ["today"] and banner.isHidden()


def test_shared_clinic_machine_starts_with_reminders_off(qtbot, app_context):
    app_context.clinic = {"shared_machine": True}
    clock = FakeClock(WED)
    service = _service(qtbot, app_context, clock)
    assert not service.timer.isActive()
    clock.advance(hours=12)
    assert service.check() == []


def test_settings_dialog_saves_times_and_the_service_follows(qtbot, app_context, profile):
    from PySide6.QtCore import QTime

    from sb_desktop.ui.reminders.service import load_settings
    from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog
    clock = FakeClock(WED)
    service = _service(qtbot, app_context, clock)
    dialog = ReminderSettingsDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.enabled.setChecked(True)
    dialog.rows[0].time.setTime(QTime(9, 15))
    dialog.rows[0].days[6].setChecked(False)
    dialog.save()
    saved = load_settings(app_context)
    checkin = next(r for r in saved.reminders if r.kind == CHECKIN)
    assert checkin.time == dt.time(9, 15) and 6 not in checkin.weekdays
    clock.advance(hours=1, minutes=15)
    assert [r.kind for r in service.check()] == [CHECKIN]


def test_clinic_can_forbid_reminders(qtbot, app_context, profile):
    from sb_desktop.ui.reminders.service import load_settings
    from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog
    profile.settings.write(REMINDERS, settings().to_json())
    app_context.clinic = {"reminders_allowed": False}
    assert load_settings(app_context).enabled is False
    dialog = ReminderSettingsDialog(app_context)
    qtbot.addWidget(dialog)
    assert not dialog.enabled.isEnabled() and not dialog.enabled.isChecked()


def test_install_reminders_gives_a_banner_and_stops_on_lock(qtbot, app_context):
    from PySide6.QtWidgets import QWidget

    from sb_desktop.ui.reminders.service import install_reminders
    window = QWidget()
    qtbot.addWidget(window)
    service = install_reminders(app_context, window)
    assert service.banner_widget() is not None
    app_context.close_profile()
    assert not service.timer.isActive()


def test_checkin_reminder_points_to_a_due_weekly_review(qtbot, app_context, profile):
    from sb_desktop.domain.goals import make_goal
    from sb_desktop.storage.goals import GoalStore
    profile.settings.write(REMINDERS, settings().to_json())
    GoalStore(profile.db).set_goal(make_goal("walking", 1, 3, 5, start_date=WED.date() - dt.timedelta(days=8)))
    clock = FakeClock(dt.datetime.combine(WED.date(), dt.time(18, 0)))
    service = _service(qtbot, app_context, clock)
    clock.advance(hours=1)
    assert [r.kind for r in service.check()] == [CHECKIN]
    assert "weekly review" in service.banner.label.text() and service.banner.target == "goals"


def test_real_clinic_configuration_is_understood():
    from sb_desktop.domain.clinic_config import ClinicConfig, EmergencyWording
    from sb_desktop.domain.safety import EMERGENCY, advice_for
    assert clinic_policy(ClinicConfig(shared_machine=True)) == (True, False)
    assert clinic_policy(ClinicConfig(reminders_allowed=False)) == (False, False)
    advice = advice_for(EMERGENCY, ClinicConfig(emergency=EmergencyWording(emergency_phone="112")))
    assert advice.number == "112" and "112" in advice.text


# --- reminders that reach people with the window closed or locked (the tray, opt-in) ---

def test_the_dialog_says_what_happens_when_the_tray_is_off_and_saves_the_choice(qtbot, app_context, profile,
                                                                              tmp_path, monkeypatch):
    from sb_desktop import autostart
    from sb_desktop.storage.background import background_path, read_background
    from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dialog = ReminderSettingsDialog(app_context)
    qtbot.addWidget(dialog)
    assert not dialog.background.isChecked()
    assert "only while SupportBack is open and unlocked" in dialog.background_note.text()
    dialog.enabled.setChecked(True)
    dialog.background.setChecked(True)
    assert "never your name" in dialog.background_note.text()
    dialog.save()
    kept = read_background(app_context.profiles.data_dir)
    assert kept is not None and {r.kind for r in kept.reminders} == {CHECKIN, SESSION}
    stored = background_path(app_context.profiles.data_dir).read_text(encoding="utf-8")
    assert profile.name not in stored and "note" not in stored    # times only
    entry = tmp_path / "config" / "autostart" / "sb-desktop.desktop"
    assert autostart.is_enabled() and "--background" in entry.read_text(encoding="utf-8")
    again = ReminderSettingsDialog(app_context)
    qtbot.addWidget(again)
    assert again.background.isChecked()
    again.background.setChecked(False)
    again.save()
    assert read_background(app_context.profiles.data_dir) is None and not entry.exists()


def test_with_the_tray_on_a_reminder_still_comes_when_locked_and_names_nobody(qtbot, app_context, profile):
    from PySide6.QtWidgets import QWidget

    from sb_desktop.storage.background import write_background
    from sb_desktop.ui.reminders.service import ReminderService

    write_background(app_context.profiles.data_dir, settings())
    clock = FakeClock(WED)
    window = QWidget()
    qtbot.addWidget(window)
    service = ReminderService(app_context, window, clock=clock, use_tray=True)
    shown = []
    service.tray.showMessage = lambda title, text, *args: shown.append((title, text))
    assert service.keeps_running()
    app_context.close_profile()                      # locked, or the window closed to the tray
    assert service.timer.isActive() and service.tray.isVisible()
    clock.advance(hours=4)
    with qtbot.waitSignal(service.reminded):
        service.check()
    assert shown and "activity session" in shown[0][1]
    assert profile.name not in shown[0][1] and profile.name not in shown[0][0]
    with qtbot.waitSignal(service.open_requested):
        service.tray.activated.emit(service.tray.ActivationReason.Trigger)
    service.tray.hide()


def test_without_the_tray_a_locked_app_reminds_nobody(qtbot, app_context, profile):
    profile.settings.write(REMINDERS, settings().to_json())
    clock = FakeClock(WED)
    service = _service(qtbot, app_context, clock)
    app_context.close_profile()
    clock.advance(hours=12)
    assert service.check() == [] and not service.timer.isActive()


def test_login_items_for_each_desktop(tmp_path):
    from sb_desktop import autostart

    command = ["/opt/sb/sb-desktop", "--background"]
    linux = autostart.entry_path("linux", {"XDG_CONFIG_HOME": str(tmp_path)})
    assert linux == tmp_path / "autostart" / "sb-desktop.desktop"
    assert b"Exec=/opt/sb/sb-desktop --background" in autostart.entry_text(command, "linux")
    mac = autostart.entry_path("darwin", {"HOME": str(tmp_path)})
    assert mac.name == "org.supportback.sb-desktop.plist" and "LaunchAgents" in mac.parts
    import plistlib
    assert plistlib.loads(autostart.entry_text(command, "darwin"))["ProgramArguments"] == command
    assert autostart.entry_path("win32", {}) is None          # Windows: a value under the Run key


def test_closing_the_window_with_the_tray_on_locks_and_keeps_reminding(qtbot, monkeypatch, profiles):
    """The window's close button then works as a lock: nothing of the journal stays on screen or in memory,
    and the tray icon goes on reminding. Started at login (--background), only the tray icon appears."""
    import argparse

    from gui_start import start_gui
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from sb_desktop.storage.background import write_background

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda *args: None)
    profiles.open("Sam").close()
    write_background(profiles.data_dir, settings())
    args = argparse.Namespace(profile=None, demo=False, smoke_test=False, quit_after_show=False)
    session, first, profile = start_gui(args)
    qtbot.addWidget(session.window)
    assert profile is not None and session.reminders.keeps_running()
    assert not QApplication.instance().quitOnLastWindowClosed()
    session.window.close()
    assert session.context.profile is None and not session.window.isVisible() and session.window.pages == {}
    assert session.reminders.timer.isActive() and session.reminders.tray.isVisible()
    session.reminders.open_requested.emit()
    assert session.start.isVisible()          # "Open" from the tray: the profile list or unlock screen
    session.start.hide()
    session.reminders.tray.hide()
    session.reminders.timer.stop()
    QApplication.instance().setQuitOnLastWindowClosed(True)

    background = argparse.Namespace(profile=None, demo=False, smoke_test=False, quit_after_show=False,
                                    background=True)
    tray_only, first, profile = start_gui(background)
    qtbot.addWidget(tray_only.window)
    assert first is None and profile is None and not tray_only.window.isVisible()
    assert tray_only.reminders.tray.isVisible()
    tray_only.reminders.tray.hide()
    tray_only.reminders.timer.stop()
    QApplication.instance().setQuitOnLastWindowClosed(True)


def test_during_an_experiment_a_reminder_carries_this_weeks_target(qtbot, app_context, profile):
    from sb_desktop.domain.experiment import make_experiment

    profile.settings.write(REMINDERS, settings().to_json())
    profile.experiments.start(make_experiment("steps", 3000, 6000, weeks=4, start=WED.date(), today=WED.date()), WED.date())
    clock = FakeClock(WED)
    service = _service(qtbot, app_context, clock)
    clock.advance(hours=4)
    shown = []
    service.banner.show_reminder = lambda text, target="today": shown.append(text)
    service.check()
    assert shown and "activity session" in shown[0] and ("3,000" in shown[0] or "6,000" in shown[0]
                                                         or "3000" in shown[0] or "6000" in shown[0])

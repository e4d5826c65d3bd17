"""Reminder scheduling against a fake clock; clinic policy for shared machines."""
import datetime as dt

import pytest

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.reminders import (
    CHECKIN, SESSION, ReminderScheduler, ReminderSettings, clinic_policy, default_settings, make_reminder, next_due,
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

    from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog
    from sb_desktop.ui.reminders.service import load_settings
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
    from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog
    from sb_desktop.ui.reminders.service import load_settings
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

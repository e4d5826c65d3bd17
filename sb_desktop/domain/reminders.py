"""Reminder times and when they fall due: pure scheduling with an injectable clock (local wall time)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _

CHECKIN, SESSION = "checkin", "session"
KINDS = (CHECKIN, SESSION)
EVERY_DAY = frozenset(range(7))
# A reminder missed while the computer slept is still shown on waking if it is at most this old.
GRACE = dt.timedelta(hours=3)


@dataclass(frozen=True)
class Reminder:
    kind: str
    time: dt.time
    weekdays: frozenset[int] = EVERY_DAY     # 0 = Monday
    enabled: bool = True

    def message(self) -> str:
        if self.kind == CHECKIN:
            return _("Time for your check-in: how is your back today, and what did you do?")
        return _("Time for your activity session. A little movement goes a long way.")


@dataclass(frozen=True)
class ReminderSettings:
    enabled: bool
    reminders: tuple[Reminder, ...] = field(default_factory=tuple)

    def to_json(self) -> dict:
        return {"enabled": self.enabled, "reminders": [
            {"kind": r.kind, "time": r.time.strftime("%H:%M"), "weekdays": sorted(r.weekdays), "enabled": r.enabled}
            for r in self.reminders]}

    @classmethod
    def from_json(cls, data: Mapping | None, *, default: ReminderSettings) -> ReminderSettings:
        if not isinstance(data, Mapping):
            return default
        try:
            reminders = tuple(make_reminder(r["kind"], r["time"], r.get("weekdays", sorted(EVERY_DAY)),
                                            enabled=bool(r.get("enabled", True))) for r in data.get("reminders", ()))
            return cls(bool(data.get("enabled")), reminders)
        except (KeyError, TypeError, ValidationError):
            return default


def make_reminder(kind: str, time, weekdays=EVERY_DAY, *, enabled: bool = True) -> Reminder:
    if kind not in KINDS:
        raise ValidationError(_("A reminder is for a check-in or a session."))
    if isinstance(time, str):
        try:
            time = dt.time.fromisoformat(time.strip())
        except ValueError:
            raise ValidationError(_("'{text}' is not a time; use HH:MM (24-hour).").format(text=time)) from None
    if not isinstance(time, dt.time):
        raise ValidationError(_("A reminder needs a time of day."))
    days = frozenset(int(d) for d in weekdays)
    if not days or not days <= EVERY_DAY:
        raise ValidationError(_("Choose at least one day for the reminder."))
    return Reminder(kind, time.replace(second=0, microsecond=0, tzinfo=None), days, enabled)


def clinic_policy(clinic) -> tuple[bool, bool]:
    """(allowed, on by default) from a clinic configuration, read defensively (None when there is none).

    A clinic may forbid reminders outright (`reminders_allowed` false); on a shared machine
    (`shared_machine` true) they are allowed but off until the person turns them on."""
    def read(name):
        if clinic is None:
            return None
        if isinstance(clinic, Mapping):
            return clinic.get(name)
        return getattr(clinic, name, None)

    allowed = read("reminders_allowed")
    allowed = True if allowed is None else bool(allowed)
    shared = bool(read("shared_machine"))
    return allowed, allowed and not shared


def default_settings(clinic=None) -> ReminderSettings:
    _allowed, on = clinic_policy(clinic)
    return ReminderSettings(on, (
        Reminder(CHECKIN, dt.time(19, 0)),
        Reminder(SESSION, dt.time(11, 0), frozenset({0, 2, 4}), enabled=False),
    ))


def occurrences(reminder: Reminder, after: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
    """Times the reminder falls due in (after, until], oldest first."""
    found = []
    day = after.date()
    while day <= until.date():
        if day.weekday() in reminder.weekdays:
            moment = dt.datetime.combine(day, reminder.time)
            if after < moment <= until:
                found.append(moment)
        day += dt.timedelta(days=1)
    return found


def next_due(settings: ReminderSettings, now: dt.datetime) -> tuple[dt.datetime, Reminder] | None:
    """The next reminder strictly after now, within the coming week."""
    if not settings.enabled:
        return None
    best = None
    for reminder in settings.reminders:
        if not reminder.enabled:
            continue
        upcoming = occurrences(reminder, now, now + dt.timedelta(days=8))
        if upcoming and (best is None or upcoming[0] < best[0]):
            best = (upcoming[0], reminder)
    return best


class ReminderScheduler:
    """Asks the clock what is due since it last looked; each occurrence is reported once.

    The UI calls due() from a timer (and after the computer wakes); tests drive it with a fake clock."""

    def __init__(self, settings: ReminderSettings, clock: Callable[[], dt.datetime]):
        self.settings = settings
        self.clock = clock
        self.last_checked = clock()

    def update(self, settings: ReminderSettings) -> None:
        self.settings = settings
        self.last_checked = self.clock()

    def due(self) -> list[Reminder]:
        now = self.clock()
        since, self.last_checked = self.last_checked, now
        if not self.settings.enabled or now <= since:
            return []
        since = max(since, now - GRACE)  # after a long sleep, skip stale reminders
        fired = []
        for reminder in self.settings.reminders:
            if reminder.enabled and occurrences(reminder, since, now):
                fired.append(reminder)   # several missed occurrences collapse into one
        return fired

    def seconds_until_next(self) -> float | None:
        upcoming = next_due(self.settings, self.clock())
        if upcoming is None:
            return None
        return max(0.0, (upcoming[0] - self.clock()).total_seconds())

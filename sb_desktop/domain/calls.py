"""Support calls with the physiotherapist: planned check-ins (after weeks 1, 3 and 6 unless the clinic sets
others) and what was agreed at each call. In the trial, short calls added accountability and validation; the
app keeps the plan, helps the person prepare, and remembers what was agreed until the next call."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sb_desktop.domain.entries import check_date_range, clean_note, now_iso, parse_date
from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _

DEFAULT_CALL_WEEKS = (1, 3, 6)
MAX_NAME = 80
MAX_AGREED = 2000
# A call held up to this many days before a planned check-in counts as that check-in.
EARLY_DAYS = 4


@dataclass(frozen=True)
class CallRecord:
    held_on: dt.date
    with_whom: str
    agreed: str
    notes: str = ""
    next_call: dt.date | None = None
    recorded_at: str = ""
    id: int | None = None


@dataclass(frozen=True)
class PlannedCall:
    week: int
    due: dt.date
    record: CallRecord | None = None

    @property
    def done(self) -> bool:
        return self.record is not None


def make_call(with_whom: str, agreed: str, *, held_on=None, notes: str = "", next_call=None) -> CallRecord:
    """Validate what was agreed at a call (from the window or the command line), or raise ValidationError."""
    name = (with_whom or "").strip()
    if not name or len(name) > MAX_NAME:
        raise ValidationError(_("Say who the call was with (1 to {n} characters).").format(n=MAX_NAME))
    what = clean_note(agreed)
    if not what.strip():
        raise ValidationError(_("Write down what you agreed, even in a few words."))
    if len(what) > MAX_AGREED:
        raise ValidationError(_("What you agreed can be at most {n} characters.").format(n=MAX_AGREED))
    held = parse_date(held_on)
    check_date_range(held)
    following = _future_date(next_call)
    if following is not None and not held <= following <= held + dt.timedelta(days=366):
        raise ValidationError(_("The next call ({next}) must be between this one ({held}) and a year after it.").format(
            next=following.isoformat(), held=held.isoformat()))
    return CallRecord(held, name, what, clean_note(notes), following, now_iso())


def call_weeks(clinic) -> tuple[int, ...]:
    """The weeks after the start when check-in calls are planned: the clinic's, else weeks 1, 3 and 6."""
    weeks = getattr(clinic, "support_call_weeks", None)
    return tuple(weeks) if weeks else DEFAULT_CALL_WEEKS


def support_plan(programme_start: dt.date | None, records: Sequence[CallRecord], clinic=None
                 ) -> list[PlannedCall]:
    """The one way the window, the prep sheet and the command line plan the calls."""
    return planned_calls(programme_start, records, call_weeks(clinic))


def _future_date(value) -> dt.date | None:
    """A date that may lie ahead (the next call), or None when not given."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(_("'{text}' is not a date; use YYYY-MM-DD.").format(text=value)) from None


def planned_calls(programme_start: dt.date | None, records: Sequence[CallRecord],
                  weeks: Sequence[int] = DEFAULT_CALL_WEEKS) -> list[PlannedCall]:
    """The planned check-ins, each matched to the first call held from a few days before it was due."""
    if programme_start is None:
        return []
    unused = sorted(records, key=lambda r: (r.held_on, r.id or 0))
    plan = []
    for week in sorted(set(weeks)):
        due = programme_start + dt.timedelta(weeks=week)
        match = next((r for r in unused if r.held_on >= due - dt.timedelta(days=EARLY_DAYS)), None)
        if match is not None:
            unused.remove(match)
        plan.append(PlannedCall(week, due, match))
    return plan


def next_call_date(plan: Sequence[PlannedCall], records: Sequence[CallRecord], today: dt.date) -> dt.date | None:
    """When the next call is: the date agreed at the last call if it is still ahead, else the next planned
    check-in not yet held."""
    latest = max(records, key=lambda r: (r.held_on, r.id or 0), default=None)
    if latest is not None and latest.next_call is not None and latest.next_call >= today:
        return latest.next_call
    upcoming = [p.due for p in plan if not p.done and p.due >= today - dt.timedelta(days=EARLY_DAYS)]
    return min(upcoming, default=None)


def calls_json(plan: Sequence[PlannedCall], records: Sequence[CallRecord]) -> list[dict]:
    """`calls list --json`: every planned check-in (held or not) and any other call recorded, by date."""
    def record_fields(record: CallRecord | None) -> dict:
        return {"with": record.with_whom if record else None, "agreed": record.agreed if record else None,
                "next": record.next_call.isoformat() if record and record.next_call else None,
                "held_on": record.held_on.isoformat() if record else None}

    planned_ids = {id(p.record) for p in plan if p.record is not None}
    items = [{"due": p.due.isoformat(), "week": p.week, "done": p.done, **record_fields(p.record)} for p in plan]
    items += [{"due": None, "week": None, "done": True, **record_fields(r)} for r in records
              if id(r) not in planned_ids]
    return sorted(items, key=lambda item: item["due"] or item["held_on"] or "")

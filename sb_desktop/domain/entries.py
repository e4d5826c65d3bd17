"""Pain and activity entries, and the validation every way in (window, CLI, import) goes through."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _

ACTIVITY_KINDS = ("walk", "exercise", "other")
MANUAL, SESSION = "manual", "session"
MAX_NOTE_LENGTH = 2000
MAX_MINUTES = 24 * 60
MAX_STEPS = 200_000
# Possible, but unusual enough in one entry that a slip of the keyboard is likelier: confirmed, never refused.
UNUSUAL_MINUTES = 5 * 60
# When a pain rating was taken: an ordinary rating of the day, or straight after a routine or a walk
# ("after_activity": short-term soreness, kept out of the day's pain in charts and insights).
DAY, AFTER_ACTIVITY = "day", "after_activity"
PAIN_CONTEXTS = (DAY, AFTER_ACTIVITY)


@dataclass(frozen=True)
class PainEntry:
    """One pain rating: 0 (no pain) to 10 (worst imaginable), on a local calendar date."""

    date: dt.date
    intensity: int
    time: dt.time | None = None
    note: str = ""
    source: str = MANUAL
    interference: int | None = None
    id: int | None = None
    recorded_at: str = ""
    import_key: str | None = field(default=None, compare=False)
    context: str = DAY

    entry = "pain"
    unit = "score"

    @property
    def value(self) -> int:
        return self.intensity

    @property
    def after_activity(self) -> bool:
        return self.context == AFTER_ACTIVITY


@dataclass(frozen=True)
class ActivityEntry:
    """One bout of activity: minutes of walking, exercise or anything else, with optional steps and effort."""

    date: dt.date
    minutes: int
    kind: str = "walk"
    time: dt.time | None = None
    steps: int | None = None
    effort: int | None = None
    note: str = ""
    source: str = MANUAL
    id: int | None = None
    recorded_at: str = ""
    import_key: str | None = field(default=None, compare=False)

    entry = "activity"
    unit = "min"

    @property
    def value(self) -> int:
        return self.minutes


Entry = PainEntry | ActivityEntry


def now_iso() -> str:
    """The current moment as ISO-8601 with the local UTC offset."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


EARLIEST_DATE = dt.date(1900, 1, 1)


def check_date_range(value: dt.date) -> dt.date:
    """The one rule for every date the journal stores, typed or imported: 1900-01-01 to tomorrow (a time
    zone ahead). Dates outside it (0001-01-01, 9999-12-31 in a damaged export) break charts and round trips."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < EARLIEST_DATE or day > dt.date.today() + dt.timedelta(days=1):
        raise ValidationError(_("{date} is outside the range the journal accepts (1900 to today).").format(date=day))
    return value


def date_in_range(value: dt.date) -> bool:
    try:
        check_date_range(value)
    except ValidationError:
        return False
    return True


def parse_date(text: str | dt.date | None, *, default_today: bool = True) -> dt.date:
    if isinstance(text, dt.date):
        return text  # typed or stored dates as objects: importers check theirs with check_date_range
    if text is None or str(text).strip() == "":
        if default_today:
            return dt.date.today()
        raise ValidationError(_("A date is needed (YYYY-MM-DD)."))
    try:
        value = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError(_("'{text}' is not a date; use YYYY-MM-DD.").format(text=text)) from None
    return check_date_range(value)


def parse_time(text: str | dt.time | None) -> dt.time | None:
    if isinstance(text, dt.time) or text is None:
        return text.replace(second=0, microsecond=0, tzinfo=None) if isinstance(text, dt.time) else None
    text = str(text).strip()
    if not text:
        return None
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        raise ValidationError(_("'{text}' is not a time; use HH:MM (24-hour).").format(text=text)) from None
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _required_number(value, label: str, low: int, high: int) -> int:
    """A whole number that must be given (the check raises for a missing one)."""
    number = _whole_number(value, label, low, high)
    if number is None:  # pragma: no cover - _whole_number raises first
        raise ValidationError(_("{label} is needed.").format(label=label))
    return number


def _whole_number(value, label: str, low: int, high: int, *, optional: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if optional:
            return None
        raise ValidationError(_("{label} is needed.").format(label=label))
    if isinstance(value, bool):
        raise ValidationError(_("{label} must be a whole number.").format(label=label))
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(_("{label} must be a whole number, not {value}.").format(label=label, value=value))
        value = int(value)
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise ValidationError(
                _("{label} must be a whole number, not '{value}'.").format(label=label, value=value)
            ) from None
    if not low <= value <= high:
        raise ValidationError(
            _("{label} must be between {low} and {high}; {value} is out of range.").format(
                label=label, low=low, high=high, value=value
            )
        )
    return value


def clean_note(note: str | None) -> str:
    note = (note or "").strip()
    if "\x00" in note:
        raise ValidationError(_("The note contains a NUL character, which cannot be stored."))
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationError(
            _("The note is {n} characters long; the most a note can hold is {max}.").format(
                n=len(note), max=MAX_NOTE_LENGTH
            )
        )
    return note


def clean_source(source: str | None) -> str:
    source = (source or MANUAL).strip()
    if source in (MANUAL, SESSION) or (source.startswith("import:") and len(source) > 7):
        return source
    raise ValidationError(
        _("Source '{source}' is not known; use manual, session or import:<format>.").format(source=source)
    )


def clean_context(context: str | None) -> str:
    context = (context or DAY).strip().lower()
    if context not in PAIN_CONTEXTS:
        raise ValidationError(_("Pain context '{context}' is not known; use day or after_activity.").format(
            context=context))
    return context


def make_pain(intensity, *, date=None, time=None, note=None, source=None, interference=None,
              id=None, recorded_at=None, import_key=None, context=None) -> PainEntry:
    """Validate raw values (from a form, the CLI or a file) into a PainEntry, or raise ValidationError."""
    return PainEntry(
        date=parse_date(date),
        intensity=_required_number(intensity, _("Pain"), 0, 10),
        time=parse_time(time),
        note=clean_note(note),
        source=clean_source(source),
        interference=_whole_number(interference, _("Interference"), 0, 10, optional=True),
        id=id,
        recorded_at=recorded_at or now_iso(),
        import_key=import_key,
        context=clean_context(context),
    )


def make_activity(minutes, *, kind="walk", date=None, time=None, steps=None, effort=None, note=None,
                  source=None, id=None, recorded_at=None, import_key=None) -> ActivityEntry:
    """Validate raw values into an ActivityEntry, or raise ValidationError."""
    kind = (kind or "").strip().lower()
    if kind not in ACTIVITY_KINDS:
        raise ValidationError(
            _("Activity kind '{kind}' is not known; choose walk, exercise or other.").format(kind=kind)
        )
    return ActivityEntry(
        date=parse_date(date),
        minutes=_required_number(minutes, _("Minutes"), 0, MAX_MINUTES),
        kind=kind,
        time=parse_time(time),
        steps=_whole_number(steps, _("Steps"), 0, MAX_STEPS, optional=True),
        effort=_whole_number(effort, _("Effort"), 0, 10, optional=True),
        note=clean_note(note),
        source=clean_source(source),
        id=id,
        recorded_at=recorded_at or now_iso(),
        import_key=import_key,
    )


def sort_key(entry: Entry):
    """Newest first: by date, then time (entries without a time after timed ones of that day), then id."""
    return (entry.date, entry.time or dt.time.max, entry.id or 0)


def describe(entry: Entry) -> str:
    """A short, plain description used in confirmations and the journal."""
    if isinstance(entry, PainEntry):
        if entry.after_activity:
            return _("Soreness after activity {n}/10").format(n=entry.intensity)
        return _("Pain {n}/10").format(n=entry.intensity)
    label = {"walk": _("Walk"), "exercise": _("Exercise"), "other": _("Activity")}[entry.kind]
    text = _("{label}, {n} min").format(label=label, n=entry.minutes)
    if entry.steps is not None:
        text += _(", {steps} steps").format(steps=f"{entry.steps:,}")
    if entry.effort is not None:
        text += _(", effort {n}/10").format(n=entry.effort)
    return text


def unusual_activity(entry: ActivityEntry) -> str | None:
    """A question to confirm before saving an activity that is possible but unusual, else None."""
    if entry.minutes > UNUSUAL_MINUTES:
        return _("{minutes} minutes is more than {hours} hours of activity in one entry. Is that right?").format(
            minutes=entry.minutes, hours=UNUSUAL_MINUTES // 60)
    return None

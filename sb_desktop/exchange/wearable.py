"""What every step importer shares: per-day step totals by source, choosing one source a day, and writing
the result to the journal in one transaction so a day's steps are never counted twice."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sb_desktop.domain.entries import MAX_STEPS, ActivityEntry, Entry, check_date_range, make_activity
from sb_desktop.domain.errors import UserError, ValidationError
from sb_desktop.i18n import _

# Every wearable format writes a day's steps under the same key, so an Apple Health import and a
# Google Fit import of the same day replace each other instead of adding up.
STEPS_KEY_PREFIX = "steps:"

Progress = Callable[[int, int], None]      # (done, total) in whatever unit the importer reads (bytes)
IsCancelled = Callable[[], bool]


class ImportFileError(UserError):
    """The file cannot be imported; nothing was changed."""


class ImportCancelled(UserError):
    """The person cancelled; nothing was changed."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("Import cancelled; nothing was changed."))


def steps_key(day: dt.date) -> str:
    return STEPS_KEY_PREFIX + day.isoformat()


def hashed_key(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{prefix}:{digest}"


@dataclass
class ParsedImport:
    """Everything read from one file, before anything is written.

    steps_by_day[date][source] is that source's total for the date. `other_entries` are ready-made
    entries (walking workouts). The entries to write depend on the preferred source, so the person can
    change their choice without reading the file again.
    """

    format: str
    steps_by_day: dict[dt.date, dict[str, int]] = field(default_factory=dict)
    other_entries: list[Entry] = field(default_factory=list)
    records_read: int = 0
    records_skipped: int = 0

    @property
    def source_name(self) -> str:
        return "import:" + self.format

    def sources(self) -> dict[str, int]:
        """Each step source and the number of days it reported, most days first."""
        counts: dict[str, int] = {}
        for per_source in self.steps_by_day.values():
            for source in per_source:
                counts[source] = counts.get(source, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def daily_steps(self, preferred_source: str | None = None) -> dict[dt.date, tuple[str, int]]:
        return choose_daily_steps(self.steps_by_day, preferred_source)

    def entries(self, preferred_source: str | None = None) -> list[Entry]:
        """The entries this import would add: one steps-only walk entry per day, then the workouts."""
        if preferred_source and self.steps_by_day and preferred_source not in self.sources():
            raise ImportFileError(
                _("No steps in this file come from '{source}'. Sources found: {sources}.").format(
                    source=preferred_source, sources=", ".join(self.sources()) or _("none")))
        chosen = self.daily_steps(preferred_source)
        entries: list[Entry] = []
        for day in sorted(chosen):
            source, steps = chosen[day]
            if steps > MAX_STEPS:
                raise ImportFileError(
                    _("{source} reports {steps} steps on {date}, more than the {max} a day the journal accepts; "
                      "nothing was imported.").format(source=source, steps=f"{steps:,}", date=day,
                                                     max=f"{MAX_STEPS:,}"))
            try:
                check_date_range(day)  # every step importer, whatever it parsed: the journal's one date rule
                entries.append(make_activity(0, kind="walk", date=day, steps=steps, source=self.source_name,
                                             note=_("Daily steps from {source}").format(source=source)[:200],
                                             import_key=steps_key(day)))
            except ValidationError as error:
                raise ImportFileError(_("Steps on {date}: {problem} Nothing was imported.").format(
                    date=day, problem=error)) from None
        return entries + list(self.other_entries)


def choose_daily_steps(steps_by_day: dict[dt.date, dict[str, int]],
                       preferred_source: str | None = None) -> dict[dt.date, tuple[str, int]]:
    """One (source, steps) per date.

    A phone and a watch both count the same walk, so adding sources up would double count. By default
    the source with the most steps that day counts (ties go to the alphabetically first name so the
    result never depends on file order). With a preferred source, that source counts on every day it
    reported anything; other days fall back to the most steps.
    """
    chosen: dict[dt.date, tuple[str, int]] = {}
    for day, per_source in steps_by_day.items():
        if not per_source:
            continue
        if preferred_source is not None and preferred_source in per_source:
            chosen[day] = (preferred_source, per_source[preferred_source])
        else:
            source = min(per_source, key=lambda s: (-per_source[s], s))
            chosen[day] = (source, per_source[source])
    return chosen


@dataclass(frozen=True)
class ImportOutcome:
    added: int
    updated: int
    unchanged: int

    def message(self, path) -> str:
        text = _("Imported {n} entries from {path}.").format(n=self.added, path=path)
        if self.updated:
            text += " " + _("{n} days had a different step total in this file and were updated.").format(n=self.updated)
        if self.unchanged:
            text += " " + _("{n} were already in the journal and were skipped.").format(n=self.unchanged)
        return text


def write_import(journal, entries: list[Entry]) -> ImportOutcome:
    """Write an import in one transaction: all of it or nothing.

    Entries whose import_key is already in the journal are skipped, except a day's imported step total:
    when the file gives a different total for a day already imported (a later export covers more of
    that day, or the person chose another source), the newer file wins and the existing entry is
    updated in place, so the day still has exactly one imported step total.
    """
    step_entries = [e for e in entries if (e.import_key or "").startswith(STEPS_KEY_PREFIX)]
    existing: dict[str, ActivityEntry] = {}
    if step_entries:
        first = min(e.date for e in step_entries)
        last = max(e.date for e in step_entries)
        for entry in journal.entries(first, last, kind="activity"):
            if (entry.import_key or "").startswith(STEPS_KEY_PREFIX):
                existing[entry.import_key] = entry
    to_update = []
    unchanged = 0
    fresh = []
    for entry in entries:
        old = existing.get(entry.import_key or "")
        if old is None:
            fresh.append(entry)
        elif old.steps == entry.steps:
            unchanged += 1
        else:
            to_update.append(replace(old, steps=entry.steps, note=entry.note, source=entry.source))
    added, skipped = journal.merge(to_update, fresh)
    return ImportOutcome(added=added, updated=len(to_update), unchanged=unchanged + skipped)


def check_cancel(cancelled: IsCancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled()


MAX_CSV_BYTES = 64 * 1024 * 1024


def read_csv_rows(path, *, progress: Progress | None = None, cancelled: IsCancelled | None = None,
                  max_bytes: int | None = None) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every non-blank row of a small CSV file, decoded like the app's own CSV
    (UTF-8 with or without BOM, or UTF-16 with BOM; NUL bytes refused)."""
    import csv
    import io
    from pathlib import Path

    from sb_desktop.exchange.csv_format import decode_text

    path = Path(path)
    max_bytes = max_bytes or MAX_CSV_BYTES
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportFileError(_("{path} is {mb} MB; the most this import accepts is {max} MB.").format(
                path=path.name, mb=size // 2**20, max=max_bytes // 2**20))
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(_("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror)) from None
    check_cancel(cancelled)
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as error:
        raise ImportFileError(_("Line {line} of {path} is not valid CSV ({reason}); nothing was imported.").format(
            line=reader.line_num, path=path.name, reason=error)) from None
    if progress is not None:
        progress(size, size)
    return rows


def parse_step_count(text: str, line: int, path_name: str) -> int | None:
    """A step count cell: blank means no data; whole numbers (or x.0) only."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value >= 0 and value == value and value < 1e7 and float(value).is_integer()):
        raise ImportFileError(_("Line {line} of {path}: '{value}' is not a number of steps; nothing was imported.").format(
            line=line, path=path_name, value=text[:40]))
    return int(value)


def parse_day(text: str, line: int, path_name: str) -> dt.date:
    from sb_desktop.domain.entries import parse_date
    from sb_desktop.domain.errors import ValidationError
    try:
        return parse_date(text.strip(), default_today=False)
    except ValidationError as error:
        raise ImportFileError(_("Line {line} of {path}: {problem} Nothing was imported.").format(
            line=line, path=path_name, problem=error)) from None

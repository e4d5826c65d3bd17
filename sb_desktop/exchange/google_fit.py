"""Google Fit's "Daily activity metrics" CSV from Google Takeout: the step count for each day.

Only the date and step count columns are read. The file also holds location columns (latitude and
longitude ranges); they are never read into memory beyond the CSV row, and never stored.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sb_desktop.domain.entries import check_date_range
from sb_desktop.domain.errors import ValidationError
from sb_desktop.exchange.wearable import (
    ImportFileError,
    IsCancelled,
    ParsedImport,
    Progress,
    parse_day,
    parse_step_count,
    read_csv_rows,
)
from sb_desktop.i18n import _

FORMAT = "google-fit"
DATE_COLUMN = "date"
STEPS_COLUMN = "step count"
SOURCE = "Google Fit"


def looks_like_google_fit(header: list[str]) -> bool:
    names = [c.strip().lower() for c in header]
    return STEPS_COLUMN in names and (DATE_COLUMN in names or "start time" in names)


def read_google_fit(path: Path, *, progress: Progress | None = None, cancelled: IsCancelled | None = None) -> ParsedImport:
    path = Path(path)
    rows = read_csv_rows(path, progress=progress, cancelled=cancelled)
    if not rows:
        raise ImportFileError(_("{path} is empty.").format(path=path.name))
    _line, header = rows[0]
    names = [c.strip().lower() for c in header]
    if not looks_like_google_fit(header):
        raise ImportFileError(_("{path} is not a Google Fit daily activity file: it needs 'Date' and 'Step count' "
                                "columns.").format(path=path.name))
    steps_at = names.index(STEPS_COLUMN)
    parsed = ParsedImport(format=FORMAT)
    if DATE_COLUMN in names:
        date_at = names.index(DATE_COLUMN)
        for line, row in rows[1:]:
            if len(row) != len(header):
                raise ImportFileError(_("Line {line} of {path}: expected {n} columns, found {m}; nothing was imported.").format(
                    line=line, path=path.name, n=len(header), m=len(row)))
            day = parse_day(row[date_at], line, path.name)
            steps = parse_step_count(row[steps_at], line, path.name)
            parsed.records_read += 1
            if steps is None:
                parsed.records_skipped += 1
                continue
            if day in parsed.steps_by_day:
                raise ImportFileError(_("Line {line} of {path}: {date} appears twice. Nothing was imported.").format(
                    line=line, path=path.name, date=day))
            parsed.steps_by_day[day] = {SOURCE: steps}
        return parsed
    # A one-day file (YYYY-MM-DD.csv) in 15-minute rows: the day comes from the file name.
    try:
        day = dt.date.fromisoformat(path.stem)
    except ValueError:
        raise ImportFileError(_("{path} has times but no dates; Google Fit names such files by their date "
                                "(YYYY-MM-DD.csv). Import 'Daily activity metrics.csv' instead.").format(
            path=path.name)) from None
    try:
        check_date_range(day)
    except ValidationError as error:
        raise ImportFileError(_("{path}: {problem} Nothing was imported.").format(
            path=path.name, problem=error)) from None
    total = 0
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise ImportFileError(_("Line {line} of {path}: expected {n} columns, found {m}; nothing was imported.").format(
                line=line, path=path.name, n=len(header), m=len(row)))
        parsed.records_read += 1
        total += parse_step_count(row[steps_at], line, path.name) or 0
    if total:
        parsed.steps_by_day[parse_day(day.isoformat(), 1, path.name)] = {SOURCE: total}
    return parsed

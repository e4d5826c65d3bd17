"""A plain two-column CSV of daily steps: `date,steps` (a header line is optional)."""
from __future__ import annotations

from pathlib import Path

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

FORMAT = "steps-csv"


def looks_like_steps_csv(first_row: list[str]) -> bool:
    cells = [c.strip().lower() for c in first_row]
    if len(cells) != 2:
        return False
    if cells[0] == "date" and cells[1] in ("steps", "step count", "step_count"):
        return True
    return len(cells[0]) == 10 and cells[0][4] == "-" and cells[1].replace(".", "", 1).isdigit()


def read_steps_csv(path: Path, *, progress: Progress | None = None, cancelled: IsCancelled | None = None) -> ParsedImport:
    path = Path(path)
    rows = read_csv_rows(path, progress=progress, cancelled=cancelled)
    if not rows:
        raise ImportFileError(_("{path} is empty.").format(path=path.name))
    first_line, first = rows[0]
    if [c.strip().lower() for c in first][:1] == ["date"]:
        if not looks_like_steps_csv(first):
            raise ImportFileError(_("{path} must have two columns, date and steps; its header is {header}.").format(
                path=path.name, header=",".join(first)[:120]))
        rows = rows[1:]
    parsed = ParsedImport(format=FORMAT)
    label = _("steps file")
    for line, row in rows:
        if len(row) != 2:
            raise ImportFileError(_("Line {line} of {path}: expected 2 columns (date,steps), found {n}; "
                                    "nothing was imported.").format(line=line, path=path.name, n=len(row)))
        day = parse_day(row[0], line, path.name)
        steps = parse_step_count(row[1], line, path.name)
        parsed.records_read += 1
        if steps is None:
            parsed.records_skipped += 1
            continue
        if day in parsed.steps_by_day:
            raise ImportFileError(_("Line {line} of {path}: {date} appears twice; give one total a day. "
                                    "Nothing was imported.").format(line=line, path=path.name, date=day))
        parsed.steps_by_day[day] = {label: steps}
    return parsed

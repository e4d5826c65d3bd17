"""The app's own CSV: one row per entry, safe to open in a spreadsheet, and lossless on the way back."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sb_desktop.domain.entries import AFTER_ACTIVITY, DAY, Entry, PainEntry, make_activity, make_pain
from sb_desktop.domain.errors import UserError, ValidationError
from sb_desktop.i18n import _

HEADER = ["date", "time", "entry", "value", "unit", "activity_kind", "steps", "effort", "note", "source"]
# The header is fixed (other tools read it), so a pain rating taken straight after activity says so in
# the activity_kind column, which a pain row otherwise leaves empty: "after_activity" there, empty for a
# rating of the day. Older versions of the app ignore that column for pain rows and read it as day pain.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = 10_000
MAX_ERRORS_SHOWN = 20

# A spreadsheet runs a cell starting with one of these as a formula (OWASP CSV injection).
# Any run of apostrophes before them is escaped too, so the mapping stays reversible.
_NEEDS_GUARD = re.compile(r"^'*[=+\-@\t\r\x00]")


def neutralise(text: str) -> str:
    return "'" + text if _NEEDS_GUARD.match(text) else text


def restore(text: str) -> str:
    return text[1:] if text.startswith("'") and _NEEDS_GUARD.match(text[1:]) else text


class CsvImportError(UserError):
    def __init__(self, message: str, problems: list[tuple[int, str]] | None = None):
        super().__init__(message)
        self.problems = problems or []


def entry_to_csv_row(entry: Entry) -> list[str]:
    is_pain = isinstance(entry, PainEntry)
    return [
        entry.date.isoformat(),
        entry.time.strftime("%H:%M") if entry.time else "",
        entry.entry,
        str(entry.value),
        entry.unit,
        (AFTER_ACTIVITY if entry.after_activity else "") if is_pain else entry.kind,
        "" if is_pain or entry.steps is None else str(entry.steps),
        "" if is_pain or entry.effort is None else str(entry.effort),
        neutralise(entry.note),
        entry.source,
    ]


def export_csv_text(entries: Iterable[Entry]) -> str:
    """Entries oldest first, so export -> import -> export gives the identical file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for entry in sorted(entries, key=lambda e: (e.date, e.time is None, e.time or 0, e.id or 0)):
        writer.writerow(entry_to_csv_row(entry))
    return out.getvalue()


def read_csv_file(path: Path) -> list[Entry]:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise CsvImportError(_("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror)) from None
    if size > MAX_FILE_BYTES:
        raise CsvImportError(_("{path} is {mb} MB; the most this import accepts is {max} MB.").format(
            path=path, mb=size // 2**20, max=MAX_FILE_BYTES // 2**20))
    return parse_csv_bytes(path.read_bytes())


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse NUL bytes and other encodings clearly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvImportError(_("The file says it is UTF-16 but its bytes are not valid UTF-16.")) from None
    if b"\x00" in data:
        raise CsvImportError(_("The file contains NUL bytes; it is not a text CSV file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvImportError(
            _("Line {line} is not valid UTF-8 text; save the file as UTF-8 CSV and try again.").format(line=line)
        ) from None


def parse_csv_bytes(data: bytes) -> list[Entry]:
    """Parse the whole file; any bad row refuses the whole file with line numbers and reasons."""
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise CsvImportError(_("The file is not valid CSV: {reason}.").format(reason=error)) from None
    if header is None:
        raise CsvImportError(_("The file is empty."))
    if [h.strip() for h in header] != HEADER:
        raise CsvImportError(
            _("The first line must be the header {expected}; found {found}.").format(
                expected=",".join(HEADER), found=",".join(header)[:200])
        )
    entries: list[Entry] = []
    problems: list[tuple[int, str]] = []
    seen: Counter[str] = Counter()
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append((reader.line_num, str(error)))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        try:
            entry = _row_to_entry(row)
        except ValidationError as error:
            problems.append((line, str(error)))
            continue
        fingerprint = "\x1f".join(row)
        seen[fingerprint] += 1
        key = hashlib.sha256(f"{fingerprint}\x1e{seen[fingerprint]}".encode()).hexdigest()[:32]
        entries.append(_with_import_key(entry, "csv:" + key))
    if problems:
        shown = "; ".join(_("line {line}: {reason}").format(line=line, reason=reason)
                          for line, reason in problems[:MAX_ERRORS_SHOWN])
        more = len(problems) - MAX_ERRORS_SHOWN
        if more > 0:
            shown += _("; and {n} more").format(n=more)
        raise CsvImportError(_("Nothing was imported: {n} bad row(s): {detail}").format(n=len(problems), detail=shown),
                             problems)
    return entries


def _row_to_entry(row: list[str]) -> Entry:
    if len(row) != len(HEADER):
        raise ValidationError(_("expected {n} columns, found {m}").format(n=len(HEADER), m=len(row)))
    if any(len(cell) > MAX_FIELD_CHARS for cell in row):
        raise ValidationError(_("a cell is longer than {n} characters").format(n=MAX_FIELD_CHARS))
    cells = dict(zip(HEADER, (c.strip() if name != "note" else c for name, c in zip(HEADER, row))))
    note = restore(cells["note"])
    if not cells["date"]:
        raise ValidationError(_("the date is missing"))
    entry_type, unit = cells["entry"].lower(), cells["unit"].lower()
    if entry_type == "pain":
        if unit != "score":
            raise ValidationError(_("a pain entry's unit must be 'score', not '{unit}'").format(unit=cells["unit"]))
        context = cells["activity_kind"].lower()
        if context not in ("", AFTER_ACTIVITY):
            raise ValidationError(_("a pain entry's activity_kind must be empty or 'after_activity', not '{kind}'").format(
                kind=cells["activity_kind"]))
        return make_pain(cells["value"], date=cells["date"], time=cells["time"], note=note,
                         source=cells["source"] or None, context=context or DAY)
    if entry_type == "activity":
        if unit != "min":
            raise ValidationError(_("an activity entry's unit must be 'min', not '{unit}'").format(unit=cells["unit"]))
        return make_activity(cells["value"], kind=cells["activity_kind"], date=cells["date"],
                             time=cells["time"], steps=cells["steps"], effort=cells["effort"], note=note,
                             source=cells["source"] or None)
    raise ValidationError(_("entry must be 'pain' or 'activity', not '{entry}'").format(entry=cells["entry"]))


def _with_import_key(entry: Entry, key: str) -> Entry:
    return replace(entry, import_key=key)

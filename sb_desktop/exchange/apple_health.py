"""Apple Health export (export.xml, or the export.zip the phone makes): daily steps and walking workouts.

The file is streamed through expat in chunks and never held whole: real exports reach gigabytes.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.parsers import expat

from sb_desktop.domain.entries import MAX_MINUTES, check_date_range, make_activity
from sb_desktop.domain.errors import ValidationError
from sb_desktop.exchange.wearable import (
    ImportFileError,
    IsCancelled,
    ParsedImport,
    Progress,
    check_cancel,
    hashed_key,
)
from sb_desktop.i18n import _

FORMAT = "apple-health"
STEP_TYPE = "HKQuantityTypeIdentifierStepCount"
WALKING_WORKOUT = "HKWorkoutActivityTypeWalking"
CHUNK_BYTES = 1 << 20
# Far beyond any real export; only a zip bomb or a damaged header claims more.
MAX_UNCOMPRESSED_BYTES = 64 * 2**30
# The most bytes between two '>' (one tag with its attributes, or one text node). Real records are a few
# hundred bytes. expat 2.5 re-scans an unfinished token from its start each time a chunk arrives, so one
# 2 GB attribute would cost time quadratic in its size and memory to match; refusing past this bound keeps
# the work linear and the memory bounded whatever the file holds.
MAX_TOKEN_BYTES = 4 * 2**20
_DURATION_UNITS = {"min": 1.0, "s": 1 / 60, "sec": 1 / 60, "h": 60.0, "hr": 60.0}


def open_export(path: Path):
    """(binary stream, size in bytes) of export.xml, directly or inside the zip the phone produces."""
    path = Path(path)
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as error:
        raise ImportFileError(_("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror)) from None
    if not is_zip:
        with open(path, "rb") as probe:
            if probe.read(4) == b"PK\x03\x04":
                raise ImportFileError(_("{path} is a damaged or incomplete zip file; nothing was imported.").format(path=path))
        return open(path, "rb"), path.stat().st_size
    try:
        archive = zipfile.ZipFile(path)
        members = [m for m in archive.infolist() if Path(m.filename).name == "export.xml" and not m.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ImportFileError(_("{path} is a damaged zip file ({reason}); nothing was imported.").format(
            path=path, reason=error)) from None
    if not members:
        archive.close()
        raise ImportFileError(_("{path} is a zip file without export.xml inside; it is not an Apple Health export.").format(
            path=path))
    member = min(members, key=lambda m: m.filename.count("/"))
    if member.file_size > MAX_UNCOMPRESSED_BYTES:
        archive.close()
        raise ImportFileError(_("export.xml in {path} claims to be {gb} GB, more than this import accepts.").format(
            path=path, gb=member.file_size // 2**30))
    try:
        stream = archive.open(member)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as error:
        archive.close()
        raise ImportFileError(_("export.xml in {path} cannot be unpacked ({reason}).").format(path=path, reason=error)) from None
    return _ClosingStream(stream, archive), member.file_size


class _ClosingStream:
    def __init__(self, stream, archive):
        self.stream, self.archive = stream, archive

    def read(self, n: int) -> bytes:
        return self.stream.read(n)

    def close(self) -> None:
        self.stream.close()
        self.archive.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_apple_health(path: Path, *, progress: Progress | None = None, cancelled: IsCancelled | None = None,
                      chunk_bytes: int = CHUNK_BYTES) -> ParsedImport:
    """Read step counts and walking workouts; every other record type is skipped.

    A step record counts on the calendar date of its start time in its own UTC offset (the date the
    phone showed when the steps were taken), whichever time zone this computer is in now.
    """
    stream, total = open_export(path)
    with stream:
        return _parse(stream, total, Path(path), progress, cancelled, chunk_bytes)


def _parse(stream, total, path, progress, cancelled, chunk_bytes) -> ParsedImport:
    parsed = ParsedImport(format=FORMAT)
    totals: dict[tuple[str, str], float] = {}
    days: dict[str, dt.date] = {}
    workouts: list[tuple[dict, int]] = []
    skipped = 0
    records = 0
    seen_root = False
    parser = expat.ParserCreate()

    def fail(message: str):
        raise ImportFileError(_("Line {line} of {path}: {problem} Nothing was imported.").format(
            line=parser.CurrentLineNumber, path=path.name, problem=message))

    def day_of(stamp: str) -> str:
        # Apple writes "2017-01-22 18:57:52 +0200"; the date part is already the local date there.
        if len(stamp) != 25 or stamp[19] != " " or stamp[20] not in "+-" or not stamp[21:].isdigit():
            return _slow_day(stamp)
        day_text = stamp[:10]
        if day_text not in days:
            try:
                day = dt.date.fromisoformat(day_text)
                dt.time.fromisoformat(stamp[11:19])
            except ValueError:
                fail(_("'{stamp}' is not a date and time.").format(stamp=stamp))
            days[day_text] = checked(day)
        return day_text

    def checked(day: dt.date) -> dt.date:
        try:
            return check_date_range(day)
        except ValidationError as error:
            fail(str(error))

    def _slow_day(stamp: str) -> str:
        try:
            moment = dt.datetime.fromisoformat(stamp.strip().replace(" +", "+").replace(" -", "-"))
        except ValueError:
            fail(_("'{stamp}' is not a date and time.").format(stamp=stamp))
        if moment.tzinfo is None:
            fail(_("the time '{stamp}' has no UTC offset, so its date is uncertain.").format(stamp=stamp))
        day_text = moment.date().isoformat()
        if day_text not in days:
            days[day_text] = checked(moment.date())
        return day_text

    def start_element(name, attrs):
        nonlocal skipped, records, seen_root
        if name == "Record":
            records += 1
            if attrs.get("type") != STEP_TYPE:
                skipped += 1
                return
            try:
                value = float(attrs["value"])
                start = attrs["startDate"]
                source = attrs["sourceName"]
            except KeyError as error:
                fail(_("a step record has no {attribute}.").format(attribute=error.args[0]))
            except ValueError:
                fail(_("the step count '{value}' is not a number.").format(value=attrs.get("value")))
            if not 0 <= value < 1e7:   # also refuses NaN
                fail(_("the step count '{value}' is not a count of steps.").format(value=attrs.get("value")))
            key = (day_of(start), source)
            totals[key] = totals.get(key, 0.0) + value
        elif name == "Workout":
            records += 1
            if attrs.get("workoutActivityType") != WALKING_WORKOUT:
                skipped += 1
                return
            workouts.append((attrs, parser.CurrentLineNumber))
        elif not seen_root:
            if name != "HealthData":
                fail(_("this is XML but not an Apple Health export (it starts with <{name}>).").format(name=name))
            seen_root = True

    def refuse_entities(*_args):
        fail(_("the file declares XML entities, which Apple Health exports never do."))

    parser.StartElementHandler = start_element
    parser.EntityDeclHandler = refuse_entities
    done = 0
    since_close = 0  # bytes since the last '>': the length of the token expat is still holding
    try:
        while True:
            check_cancel(cancelled)
            chunk = stream.read(chunk_bytes)
            if not chunk:
                break
            last_close = chunk.rfind(b">")
            since_close = since_close + len(chunk) if last_close < 0 else len(chunk) - last_close - 1
            if since_close > MAX_TOKEN_BYTES:
                raise ImportFileError(_(
                    "{path} holds a single record or value of more than {mb} MB (near byte {offset:,}); real "
                    "Apple Health records are a few hundred bytes, so this is not a usable export. Nothing was "
                    "imported.").format(path=path.name, mb=MAX_TOKEN_BYTES // 2**20, offset=done))
            done += len(chunk)
            parser.Parse(chunk, False)
            if progress is not None:
                progress(done, max(total, done))
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        code = expat.errors.messages.get(error.code, "")
        if code == expat.errors.XML_ERROR_NO_ELEMENTS or (seen_root and code in (
                expat.errors.XML_ERROR_UNCLOSED_TOKEN, expat.errors.XML_ERROR_PARTIAL_CHAR)):
            raise ImportFileError(_("{path} ends early (line {line}); the export looks truncated. "
                                    "Nothing was imported.").format(path=path.name, line=error.lineno)) from None
        raise ImportFileError(_("{path} is not a readable Apple Health export: {reason}. Nothing was imported.").format(
            path=path.name, reason=expat.errors.messages.get(error.code, str(error)) + f" (line {error.lineno})")) from None
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise ImportFileError(_("{path} could not be read to the end ({reason}); nothing was imported.").format(
            path=path.name, reason=error)) from None
    if not seen_root:
        raise ImportFileError(_("{path} is not an Apple Health export.").format(path=path.name))

    for (day_text, source), value in totals.items():
        parsed.steps_by_day.setdefault(days[day_text], {})[source] = int(round(value))
    parsed.other_entries = [e for e in (_workout_entry(a, line, path) for a, line in workouts) if e is not None]
    parsed.records_skipped = skipped + (len(workouts) - len(parsed.other_entries))
    parsed.records_read = records
    return parsed


def _workout_entry(attrs: dict, line: int, path: Path):
    start = attrs.get("startDate", "")
    try:
        moment = dt.datetime.fromisoformat(start.strip().replace(" +", "+").replace(" -", "-"))
    except ValueError:
        raise ImportFileError(_("Line {line} of {path}: '{stamp}' is not a date and time. Nothing was imported.").format(
            line=line, path=path.name, stamp=start)) from None
    if moment.tzinfo is None:
        raise ImportFileError(_("Line {line} of {path}: the time '{stamp}' has no UTC offset. Nothing was imported.").format(
            line=line, path=path.name, stamp=start))
    minutes = _workout_minutes(attrs, moment)
    if minutes is None or not 1 <= minutes <= MAX_MINUTES:
        return None   # a zero-length or impossible workout: skipped and counted, not fatal
    source = attrs.get("sourceName", "")
    try:
        check_date_range(moment.date())
        return make_activity(minutes, kind="walk", date=moment.date(), time=moment.time(), source="import:" + FORMAT,
                             note=_("Walking workout from {source}").format(source=source)[:200],
                             import_key=hashed_key(FORMAT + ":workout", source, start, attrs.get("endDate", "")))
    except ValidationError as error:
        raise ImportFileError(_("Line {line} of {path}: {problem} Nothing was imported.").format(
            line=line, path=path.name, problem=error)) from None


def _workout_minutes(attrs: dict, start: dt.datetime) -> int | None:
    try:
        if attrs.get("duration"):
            factor = _DURATION_UNITS.get(attrs.get("durationUnit", "min"))
            if factor is None:
                return None
            return round(float(attrs["duration"]) * factor)
        end = dt.datetime.fromisoformat(attrs.get("endDate", "").strip().replace(" +", "+").replace(" -", "-"))
        return round((end - start).total_seconds() / 60)
    except (ValueError, TypeError, OverflowError):
        return None

"""Recognise an import file's format from its first bytes, and read it with the right importer."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from sb_desktop.exchange.wearable import ImportFileError, IsCancelled, ParsedImport, Progress, check_cancel
from sb_desktop.i18n import _

# Format names as the command line and the Import dialog use them.
IMPORT_FORMATS = ["csv", "apple-health", "google-fit", "steps-csv"]
_HEAD_BYTES = 64 * 1024


def format_label(name: str) -> str:
    return {
        "csv": _("SupportBack CSV"),
        "apple-health": _("Apple Health export (export.zip or export.xml)"),
        "google-fit": _("Google Fit daily activity metrics (CSV)"),
        "steps-csv": _("Daily steps CSV (date,steps)"),
    }[name]


def detect_format(path: Path) -> str:
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except IsADirectoryError:
        raise ImportFileError(_("{path} is a folder; choose a file.").format(path=path)) from None
    except OSError as error:
        raise ImportFileError(_("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror)) from None
    if not head.strip():
        raise ImportFileError(_("{path} is empty.").format(path=path.name))
    if head.startswith(b"PK"):
        return "apple-health"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8-sig", errors="replace")
    text = text.lstrip()
    if text.startswith("<"):
        if "<HealthData" in text or "HealthKit Export" in text:
            return "apple-health"
        raise ImportFileError(_("{path} is an XML file but not an Apple Health export.").format(path=path.name))
    first_line = text.splitlines()[0] if text.splitlines() else ""
    try:
        first = next(csv.reader(io.StringIO(first_line)), [])
    except csv.Error:
        first = []
    from sb_desktop.exchange import csv_format, google_fit, steps_csv
    if [c.strip() for c in first] == csv_format.HEADER:
        return "csv"
    if google_fit.looks_like_google_fit(first):
        return "google-fit"
    if steps_csv.looks_like_steps_csv(first):
        return "steps-csv"
    # Anything else is read as the app's own CSV, whose reader explains exactly what is wrong
    # (header, encoding, NUL bytes) the way `import FILE` always has.
    return "csv"


def read_import(path: Path, fmt: str | None = None, *, progress: Progress | None = None,
                cancelled: IsCancelled | None = None) -> ParsedImport:
    """Read (never write) a file in the given or detected format; raises ImportFileError with one clear sentence."""
    path = Path(path)
    if path.is_dir():
        raise ImportFileError(_("{path} is a folder; choose a file.").format(path=path))
    if not path.exists():
        raise ImportFileError(_("There is no file {path}.").format(path=path))
    fmt = fmt or detect_format(path)
    if fmt not in IMPORT_FORMATS:
        raise ImportFileError(_("'{fmt}' is not an import format; use one of {formats}.").format(
            fmt=fmt, formats=", ".join(IMPORT_FORMATS)))
    check_cancel(cancelled)
    if fmt == "apple-health":
        from sb_desktop.exchange.apple_health import read_apple_health
        return read_apple_health(path, progress=progress, cancelled=cancelled)
    if fmt == "google-fit":
        from sb_desktop.exchange.google_fit import read_google_fit
        return read_google_fit(path, progress=progress, cancelled=cancelled)
    if fmt == "steps-csv":
        from sb_desktop.exchange.steps_csv import read_steps_csv
        return read_steps_csv(path, progress=progress, cancelled=cancelled)
    from sb_desktop.exchange import csv_format
    entries = csv_format.read_csv_file(path)
    if progress is not None:
        progress(1, 1)
    return ParsedImport(format="csv", other_entries=entries, records_read=len(entries))

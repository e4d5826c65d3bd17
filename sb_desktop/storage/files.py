"""Writing files that must never be left half-written: temp file, flush, fsync, os.replace."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- a full or read-only disk is not damage ---

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY_ERRNOS = {errno.EROFS}
_NOT_WRITABLE_ERRNOS = {errno.EACCES, errno.EPERM}


class DiskWriteError(UserError):
    """A write was refused by the disk (full, read-only, not writable). Nothing already saved is affected."""


def disk_problem(error: BaseException) -> str | None:
    """'full', 'read-only' or 'not writable' when `error` is the disk refusing a write; None otherwise.

    Works for OSError and for SQLite's own errors (SQLITE_FULL, SQLITE_READONLY), which carry no errno."""
    if isinstance(error, OSError):
        if error.errno in _FULL_ERRNOS:
            return "full"
        if error.errno in _READ_ONLY_ERRNOS:
            return "read-only"
        if error.errno in _NOT_WRITABLE_ERRNOS:
            return "not writable"
        return None
    code = getattr(error, "sqlite_errorcode", None)
    text = str(error).lower()
    if code == 13 or "database or disk is full" in text:  # SQLITE_FULL
        return "full"
    if (code is not None and code & 0xFF == 8) or "readonly database" in text or "read-only file system" in text:
        return "read-only"  # SQLITE_READONLY and its extended codes
    return None


def disk_problem_message(problem: str, what: str, path: Path | str) -> str:
    """One sentence saying what could not be written and why, in the person's words."""
    if problem == "full":
        text = _("The disk is full: {what} could not be written to {path}. Everything already saved is kept; "
                 "free some space and try again.")
    elif problem == "read-only":
        text = _("The disk is read-only: {what} could not be written to {path}. Everything already saved is "
                 "kept.")
    else:
        text = _("The folder is not writable: {what} could not be written to {path}. Everything already saved "
                 "is kept.")
    return text.format(what=what, path=path)

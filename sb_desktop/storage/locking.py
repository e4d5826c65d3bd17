"""One writer per profile: an OS file lock on `profile.lock` beside the database, held while it is open.

The lock is the operating system's own (flock on POSIX, msvcrt.locking on Windows), taken on a file that
is never deleted while in use, so it cannot go stale: when a process ends for any reason, even SIGKILL or
a power cut, the OS drops its locks. Two opens in one process conflict too, because each takes the lock
through its own file description. Qt's QLockFile is not used because storage/ must not import Qt.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _

LOCK_NAME = "profile.lock"
_UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # Windows only
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]  # Windows only
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class ProfileInUse(UserError):
    """Another window (or command) of this app has the profile open; nothing was changed."""


def in_use_message(name: str) -> str:
    return _("This profile is open in another window of SupportBack Desktop ('{name}'). Close it there "
             "first; nothing was changed.").format(name=name)


class ProfileLock:
    """The lock on one profile folder. `acquire` raises ProfileInUse when it is held anywhere else."""

    def __init__(self, folder: Path, name: str = ""):
        self.path = Path(folder) / LOCK_NAME
        self.name = name or Path(folder).name
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> ProfileLock:
        if self._fd is not None:
            return self
        # O_CREAT without O_TRUNC: the file is only a handle for the lock; its content is never read.
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            if error.errno not in _UNWRITABLE or not self.path.exists():
                raise
            fd = os.open(self.path, os.O_RDONLY)  # a read-only disk: a shared-mode handle still locks
        try:
            locked = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            raise ProfileInUse(in_use_message(self.name))
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)  # closing alone drops the lock too; unlocking first keeps Windows tidy

    def __enter__(self) -> ProfileLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def __del__(self):
        # A Profile dropped without close() must not keep its profile locked for the life of the process.
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                self._fd = None

"""What every command shares: which data folder and profile, opened once, and one way to report errors."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.paths import data_dir as resolve_data_dir
from sb_desktop.storage.database import DATABASE_ERRORS
from sb_desktop.storage.profiles import DEFAULT_PROFILE, Profile, ProfileDirectory


class CliContext:
    def __init__(self, data_dir: str | None = None, profile_name: str | None = None):
        self.data_dir: Path = resolve_data_dir(data_dir)
        self.profile_name = profile_name or DEFAULT_PROFILE
        self.profiles = ProfileDirectory(self.data_dir)
        self._profile: Profile | None = None

    def open_profile(self, *, create: bool = True) -> Profile:
        if self._profile is None:
            self._profile = self.profiles.open(self.profile_name, create=create)
        return self._profile

    def close(self) -> None:
        if self._profile is not None:
            self._profile.close()
            self._profile = None


def report_error(error: BaseException) -> int:
    """Print one clear line on stderr and return the exit code."""
    if isinstance(error, UserError):
        message = str(error)
    elif isinstance(error, DATABASE_ERRORS):
        message = _("The journal database could not be used: {reason}. Nothing was changed.").format(reason=error)
    elif isinstance(error, OSError):
        message = _("{path}: {reason}").format(path=error.filename or "", reason=error.strerror or error)
    else:
        message = _("Unexpected error ({kind}): {reason}").format(kind=type(error).__name__, reason=error)
        if os.environ.get("SB_DESKTOP_DEBUG"):
            raise error
    print(f"sb-desktop: {message}", file=sys.stderr)
    return 1

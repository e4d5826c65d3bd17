"""What every command shares: which data folder and profile, opened once, and one way to report errors."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from sb_desktop.domain.clinic_config import ClinicConfig, load_clinic_config
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.paths import PASSPHRASE_ENV  # noqa: E402,F401  (re-exported for the commands)
from sb_desktop.paths import data_dir as resolve_data_dir
from sb_desktop.storage.database import DATABASE_ERRORS
from sb_desktop.storage.profiles import DEFAULT_PROFILE, Profile, ProfileDirectory


class NoPassphrase(UserError):
    pass


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def read_passphrase(prompt: str, *, env: str | None = PASSPHRASE_ENV) -> str:
    """A passphrase from the environment, else a hidden prompt; with neither, a clean refusal (never a hang)."""
    if env and os.environ.get(env):
        return os.environ[env]
    if not stdin_is_terminal():
        raise NoPassphrase(_("A passphrase is needed: set {env} or run this command in a terminal.").format(
            env=PASSPHRASE_ENV))
    import getpass
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise NoPassphrase(_("No passphrase was entered.")) from None


class CliContext:
    def __init__(self, data_dir: str | None = None, profile_name: str | None = None,
                 clinic: ClinicConfig | None = None):
        self.data_dir: Path = resolve_data_dir(data_dir)
        self.profile_name = profile_name or DEFAULT_PROFILE
        self.clinic = clinic if clinic is not None else load_clinic_config()
        if self.clinic.problem:
            print(f"sb-desktop: {self.clinic.problem}", file=sys.stderr)
        self.profiles = ProfileDirectory(self.data_dir, passphrase_required=self.clinic.passphrase_required)
        self._profile: Profile | None = None

    def passphrase_for(self, name: str) -> str | None:
        """The passphrase for an existing encrypted profile (None for an unencrypted or new one)."""
        info = self.profiles.find(name)
        if info is None or not info.encrypted:
            return None
        return read_passphrase(_("Passphrase for profile '{name}': ").format(name=info.name))

    def open_profile(self, *, create: bool = True) -> Profile:
        if self._profile is None:
            name = self.profile_name
            passphrase = self.passphrase_for(name)
            if passphrase is None and self.profiles.find(name) is None and self.profiles.passphrase_required:
                passphrase = read_passphrase(_("New passphrase for profile '{name}': ").format(name=name))
            self._profile = self.profiles.open(name, create=create, passphrase=passphrase)
            if self._profile.backup_problem:  # said once, on stderr; the command itself carries on
                print(f"sb-desktop: {self._profile.backup_problem}", file=sys.stderr)
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
        import logging

        from sb_desktop.applog import describe_exception
        logging.getLogger(__name__).error("unexpected error: %s", describe_exception(type(error), error.__traceback__))
        message = _("Unexpected error ({kind}): {reason}").format(kind=type(error).__name__, reason=error)
        if os.environ.get("SB_DESKTOP_DEBUG"):
            raise error
    print(f"sb-desktop: {message}", file=sys.stderr)
    return 1

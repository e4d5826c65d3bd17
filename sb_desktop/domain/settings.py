"""Every per-profile setting, declared once: key, default, how a stored value is checked, clinic override.

Reading goes through `SettingsStore.read(SETTING)`, which returns the default (and logs the key, never the
value) when a stored value does not pass its check; writing goes through `SettingsStore.write(SETTING, v)`,
which refuses a value that does not pass with a UserError. No module names a settings key itself.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sb_desktop.domain.clinic_config import DEFAULT_AUTOLOCK_MINUTES, LONGEST_AUTOLOCK_MINUTES
from sb_desktop.domain.programme import DEFAULT_UNLOCK_DAYS, MAX_UNLOCK_DAYS
from sb_desktop.i18n import _

T = TypeVar("T")

DEFAULT_PACK_ID = "supportback-en"
_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class InvalidSetting(ValueError):
    """A value a setting does not accept."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: `check` returns the value to use or raises InvalidSetting (it never changes a value)."""

    key: str
    default: T
    check: Callable[[Any], T]
    clinic_key: str | None = None   # the clinic configuration field that fixes or caps it, if any
    about: str = ""

    def validate(self, value: Any) -> T:
        return self.check(value)


def _whole_number(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidSetting(_("Use a whole number from {low} to {high}.").format(low=low, high=high))
        return value
    return check


def _optional_whole_number(low: int, high: int) -> Callable[[Any], int | None]:
    whole = _whole_number(low, high)
    return lambda value: None if value is None else whole(value)


def _pack_id(value: Any) -> str:
    if not isinstance(value, str) or not _PACK_ID.match(value):
        raise InvalidSetting(_("'{value}' is not a content pack id.").format(value=value))
    return value


def _mapping(value: Any) -> dict:
    if not isinstance(value, Mapping):
        raise InvalidSetting(_("Expected a set of named values."))
    return dict(value)


def _optional_mapping(value: Any) -> dict | None:
    return None if value is None else _mapping(value)


def _progress_range(value: Any) -> str:
    from sb_desktop.domain.series import RANGE_KEYS  # here: numpy is not loaded at start-up
    if value not in RANGE_KEYS:
        raise InvalidSetting(_("'{value}' is not one of the chart's ranges.").format(value=value))
    return value


def _long_text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 4000 or "\x00" in value:
        raise InvalidSetting(_("Expected text of at most 4000 characters."))
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value or len(value) > 200:
        raise InvalidSetting(_("Expected a short text."))
    return value


CONTENT_PACK: Setting[str] = Setting("content.pack", DEFAULT_PACK_ID, _pack_id, "content_pack",
                                     "the content pack in use")
UNLOCK_DAYS: Setting[int] = Setting("sessions.unlock_days", DEFAULT_UNLOCK_DAYS, _whole_number(0, MAX_UNLOCK_DAYS),
                                    "session_unlock_days", "days between finishing a session and the next opening")
AUTOLOCK_MINUTES: Setting[int | None] = Setting(
    "autolock.minutes", None, _optional_whole_number(0, LONGEST_AUTOLOCK_MINUTES), "autolock_max_minutes",
    "idle minutes before the window locks (0: never; unset: the profile's default)")
DRAFTS: Setting[dict] = Setting("ui.drafts", {}, _mapping, None,
                                "unsaved input kept across a lock: {page key: the page's own draft}")
PROGRESS_RANGE: Setting[str] = Setting("progress.range", "3m", _progress_range, None, "the Progress chart's range")
REMINDERS: Setting[dict | None] = Setting("reminders", None, _optional_mapping, "reminders_allowed",
                                          "reminder times and whether they are on")
FHIR_PATIENT_ID: Setting[str | None] = Setting("exchange.fhir_patient_id", None,
                                               lambda v: None if v is None else _text(v), None,
                                               "the random id of this profile's FHIR Patient resource")

CALL_QUESTIONS: Setting[str] = Setting("calls.questions", "", lambda v: _long_text(v), None,
                                      "the person's own questions for the next support call")

ROUTINE_SORENESS_ASKED: Setting[int | None] = Setting(
    "routines.soreness_asked", None, _optional_whole_number(0, 2**62), None,
    "the routine done (its id) whose soreness question was last put, so it is asked only once")

ALL_SETTINGS: tuple[Setting, ...] = (CONTENT_PACK, UNLOCK_DAYS, AUTOLOCK_MINUTES, DRAFTS, PROGRESS_RANGE, REMINDERS,
                                     FHIR_PATIENT_ID, CALL_QUESTIONS,
                                     ROUTINE_SORENESS_ASKED)


def autolock_minutes(chosen: int | None, *, encrypted: bool, clinic) -> int | None:
    """The auto-lock in force (None: never): the person's choice, or the profile's default when they have not
    chosen (DEFAULT_AUTOLOCK_MINUTES when encrypted, else never), capped by a clinic. The one place it is
    computed."""
    minutes = (DEFAULT_AUTOLOCK_MINUTES if encrypted else 0) if chosen is None else chosen
    return clinic.effective_autolock_minutes(minutes) if clinic is not None else (minutes or None)

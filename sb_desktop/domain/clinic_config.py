"""Clinic configuration: one machine-wide, read-only JSON file that a clinic's administrator installs.

Locations (SB_DESKTOP_CLINIC_CONFIG overrides them all):
  Linux    /etc/sb-desktop/clinic.json
  Windows  %PROGRAMDATA%\\SupportBack\\sb-desktop\\clinic.json
  macOS    /Library/Application Support/SupportBack/sb-desktop/clinic.json
No file means a person's own computer: every default below applies. A file that cannot be read or does
not validate is never ignored silently: load_clinic_config() returns the safe defaults together with
a message saying what is wrong, and the app shows it.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sb_desktop.domain.json_limits import loads_bounded
from sb_desktop.i18n import _

CLINIC_CONFIG_ENV = "SB_DESKTOP_CLINIC_CONFIG"
MAX_FILE_BYTES = 256 * 1024
# WCAG 2.2.1: the person may lengthen the idle lock to at least 10x the default, or turn it off, unless a
# clinic caps it; a warning with a one-key extend comes at least 20 s before it locks in any case.
DEFAULT_AUTOLOCK_MINUTES = 15
LONGEST_AUTOLOCK_MINUTES = 240

_TEXT = {"type": "string", "maxLength": 2000}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "version": {"const": 1},
        "passphrase_required": {"type": "boolean"},
        "autolock_max_minutes": {"type": "integer", "minimum": 1, "maximum": LONGEST_AUTOLOCK_MINUTES},
        "site_name": {"type": "string", "maxLength": 120},
        "contact": {
            "type": "object", "additionalProperties": False,
            "properties": {"phone": {"type": "string", "maxLength": 60},
                           "email": {"type": "string", "maxLength": 200},
                           "address": {"type": "string", "maxLength": 400}},
        },
        "emergency": {
            "type": "object", "additionalProperties": False,
            "properties": {"urgent_text": _TEXT, "emergency_text": _TEXT,
                           "urgent_phone": {"type": "string", "maxLength": 60},
                           "emergency_phone": {"type": "string", "maxLength": 60},
                           # Service names as people know them locally, e.g. "the emergency department".
                           "emergency_service": {"type": "string", "maxLength": 120},
                           "urgent_service": {"type": "string", "maxLength": 120},
                           # Someone to talk to in a crisis (default: Samaritans, 116 123).
                           "crisis_text": _TEXT,
                           "crisis_service": {"type": "string", "maxLength": 120},
                           "crisis_phone": {"type": "string", "maxLength": 60}},
        },
        "content_pack": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._-]{0,63}$"},
        "reminders_allowed": {"type": "boolean"},
        "shared_machine": {"type": "boolean"},
        # Packs in the per-user data folder's content/ apply only when the clinic says so (they could
        # otherwise replace the built-in programme for every profile on the computer).
        "allow_user_content_packs": {"type": "boolean"},
        "session_unlock_days": {"type": "integer", "minimum": 0, "maximum": 60},
        # Planned support calls, in weeks after the programme starts (default 1, 3 and 6).
        "support_call_weeks": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 52},
                               "minItems": 1, "maxItems": 12, "uniqueItems": True},
        # The nine licensed STarT Back item texts, for a clinic that holds Keele's licence to use them.
        "startback_items": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 400},
                            "minItems": 9, "maxItems": 9},
    },
}


@dataclass(frozen=True)
class ClinicContact:
    phone: str = ""
    email: str = ""
    address: str = ""

    def lines(self, site_name: str = "") -> list[str]:
        """What a person needs to get in touch, one item a line (empty when the clinic gave none)."""
        items = [self.phone and _("Phone: {phone}").format(phone=self.phone),
                 self.email and _("Email: {email}").format(email=self.email),
                 self.address and _("Address: {address}").format(address=self.address)]
        items = [item for item in items if item]
        return ([site_name] if site_name and items else []) + items


def clinic_contact_lines(clinic) -> list[str]:
    """The clinic's name, phone, email and address from its configuration (empty when it gave none): the one
    place Today, the flare-up plan and the PDF summary read them from."""
    contact = getattr(clinic, "contact", None)
    return contact.lines(getattr(clinic, "site_name", "")) if contact else []


@dataclass(frozen=True)
class EmergencyWording:
    """Empty strings mean: use the app's own wording (which the safety screens always have)."""

    urgent_text: str = ""
    emergency_text: str = ""
    urgent_phone: str = ""
    emergency_phone: str = ""
    emergency_service: str = ""
    urgent_service: str = ""
    crisis_text: str = ""
    crisis_service: str = ""
    crisis_phone: str = ""


@dataclass(frozen=True)
class ClinicConfig:
    """What a clinic may set. The defaults are a person's own computer."""

    passphrase_required: bool = False
    autolock_max_minutes: int | None = None       # None: the person may choose any length or turn it off
    site_name: str = ""
    contact: ClinicContact = field(default_factory=ClinicContact)
    emergency: EmergencyWording = field(default_factory=EmergencyWording)
    content_pack: str | None = None
    reminders_allowed: bool = True
    shared_machine: bool = False
    session_unlock_days: int = 7
    support_call_weeks: tuple[int, ...] = (1, 3, 6)
    startback_items: tuple[str, ...] | None = None
    allow_user_content_packs: bool = False        # packs in <data dir>/content/ apply (default: built-in only)
    source: Path | None = None                    # the file read, if any
    problem: str | None = None                    # why the file was not used, if it was not

    @property
    def is_clinic(self) -> bool:
        return self.source is not None and self.problem is None

    # The red-flag advice (domain.safety.advice_settings) reads these names; empty means the app's own wording.
    @property
    def emergency_advice(self) -> str:
        return self.emergency.emergency_text

    @property
    def emergency_number(self) -> str:
        return self.emergency.emergency_phone

    @property
    def urgent_advice(self) -> str:
        return self.emergency.urgent_text

    @property
    def urgent_number(self) -> str:
        return self.emergency.urgent_phone

    @property
    def emergency_service(self) -> str:
        return self.emergency.emergency_service

    @property
    def urgent_service(self) -> str:
        return self.emergency.urgent_service

    @property
    def crisis_advice(self) -> str:
        return self.emergency.crisis_text

    @property
    def crisis_number(self) -> str:
        return self.emergency.crisis_phone

    @property
    def crisis_service(self) -> str:
        return self.emergency.crisis_service

    def effective_autolock_minutes(self, chosen: int | None) -> int | None:
        """The idle lock that applies: the person's choice (None/0 = off), capped by the clinic."""
        chosen = chosen or None
        if self.autolock_max_minutes is None:
            return chosen
        return self.autolock_max_minutes if chosen is None else min(chosen, self.autolock_max_minutes)


def default_location() -> Path:
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData")
        return base / "SupportBack" / "sb-desktop" / "clinic.json"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/SupportBack/sb-desktop/clinic.json")
    return Path("/etc/sb-desktop/clinic.json")


def config_location() -> Path:
    override = os.environ.get(CLINIC_CONFIG_ENV)
    return Path(override).expanduser() if override else default_location()


def parse_clinic_config(data, source: Path | None = None) -> ClinicConfig:
    """A ClinicConfig from decoded JSON; raises ValueError with a readable reason when it does not validate."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or _("top level")
        raise ValueError(_("{where}: {reason}").format(where=where, reason=first.message))
    return ClinicConfig(
        passphrase_required=data.get("passphrase_required", False),
        autolock_max_minutes=data.get("autolock_max_minutes"),
        site_name=data.get("site_name", "").strip(),
        contact=ClinicContact(**data.get("contact", {})),
        emergency=EmergencyWording(**data.get("emergency", {})),
        content_pack=data.get("content_pack"),
        reminders_allowed=data.get("reminders_allowed", True),
        shared_machine=data.get("shared_machine", False),
        session_unlock_days=data.get("session_unlock_days", 7),
        support_call_weeks=tuple(data.get("support_call_weeks", (1, 3, 6))),
        startback_items=tuple(data["startback_items"]) if "startback_items" in data else None,
        allow_user_content_packs=data.get("allow_user_content_packs", False),
        source=source,
    )


def load_clinic_config(path: Path | None = None) -> ClinicConfig:
    """The clinic configuration in force. Never raises: a bad file gives safe defaults and a `problem`.

    Safe defaults for a bad file lean towards protection: a passphrase is required and the idle lock is
    capped at the default, since a broken clinic file most likely sits on a shared machine."""
    path = Path(path) if path is not None else config_location()
    try:
        if not path.exists():
            return ClinicConfig()
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(_("the file is larger than {n} KiB").format(n=MAX_FILE_BYTES // 1024))
        data = loads_bounded(path.read_text(encoding="utf-8-sig"))
        return parse_clinic_config(data, source=path)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return ClinicConfig(
            passphrase_required=True, autolock_max_minutes=DEFAULT_AUTOLOCK_MINUTES, shared_machine=True,
            source=path,
            problem=_("The clinic configuration {path} could not be used ({reason}). Safe defaults apply: "
                      "a passphrase is required and the app locks after {n} idle minutes. "
                      "Please tell the clinic.").format(path=path, reason=reason, n=DEFAULT_AUTOLOCK_MINUTES),
        )

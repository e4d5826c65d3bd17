"""profile.json kept in three checksummed copies, so one damaged byte never costs the wrapped key.

profile.json holds the wrapped database key of an encrypted profile. A single copy was a single point of
failure: one damaged byte lost the journal and every backup, and read as a wrong passphrase. Now every
write seals the record with a SHA-256 of its canonical JSON and writes the same sealed record three
times: profile.json, profile-copy.json beside it and backups/profile-copy.json with the backups. Reading
takes the first intact copy, so damage is told apart from a wrong passphrase before any passphrase is
tried, and the damaged copy can be rewritten from a good one.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sb_desktop.storage.files import atomic_write_text

META_NAME = "profile.json"
COPY_NAME = "profile-copy.json"
BACKUP_COPY = Path("backups") / COPY_NAME
CHECKSUM = "sha256"
# Nesting deeper than this is not a profile record (and would make json.loads recurse without end).
_MAX_BYTES = 1 << 20


def checksum(record: dict) -> str:
    body = {k: v for k, v in record.items() if k != CHECKSUM}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def seal(record: dict) -> dict:
    sealed = {k: v for k, v in record.items() if k != CHECKSUM}
    sealed[CHECKSUM] = checksum(sealed)
    return sealed


INTACT, LEGACY, DAMAGED, MISSING = "intact", "legacy", "damaged", "missing"


def _parse(path: Path) -> tuple[str, dict]:
    """(state, record): INTACT when the checksum matches, LEGACY when it has none (written before copies)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        return MISSING, {}
    except OSError:
        return DAMAGED, {}
    if len(raw) > _MAX_BYTES:
        return DAMAGED, {}
    try:
        record = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return DAMAGED, {}
    if not isinstance(record, dict):
        return DAMAGED, {}
    if CHECKSUM not in record:
        return LEGACY, record
    return (INTACT if record.get(CHECKSUM) == checksum(record) else DAMAGED), record


@dataclass(frozen=True)
class MetaRead:
    record: dict          # the record to use ({} when there is none)
    primary: str          # state of profile.json: INTACT, LEGACY, DAMAGED or MISSING
    from_copy: bool       # the record came from a copy because profile.json was damaged or missing

    @property
    def damaged(self) -> bool:
        """profile.json is damaged or gone while the profile itself exists (a copy was found or not)."""
        return self.primary in (DAMAGED, MISSING) and (self.from_copy or self.primary == DAMAGED)

    @property
    def needs_repair(self) -> bool:
        return self.from_copy or self.primary == LEGACY


def copies(folder: Path) -> list[Path]:
    return [Path(folder) / COPY_NAME, Path(folder) / BACKUP_COPY]


def read_meta(folder: Path) -> MetaRead:
    folder = Path(folder)
    state, record = _parse(folder / META_NAME)
    if state in (INTACT, LEGACY):
        return MetaRead(record, state, False)
    for copy in copies(folder):
        copy_state, copy_record = _parse(copy)
        if copy_state == INTACT:
            return MetaRead(copy_record, state, True)
    return MetaRead({}, state, False)


def write_meta(folder: Path, record: dict) -> dict:
    """Seal the record and write it to profile.json (the commit point), then to both copies."""
    folder = Path(folder)
    sealed = seal(record)
    text = json.dumps(sealed, indent=1)
    atomic_write_text(folder / META_NAME, text)
    for copy in copies(folder):
        atomic_write_text(copy, text)
    return sealed
